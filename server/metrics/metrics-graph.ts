import { DirectedGraph, UndirectedGraph } from 'graphology';

/** A relation as the metrics see it: its two ends. Type, dates and evidence do not weigh in. */
export interface MetricEdge {
  from: string;
  to: string;
}

/**
 * The graph the metrics run on, built in a stable order (entities by id, relations by their
 * ends) so every algorithm visits nodes and neighbours in the same order on every run.
 * - `directed`: one edge per ordered pair, weighted by how many relations go that way (PageRank).
 * - `undirected`: one edge per unordered pair, weighted by how many relations join them
 *   (Louvain; betweenness ignores the weight).
 * Self-relations count in the degrees only: they lead nowhere.
 */
export interface MetricsGraph {
  ids: string[];
  inDegree: Map<string, number>;
  outDegree: Map<string, number>;
  directed: DirectedGraph;
  undirected: UndirectedGraph;
}

export function buildMetricsGraph(entityIds: Iterable<string>, edges: Iterable<MetricEdge>): MetricsGraph {
  const ids = [...new Set(entityIds)].sort(compareIds);
  const directed = new DirectedGraph({ multi: false, allowSelfLoops: false });
  const undirected = new UndirectedGraph({ multi: false, allowSelfLoops: false });
  const inDegree = new Map<string, number>();
  const outDegree = new Map<string, number>();
  for (const id of ids) {
    directed.addNode(id);
    undirected.addNode(id);
    inDegree.set(id, 0);
    outDegree.set(id, 0);
  }
  // Weights per pair first, then each edge added once, in a stable order: far faster than
  // updating graphology edges relation by relation.
  const directedWeights = new Map<string, number>();
  const undirectedWeights = new Map<string, number>();
  for (const { from, to } of edges) {
    if (!inDegree.has(from) || !inDegree.has(to)) continue;
    outDegree.set(from, outDegree.get(from)! + 1);
    inDegree.set(to, inDegree.get(to)! + 1);
    if (from === to) continue;
    const d = `${from}\u0000${to}`;
    directedWeights.set(d, (directedWeights.get(d) ?? 0) + 1);
    const u = compareIds(from, to) < 0 ? d : `${to}\u0000${from}`;
    undirectedWeights.set(u, (undirectedWeights.get(u) ?? 0) + 1);
  }
  for (const [graph, weights] of [
    [directed, directedWeights],
    [undirected, undirectedWeights],
  ] as const) {
    for (const pair of [...weights.keys()].sort(compareIds)) {
      const [a, b] = pair.split('\u0000') as [string, string];
      graph.addEdge(a, b, { weight: weights.get(pair)! });
    }
  }
  return { ids, inDegree, outDegree, directed, undirected };
}

/** Code-unit order: the same on every machine and locale (localeCompare is not). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
