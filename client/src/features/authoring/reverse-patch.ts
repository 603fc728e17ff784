/**
 * The undo of a seed edit: the reverse of its unified diff (what it added is removed, what it
 * removed comes back, a file it created is deleted), for the server's applySeedPatch, which
 * refuses it if any file has changed since (its context must match exactly).
 */
import { FILE_HEADERS_ONLY, formatPatch, parsePatch, reversePatch } from 'diff';

/** Reverses a multi-file unified diff (git-style a/… b/… headers, /dev/null for created files). */
export function reverseSeedDiff(diff: string): string {
  const patches = parsePatch(diff).filter((p) => p.hunks.length > 0 || p.oldFileName || p.newFileName);
  if (patches.length === 0) throw new Error('the edit changed no file: nothing to undo');
  return formatPatch(reversePatch(patches), FILE_HEADERS_ONLY);
}
