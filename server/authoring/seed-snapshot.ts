import { readFileSync } from 'node:fs';
import { loadSeed, type LoadedSeed } from '../ingest/load-seed.ts';
import { fileVersion } from './file-version.ts';
import { absoluteFromShown } from './seed-paths.ts';

/** One seed data file as read for an edit. */
export interface SnapshotFile {
  abs: string;
  /** The decoded text (a BOM kept); edits splice it. */
  text: string;
  version: string;
  /** False when the bytes are not UTF-8 text that decodes and encodes back to the same bytes. */
  editable: boolean;
}

/** The seed as it is on disk at the start of an edit: every data file's text and version, and the validated graph. */
export interface SeedSnapshot {
  seedDir: string;
  displayRoot: string;
  loaded: LoadedSeed;
  /** By path relative to the display root (seed/data/uk.yaml). */
  files: Map<string, SnapshotFile>;
}

export function readSeedSnapshot(seedDir: string, displayRoot: string): SeedSnapshot {
  const loaded = loadSeed({ seedDir, displayRoot });
  const files = new Map<string, SnapshotFile>();
  for (const shown of loaded.files) {
    const abs = absoluteFromShown(displayRoot, shown);
    files.set(shown, readSnapshotFile(abs));
  }
  return { seedDir, displayRoot, loaded, files };
}

export function readSnapshotFile(abs: string): SnapshotFile {
  const bytes = readFileSync(abs);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return { abs, text, version: fileVersion(bytes), editable: Buffer.from(text, 'utf8').equals(bytes) };
}

/** The file's version on disk now, or null when it does not exist. */
export function versionOnDisk(abs: string): string | null {
  try {
    return fileVersion(readFileSync(abs));
  } catch {
    return null;
  }
}
