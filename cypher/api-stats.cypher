// name: stats
// The figures of stats(), added up in the server from one :SeedFile node per seed file (the
// sync writes each file's counts per kind and per type and its date range there, in the sync's
// transaction: server/ingest/seed-file-stats.ts), so stats never scans the relationships. The
// graph version is Neo4j's (:SeedVersion, seed-version.cypher), not the serving process's:
// answers are cached by it, and another process may have synced.
OPTIONAL MATCH (v:SeedVersion {name: 'seed'})
OPTIONAL MATCH (f:SeedFile)
RETURN v.version AS version, collect(f {.kinds, .kindCounts, .types, .typeCounts, .earliest, .latest}) AS files;

// name: statsByScan
// The same figures counted from the graph itself, for a database no sync of this version has
// written file figures to (no :SeedFile, or one without them). Each part aggregates inside its
// subquery, so an empty graph still yields one row.
CALL () {
  MATCH (n:Entity)
  WITH n.kind AS kind, count(*) AS c
  RETURN collect({name: kind, count: c}) AS byKind
}
CALL () {
  MATCH (:Entity)-[r]->(:Entity)
  WITH type(r) AS t, count(*) AS c
  RETURN collect({name: t, count: c}) AS byType
}
CALL () {
  MATCH (:Entity)-[r]->(:Entity)
  WHERE r.since IS NOT NULL OR r.until IS NOT NULL
  UNWIND [r.since, r.until] AS d
  RETURN min(d) AS earliest, max(d) AS latest
}
RETURN byKind, byType, earliest, latest;
