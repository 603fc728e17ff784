import { afterAll, describe, expect, it } from 'vitest';
import { loadCypherQueries } from '../../server/db/cypher-queries.ts';
import { applySchema } from '../../server/ingest/sync-seed.ts';
import { openTestDatabase, resetDatabase } from '../helpers/test-database.ts';

// Every named query compiles against the real Neo4j, so a typo in cypher/ fails CI.
const db = openTestDatabase();
afterAll(() => db.close());
const queries = [...loadCypherQueries().values()];

describe('cypher/ files', () => {
  it('hold named queries', () => {
    expect(queries.length).toBeGreaterThan(5);
    expect(queries.map((q) => q.name)).toContain('createEntities');
  });

  // API root parts end in `WITH roots, rootRels, meta`; they compile completed by the expansion tail.
  const tail = queries.find((q) => q.name === 'expandSelection')!.text;
  const complete = queries
    .filter((q) => q.file !== 'schema.cypher' && q.name !== 'expandSelection')
    .map((q) => [q.name, q.file === 'api-roots.cypher' ? `${q.text}\n${tail}` : q.text]);
  it.each(complete)('%s compiles (EXPLAIN)', async (_name, text) => {
    await resetDatabase(db);
    await applySchema(db);
    const r = await db.driver.executeQuery(`EXPLAIN ${text}`);
    expect(r.summary.plan).toBeTruthy();
  });

  it('schema statements are idempotent', async () => {
    await resetDatabase(db);
    await applySchema(db);
    await applySchema(db);
    const r = await db.driver.executeQuery("SHOW INDEXES YIELD name WHERE name IN ['entity_search', 'entity_id_unique', 'entity_kind'] RETURN count(*) AS n");
    expect(r.records[0]?.get('n')).toBe(3);
  });
});
