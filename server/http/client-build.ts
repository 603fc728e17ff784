import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const clientDir = join(root, 'client');
const distDir = join(clientDir, 'dist');

/** Newest modification time of the client's sources (not its build output). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'dist' || name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    const st = statSync(p);
    newest = Math.max(newest, st.isDirectory() ? newestSource(p) : st.mtimeMs);
  }
  return newest;
}

/**
 * Builds the client with Vite when its build is missing or older than its sources, so
 * `npm start` always serves what is in client/. Returns the folder to serve, or undefined
 * when there is no client yet.
 */
export async function ensureClientBuilt(): Promise<string | undefined> {
  if (!existsSync(join(clientDir, 'index.html'))) return undefined;
  const built = join(distDir, 'index.html');
  if (existsSync(built) && statSync(built).mtimeMs >= newestSource(clientDir)) return distDir;
  console.log('client: building with Vite…');
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(clientDir, 'vite.config.ts'), '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit' },
  );
  if (r.status !== 0) {
    console.error('client: build failed; serving the API only');
    return existsSync(built) ? distDir : undefined;
  }
  return distDir;
}
