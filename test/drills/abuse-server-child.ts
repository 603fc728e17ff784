/**
 * The production HTTP server (createHttpServer, NODE_ENV=production) in a process of its own,
 * for the GraphQL abuse drill: the attackers' own work (building 2 MB bodies, reading answers)
 * must not run on the server's event loop, or the latency it measures is partly its own.
 * Reads NEO4J_URI/USERNAME/PASSWORD, listens on a free port and prints `{"port":N}`.
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { openDatabase } from '../../server/db/database.ts';
import { createHttpServer } from '../../server/http/create-http-server.ts';
import { loadOntologyFile } from '../../server/ingest/ontology.ts';
import { SEED_DIR } from '../helpers/seed-fixture.ts';

const db = openDatabase({ uri: process.env.NEO4J_URI!, username: process.env.NEO4J_USERNAME!, password: process.env.NEO4J_PASSWORD! });
const server = createHttpServer({ db, ontology: loadOntologyFile(join(SEED_DIR, 'ontology.yaml')) });
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port })));
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => void db.close().then(() => process.exit(0)));
});
