/**
 * `npm start`: Neo4j (local unless NEO4J_URI is set) → HTTP server on PORT (default 4000).
 * Ctrl-C stops everything this process started.
 */
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from './db/connect.ts';
import { withReadDeadline } from './db/database.ts';
import { createHttpServer } from './http/create-http-server.ts';
import { formatDiagnostics, formatSummary } from './ingest/report-format.ts';
import { loadSeed } from './ingest/load-seed.ts';
import { syncSeed } from './ingest/sync-seed.ts';
import type { Ontology } from './ingest/ontology.ts';
import { ensureClientBuilt } from './http/client-build.ts';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 4000);
const host = process.env.HOST ?? '127.0.0.1';
/** How long a stopping server waits for requests in flight. */
const DRAIN_MS = 10_000;

async function main(): Promise<void> {
  const conn = await connect();
  const ontology = await syncSeedFiles(conn.db);
  // The API answers DATABASE_UNAVAILABLE rather than wait on a Neo4j that accepts and says nothing.
  const server = createHttpServer({ db: withReadDeadline(conn.db), ontology, listenHost: host, clientDir: await ensureClientBuilt() });
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
  console.log(`splinternet: http://${host}:${addr.port}/  (health: /healthz, readiness: /readyz)`);

  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`splinternet: ${signal}, stopping…`);
    // Stop accepting, let requests in flight finish (for at most DRAIN_MS), and close each
    // keep-alive connection as soon as it is idle, so no client loses an answer it was owed.
    const closed = new Promise<void>((res) => server.close(() => res()));
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const cut = setTimeout(() => server.closeAllConnections(), DRAIN_MS);
    await closed;
    clearInterval(idle);
    clearTimeout(cut);
    await conn.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/**
 * Brings Neo4j in line with seed/ before serving; a bad seed is reported, nothing of it is
 * loaded, and the data already in Neo4j is served. Returns the ontology the API serves.
 */
async function syncSeedFiles(db: Parameters<typeof syncSeed>[0]): Promise<Ontology> {
  const seed = loadSeed({ seedDir: join(projectRoot, 'seed'), displayRoot: projectRoot });
  if (!seed.ontology) {
    console.error(formatDiagnostics(seed.diagnostics));
    throw new Error('seed/ontology.yaml has errors; the API cannot start without it');
  }
  if (seed.diagnostics.length > 0) {
    console.error(formatDiagnostics(seed.diagnostics));
    console.error('splinternet: seed/ has errors; serving the data already in Neo4j');
    return seed.ontology;
  }
  const report = await syncSeed(db, seed.graph);
  console.log(`seed: ${formatSummary(report).replaceAll('\n', '; ')}`);
  return seed.ontology;
}

main().catch((err: unknown) => {
  console.error(`splinternet: ${(err as Error).message ?? String(err)}`);
  process.exit(1);
});
