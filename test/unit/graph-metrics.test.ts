import { DirectedGraph, UndirectedGraph } from 'graphology';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../server/metrics/bounded-cache.ts';
import { commonJsDefault } from '../../server/metrics/commonjs-default.ts';
import { computeGraphMetrics } from '../../server/metrics/compute-metrics.ts';
import { computeCommunities, louvainGraphView } from '../../server/metrics/louvain-communities.ts';
import { buildMetricsGraph, compareIds } from '../../server/metrics/metrics-graph.ts';
import louvainModule from 'graphology-communities-louvain';
import { rankPositions } from '../../server/metrics/metric-ranks.ts';
import { computePageRank, PAGE_RANK_DAMPING } from '../../server/metrics/page-rank.ts';
import { computeBetweenness, MIN_PIVOTS } from '../../server/metrics/sampled-betweenness.ts';
import { METRIC_PROPERTIES, metricsInputDigest } from '../../server/metrics/store-metrics.ts';
import { cypher } from '../../server/db/cypher-queries.ts';
import type { SeedGraph } from '../../server/ingest/seed-model.ts';
import { seededRandom } from '../../server/metrics/seeded-random.ts';

const edges = (pairs: string) => pairs.split(' ').map((p) => ({ from: p[0]!, to: p[1]! }));

describe('whole-graph metrics, checked by hand', () => {
  // A star: b, c and d point at a, a points at e. Directed for PageRank, a star of four leaves
  // around a for betweenness.
  const star = computeGraphMetrics(['a', 'b', 'c', 'd', 'e'], edges('ba ca da ae'));

  it('degree counts relations each way', () => {
    const deg = Object.fromEntries([...star.byId].map(([id, m]) => [id, [m.inDegree, m.outDegree, m.degree]]));
    expect(deg).toEqual({ a: [3, 1, 4], b: [0, 1, 1], c: [0, 1, 1], d: [0, 1, 1], e: [1, 0, 1] });
  });

  it('PageRank solves the damped equations (α = 0.85, N = 5, e dangling)', () => {
    // With t = (1−α)/N = 0.03 and u = α/N = 0.17 (e's rank is spread evenly):
    //   x_b = x_c = x_d = t + u·x_e
    //   x_a = t + α·3·x_b + u·x_e = 0.1065 + 0.6035·x_e
    //   x_e = t + α·x_a + u·x_e  ⇒  0.317025·x_e = 0.120525
    const xe = 0.120525 / 0.317025; // 0.380175…
    const expected = { a: 0.1065 + 0.6035 * xe, b: 0.03 + 0.17 * xe, c: 0.03 + 0.17 * xe, d: 0.03 + 0.17 * xe, e: xe };
    for (const [id, v] of Object.entries(expected)) expect(star.byId.get(id)!.pageRank).toBeCloseTo(v, 9);
    expect([...star.byId.values()].reduce((s, m) => s + m.pageRank, 0)).toBeCloseTo(1, 12);
    expect(star.byId.get('a')!.pageRank).toBeCloseTo(0.3359356517624793, 9);
  });

  it('betweenness: the centre of a star lies on all C(4,2) = 6 leaf-to-leaf paths, normalised by 6', () => {
    expect(star.betweenness.exact).toBe(true);
    expect(Object.fromEntries([...star.byId].map(([id, m]) => [id, m.betweenness]))).toEqual({ a: 1, b: 0, c: 0, d: 0, e: 0 });
  });

  it('ranks: highest first, ties share the better position', () => {
    const rank = (key: 'rankPageRank' | 'rankDegree' | 'rankBetweenness') => Object.fromEntries([...star.byId].map(([id, m]) => [id, m[key]]));
    expect(rank('rankPageRank')).toEqual({ e: 1, a: 2, b: 3, c: 3, d: 3 });
    expect(rank('rankDegree')).toEqual({ a: 1, b: 2, c: 2, d: 2, e: 2 });
    expect(rank('rankBetweenness')).toEqual({ a: 1, b: 2, c: 2, d: 2, e: 2 });
    expect(star.byId.get('a')!.rankOf).toBe(5);
    expect([
      ...rankPositions(
        new Map([
          ['w', 5],
          ['x', 3],
          ['y', 3],
          ['z', 1],
        ]),
      ),
    ]).toEqual([
      ['w', 1],
      ['x', 2],
      ['y', 2],
      ['z', 4],
    ]);
  });

  // Two triangles a-b-c and d-e-f joined by the bridge c-d.
  const barbell = computeGraphMetrics(['f', 'e', 'd', 'c', 'b', 'a'], edges('ab bc ca cd de ef fd'));

  it('betweenness of a barbell: each bridge end carries 3 × 2 = 6 of the C(5,2) = 10 possible pairs', () => {
    const expected = { a: 0, b: 0, c: 0.6, d: 0.6, e: 0, f: 0 };
    for (const [id, v] of Object.entries(expected)) expect(barbell.byId.get(id)!.betweenness).toBeCloseTo(v, 12);
  });

  it('Louvain finds the two triangles; equal sizes, so community 0 is the one holding the smallest id', () => {
    const community = Object.fromEntries([...barbell.byId].map(([id, m]) => [id, m.community]));
    expect(community).toEqual({ a: 0, b: 0, c: 0, d: 1, e: 1, f: 1 });
    expect(barbell.communities).toBe(2);
  });

  it('parallel relations count in the degree; self-relations only in the degree', () => {
    const m = computeGraphMetrics(['a', 'b'], edges('ab ab aa'));
    expect(m.byId.get('a')).toMatchObject({ outDegree: 3, inDegree: 1, degree: 4 });
    expect(m.byId.get('b')).toMatchObject({ inDegree: 2, degree: 2 });
    const g = buildMetricsGraph(['a', 'b'], edges('ab ab aa'));
    expect([[...g.directed.starts], [...g.directed.targets], [...g.directed.weights]]).toEqual([[0, 1, 1], [1], [2]]);
  });

  it('relations to unknown entities are ignored and an empty graph has no metrics', () => {
    expect(computeGraphMetrics(['a'], edges('ab')).byId.get('a')).toMatchObject({ degree: 0, pageRank: 1, community: 0 });
    expect(computeGraphMetrics([], []).byId.size).toBe(0);
  });
});

/** A seeded random graph: two dense clusters of `n` joined only through the entity "bridge". */
function twoClusters(n: number, perNode: number, seed: number): { ids: string[]; edges: Array<{ from: string; to: string }> } {
  const rand = seededRandom(seed);
  const ids = ['bridge'];
  const out: Array<{ from: string; to: string }> = [];
  for (const side of ['l', 'r']) {
    for (let i = 0; i < n; i++) ids.push(`${side}${i}`);
    for (let i = 0; i < n; i++) for (let k = 0; k < perNode; k++) out.push({ from: `${side}${i}`, to: `${side}${Math.floor(rand() * n)}` });
    out.push({ from: `${side}0`, to: 'bridge' });
  }
  return { ids, edges: out };
}

/**
 * The undirected graph as a graphology graph, built as the metrics once built it (nodes in id
 * order, one edge per pair weighted by its relations, inserted by (smaller id, larger id)): the
 * input of the reference implementations.
 */
function graphologyUndirected(ids: string[], es: Array<{ from: string; to: string }>): UndirectedGraph {
  const g = new UndirectedGraph({ multi: false, allowSelfLoops: false });
  const sorted = [...new Set(ids)].sort(compareIds);
  for (const id of sorted) g.addNode(id);
  const known = new Set(sorted);
  const pairs = es
    .filter((e) => e.from !== e.to && known.has(e.from) && known.has(e.to))
    .map((e) => (compareIds(e.from, e.to) < 0 ? [e.from, e.to] : [e.to, e.from]));
  pairs.sort((x, y) => compareIds(x[0]!, y[0]!) || compareIds(x[1]!, y[1]!));
  for (const [a, b] of pairs) {
    if (g.hasEdge(a!, b!)) g.updateEdgeAttribute(a!, b!, 'weight', (w: number) => w + 1);
    else g.addEdge(a!, b!, { weight: 1 });
  }
  return g;
}

describe('betweenness beyond the exact budget', () => {
  const { ids, edges: es } = twoClusters(150, 3, 7);
  const g = buildMetricsGraph(ids, es);

  it('exact: equals graphology-metrics’ own betweenness (the reference)', () => {
    const reference = commonJsDefault(betweennessModule)(graphologyUndirected(ids, es), { normalized: true, getEdgeWeight: null });
    const mine = computeBetweenness(g, { seed: 1 });
    expect(mine.exact).toBe(true);
    for (const id of ids) expect(mine.values.get(id)).toBeCloseTo(reference[id]!, 12);
  });

  it('sampled: seeded pivots give the same estimate every run, close to the exact one where it matters', () => {
    const budget = (g.ids.length + 2 * g.undirected.size) * 10; // 10 passes' worth: below the floor
    const a = computeBetweenness(g, { seed: 1, budget });
    const b = computeBetweenness(buildMetricsGraph([...ids].reverse(), [...es].reverse()), { seed: 1, budget });
    expect(a).toMatchObject({ exact: false, pivots: MIN_PIVOTS });
    expect([...a.values]).toEqual([...b.values]);
    const exact = computeBetweenness(g, { seed: 1 }).values;
    // The bridge and the two entities it joins lie between the clusters: the three top brokers.
    const top3 = (m: Map<string, number>) =>
      [...m]
        .sort((x, y) => y[1] - x[1])
        .slice(0, 3)
        .map(([id]) => id)
        .sort();
    expect(top3(exact)).toEqual(['bridge', 'l0', 'r0']);
    expect(top3(a.values)).toEqual(['bridge', 'l0', 'r0']);
    // Unbiased estimator: the bridge lies between every left–right pair, about half of all pairs.
    expect(Math.abs(a.values.get('bridge')! - exact.get('bridge')!) / exact.get('bridge')!).toBeLessThan(0.15);
  });
});

describe('determinism', () => {
  it('the same graph in any input order gives the same metrics and communities', () => {
    const { ids, edges: es } = twoClusters(60, 2, 3);
    const shuffled = [...es].sort(() => 0.5 - seededRandom(9)());
    const a = computeGraphMetrics(ids, es);
    const b = computeGraphMetrics([...ids].reverse(), shuffled);
    expect([...b.byId].sort()).toEqual([...a.byId].sort());
    // Community ids by size: 0 is the largest.
    const sizes = new Map<number, number>();
    for (const m of a.byId.values()) sizes.set(m.community, (sizes.get(m.community) ?? 0) + 1);
    const bySize = [...sizes].sort((x, y) => x[0] - y[0]).map(([, n]) => n);
    expect(bySize).toEqual([...bySize].sort((x, y) => y - x));
  });

  it('the graphs the metrics run on are simple (one edge per pair), rows in ascending order', () => {
    const g = buildMetricsGraph(['a', 'b'], edges('ab ba'));
    expect([g.directed.targets.length, g.undirected.size, [...g.undirected.weights]]).toEqual([2, 1, [2, 2]]);
    const h = buildMetricsGraph(['a', 'b', 'c', 'd'], edges('db ca ba bc dc ad dd'));
    const rows = (r: { starts: Int32Array; targets: Int32Array }) => [0, 1, 2, 3].map((i) => [...r.targets.subarray(r.starts[i], r.starts[i + 1])]);
    expect(rows(h.undirected)).toEqual([
      [1, 2, 3],
      [0, 2, 3],
      [0, 1, 3],
      [0, 1, 2],
    ]);
    expect(rows(h.directed)).toEqual([[3], [0, 2], [0], [1, 2]]);
  });
});

describe('Louvain through the view of the compressed rows', () => {
  const louvain = commonJsDefault(louvainModule);
  // Clusters with parallel relations and self-relations; one with isolated entities and ids whose
  // code-unit order differs from their numeric one; one with no relation at all.
  const cases: Array<[string, string[], Array<{ from: string; to: string }>]> = [
    ['two clusters', ...(Object.values(twoClusters(120, 3, 21)) as [string[], Array<{ from: string; to: string }>])],
    ['two clusters, parallel and self-relations', ...(Object.values(twoClusters(60, 4, 22)) as [string[], Array<{ from: string; to: string }>])],
  ];
  const rand = seededRandom(23);
  const sparse = Array.from({ length: 300 }, (_, i) => `n${i * 7}`);
  cases.push([
    'sparse, isolated entities',
    sparse,
    Array.from({ length: 280 }, () => ({ from: sparse[Math.floor(rand() * 300)]!, to: sparse[Math.floor(rand() * 300)]! })),
  ]);
  cases.push(['no relations', ['x', 'y', 'z'], []]);
  cases[1]![2].push(...cases[1]![2].slice(0, 40), ...cases[1]![1].slice(0, 10).map((id) => ({ from: id, to: id })));

  for (const [name, ids, es] of cases) {
    it(`finds the communities graphology-communities-louvain finds on a real graphology graph: ${name}`, () => {
      const options = { getEdgeWeight: 'weight', randomWalk: true, resolution: 1 } as const;
      const expected = louvain(graphologyUndirected(ids, es), { ...options, rng: seededRandom(5) });
      const mine = louvain(louvainGraphView(buildMetricsGraph(ids, es)), { ...options, rng: seededRandom(5) });
      expect(mine).toEqual(expected);
      expect(computeCommunities(buildMetricsGraph(ids, es), 5).size).toBe(new Set(ids).size);
    });
  }
});

describe('PageRank against graphology-metrics (the reference)', () => {
  // Weighted edges, dangling entities, parallel relations and self-relations, at two sizes.
  for (const [n, perNode, seed] of [
    [40, 2, 11],
    [400, 3, 12],
  ] as const) {
    it(`equals graphology-metrics' pagerank on a random graph of ${2 * n + 1} entities`, () => {
      const { ids, edges: es } = twoClusters(n, perNode, seed);
      const rand = seededRandom(seed);
      const more = ids.slice(0, n).map((id) => ({ from: id, to: ids[Math.floor(rand() * ids.length)]! }));
      const all = [...es, ...more, ...es.slice(0, 20)];
      const reference = new DirectedGraph({ allowSelfLoops: false });
      for (const id of ids) reference.addNode(id);
      for (const { from, to } of all) {
        if (from === to) continue;
        if (reference.hasEdge(from, to)) reference.updateEdgeAttribute(from, to, 'weight', (w: number) => w + 1);
        else reference.addEdge(from, to, { weight: 1 });
      }
      const expected = commonJsDefault(pagerankModule)(reference, { getEdgeWeight: 'weight', alpha: PAGE_RANK_DAMPING, maxIterations: 1000, tolerance: 1e-10 });
      const mine = computePageRank(buildMetricsGraph(ids, all));
      expect(ids.filter((id) => mine.get(id) === undefined)).toEqual([]);
      for (const id of ids) expect(mine.get(id)).toBeCloseTo(expected[id]!, 12);
    });
  }
});

describe('BoundedCache', () => {
  it('keeps the most recently used entries up to its capacity', () => {
    const c = new BoundedCache<number>(2);
    c.set('a', 1);
    c.set('b', 2);
    expect(c.get('a')).toBe(1); // a is now the most recent
    c.set('c', 3);
    expect([c.get('a'), c.get('b'), c.get('c'), c.size]).toEqual([1, undefined, 3, 2]);
  });
});

describe('what the stored metrics depend on', () => {
  const graphOf = (ids: string[], pairs: string, name = 'x'): SeedGraph =>
    ({
      entities: ids.map((id) => ({ id, name })),
      relations: edges(pairs).map((e, i) => ({ ...e, key: `k${i}`, evidence: [{ quote: name }] })),
    }) as unknown as SeedGraph;

  it('the digest ignores order, names and evidence, and sees every entity and every relation end', () => {
    const base = metricsInputDigest(graphOf(['a', 'b', 'c'], 'ab bc ab'));
    expect(metricsInputDigest(graphOf(['c', 'a', 'b'], 'ab ab bc', 'renamed'))).toBe(base);
    expect(metricsInputDigest(graphOf(['a', 'b', 'c'], 'ab bc'))).not.toBe(base); // a parallel relation fewer
    expect(metricsInputDigest(graphOf(['a', 'b', 'c'], 'ba bc ab'))).not.toBe(base); // one turned round
    expect(metricsInputDigest(graphOf(['a', 'b', 'c', 'd'], 'ab bc ab'))).not.toBe(base); // an entity more
    expect(metricsInputDigest(graphOf(['a', 'b', 'd'], 'ab bd ab'))).not.toBe(base); // an id changed
  });

  it('an entity update keeps exactly the stored metric properties', () => {
    const kept = /n \{([^}]*)\} AS metrics/.exec(cypher('updateEntities'))?.[1];
    expect(kept?.split(',').map((p) => p.trim().replace(/^\./, ''))).toEqual(METRIC_PROPERTIES.map(([property]) => property));
  });
});
