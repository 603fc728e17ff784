import type { SeedGraph } from '../ingest/seed-model.ts';

/** An entity the graph has, as the drafter needs it: what it is called and what kind it is. */
export interface KnownEntity {
  id: string;
  kind: string;
  name: string;
  aliases: string[];
}

/** A relation the graph has, and where the seed declares it ("already known (file:line)"). */
export interface KnownRelation {
  key: string;
  from: string;
  type: string;
  to: string;
  file: string;
  line: number;
}

/** The graph a draft resolves against: the validated seed (CLI) or what Neo4j serves (API). */
export interface KnownGraph {
  entities: KnownEntity[];
  relations: KnownRelation[];
}

export function knownGraphFromSeed(graph: SeedGraph): KnownGraph {
  return {
    entities: graph.entities.map((e) => ({ id: e.id, kind: e.kind, name: e.name, aliases: e.aliases })),
    relations: graph.relations.map((r) => ({ key: r.key, from: r.from, type: r.type, to: r.to, file: r.at.file, line: r.at.line })),
  };
}
