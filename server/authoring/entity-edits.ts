import type { Ontology } from '../ingest/ontology.ts';
import { EditRefusedError } from './authoring-errors.ts';
import type { EditDraft } from './edit-draft.ts';
import { EditInputError, checkInputSizes, type EditOptions, type EntityInput, type EntityPatch, type NewOutletInput } from './edit-inputs.ts';
import { dataSnippet, entitySnippet, outletEntity, propertyEntry } from './input-snippets.ts';
import { findEntity, locate } from './locate-facts.ts';
import { fileForKind } from './target-files.ts';
import { snippetMap, type SnippetEntry } from './yaml-snippet.ts';
import { appendListItem, removeListItem, replaceListItem } from './yaml-text-edit.ts';

/** Appends an entity to `entities:` of the named file or, by default, where most of its kind live. */
export function addEntity(draft: EditDraft, ontology: Ontology, entity: EntityInput, options: EditOptions | null | undefined, prefix = 'entity'): string {
  checkInputSizes(entity, prefix);
  const path = options?.file ? draft.resolve(options.file) : draft.path(fileForKind(draft, entity.kind));
  if (/\.csv$/i.test(path.shown)) throw new EditInputError('options.file', 'entities go in YAML files; CSV files hold relations');
  draft.edit(path, (text) => appendListItem(text, 'entities', entitySnippet(entity, ontology, prefix), prefix));
  return `Add ${entity.kind === 'Outlet' ? 'outlet' : 'entity'} ${entity.name}`;
}

/** An outlet goes where most outlets live (outlets.yaml), unless the caller names a file. */
export function addOutlet(
  draft: EditDraft,
  ontology: Ontology,
  outlet: NewOutletInput,
  description: string | null | undefined,
  options: EditOptions | null | undefined,
  prefix = 'outlet',
): string {
  return addEntity(draft, ontology, outletEntity(outlet, description), options, prefix);
}

/** Rewrites an entity's item with the patched fields, in the item's own style (block or flow). */
export function updateEntity(draft: EditDraft, ontology: Ontology, id: string, patch: EntityPatch): string {
  checkInputSizes(patch, 'patch');
  const entity = findEntity(draft, id);
  const where = locate(draft, entity.at, 'entities');
  if (!where.yaml) throw new EditInputError('id', 'entities are declared in YAML files');
  const data = { ...(where.yaml.data as Record<string, unknown>) };
  if ('name' in patch) {
    if (patch.name === null || patch.name === undefined || patch.name.trim() === '') throw new EditInputError('patch.name', 'an entity needs a name');
    data.name = patch.name;
  }
  if ('aliases' in patch) {
    if (patch.aliases && patch.aliases.length > 0) data.aliases = [...patch.aliases];
    else delete data.aliases;
  }
  if ('description' in patch) {
    if (patch.description) data.description = patch.description;
    else delete data.description;
  }
  const specs = ontology.kinds.get(entity.kind)?.properties ?? {};
  const extra: SnippetEntry[] = [];
  (patch.properties ?? []).forEach((p, i) => {
    const e = propertyEntry(p, specs[p.name], `patch.properties[${i}]`);
    if (!e) delete data[p.name];
    else if (p.name in data) data[p.name] = e.value;
    else extra.push(e);
  });
  const base = dataSnippet(data);
  const item = snippetMap([...(typeof base === 'object' && 'kind' in base && base.kind === 'map' ? base.entries : []), ...extra]);
  draft.edit(draft.path(where.file), (text) => replaceListItem(text, where.yaml, item, where.yaml.style === 'flow' ? 'flow' : 'block', 'patch'));
  return `Edit entity ${entity.name}`;
}

/** Removes an entity's item; refused while relations use it (as from, to, or an evidence outlet), naming them. */
export function removeEntity(draft: EditDraft, id: string): string {
  const entity = findEntity(draft, id);
  const users = draft.snapshot.loaded.graph.relations.filter((r) => r.from === id || r.to === id || r.evidence.some((e) => e.outlet === id));
  if (users.length > 0) {
    const shown = users.slice(0, 10).map((r) => r.key);
    throw new EditRefusedError(
      `${entity.name} is still used by ${users.length} relation${users.length === 1 ? '' : 's'}: ${shown.join(', ')}${users.length > 10 ? ', …' : ''}; retract or change them first`,
      users.map((r) => ({ file: r.at.file, line: r.at.line, column: r.at.column, message: `relation ${r.key} uses ${id}`, field: 'id' })),
    );
  }
  const where = locate(draft, entity.at, 'entities');
  if (!where.yaml) throw new EditInputError('id', 'entities are declared in YAML files');
  draft.edit(draft.path(where.file), (text) => removeListItem(text, 'entities', where.yaml));
  return `Remove entity ${entity.name}`;
}
