import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startLocalNeo4j, LocalNeo4jError } from '../../neo4j/local-neo4j.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return check();
}

describe('the local Neo4j launcher', () => {
  it('names the cause when java is missing', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const err = await startLocalNeo4j({ mode: 'ephemeral', log: () => {} }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LocalNeo4jError);
      expect((err as Error).message).toMatch(/'java' was not found on PATH: install a JDK 17\+/);
    } finally {
      process.env.PATH = path;
    }
  });

  it('names the cause when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const err = await startLocalNeo4j({ mode: 'ephemeral', port, log: () => {} }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LocalNeo4jError);
      expect((err as Error).message).toBe(
        `port ${port} on 127.0.0.1 is taken by another process; set NEO4J_LOCAL_PORT to another port, or NEO4J_URI to use that server`,
      );
    } finally {
      blocker.close();
    }
  });

  it('never leaves an orphaned JVM: killing the parent with SIGKILL stops Neo4j', async () => {
    // A child process starts Neo4j, prints the JVM pid, and is then killed without a chance to clean up.
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test', 'helpers', 'start-neo4j-child.ts')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((res, rej) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /PID (\d+) (\S+)/.exec(out);
        if (m) res(m[0]);
      });
      child.once('exit', (code) => rej(new Error(`child exited early with ${code}: ${out}`)));
    });
    const [, pid, dataDir] = line.split(' ');
    const jvmPid = Number(pid);
    expect(alive(jvmPid)).toBe(true);
    child.kill('SIGKILL');
    // The launcher sees stdin close and shuts Neo4j down by itself.
    expect(await waitUntil(() => !alive(jvmPid), 45_000)).toBe(true);
    const { existsSync } = await import('node:fs');
    expect(existsSync(dataDir!)).toBe(false);
  }, 240_000);

  it('stop() ends the JVM and deletes the throw-away data folder', async () => {
    const db = await startLocalNeo4j({ mode: 'ephemeral', log: () => {} });
    const { existsSync } = await import('node:fs');
    expect(existsSync(db.dataDir)).toBe(true);
    expect(db.uri).toMatch(/^bolt:\/\/127\.0\.0\.1:\d+$/);
    await db.stop();
    expect(alive(db.pid)).toBe(false);
    expect(existsSync(db.dataDir)).toBe(false);
  }, 240_000);
});
