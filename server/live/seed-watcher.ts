import type { Stats } from 'node:fs';
import { relative, sep } from 'node:path';
import { watch } from 'chokidar';

/** A watched seed folder; `close` stops it (no handle keeps the process alive after). */
export interface SeedWatcher {
  close(): Promise<void>;
}

const SEED_FILE = /\.(ya?ml|csv)$/i;

/** Where a path stands in the seed folder, by its path relative to it ('' is the folder itself). */
function seedRelative(seedDir: string, path: string): string {
  return relative(seedDir, path).split(sep).join('/');
}

/**
 * Whether a change to `path` can change the seed: ontology.yaml, or a YAML/CSV file under data/
 * (the files load-seed.ts reads). Hidden files (editor locks such as `.#uk.yaml`, temp files of
 * atomic saves) never are.
 */
export function isSeedFile(seedDir: string, path: string): boolean {
  const rel = seedRelative(seedDir, path);
  if (rel === 'ontology.yaml') return true;
  if (!rel.startsWith('data/')) return false;
  const name = rel.slice(rel.lastIndexOf('/') + 1);
  return !name.startsWith('.') && SEED_FILE.test(name);
}

/** Whether the watcher may skip a path: anything outside ontology.yaml and data/. */
function ignored(seedDir: string, path: string, stats?: Stats): boolean {
  const rel = seedRelative(seedDir, path);
  if (rel === '' || rel === 'data') return false;
  if (rel.startsWith('..')) return true;
  if (rel === 'ontology.yaml') return false;
  if (!rel.startsWith('data/')) return true;
  // chokidar asks once without stats: a folder must not be skipped before it is known to be one.
  if (!stats || stats.isDirectory()) return false;
  return !isSeedFile(seedDir, path);
}

/**
 * Watches `seedDir` (ontology.yaml and data/**) and calls `onChange` for every file added,
 * changed or removed there (and folders added or removed under data/). Resolves once the
 * initial scan is done, so a change made after it is seen. Editors' atomic saves (write a temp
 * file, rename it over the original) arrive as a change of the original.
 */
export async function watchSeedDir(seedDir: string, onChange: (path: string) => void, onError: (err: Error) => void): Promise<SeedWatcher> {
  const watcher = watch(seedDir, {
    ignoreInitial: true,
    ignored: (path, stats) => ignored(seedDir, path, stats),
    // chokidar's atomic mode turns an unlink followed by an add within 100 ms into one change.
    atomic: true,
  });
  watcher.on('all', (event, path) => {
    if (event === 'addDir' || event === 'unlinkDir') {
      if (seedRelative(seedDir, path).startsWith('data')) onChange(path);
    } else if (isSeedFile(seedDir, path)) onChange(path);
  });
  watcher.on('error', (err) => onError(err instanceof Error ? err : new Error(String(err))));
  await new Promise<void>((resolve) => watcher.once('ready', resolve));
  return { close: () => watcher.close() };
}
