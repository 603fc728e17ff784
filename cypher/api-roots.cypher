// Root parts of the API's reads. Each yields one row `roots, rootRels, meta` and is completed
// by the parts in api-expand.cypher into ONE query per GraphQL root field.

// name: rootEntity
OPTIONAL MATCH (n:Entity {id: $id})
WITH CASE WHEN n IS NULL THEN [] ELSE [n] END AS roots, [] AS rootRels, {} AS meta

// name: rootEntitiesByIds
// Used when a resolver needs an expansion the plan did not foresee (batched per level).
MATCH (n:Entity) WHERE n.id IN $ids
WITH collect(n) AS roots, [] AS rootRels, {} AS meta

// name: rootEntities
// $kinds: list or null; $offset, $limit: the page (limit = first + 1 to know hasNextPage).
CALL () {
  MATCH (n:Entity) WHERE $kinds IS NULL OR n.kind IN $kinds
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Entity) WHERE n.name IS NOT NULL AND ($kinds IS NULL OR n.kind IN $kinds)
  WITH n ORDER BY n.name, n.id SKIP $offset LIMIT $limit
  RETURN collect(n) AS page
}
WITH page AS roots, [] AS rootRels, {totalCount: total} AS meta

// name: rootSearch
// $lucene: a Lucene query built from the user's words (escaped, with prefix and fuzzy terms).
CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: $limit * 4}) YIELD node, score
WHERE $kinds IS NULL OR node.kind IN $kinds
WITH node, score ORDER BY score DESC, size(node.name), node.name LIMIT $limit
WITH collect(node) AS roots, collect(score) AS scores
WITH roots, [] AS rootRels, {scores: scores} AS meta

// name: rootNeighbourhood
// Breadth-first, level by level, so a hub never makes the query enumerate paths.
// $ids, $depth (1–3), $types (list or null), $dir ('OUT' | 'IN' | 'BOTH'), $asOf (date text or null), $limit.
MATCH (s:Entity) WHERE s.id IN $ids
WITH collect(s) AS seeds
CALL (seeds) {
  UNWIND seeds AS a
  MATCH (a)-[r]-(b)
  WHERE ($types IS NULL OR type(r) IN $types)
    AND ($dir = 'BOTH' OR ($dir = 'OUT') = (startNode(r) = a))
    AND ($asOf IS NULL OR ((r.since IS NULL OR r.since <= left($asOf, size(r.since))) AND (r.until IS NULL OR r.until >= left($asOf, size(r.until)))))
  RETURN collect(DISTINCT b) AS found1
}
WITH seeds, [b IN found1 WHERE NOT b IN seeds] AS new1
WITH seeds, new1[0..$limit] AS n1, size(new1) > $limit AS cut1
CALL (n1) {
  UNWIND (CASE WHEN $depth >= 2 THEN n1 ELSE [] END) AS a
  MATCH (a)-[r]-(b)
  WHERE ($types IS NULL OR type(r) IN $types)
    AND ($dir = 'BOTH' OR ($dir = 'OUT') = (startNode(r) = a))
    AND ($asOf IS NULL OR ((r.since IS NULL OR r.since <= left($asOf, size(r.since))) AND (r.until IS NULL OR r.until >= left($asOf, size(r.until)))))
  RETURN collect(DISTINCT b) AS found2
}
WITH seeds, n1, cut1, [b IN found2 WHERE NOT b IN seeds AND NOT b IN n1] AS new2
WITH seeds, n1, new2[0..($limit - size(n1))] AS n2, cut1 OR size(new2) > $limit - size(n1) AS cut2
CALL (n2) {
  UNWIND (CASE WHEN $depth >= 3 THEN n2 ELSE [] END) AS a
  MATCH (a)-[r]-(b)
  WHERE ($types IS NULL OR type(r) IN $types)
    AND ($dir = 'BOTH' OR ($dir = 'OUT') = (startNode(r) = a))
    AND ($asOf IS NULL OR ((r.since IS NULL OR r.since <= left($asOf, size(r.since))) AND (r.until IS NULL OR r.until >= left($asOf, size(r.until)))))
  RETURN collect(DISTINCT b) AS found3
}
WITH seeds, n1, n2, cut2, [b IN found3 WHERE NOT b IN seeds AND NOT b IN n1 AND NOT b IN n2] AS new3
WITH seeds + n1 + n2 + new3[0..($limit - size(n1) - size(n2))] AS nodes,
     cut2 OR size(new3) > $limit - size(n1) - size(n2) AS truncated
CALL (nodes) {
  UNWIND nodes AS a
  MATCH (a)-[r]->(b)
  WHERE b IN nodes
    AND ($types IS NULL OR type(r) IN $types)
    AND ($asOf IS NULL OR ((r.since IS NULL OR r.since <= left($asOf, size(r.since))) AND (r.until IS NULL OR r.until >= left($asOf, size(r.until)))))
  RETURN collect(r) AS edges
}
WITH nodes AS roots, edges AS rootRels, {truncated: truncated} AS meta

// name: rootSubgraph
// $ids (up to 1000), $types (list or null), $asOf (date text or null): the entities among $ids
// that exist and the relations among them. Each relation is found once, from its start node.
MATCH (s:Entity) WHERE s.id IN $ids
WITH collect(s) AS nodes
CALL (nodes) {
  UNWIND nodes AS a
  MATCH (a)-[r]->(b)
  WHERE b IN nodes
    AND ($types IS NULL OR type(r) IN $types)
    AND ($asOf IS NULL OR ((r.since IS NULL OR r.since <= left($asOf, size(r.since))) AND (r.until IS NULL OR r.until >= left($asOf, size(r.until)))))
  RETURN collect(r) AS edges
}
WITH nodes AS roots, edges AS rootRels, {truncated: false} AS meta
