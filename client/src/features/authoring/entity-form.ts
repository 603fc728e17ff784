/**
 * The entity form: "Add entity" (kind picker, name, an id suggested from the name, aliases,
 * description and the kind's typed properties) and "Edit" (prefilled; the id and kind stay).
 */
import { ADD_ENTITY, UPDATE_ENTITY, type SeedEdit } from '../../api/authoring-operations.ts';
import type { GraphQLClient } from '../../api/graphql-client.ts';
import type { EntityDetail, Ontology } from '../../api/operations.ts';
import { h, replaceChildren } from '../../ui/dom.ts';
import { EditForm } from './edit-form.ts';
import type { EditRequest } from './edit-session.ts';
import { entityInput, entityPatch, type EntityDraft } from './entity-draft.ts';
import { isEntityId, suggestEntityId } from './entity-id.ts';
import { selectInput, textArea, textInput } from './form-fields.ts';
import { isEmptyPatch } from './relation-draft.ts';
import { propertyRows } from './property-fields.ts';

export interface EntityFormContext {
  api: Pick<GraphQLClient, 'request'>;
  ontology: Ontology;
  canWrite: boolean;
  onSaved(edit: SeedEdit): void;
}

/** Opens "Add entity"; `kind` preselects one. */
export function openAddEntity(context: EntityFormContext, kind = ''): EditForm {
  const form = new EditForm({ api: context.api, title: 'Add entity', canWrite: context.canWrite, saveLabel: 'Save entity', onSaved: context.onSaved });
  const { fields } = form;
  const draft: EntityDraft = { id: '', kind, name: '', aliases: '', description: '', properties: {} };
  const kinds = context.ontology.kinds;
  const kindSelect = selectInput([['', 'Choose a kind…'], ...kinds.map((k): [string, string] => [k.name, k.name])], kind);
  const kindHint = h('p', { class: 'field-hint' });
  const name = textInput('', { placeholder: 'United Kingdom' });
  const id = textInput('', { placeholder: 'united-kingdom' });
  const aliases = textInput('', { placeholder: 'UK, Britain' });
  const description = textArea('');
  const propsHost = h('div', { class: 'field-grid' });
  let idEdited = false;

  const renderKind = () => {
    const info = kinds.find((k) => k.name === draft.kind);
    replaceChildren(kindHint, info?.description ?? '');
    draft.properties = {};
    replaceChildren(propsHost, propertyRows(fields, info?.properties ?? [], draft.properties));
  };
  kindSelect.addEventListener('change', () => {
    draft.kind = kindSelect.value;
    renderKind();
  });
  name.addEventListener('input', () => {
    draft.name = name.value;
    if (!idEdited) id.value = draft.id = suggestEntityId(name.value);
    fields.setLocal('id', draft.id && !isEntityId(draft.id) ? 'lower-case letters, digits and dashes' : null);
  });
  id.addEventListener('input', () => {
    idEdited = id.value !== '';
    draft.id = id.value;
    fields.setLocal('id', draft.id && !isEntityId(draft.id) ? 'lower-case letters, digits and dashes' : null);
  });
  aliases.addEventListener('input', () => (draft.aliases = aliases.value));
  description.addEventListener('input', () => (draft.description = description.value));

  form.content.append(
    h('div', {}, fields.row('kind', 'Kind', kindSelect), kindHint),
    h('div', { class: 'field-grid' }, fields.row('name', 'Name', name), fields.row('id', 'Id', id, 'suggested from the name; unique across all files')),
    fields.row('aliases', 'Aliases', aliases, 'comma-separated (optional)'),
    fields.row('description', 'Description', description, 'optional'),
    propsHost,
  );
  renderKind();
  form.start((): EditRequest | string => {
    if (!draft.kind) return 'Choose a kind.';
    if (!draft.name.trim() || !draft.id.trim()) return 'Give a name (and an id).';
    const specs = kinds.find((k) => k.name === draft.kind)?.properties ?? [];
    const entity = entityInput(draft, specs);
    return {
      key: JSON.stringify(entity),
      propertyNames: (entity.properties ?? []).map((p) => p.name),
      run: async (api, options) => (await api.request(ADD_ENTITY, { entity, options })).addEntity,
    };
  });
  form.dialog.focusFirst(kind ? name : kindSelect);
  return form;
}

/** The form state of an entity, from the inspector's query (ENTITY_DETAIL). */
export function entityDraftOf(entity: EntityDetail, ontology: Ontology): EntityDraft {
  const specs = ontology.kinds.find((k) => k.name === entity.kind)?.properties ?? [];
  const properties: Record<string, string> = {};
  for (const spec of specs) {
    const value = spec.name === 'website' && entity.kind === 'Outlet' ? entity['outletWebsite'] : entity[spec.name];
    if (value === null || value === undefined) continue;
    properties[spec.name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return { id: entity.id, kind: entity.kind, name: entity.name, aliases: entity.aliases.join(', '), description: entity.description ?? '', properties };
}

/** Opens "Edit" for an entity: only what changes is sent (updateEntity). */
export function openEditEntity(context: EntityFormContext, entity: EntityDetail): EditForm {
  const form = new EditForm({
    api: context.api,
    title: `Edit ${entity.name}`,
    canWrite: context.canWrite,
    saveLabel: 'Save changes',
    onSaved: context.onSaved,
  });
  const { fields } = form;
  const initial = entityDraftOf(entity, context.ontology);
  const draft: EntityDraft = structuredClone(initial);
  const specs = context.ontology.kinds.find((k) => k.name === entity.kind)?.properties ?? [];
  const name = textInput(draft.name);
  const aliases = textInput(draft.aliases);
  const description = textArea(draft.description);
  name.addEventListener('input', () => (draft.name = name.value));
  aliases.addEventListener('input', () => (draft.aliases = aliases.value));
  description.addEventListener('input', () => (draft.description = description.value));
  form.content.append(
    h(
      'p',
      { class: 'insp-id' },
      `${entity.kind} · ${entity.id}`,
      entity.seedFile ? ` · ${entity.seedFile}${entity.seedLine ? `:${entity.seedLine}` : ''}` : '',
    ),
    fields.row('name', 'Name', name),
    fields.row('aliases', 'Aliases', aliases, 'comma-separated'),
    fields.row('description', 'Description', description),
    h('div', { class: 'field-grid' }, propertyRows(fields, specs, draft.properties)),
  );
  form.start((): EditRequest | string => {
    const patch = entityPatch(initial, draft, specs);
    if (isEmptyPatch(patch)) return 'Change a field to see the edit.';
    return {
      key: JSON.stringify(patch),
      propertyNames: (patch.properties ?? []).map((p) => p.name),
      run: async (api, options) => (await api.request(UPDATE_ENTITY, { id: entity.id, patch, options })).updateEntity,
    };
  });
  form.dialog.focusFirst(name);
  return form;
}
