import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { DatabaseFailure, toDatabaseFailure } from '../../server/db/database-errors.ts';
import { withReadDeadline, type Database } from '../../server/db/database.ts';

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
    const session = { executeRead: () => new Promise(() => {}), close: async () => void closed++ };
    const db = withReadDeadline({ name: undefined, driver: { session: () => session } } as unknown as Database, { readMs: 50, pingMs: 20 });
    const t = Date.now();
    await expect(db.read(async () => 1)).rejects.toMatchObject({ kind: 'UNAVAILABLE', message: 'Neo4j did not answer within 50 ms' });
    await expect(db.ping()).rejects.toBeInstanceOf(DatabaseFailure);
    expect(Date.now() - t).toBeLessThan(1_000);
    expect(closed).toBe(2);
  });

  it('withReadDeadline: answers and driver errors in time pass through (translated); writes are not bounded', async () => {
    const answers = [Promise.resolve(42), Promise.reject(new Neo4jError('Invalid input', 'Neo.ClientError.Statement.SyntaxError', '42001', 'syntax error'))];
    const session = { executeRead: () => answers.shift(), close: async () => {} };
    const db = withReadDeadline({ name: undefined, driver: { session: () => session }, write: async () => 'written' } as unknown as Database, { readMs: 50 });
    await expect(db.read(async () => 0)).resolves.toBe(42);
    await expect(db.read(async () => 0)).rejects.toMatchObject({ kind: 'QUERY' });
    await expect(db.write(async () => 0)).resolves.toBe('written');
  });

  it('withReadDeadline: after an outage, reads fail fast until one ping finds Neo4j back', async () => {
    let up = false;
    const sent: string[] = [];
    const session = {
      executeRead: (work: (tx: unknown) => Promise<unknown>) =>
        work({ run: (q: string) => (sent.push(q), up ? Promise.resolve('answer') : Promise.reject(new DatabaseFailure('UNAVAILABLE', 'gone', undefined))) }),
      close: async () => {},
    };
    const db = withReadDeadline({ name: undefined, driver: { session: () => session } } as unknown as Database, { probeEveryMs: 60_000 });
    const query = (tx: { run(q: string): Promise<unknown> }) => tx.run('MATCH (n) RETURN n');
    await expect(db.read(query as never)).rejects.toMatchObject({ kind: 'UNAVAILABLE' });
    expect(sent).toEqual(['MATCH (n) RETURN n']);
    // Down: the next reads never reach Neo4j (the first one probes once).
    await expect(db.read(query as never)).rejects.toMatchObject({ kind: 'UNAVAILABLE' });
    await expect(db.read(query as never)).rejects.toMatchObject({ message: 'Neo4j is unavailable (checking again shortly)' });
    expect(sent).toEqual(['MATCH (n) RETURN n', 'RETURN 1']);
    // Back: a ping (the readiness probe, or a read's probe) lets reads through again.
    up = true;
    await db.ping();
    await expect(db.read(query as never)).resolves.toBe('answer');
    expect(sent).toEqual(['MATCH (n) RETURN n', 'RETURN 1', 'RETURN 1', 'MATCH (n) RETURN n']);
  });
});
