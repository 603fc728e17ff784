import { EditConflictError } from './authoring-errors.ts';
import type { EditDraft } from './edit-draft.ts';
import { EDIT_LIMITS, EditInputError } from './edit-inputs.ts';
import { applyFilePatch, parseSeedPatch, PatchError } from './seed-diff-text.ts';

/**
 * Applies a unified diff (several files, e.g. the reverse of an earlier edit's diff) to the seed
 * files in memory. Every hunk's context must match the file exactly; a patch that does not
 * apply means the file changed since the diff was made: CONFLICT.
 */
export function applySeedPatch(draft: EditDraft, patch: string): string {
  if (patch.length > EDIT_LIMITS.patch) throw new EditInputError('patch', `at most ${EDIT_LIMITS.patch} characters, got ${patch.length}`);
  let files;
  try {
    files = parseSeedPatch(patch);
  } catch (err) {
    if (err instanceof PatchError) throw new EditInputError('patch', err.message);
    throw err;
  }
  for (const f of files) {
    const path = draft.resolve(f.file, 'patch');
    const before = draft.text(path.shown);
    if (f.creates && before !== null)
      throw new EditConflictError(`the patch creates ${path.shown}, which exists`, path.shown, null, draft.snapshot.files.get(path.shown)?.version ?? null);
    if (!f.creates && before === null) throw new EditConflictError(`the patch changes ${path.shown}, which does not exist`, path.shown, null, null);
    const after = applyFilePatch(before ?? '', f.patch);
    if (after === null) {
      throw new EditConflictError(
        `the patch does not apply to ${path.shown}: the file differs from the patch's context (it changed since the diff was made)`,
        path.shown,
        null,
        draft.snapshot.files.get(path.shown)?.version ?? null,
      );
    }
    if (f.deletes) {
      if (after !== '') throw new EditInputError('patch', `the patch deletes ${path.shown} but leaves text in it`);
      draft.remove(path);
    } else draft.edit(path, () => after);
  }
  return `Apply a patch to ${files.map((f) => f.file).join(', ')}`;
}
