/**
 * The real server (`server/main.ts`, what `npm start` runs) as a child process of a drill, so a
 * crash shows up as an exit, and its memory can be asked for (heap-probe.ts). Used by the fault,
 * load and scale-out drills.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../helpers/seed-fixture.ts';

export interface ServerChild {
  baseUrl: string;
  port: number;
  pid: number;
  process: ChildProcess;
  /** Everything it printed, stdout and stderr interleaved (the last 200 kB). */
  output(): string;
  /** Exit code or signal once it has exited, else undefined. */
  exited(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** Heap in use after a full garbage collection, and resident memory, in MB (heap-probe.ts). */
  heapAfterGc(timeoutMs?: number): Promise<{ heapUsedMb: number; rssMb: number }>;
  /** SIGTERM (its own graceful shutdown), SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface ServerChildOptions {
  port: number;
  neo4j: { uri: string; username: string; password: string };
  /** @default 'production' */
  nodeEnv?: string;
  /** How long to wait for /readyz. @default 240000 (a fresh clone builds the client first) */
  readyTimeoutMs?: number;
  /** More environment (SPLINTERNET_SEED_DIR, SPLINTERNET_RESPONSE_CACHE…). */
  env?: Record<string, string>;
}

/** Spawns `node --import tsx server/main.ts` on `port` and waits until /readyz answers 200. */
export async function startServerChild(options: ServerChildOptions): Promise<ServerChild> {
  const preload = (file: string) => ['--import', join(PROJECT_ROOT, 'test', 'drills', file)];
  const args = ['--expose-gc', '--import', 'tsx', ...preload('exit-with-parent.ts'), ...preload('heap-probe.ts'), join(PROJECT_ROOT, 'server', 'main.ts')];
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      NEO4J_URI: options.neo4j.uri,
      NEO4J_USERNAME: options.neo4j.username,
      NEO4J_PASSWORD: options.neo4j.password,
      NODE_ENV: options.nodeEnv ?? 'production',
      // A line per request would flood the drill's output; warnings and errors still show.
      SPLINTERNET_LOG_LEVEL: 'warn',
      ...options.env,
    },
    // stdin stays a pipe: exit-with-parent.ts stops the server when it closes.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-200_000);
  };
  child.stdout?.on('data', keep);
  // heap-probe.ts answers on stdout, a line each; stdout chunks need not end at a line.
  const probes: { heapUsed: number; rss: number; collected: boolean }[] = [];
  let partial = '';
  child.stdout?.on('data', (d: Buffer) => {
    const lines = (partial + d.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('heap-probe ')) probes.push(JSON.parse(line.slice('heap-probe '.length)));
  });
  child.stderr?.on('data', keep);
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitedPromise = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    child.once('exit', (code, signal) => res((exit = { code, signal }))),
  );
  // A drill that dies must not leave its server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exitedPromise.then(() => process.removeListener('exit', killOnExit));

  const baseUrl = `http://127.0.0.1:${options.port}`;
  const server: ServerChild = {
    baseUrl,
    port: options.port,
    pid: child.pid ?? -1,
    process: child,
    output: () => out,
    heapAfterGc(timeoutMs = 10_000) {
      const seen = probes.length;
      child.stdin?.write('heap\n');
      return new Promise((resolve, reject) => {
        const deadline = Date.now() + timeoutMs;
        const poll = () => {
          const probe = probes[seen];
          if (probe) {
            if (!probe.collected) return reject(new Error('the server child runs without --expose-gc'));
            return resolve({ heapUsedMb: probe.heapUsed / 2 ** 20, rssMb: probe.rss / 2 ** 20 });
          }
          if (exit || Date.now() > deadline) return reject(new Error(`no heap-probe answer within ${timeoutMs} ms${exit ? ' (the server exited)' : ''}`));
          setTimeout(poll, 20);
        };
        poll();
      });
    },
    exited: () => exit,
    async stop(graceMs = 15_000) {
      if (exit) return exit;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const r = await exitedPromise;
      clearTimeout(timer);
      return r;
    },
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 240_000);
  for (;;) {
    if (exit) throw new Error(`the server exited during start (${exit.code ?? exit.signal}); its output:\n${out.slice(-3000)}`);
    if (Date.now() > deadline) {
      await server.stop(2_000);
      throw new Error(`the server was not ready after ${options.readyTimeoutMs ?? 240_000} ms; its output:\n${out.slice(-3000)}`);
    }
    try {
      if ((await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) })).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
