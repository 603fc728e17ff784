/**
 * Global setup of the e2e tier: a throw-away Neo4j (or TEST_NEO4J_URI), then the real server
 * (`server/main.ts`, exactly what `npm start` runs: seed sync, Vite build of the client, HTTP)
 * on a free port. Tests get its address as `inject('e2eBaseUrl')`.
 *
 * E2E_BASE_URL=http://127.0.0.1:4000 skips both and tests a server that is already running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../neo4j/local-neo4j.ts';
import { setup as setupNeo4j, teardown as teardownNeo4j } from '../helpers/global-neo4j.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string;
  }
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let server: ChildProcess | undefined;
let startedNeo4j = false;

export async function setup(project: TestProject): Promise<void> {
  const external = process.env.E2E_BASE_URL;
  if (external) {
    project.provide('e2eBaseUrl', external.replace(/\/$/, ''));
    return;
  }
  await setupNeo4j(project);
  startedNeo4j = true;
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
