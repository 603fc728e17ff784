import { cypher } from '../db/cypher-queries.ts';
import { cypherParams } from '../db/cypher-params.ts';
import type { Database } from '../db/database.ts';
import { BoundedCache } from './bounded-cache.ts';
import { computeGraphMetrics, type GraphMetrics } from './compute-metrics.ts';

/** Which part of the graph: relations of these types (null: all), valid on this date (null: any). */
export interface SubgraphFilter {
  types: string[] | null;
  asOf: string | null;
}

export interface SubgraphMetrics extends GraphMetrics {
  /** The kind of every entity of the subgraph (those with at least one relation that passes). */
  kinds: Map<string, string>;
}

/**
 * Metrics of the part of the graph a filter keeps, computed on request (the sync stores only
 * the whole graph's) and cached by graph version and filter. Eight entries: an analyst flips
 * between a few filters; a 100k-relation graph's metrics take a few MB each.
 */
export class SubgraphMetricsCache {
  private readonly cache = new BoundedCache<SubgraphMetrics>(8);

  /** Cache entries held (for tests). */
  get size(): number {
    return this.cache.size;
  }

  async get(db: Database, filter: SubgraphFilter): Promise<SubgraphMetrics> {
    const key = JSON.stringify([filter.types ? [...new Set(filter.types)].sort() : null, filter.asOf]);
    // One cheap read says whether the graph moved on; the key names the version the data came with.
    const version = await db.read(async (tx) => ((await tx.run(cypher('readSeedVersion'))).records[0]?.get('version') as string | null | undefined) ?? null);
    const hit = version === null ? undefined : this.cache.get(`${version}\u0000${key}`);
    if (hit) return hit;
    const { edges, version: readVersion } = await db.read(async (tx) => {
      const r = (await tx.run(cypher('metricsSubgraph'), cypherParams({ types: filter.types, asOf: filter.asOf }) as Record<string, unknown>)).records[0];
      return { edges: (r?.get('edges') as Array<[string, string, string, string]> | undefined) ?? [], version: (r?.get('version') as string | null) ?? null };
    });
    const kinds = new Map<string, string>();
    for (const [from, fromKind, to, toKind] of edges) {
      kinds.set(from, fromKind);
      kinds.set(to, toKind);
    }
    const metrics: SubgraphMetrics = {
      ...computeGraphMetrics(
        kinds.keys(),
        edges.map(([from, , to]) => ({ from, to })),
      ),
      kinds,
    };
    // Unversioned data can change without a new version: never cached.
    if (readVersion !== null) this.cache.set(`${readVersion}\u0000${key}`, metrics);
    return metrics;
  }
}

/** The server's one cache (the API keeps no other state; a new graph version misses it). */
export const subgraphMetricsCache = new SubgraphMetricsCache();
