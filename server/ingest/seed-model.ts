import type { Location } from './diagnostics.ts';

/** Scalar property values as they reach Neo4j. */
export type PropertyValue = string | number | string[];

/** One piece of evidence behind a relation, after source references are resolved. */
export interface Evidence {
  outlet: string;
  quote: string | undefined;
  url: string | undefined;
  /** Publication date, YYYY[-MM[-DD]]. */
  date: string;
  /** Whether the source supports the claim or reports it disputed. @default 'supports' */
  stance: Stance;
  /** Entities that dispute the claim (stance 'disputes'), when the seed names them. */
  disputedBy: string[];
}

export type Stance = 'supports' | 'disputes';
export const STANCES: readonly Stance[] = ['supports', 'disputes'];

export type Confidence = 'high' | 'medium' | 'low';

export interface SeedEntity {
  id: string;
  kind: string;
  name: string;
  aliases: string[];
  description: string | undefined;
  /** Kind-specific properties declared by the ontology. */
  properties: Record<string, PropertyValue>;
  at: Location;
}

export interface SeedRelation {
  /** Stable identity: from|TYPE|to, plus |since when given. */
  key: string;
  from: string;
  type: string;
  to: string;
  since: string | undefined;
  until: string | undefined;
  confidence: Confidence;
  evidence: Evidence[];
  properties: Record<string, PropertyValue>;
  at: Location;
}

/** The whole validated seed: what a sync makes Neo4j hold. */
export interface SeedGraph {
  entities: SeedEntity[];
  relations: SeedRelation[];
  /** What the facts were made from, when loadSeed read them from files (seed-files.ts uses it). */
  inputs?: SeedInputs;
}

/**
 * The inputs of a loaded seed's facts: a file's facts are a function of its own bytes, of the
 * sources it may cite (declared in any file) and of the ontology (how values are typed), and
 * of nothing else; so while these digests stay the same, so do the facts.
 */
export interface SeedInputs {
  /** SHA-256 of each file's bytes, by the path every fact's `at.file` names. */
  files: ReadonlyMap<string, string>;
  /** SHA-256 of the ontology's text and of every declared source as resolved. */
  shared: string;
}

export function relationKey(from: string, type: string, to: string, since: string | undefined): string {
  // join, not a template: V8 keeps a template's result as a tree of pieces (~110 bytes more a
  // key, measured), and a sync holds every relation's key.
  return (since ? [from, type, to, since] : [from, type, to]).join('|');
}

/** The ends a relation key names (ids never hold "|": ID_PATTERN). */
export function relationEnds(key: string): { from: string; to: string } {
  const [from = '', , to = ''] = key.split('|');
  return { from, to };
}
