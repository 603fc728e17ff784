import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { diagnostic, sortDiagnostics, type Diagnostic } from './diagnostics.ts';
import { OntologyError, parseOntology, type Ontology } from './ontology.ts';
import { parseCsvSeed } from './parse-csv-seed.ts';
import { parseYamlSeed } from './parse-yaml-seed.ts';
import type { RawSeedFile } from './raw-seed.ts';
import type { SeedGraph } from './seed-model.ts';
import { decodeSeedText } from './seed-text.ts';
import { validateSeed } from './validate-seed.ts';

export interface LoadedSeed {
  ontology: Ontology | undefined;
  graph: SeedGraph;
  /** Every problem, sorted by file and position; empty means the seed is valid. */
  diagnostics: Diagnostic[];
  files: string[];
}

export interface LoadSeedOptions {
  /** Folder holding ontology.yaml and data/. @default <project>/seed */
  seedDir: string;
  /** Paths in messages are relative to this. @default the seed folder's parent */
  displayRoot?: string;
  /**
   * Texts to use instead of the files on disk, by absolute path (null: the file is deleted; a
   * path under data/ that does not exist yet is a new file). Lets the write API validate an
   * edit with the whole seed before anything is written.
   */
  overrides?: ReadonlyMap<string, string | null>;
}

/** Reads ontology.yaml and every data file, and validates them together. Never touches a database. */
export function loadSeed({ seedDir, displayRoot, overrides }: LoadSeedOptions): LoadedSeed {
  const root = resolve(displayRoot ?? join(seedDir, '..'));
  const override = (p: string): string | null | undefined => overrides?.get(resolve(p));
  const shown = (p: string) => relative(root, p) || p;
  const ontologyPath = join(seedDir, 'ontology.yaml');
  let ontology: Ontology | undefined;
  let ontologyText = '';
  const diagnostics: Diagnostic[] = [];
  try {
    const text = override(ontologyPath);
    if (text === null) throw new Error('the ontology is deleted');
    ontologyText = text ?? readFileSync(ontologyPath, 'utf8');
    ontology = parseOntology(shown(ontologyPath), ontologyText);
  } catch (err) {
    if (err instanceof OntologyError) diagnostics.push(...err.diagnostics);
    else diagnostics.push(diagnostic({ file: shown(ontologyPath), line: 1, column: 1 }, `cannot read the ontology: ${(err as Error).message}`));
  }
  const files = withOverrides(listSeedFiles(join(seedDir, 'data')), join(seedDir, 'data'), overrides);
  if (!ontology) return { ontology, graph: { entities: [], relations: [] }, diagnostics, files: files.map(shown) };

  const fileDigests = new Map<string, string>();
  const read = (path: string, name: string): RawSeedFile => {
    let bytes: Uint8Array;
    try {
      const text = override(path);
      bytes = typeof text === 'string' ? new TextEncoder().encode(text) : readFileSync(path);
    } catch (err) {
      return {
        file: name,
        entities: [],
        sources: [],
        relations: [],
        diagnostics: [diagnostic({ file: name, line: 1, column: 1 }, `cannot read: ${(err as Error).message}`)],
      };
    }
    fileDigests.set(name, createHash('sha256').update(bytes).digest('base64'));
    const decoded = decodeSeedText(name, bytes);
    if ('error' in decoded) return { file: name, entities: [], sources: [], relations: [], diagnostics: [decoded.error] };
    const { text } = decoded;
    return path.endsWith('.csv') ? parseCsvSeed(name, text) : parseYamlSeed(name, text);
  };
  const raw: RawSeedFile[] = files.map((path) => (path.endsWith('.csv') ? deferredCsv(path, shown(path), read) : read(path, shown(path))));
  const { graph, diagnostics: found, sourcesDigest } = validateSeed(ontology, raw);
  if (found.length === 0) {
    graph.inputs = { files: fileDigests, shared: createHash('sha256').update(ontologyText).update('\n').update(sourcesDigest).digest('base64') };
  }
  return { ontology, graph, diagnostics: sortDiagnostics([...diagnostics, ...found]), files: files.map(shown) };
}

/**
 * A CSV file holds relations only, which the validator reads after every entity and source:
 * read, decode and parse it then, and hand its raw records out once, so the peak memory of a
 * bulk seed is one CSV file's raw records, not all of them beside the validated graph.
 */
function deferredCsv(path: string, name: string, read: (path: string, name: string) => RawSeedFile): RawSeedFile {
  let diagnostics: RawSeedFile['diagnostics'] | undefined;
  return {
    file: name,
    entities: [],
    sources: [],
    deferred: true,
    get relations() {
      const parsed = read(path, name);
      diagnostics = parsed.diagnostics;
      return parsed.relations;
    },
    get diagnostics() {
      return diagnostics ?? read(path, name).diagnostics;
    },
  };
}

/** The files on disk, less those the overrides delete, plus the new ones they add under `dataDir`. */
function withOverrides(files: string[], dataDir: string, overrides: ReadonlyMap<string, string | null> | undefined): string[] {
  if (!overrides || overrides.size === 0) return files;
  const all = new Set(files.map((f) => resolve(f)));
  const prefix = resolve(dataDir) + sep;
  for (const [path, text] of overrides) {
    const p = resolve(path);
    if (text === null) all.delete(p);
    else if (p.startsWith(prefix) && SEED_FILE.test(p)) all.add(p);
  }
  // The same order listSeedFiles gives: by name within a folder, folders where they sort.
  return [...all].sort((a, b) => compareSeedPaths(a, b, prefix));
}

function compareSeedPaths(a: string, b: string, prefix: string): number {
  const pa = a.slice(prefix.length).split(sep);
  const pb = b.slice(prefix.length).split(sep);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] !== pb[i]) return pa[i]! < pb[i]! ? -1 : 1;
  }
  return pa.length - pb.length;
}

const SEED_FILE = /\.(ya?ml|csv)$/i;

/** YAML and CSV files under `dir` (hidden ones skipped), in a stable order. */
function listSeedFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.sort().flatMap((n) => {
    // Hidden names are editors' and systems' files (Emacs locks `.#uk.yaml`, macOS `._uk.yaml`,
    // an atomic save's temp file), never seed files: reading them would fail a sync mid-edit.
    if (n.startsWith('.')) return [];
    const p = join(dir, n);
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      // Gone since readdir, or a dangling link: reading it reports "cannot read" at the file.
    }
    if (isDir) return listSeedFiles(p);
    return SEED_FILE.test(n) ? [p] : [];
  });
}
