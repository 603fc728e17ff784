import type { SeedEntity, SeedRelation } from './seed-model.ts';

/**
 * What one seed file adds to `stats`: its entities per kind, its relations per type, and the
 * range of their since/until dates. The sync stores it on the file's :SeedFile node, so `stats`
 * adds up a node per file instead of scanning every relationship (1.1 s warm at 200k relations,
 * against 17–25 ms), and
 * after a Neo4j restart its three-subquery plan on the cold JVM kept a client's first screen
 * waiting 4–13 s (the fault drill). Parallel lists, because Neo4j properties cannot hold maps.
 */
export interface SeedFileStats {
  kinds: string[];
  kindCounts: number[];
  types: string[];
  typeCounts: number[];
  /** Absent when none of the file's relations has a date (Neo4j then stores no property). */
  earliest: string | null;
  latest: string | null;
}

export function seedFileStats(entities: readonly SeedEntity[], relations: readonly SeedRelation[]): SeedFileStats {
  const kinds = countBy(entities, (e) => e.kind);
  const types = countBy(relations, (r) => r.type);
  let earliest: string | null = null;
  let latest: string | null = null;
  for (const r of relations) {
    for (const d of [r.since, r.until]) {
      if (d === undefined) continue;
      // Dates are YYYY[-MM[-DD]] strings: Cypher's min/max over them compared them as strings too.
      if (earliest === null || d < earliest) earliest = d;
      if (latest === null || d > latest) latest = d;
    }
  }
  return { kinds: [...kinds.keys()], kindCounts: [...kinds.values()], types: [...types.keys()], typeCounts: [...types.values()], earliest, latest };
}

/** The whole graph's figures from its files' (a file's lists may be absent on a node an older sync wrote). */
export interface GraphStats {
  byKind: Array<{ name: string; count: number }>;
  byType: Array<{ name: string; count: number }>;
  earliest: string | null;
  latest: string | null;
}

export function addFileStats(files: ReadonlyArray<Partial<SeedFileStats>>): GraphStats {
  const kinds = new Map<string, number>();
  const types = new Map<string, number>();
  let earliest: string | null = null;
  let latest: string | null = null;
  for (const f of files) {
    add(kinds, f.kinds ?? [], f.kindCounts ?? []);
    add(types, f.types ?? [], f.typeCounts ?? []);
    if (f.earliest != null && (earliest === null || f.earliest < earliest)) earliest = f.earliest;
    if (f.latest != null && (latest === null || f.latest > latest)) latest = f.latest;
  }
  const list = (m: Map<string, number>) => [...m].map(([name, count]) => ({ name, count }));
  return { byKind: list(kinds), byType: list(types), earliest, latest };
}

/** Whether a :SeedFile node carries the figures (nodes written before they existed do not). */
export function hasFileStats(f: Partial<SeedFileStats>): boolean {
  return Array.isArray(f.kinds) && Array.isArray(f.types);
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function add(into: Map<string, number>, names: readonly string[], counts: readonly number[]): void {
  names.forEach((name, i) => into.set(name, (into.get(name) ?? 0) + (counts[i] ?? 0)));
}
