import { createHash } from 'node:crypto';
import type { PropertyValue, SeedEntity, SeedGraph, SeedRelation } from './seed-model.ts';

/** Properties of a node or relationship exactly as written to Neo4j. */
export type DbProps = Record<string, PropertyValue | boolean>;

export interface EntityRow {
  id: string;
  kind: string;
  oldKind: string | null;
  /** The seed file Neo4j had it from (for an update), so a change can name both files. */
  oldFile: string | null;
  props: DbProps;
}

export interface RelationRow {
  key: string;
  from: string;
  type: string;
  to: string;
  relation: SeedRelation;
  hash: string;
  /** The seed file Neo4j had it from (for an update). */
  oldFile: string | null;
}

/** What Neo4j holds of seed origin, keyed for comparison. */
export interface SeedState {
  entities: Map<string, { kind: string; hash: string; file: string }>;
  relations: Map<string, { from: string; to: string; hash: string; file: string }>;
  /** The graph version the last versioned sync wrote (server/live/graph-version.ts), if any. */
  version: string | null;
}

export interface SeedDiff {
  entities: { create: EntityRow[]; update: EntityRow[]; remove: Array<{ id: string; file: string }>; unchanged: number };
  relations: { create: RelationRow[]; update: RelationRow[]; remove: Array<{ key: string; from: string; to: string; file: string }>; unchanged: number };
}

export function entityProps(e: SeedEntity): DbProps {
  const props: DbProps = {
    ...e.properties,
    id: e.id,
    kind: e.kind,
    name: e.name,
    aliases: e.aliases,
    // The full-text index reads strings, so aliases are indexed through this copy.
    aliasText: e.aliases.join(' | '),
    seedFile: e.at.file,
    seedLine: e.at.line,
  };
  if (e.description !== undefined) props.description = e.description;
  return withHash(props);
}

/** The positional row createRelations/updateRelations expect (layout documented there). */
export type RelationTuple = [
  string,
  string,
  string,
  string,
  string | null,
  string | null,
  string,
  string[],
  string[],
  string[],
  string[],
  string,
  number,
  string,
  Record<string, PropertyValue>,
  string[] | null,
  string[] | null,
];

/**
 * The tuple written for a relation. Evidence goes as parallel lists: Neo4j properties cannot
 * hold maps, and lists cannot hold nulls, so a missing quote or URL is ''.
 */
export function toRelationTuple(row: RelationRow): RelationTuple {
  return relationTuple(row.relation, row.hash);
}

/** The createRelations/updateRelations tuple of one relation (layout in cypher/seed-sync.cypher). */
export function relationTuple(r: SeedRelation, hash: string): RelationTuple {
  const properties = Object.fromEntries(Object.entries(r.properties).sort(([a], [b]) => a.localeCompare(b)));
  const contested = r.evidence.some((e) => e.stance !== 'supports' || e.disputedBy.length > 0);
  return [
    r.from,
    r.type,
    r.to,
    r.key,
    r.since ?? null,
    r.until ?? null,
    r.confidence,
    r.evidence.map((e) => e.outlet),
    r.evidence.map((e) => e.quote ?? ''),
    r.evidence.map((e) => e.url ?? ''),
    r.evidence.map((e) => e.date),
    r.at.file,
    r.at.line,
    hash,
    properties,
    // Stances only where some evidence disputes (null leaves the property unset: all supports),
    // so the usual relation costs the sync nothing more. Lists cannot nest in Neo4j: each
    // evidence's disputers go as one comma-joined string.
    contested ? r.evidence.map((e) => e.stance) : null,
    contested ? r.evidence.map((e) => e.disputedBy.join(',')) : null,
  ];
}

/** Everything the sync writes for a relation but its hash, as one string (what the hashes hash). */
export function relationContent(r: SeedRelation): string {
  return JSON.stringify(relationTuple(r, ''));
}

/** The content hash that decides whether a stored relation is up to date: of all it writes. */
export function relationHash(r: SeedRelation): string {
  return createHash('sha1').update(relationContent(r)).digest('base64');
}

function withHash(props: DbProps): DbProps {
  const sorted = Object.keys(props)
    .sort()
    .map((k) => [k, props[k]]);
  return { ...props, seedHash: createHash('sha1').update(JSON.stringify(sorted)).digest('base64') };
}

/**
 * Compares the seed with what Neo4j holds: + create, ~ update, − remove. `graph` and `state` may
 * both be the part of one set of files (an incremental sync); `onRelationHash` sees every
 * relation's hash once, so a caller that stores them needs not hash twice. `hashes`, when
 * given, are the relations' hashes already computed, in `graph.relations`' order.
 */
export function diffSeed(
  graph: SeedGraph,
  state: SeedState,
  onRelationHash?: (r: SeedRelation, hash: string) => void,
  hashes?: readonly (string | undefined)[],
): SeedDiff {
  const diff: SeedDiff = {
    entities: { create: [], update: [], remove: [], unchanged: 0 },
    relations: { create: [], update: [], remove: [], unchanged: 0 },
  };
  // Only the stored ids the seed still declares, so a first sync of a big seed holds no set of all of them.
  const keptEntities = new Set<string>();
  for (const e of graph.entities) {
    const props = entityProps(e);
    const have = state.entities.get(e.id);
    if (have) keptEntities.add(e.id);
    if (!have) diff.entities.create.push({ id: e.id, kind: e.kind, oldKind: null, oldFile: null, props });
    else if (have.hash !== props.seedHash) diff.entities.update.push({ id: e.id, kind: e.kind, oldKind: have.kind, oldFile: have.file, props });
    else diff.entities.unchanged++;
  }
  for (const [id, have] of state.entities) if (!keptEntities.has(id)) diff.entities.remove.push({ id, file: have.file });

  const keptRelations = new Set<string>();
  for (let i = 0; i < graph.relations.length; i++) {
    const r = graph.relations[i]!;
    const hash = hashes?.[i] ?? relationHash(r);
    onRelationHash?.(r, hash);
    const have = state.relations.get(r.key);
    if (have) keptRelations.add(r.key);
    const row = { key: r.key, from: r.from, type: r.type, to: r.to, relation: r, hash, oldFile: have?.file ?? null };
    if (!have) diff.relations.create.push(row);
    else if (have.hash !== hash) diff.relations.update.push(row);
    else diff.relations.unchanged++;
  }
  for (const [key, have] of state.relations) {
    if (!keptRelations.has(key)) diff.relations.remove.push({ key, from: have.from, to: have.to, file: have.file });
  }
  return diff;
}
