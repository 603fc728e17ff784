// Timeline reads: over the whole graph, not one neighbourhood. Dates are ISO text kept at the
// precision the seed gives (YYYY, YYYY-MM, YYYY-MM-DD); `left($day, size(d))` cuts a day to the
// precision of `d`, so text comparison compares periods: "2021" >= left("2021-07-01", 4).

// name: timeline
// Per year, how many relations start and end; and how many have no dates at all.
CALL () {
  MATCH (:Entity)-[r]->(:Entity) WHERE r.since IS NOT NULL
  WITH left(r.since, 4) AS year, count(*) AS c
  RETURN collect({period: year, count: c}) AS started
}
CALL () {
  MATCH (:Entity)-[r]->(:Entity) WHERE r.until IS NOT NULL
  WITH left(r.until, 4) AS year, count(*) AS c
  RETURN collect({period: year, count: c}) AS ended
}
CALL () {
  MATCH (:Entity)-[r]->(:Entity) WHERE r.since IS NULL AND r.until IS NULL
  RETURN count(r) AS undated
}
RETURN started, ended, undated

// name: rootChanges
// A root part (completed like the others by api-expand.cypher): the relations that began or
// ended between $from and $to (YYYY-MM-DD, $from <= $to), at most $limit + 1 of each so the
// resolver knows when it cut. $afterFrom is the day after $from, $beforeTo the day before $to:
// began = the since period ends on or after $afterFrom and starts on or before $to;
// ended = the until period ends on or after $from and starts on or before $beforeTo.
CALL () {
  MATCH (:Entity)-[r]->(:Entity)
  WHERE r.since IS NOT NULL AND r.since >= left($afterFrom, size(r.since)) AND r.since <= left($to, size(r.since))
  WITH r ORDER BY r.since, r.key LIMIT $limit + 1
  RETURN collect(r) AS began
}
CALL () {
  MATCH (:Entity)-[r]->(:Entity)
  WHERE r.until IS NOT NULL AND r.until >= left($from, size(r.until)) AND r.until <= left($beforeTo, size(r.until))
  WITH r ORDER BY r.until, r.key LIMIT $limit + 1
  RETURN collect(r) AS ended
}
WITH began[0..$limit] AS began, ended[0..$limit] AS ended, size(began) > $limit OR size(ended) > $limit AS truncated
CALL (began, ended) {
  UNWIND began + ended AS r
  UNWIND [startNode(r), endNode(r)] AS n
  RETURN collect(DISTINCT n) AS ends
}
WITH ends AS roots, began + ended AS rootRels,
     {truncated: truncated, appeared: [r IN began | elementId(r)], ended: [r IN ended | elementId(r)]} AS meta
