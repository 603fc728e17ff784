import { createHash } from 'node:crypto';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { cypher } from '../db/cypher-queries.ts';
import { runBatch } from '../db/run-batch.ts';
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

/**
 * Raised whenever the metrics would come out differently from the same graph (an algorithm or
 * a parameter changed): stored digests then differ, and the next sync computes them again.
 */
const METRICS_FORMAT = 'splinternet-metrics-1';

export interface StoredMetricsReport {
  /** Entities whose stored metrics changed (the rest were left untouched). */
  written: number;
  /** Computed (null: skipped, as the graph's structure is what the stored ones were computed from). */
  metrics: GraphMetrics | null;
  /** Time to compute and store them. */
  ms: number;
}

// A managed transaction may run its work again after a transient error, and the sync computes
// before its transaction what it stores inside it: compute once per graph.
const computed = new WeakMap<SeedGraph, GraphMetrics>();
const digests = new WeakMap<SeedGraph, string>();

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
 * A digest of all the metrics depend on: the entity ids and each relation's two ends (counted
 * with repeats), in no particular order. An edit of evidence, dates, names or kinds keeps it.
 */
export function metricsInputDigest(graph: SeedGraph): string {
  const ids = graph.entities.map((e) => e.id).sort(byCodeUnit);
  const index = new Map(ids.map((id, i) => [id, i]));
  const n = ids.length;
  // Ends as a·n + b, sorted: exact while n² < 2⁵³, and far cheaper than sorting strings.
  const pairs = Float64Array.from(graph.relations, (r) => (index.get(r.from) ?? -1) * n + (index.get(r.to) ?? -1)).sort();
  const hash = createHash('sha256');
  for (const id of ids) hash.update(id).update('\n');
  // The format in clear, so a sync that keeps the structure can tell the stored digest is current.
  return `${METRICS_FORMAT} ${hash.update(new Uint8Array(pairs.buffer)).digest('base64')}`;
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface StoreMetricsOptions {
  /** Compute and compare even if the stored digest says nothing changed (`seed:sync -- --full`). */
  force?: boolean;
  /**
   * The caller knows the structure is what the stored metrics were computed from (an
   * incremental sync that created and removed nothing: an update keeps an entity's id and a
   * relation's ends): the digest, ~1.4 µs a relation, is not computed — unless the stored one is
   * of another METRICS_FORMAT. @default false
   */
  structureUnchanged?: boolean;
  /**
   * Entities this transaction created with metricProperties of seedGraphMetrics(graph): they
   * are neither read nor written again, and count as written.
   */
  givenTo?: ReadonlySet<string>;
}

/**
 * Computes the whole graph's metrics from the validated seed (which the sync has just made Neo4j
 * hold) and stores them on the entities, inside the sync's transaction `tx`, so they commit or
 * roll back with it. Writes only the entities whose values differ from what they hold. Skipped
 * when the digest of what they depend on equals the one stored with them: entities keep their
 * metrics through updates (updateEntities), and a new or removed entity changes the digest.
 */
export async function storeSeedMetrics(tx: ManagedTransaction, graph: SeedGraph, options: StoreMetricsOptions = {}): Promise<StoredMetricsReport> {
  const started = Date.now();
  const storedDigest = (await tx.run(cypher('readMetricsInput'))).records[0]?.get('digest') as string | null | undefined;
  const metrics = metricsToStore(graph, storedDigest ?? null, options);
  if (!metrics) return { written: 0, metrics: null, ms: Date.now() - started };
  const given = options.givenTo ?? new Set<string>();
  const stored = new Map<string, unknown[]>();
  // Entities created with their metrics (metricProperties) hold nothing else to compare.
  if (given.size < metrics.byId.size) {
    for (const r of (await tx.run(cypher('readSeedMetrics'))).records) stored.set(r.get('id') as string, r.get('values') as unknown[]);
  }
  const rows: unknown[][] = [];
  for (const [id, m] of metrics.byId) {
    if (given.has(id)) continue;
    const have = stored.get(id);
    if (have && METRIC_PROPERTIES.every(([, key], i) => have[i] === m[key])) continue;
    rows.push([id, ...metricValues(m)]);
  }
  for (let i = 0; i < rows.length; i += BATCH) await runBatch(tx, cypher('writeSeedMetrics'), rows.slice(i, i + BATCH));
  await tx.run(cypher('writeMetricsInput'), { digest: inputDigestOf(graph) });
  return { written: rows.length + given.size, metrics, ms: Date.now() - started };
}

/**
 * The metrics a sync must store, given the digest stored with the current ones (null: none):
 * null when they are current (see storeSeedMetrics). The sync asks before its transaction, with
 * the digest it read when planning, so new entities are created with their metrics; inside it,
 * storeSeedMetrics asks again with the digest it reads there.
 */
export function metricsToStore(graph: SeedGraph, storedDigest: string | null, options: StoreMetricsOptions = {}): GraphMetrics | null {
  if (!options.force && options.structureUnchanged && storedDigest?.startsWith(`${METRICS_FORMAT} `)) return null;
  if (!options.force && storedDigest === inputDigestOf(graph)) return null;
  return seedGraphMetrics(graph);
}

function inputDigestOf(graph: SeedGraph): string {
  let d = digests.get(graph);
  if (d === undefined) {
    d = metricsInputDigest(graph);
    digests.set(graph, d);
  }
  return d;
}

/**
 * One entity's metrics as stored, in the order of METRIC_PROPERTIES. Integers go as Cypher
 * integers and the rest as floats, whatever their value: a betweenness of exactly 0 stays a
 * float, so a property never changes type between syncs. (So not through cypherParams, which
 * would make that 0 an integer.)
 */
function metricValues(m: EntityMetricValues): unknown[] {
  return METRIC_PROPERTIES.map(([, key, type]) => (type === 'int' ? neo4j.int(m[key]) : m[key]));
}

/** metricValues as the entity's properties, for the row that creates it. */
export function metricProperties(m: EntityMetricValues): Record<string, unknown> {
  const values = metricValues(m);
  return Object.fromEntries(METRIC_PROPERTIES.map(([name], i) => [name, values[i]]));
}
