// The graph version (server/live/graph-version.ts): one node with a label no API query matches
// (they all start from :Entity), so stats, search and counts never see it. The sync writes it in
// its own transaction, so a restarted server or a second process on the same Neo4j reads the
// version of exactly what is committed.

// name: readSeedVersion
OPTIONAL MATCH (v:SeedVersion {name: 'seed'})
RETURN v.version AS version;

// name: writeSeedVersion
// $version: 12 hex characters.
MERGE (v:SeedVersion {name: 'seed'})
SET v.version = $version;
