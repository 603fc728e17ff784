import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import type { Ontology } from '../../server/ingest/ontology.ts';
import type { SeedGraph } from '../../server/ingest/seed-model.ts';
import { syncSeed } from '../../server/ingest/sync-seed.ts';
import { computeGraphMetrics } from '../../server/metrics/compute-metrics.ts';
import { apiClient } from '../helpers/api-harness.ts';
import { PROJECT_ROOT, SEED_DIR } from '../helpers/seed-fixture.ts';
import { graphChecksum, openTestDatabase, resetDatabase } from '../helpers/test-database.ts';

const db = openTestDatabase();
let ontology: Ontology;
let graph: SeedGraph;
afterAll(() => db.close());
beforeAll(async () => {
  await resetDatabase(db);
  const seed = loadSeed({ seedDir: SEED_DIR, displayRoot: PROJECT_ROOT });
  if (!seed.ontology || seed.diagnostics.length > 0) throw new Error('seed/ is invalid');
  ontology = seed.ontology;
  graph = seed.graph;
});

/** Stored metrics of every entity, read straight from Neo4j. */
async function storedMetrics() {
  const r = await db.read((tx) =>
    tx.run(`MATCH (n:Entity) RETURN n.id AS id, n.metricPageRank AS pageRank, n.metricBetweenness AS betweenness, n.metricCommunity AS community,
                   n.metricDegree AS degree, COUNT { (n)--() } AS neo4jDegree ORDER BY id`),
  );
  return r.records.map(
    (rec) => rec.toObject() as { id: string; pageRank: number; betweenness: number; community: number; degree: number; neo4jDegree: number },
  );
}

describe('whole-graph metrics on the real dataset', () => {
  it('are stored on every entity by the sync, equal the reference computation, and a re-sync writes nothing', async () => {
    const first = await syncSeed(db, graph, { version: 'aaaaaaaaaaaa' });
    expect(first.phases.metricsMs).toBeGreaterThan(0);
    const stored = await storedMetrics();
    expect(stored).toHaveLength(graph.entities.length);
    const reference = computeGraphMetrics(
      graph.entities.map((e) => e.id),
      graph.relations.map((r) => ({ from: r.from, to: r.to })),
    );
    // The real dataset is small: betweenness is exact.
    expect(reference.betweenness.exact).toBe(true);
    for (const s of stored) {
      const ref = reference.byId.get(s.id)!;
      expect(s).toEqual({
        id: s.id,
        pageRank: ref.pageRank,
        betweenness: ref.betweenness,
        community: ref.community,
        degree: ref.degree,
        neo4jDegree: ref.degree,
      });
    }
    const sum = stored.reduce((a, s) => a + s.pageRank, 0);
    expect(sum).toBeCloseTo(1, 9);
    const top5 = [...stored]
      .sort((a, b) => b.pageRank - a.pageRank || (a.id < b.id ? -1 : 1))
      .slice(0, 5)
      .map((s) => s.id);
    expect(top5).toMatchInlineSnapshot(`
      [
        "clean-network",
        "china",
        "us",
        "global-initiative-on-data-security",
        "china-central-asia-data-security-initiative",
      ]
    `);

    const before = await graphChecksum(db);
    const again = await syncSeed(db, graph, { version: 'aaaaaaaaaaaa' });
    expect(again.phases.metricsMs).toBe(0);
    expect(await graphChecksum(db)).toEqual(before);
  });

  it('keyActors through the API: ordered by the metric, filtered by kind', async () => {
    const api = apiClient(db, ontology);
    const r = await api.query(`{
      byPageRank: keyActors(first: 5) { rank value entity { id kind metrics { pageRank rank { position of } } } }
      companies: keyActors(kinds: ["Company"], by: BETWEENNESS, first: 3) { rank value entity { id kind } }
      communities(first: 3) { id size members(first: 2) { id metrics { community } } }
    }`);
    expect(r.errors).toBeUndefined();
    console.log(JSON.stringify(r.data, null, 1));
  });
});
