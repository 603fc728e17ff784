/**
 * Faults (issue 6, section 4), against a Neo4j of its own (persistent mode, its own data
 * folder, so it can be killed and restarted on the same store) and the real server as a child
 * process:
 *  (a) SIGKILL the Neo4j JVM while `seed:sync` (the CLI, a child process) is writing a large
 *      synthetic seed → the CLI fails with a clear error; after a restart the graph equals its
 *      checksum from before the sync; the sync re-runs to completion.
 *  (b) SIGKILL it under API load → answers are DATABASE_UNAVAILABLE over HTTP, the server lives,
 *      and answers are good again within 5 s of Neo4j being back.
 *  (c) restart the server under load → the graph is unchanged, clients fail only inside the
 *      restart window.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EPHEMERAL_PREFIX, freePort, startLocalNeo4j, type LocalNeo4j } from '../../neo4j/local-neo4j.ts';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { loadOntologyFile } from '../../server/ingest/ontology.ts';
import { syncSeed } from '../../server/ingest/sync-seed.ts';
import { writeSyntheticSeed } from '../bench/synthetic-seed.ts';
import { graphChecksum, sameChecksum, type GraphChecksum } from '../helpers/graph-state.ts';
import { PROJECT_ROOT, SEED_DIR } from '../helpers/seed-fixture.ts';
import { BOOTSTRAP_REQUEST, clientWorkload, WORKLOAD_HEADERS } from './client-workload.ts';
import type { Drill, DrillOptions, DrillRow } from './drill-types.ts';
import { sendOne, startFetchLoad, type Outcome } from './fetch-load.ts';
import { startServerChild, type ServerChild } from './server-child.ts';

const DRILL = 'faults';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const show = (c: GraphChecksum) => `${c.nodes} nodes/${c.relationships} rels #${c.hash.slice(0, 8)}`;

interface Sizes {
  entities: number;
  relations: number;
  workers: number;
  /** How long the load runs before and after each fault. */
  steadyMs: number;
  /**
   * The longest a client's first answer may take after Neo4j's return. The issue's aim is 5 s
   * (full mode). Quick mode runs inside `npm test`, beside the e2e project's server and browser
   * on the same 2 cores, where a freshly restarted JVM compiling its first query took 5.8 s
   * with nothing wrong: there it asserts that recovery happens, within 15 s.
   */
  recoveryMs: number;
}

export const faultDrill: Drill = async (options) => {
  const sizes: Sizes = options.quick
    ? { entities: 2_000, relations: 20_000, workers: 4, steadyMs: 1_500, recoveryMs: 15_000 }
    : { entities: 20_000, relations: 100_000, workers: 16, steadyMs: 5_000, recoveryMs: 5_000 };
  const work = mkdtempSync(join(tmpdir(), `${EPHEMERAL_PREFIX}faults-`));
  const dataDir = join(work, 'neo4j');
  const port = await freePort();
  const startNeo4j = () =>
    startLocalNeo4j({
      mode: 'persistent',
      dataDir,
      port,
      heapMb: options.quick ? 768 : 3072,
      pageCacheMb: 256,
      txMemoryMb: options.quick ? 512 : 2048,
      log: () => {},
    });
  const state: { neo4j: LocalNeo4j | undefined; db: Database | undefined; servers: ServerChild[] } = { neo4j: undefined, db: undefined, servers: [] };
  const connection = () => ({ uri: `bolt://127.0.0.1:${port}`, username: 'neo4j', password: 'neo4j' });
  const reopen = async () => {
    await state.db?.close();
    state.db = openDatabase(connection());
    return state.db;
  };
  const rows: DrillRow[] = [];
  // A part that throws is one failed row; the parts after it need what it left, so they skip.
  const part = async (name: string, run: () => Promise<DrillRow[]>): Promise<boolean> => {
    try {
      rows.push(...(await run()));
      return true;
    } catch (error) {
      rows.push({ drill: DRILL, case: `${name}: crashed`, cases: 1, passed: 0, figure: (error as Error).message.slice(0, 300) });
      return false;
    }
  };
  try {
    state.neo4j = await startNeo4j();
    options.log(`faults: Neo4j pid ${state.neo4j.pid} on port ${port}, data in ${dataDir}`);
    if (!(await part('kill Neo4j during a seed sync', () => killDuringSync(options, sizes, work, state, startNeo4j, reopen)))) return rows;

    // (b) and (c) serve the real dataset from the same store: clear the synthetic graph first.
    const session = (await reopen()).driver.session();
    try {
      await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
    } finally {
      await session.close();
    }
    const server = await startServerChild({ port: await freePort(), neo4j: connection() });
    state.servers.push(server);
    const requests = await clientWorkload(state.db!, 10);
    if (!(await part('kill Neo4j under API load', () => killUnderLoad(options, sizes, state, server, requests, startNeo4j, reopen)))) return rows;
    await part('restart the server under load', () => restartServerUnderLoad(options, sizes, state, server, requests, connection()));
  } finally {
    for (const s of state.servers) await s.stop(5_000);
    await state.db?.close();
    await state.neo4j?.stop();
    rmSync(work, { recursive: true, force: true });
  }
  return rows;
};

type State = { neo4j: LocalNeo4j | undefined; db: Database | undefined; servers: ServerChild[] };

/** Kills the Neo4j JVM the way a crash or the OOM killer would: no shutdown, no flush. */
async function killNeo4j(state: State): Promise<number> {
  const neo4j = state.neo4j!;
  process.kill(neo4j.pid, 'SIGKILL');
  const at = Date.now();
  await neo4j.stop(); // reaps the dead process and removes its pid file
  state.neo4j = undefined;
  return at;
}

/** (a) SIGKILL Neo4j while the seed CLI writes; restart; compare; re-run. */
async function killDuringSync(
  options: DrillOptions,
  sizes: Sizes,
  work: string,
  state: State,
  startNeo4j: () => Promise<LocalNeo4j>,
  reopen: () => Promise<Database>,
): Promise<DrillRow[]> {
  const ontology = loadOntologyFile(join(SEED_DIR, 'ontology.yaml'));
  const seedDir = (name: string, seed: number) => {
    const dir = join(work, name, 'seed');
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(SEED_DIR, 'ontology.yaml'), join(dir, 'ontology.yaml'));
    writeSyntheticSeed({ dir, ontology, entities: sizes.entities, relations: sizes.relations, seed });
    return dir;
  };
  // Before: seed A. The killed sync moves to seed B: the same entities, other relations, so it
  // deletes and creates a whole graph's worth of relations in its one transaction.
  const before = seedDir('before', 1);
  const after = seedDir('after', 2);
  // The CLI runs in PROJECT_ROOT and names files from there; seedFile values must match its.
  const seedA = loadSeed({ seedDir: before, displayRoot: PROJECT_ROOT });
  const seedB = loadSeed({ seedDir: after, displayRoot: PROJECT_ROOT });
  if (seedA.diagnostics.length + seedB.diagnostics.length > 0) throw new Error('the synthetic seeds are invalid');
  let db = await reopen();
  await syncSeed(db, seedA.graph);
  const checksumBefore = await graphChecksum(db);
  options.log(`faults: before the sync ${show(checksumBefore)}`);

  // The CLI, as an analyst runs it; it prints "sync: N/M rows written" per batch on a pipe.
  const cli = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'server', 'ingest', 'cli.ts'), 'sync', '--seed-dir', after], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NEO4J_URI: `bolt://127.0.0.1:${state.neo4j!.port}`, NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: 'neo4j' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let killedAt: number | undefined;
  let killedWhen = '';
  const exited = new Promise<number | null>((res) => cli.once('exit', (code) => res(code)));
  const onData = (d: Buffer) => {
    output += d.toString();
    const m = /sync: (\d+)\/(\d+) rows written/.exec(output);
    if (m && killedAt === undefined && Number(m[1]) < Number(m[2])) {
      killedWhen = `${m[1]}/${m[2]} rows`;
      killedAt = Date.now();
      process.kill(state.neo4j!.pid, 'SIGKILL');
    }
  };
  cli.stdout!.on('data', onData);
  cli.stderr!.on('data', onData);
  const hang = setTimeout(() => cli.kill('SIGKILL'), 300_000);
  const code = await exited;
  clearTimeout(hang);
  const failedAfterMs = killedAt === undefined ? Number.NaN : Date.now() - killedAt;
  const message = /seed: sync failed[^\n]*/.exec(output)?.[0] ?? '';
  const clear = killedAt !== undefined && code === 1 && message.includes('Neo4j is unavailable') && failedAfterMs < 30_000;
  options.log(`faults: killed Neo4j at ${killedWhen || '(never: no progress line)'}; CLI exit ${code} after ${sec(failedAfterMs)}: ${message.slice(0, 160)}`);
  // Reaps the killed JVM (or, when no kill happened, stops it cleanly for the comparison below).
  await state.neo4j?.stop();
  state.neo4j = undefined;

  const t = Date.now();
  state.neo4j = await startNeo4j();
  const restartMs = Date.now() - t;
  db = await reopen();
  const checksumAfter = await graphChecksum(db);
  const intact = killedAt !== undefined && sameChecksum(checksumBefore, checksumAfter);
  options.log(`faults: after restart (${sec(restartMs)}) ${show(checksumAfter)}`);

  const rerun = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'server', 'ingest', 'cli.ts'), 'sync', '--quiet', '--seed-dir', after], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NEO4J_URI: state.neo4j.uri, NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: 'neo4j' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let rerunOut = '';
  rerun.stdout!.on('data', (d: Buffer) => (rerunOut += d.toString()));
  rerun.stderr!.on('data', (d: Buffer) => (rerunOut += d.toString()));
  const t2 = Date.now();
  const rerunCode = await new Promise<number | null>((res) => rerun.once('exit', (c) => res(c)));
  const rerunMs = Date.now() - t2;
  // Done means Neo4j now holds exactly seed B: a dry run finds nothing left to change.
  const check = await syncSeed(db, seedB.graph, { dryRun: true });
  const left =
    check.entities.created + check.entities.updated + check.entities.removed + check.relations.created + check.relations.updated + check.relations.removed;
  const complete = rerunCode === 0 && left === 0 && check.relations.unchanged === sizes.relations;
  if (!complete) options.log(`faults: re-run exit ${rerunCode}, ${left} changes left:\n${rerunOut.slice(-2000)}`);

  const rowsTotal = `${sizes.relations} relations`;
  return [
    {
      drill: DRILL,
      case: `kill Neo4j mid-write of a ${rowsTotal} seed sync: the CLI fails clearly`,
      cases: 1,
      passed: clear ? 1 : 0,
      figure:
        killedAt === undefined
          ? `never killed: ${output.slice(-200)}`
          : `killed at ${killedWhen}; exit ${code} in ${sec(failedAfterMs)}: "${message.slice(0, 90)}…"`,
    },
    {
      drill: DRILL,
      case: 'after the restart the graph equals its checksum from before the sync',
      cases: 1,
      passed: intact ? 1 : 0,
      figure: `${show(checksumBefore)} → ${show(checksumAfter)}; restart ${sec(restartMs)}`,
    },
    {
      drill: DRILL,
      case: 'the sync re-runs and completes',
      cases: 1,
      passed: complete ? 1 : 0,
      figure: `exit ${rerunCode} in ${sec(rerunMs)}; ${check.relations.unchanged} relations in place, ${left} changes left`,
    },
  ];
}

/** (b) SIGKILL Neo4j under API load; the server must answer DATABASE_UNAVAILABLE, live, and recover. */
async function killUnderLoad(
  options: DrillOptions,
  sizes: Sizes,
  state: State,
  server: ServerChild,
  requests: Awaited<ReturnType<typeof clientWorkload>>,
  startNeo4j: () => Promise<LocalNeo4j>,
  reopen: () => Promise<Database>,
): Promise<DrillRow[]> {
  const load = startFetchLoad({ url: `${server.baseUrl}/graphql`, headers: WORKLOAD_HEADERS, requests, workers: sizes.workers });
  const probes: Array<{ at: number; health: number; ready: number }> = [];
  let probing = true;
  const probe = (async () => {
    while (probing) {
      const status = (path: string) =>
        fetch(`${server.baseUrl}${path}`, { signal: AbortSignal.timeout(5_000) }).then(
          (r) => r.status,
          () => 0,
        );
      probes.push({ at: Date.now(), health: await status('/healthz'), ready: await status('/readyz') });
      await sleep(250);
    }
  })();
  let outcomes: Outcome[] = [];
  const bootstrap: Outcome[] = [];
  let killedAt = 0;
  let readyAt = 0;
  let steadyFrom = 0;
  try {
    // Steady state first: every operation answered (the first ones wait for Neo4j to plan them).
    const warm = Date.now() + 120_000;
    while (Date.now() < warm && load.outcomes.filter((o) => o.ok).length < requests.length) await sleep(100);
    steadyFrom = Date.now();
    await sleep(sizes.steadyMs);
    killedAt = await killNeo4j(state);
    options.log(`faults: killed Neo4j under load (${load.outcomes.length} answers so far)`);
    await sleep(sizes.steadyMs);
    state.neo4j = await startNeo4j();
    readyAt = Date.now();
    // A client opening the app now: Bootstrap every 200 ms until it is answered.
    const deadline = readyAt + 60_000;
    while (Date.now() < deadline && !bootstrap.some((o) => o.ok)) {
      bootstrap.push(await sendOne(`${server.baseUrl}/graphql`, WORKLOAD_HEADERS, BOOTSTRAP_REQUEST));
      if (!bootstrap.some((o) => o.ok)) await sleep(200);
    }
    // The workload's first good answer (its Cypher is planned anew by the restarted Neo4j), then steady load.
    while (Date.now() < deadline && !load.outcomes.some((o) => o.ok && o.sent >= readyAt)) await sleep(50);
    await reopen();
    await sleep(sizes.steadyMs);
  } finally {
    outcomes = await load.stop();
    probing = false;
    await probe;
  }
  // Before the kill, in steady state; the warm-up's cold requests (Neo4j plans every query
  // once) are reported apart: on a busy machine some outlast the API's read deadline.
  const warmup = outcomes.filter((o) => o.sent < steadyFrom);
  const warmupFailed = warmup.filter((o) => !o.ok && o.done < killedAt);
  const before = outcomes.filter((o) => o.sent >= steadyFrom && o.done < killedAt);
  // Every request the outage touched: each must be answered over HTTP, good or DATABASE_UNAVAILABLE.
  const during = outcomes.filter((o) => o.done >= killedAt && o.sent < readyAt);
  const unavailable = during.filter((o) => o.status > 0 && o.codes.length > 0 && o.codes.every((c) => c === 'DATABASE_UNAVAILABLE'));
  const goodDuring = during.filter((o) => o.ok);
  const otherDuring = during.filter((o) => !o.ok && !unavailable.includes(o));
  const firstGood = outcomes.filter((o) => o.ok && o.done >= readyAt).sort((a, b) => a.done - b.done)[0];
  const workloadMs = firstGood ? firstGood.done - readyAt : Number.NaN;
  const firstBootstrap = bootstrap.find((o) => o.ok);
  const recoveryMs = firstBootstrap ? firstBootstrap.done - readyAt : Number.NaN;
  const afterRecovery = firstGood ? outcomes.filter((o) => o.sent > firstGood.done) : [];
  const badAfter = afterRecovery.filter((o) => !o.ok);
  // Neo4j answers up to one readiness attempt (2 s) plus a pause before startLocalNeo4j returns.
  const downProbes = probes.filter((p) => p.at >= killedAt && p.at < readyAt - 2_500);
  const statuses = [...new Set(unavailable.map((o) => o.status))].join('/');
  const alive = server.exited() === undefined;
  const crashLines = server
    .output()
    .split('\n')
    .filter((l) => /unhandled|uncaught|FATAL|ERR_/i.test(l));
  const badBefore = before.filter((o) => !o.ok);
  if (badBefore.length > 0) options.log(`faults: failures before the kill: ${JSON.stringify(badBefore.slice(0, 3))}`);
  const badProbes = downProbes.filter((p) => !(p.health === 200 && p.ready === 503));
  if (badProbes.length > 0) options.log(`faults: probes while down: ${JSON.stringify(badProbes.slice(0, 3))} (killed at ${killedAt})`);
  if (otherDuring.length > 0) options.log(`faults: other failures during the outage: ${JSON.stringify(otherDuring.slice(0, 3))}`);
  if (badAfter.length > 0) options.log(`faults: failures after recovery: ${JSON.stringify(badAfter.slice(0, 3))}`);
  return [
    {
      drill: DRILL,
      case: 'kill Neo4j under API load: every answer while it is down is DATABASE_UNAVAILABLE',
      cases: during.length + before.length,
      passed: unavailable.length + goodDuring.length + before.filter((o) => o.ok).length,
      figure: `warm-up ${warmup.length - warmupFailed.length}/${warmup.length} good; ${before.length - badBefore.length}/${before.length} good before; ${unavailable.length}/${during.length} DATABASE_UNAVAILABLE (HTTP ${statuses || '-'}), ${otherDuring.length} other, over ${sec(readyAt - killedAt)} down`,
    },
    {
      drill: DRILL,
      case: 'the server process lives on: /healthz 200, /readyz 503 while Neo4j is down',
      cases: downProbes.length + 1,
      passed: downProbes.filter((p) => p.health === 200 && p.ready === 503).length + (alive && crashLines.length === 0 ? 1 : 0),
      figure: `${downProbes.length} probes; server ${alive ? 'alive' : `exited ${JSON.stringify(server.exited())}`}${crashLines.length ? `; ${crashLines[0]!.slice(0, 80)}` : ''}`,
    },
    {
      drill: DRILL,
      case: `recovery within ${sizes.recoveryMs / 1000} s of Neo4j's return (a client's Bootstrap), then no errors`,
      cases: 1 + afterRecovery.length,
      passed: (recoveryMs <= sizes.recoveryMs ? 1 : 0) + afterRecovery.length - badAfter.length,
      figure:
        `Bootstrap answered ${Number.isNaN(recoveryMs) ? 'never' : `${recoveryMs} ms`} after Neo4j ready (${bootstrap.length} tries); ` +
        `workload's first good answer ${Number.isNaN(workloadMs) ? 'never' : `${sec(workloadMs)}`} after (cold plans); ${afterRecovery.length - badAfter.length}/${afterRecovery.length} good after`,
    },
  ];
}

/** (c) SIGTERM the server under load and start it again on the same port. */
async function restartServerUnderLoad(
  options: DrillOptions,
  sizes: Sizes,
  state: State,
  first: ServerChild,
  requests: Awaited<ReturnType<typeof clientWorkload>>,
  neo4j: DrillOptions['neo4j'],
): Promise<DrillRow[]> {
  const checksumBefore = await graphChecksum(state.db!);
  const load = startFetchLoad({ url: `${first.baseUrl}/graphql`, headers: WORKLOAD_HEADERS, requests, workers: sizes.workers });
  let outcomes: Outcome[] = [];
  let stopAt = 0;
  let stoppedMs = 0;
  let readyAt = 0;
  let exit: Awaited<ReturnType<ServerChild['stop']>> | undefined;
  try {
    await sleep(sizes.steadyMs);
    stopAt = Date.now();
    exit = await first.stop();
    stoppedMs = Date.now() - stopAt;
    const second = await startServerChild({ port: first.port, neo4j });
    state.servers.push(second);
    readyAt = Date.now();
    // Until the new server's first good answer (its JIT and caches are cold: on a busy machine
    // that outlasted the steady period, and no good answer was seen at all), then steady load.
    const deadline = readyAt + 60_000;
    while (Date.now() < deadline && !load.outcomes.some((o) => o.ok && o.done > readyAt)) await sleep(50);
    await sleep(sizes.steadyMs);
  } finally {
    outcomes = await load.stop();
  }
  const checksumAfter = await graphChecksum(state.db!);
  // The restart window: from SIGTERM until the new server's /readyz says 200 (it polls every 200 ms).
  const windowEnd = readyAt + 250;
  const failed = outcomes.filter((o) => !o.ok);
  const outside = failed.filter((o) => o.done < stopAt || o.done > windowEnd);
  const inside = failed.length - outside.length;
  const clientDown = failed.length > 0 ? Math.max(...failed.map((o) => o.done)) - Math.min(...failed.map((o) => o.done)) : 0;
  // Answered by the new server (the old one had exited before readyAt): sent during the window or after.
  const good = outcomes.filter((o) => o.ok && o.done > readyAt);
  const goodAfter = good.length;
  const firstGoodMs = good.length > 0 ? Math.min(...good.map((o) => o.done)) - readyAt : Number.NaN;
  if (outside.length > 0) options.log(`faults: failures outside the restart window: ${JSON.stringify(outside.slice(0, 3))}`);
  options.log(`faults: server stopped (${JSON.stringify(exit)}) in ${stoppedMs} ms, back after ${readyAt - stopAt} ms`);
  return [
    {
      drill: DRILL,
      case: 'restart the server under load: no lost data',
      cases: 2,
      passed: (sameChecksum(checksumBefore, checksumAfter) ? 1 : 0) + (exit?.code === 0 ? 1 : 0),
      figure: `${show(checksumBefore)} → ${show(checksumAfter)}; old server exit ${exit?.code ?? exit?.signal} in ${stoppedMs} ms`,
    },
    {
      drill: DRILL,
      case: 'clients recover: errors only inside the restart window',
      cases: outcomes.length + 1,
      passed: outcomes.length - outside.length + (goodAfter > 0 ? 1 : 0),
      figure: `window ${sec(readyAt - stopAt)} (SIGTERM → ready), ${inside} errors inside over ${sec(clientDown)}, ${outside.length} outside; ${goodAfter} good after (the first ${Number.isNaN(firstGoodMs) ? 'never' : `${firstGoodMs} ms after ready`})`,
    },
  ];
}
