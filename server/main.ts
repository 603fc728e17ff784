/**
 * `npm start`: Neo4j (local unless NEO4J_URI is set) → the live seed sync (seed/, or
 * SPLINTERNET_SEED_DIR, synced now and on every save) → HTTP server on PORT (default 4000).
 * Ctrl-C stops everything this process started.
 */
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from './db/connect.ts';
import { withReadDeadline } from './db/database.ts';
import { createServerLogger } from './graphql/api-logger.ts';
import { createHttpServer } from './http/create-http-server.ts';
import { ensureClientBuilt } from './http/client-build.ts';
import { createLiveSeed } from './live/create-live-seed.ts';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The seed folder to serve and watch; tests point it at a copy so writes never touch seed/. */
const seedDir = resolve(process.env.SPLINTERNET_SEED_DIR ?? join(projectRoot, 'seed'));
const port = Number(process.env.PORT ?? 4000);
const host = process.env.HOST ?? '127.0.0.1';
/** How long a stopping server waits for requests in flight. */
const DRAIN_MS = 10_000;

/** One log for the process: JSON lines (pino), pretty in a terminal during development. */
const logger = createServerLogger({ production: process.env.NODE_ENV === 'production' });

async function main(): Promise<void> {
  const conn = await connect();
  // Syncs seed/ before serving and on every save after. A bad seed loads nothing and the data
  // already in Neo4j is served until the files are fixed. Paths read seed/data/… (from the
  // seed folder's parent), wherever the folder is.
  const live = await createLiveSeed({
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
  // The API answers DATABASE_UNAVAILABLE rather than wait on a Neo4j that accepts and says nothing.
  const server = createHttpServer({
    db: withReadDeadline(conn.db),
    ontology: live.ontology(),
    live,
    listenHost: host,
    clientDir: await ensureClientBuilt(),
    logger,
  });
  let closing = false;
  // Answers sent while stopping close their connection, so keep-alive clients go elsewhere.
  server.on('request', (_req, res) => {
    if (closing) res.setHeader('connection', 'close');
  });
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(port, host, () => res());
  });
  const addr = server.address() as AddressInfo;
  logger.info(`splinternet: http://${host}:${addr.port}/  (health: /healthz, readiness: /readyz)`);

  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info(`splinternet: ${signal}, stopping…`);
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
    logger.flush();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`splinternet: ${(err as Error).message ?? String(err)}`);
  process.exit(1);
});
