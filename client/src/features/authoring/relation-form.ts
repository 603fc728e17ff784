/**
 * The relation form, for adding ("Add relation" from an entity, or a drawn edge) and editing.
 * Adding: the two ends (the second picked with the entity combobox when not given), the
 * relation types that fit their kinds in either direction (choosing one of the other direction,
 * or "Swap", turns the ends round), the type's properties, since/until, confidence and the
 * evidence. Editing: the ends and type stay; the rest is prefilled and only changes are sent.
 */
import { ADD_RELATION, UPDATE_RELATION, type SeedEdit } from '../../api/authoring-operations.ts';
import type { GraphQLClient } from '../../api/graphql-client.ts';
import type { Confidence, Ontology, RelationTypeInfo } from '../../api/operations.ts';
import type { CachedRelation } from '../../graph/entity-cache.ts';
import { h, replaceChildren } from '../../ui/dom.ts';
import { EntityCombobox } from '../../ui/entity-combobox.ts';
import { EditForm } from './edit-form.ts';
import type { EditRequest } from './edit-session.ts';
import { evidenceFieldset } from './evidence-fields.ts';
import { selectInput } from './form-fields.ts';
import { dateRow, propertyRows } from './property-fields.ts';
import { emptyEvidence, isEmptyPatch, propertyInputs, relationInput, relationPatch, type RelationDraft } from './relation-draft.ts';
import { fittingRelationTypes } from './relation-types-fit.ts';

/** An end of the relation, as the form names it. */
export interface RelationEnd {
  id: string;
  kind: string;
  name: string;
}

export interface RelationFormContext {
  api: Pick<GraphQLClient, 'request'>;
  ontology: Ontology;
  canWrite: boolean;
  kindStyle(kind: string): { color: string; shape: string };
  /** An entity the client knows, by id. */
  entity(id: string): RelationEnd | undefined;
  onSaved(edit: SeedEdit): void;
}

const CONFIDENCES: ReadonlyArray<[Confidence | '', string]> = [
  ['', 'default (high)'],
  ['HIGH', 'high'],
  ['MEDIUM', 'medium'],
  ['LOW', 'low'],
];

/** Opens the form to add a relation from `from` (to `to`, when drawn between two entities). */
export function openAddRelation(context: RelationFormContext, from: RelationEnd, to?: RelationEnd): EditForm {
  const form = new EditForm({ api: context.api, title: 'Add relation', canWrite: context.canWrite, saveLabel: 'Save relation', onSaved: context.onSaved });
  const draft: RelationDraft = { from: from.id, type: '', to: to?.id ?? '', since: '', until: '', confidence: '', properties: {}, evidence: emptyEvidence() };
  const ends: { first: RelationEnd; second: RelationEnd | undefined; swapped: boolean } = { first: from, second: to, swapped: false };
  const { fields } = form;

  const typeSelect = h('select', {});
  const swap = h('button', { class: 'btn small', type: 'button', title: 'Turn the relation round' }, 'Swap ⇄');
  const claim = h('p', { class: 'claim', 'aria-live': 'polite' });
  const propsHost = h('div', { class: 'field-grid' });
  const secondPicker = new EntityCombobox({
    api: context.api,
    label: 'Other entity',
    placeholder: 'Search the entity it relates to…',
    keepValue: true,
    kindStyle: context.kindStyle,
    onPick: (entity) => {
      ends.second = { id: entity.id, kind: entity.kind, name: entity.name };
      refreshTypes();
      form.changed();
    },
  });
  if (to) secondPicker.setValue({ id: to.id, kind: to.kind, name: to.name, aliases: [], description: null, seedFile: null, seedLine: null, degree: 0 });

  const current = () => {
    const a = ends.swapped ? ends.second : ends.first;
    const b = ends.swapped ? ends.first : ends.second;
    return { fromEnd: a, toEnd: b };
  };
  const typeInfo = (): RelationTypeInfo | undefined => context.ontology.relationTypes.find((t) => t.name === draft.type);

  // The options: every fitting type, this way round first, then the other way (choosing one swaps).
  const refreshTypes = () => {
    const second = ends.second;
    if (!second) {
      replaceChildren(typeSelect, h('option', { value: '' }, 'Pick the other entity first'));
      typeSelect.disabled = true;
      draft.type = '';
      renderClaim();
      return;
    }
    const fits = fittingRelationTypes(context.ontology.relationTypes, ends.first.kind, second.kind);
    const option = (t: RelationTypeInfo, reverse: boolean) => {
      const [a, b] = reverse ? [second, ends.first] : [ends.first, second];
      return h('option', { value: `${reverse ? 'r' : 'f'}:${t.name}` }, `${a.name} ${t.phrase} ${b.name}`);
    };
    const forward = fits.filter((f) => f.direction === 'forward');
    const reverse = fits.filter((f) => f.direction === 'reverse');
    replaceChildren(
      typeSelect,
      h('option', { value: '' }, fits.length > 0 ? 'Choose a relation type…' : `No relation type joins a ${ends.first.kind} and a ${second.kind}`),
      forward.length > 0
        ? h(
            'optgroup',
            { label: `${ends.first.name} → ${second.name}` },
            forward.map((f) => option(f.type, false)),
          )
        : null,
      reverse.length > 0
        ? h(
            'optgroup',
            { label: `${second.name} → ${ends.first.name}` },
            reverse.map((f) => option(f.type, true)),
          )
        : null,
    );
    typeSelect.disabled = fits.length === 0;
    const keep = draft.type ? `${ends.swapped ? 'r' : 'f'}:${draft.type}` : '';
    typeSelect.value = [...typeSelect.options].some((o) => o.value === keep) ? keep : '';
    if (!typeSelect.value) draft.type = '';
    swap.disabled = !(draft.type && fits.some((f) => f.type.name === draft.type && f.direction === (ends.swapped ? 'forward' : 'reverse')));
    renderProps();
    renderClaim();
  };

  let propsOf: string | null = null;
  const renderProps = () => {
    // The properties stay as typed while the type does (swapping the ends keeps them).
    if (propsOf === draft.type) return;
    propsOf = draft.type;
    draft.properties = {};
    replaceChildren(propsHost, propertyRows(fields, typeInfo()?.properties ?? [], draft.properties));
  };
  const renderClaim = () => {
    const { fromEnd, toEnd } = current();
    const t = typeInfo();
    replaceChildren(
      claim,
      t && fromEnd && toEnd ? h('strong', {}, `${fromEnd.name} ${t.phrase} ${toEnd.name}`) : 'Choose the other entity and the relation type.',
    );
  };

  typeSelect.addEventListener('change', () => {
    const [dir, name] = typeSelect.value.split(':');
    draft.type = name ?? '';
    ends.swapped = dir === 'r';
    refreshTypes();
  });
  swap.addEventListener('click', () => {
    ends.swapped = !ends.swapped;
    refreshTypes();
    form.changed();
  });

  const confidence = selectInput(CONFIDENCES, '');
  confidence.addEventListener('change', () => (draft.confidence = confidence.value as Confidence | ''));

  form.content.append(
    h('p', { class: 'form-lead' }, 'From ', h('strong', {}, from.name), ` (${from.kind})`),
    to ? h('p', { class: 'form-lead' }, 'To ', h('strong', {}, to.name), ` (${to.kind})`) : fields.row('to', 'Other entity', secondPicker.element),
    h('div', { class: 'type-row' }, fields.row('type', 'Relation', typeSelect), swap),
    claim,
    propsHost,
    h(
      'div',
      { class: 'field-grid' },
      dateRow(fields, 'since', 'Since', '', (v) => (draft.since = v), 'when it began (optional)'),
      dateRow(fields, 'until', 'Until', '', (v) => (draft.until = v), 'when it ended (optional)'),
      fields.row('confidence', 'Confidence', confidence),
    ),
    evidenceFieldset({ api: context.api, fields, evidence: draft.evidence, kindStyle: context.kindStyle, changed: () => form.changed() }),
  );
  refreshTypes();

  form.start((): EditRequest | string => {
    const { fromEnd, toEnd } = current();
    if (!fromEnd || !toEnd) return 'Pick the entity the relation goes to.';
    if (!draft.type) return 'Choose the relation type.';
    const specs = typeInfo()?.properties ?? [];
    const relation = relationInput({ ...draft, from: fromEnd.id, to: toEnd.id }, specs);
    return {
      key: JSON.stringify(relation),
      propertyNames: (relation.properties ?? []).map((p) => p.name),
      run: async (api, options) => (await api.request(ADD_RELATION, { relation, options })).addRelation,
    };
  });
  form.dialog.focusFirst(to ? typeSelect : secondPicker.input);
  return form;
}

/** The form state of an existing relation, from what the client knows of it. */
export function relationDraftOf(r: CachedRelation): RelationDraft {
  const first = r.evidence[0];
  return {
    from: r.from.id,
    type: r.type,
    to: r.to.id,
    since: r.since ?? '',
    until: r.until ?? '',
    confidence: r.confidence,
    properties: Object.fromEntries(r.properties.map((p) => [p.name, p.value])),
    evidence: {
      ...emptyEvidence(),
      outletId: first?.outlet.id ?? '',
      quote: first?.quote ?? '',
      url: first?.url ?? '',
      date: first?.publishedAt ?? '',
    },
  };
}

/** Opens the form to edit relation `r`: only what changes is sent (updateRelation). */
export function openEditRelation(context: RelationFormContext, r: CachedRelation): EditForm {
  const form = new EditForm({ api: context.api, title: 'Edit relation', canWrite: context.canWrite, saveLabel: 'Save changes', onSaved: context.onSaved });
  const initial = relationDraftOf(r);
  const draft: RelationDraft = structuredClone(initial);
  const { fields } = form;
  const type = context.ontology.relationTypes.find((t) => t.name === r.type);
  const specs = type?.properties ?? [];
  const name = (id: string) => context.entity(id)?.name ?? id;
  const confidence = selectInput(CONFIDENCES, draft.confidence);
  confidence.addEventListener('change', () => (draft.confidence = confidence.value as Confidence | ''));
  form.content.append(
    h('p', { class: 'claim' }, h('strong', {}, `${name(r.from.id)} ${r.phrase} ${name(r.to.id)}`)),
    h('p', { class: 'insp-id' }, r.id, r.seedFile ? ` · ${r.seedFile}${r.seedLine ? `:${r.seedLine}` : ''}` : ''),
    h('div', { class: 'field-grid' }, propertyRows(fields, specs, draft.properties)),
    h(
      'div',
      { class: 'field-grid' },
      dateRow(fields, 'since', 'Since', draft.since, (v) => (draft.since = v)),
      dateRow(fields, 'until', 'Until', draft.until, (v) => (draft.until = v)),
      fields.row('confidence', 'Confidence', confidence),
    ),
    r.evidence.length > 1
      ? h('p', { class: 'hint' }, `This relation cites ${r.evidence.length} pieces of evidence; the form shows the first. Changing it replaces them all.`)
      : '',
    evidenceFieldset({
      api: context.api,
      fields,
      evidence: draft.evidence,
      ...(r.evidence[0] ? { outletName: r.evidence[0].outlet.name } : {}),
      kindStyle: context.kindStyle,
      changed: () => form.changed(),
    }),
  );
  form.start((): EditRequest | string => {
    const patch = relationPatch(initial, draft, specs);
    if (isEmptyPatch(patch)) return 'Change a field to see the edit.';
    return {
      key: JSON.stringify(patch),
      propertyNames: (patch.properties ?? propertyInputs(specs, draft.properties)).map((p) => p.name),
      run: async (api, options) => (await api.request(UPDATE_RELATION, { id: r.id, patch, options })).updateRelation,
    };
  });
  form.dialog.focusFirst();
  return form;
}
