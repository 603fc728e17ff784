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
  const known = [...edges].filter((e) => directed.hasNode(e.from) && directed.hasNode(e.to));
  known.sort((a, b) => compareIds(a.from, b.from) || compareIds(a.to, b.to));
  for (const { from, to } of known) {
    outDegree.set(from, outDegree.get(from)! + 1);
    inDegree.set(to, inDegree.get(to)! + 1);
    if (from === to) continue;
    directed.updateEdge(from, to, (attr: { weight?: number }) => ({ weight: (attr.weight ?? 0) + 1 }));
    undirected.updateEdge(from, to, (attr: { weight?: number }) => ({ weight: (attr.weight ?? 0) + 1 }));
  }
  return { ids, inDegree, outDegree, directed, undirected };
}

/** Code-unit order: the same on every machine and locale (localeCompare is not). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
