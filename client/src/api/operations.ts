/**
 * Every GraphQL operation the client sends, with hand-written result types that follow
 * server/graphql/sdl/*.graphql. Keep the two in step: a field added here must exist there.
 */
import type { Operation } from './graphql-client.ts';

/** ISO 8601 date text: YYYY, YYYY-MM or YYYY-MM-DD (the SDL's `Date`). */
export type IsoDate = string;
export type Confidence = 'HIGH' | 'MEDIUM' | 'LOW';
export type Direction = 'OUT' | 'IN' | 'BOTH';

// ---------------------------------------------------------------------------------------------
// Fragments

const METRIC_FIELDS = /* GraphQL */ `
  fragment MetricFields on EntityMetrics {
    degree
    inDegree
    outDegree
    pageRank
    betweenness
    community
  }
`;

/** The EntitySummary fragment (also used by draft-operations.ts). */
export const ENTITY_SUMMARY = /* GraphQL */ `
  fragment EntitySummary on Entity {
    id
    kind
    name
    aliases
    description
    seedFile
    seedLine
    degree
    metrics {
      ...MetricFields
    }
  }
  ${METRIC_FIELDS}
`;

export const RELATION_FIELDS = /* GraphQL */ `
  fragment RelationFields on Relation {
    id
    type
    phrase
    inversePhrase
    since
    until
    confidence
    seedFile
    seedLine
    from {
      id
    }
    to {
      id
    }
    properties {
      name
      value
    }
    status
    evidence {
      quote
      url
      publishedAt
      stance
      disputedBy {
        id
        name
        kind
      }
      outlet {
        id
        name
        website
      }
    }
  }
`;

/** The fields every view of an entity needs. */
export interface EntitySummary {
  id: string;
  kind: string;
  name: string;
  aliases: string[];
  description: string | null;
  seedFile: string | null;
  seedLine: number | null;
  degree: number;
  /** Whole-graph centrality and community (null until a sync computed them; absent in synthetic graphs). */
  metrics?: EntityMetrics | null;
}

/** The SDL's `EntityMetrics` without `rank` (asked for only by the inspector). */
export interface EntityMetrics {
  degree: number;
  inDegree: number;
  outDegree: number;
  pageRank: number;
  betweenness: number;
  community: number;
}

export type Metric = 'DEGREE' | 'PAGERANK' | 'BETWEENNESS';
export type RelationStatus = 'SUPPORTED' | 'CONTESTED' | 'DISPUTED';
export type Stance = 'SUPPORTS' | 'DISPUTES';

export interface Evidence {
  outlet: { id: string; name: string; website: string };
  quote: string | null;
  url: string | null;
  publishedAt: IsoDate;
  /** Whether this source supports the claim or reports it disputed (SUPPORTS when absent). */
  stance?: Stance;
  /** Who disputes it (stance DISPUTES). */
  disputedBy?: Array<{ id: string; name: string; kind: string }>;
}

/** A relation as the client keeps it: ends by id, evidence in full. */
export interface Relation {
  id: string;
  type: string;
  phrase: string;
  inversePhrase: string;
  from: { id: string };
  to: { id: string };
  since: IsoDate | null;
  until: IsoDate | null;
  confidence: Confidence;
  properties: Array<{ name: string; value: string }>;
  evidence: Evidence[];
  /** SUPPORTED, CONTESTED (evidence both ways) or DISPUTED (only disputing evidence). */
  status?: RelationStatus;
  seedFile: string | null;
  seedLine: number | null;
}

export interface Subgraph {
  nodes: EntitySummary[];
  edges: Relation[];
  truncated: boolean;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

// ---------------------------------------------------------------------------------------------
// Ontology and stats (the opening view's legend and counts)

export interface PropertyInfo {
  name: string;
  type: string;
  required: boolean;
  description: string | null;
}
export interface KindInfo {
  name: string;
  description: string;
  color: string;
  shape: string;
  properties: PropertyInfo[];
}
export interface RelationTypeInfo {
  name: string;
  phrase: string;
  inverse: string;
  from: string[];
  to: string[];
  properties: PropertyInfo[];
}
export interface Ontology {
  kinds: KindInfo[];
  relationTypes: RelationTypeInfo[];
}
export interface Count {
  name: string;
  count: number;
}
export interface Stats {
  entities: number;
  relations: number;
  byKind: Count[];
  byType: Count[];
  earliestDate: IsoDate | null;
  latestDate: IsoDate | null;
}

export interface BootstrapResult {
  ontology: Ontology;
  stats: Stats;
}

/** Ontology and counts in one round trip. */
export const BOOTSTRAP: Operation<BootstrapResult, Record<string, never>> = {
  name: 'Bootstrap',
  query: /* GraphQL */ `
    query Bootstrap {
      ontology {
        kinds {
          name
          description
          color
          shape
          properties {
            name
            type
            required
            description
          }
        }
        relationTypes {
          name
          phrase
          inverse
          from
          to
          properties {
            name
            type
            required
            description
          }
        }
      }
      stats {
        entities
        relations
        byKind {
          name
          count
        }
        byType {
          name
          count
        }
        earliestDate
        latestDate
      }
    }
  `,
};

// ---------------------------------------------------------------------------------------------
// Graph queries

export interface NeighbourhoodVariables {
  ids: string[];
  depth?: number;
  relationTypes?: string[] | null;
  asOf?: IsoDate | null;
  limit?: number;
}

/** Entities within `depth` of `ids` and the relations among them. */
export const NEIGHBOURHOOD: Operation<{ neighbourhood: Subgraph }, NeighbourhoodVariables> = {
  name: 'Neighbourhood',
  query: /* GraphQL */ `
    query Neighbourhood($ids: [ID!]!, $depth: Int, $relationTypes: [String!], $asOf: Date, $limit: Int) {
      neighbourhood(ids: $ids, depth: $depth, relationTypes: $relationTypes, asOf: $asOf, limit: $limit) {
        truncated
        nodes {
          ...EntitySummary
        }
        edges {
          ...RelationFields
        }
      }
    }
    ${ENTITY_SUMMARY}
    ${RELATION_FIELDS}
  `,
};

export interface SubgraphVariables {
  ids: string[];
  relationTypes?: string[] | null;
  asOf?: IsoDate | null;
}

/** The entities among `ids` that still exist and every relation among them (reopening a view). */
export const SUBGRAPH: Operation<{ subgraph: Subgraph }, SubgraphVariables> = {
  name: 'Subgraph',
  query: /* GraphQL */ `
    query Subgraph($ids: [ID!]!, $relationTypes: [String!], $asOf: Date) {
      subgraph(ids: $ids, relationTypes: $relationTypes, asOf: $asOf) {
        nodes {
          ...EntitySummary
        }
        edges {
          ...RelationFields
        }
      }
    }
    ${ENTITY_SUMMARY}
    ${RELATION_FIELDS}
  `,
};

export interface SearchHit {
  score: number;
  entity: EntitySummary;
}

/** Autocomplete: full-text search over names and aliases. */
export const SEARCH: Operation<{ search: SearchHit[] }, { text: string; first?: number; kinds?: string[] | null }> = {
  name: 'Search',
  query: /* GraphQL */ `
    query Search($text: String!, $first: Int, $kinds: [String!]) {
      search(text: $text, first: $first, kinds: $kinds) {
        score
        entity {
          ...EntitySummary
        }
      }
    }
    ${ENTITY_SUMMARY}
  `,
};

/** A relation page as an expansion reads it: the relation plus both ends. */
export interface ExpansionRelation extends Omit<Relation, 'from' | 'to'> {
  from: EntitySummary;
  to: EntitySummary;
}

export interface RelationPage {
  totalCount: number;
  pageInfo: PageInfo;
  edges: Array<{ cursor: string }>;
  nodes: ExpansionRelation[];
}

export interface EntityRelationsVariables {
  id: string;
  first: number;
  after?: string | null;
  types?: string[] | null;
}

/** One page of an entity's relations, for expanding it (ordered by type, then name). */
export const ENTITY_RELATIONS: Operation<{ entity: (EntitySummary & { relations: RelationPage }) | null }, EntityRelationsVariables> = {
  name: 'EntityRelations',
  query: /* GraphQL */ `
    query EntityRelations($id: ID!, $first: Int, $after: String, $types: [String!]) {
      entity(id: $id) {
        ...EntitySummary
        relations(first: $first, after: $after, types: $types) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            cursor
          }
          nodes {
            id
            type
            phrase
            inversePhrase
            since
            until
            confidence
            seedFile
            seedLine
            from {
              ...EntitySummary
            }
            to {
              ...EntitySummary
            }
            properties {
              name
              value
            }
            status
            evidence {
              quote
              url
              publishedAt
              stance
              disputedBy {
                id
                name
                kind
              }
              outlet {
                id
                name
                website
              }
            }
          }
        }
      }
    }
    ${ENTITY_SUMMARY}
  `,
};

/** An entity with its kind-specific properties, by SDL field name (dates, numbers or text). */
export type EntityDetail = EntitySummary & { readonly [field: string]: unknown };

/** An end of a relation, as the inspector names it. */
export interface EntityRef {
  id: string;
  kind: string;
  name: string;
}

/** A relation as the inspector lists it. */
export interface InspectorRelation extends Omit<Relation, 'from' | 'to'> {
  from: EntityRef;
  to: EntityRef;
}

/** Where an entity ranks by a metric: 1 is the most central, ties share the better position. */
export interface MetricRank {
  position: number;
  of: number;
}

/** The metrics as the inspector reads them: values and ranks. */
export interface RankedMetrics extends EntityMetrics {
  pageRankRank: MetricRank;
  degreeRank: MetricRank;
  betweennessRank: MetricRank;
}

export interface EntityDetailResult {
  entity:
    | (EntityDetail & {
        metrics?: RankedMetrics | null;
        relations: { totalCount: number; nodes: InspectorRelation[] };
      })
    | null;
}

/**
 * The inspector: an entity's properties and its relations with evidence. Outlet's `website`
 * is `String!` where Company's is `String`, so it is aliased (`outletWebsite`) to keep the
 * selection valid.
 */
export const ENTITY_DETAIL: Operation<EntityDetailResult, { id: string; first?: number; asOf?: IsoDate | null }> = {
  name: 'EntityDetail',
  query: /* GraphQL */ `
    query EntityDetail($id: ID!, $first: Int, $asOf: Date) {
      entity(id: $id) {
        ...EntitySummary
        metrics {
          pageRankRank: rank(by: PAGERANK) {
            position
            of
          }
          degreeRank: rank(by: DEGREE) {
            position
            of
          }
          betweennessRank: rank(by: BETWEENNESS) {
            position
            of
          }
        }
        ... on Country {
          iso2
          status
        }
        ... on Company {
          founded
          website
        }
        ... on App {
          launched
        }
        ... on Official {
          office
        }
        ... on Person {
          role
        }
        ... on Initiative {
          announced
        }
        ... on Organization {
          founded
        }
        ... on Outlet {
          outletWebsite: website
        }
        ... on Infrastructure {
          lengthKm
        }
        ... on LegalAct {
          signed
          reference
        }
        relations(first: $first, asOf: $asOf) {
          totalCount
          nodes {
            id
            type
            phrase
            inversePhrase
            since
            until
            confidence
            seedFile
            seedLine
            from {
              id
              kind
              name
            }
            to {
              id
              kind
              name
            }
            properties {
              name
              value
            }
            status
            evidence {
              quote
              url
              publishedAt
              stance
              disputedBy {
                id
                name
                kind
              }
              outlet {
                id
                name
                website
              }
            }
          }
        }
      }
    }
    ${ENTITY_SUMMARY}
  `,
};

export interface PathResult {
  length: number;
  nodes: EntitySummary[];
  edges: Relation[];
}

export interface PathsVariables {
  from: string;
  to: string;
  maxHops?: number;
  relationTypes?: string[] | null;
  first?: number;
}

/** The k shortest paths between two entities. */
export const PATHS: Operation<{ paths: PathResult[] }, PathsVariables> = {
  name: 'Paths',
  query: /* GraphQL */ `
    query Paths($from: ID!, $to: ID!, $maxHops: Int, $relationTypes: [String!], $first: Int) {
      paths(from: $from, to: $to, maxHops: $maxHops, relationTypes: $relationTypes, first: $first) {
        length
        nodes {
          ...EntitySummary
        }
        edges {
          ...RelationFields
        }
      }
    }
    ${ENTITY_SUMMARY}
    ${RELATION_FIELDS}
  `,
};

// ---------------------------------------------------------------------------------------------
// Metrics

export interface KeyActor {
  entity: EntitySummary;
  value: number;
  rank: number;
}

export interface KeyActorsVariables {
  kinds?: string[] | null;
  by?: Metric;
  first?: number;
}

/** The most central entities by a metric, optionally of some kinds only. */
export const KEY_ACTORS: Operation<{ keyActors: KeyActor[] }, KeyActorsVariables> = {
  name: 'KeyActors',
  query: /* GraphQL */ `
    query KeyActors($kinds: [String!], $by: Metric, $first: Int) {
      keyActors(kinds: $kinds, by: $by, first: $first) {
        value
        rank
        entity {
          ...EntitySummary
        }
      }
    }
    ${ENTITY_SUMMARY}
  `,
};

/** The current metrics of some entities (after a seed change moved every entity's PageRank). */
export const ENTITY_METRICS: Operation<{ subgraph: { nodes: Array<{ id: string; metrics: EntityMetrics | null }> } }, { ids: string[] }> = {
  name: 'EntityMetrics',
  query: /* GraphQL */ `
    query EntityMetrics($ids: [ID!]!) {
      subgraph(ids: $ids) {
        nodes {
          id
          metrics {
            ...MetricFields
          }
        }
      }
    }
    ${METRIC_FIELDS}
  `,
};
