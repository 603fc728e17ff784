import { createHash } from 'node:crypto';
import { entityProps, relationHash } from './seed-diff.ts';
import type { SeedEntity, SeedGraph, SeedRelation } from './seed-model.ts';

/**
 * Raised whenever what the sync writes for a fact changes shape (a property added to every
 * relation, say): every stored digest then differs, so the next sync writes every file again.
 */
export const SYNC_FORMAT = 'splinternet-sync-3';

/** The facts one seed file declares, and the digest of all the sync writes for them. */
export interface SeedFileFacts {
  /** As in every fact's `at.file` (seed/data/uk.yaml). */
  path: string;
  entities: SeedEntity[];
  relations: SeedRelation[];
  /**
   * SHA-256 of every fact of the file as the sync writes it — with its file and line, and with
   * evidence resolved from sources wherever they are declared — so it changes exactly when
   * Neo4j must: an edit of this file, a source it cites edited in another file, or an ontology
   * edit that changes a value (a property type). Independent of the order facts are listed in.
   */
  digest: string;
  /**
   * Each relation's content hash (seed-diff.ts), in `relations`' order, when the digest was
   * computed from them: the diff takes them instead of hashing every relation a second time
   * (~10 s at 1M relations). Absent when the digest was reused; the sync drops them once used.
   */
  relationHashes?: string[];
}

const cache = new WeakMap<SeedGraph, Map<string, SeedFileFacts>>();

/**
 * The last digest computed for each file, with the digest of its inputs (SeedInputs): a file
 * whose bytes, sources and ontology are what they were has the facts it had, so its digest is
 * reused without reading them — what makes the live sync's reload of a big seed cheap (~6 µs a
 * relation otherwise). One entry per file path of the last graph digested.
 */
let lastDigests = new Map<string, { inputs: string; digest: string }>();

/**
 * The graph's facts by file, with their digests; computed once per graph object (the live sync
 * and the graph version ask for the same graph).
 */
export function seedFilesOf(graph: SeedGraph): Map<string, SeedFileFacts> {
  const known = cache.get(graph);
  if (known) return known;
  const files = new Map<string, SeedFileFacts>();
  const of = (path: string) => {
    let f = files.get(path);
    if (!f) files.set(path, (f = { path, entities: [], relations: [], digest: '' }));
    return f;
  };
  for (const e of graph.entities) of(e.at.file).entities.push(e);
  for (const r of graph.relations) of(r.at.file).relations.push(r);
  const digests = new Map<string, { inputs: string; digest: string }>();
  for (const f of files.values()) {
    const bytes = graph.inputs?.files.get(f.path);
    const inputs = bytes === undefined ? undefined : [SYNC_FORMAT, graph.inputs!.shared, f.path, bytes].join('\n');
    const last = lastDigests.get(f.path);
    f.digest = inputs !== undefined && last?.inputs === inputs ? last.digest : factsDigest(f);
    if (inputs !== undefined) digests.set(f.path, { inputs, digest: f.digest });
  }
  lastDigests = digests;
  cache.set(graph, files);
  return files;
}

/** The digest of the facts themselves (SeedFileFacts.digest); sorts them by position. */
function factsDigest(f: SeedFileFacts): string {
  // By position, so a graph listing its facts in another order has the same digests.
  f.entities.sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column || compare(a.id, b.id));
  f.relations.sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column || compare(a.key, b.key));
  const hash = createHash('sha256').update(SYNC_FORMAT).update('\n');
  for (const e of f.entities) hash.update(`${e.id}\t${String(entityProps(e).seedHash)}\n`);
  hash.update('--\n');
  // A digest of the relations' hashes, not of their content: the same changes change it, and the
  // hashes are what the diff needs anyway.
  f.relationHashes = f.relations.map(relationHash);
  for (const h of f.relationHashes) hash.update(h).update('\n');
  return hash.digest('base64');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
