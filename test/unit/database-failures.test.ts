import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it, vi } from 'vitest';
import { DatabaseFailure, toDatabaseFailure } from '../../server/db/database-errors.ts';
import { retryTransient, withReadDeadline, type Database } from '../../server/db/database.ts';

// What the API makes of a Neo4j that is gone or hangs (the fault drill found both).
describe('database failures', () => {
  it('a pool with no connection to give is an outage, not an unexpected error', () => {
    const err = new Neo4jError(
      'Connection acquisition timed out in 5000 ms. Pool status: Active conn count = 50, Idle conn count = 0.',
      'N/A',
      '50N42',
      'general processing exception',
    );
    expect(toDatabaseFailure(err)).toMatchObject({ kind: 'UNAVAILABLE' });
  });

  it('a query error stays a query error', () => {
    const err = new Neo4jError('Invalid input', 'Neo.ClientError.Statement.SyntaxError', '42001', 'syntax error');
    expect(toDatabaseFailure(err)).toMatchObject({ kind: 'QUERY', neo4jCode: 'Neo.ClientError.Statement.SyntaxError' });
  });

  it('withReadDeadline: a read Neo4j never answers fails as UNAVAILABLE in time, and its session is closed', async () => {
    let closed = 0;
    const session = { run: () => new Promise(() => {}), close: async () => void closed++ };
    const db = withReadDeadline({ name: undefined, driver: { session: () => session } } as unknown as Database, { readMs: 50, pingMs: 20 });
    const t = Date.now();
    await expect(db.read((tx) => tx.run('MATCH (n) RETURN n'))).rejects.toMatchObject({ kind: 'UNAVAILABLE', message: 'Neo4j did not answer within 50 ms' });
    await expect(db.ping()).rejects.toBeInstanceOf(DatabaseFailure);
    expect(Date.now() - t).toBeLessThan(1_000);
    expect(closed).toBe(2);
  });

  it('withReadDeadline: answers and driver errors in time pass through (translated); writes are not bounded', async () => {
    const answers = [
      () => Promise.resolve(42),
      () => Promise.reject(new Neo4jError('Invalid input', 'Neo.ClientError.Statement.SyntaxError', '42001', 'syntax error')),
    ];
    const session = { run: () => answers.shift()!(), close: async () => {} };
    const db = withReadDeadline({ name: undefined, driver: { session: () => session }, write: async () => 'written' } as unknown as Database, {
      readMs: 1_000,
    });
    await expect(db.read((tx) => tx.run('RETURN 42'))).resolves.toBe(42);
    await expect(db.read((tx) => tx.run('RETURN 42'))).rejects.toMatchObject({ kind: 'QUERY' });
    await expect(db.write(async () => 0)).resolves.toBe('written');
  });

  it('withReadDeadline: after an outage, reads fail fast until one ping finds Neo4j back', async () => {
    let up = false;
    const sent: string[] = [];
    const session = {
      run: (q: string) => (sent.push(q), up ? Promise.resolve('answer') : Promise.reject(new DatabaseFailure('UNAVAILABLE', 'gone', undefined))),
      close: async () => {},
    };
    const db = withReadDeadline({ name: undefined, driver: { session: () => session } } as unknown as Database, { probeEveryMs: 60_000 });
    const query = (tx: { run(q: string): Promise<unknown> }) => tx.run('MATCH (n) RETURN n');
    await expect(db.read(query as never)).rejects.toMatchObject({ kind: 'UNAVAILABLE' });
    // The failed read asks one ping, which finds Neo4j down.
    await vi.waitFor(() => expect(sent).toEqual(['MATCH (n) RETURN n', 'RETURN 1']));
    // Down: the next reads never reach Neo4j.
    await vi.waitFor(() => expect(db.read(query as never)).rejects.toMatchObject({ message: 'Neo4j is unavailable (checking again shortly)' }));
    await expect(db.read(query as never)).rejects.toMatchObject({ message: 'Neo4j is unavailable (checking again shortly)' });
    expect(sent).toEqual(['MATCH (n) RETURN n', 'RETURN 1']);
    // Back: a ping (the readiness probe, or a read's probe) lets reads through again.
    up = true;
    await db.ping();
    await expect(db.read(query as never)).resolves.toBe('answer');
    expect(sent).toEqual(['MATCH (n) RETURN n', 'RETURN 1', 'RETURN 1', 'MATCH (n) RETURN n']);
  });

  it('withReadDeadline: a read that fails while Neo4j answers pings (a leftover of the outage, a read out of time) does not take the API down', async () => {
    const sent: string[] = [];
    let failNext = true;
    const session = {
      run: (q: string) => {
        sent.push(q);
        if (q === 'RETURN 1' || !failNext) return Promise.resolve('answer');
        failNext = false;
        return Promise.reject(new DatabaseFailure('UNAVAILABLE', 'connection from before the restart', undefined));
      },
      close: async () => {},
    };
    const db = withReadDeadline({ name: undefined, driver: { session: () => session } } as unknown as Database, { probeEveryMs: 60_000 });
    const query = (tx: { run(q: string): Promise<unknown> }) => tx.run('MATCH (n) RETURN n');
    // The readiness probe has just found Neo4j answering (so no read would probe again soon).
    await db.ping();
    await expect(db.read(query as never)).rejects.toMatchObject({ kind: 'UNAVAILABLE' });
    await vi.waitFor(() => expect(sent).toEqual(['RETURN 1', 'MATCH (n) RETURN n', 'RETURN 1']));
    // The ping answered: the next reads reach Neo4j and are answered, none refused as "checking again".
    await expect(db.read(query as never)).resolves.toBe('answer');
    await expect(db.read(query as never)).resolves.toBe('answer');
    expect(sent).toEqual(['RETURN 1', 'MATCH (n) RETURN n', 'RETURN 1', 'MATCH (n) RETURN n', 'MATCH (n) RETURN n']);
  });

  it('withReadDeadline: the ping never waits behind a first run of a new query text', async () => {
    let release: (v: string) => void = () => {};
    const session = {
      run: (q: string) => (q === 'RETURN 1' ? Promise.resolve('pong') : new Promise<string>((r) => (release = r))),
      close: async () => {},
    };
    const db = withReadDeadline({ name: undefined, driver: { session: () => session } } as unknown as Database, { readMs: 10_000, pingMs: 200 });
    // A cold plan holds the first-runs gate (new texts run one at a time) ...
    const slow = db.read(((tx: { run(q: string): Promise<unknown> }) => tx.run('MATCH (n) RETURN n')) as never);
    await new Promise((r) => setTimeout(r, 150));
    // ... yet the readiness probe is answered at once instead of timing out behind it.
    await expect(db.ping()).resolves.toBeUndefined();
    release('answer');
    await expect(slow).resolves.toBe('answer');
  });

  it('withReadDeadline: a read is one auto-commit query (no BEGIN/COMMIT); a retryable failure is tried again in a new session, others fail at once', async () => {
    const transient = () => new Neo4jError('Database not up yet', 'Neo.TransientError.General.DatabaseUnavailable', '51N08', 'transient');
    const runs: string[] = [];
    let opened = 0;
    const outcomes: Array<() => Promise<unknown>> = [
      () => Promise.reject(transient()),
      () => Promise.reject(transient()),
      () => Promise.resolve('answer'),
      () => Promise.reject(new Neo4jError('Invalid input', 'Neo.ClientError.Statement.SyntaxError', '42001', 'syntax error')),
    ];
    // No executeRead/beginTransaction on this session: reaching for them would throw.
    const session = () => (opened++, { run: (q: string) => (runs.push(q), outcomes.shift()!()), close: async () => {} });
    const db = withReadDeadline({ name: undefined, driver: { session } } as unknown as Database, { readMs: 5_000 });
    await expect(db.read((tx) => tx.run('MATCH (n) RETURN n'))).resolves.toBe('answer');
    expect({ runs: runs.length, opened }).toEqual({ runs: 3, opened: 3 });
    await expect(db.read((tx) => tx.run('MATCH (n) RETURN n'))).rejects.toMatchObject({ kind: 'QUERY' });
    expect(runs.length).toBe(4);
  });

  it('retryTransient gives up after its budget and never retries once stopped', async () => {
    const transient = new Neo4jError('gone', 'ServiceUnavailable', '08000', 'unavailable');
    let tries = 0;
    const t = Date.now();
    await expect(
      retryTransient(
        () => (tries++, Promise.reject(transient)),
        () => false,
        700,
      ),
    ).rejects.toBe(transient);
    // Delays of about 200 and 400 ms fit in 700 ms; the next (about 800) does not.
    expect(tries).toBe(3);
    expect(Date.now() - t).toBeLessThan(1_500);
    tries = 0;
    await expect(
      retryTransient(
        () => (tries++, Promise.reject(transient)),
        () => true,
      ),
    ).rejects.toBe(transient);
    expect(tries).toBe(1);
  });
});
