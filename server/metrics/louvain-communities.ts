import type { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import { commonJsDefault } from './commonjs-default.ts';
import { compareIds, type MetricsGraph } from './metrics-graph.ts';
import { seededRandom } from './seeded-random.ts';

const louvain = commonJsDefault(louvainModule);

/**
 * Louvain communities over the undirected graph, edges weighted by how many relations join two
 * entities (graphology-communities-louvain, resolution 1). Deterministic: the random walk draws
 * from a seeded PRNG over nodes in id order. Ids are renumbered by size — 0 is the
 * largest community — ties broken by the smallest member id, so ids do not depend on the
 * library's internal numbering. An entity with no relation is a community of its own.
 */
export function computeCommunities(g: MetricsGraph, seed: number): Map<string, number> {
  if (g.ids.length === 0) return new Map();
  const raw = louvain(louvainGraphView(g), { getEdgeWeight: 'weight', rng: seededRandom(seed), randomWalk: true, resolution: 1 });
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

/**
 * The undirected rows seen through the part of graphology's Graph API that
 * graphology-communities-louvain reads (its type checks, order, size, nodes, edges and degrees),
 * in the order a graphology graph built from them would give: nodes in id order, edges by
 * (smaller end, larger end). Building that graph took 8 s at 1M relations, and the library only
 * copies it into arrays of its own. test/unit/graph-metrics.test.ts checks the communities equal
 * those of a real graphology graph, so a library upgrade that reads more fails there.
 */
export function louvainGraphView(g: MetricsGraph): UndirectedGraph {
  const { starts, targets, weights, size } = g.undirected;
  const indexOf = new Map(g.ids.map((id, i) => [id, i]));
  const readOnly = () => {
    throw new Error('louvainGraphView is read-only');
  };
  const view = {
    type: 'undirected',
    multi: false,
    order: g.ids.length,
    size,
    selfLoopCount: 0,
    undirectedSize: size,
    directedSize: 0,
    // What graphology-utils' isGraph checks for.
    addUndirectedEdgeWithKey: readOnly,
    dropNode: readOnly,
    setNodeAttribute: readOnly,
    forEachNode(callback: (node: string, attributes: object) => void) {
      for (const id of g.ids) callback(id, {});
    },
    undirectedDegreeWithoutSelfLoops(node: string) {
      const i = indexOf.get(node)!;
      return starts[i + 1]! - starts[i]!;
    },
    forEachEdge(callback: (edge: string, attributes: { weight: number }, source: string, target: string, sa: object, ta: object, undirected: boolean) => void) {
      let key = 0;
      for (let a = 0; a < g.ids.length; a++) {
        for (let j = starts[a]!, end = starts[a + 1]!; j < end; j++) {
          const b = targets[j]!;
          if (b > a) callback(String(key++), { weight: weights[j]! }, g.ids[a]!, g.ids[b]!, {}, {}, true);
        }
      }
    },
  };
  return view as unknown as UndirectedGraph;
}
