import type { UndirectedGraph } from 'graphology';
import { createUnweightedIndexedBrandes } from 'graphology-shortest-path/indexed-brandes.js';
import type { MetricsGraph } from './metrics-graph.ts';
import { seededRandom } from './seeded-random.ts';

/**
 * Work allowed for betweenness, in neighbour visits. One Brandes pass from a source costs about
 * V + 2E visits; the exact measure needs V passes, so O(V·E). Up to this budget it is exact;
 * beyond it the passes run from a seeded sample of pivots (Brandes & Pich 2007) and are scaled
 * by V / pivots. 60M visits is about a second in Node, or 270 pivots at 100k relations.
 */
export const BETWEENNESS_BUDGET = 60_000_000;
/** Fewest pivots a sampled estimate uses, whatever the graph size. */
export const MIN_PIVOTS = 64;

export interface BetweennessResult {
  values: Map<string, number>;
  /** Sources the Brandes passes ran from: every entity when exact. */
  pivots: number;
  exact: boolean;
}

export interface BetweennessOptions {
  /** @default BETWEENNESS_BUDGET */
  budget?: number;
  /** PRNG seed for the pivots. */
  seed: number;
}

type Brandes = ((source: number) => [{ size: number; items: ArrayLike<number>; pop(): number }, number[][], Uint32Array]) & {
  index: { collect(values: Float64Array): Record<string, number> };
};

/**
 * Betweenness centrality over the undirected graph (brokerage does not depend on which way a
 * claim points), normalised to 0–1 as NetworkX and graphology do: divided by (V−1)(V−2).
 * Uses graphology-shortest-path's indexed Brandes routine, the one graphology-metrics'
 * betweenness runs, from every node or from the sampled pivots.
 */
export function computeBetweenness(g: MetricsGraph, { budget = BETWEENNESS_BUDGET, seed }: BetweennessOptions): BetweennessResult {
  const graph: UndirectedGraph = g.undirected;
  const n = graph.order;
  if (n === 0) return { values: new Map(), pivots: 0, exact: true };
  const perPass = n + 2 * graph.size;
  const affordable = Math.floor(budget / perPass);
  const exact = affordable >= n;
  const pivots = exact ? n : Math.min(n, Math.max(MIN_PIVOTS, affordable));
  const sources = exact ? Array.from({ length: n }, (_, i) => i) : samplePivots(n, pivots, seed);

  // The .d.ts puts `index` on the factory; the routine carries it (graphology-metrics reads it there).
  const brandes = createUnweightedIndexedBrandes(graph) as unknown as Brandes;
  const delta = new Float64Array(n);
  const centrality = new Float64Array(n);
  for (const s of sources) {
    const [S, P, sigma] = brandes(s);
    for (let j = 0; j < S.size; j++) delta[S.items[j]!] = 0;
    while (S.size !== 0) {
      const w = S.pop();
      const coefficient = (1 + delta[w]!) / sigma[w]!;
      for (const v of P[w]!) delta[v]! += sigma[v]! * coefficient;
      if (w !== s) centrality[w]! += delta[w]!;
    }
  }
  const scale = (n <= 2 ? 0 : 1 / ((n - 1) * (n - 2))) * (n / pivots);
  for (let i = 0; i < n; i++) centrality[i]! *= scale;
  const values = brandes.index.collect(centrality);
  return { values: new Map(g.ids.map((id) => [id, values[id] ?? 0])), pivots, exact };
}

/** `k` distinct node indices out of `n`, by a seeded partial Fisher–Yates shuffle, in ascending order. */
function samplePivots(n: number, k: number, seed: number): number[] {
  const rand = seededRandom(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rand() * (n - i));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.slice(0, k).sort((a, b) => a - b);
}
