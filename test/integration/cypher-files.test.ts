import { afterAll, describe, expect, it } from 'vitest';
import { loadCypherQueries } from '../../server/db/cypher-queries.ts';
import { apiReadText } from '../../server/graphql/plan/planned-reads.ts';
import { applySchema, schemaObjectName } from '../../server/ingest/sync-seed.ts';
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

  // API root parts (root…, in api-roots.cypher, api-paths.cypher, api-timeline.cypher and api-metrics.cypher) end in
  // `WITH roots, rootRels, meta`; they compile completed both ways, as the planner sends them
  // (api-expand.cypher holds the parts, not whole queries).
  const complete = queries
    .filter((q) => q.file !== 'schema.cypher' && q.file !== 'schema-state.cypher' && q.file !== 'api-expand.cypher')
    .flatMap((q) =>
      /^root[A-Z]/.test(q.name) && q.file.startsWith('api-')
        ? [
            [`${q.name} + expandLevels`, apiReadText(q.name, true)],
            [`${q.name} + skipLevels`, apiReadText(q.name, false)],
          ]
        : [[q.name, q.text]],
    );
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

  it('schema statements each name what they create, and a sync creates only what is missing', async () => {
    const schema = queries.filter((q) => q.file === 'schema.cypher');
    const names = schema.map((q) => schemaObjectName(q.text));
    expect(names.every((n) => n !== undefined && /^[a-z_]+$/.test(n))).toBe(true);
    await resetDatabase(db);
    await applySchema(db);
    const present = async () => {
      const i = await db.driver.executeQuery('SHOW INDEXES YIELD name RETURN collect(name) AS names');
      const c = await db.driver.executeQuery('SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names');
      return new Set([...(i.records[0]!.get('names') as string[]), ...(c.records[0]!.get('names') as string[])]);
    };
    const all = await present();
    expect(names.filter((n) => !all.has(n!))).toEqual([]);
    await db.driver.executeQuery('DROP INDEX entity_kind');
    await db.driver.executeQuery('DROP CONSTRAINT seed_file_unique');
    expect((await present()).has('entity_kind')).toBe(false);
    await applySchema(db);
    const again = await present();
    expect(['entity_kind', 'seed_file_unique'].filter((n) => !again.has(n))).toEqual([]);
  });
});
