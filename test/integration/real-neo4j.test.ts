import { afterAll, beforeEach, describe, expect, it, inject } from 'vitest';
import { DatabaseFailure } from '../../server/db/database-errors.ts';
import { openTestDatabase, resetDatabase } from '../helpers/test-database.ts';

// These tests prove the tests talk to a real Neo4j, not a stand-in.
const db = openTestDatabase();
afterAll(() => db.close());
beforeEach(() => resetDatabase(db));

describe('the test database is a real Neo4j', () => {
  it('uses the configured URI and reports a Neo4j 5 server', async () => {
    expect(db.uri).toBe(inject('neo4jUri'));
    const info = await db.driver.getServerInfo();
    expect(info.agent).toMatch(/^Neo4j\/5\./);
    expect(info.address).toBe(inject('neo4jUri').replace(/^[a-z+]+:\/\//, ''));
  });

  it('surfaces Neo4j’s own error code on a uniqueness-constraint violation', async () => {
    await db.driver.executeQuery('CREATE CONSTRAINT t_unique IF NOT EXISTS FOR (n:T) REQUIRE n.id IS UNIQUE');
    await db.write((tx) => tx.run("CREATE (:T {id: 'a'})"));
    const err = await db.write((tx) => tx.run("CREATE (:T {id: 'a'})")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseFailure);
    expect((err as DatabaseFailure).kind).toBe('CONSTRAINT');
    expect((err as DatabaseFailure).neo4jCode).toBe('Neo.ClientError.Schema.ConstraintValidationFailed');
  });

  it('leaves nothing behind when a transaction fails part-way', async () => {
    const err = await db
      .write(async (tx) => {
        await tx.run("CREATE (:T {id: 'first'})");
        await tx.run('RETURN 1 / 0');
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseFailure);
    expect((err as DatabaseFailure).neo4jCode).toBe('Neo.ClientError.Statement.ArithmeticError');
    const count = await db.read((tx) => tx.run('MATCH (n:T) RETURN count(n) AS c'));
    expect(count.records[0]?.get('c')).toBe(0);
  });
});
