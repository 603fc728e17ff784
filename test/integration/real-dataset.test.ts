import { afterAll, describe, expect, it } from 'vitest';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { syncSeed } from '../../server/ingest/sync-seed.ts';
import { PROJECT_ROOT, SEED_DIR } from '../helpers/seed-fixture.ts';
import { openTestDatabase, resetDatabase } from '../helpers/test-database.ts';

const db = openTestDatabase();
afterAll(() => db.close());

describe('the real dataset in seed/', () => {
  it('passes check and sync, and every relation in the database has evidence and provenance', async () => {
    const seed = loadSeed({ seedDir: SEED_DIR, displayRoot: PROJECT_ROOT });
    expect(seed.diagnostics).toEqual([]);
    expect(seed.graph.entities.length).toBeGreaterThanOrEqual(80);
    expect(seed.graph.relations.length).toBeGreaterThanOrEqual(150);
    await resetDatabase(db);
    const report = await syncSeed(db, seed.graph);
    expect(report.relations.created).toBe(seed.graph.relations.length);
    const r = await db.read((tx) =>
      tx.run(`MATCH (a:Entity)-[r]->(b:Entity)
              RETURN count(r) AS total,
                     count(CASE WHEN size(r.evidenceOutlets) > 0 AND size(r.evidenceDates) = size(r.evidenceOutlets) THEN 1 END) AS withEvidence,
                     count(CASE WHEN r.seedFile STARTS WITH 'seed/data/' AND r.seedLine > 0 THEN 1 END) AS withProvenance,
                     count(CASE WHEN all(i IN range(0, size(r.evidenceOutlets) - 1) WHERE r.evidenceQuotes[i] <> '' OR r.evidenceUrls[i] <> '') THEN 1 END) AS quotedOrLinked`),
    );
    const total = seed.graph.relations.length;
    expect(r.records[0]?.toObject()).toEqual({ total, withEvidence: total, withProvenance: total, quotedOrLinked: total });
    const outlets = await db.read((tx) =>
      tx.run(`MATCH ()-[r]->() UNWIND r.evidenceOutlets AS o WITH DISTINCT o OPTIONAL MATCH (x:Outlet {id: o}) RETURN o, x IS NOT NULL AS isOutlet`),
    );
    expect(outlets.records.every((rec) => rec.get('isOutlet') === true)).toBe(true);
  });
});
