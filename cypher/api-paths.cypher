// The k shortest paths between two entities, either direction, for paths(): one query per hop
// bound (1–6, LIMITS.maxHops), because a quantifier takes only a literal. The bound inside the
// pattern is what makes it cheap: SHORTEST then never explores paths longer than maxHops (on a
// 5 000-entity synthetic graph: 1 944 db hits for 7 pairs at maxHops 4, against 8 720 when the
// pattern allowed 6 and the bound was applied after). The relation-type filter is inside the
// pattern too, so it applies before SHORTEST picks. 10 is the API's cap on first.

// name: rootPaths1
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
  MATCH p = SHORTEST 10 (a) (()-[r]-() WHERE $types IS NULL OR type(r) IN $types){1,1} (b)
  WITH p ORDER BY length(p) LIMIT $first
  RETURN collect(p) AS ps
}
WITH a, b, ps
WITH reduce(acc = [], p IN ps | acc + nodes(p)) AS roots,
     reduce(acc = [], p IN ps | acc + relationships(p)) AS rootRels,
     {fromFound: a IS NOT NULL, toFound: b IS NOT NULL,
      paths: [p IN ps | {nodes: [n IN nodes(p) | n.id], rels: [r IN relationships(p) | elementId(r)]}]} AS meta

// name: rootPaths2
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
  MATCH p = SHORTEST 10 (a) (()-[r]-() WHERE $types IS NULL OR type(r) IN $types){1,2} (b)
  WITH p ORDER BY length(p) LIMIT $first
  RETURN collect(p) AS ps
}
WITH a, b, ps
WITH reduce(acc = [], p IN ps | acc + nodes(p)) AS roots,
     reduce(acc = [], p IN ps | acc + relationships(p)) AS rootRels,
     {fromFound: a IS NOT NULL, toFound: b IS NOT NULL,
      paths: [p IN ps | {nodes: [n IN nodes(p) | n.id], rels: [r IN relationships(p) | elementId(r)]}]} AS meta

// name: rootPaths3
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
  MATCH p = SHORTEST 10 (a) (()-[r]-() WHERE $types IS NULL OR type(r) IN $types){1,3} (b)
  WITH p ORDER BY length(p) LIMIT $first
  RETURN collect(p) AS ps
}
WITH a, b, ps
WITH reduce(acc = [], p IN ps | acc + nodes(p)) AS roots,
     reduce(acc = [], p IN ps | acc + relationships(p)) AS rootRels,
     {fromFound: a IS NOT NULL, toFound: b IS NOT NULL,
      paths: [p IN ps | {nodes: [n IN nodes(p) | n.id], rels: [r IN relationships(p) | elementId(r)]}]} AS meta

// name: rootPaths4
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
  MATCH p = SHORTEST 10 (a) (()-[r]-() WHERE $types IS NULL OR type(r) IN $types){1,4} (b)
  WITH p ORDER BY length(p) LIMIT $first
  RETURN collect(p) AS ps
}
WITH a, b, ps
WITH reduce(acc = [], p IN ps | acc + nodes(p)) AS roots,
     reduce(acc = [], p IN ps | acc + relationships(p)) AS rootRels,
     {fromFound: a IS NOT NULL, toFound: b IS NOT NULL,
      paths: [p IN ps | {nodes: [n IN nodes(p) | n.id], rels: [r IN relationships(p) | elementId(r)]}]} AS meta

// name: rootPaths5
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
  MATCH p = SHORTEST 10 (a) (()-[r]-() WHERE $types IS NULL OR type(r) IN $types){1,5} (b)
  WITH p ORDER BY length(p) LIMIT $first
  RETURN collect(p) AS ps
}
WITH a, b, ps
WITH reduce(acc = [], p IN ps | acc + nodes(p)) AS roots,
     reduce(acc = [], p IN ps | acc + relationships(p)) AS rootRels,
     {fromFound: a IS NOT NULL, toFound: b IS NOT NULL,
      paths: [p IN ps | {nodes: [n IN nodes(p) | n.id], rels: [r IN relationships(p) | elementId(r)]}]} AS meta

// name: rootPaths6
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
  MATCH p = SHORTEST 10 (a) (()-[r]-() WHERE $types IS NULL OR type(r) IN $types){1,6} (b)
  WITH p ORDER BY length(p) LIMIT $first
  RETURN collect(p) AS ps
}
WITH a, b, ps
WITH reduce(acc = [], p IN ps | acc + nodes(p)) AS roots,
     reduce(acc = [], p IN ps | acc + relationships(p)) AS rootRels,
     {fromFound: a IS NOT NULL, toFound: b IS NOT NULL,
      paths: [p IN ps | {nodes: [n IN nodes(p) | n.id], rels: [r IN relationships(p) | elementId(r)]}]} AS meta
