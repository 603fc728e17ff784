// Queries of the article drafter (server/graphql/resolvers/draft-resolvers.ts).

// name: draftKnownGraph
// The graph a draft resolves against, in one round trip: every entity's names and kind, and
// every relation's identity with the seed file and line that declare it ("already known").
CALL () {
  MATCH (n:Entity)
  RETURN collect({id: n.id, kind: n.kind, name: n.name, aliases: coalesce(n.aliases, [])}) AS entities
}
CALL () {
  MATCH (a:Entity)-[r]->(b:Entity)
  WHERE r.key IS NOT NULL
  RETURN collect({key: r.key, from: a.id, type: type(r), to: b.id, file: coalesce(r.seedFile, ''), line: coalesce(r.seedLine, 0)}) AS relations
}
RETURN entities, relations;
