import type { EditDraft } from './edit-draft.ts';
import { EditInputError, checkInputSizes, type EditOptions, type SourceInput } from './edit-inputs.ts';
import { evidenceFields } from './input-snippets.ts';
import { fileForSource } from './target-files.ts';
import { snippetMap } from './yaml-snippet.ts';
import { appendSource } from './yaml-text-edit.ts';

/** Adds a reusable source under `sources:` of the named file, or where sources citing its outlet live. */
export function addSource(draft: EditDraft, source: SourceInput, options: EditOptions | null | undefined): string {
  checkInputSizes(source, 'source');
  const path = options?.file ? draft.resolve(options.file) : draft.path(fileForSource(draft, source.outlet));
  if (/\.csv$/i.test(path.shown)) throw new EditInputError('options.file', 'sources go in YAML files');
  if (!/^[a-z0-9][a-z0-9-]{0,99}$/.test(source.id)) throw new EditInputError('source.id', 'a source id is lower-case letters, digits and dashes');
  draft.edit(path, (text) => appendSource(text, source.id, snippetMap(evidenceFields(source, 'source')), 'source'));
  return `Add source ${source.id}`;
}
