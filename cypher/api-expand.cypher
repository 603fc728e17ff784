// An API read is a root part (api-roots.cypher), then expandLevels or skipLevels, then
// finishSelection: ONE query per GraphQL root field.

// name: expandLevels
// The middle of an API read whose selection asks for relations: follows them level by level
// (at most 4), so nested fields resolve from this one result. Input row: roots (nodes),
// rootRels (relationships), meta (map); output row: meta, rootIds, rootRelIds, ns, rs, hops.
// $levels: [[{key, types, dir, asOf, cap}]] — per level, the distinct relation specs the
// selection needs; each node of a level is expanded once per spec, keeping `cap` relations
// ordered by type, then the other end's name. $frontierCap bounds how many nodes of a level
// are expanded further (the rest resolve through a fallback query).
CALL (roots) {
  UNWIND (CASE WHEN size($levels) > 0 THEN roots ELSE [] END) AS n
  UNWIND $levels[0] AS spec
  CALL (n, spec) {
    MATCH (n)-[r]-(m)
    WHERE (spec.types IS NULL OR type(r) IN spec.types)
      AND (spec.dir = 'BOTH' OR (spec.dir = 'OUT') = (startNode(r) = n))
      AND (spec.asOf IS NULL OR ((r.since IS NULL OR r.since <= spec.asOf) AND (r.until IS NULL OR r.until >= spec.asOf)))
    WITH r, m ORDER BY type(r), m.name, r.key
    WITH collect({r: r, m: m}) AS found
    RETURN size(found) AS total, found[0..spec.cap] AS items
  }
  WITH n, spec, total, items
  UNWIND (CASE WHEN size(items) = 0 THEN [null] ELSE items END) AS it
  RETURN collect(DISTINCT {n: n.id, spec: spec.key, total: total, rels: [x IN items | elementId(x.r)]}) AS hops1,
         collect(DISTINCT it.r) AS rels1, collect(DISTINCT it.m) AS nodes1
}
CALL (nodes1) {
  UNWIND (CASE WHEN size($levels) > 1 THEN nodes1[0..$frontierCap] ELSE [] END) AS n
  UNWIND $levels[1] AS spec
  CALL (n, spec) {
    MATCH (n)-[r]-(m)
    WHERE (spec.types IS NULL OR type(r) IN spec.types)
      AND (spec.dir = 'BOTH' OR (spec.dir = 'OUT') = (startNode(r) = n))
      AND (spec.asOf IS NULL OR ((r.since IS NULL OR r.since <= spec.asOf) AND (r.until IS NULL OR r.until >= spec.asOf)))
    WITH r, m ORDER BY type(r), m.name, r.key
    WITH collect({r: r, m: m}) AS found
    RETURN size(found) AS total, found[0..spec.cap] AS items
  }
  WITH n, spec, total, items
  UNWIND (CASE WHEN size(items) = 0 THEN [null] ELSE items END) AS it
  RETURN collect(DISTINCT {n: n.id, spec: spec.key, total: total, rels: [x IN items | elementId(x.r)]}) AS hops2,
         collect(DISTINCT it.r) AS rels2, collect(DISTINCT it.m) AS nodes2
}
CALL (nodes2) {
  UNWIND (CASE WHEN size($levels) > 2 THEN nodes2[0..$frontierCap] ELSE [] END) AS n
  UNWIND $levels[2] AS spec
  CALL (n, spec) {
    MATCH (n)-[r]-(m)
    WHERE (spec.types IS NULL OR type(r) IN spec.types)
      AND (spec.dir = 'BOTH' OR (spec.dir = 'OUT') = (startNode(r) = n))
      AND (spec.asOf IS NULL OR ((r.since IS NULL OR r.since <= spec.asOf) AND (r.until IS NULL OR r.until >= spec.asOf)))
    WITH r, m ORDER BY type(r), m.name, r.key
    WITH collect({r: r, m: m}) AS found
    RETURN size(found) AS total, found[0..spec.cap] AS items
  }
  WITH n, spec, total, items
  UNWIND (CASE WHEN size(items) = 0 THEN [null] ELSE items END) AS it
  RETURN collect(DISTINCT {n: n.id, spec: spec.key, total: total, rels: [x IN items | elementId(x.r)]}) AS hops3,
         collect(DISTINCT it.r) AS rels3, collect(DISTINCT it.m) AS nodes3
}
CALL (nodes3) {
  UNWIND (CASE WHEN size($levels) > 3 THEN nodes3[0..$frontierCap] ELSE [] END) AS n
  UNWIND $levels[3] AS spec
  CALL (n, spec) {
    MATCH (n)-[r]-(m)
    WHERE (spec.types IS NULL OR type(r) IN spec.types)
      AND (spec.dir = 'BOTH' OR (spec.dir = 'OUT') = (startNode(r) = n))
      AND (spec.asOf IS NULL OR ((r.since IS NULL OR r.since <= spec.asOf) AND (r.until IS NULL OR r.until >= spec.asOf)))
    WITH r, m ORDER BY type(r), m.name, r.key
    WITH collect({r: r, m: m}) AS found
    RETURN size(found) AS total, found[0..spec.cap] AS items
  }
  WITH n, spec, total, items
  UNWIND (CASE WHEN size(items) = 0 THEN [null] ELSE items END) AS it
  RETURN collect(DISTINCT {n: n.id, spec: spec.key, total: total, rels: [x IN items | elementId(x.r)]}) AS hops4,
         collect(DISTINCT it.r) AS rels4, collect(DISTINCT it.m) AS nodes4
}
WITH meta, [n IN roots | n.id] AS rootIds, [r IN rootRels | elementId(r)] AS rootRelIds, roots + nodes1 + nodes2 + nodes3 + nodes4 AS ns, rootRels + rels1 + rels2 + rels3 + rels4 AS rs,
     hops1 + hops2 + hops3 + hops4 AS hops

// name: skipLevels
// The middle of an API read whose selection asks for no relations (search results, paths, the
// neighbourhood's own nodes and edges): the same output row as expandLevels, and a short text,
// so Neo4j plans it in a fraction of the time (it matters after a restart, when every plan is new).
WITH meta, [n IN roots | n.id] AS rootIds, [r IN rootRels | elementId(r)] AS rootRelIds, roots AS ns, rootRels AS rs, [] AS hops

// name: finishSelection
// The end of every API read: the nodes and relations found, as maps, with the outlets and the
// disputing entities their evidence names (by id; they come along so Evidence.outlet and
// Evidence.disputedBy resolve too; disputers are stored comma-joined per evidence).
CALL (rs) {
  UNWIND rs AS r
  UNWIND coalesce(r.evidenceOutlets, []) + reduce(ids = [], d IN coalesce(r.evidenceDisputedBy, []) | ids + split(d, ',')) AS oid
  WITH DISTINCT oid
  WHERE oid <> ''
  MATCH (o:Entity {id: oid})
  RETURN collect(o) AS outlets
}
CALL (ns, outlets) {
  UNWIND ns + outlets AS n
  WITH DISTINCT n
  RETURN collect(n {.*, labels: labels(n), degree: COUNT { (n)--() }}) AS nodes
}
CALL (rs) {
  UNWIND rs AS r
  WITH DISTINCT r
  RETURN collect(r {.*, elementId: elementId(r), type: type(r), from: startNode(r).id, to: endNode(r).id}) AS rels
}
RETURN nodes, rels, hops, meta, rootIds, rootRelIds
