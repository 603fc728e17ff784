/**
 * The PEER of the API benchmark: @neo4j/graphql (v7) serving the same Neo4j data through
 * graphql-yoga, with the closest equivalent GraphQL operation for each of ours.
 *
 * @neo4j/graphql has no "any relationship type" field, so every relationship type found in the
 * database gets two fields on Entity (one per direction); a neighbourhood is the entity with all
 * of those connection fields selected (depth 2 = one more nesting level). It has no k shortest
 * paths either: `paths` is a top-level @cypher field running the same SHORTEST query as ours.
 */
import { Neo4jGraphQL } from '@neo4j/graphql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Driver } from 'neo4j-driver';

/** EXCLUDES → excludes, HEADQUARTERED_IN → headquarteredIn. */
function camel(type: string): string {
  return type.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

export interface PeerRelField {
  /** GraphQL field name, e.g. excludesOut. */
  field: string;
  type: string;
  direction: 'OUT' | 'IN';
}

export function peerRelFields(relTypes: readonly string[]): PeerRelField[] {
  return relTypes.flatMap((type) => [
    { field: `${camel(type)}Out`, type, direction: 'OUT' as const },
    { field: `${camel(type)}In`, type, direction: 'IN' as const },
  ]);
}

/**
 * The SHORTEST query our rootPaths used before issue 16 (no type filter): one @cypher statement
 * serves every maxHops, so the bound is applied after the search — a @cypher field cannot pick a
 * statement per argument, as ours now does (cypher/api-paths.cypher).
 */
const PATHS_STATEMENT = `
MATCH (a:Entity {id: $from})
MATCH (b:Entity {id: $to})
MATCH p = SHORTEST 10 (a) (()-[r]-()){1,6} (b)
WITH p WHERE length(p) <= $maxHops
WITH p ORDER BY length(p) LIMIT $first
RETURN {nodes: [n IN nodes(p) | {id: n.id}], edges: [r IN relationships(p) | {type: type(r)}]} AS path
`;

export function peerTypeDefs(relTypes: readonly string[]): string {
  const rels = peerRelFields(relTypes)
    .map((f) => `  ${f.field}: [Entity!]! @relationship(type: "${f.type}", direction: ${f.direction}, properties: "Rel")`)
    .join('\n');
  return `
type Entity @node(labels: ["Entity"]) @fulltext(indexes: [{ indexName: "entity_search", queryName: "searchEntities", fields: ["name", "aliasText"] }]) {
  id: ID!
  kind: String!
  name: String!
  aliases: [String!]
  aliasText: String
  description: String
  seedFile: String
  seedLine: Int
${rels}
}

type Rel @relationshipProperties {
  key: String!
  since: String
  until: String
  confidence: String
}

type PathNode {
  id: ID!
}

type PathEdge {
  type: String!
}

type PeerPath {
  nodes: [PathNode!]!
  edges: [PathEdge!]!
}

type Query {
  paths(from: ID!, to: ID!, maxHops: Int = 4, first: Int = 3): [PeerPath!]!
    @cypher(statement: """${PATHS_STATEMENT}""", columnName: "path")
}
`;
}

/** The peer's operations, each the closest equivalent of one of ours. */
export function peerOperations(relTypes: readonly string[], limit = 200) {
  const fields = peerRelFields(relTypes);
  // Relationship key ≈ our Relation.id; the field name carries the type and direction.
  const level = (inner: string) =>
    fields.map((f) => `${f.field}Connection(first: ${limit}) { edges { properties { key } node { id name kind${inner} } } }`).join('\n      ');
  return {
    search: /* GraphQL */ `
      query Search($phrase: String!) {
        searchEntities(phrase: $phrase, first: 10, sort: [{ score: DESC }]) {
          edges {
            score
            node {
              id
              name
              kind
            }
          }
        }
      }
    `,
    neighbourhood1: `query N1($id: ID!) {
  entities(where: { id: { eq: $id } }) {
    id name kind
      ${level('')}
  }
}`,
    neighbourhood2: `query N2($id: ID!) {
  entities(where: { id: { eq: $id } }) {
    id name kind
      ${level(`\n        ${level('')}`)}
  }
}`,
    paths: /* GraphQL */ `
      query Paths($from: ID!, $to: ID!) {
        paths(from: $from, to: $to, maxHops: 4, first: 3) {
          nodes {
            id
          }
          edges {
            type
          }
        }
      }
    `,
  };
}

/** @neo4j/graphql's schema over `driver`, served by graphql-yoga at /graphql. */
export async function createPeerServer(
  driver: Driver,
  relTypes: readonly string[],
  debug = false,
): Promise<YogaServerInstance<Record<string, unknown>, Record<string, unknown>>> {
  const neoSchema = new Neo4jGraphQL({ typeDefs: peerTypeDefs(relTypes), driver, debug });
  const schema = await neoSchema.getSchema();
  return createYoga({ schema, graphqlEndpoint: '/graphql', graphiql: false, landingPage: false, logging: 'warn', batching: false });
}
