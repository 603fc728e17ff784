import type { AddressInfo } from 'node:net';
import { ensureClientBuilt } from '../../server/http/client-build.ts';
import { createHttpServer } from '../../server/http/create-http-server.ts';
import { loadRealDataset } from './api-harness.ts';
import { openTestDatabase } from './test-database.ts';

/**
 * The whole app as `npm start` serves it — client at /, API at /graphql — over the run's
 * Neo4j loaded with the real dataset, on a free port of 127.0.0.1. For browser tests.
 */
export async function startTestServer(): Promise<{ url: string; close(): Promise<void> }> {
  const db = openTestDatabase();
  const { ontology } = await loadRealDataset(db);
  const clientDir = await ensureClientBuilt();
  if (!clientDir) throw new Error('client/ has no index.html to serve');
  const server = createHttpServer({ db, ontology, clientDir });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((res) => server.close(() => res()));
      await db.close();
    },
  };
}
