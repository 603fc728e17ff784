/**
 * `npm run neo4j`: runs the persistent local Neo4j in the foreground until Ctrl-C,
 * so `npm start` in another terminal reuses it.
 */
import { startLocalNeo4j, LocalNeo4jError } from './local-neo4j.ts';

try {
  const db = await startLocalNeo4j({ mode: 'persistent' });
  console.log(`neo4j: data in ${db.dataDir}; Ctrl-C stops it`);
  const stop = async () => {
    await db.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  setInterval(() => {}, 1 << 30);
} catch (err) {
  console.error(err instanceof LocalNeo4jError ? `neo4j: ${err.message}` : err);
  process.exit(1);
}
