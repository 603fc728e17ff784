import neo4j, { type Driver, type ManagedTransaction, type SessionConfig } from 'neo4j-driver';
import { toDatabaseFailure } from './database-errors.ts';

/**
 * The one module that owns the Neo4j driver. Callers get read and write transaction
 * helpers; reads run in read transactions so `neo4j://` routing can send them to followers.
 */
export interface Database {
  readonly uri: string;
  readonly name: string | undefined;
  readonly driver: Driver;
  /** Runs `work` in a managed read transaction (retried on transient errors). */
  read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T>;
  /** Runs `work` in a managed write transaction: all of it commits, or none of it. */
  write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T>;
  /** Succeeds when Neo4j answers `RETURN 1`; throws a DatabaseFailure otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  uri: string;
  username: string;
  password: string;
  database?: string | undefined;
  /** Connection pool size. @default 50 */
  maxPoolSize?: number;
}

export function openDatabase(opts: DatabaseOptions): Database {
  const driver = neo4j.driver(opts.uri, neo4j.auth.basic(opts.username, opts.password), {
    maxConnectionPoolSize: opts.maxPoolSize ?? 50,
    // Fail fast when Neo4j is gone, so the API can answer DATABASE_UNAVAILABLE promptly.
    connectionAcquisitionTimeout: 5_000,
    connectionTimeout: 3_000,
    maxTransactionRetryTime: 3_000,
    disableLosslessIntegers: true,
    userAgent: 'splinternet/0.1',
  });
  const sessionConfig = (mode: 'READ' | 'WRITE'): SessionConfig => ({
    defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    ...(opts.database ? { database: opts.database } : {}),
  });
  const run = async <T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>): Promise<T> => {
    const session = driver.session(sessionConfig(mode));
    try {
      return await (mode === 'READ' ? session.executeRead(work) : session.executeWrite(work));
    } catch (err) {
      throw toDatabaseFailure(err);
    } finally {
      await session.close();
    }
  };
  return {
    uri: opts.uri,
    name: opts.database,
    driver,
    read: (work) => run('READ', work),
    write: (work) => run('WRITE', work),
    async ping() {
      await run('READ', (tx) => tx.run('RETURN 1'));
    },
    close: () => driver.close(),
  };
}
