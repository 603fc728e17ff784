/**
 * Global setup of the e2e tier: a throw-away Neo4j (or TEST_NEO4J_URI), then the real server
 * (`server/main.ts`, exactly what `npm start` runs: seed sync, Vite build of the client, HTTP)
 * on a free port. Tests get its address as `inject('e2eBaseUrl')`.
 *
 * The server edits a temporary COPY of seed/ (SPLINTERNET_SEED_DIR), never the repository's
 * files: authoring tests write through the UI. Tests get the copy as `inject('e2eSeedDir')` and
 * the pristine originals at `inject('e2eOriginalSeedDir')`.
 *
 * E2E_BASE_URL=http://127.0.0.1:4000 skips both and tests a server that is already running
 * (E2E_SEED_DIR then names the seed folder that server edits, if any).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../neo4j/local-neo4j.ts';
import { setup as setupNeo4j, teardown as teardownNeo4j } from '../helpers/global-neo4j.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string;
    /** The seed folder the server reads and writes ('' when unknown: an external server without E2E_SEED_DIR). */
    e2eSeedDir: string;
    /** The repository's seed folder, unchanged, to compare the copy with. */
    e2eOriginalSeedDir: string;
  }
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let server: ChildProcess | undefined;
let startedNeo4j = false;
let seedCopy: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  const external = process.env.E2E_BASE_URL;
  project.provide('e2eOriginalSeedDir', join(root, 'seed'));
  if (external) {
    project.provide('e2eBaseUrl', external.replace(/\/$/, ''));
    project.provide('e2eSeedDir', process.env.E2E_SEED_DIR ?? '');
    return;
  }
  await setupNeo4j(project);
  startedNeo4j = true;
  // `<tmp>/seed`, so the server shows paths as seed/data/… just as it does for the real folder.
  seedCopy = mkdtempSync(join(tmpdir(), 'splinternet-e2e-'));
  const seedDir = join(seedCopy, 'seed');
  cpSync(join(root, 'seed'), seedDir, { recursive: true });
  project.provide('e2eSeedDir', seedDir);
  const port = await freePort();
  const output: string[] = [];
  server = spawn(process.execPath, ['--import', 'tsx', join(root, 'server', 'main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      NEO4J_URI: project.getProvidedContext().neo4jUri,
      NEO4J_USERNAME: project.getProvidedContext().neo4jUsername,
      NEO4J_PASSWORD: project.getProvidedContext().neo4jPassword,
      NODE_ENV: 'test',
      SPLINTERNET_SEED_DIR: seedDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  server.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForReady(base, server, 240_000);
  } catch (error) {
    await stopServer();
    throw new Error(`e2e: the server did not become ready (${(error as Error).message}). Its output:\n${output.join('').slice(-4000)}`);
  }
  project.provide('e2eBaseUrl', base);
}

export async function teardown(): Promise<void> {
  await stopServer();
  if (startedNeo4j) await teardownNeo4j();
  if (seedCopy) rmSync(seedCopy, { recursive: true, force: true });
}

async function waitForReady(base: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/readyz`);
      if (res.ok) {
        const page = await fetch(`${base}/`);
        if (page.ok) return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`not ready after ${timeoutMs} ms`);
}

async function stopServer(): Promise<void> {
  const child = server;
  server = undefined;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
