import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { cypher } from '../db/cypher-queries.ts';
import type { SeedGraph } from '../ingest/seed-model.ts';
import { computeGraphMetrics, type EntityMetricValues, type GraphMetrics } from './compute-metrics.ts';

/** The stored properties, in the order of readSeedMetrics / writeSeedMetrics (cypher/seed-metrics.cypher). */
export const METRIC_PROPERTIES = [
  ['metricDegree', 'degree', 'int'],
  ['metricInDegree', 'inDegree', 'int'],
  ['metricOutDegree', 'outDegree', 'int'],
  ['metricPageRank', 'pageRank', 'float'],
  ['metricBetweenness', 'betweenness', 'float'],
  ['metricCommunity', 'community', 'int'],
  ['metricRankDegree', 'rankDegree', 'int'],
  ['metricRankPageRank', 'rankPageRank', 'int'],
  ['metricRankBetweenness', 'rankBetweenness', 'int'],
  ['metricRankOf', 'rankOf', 'int'],
] as const satisfies ReadonlyArray<readonly [string, keyof EntityMetricValues, 'int' | 'float']>;

/** Rows per UNWIND of writeSeedMetrics. */
const BATCH = 10_000;

export interface StoredMetricsReport {
  /** Entities whose stored metrics changed (the rest were left untouched). */
  written: number;
  metrics: GraphMetrics;
  /** Time to compute and store them. */
  ms: number;
}

// A managed transaction may run its work again after a transient error: compute once per graph.
const computed = new WeakMap<SeedGraph, GraphMetrics>();

/** The metrics of a validated seed graph: every entity, every relation. */
export function seedGraphMetrics(graph: SeedGraph): GraphMetrics {
  let m = computed.get(graph);
  if (!m) {
    m = computeGraphMetrics(
      graph.entities.map((e) => e.id),
      graph.relations.map((r) => ({ from: r.from, to: r.to })),
    );
    computed.set(graph, m);
  }
  return m;
}

/**
 * Computes the whole graph's metrics from the validated seed (which the sync has just made Neo4j
 * hold) and stores them on the entities, inside the sync's transaction `tx`, so they commit or
 * roll back with it. Writes only the entities whose values differ from what they hold.
 */
export async function storeSeedMetrics(tx: ManagedTransaction, graph: SeedGraph): Promise<StoredMetricsReport> {
  const started = Date.now();
  const metrics = seedGraphMetrics(graph);
  const stored = new Map<string, unknown[]>();
  for (const r of (await tx.run(cypher('readSeedMetrics'))).records) stored.set(r.get('id') as string, r.get('values') as unknown[]);
  const rows: unknown[][] = [];
  for (const [id, m] of metrics.byId) {
    const have = stored.get(id);
    if (have && METRIC_PROPERTIES.every(([, key], i) => have[i] === m[key])) continue;
    // Integers go as Cypher integers and the rest as floats, whatever their value: a betweenness
    // of exactly 0 stays a float, so a property never changes type between syncs.
    rows.push([id, ...METRIC_PROPERTIES.map(([, key, type]) => (type === 'int' ? neo4j.int(m[key]) : m[key]))]);
  }
  for (let i = 0; i < rows.length; i += BATCH) await tx.run(cypher('writeSeedMetrics'), { rows: rows.slice(i, i + BATCH) });
  return { written: rows.length, metrics, ms: Date.now() - started };
}
