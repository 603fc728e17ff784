import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import type { Ontology } from '../../server/ingest/ontology.ts';
import type { SeedGraph } from '../../server/ingest/seed-model.ts';
import { syncSeed } from '../../server/ingest/sync-seed.ts';
import { computeGraphMetrics } from '../../server/metrics/compute-metrics.ts';
import { subgraphMetricsCache } from '../../server/metrics/subgraph-metrics.ts';
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

  it('are the same after a sync into an empty database: values, ranks and communities are deterministic', async () => {
    const read = async () =>
      (
        await db.read((tx) =>
          tx.run(
            `MATCH (n:Entity) RETURN n.id AS id, [n.metricPageRank, n.metricBetweenness, n.metricCommunity, n.metricRankPageRank, n.metricRankOf] AS m ORDER BY id`,
          ),
        )
      ).records.map((r) => r.toObject());
    const before = await read();
    await resetDatabase(db);
    await syncSeed(db, graph);
    expect(await read()).toEqual(before);
  });

  it('keyActors: ordered by the metric, first bounded, kinds filtered; ranks and values from the stored metrics', async () => {
    const api = apiClient(db, ontology);
    const reference = computeGraphMetrics(
      graph.entities.map((e) => e.id),
      graph.relations.map((r) => ({ from: r.from, to: r.to })),
    );
    const kindOf = new Map(graph.entities.map((e) => [e.id, e.kind]));
    const expectTop = (key: 'pageRank' | 'betweenness' | 'degree', n: number, kind?: string) =>
      [...reference.byId]
        .filter(([id]) => !kind || kindOf.get(id) === kind)
        .sort((a, b) => b[1][key] - a[1][key] || (a[0] < b[0] ? -1 : 1))
        .slice(0, n)
        .map(([id, m]) => ({ id, value: m[key] }));
    const r = await api.query(`{
      byPageRank: keyActors(first: 5) { rank value entity { id kind metrics { pageRank rank { position of } } } }
      companies: keyActors(kinds: ["Company"], by: BETWEENNESS, first: 3) { rank value entity { id kind } }
      byDegree: keyActors(by: DEGREE, first: 4) { value entity { id degree metrics { degree inDegree outDegree rank(by: DEGREE) { position } } } }
    }`);
    expect(r.errors).toBeUndefined();
    const d = r.data as any;
    expect(d.byPageRank.map((a: any) => ({ id: a.entity.id, value: a.value }))).toEqual(expectTop('pageRank', 5));
    expect(d.byPageRank.map((a: any) => a.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(d.byPageRank[0].entity.metrics).toEqual({ pageRank: d.byPageRank[0].value, rank: { position: 1, of: graph.entities.length } });
    expect(d.companies.map((a: any) => ({ id: a.entity.id, value: a.value }))).toEqual(expectTop('betweenness', 3, 'Company'));
    expect(d.companies.every((a: any) => a.entity.kind === 'Company')).toBe(true);
    expect(d.byDegree.map((a: any) => ({ id: a.entity.id, value: a.value }))).toEqual(expectTop('degree', 4));
    for (const a of d.byDegree) {
      expect(a.entity.metrics.degree).toBe(a.entity.degree);
      expect(a.entity.metrics.inDegree + a.entity.metrics.outDegree).toBe(a.entity.degree);
    }
    const tooMany = await api.query(`{ keyActors(first: 100000) { rank } }`);
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    const badKind = await api.query(`{ keyActors(kinds: ["Compnay"]) { rank } }`);
    expect(badKind.errors?.[0]?.message).toMatch(/kinds: unknown kind "Compnay" \(did you mean "Company"\?\)/);
  });

  it('communities: largest first, with their most central members; filtered ones are computed on request and cached', async () => {
    const api = apiClient(db, ontology);
    const r = await api.query(`{ communities(first: 3) { id size members(first: 2) { id metrics { community pageRank } } } }`);
    expect(r.errors).toBeUndefined();
    const cs = (r.data as any).communities as Array<{
      id: number;
      size: number;
      members: Array<{ id: string; metrics: { community: number; pageRank: number } }>;
    }>;
    expect(cs.map((c) => c.id)).toEqual([0, 1, 2]);
    expect(cs.map((c) => c.size)).toEqual([...cs.map((c) => c.size)].sort((a, b) => b - a));
    const stored = await storedMetrics();
    for (const c of cs) {
      const all = stored.filter((s) => s.community === c.id).sort((a, b) => b.pageRank - a.pageRank || (a.id < b.id ? -1 : 1));
      expect(c.size).toBe(all.length);
      expect(c.members.map((m) => m.id)).toEqual(all.slice(0, 2).map((s) => s.id));
    }

    // Over the Clean Network's exclusions and participations only, on a date.
    const types = ['EXCLUDES', 'PARTICIPATES_IN'];
    const asOf = '2020-12-31';
    const kept = graph.relations.filter((x) => types.includes(x.type) && (!x.since || x.since <= asOf) && (!x.until || x.until >= asOf));
    const reference = computeGraphMetrics(
      kept.flatMap((x) => [x.from, x.to]),
      kept.map((x) => ({ from: x.from, to: x.to })),
    );
    const q = `query ($types: [String!], $asOf: Date) {
      communities(first: 2, relationTypes: $types, asOf: $asOf) { id size members(first: 3) { id } }
      keyActors(first: 3, relationTypes: $types, asOf: $asOf, kinds: ["Company"]) { rank value entity { id metrics { pageRank } } }
    }`;
    const f = await api.query(q, { types, asOf });
    expect(f.errors).toBeUndefined();
    const fd = f.data as any;
    const refCommunity = (id: number) =>
      [...reference.byId].filter(([, m]) => m.community === id).sort((a, b) => b[1].pageRank - a[1].pageRank || (a[0] < b[0] ? -1 : 1));
    expect(fd.communities).toEqual(
      [0, 1].map((id) => ({
        id,
        size: refCommunity(id).length,
        members: refCommunity(id)
          .slice(0, 3)
          .map(([m]) => ({ id: m })),
      })),
    );
    const kindOf = new Map(graph.entities.map((e) => [e.id, e.kind]));
    const refTop = [...reference.byId]
      .filter(([id]) => kindOf.get(id) === 'Company')
      .sort((a, b) => b[1].pageRank - a[1].pageRank || (a[0] < b[0] ? -1 : 1))
      .slice(0, 3);
    expect(fd.keyActors.map((a: any) => [a.entity.id, a.value])).toEqual(refTop.map(([id, m]) => [id, m.pageRank]));
    // The entity's own metrics stay those of the whole graph.
    const whole = stored.find((s) => s.id === fd.keyActors[0].entity.id)!;
    expect(fd.keyActors[0].entity.metrics.pageRank).toBe(whole.pageRank);
    // The same question again is answered from the cache (same graph version): one entry for this filter.
    const before = subgraphMetricsCache.size;
    expect((await api.query(q, { types: [...types].reverse(), asOf })).data).toEqual(fd);
    expect(subgraphMetricsCache.size).toBe(before);
  });

  it('are computed again only when the structure changes: an evidence edit or a rename keeps them, a removed relation does not', async () => {
    await resetDatabase(db);
    const first = await syncSeed(db, graph, { version: 'aaaaaaaaaaaa' });
    expect(first.metrics).toEqual({ step: 'computed', written: graph.entities.length });
    const before = await storedMetrics();
    // Created with their metrics, the entities hold them with the types a later write gives them:
    // a betweenness of exactly 0 is a float, not the integer cypherParams would make of it.
    const types = await db.read(async (tx) => {
      const r = await tx.run(
        `MATCH (n:Entity) WHERE n.seedFile IS NOT NULL
         RETURN collect(DISTINCT valueType(n.metricBetweenness)) AS b, collect(DISTINCT valueType(n.metricDegree)) AS d,
                count(CASE WHEN n.metricBetweenness = 0 THEN 1 END) AS zeros`,
      );
      return [r.records[0]!.get('b'), r.records[0]!.get('d'), Number(r.records[0]!.get('zeros')) > 0];
    });
    expect(types).toEqual([['FLOAT NOT NULL'], ['INTEGER NOT NULL'], true]);

    // Same entities, same relation ends: a revised quote and a renamed entity (an update of both).
    const [edited, ...rest] = graph.relations;
    const renamed = graph.entities.find((e) => e.id === edited!.from)!;
    const sameStructure: SeedGraph = {
      entities: graph.entities.map((e) => (e === renamed ? { ...e, name: `${e.name} (renamed)` } : e)),
      relations: [{ ...edited!, evidence: edited!.evidence.map((ev) => ({ ...ev, quote: `${ev.quote ?? ''} (revised)` })) }, ...rest],
    };
    const second = await syncSeed(db, sameStructure, { version: 'bbbbbbbbbbbb' });
    expect([second.entities.updated, second.relations.updated, second.metrics]).toEqual([1, 1, { step: 'unchanged', written: 0 }]);
    expect(await storedMetrics()).toEqual(before);
    // The same kind of edit over metrics stored by another format: computed, and nothing differs.
    await db.write((tx) => tx.run("MATCH (m:SeedVersion {name: 'metrics'}) SET m.digest = 'splinternet-metrics-0 x'"));
    const reverted = await syncSeed(db, graph, { version: 'abababababab' });
    expect([reverted.relations.updated, reverted.metrics]).toEqual([1, { step: 'computed', written: 0 }]);
    expect(await storedMetrics()).toEqual(before);
    await syncSeed(db, sameStructure, { version: 'bbbbbbbbbbbb' });

    // A relation removed: its ends' degrees change, so the metrics are computed and written again.
    const fewer: SeedGraph = { entities: sameStructure.entities, relations: sameStructure.relations.slice(1) };
    const third = await syncSeed(db, fewer, { version: 'cccccccccccc' });
    expect(third.metrics.step).toBe('computed');
    expect(third.metrics.written).toBeGreaterThan(0);
    const after = new Map((await storedMetrics()).map((m) => [m.id, m]));
    expect(after.get(edited!.from)!.degree).toBe(before.find((m) => m.id === edited!.from)!.degree - 1);
    expect(after.get(edited!.from)!.degree).toBe(after.get(edited!.from)!.neo4jDegree);

    // A full sync compares them whatever the digest says, and finds nothing to write.
    const full = await syncSeed(db, fewer, { version: 'dddddddddddd', full: true });
    expect(full.metrics).toEqual({ step: 'computed', written: 0 });
  });

  it('a failure in the metrics step rolls the whole sync back', async () => {
    await resetDatabase(db);
    await syncSeed(db, graph, { version: 'aaaaaaaaaaaa' });
    const before = await graphChecksum(db);
    // A real refusal by Neo4j inside the metrics write: two entities may not share a community.
    // (The constraint needs the community index gone and no two entities sharing a value yet.)
    await db.driver.executeQuery('DROP INDEX entity_metric_community IF EXISTS');
    await db.write((tx) => tx.run('MATCH (n:Entity) REMOVE n.metricCommunity'));
    await db.driver.executeQuery('CREATE CONSTRAINT one_per_community IF NOT EXISTS FOR (n:Entity) REQUIRE n.metricCommunity IS UNIQUE');
    const cleared = await graphChecksum(db);
    expect(cleared).not.toEqual(before);
    try {
      const changed: SeedGraph = { entities: graph.entities, relations: graph.relations.slice(1) };
      await expect(syncSeed(db, changed, { version: 'bbbbbbbbbbbb', skipSchema: true })).rejects.toThrow(/one_per_community|already exists|metricCommunity/);
      // Nothing of it committed: the removed relation, the version and the metrics are as they were.
      expect(await graphChecksum(db)).toEqual(cleared);
    } finally {
      await db.driver.executeQuery('DROP CONSTRAINT one_per_community IF EXISTS');
    }
  });
});
