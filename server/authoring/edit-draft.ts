import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { SeedSnapshot } from './seed-snapshot.ts';
import { EditInputError } from './edit-inputs.ts';
import { absoluteFromShown, resolveSeedFile, SeedPathError, shownPath, type SeedFilePath } from './seed-paths.ts';
import type { FieldSpan } from './yaml-snippet.ts';
import type { TextEditResult } from './yaml-text-edit.ts';

/** One file an edit changes: its text before (null: new) and after (null: deleted). */
export interface DraftFile {
  abs: string;
  shown: string;
  before: string | null;
  after: string | null;
  spans: FieldSpan[];
}

/**
 * The edit being prepared, in memory: file texts after each step, and where the input's fields
 * landed (so the validator's diagnostics can name them). Nothing touches the disk here.
 */
export class EditDraft {
  readonly files = new Map<string, DraftFile>();
  constructor(readonly snapshot: SeedSnapshot) {}

  /** The file's text as the draft has it now (null when it does not exist). */
  text(shown: string): string | null {
    const d = this.files.get(shown);
    if (d) return d.after;
    return this.snapshot.files.get(shown)?.text ?? null;
  }

  exists(shown: string): boolean {
    return this.text(shown) !== null;
  }

  /** Changes a file (creating it with the seed header when new) through a text edit. */
  edit(path: SeedFilePath, change: (text: string) => TextEditResult | string): void {
    let d = this.files.get(path.shown);
    if (!d) {
      const before = this.snapshot.files.get(path.shown)?.text ?? null;
      if (before === null && existsSync(path.abs)) throw new EditInputError('options.file', `${path.shown} exists but is not a seed file the seed reads`);
      d = { abs: path.abs, shown: path.shown, before, after: before, spans: [] };
      this.files.set(path.shown, d);
    }
    const old = d.after ?? newFileText(this.snapshot.seedDir, path.abs);
    const r = change(old);
    const result = typeof r === 'string' ? { text: r, spans: [] } : r;
    // Earlier spans after the changed region move with it.
    const at = commonPrefix(old, result.text);
    const delta = result.text.length - old.length;
    d.spans = d.spans.map((s) => (s.start >= at ? { ...s, start: s.start + delta, end: s.end + delta } : s)).concat(result.spans);
    d.after = result.text;
  }

  /** Deletes a file (applySeedPatch). */
  remove(path: SeedFilePath): void {
    const before = this.snapshot.files.get(path.shown)?.text ?? null;
    this.files.set(path.shown, { abs: path.abs, shown: path.shown, before, after: null, spans: [] });
  }

  /** A path the caller gave (options.file), checked: under seed/data/, no escape. */
  resolve(given: string, field = 'options.file'): SeedFilePath {
    try {
      const creating = !this.exists(given);
      return resolveSeedFile(this.snapshot.seedDir, this.snapshot.displayRoot, given, { creating });
    } catch (err) {
      if (err instanceof SeedPathError) throw new EditInputError(field, err.message);
      throw err;
    }
  }

  /** A file the API picked (where an entity lives, or a new one by name under seed/data/). */
  path(shown: string): SeedFilePath {
    return { abs: absoluteFromShown(this.snapshot.displayRoot, shown), shown };
  }

  /** seed/data/<name> as shown. */
  dataFile(name: string): string {
    return shownPath(this.snapshot.displayRoot, join(this.snapshot.seedDir, 'data', name));
  }
}

/** A new seed file starts with the line that lets editors check it against the JSON Schema. */
export function newFileText(seedDir: string, abs: string): string {
  const schema = relative(dirname(abs), join(seedDir, 'schema', 'seed.schema.json'))
    .split(sep)
    .join('/');
  return `# yaml-language-server: $schema=${schema}\n`;
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}
