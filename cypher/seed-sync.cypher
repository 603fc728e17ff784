// Queries of the seed sync (server/ingest/sync-seed.ts). Only nodes and relationships that
// carry a seedFile came from seed files; nothing else is ever read for pruning or changed.

// name: seedEntityState
MATCH (n:Entity)
WHERE n.seedFile IS NOT NULL
RETURN n.id AS id, n.kind AS kind, n.seedHash AS hash, n.seedFile AS file;

// name: seedRelationState
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.seedFile IS NOT NULL
RETURN r.key AS key, a.id AS from, b.id AS to, r.seedHash AS hash, r.seedFile AS file;

// name: seedFileDigests
// One :SeedFile node per seed file the last sync wrote (a label no API query matches): its
// digest (server/ingest/seed-files.ts), and the key and hash of each relation it declares, so
// an incremental sync diffs a changed file without reading its relationships.
// hasSeedFacts tells a database synced before these nodes existed (then: a full sync).
CALL () {
  MATCH (f:SeedFile)
  RETURN collect([f.path, f.digest]) AS files
}
RETURN files, EXISTS { MATCH (n:Entity) WHERE n.seedFile IS NOT NULL } AS hasSeedFacts;

// name: seedEntityStateOfFiles
// $files: seed file paths — what Neo4j holds of the entities these files declared.
MATCH (n:Entity)
WHERE n.seedFile IN $files
RETURN n.id AS id, n.kind AS kind, n.seedHash AS hash, n.seedFile AS file;

// name: seedRelationStateOfFiles
// $files: seed file paths — the relations these files declared, as the last sync stored them.
MATCH (f:SeedFile)
WHERE f.path IN $files
RETURN f.path AS file, f.relationKeys AS keys, f.relationHashes AS hashes;

// name: writeSeedFiles
// $rows: [{path, digest, relationKeys, relationHashes, kinds, kindCounts, types, typeCounts,
// earliest, latest}] — the files this sync wrote, with the figures stats() adds up (api-stats.cypher).
UNWIND $rows AS row
MERGE (f:SeedFile {path: row.path})
SET f.digest = row.digest, f.relationKeys = row.relationKeys, f.relationHashes = row.relationHashes,
    f.kinds = row.kinds, f.kindCounts = row.kindCounts, f.types = row.types, f.typeCounts = row.typeCounts,
    f.earliest = row.earliest, f.latest = row.latest;

// name: deleteSeedFiles
// $paths: files that are gone (their facts are pruned in the same transaction).
UNWIND $paths AS path
MATCH (f:SeedFile {path: path})
DELETE f;

// name: createEntities
// $rows: [{id, kind, props, metrics?}] — only entities the diff found missing, so CREATE (no
// lookup, no lock on an index entry) is safe; the uniqueness constraint still guards the id. kind
// is checked against the ontology before it gets here. metrics: the METRIC_PROPERTIES of the
// graph being synced, when the sync computed them before writing (server/metrics/store-metrics.ts).
UNWIND $rows AS row
CREATE (n:Entity)
SET n = row.props
SET n += coalesce(row.metrics, {})
SET n:$(row.kind)
RETURN count(*) AS n;

// name: updateEntities
// $rows: [{id, kind, oldKind, props}]. The whole-graph metrics are kept (the names of
// METRIC_PROPERTIES, server/metrics/store-metrics.ts): a sync that leaves the graph's structure
// as it was does not compute them again (cypher/seed-metrics.cypher, readMetricsInput).
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
WHERE n.seedFile IS NOT NULL
WITH n, row, n {.metricDegree, .metricInDegree, .metricOutDegree, .metricPageRank, .metricBetweenness, .metricCommunity,
                .metricRankDegree, .metricRankPageRank, .metricRankBetweenness, .metricRankOf} AS metrics
SET n = row.props
SET n += metrics
SET n:$(row.kind)
FOREACH (_ IN CASE WHEN row.oldKind IS NOT NULL AND row.oldKind <> row.kind THEN [1] ELSE [] END |
  REMOVE n:$(row.oldKind))
RETURN count(*) AS n;

// name: createRelations
// Each write returns how many rows it found their nodes for: the sync checks every batch.
// $rows: tuples, not maps — the JS driver spends more time encoding map keys than Neo4j spends
// creating the relationship (measured 2× on 50k rows). Layout (seed-diff.ts, toRelationTuple):
// [0 from, 1 type, 2 to, 3 key, 4 since, 5 until, 6 confidence, 7 evidenceOutlets,
//  8 evidenceQuotes, 9 evidenceUrls, 10 evidenceDates, 11 seedFile, 12 seedLine, 13 seedHash,
//  14 {type-specific properties}, 15 evidenceStances ('supports' | 'disputes'), 16 evidenceDisputedBy
//  (entity ids joined by ',')]. Only relations the diff found missing come here.
UNWIND $rows AS row
MATCH (a:Entity {id: row[0]})
MATCH (b:Entity {id: row[2]})
CREATE (a)-[r:$(row[1])]->(b)
SET r = row[14]
SET r.key = row[3], r.since = row[4], r.until = row[5], r.confidence = row[6],
    r.evidenceOutlets = row[7], r.evidenceQuotes = row[8], r.evidenceUrls = row[9], r.evidenceDates = row[10],
    r.seedFile = row[11], r.seedLine = row[12], r.seedHash = row[13],
    r.evidenceStances = row[15], r.evidenceDisputedBy = row[16]
RETURN count(*) AS n;

// name: updateRelations
// $rows: tuples as in createRelations; the key fixes from, type and to.
UNWIND $rows AS row
MATCH (a:Entity {id: row[0]})-[r]->(b:Entity {id: row[2]})
WHERE r.key = row[3] AND r.seedFile IS NOT NULL
SET r = row[14]
SET r.key = row[3], r.since = row[4], r.until = row[5], r.confidence = row[6],
    r.evidenceOutlets = row[7], r.evidenceQuotes = row[8], r.evidenceUrls = row[9], r.evidenceDates = row[10],
    r.seedFile = row[11], r.seedLine = row[12], r.seedHash = row[13],
    r.evidenceStances = row[15], r.evidenceDisputedBy = row[16]
RETURN count(*) AS n;

// name: deleteRelations
// $rows: [{from, to, key}]
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})-[r]->(b:Entity {id: row.to})
WHERE r.key = row.key AND r.seedFile IS NOT NULL
DELETE r;

// name: deleteEntities
// $ids: entity ids that no seed file declares any more.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WHERE n.seedFile IS NOT NULL
DETACH DELETE n;
