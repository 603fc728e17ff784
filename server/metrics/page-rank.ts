import type { MetricsGraph } from './metrics-graph.ts';

/** Damping factor: the usual 0.85 (Brin & Page; NetworkX, Neo4j GDS and Gephi default to it). */
export const PAGE_RANK_DAMPING = 0.85;
/** Convergence: the L1 change of an iteration below N × this (graphology-metrics' test). */
const TOLERANCE = 1e-10;
/** 0.85^1000 is far below any tolerance: the power iteration always converges within the cap. */
const MAX_ITERATIONS = 1000;

/**
 * PageRank over the directed graph, edges weighted by how many relations go that way, summing
 * to 1; dangling entities spread their rank evenly, as NetworkX does. The power iteration of
 * graphology-metrics' pagerank (centrality/pagerank.js), step for step, over the graph's
 * compressed rows instead of a graphology graph built for it alone; test/unit/graph-metrics.test.ts
 * checks it against that library on random graphs.
 * A relation points at what it is about ("clean-network EXCLUDES huawei"), so being the object
 * of many claims by central entities is what makes an entity central.
 */
export function computePageRank(g: MetricsGraph): Map<string, number> {
  const n = g.ids.length;
  if (n === 0) return new Map();
  const { starts, targets, weights } = g.directed;
  const p = 1 / n;
  const share = new Float64Array(weights.length); // each edge's part of its source's out-weight
  const dangling: number[] = [];
  for (let i = 0; i < n; i++) {
    let out = 0;
    for (let j = starts[i]!; j < starts[i + 1]!; j++) out += weights[j]!;
    if (out === 0) dangling.push(i);
    for (let j = starts[i]!; j < starts[i + 1]!; j++) share[j] = weights[j]! / out;
  }
  let x = new Float64Array(n).fill(p);
  let next = new Float64Array(n);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    next.fill(0);
    let dangleSum = 0;
    for (const i of dangling) dangleSum += x[i]!;
    dangleSum *= PAGE_RANK_DAMPING;
    for (let i = 0; i < n; i++) {
      for (let j = starts[i]!, end = starts[i + 1]!; j < end; j++) next[targets[j]!]! += PAGE_RANK_DAMPING * x[i]! * share[j]!;
      next[i]! += dangleSum * p + (1 - PAGE_RANK_DAMPING) * p;
    }
    let error = 0;
    for (let i = 0; i < n; i++) error += Math.abs(next[i]! - x[i]!);
    [x, next] = [next, x];
    if (error < n * TOLERANCE) return new Map(g.ids.map((id, i) => [id, x[i]!]));
  }
  throw new Error(`PageRank did not converge in ${MAX_ITERATIONS} iterations`);
}
