import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadJob, LoadResult } from './api-loadgen.ts';

const loadgenPath = join(dirname(fileURLToPath(import.meta.url)), 'api-loadgen.ts');

export interface RunLoadgenOptions {
  /** Told the child when it starts and `undefined` when it exits (so a caller can kill it on a signal). */
  track?: (child: ChildProcess | undefined) => void;
  /** SIGKILL the child if it has not reported after this many seconds. */
  killAfterS?: number;
}

/** One autocannon job in a child process (api-loadgen.ts): it must not share the event loop of anything measured. */
export function runLoadgen(job: LoadJob, { track, killAfterS }: RunLoadgenOptions = {}): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(loadgenPath, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    track?.(child);
    let settled = false;
    const timer = killAfterS === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterS * 1000);
    child.once('message', (m: { ok: boolean; result?: LoadResult; error?: string }) => {
      settled = true;
      if (m.ok) resolve(m.result!);
      else reject(new Error(`load generator failed: ${m.error}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      track?.(undefined);
      if (!settled) reject(new Error(`load generator exited with ${code} before reporting`));
    });
    child.send(job);
  });
}
