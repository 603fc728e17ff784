import neo4j, { type Driver, type ManagedTransaction, type Session, type SessionConfig } from 'neo4j-driver';
import { DatabaseFailure, toDatabaseFailure } from './database-errors.ts';
import { firstRunsOneAtATime } from './first-runs.ts';

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

export interface ReadDeadline {
  /** Longest a read may go without an answer from Neo4j (the client gives up at 20 s). @default 15000 */
  readMs?: number;
  /** Longest `ping` (the readiness probe) may take. @default 2000 */
  pingMs?: number;
  /** While Neo4j is down, how often a read may check whether it is back. @default 250 */
  probeEveryMs?: number;
}

/**
 * The same database, made for the API and /readyz (never the seed sync, whose reads may rightly
 * take long):
 *  - a read that gets no answer in time fails as UNAVAILABLE: while Neo4j starts (or hangs) it
 *    accepts connections and answers nothing, and the driver's timeouts cover only the TCP
 *    connect and the pool. The abandoned session is closed at once.
 *  - after an outage, reads fail fast without reaching Neo4j, except that one ping at a time
 *    checks whether it is back (at most every `probeEveryMs`). Otherwise every request of an
 *    outage queues up in a starting Neo4j, which then runs them all, for nobody, before the
 *    first client that is still waiting (the fault drill measured 24 s to the first answer).
 *  - only a ping decides that Neo4j is down or back; a read that fails as UNAVAILABLE starts one.
 *    A read may fail so while Neo4j answers: a leftover of the outage failing late, or a read
 *    that ran out of time waiting for its plan under the load of a restart. Marking Neo4j down
 *    for it took a recovered API down again (the fault drill: DATABASE_UNAVAILABLE after recovery).
 *  - texts new to Neo4j (since the last outage) run one at a time, shortest first (first-runs.ts);
 *    the ping is never one of them, so the readiness probe does not wait behind a cold plan of
 *    seconds and time out on a Neo4j that is answering.
 */
export function withReadDeadline(db: Database, { readMs = 15_000, pingMs = 2_000, probeEveryMs = 250 }: ReadDeadline = {}): Database {
  const firstRuns = firstRunsOneAtATime();
  const read = <T>(ms: number, work: (tx: ManagedTransaction) => Promise<T>, gated: boolean): Promise<T> => {
    // Attempts run one after another: at most one session is open at a time.
    let open: Session | undefined;
    let timedOut = false;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        timedOut = true;
        reject(new DatabaseFailure('UNAVAILABLE', `Neo4j did not answer within ${ms} ms`, undefined));
        void open?.close().catch(() => {});
      }, ms);
      retryTransient(
        async () => {
          const session = (open = db.driver.session({ defaultAccessMode: neo4j.session.READ, ...(db.name ? { database: db.name } : {}) }));
          try {
            const tx = autoCommit(session);
            return await work(gated ? firstRuns.wrap(tx) : tx);
          } finally {
            open = undefined;
            void session.close().catch(() => {});
          }
        },
        () => timedOut,
      )
        .then(resolve, (err: unknown) => reject(toDatabaseFailure(err)))
        .finally(() => clearTimeout(timer));
    });
  };
  let down = false;
  let lastProbe = 0;
  let probe: Promise<void> | undefined;
  const ping = (): Promise<void> =>
    (probe ??= read(pingMs, (tx) => tx.run('RETURN 1'), false)
      .then(
        () => {
          if (down) firstRuns.reset();
          down = false;
        },
        (err: unknown) => {
          down = true;
          throw err;
        },
      )
      .finally(() => {
        lastProbe = Date.now();
        probe = undefined;
      }));
  const guarded = async <T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> => {
    if (down) {
      if (!probe && Date.now() - lastProbe < probeEveryMs) throw new DatabaseFailure('UNAVAILABLE', 'Neo4j is unavailable (checking again shortly)', undefined);
      await ping();
    }
    try {
      return await read(readMs, work, true);
    } catch (err) {
      if (err instanceof DatabaseFailure && err.kind === 'UNAVAILABLE') void ping().catch(() => {});
      throw err;
    }
  };
  return { ...db, read: guarded, ping };
}

/**
 * The API's reads are one query each, so they run as auto-commit queries: RUN and PULL go out in
 * one write and come back in one answer, where a managed transaction adds a BEGIN and a COMMIT
 * (three socket writes and a round trip more per request, a measurable share of the server's
 * CPU under load; issue 16). Several `run`s of one `work` would each be their own transaction.
 */
function autoCommit(session: Session): ManagedTransaction {
  return { run: (text: string, params?: Record<string, unknown>) => session.run(text, params) } as unknown as ManagedTransaction;
}

/** Retry budget of a read, as the driver's managed transactions have it (maxTransactionRetryTime). */
const RETRY_MS = 3_000;
const RETRY_FIRST_DELAY_MS = 200;

/**
 * What executeRead did for the API's reads: a failure the driver calls retryable (a dropped
 * connection, a cluster member that went away, a transient error of Neo4j) is tried again after a
 * doubling, jittered delay, for up to RETRY_MS in all; anything else, or `stop()`, fails at once.
 */
export async function retryTransient<T>(attempt: () => Promise<T>, stop: () => boolean, retryMs = RETRY_MS): Promise<T> {
  const started = Date.now();
  for (let delay = RETRY_FIRST_DELAY_MS; ; delay *= 2) {
    try {
      return await attempt();
    } catch (err) {
      const wait = delay * (0.8 + Math.random() * 0.4);
      if (stop() || !neo4j.isRetryableError(err) || Date.now() - started + wait > retryMs) throw err;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
