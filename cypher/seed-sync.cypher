// Queries of the seed sync (server/ingest/sync-seed.ts). Only nodes and relationships that
// carry a seedFile came from seed files; nothing else is ever read for pruning or changed.

// name: seedEntityState
MATCH (n:Entity)
WHERE n.seedFile IS NOT NULL
RETURN n.id AS id, n.kind AS kind, n.seedHash AS hash;

// name: seedRelationState
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.seedFile IS NOT NULL
RETURN r.key AS key, a.id AS from, b.id AS to, r.seedHash AS hash;

// name: upsertEntities
// $rows: [{id, kind, oldKind, props}] — kind is checked against the ontology before it gets here.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props
SET n:$(row.kind)
WITH n, row
WHERE row.oldKind IS NOT NULL AND row.oldKind <> row.kind
REMOVE n:$(row.oldKind);

// name: createRelations
// $rows: [{from, type, to, props}] — only relations the diff found missing.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props;

// name: updateRelations
// $rows: [{from, to, key, props}]
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})-[r]->(b:Entity {id: row.to})
WHERE r.key = row.key AND r.seedFile IS NOT NULL
SET r = row.props;

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
