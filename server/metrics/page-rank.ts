import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import { commonJsDefault } from './commonjs-default.ts';
import type { MetricsGraph } from './metrics-graph.ts';

const pagerank = commonJsDefault(pagerankModule);

/** Damping factor: the usual 0.85 (Brin & Page; NetworkX, Neo4j GDS and Gephi default to it). */
export const PAGE_RANK_DAMPING = 0.85;

/**
 * PageRank over the directed graph, edges weighted by how many relations go that way, summing
 * to 1 (graphology-metrics; dangling entities spread their rank evenly, as NetworkX does).
 * A relation points at what it is about ("clean-network EXCLUDES huawei"), so being the object
 * of many claims by central entities is what makes an entity central.
 */
export function computePageRank(g: MetricsGraph): Map<string, number> {
  if (g.ids.length === 0) return new Map();
  // 0.85^1000 is far below any tolerance: the power iteration always converges within the cap.
  const ranks = pagerank(g.directed, { getEdgeWeight: 'weight', alpha: PAGE_RANK_DAMPING, maxIterations: 1000, tolerance: 1e-10 });
  return new Map(g.ids.map((id) => [id, ranks[id] ?? 0]));
}
