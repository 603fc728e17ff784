import { applyPatch, createTwoFilesPatch, parsePatch, type StructuredPatch } from 'diff';

/**
 * The unified diff of one file, as `git diff` shows it: `a/seed/data/x.yaml` and
 * `b/seed/data/x.yaml` headers, `/dev/null` for a created or deleted file, 3 lines of context.
 */
export function fileDiff(shown: string, before: string | null, after: string | null): string {
  const patch = createTwoFilesPatch(
    before === null ? '/dev/null' : `a/${shown}`,
    after === null ? '/dev/null' : `b/${shown}`,
    before ?? '',
    after ?? '',
    undefined,
    undefined,
    {
      context: 3,
    },
  );
  // The package's first line ("Index:"/"====") is not part of a git-style diff.
  return patch.replace(/^=+\r?\n/, '');
}

/** One file's part of a multi-file patch, by the path it names (a/… and b/… stripped). */
export interface FilePatch {
  /** The file the patch changes, relative to the project; for a deletion its old name. */
  file: string;
  creates: boolean;
  deletes: boolean;
  patch: StructuredPatch;
}

export class PatchError extends Error {
  override name = 'PatchError';
}

/** Splits a unified diff into its files; refuses renames and patches that name no file. */
export function parseSeedPatch(text: string): FilePatch[] {
  let patches: StructuredPatch[];
  try {
    patches = parsePatch(text);
  } catch (err) {
    throw new PatchError(`the patch does not parse: ${(err as Error).message}`);
  }
  const out: FilePatch[] = [];
  for (const p of patches) {
    if (!p.oldFileName && !p.newFileName && p.hunks.length === 0) continue;
    const strip = (n: string | undefined) => (n === undefined || n === '/dev/null' ? null : n.replace(/^[ab]\//, ''));
    const oldName = strip(p.oldFileName);
    const newName = strip(p.newFileName);
    if (oldName === null && newName === null) throw new PatchError('a file of the patch names no path');
    if (oldName !== null && newName !== null && oldName !== newName) throw new PatchError(`renames are not supported (${oldName} → ${newName})`);
    out.push({ file: (newName ?? oldName)!, creates: oldName === null, deletes: newName === null, patch: p });
  }
  if (out.length === 0) throw new PatchError('the patch changes no file');
  const seen = new Set<string>();
  for (const f of out) {
    if (seen.has(f.file)) throw new PatchError(`the patch names ${f.file} twice`);
    seen.add(f.file);
  }
  return out;
}

/** Applies one file's hunks; the context must match exactly (no fuzz). Null when it does not apply. */
export function applyFilePatch(before: string, patch: StructuredPatch): string | null {
  const r = applyPatch(before, patch, { fuzzFactor: 0 });
  return r === false ? null : r;
}
