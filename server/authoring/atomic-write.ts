import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A file's new content, or null to delete it. */
export interface FileWrite {
  abs: string;
  text: string | null;
}

/**
 * Writes every file through a temporary file in its own folder and a rename, so a reader (the
 * live sync, an editor) sees the old bytes or the new ones, never half a file. All temporary
 * files are written before the first rename: a failure while writing them changes nothing.
 */
export function writeFilesAtomically(writes: FileWrite[]): void {
  const temps: Array<{ temp: string; abs: string }> = [];
  try {
    for (const w of writes) {
      if (w.text === null) continue;
      mkdirSync(dirname(w.abs), { recursive: true });
      const temp = join(dirname(w.abs), `.${basename(w.abs)}.${randomBytes(6).toString('hex')}.tmp`);
      writeFileSync(temp, w.text, { encoding: 'utf8', flag: 'wx' });
      temps.push({ temp, abs: w.abs });
    }
  } catch (err) {
    for (const t of temps) rmSync(t.temp, { force: true });
    throw err;
  }
  for (const t of temps) renameSync(t.temp, t.abs);
  for (const w of writes) if (w.text === null) unlinkSync(w.abs);
}
