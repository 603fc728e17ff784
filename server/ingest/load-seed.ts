import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
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
}

/** Reads ontology.yaml and every data file, and validates them together. Never touches a database. */
export function loadSeed({ seedDir, displayRoot }: LoadSeedOptions): LoadedSeed {
  const root = resolve(displayRoot ?? join(seedDir, '..'));
  const shown = (p: string) => relative(root, p) || p;
  const ontologyPath = join(seedDir, 'ontology.yaml');
  let ontology: Ontology | undefined;
  const diagnostics: Diagnostic[] = [];
  try {
    ontology = parseOntology(shown(ontologyPath), readFileSync(ontologyPath, 'utf8'));
  } catch (err) {
    if (err instanceof OntologyError) diagnostics.push(...err.diagnostics);
    else diagnostics.push(diagnostic({ file: shown(ontologyPath), line: 1, column: 1 }, `cannot read the ontology: ${(err as Error).message}`));
  }
  const files = listSeedFiles(join(seedDir, 'data'));
  if (!ontology) return { ontology, graph: { entities: [], relations: [] }, diagnostics, files: files.map(shown) };

  const raw: RawSeedFile[] = files.map((path) => {
    const name = shown(path);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (err) {
      return {
        file: name,
        entities: [],
        sources: [],
        relations: [],
        diagnostics: [diagnostic({ file: name, line: 1, column: 1 }, `cannot read: ${(err as Error).message}`)],
      };
    }
    const decoded = decodeSeedText(name, bytes);
    if ('error' in decoded) return { file: name, entities: [], sources: [], relations: [], diagnostics: [decoded.error] };
    const { text } = decoded;
    return path.endsWith('.csv') ? parseCsvSeed(name, text) : parseYamlSeed(name, text);
  });
  const { graph, diagnostics: found } = validateSeed(ontology, raw);
  return { ontology, graph, diagnostics: sortDiagnostics([...diagnostics, ...found]), files: files.map(shown) };
}

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
    return /\.(ya?ml|csv)$/i.test(n) ? [p] : [];
  });
}
