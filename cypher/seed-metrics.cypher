// Whole-graph metrics (server/metrics/), stored on the seed's entities by the sync, inside its
// write transaction, after its other writes. Only entities from seed files carry them.

// name: readSeedMetrics
// What the entities hold now, in the order of METRIC_PROPERTIES (server/metrics/store-metrics.ts);
// an entity the sync just rewrote (SET n = props) or created without its metrics holds nulls.
// Not read when the sync created every entity with its metrics.
MATCH (n:Entity)
WHERE n.seedFile IS NOT NULL
RETURN n.id AS id,
       [n.metricDegree, n.metricInDegree, n.metricOutDegree, n.metricPageRank, n.metricBetweenness, n.metricCommunity,
        n.metricRankDegree, n.metricRankPageRank, n.metricRankBetweenness, n.metricRankOf] AS values;

// name: writeSeedMetrics
// $rows: [id, degree, inDegree, outDegree, pageRank, betweenness, community, rankDegree,
// rankPageRank, rankBetweenness, rankOf] — only entities whose values changed.
UNWIND $rows AS row
MATCH (n:Entity {id: row[0]})
WHERE n.seedFile IS NOT NULL
SET n.metricDegree = row[1], n.metricInDegree = row[2], n.metricOutDegree = row[3],
    n.metricPageRank = row[4], n.metricBetweenness = row[5], n.metricCommunity = row[6],
    n.metricRankDegree = row[7], n.metricRankPageRank = row[8], n.metricRankBetweenness = row[9],
    n.metricRankOf = row[10];

// name: readMetricsInput
// The digest of what the stored metrics were computed from (store-metrics.ts, metricsInputDigest):
// equal to the new one, they are already right and the sync skips the step. On the graph-version
// node's label, so the seedVersionUnique constraint keeps it one node.
OPTIONAL MATCH (m:SeedVersion {name: 'metrics'})
RETURN m.digest AS digest;

// name: writeMetricsInput
// $digest: metricsInputDigest of the graph whose metrics were just stored.
MERGE (m:SeedVersion {name: 'metrics'})
SET m.digest = $digest;
