// Fixture for the orphan test: starts a throw-away Neo4j, prints its JVM pid, and waits to be killed.
import { startLocalNeo4j } from '../../neo4j/local-neo4j.ts';

const db = await startLocalNeo4j({ mode: 'ephemeral', log: () => {} });
console.log(`PID ${db.pid} ${db.dataDir}`);
setInterval(() => {}, 1000);
