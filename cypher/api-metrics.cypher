// Reads of the whole-graph metrics the sync stores on entities (cypher/seed-metrics.cypher).
// The root parts end like those of api-roots.cypher (`roots, rootRels, meta`) and are completed
// by api-expand.cypher into ONE query per GraphQL root field.

// name: rootKeyActorsByDegree
// $kinds (list or null), $limit. Index order on metricDegree (cypher/schema.cypher); ties by id.
MATCH (n:Entity)
WHERE n.metricDegree IS NOT NULL AND ($kinds IS NULL OR n.kind IN $kinds)
WITH n ORDER BY n.metricDegree DESC, n.id LIMIT $limit
WITH collect(n) AS roots, [] AS rootRels, {} AS meta

// name: rootKeyActorsByPageRank
MATCH (n:Entity)
WHERE n.metricPageRank IS NOT NULL AND ($kinds IS NULL OR n.kind IN $kinds)
WITH n ORDER BY n.metricPageRank DESC, n.id LIMIT $limit
WITH collect(n) AS roots, [] AS rootRels, {} AS meta

// name: rootKeyActorsByBetweenness
MATCH (n:Entity)
WHERE n.metricBetweenness IS NOT NULL AND ($kinds IS NULL OR n.kind IN $kinds)
WITH n ORDER BY n.metricBetweenness DESC, n.id LIMIT $limit
WITH collect(n) AS roots, [] AS rootRels, {} AS meta

// name: rootCommunities
// $first communities — ids 0 … first−1 are the largest, so a range on the community index —
// each with its size and its $members most central entities by PageRank (ties by id).
MATCH (n:Entity)
WHERE n.metricCommunity IS NOT NULL AND n.metricCommunity < $first
WITH n ORDER BY n.metricPageRank DESC, n.id
WITH n.metricCommunity AS c, collect(n) AS members
WITH c, size(members) AS size, members[0..$members] AS top ORDER BY c
WITH collect({id: c, size: size, members: [m IN top | m.id]}) AS communities, collect(top) AS tops
WITH reduce(acc = [], t IN tops | acc + t) AS roots, [] AS rootRels, {communities: communities} AS meta

// name: metricsSubgraph
// The seed relations that pass a filter, with the kinds of their ends, for metrics computed on
// request (server/metrics/subgraph-metrics.ts), and the graph version they belong to.
// $types (list or null), $asOf (date text or null).
CALL () {
  MATCH (a:Entity)-[r]->(b:Entity)
  WHERE r.seedFile IS NOT NULL
    AND ($types IS NULL OR type(r) IN $types)
    AND ($asOf IS NULL OR ((r.since IS NULL OR r.since <= left($asOf, size(r.since))) AND (r.until IS NULL OR r.until >= left($asOf, size(r.until)))))
  RETURN collect([a.id, a.kind, b.id, b.kind]) AS edges
}
OPTIONAL MATCH (v:SeedVersion {name: 'seed'})
RETURN edges, v.version AS version
