import { createHash } from 'node:crypto';
import type { Ontology } from '../ingest/ontology.ts';
import { seedFilesOf } from '../ingest/seed-files.ts';
import type { SeedGraph } from '../ingest/seed-model.ts';

/** Hex characters in a graph version: 48 bits, so two different seeds practically never meet. */
export const VERSION_LENGTH = 12;

/** What seedStatus reports while Neo4j holds no version (a sync by an older tool, or none yet). */
export const UNVERSIONED = 'unversioned';

/**
 * The fingerprint of an ontology: every kind, relation type, colour, shape and property, in file
 * order (the legend follows that order, so reordering is a change clients should see).
 */
export function ontologyFingerprint(ontology: Ontology): string {
  const json = JSON.stringify({ kinds: [...ontology.kinds.entries()], relations: [...ontology.relations.entries()] });
  return createHash('sha256').update(json).digest('hex');
}

/**
 * The graph version of a validated seed: a hash of the ontology and of every seed file's digest
 * (ingest/seed-files.ts: each fact as the sync writes it, with its file and line — the digests
 * the sync compares, computed once for both). It depends on content only — not on time,
 * process or the order of files or facts — so two servers syncing the same files agree, and a
 * comment edited away from any fact changes nothing.
 */
export function graphVersion(graph: SeedGraph, ontology: Ontology): string {
  const files = [...seedFilesOf(graph).values()].map((f) => `${f.path}\t${f.digest}`);
  // Sorted by code unit, not locale, so every machine agrees.
  files.sort(byCodeUnit);
  const hash = createHash('sha256').update(ontologyFingerprint(ontology)).update('\n');
  for (const line of files) hash.update(line).update('\n');
  return hash.digest('hex').slice(0, VERSION_LENGTH);
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
