import louvainModule from 'graphology-communities-louvain';
import { commonJsDefault } from './commonjs-default.ts';
import { compareIds, type MetricsGraph } from './metrics-graph.ts';
import { seededRandom } from './seeded-random.ts';

const louvain = commonJsDefault(louvainModule);

/**
 * Louvain communities over the undirected graph, edges weighted by how many relations join two
 * entities (graphology-communities-louvain, resolution 1). Deterministic: the random walk draws
 * from a seeded PRNG over nodes inserted in id order. Ids are renumbered by size — 0 is the
 * largest community — ties broken by the smallest member id, so ids do not depend on the
 * library's internal numbering. An entity with no relation is a community of its own.
 */
export function computeCommunities(g: MetricsGraph, seed: number): Map<string, number> {
  if (g.ids.length === 0) return new Map();
  const raw = louvain(g.undirected, { getEdgeWeight: 'weight', rng: seededRandom(seed), randomWalk: true, resolution: 1 });
  const members = new Map<number, string[]>();
  for (const id of g.ids) {
    const c = raw[id] ?? -1;
    (members.get(c) ?? members.set(c, []).get(c)!).push(id); // g.ids is sorted: [0] is the smallest
  }
  const ordered = [...members.values()].sort((a, b) => b.length - a.length || compareIds(a[0]!, b[0]!));
  const out = new Map<string, number>();
  ordered.forEach((ids, i) => {
    for (const id of ids) out.set(id, i);
  });
  return out;
}
