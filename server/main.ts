/**
 * `npm start`: Neo4j (local unless NEO4J_URI is set) → the live seed sync (seed/, or
 * SPLINTERNET_SEED_DIR, synced now and on every save) → HTTP server on PORT (default 4000).
 * With SPLINTERNET_WORKERS=N (or `auto`: one per core), N worker processes answer HTTP on the
 * one port (node:cluster) while this process syncs and relays the seed's status to them.
 * Ctrl-C stops everything this process started.
 */
import cluster, { type Worker } from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedWriteMutex } from './authoring/write-mutex.ts';
import { connect, type Connection } from './db/connect.ts';
import { withReadDeadline } from './db/database.ts';
import { createServerLogger } from './graphql/api-logger.ts';
import { createHttpServer } from './http/create-http-server.ts';
import { limitHeapGrowth } from './heap-growth.ts';
import { ensureClientBuilt } from './http/client-build.ts';
import { createLiveSeed } from './live/create-live-seed.ts';
import type { LiveSeed } from './live/live-seed.ts';
import { relayLiveSeed } from './live/live-seed-relay.ts';
import { followLiveSeed } from './live/relayed-live-seed.ts';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The seed folder to serve and watch; tests point it at a copy so writes never touch seed/. */
const seedDir = resolve(process.env.SPLINTERNET_SEED_DIR ?? join(projectRoot, 'seed'));
const port = Number(process.env.PORT ?? 4000);
const host = process.env.HOST ?? '127.0.0.1';
/** How long a stopping server waits for requests in flight. */
const DRAIN_MS = 10_000;
/** A worker that dies sooner than this after starting is not started again (it would only die again). */
const WORKER_MIN_LIFE_MS = 10_000;

/** One log for the process: JSON lines (pino), pretty in a terminal during development. */
const logger = createServerLogger({ production: process.env.NODE_ENV === 'production' });

/** SPLINTERNET_WORKERS: a count, or `auto` for one per core; 1 (no workers) by default. */
function workerCount(): number {
  const raw = (process.env.SPLINTERNET_WORKERS ?? '1').trim();
  const n = raw === 'auto' ? availableParallelism() : Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`SPLINTERNET_WORKERS must be a whole number ≥ 1 or "auto", not "${raw}"`);
  return n;
}

/** Syncs seed/ before serving and on every save after (the only process that does). */
async function startLiveSeed(conn: Connection): Promise<LiveSeed> {
  // A bad seed loads nothing and the data already in Neo4j is served until the files are
  // fixed. Paths read seed/data/… (from the seed folder's parent), wherever the folder is.
  return createLiveSeed({
    db: conn.db,
    seedDir,
    displayRoot: dirname(seedDir),
    watch: true,
    log: (line) => logger.info(line),
    logError: (line) => logger.error(line),
  }).catch(async (err: unknown) => {
    await conn.close();
    throw err;
  });
}

/** Serves HTTP on PORT; resolves once listening, with the port and a graceful stop. */
async function serve(conn: Connection, live: LiveSeed, clientDir: string | undefined): Promise<{ port: number; stop: () => Promise<void> }> {
  // The API answers DATABASE_UNAVAILABLE rather than wait on a Neo4j that accepts and says nothing.
  const server = createHttpServer({ db: withReadDeadline(conn.db), ontology: live.ontology(), live, listenHost: host, clientDir, logger });
  let closing = false;
  // Answers sent while stopping close their connection, so keep-alive clients go elsewhere.
  server.on('request', (_req, res) => {
    if (closing) res.setHeader('connection', 'close');
  });
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(port, host, () => res());
  });
  const stop = async () => {
    closing = true;
    // First: stop watching and end every seedEvents stream, so open explorers' connections
    // become idle and close below instead of holding the drain for DRAIN_MS.
    // Bounded: a sync in progress against a Neo4j that hangs must not hold the shutdown.
    await Promise.race([live.close(), new Promise((res) => setTimeout(res, DRAIN_MS).unref())]);
    // Stop accepting, let requests in flight finish (for at most DRAIN_MS), and close each
    // keep-alive connection as soon as it is idle, so no client loses an answer it was owed.
    const closed = new Promise<void>((res) => server.close(() => res()));
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const cut = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
    await closed;
    clearInterval(idle);
    clearTimeout(cut);
    await conn.close();
  };
  return { port: (server.address() as AddressInfo).port, stop };
}

/** Stops once on SIGINT or SIGTERM (and on `also`, e.g. a worker's primary going away), then exits. */
function stopOnSignals(stop: () => Promise<void>, also?: (run: () => void) => void): void {
  let stopping = false;
  const run = (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`splinternet: ${reason}, stopping…`);
    void stop().then(
      () => {
        logger.flush();
        process.exit(0);
      },
      (err: unknown) => {
        logger.error(`splinternet: stopping failed: ${(err as Error).message ?? String(err)}`);
        logger.flush();
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => run('SIGINT'));
  process.on('SIGTERM', () => run('SIGTERM'));
  also?.(() => run('the primary process is gone'));
}

/** No workers: this process syncs and serves. */
async function single(): Promise<void> {
  const conn = await connect();
  const live = await startLiveSeed(conn);
  const served = await serve(conn, live, await ensureClientBuilt());
  logger.info(`splinternet: http://${host}:${served.port}/  (health: /healthz, readiness: /readyz)`);
  stopOnSignals(served.stop);
}

/** The cluster's primary: owns Neo4j (when local) and the live seed, forks the workers, serves nothing itself. */
async function primary(workers: number): Promise<void> {
  const conn = await connect();
  const live = await startLiveSeed(conn);
  // Built once here, so the workers do not each start a build.
  const clientDir = await ensureClientBuilt();
  const relay = relayLiveSeed(live, seedWriteMutex);
  // Workers reach the same Neo4j: the one this process started, or NEO4J_URI's.
  const env = {
    NEO4J_URI: conn.db.uri,
    NEO4J_USERNAME: process.env.NEO4J_USERNAME ?? 'neo4j',
    NEO4J_PASSWORD: process.env.NEO4J_PASSWORD ?? 'neo4j',
    SPLINTERNET_CLIENT_DIR: clientDir ?? '',
  };
  cluster.setupPrimary({ serialization: 'advanced' });
  let stopping = false;
  const fork = (): Promise<number> => {
    const worker = cluster.fork(env);
    const started = Date.now();
    relay.add(worker);
    worker.once('exit', (code, signal) => {
      if (stopping) return;
      logger.error(`splinternet: worker ${worker.process.pid} exited (${signal ?? code})`);
      if (Date.now() - started < WORKER_MIN_LIFE_MS) {
        logger.error('splinternet: it died right after starting; not starting it again');
        return;
      }
      fork().catch((err: unknown) => logger.error(`splinternet: restarting a worker failed: ${(err as Error).message}`));
    });
    return new Promise((res, rej) => {
      worker.once('listening', (address) => res(address.port));
      worker.once('exit', (code) => rej(new Error(`a worker exited with ${code} before it listened`)));
    });
  };
  let listening: number;
  try {
    [listening] = (await Promise.all(Array.from({ length: workers }, fork))) as [number];
  } catch (err) {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    relay.close();
    await live.close();
    await conn.close();
    throw err;
  }
  logger.info(`splinternet: http://${host}:${listening}/  (${workers} workers; health: /healthz, readiness: /readyz)`);
  stopOnSignals(async () => {
    stopping = true;
    const all = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    const exited = all.map((w) => new Promise<void>((res) => (w.isDead() ? res() : w.once('exit', () => res()))));
    // Each worker drains its own requests (its SIGTERM), then this process stops the rest.
    for (const w of all) w.process.kill('SIGTERM');
    await Promise.race([Promise.all(exited), new Promise((res) => setTimeout(res, DRAIN_MS + 5_000).unref())]);
    for (const w of all) if (!w.isDead()) w.process.kill('SIGKILL');
    relay.close();
    await Promise.race([live.close(), new Promise((res) => setTimeout(res, DRAIN_MS).unref())]);
    await conn.close();
  });
}

/** A worker: answers HTTP on the shared port, following the primary's live seed. */
async function worker(): Promise<void> {
  const conn = await connect();
  const live = await followLiveSeed({ seedDir, displayRoot: dirname(seedDir) });
  seedWriteMutex.useOuterLock((work) => live.withWriteLock(work));
  const { stop } = await serve(conn, live, process.env.SPLINTERNET_CLIENT_DIR || undefined);
  stopOnSignals(stop, (run) => process.once('disconnect', run));
}

// The syncing process holds the whole seed; a worker its response cache: both stay near what is alive.
limitHeapGrowth();
const role = cluster.isWorker ? worker() : workerCount() > 1 ? primary(workerCount()) : single();
role.catch((err: unknown) => {
  console.error(`splinternet: ${(err as Error).message ?? String(err)}`);
  process.exit(1);
});
