/** A relation as the metrics see it: its two ends. Type, dates and evidence do not weigh in. */
export interface MetricEdge {
  from: string;
  to: string;
}

/**
 * A graph as compressed rows: node i's edges are `targets[starts[i]..starts[i+1])` with their
 * `weights`, targets in ascending index order. PageRank and betweenness run on these arrays
 * directly, and Louvain reads them through a view (louvain-communities.ts): a graphology graph
 * of 1M relations took 8 s to build and was only ever read as such arrays.
 */
export interface CompressedRows {
  starts: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
}

/** The undirected graph: each edge appears in the rows of both its ends. */
export interface UndirectedRows extends CompressedRows {
  /** Edges: unordered pairs of distinct entities (half the length of `targets`). */
  size: number;
}

/**
 * The graph the metrics run on, built in a stable order (entities by id, relations by their
 * ends) so every algorithm visits nodes and neighbours in the same order on every run. Node i
 * is `ids[i]`.
 * - `directed`: one edge per ordered pair, weighted by how many relations go that way (PageRank).
 * - `undirected`: one edge per unordered pair, weighted by how many relations join them
 *   (Louvain; betweenness ignores the weight).
 * Self-relations count in the degrees only: they lead nowhere.
 */
export interface MetricsGraph {
  ids: string[];
  inDegree: Map<string, number>;
  outDegree: Map<string, number>;
  directed: CompressedRows;
  undirected: UndirectedRows;
}

export function buildMetricsGraph(entityIds: Iterable<string>, edges: Iterable<MetricEdge>): MetricsGraph {
  const ids = [...new Set(entityIds)].sort(compareIds);
  const n = ids.length;
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const inCount = new Int32Array(n);
  const outCount = new Int32Array(n);
  // Pairs as numbers a·n + b (exact while n² < 2⁵³, that is below 94M entities), sorted and
  // counted in runs: a map of pair → weight costs several times the sort at 1M relations.
  // Since ids are sorted, numeric order is (from, to) in id order.
  const directedPairs: number[] = [];
  const undirectedPairs: number[] = [];
  for (const { from, to } of edges) {
    const a = indexOf.get(from);
    const b = indexOf.get(to);
    if (a === undefined || b === undefined) continue;
    outCount[a]! += 1;
    inCount[b]! += 1;
    if (a === b) continue;
    directedPairs.push(a * n + b);
    undirectedPairs.push(a < b ? a * n + b : b * n + a);
  }
  const directed = rowsOf(Float64Array.from(directedPairs).sort(), n, false);
  const undirected = rowsOf(Float64Array.from(undirectedPairs).sort(), n, true);
  const inDegree = new Map(ids.map((id, i) => [id, inCount[i]!]));
  const outDegree = new Map(ids.map((id, i) => [id, outCount[i]!]));
  return { ids, inDegree, outDegree, directed, undirected: { ...undirected, size: undirected.targets.length / 2 } };
}

/**
 * Compressed rows of sorted pairs a·n + b, a run of equal pairs making one edge weighted by its
 * length. `symmetric`: each edge also goes in b's row. Rows come out in ascending order either
 * way: b's row gets its a < b from the pairs before its own, in order of a.
 */
function rowsOf(pairs: Float64Array, n: number, symmetric: boolean): CompressedRows {
  const unique: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < pairs.length; i++) {
    if (i > 0 && pairs[i] === pairs[i - 1]) counts[counts.length - 1]! += 1;
    else {
      unique.push(pairs[i]!);
      counts.push(1);
    }
  }
  const starts = new Int32Array(n + 1);
  for (const pair of unique) {
    const a = Math.floor(pair / n);
    starts[a + 1]! += 1;
    if (symmetric) starts[pair - a * n + 1]! += 1;
  }
  for (let i = 0; i < n; i++) starts[i + 1]! += starts[i]!;
  const next = starts.slice(0, n);
  const targets = new Int32Array(starts[n]!);
  const weights = new Float64Array(starts[n]!);
  unique.forEach((pair, j) => {
    const a = Math.floor(pair / n);
    const b = pair - a * n;
    targets[next[a]!] = b;
    weights[next[a]!++] = counts[j]!;
    if (symmetric) {
      targets[next[b]!] = a;
      weights[next[b]!++] = counts[j]!;
    }
  });
  return { starts, targets, weights };
}

/** Code-unit order: the same on every machine and locale (localeCompare is not). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
