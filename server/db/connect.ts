import { startLocalNeo4j, type LocalNeo4j, type LocalNeo4jOptions } from '../../neo4j/local-neo4j.ts';
import { openDatabase, type Database } from './database.ts';
import { DatabaseFailure } from './database-errors.ts';
import { neo4jTargetFromEnv } from './neo4j-config.ts';

export interface Connection {
  db: Database;
  /** The local Neo4j this process started, if any. */
  local: LocalNeo4j | undefined;
  /** Closes the driver, then stops the local Neo4j if this process started it. */
  close(): Promise<void>;
}

/**
 * Connects to `NEO4J_URI` when set, otherwise starts (or reuses) the project's own Neo4j.
 * Verifies the connection, so wrong credentials or an unreachable server fail here, once,
 * with one clear line.
 */
export async function connect(local: Omit<LocalNeo4jOptions, 'mode'> & { mode?: LocalNeo4jOptions['mode'] } = {}): Promise<Connection> {
  const target = neo4jTargetFromEnv();
  let started: LocalNeo4j | undefined;
  let db: Database;
  if (target.kind === 'external') {
    db = openDatabase(target);
  } else {
    started = await startLocalNeo4j({ mode: 'persistent', ...local });
    db = openDatabase({ uri: started.uri, username: 'neo4j', password: 'neo4j' });
  }
  try {
    await db.ping();
  } catch (err) {
    await db.close();
    await started?.stop();
    const reason = err instanceof DatabaseFailure ? err.message : String(err);
    throw new DatabaseFailure(
      err instanceof DatabaseFailure ? err.kind : 'UNAVAILABLE',
      `cannot use Neo4j at ${db.uri}: ${reason.split('\n')[0]}`,
      err instanceof DatabaseFailure ? err.neo4jCode : undefined,
    );
  }
  return {
    db,
    local: started,
    async close() {
      await db.close();
      await started?.stop();
    },
  };
}
