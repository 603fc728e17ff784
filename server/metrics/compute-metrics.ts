import { buildMetricsGraph, type MetricEdge } from './metrics-graph.ts';
import { computeCommunities } from './louvain-communities.ts';
import { rankPositions } from './metric-ranks.ts';
import { computePageRank } from './page-rank.ts';
import { computeBetweenness, type BetweennessOptions } from './sampled-betweenness.ts';
import { METRICS_SEED } from './seeded-random.ts';

/** What the metrics say of one entity: the values and its rank by each. */
export interface EntityMetricValues {
  degree: number;
  inDegree: number;
  outDegree: number;
  pageRank: number;
  betweenness: number;
  community: number;
  rankDegree: number;
  rankPageRank: number;
  rankBetweenness: number;
  /** Entities ranked: every entity of the graph. */
  rankOf: number;
}

export interface GraphMetrics {
  byId: Map<string, EntityMetricValues>;
  /** How betweenness was computed: from every entity, or from a seeded sample of pivots. */
  betweenness: { exact: boolean; pivots: number };
  communities: number;
}

export interface ComputeMetricsOptions {
  /** Work allowed for exact betweenness (sampled-betweenness.ts). */
  betweennessBudget?: number;
}

/**
 * Degree, PageRank, betweenness and Louvain communities of every entity, with ranks. Pure and
 * deterministic: the same entities and relations give the same numbers, in any input order.
 */
export function computeGraphMetrics(entityIds: Iterable<string>, edges: Iterable<MetricEdge>, options: ComputeMetricsOptions = {}): GraphMetrics {
  const g = buildMetricsGraph(entityIds, edges);
  const pageRank = computePageRank(g);
  const betweennessOptions: BetweennessOptions = { seed: METRICS_SEED };
  if (options.betweennessBudget !== undefined) betweennessOptions.budget = options.betweennessBudget;
  const betweenness = computeBetweenness(g, betweennessOptions);
  const community = computeCommunities(g, METRICS_SEED);
  const degree = new Map(g.ids.map((id) => [id, g.inDegree.get(id)! + g.outDegree.get(id)!]));
  const rankDegree = rankPositions(degree);
  const rankPageRank = rankPositions(pageRank);
  const rankBetweenness = rankPositions(betweenness.values);
  const byId = new Map<string, EntityMetricValues>();
  for (const id of g.ids) {
    byId.set(id, {
      degree: degree.get(id)!,
      inDegree: g.inDegree.get(id)!,
      outDegree: g.outDegree.get(id)!,
      pageRank: pageRank.get(id)!,
      betweenness: betweenness.values.get(id)!,
      community: community.get(id)!,
      rankDegree: rankDegree.get(id)!,
      rankPageRank: rankPageRank.get(id)!,
      rankBetweenness: rankBetweenness.get(id)!,
      rankOf: g.ids.length,
    });
  }
  return {
    byId,
    betweenness: { exact: betweenness.exact, pivots: betweenness.pivots },
    communities: new Set(community.values()).size,
  };
}
