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

// name: createEntities
// $rows: [{id, kind, props}] — only entities the diff found missing, so CREATE (no lookup, no
// lock on an index entry) is safe; the uniqueness constraint still guards the id. kind is
// checked against the ontology before it gets here.
UNWIND $rows AS row
CREATE (n:Entity)
SET n = row.props
SET n:$(row.kind);

// name: updateEntities
// $rows: [{id, kind, oldKind, props}]
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
WHERE n.seedFile IS NOT NULL
SET n = row.props
SET n:$(row.kind)
WITH n, row
WHERE row.oldKind IS NOT NULL AND row.oldKind <> row.kind
REMOVE n:$(row.oldKind);

// name: createRelations
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
    r.evidenceStances = row[15], r.evidenceDisputedBy = row[16];

// name: updateRelations
// $rows: tuples as in createRelations; the key fixes from, type and to.
UNWIND $rows AS row
MATCH (a:Entity {id: row[0]})-[r]->(b:Entity {id: row[2]})
WHERE r.key = row[3] AND r.seedFile IS NOT NULL
SET r = row[14]
SET r.key = row[3], r.since = row[4], r.until = row[5], r.confidence = row[6],
    r.evidenceOutlets = row[7], r.evidenceQuotes = row[8], r.evidenceUrls = row[9], r.evidenceDates = row[10],
    r.seedFile = row[11], r.seedLine = row[12], r.seedHash = row[13],
    r.evidenceStances = row[15], r.evidenceDisputedBy = row[16];

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

// name: countSeedRelations
// Checked at the end of a sync, inside its transaction: a mismatch rolls everything back.
MATCH (:Entity)-[r]->(:Entity)
WHERE r.seedFile IS NOT NULL
RETURN count(r) AS n;
