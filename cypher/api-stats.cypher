// name: stats
// Counts per kind and per relation type, and the date range of since/until, for stats().
// Each part aggregates inside its subquery, so an empty graph still yields one row. The graph
// version is Neo4j's (:SeedVersion, seed-version.cypher), not the serving process's: answers are
// cached by it, and another process may have synced.
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
OPTIONAL MATCH (v:SeedVersion {name: 'seed'})
RETURN byKind, byType, earliest, latest, v.version AS version
