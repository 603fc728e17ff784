/**
 * SPLINTERNET_WORKERS: `server/main.ts` as the real child process, with two workers answering
 * HTTP on one port while the primary syncs and relays the seed's status — over a copy of seed/,
 * on the run's Neo4j.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CSRF_HEADER } from '../../server/graphql/create-yoga.ts';
import { freePort } from '../../neo4j/local-neo4j.ts';
import { startServerChild, type ServerChild } from '../drills/server-child.ts';
import { openSeedEventStream } from '../helpers/live-seed-harness.ts';
import { SEED_DIR } from '../helpers/seed-fixture.ts';
import { openTestDatabase, resetDatabase } from '../helpers/test-database.ts';

const db = openTestDatabase();
const parent = mkdtempSync(join(tmpdir(), 'splinternet-workers-'));
const seedDir = join(parent, 'seed');
let server: ServerChild;
let startedAt = 0;

/** One GraphQL POST on a connection of its own: the cluster hands each new connection to a worker in turn. */
function post(query: string): Promise<Record<string, any>> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ query });
    const req = request(
      `${server.baseUrl}/graphql`,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve(JSON.parse(text) as Record<string, any>));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Pids of the processes that logged a request line (request-log.ts), in order. */
const requestPids = () =>
  server
    .output()
    .split('\n')
    .filter((l) => l.includes('"msg":"request"'))
    .map((l) => (JSON.parse(l) as { pid: number }).pid);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  await resetDatabase(db);
  cpSync(SEED_DIR, seedDir, { recursive: true });
  server = await startServerChild({
    port: await freePort(),
    neo4j: { uri: inject('neo4jUri'), username: inject('neo4jUsername'), password: inject('neo4jPassword') },
    env: { SPLINTERNET_SEED_DIR: seedDir, SPLINTERNET_WORKERS: '2', SPLINTERNET_LOG_LEVEL: 'info' },
  });
}, 300_000);
afterAll(async () => {
  await server?.stop(5_000);
  await db.close();
  rmSync(parent, { recursive: true, force: true });
});

describe('a server with two workers', () => {
  let workerPids: number[] = [];

  it('answers from both workers, none of them the syncing primary', async () => {
    // /readyz answers once the first worker listens; the primary says when all of them do.
    await expect.poll(() => server.output(), { timeout: 60_000 }).toContain('(2 workers;');
    startedAt = Date.now();
    const answers = await Promise.all(Array.from({ length: 8 }, () => post('{ stats { entities } seedStatus { state watching } }')));
    for (const a of answers) expect(a).toEqual({ data: { stats: { entities: expect.any(Number) }, seedStatus: { state: 'SYNCED', watching: true } } });
    expect(answers[0]!.data.stats.entities).toBeGreaterThan(100);
    // The request lines are written asynchronously: wait until every request has one.
    await expect.poll(() => requestPids().length).toBeGreaterThanOrEqual(8);
    workerPids = [...new Set(requestPids())];
    expect(workerPids).toHaveLength(2);
    expect(workerPids).not.toContain(server.pid);
    // Only the primary synced: one sync line in the output.
    expect(server.output().match(/"msg":"seed: /g)).toHaveLength(1);
  });

  it('edits through several workers at once are applied one after another, and every worker then serves the new version', async () => {
    const stream = await openSeedEventStream(fetch, `${server.baseUrl}/graphql`);
    const first = await stream.next();
    const before = first!.data.seedEvents.status.version as string;
    const ids = ['worker-outlet-a', 'worker-outlet-b', 'worker-outlet-c', 'worker-outlet-d'];
    const edits = await Promise.all(
      ids.map((id) => post(`mutation { addOutlet(outlet: { id: "${id}", name: "Outlet ${id}", website: "https://${id}.example" }) { applied graphVersion } }`)),
    );
    for (const e of edits) expect(e).toEqual({ data: { addOutlet: { applied: true, graphVersion: expect.stringMatching(/^[0-9a-f]{12}$/) } } });
    // Each edit saw the one before: none was lost to another worker's write of the same file.
    const dataDir = join(seedDir, 'data');
    const text = readdirSync(dataDir)
      .map((f) => readFileSync(join(dataDir, f), 'utf8'))
      .join('\n');
    for (const id of ids) expect(text).toContain(id);
    const last = edits.map((e) => e.data.addOutlet.graphVersion as string);
    expect(new Set(last).size).toBe(4);
    const final = await post(`{ seedStatus { version } ${ids.map((id, i) => `e${i}: entity(id: "${id}") { id }`).join(' ')} }`);
    expect(final.data.seedStatus.version).not.toBe(before);
    // Every worker answers with the final version and finds every outlet.
    const everywhere = await Promise.all(Array.from({ length: 6 }, () => post('{ seedStatus { version } }')));
    expect(new Set(everywhere.map((a) => a.data.seedStatus.version))).toEqual(new Set([final.data.seedStatus.version]));
    expect(Object.values(final.data).filter((v) => v && typeof v === 'object' && 'id' in v)).toHaveLength(4);
    // The subscription on a worker heard of the changes the primary synced.
    const event = await stream.next();
    expect(event!.data.seedEvents.change.previousVersion).toBe(before);
    stream.close();
  });

  it('a worker that crashes is replaced, and the server keeps answering', async () => {
    // A worker that dies within 10 s of starting is not started again (main.ts): wait past that.
    const sinceStart = Date.now() - startedAt;
    if (sinceStart < 10_500) await new Promise((r) => setTimeout(r, 10_500 - sinceStart));
    const [victim, survivor] = workerPids as [number, number];
    process.kill(victim, 'SIGKILL');
    await expect.poll(() => alive(victim)).toBe(false);
    // Fresh connections reach the survivor and, once it listens, the replacement.
    await expect
      .poll(
        async () => {
          await Promise.all(Array.from({ length: 4 }, () => post('{ stats { entities } }')));
          return [...new Set(requestPids())].filter((pid) => pid !== victim && pid !== survivor).length;
        },
        { timeout: 30_000, interval: 500, message: server.output().slice(-1500) },
      )
      .toBe(1);
    workerPids = [...new Set(requestPids())].filter((pid) => pid !== victim);
    expect(workerPids).toHaveLength(2);
    expect(server.output(), server.output().slice(-1500)).toContain(`worker ${victim} exited (SIGKILL)`);
  });

  it('SIGTERM to the primary stops every worker, and it exits 0', async () => {
    expect(workerPids.every(alive)).toBe(true);
    const exit = await server.stop(20_000);
    expect(exit).toEqual({ code: 0, signal: null });
    await expect.poll(() => workerPids.filter(alive), { timeout: 5_000 }).toEqual([]);
  });
});
