// The schema objects a database has, by name (server/ingest/sync-seed.ts, applySchema): each
// statement of schema.cypher names what it creates, so a sync runs only those that are
// missing instead of one round trip per statement on every sync.

// name: schemaIndexNames
SHOW INDEXES YIELD name
RETURN collect(name) AS names;

// name: schemaConstraintNames
SHOW CONSTRAINTS YIELD name
RETURN collect(name) AS names;
