import { inject } from 'vitest';
import { openDatabase, type Database } from '../../server/db/database.ts';

/** Opens the run's Neo4j (see global-neo4j.ts). Close it in afterAll. */
export function openTestDatabase(): Database {
  return openDatabase({
    uri: inject('neo4jUri'),
    username: inject('neo4jUsername'),
    password: inject('neo4jPassword'),
  });
}

export { graphChecksum, resetDatabase } from './graph-state.ts';
