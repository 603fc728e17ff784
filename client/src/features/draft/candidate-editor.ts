/**
 * "Edit" on a candidate: its ends (any entity of the draft, or one searched in the graph with
 * the entity combobox), Swap, the relation types the ontology allows for those ends (in either
 * direction, as the relation form offers them), the type's properties, since/until, confidence
 * and the evidence (the authoring forms' evidence fieldset: outlet, quote, link, date). Edits
 * the candidate's relation in place and says so through `changed`.
 */
import type { GraphQLClient } from '../../api/graphql-client.ts';
import type { Confidence, Ontology, RelationTypeInfo } from '../../api/operations.ts';
import { h, replaceChildren } from '../../ui/dom.ts';
import { EntityCombobox } from '../../ui/entity-combobox.ts';
import { evidenceFieldset } from '../authoring/evidence-fields.ts';
import { FormFields, selectInput } from '../authoring/form-fields.ts';
import { dateRow, propertyRows } from '../authoring/property-fields.ts';
import { fittingRelationTypes } from '../authoring/relation-types-fit.ts';
import type { DraftEntities } from './draft-entities.ts';
import type { CandidateReview } from './draft-review.ts';

export interface CandidateEditorContext {
  api: Pick<GraphQLClient, 'request'>;
  ontology: Ontology;
  entities: DraftEntities;
  kindStyle(kind: string): { color: string; shape: string };
  changed(): void;
}

const CONFIDENCES: ReadonlyArray<[Confidence | '', string]> = [
  ['', 'default (high)'],
  ['HIGH', 'high'],
  ['MEDIUM', 'medium'],
  ['LOW', 'low'],
];

/** The relation types that join the two ends, this way round (`f:`) and the other way (`r:`). */
export function typeChoices(
  types: readonly RelationTypeInfo[],
  fromKind: string | null,
  toKind: string | null,
): Array<{ value: string; type: RelationTypeInfo }> {
  if (!fromKind || !toKind) return types.map((type) => ({ value: `f:${type.name}`, type }));
  return fittingRelationTypes(types, fromKind, toKind).map((f) => ({ value: `${f.direction === 'forward' ? 'f' : 'r'}:${f.type.name}`, type: f.type }));
}

export class CandidateEditor {
  readonly element: HTMLElement;
  readonly fields = new FormFields();
  private readonly typeSelect = h('select', {});
  private readonly fromSelect = h('select', {});
  private readonly toSelect = h('select', {});
  private readonly propsHost = h('div', { class: 'field-grid' });
  private propsOf: string | null = null;

  constructor(
    private readonly c: CandidateReview,
    private readonly context: CandidateEditorContext,
  ) {
    const r = c.relation;
    this.fromSelect.addEventListener('change', () => this.setEnd('from', this.fromSelect.value));
    this.toSelect.addEventListener('change', () => this.setEnd('to', this.toSelect.value));
    this.typeSelect.addEventListener('change', () => {
      const [dir, name] = this.typeSelect.value.split(':');
      if (!name) return;
      if (dir === 'r') [r.from, r.to] = [r.to, r.from];
      r.type = name;
      this.refresh();
    });
    const swap = h('button', { class: 'btn small', type: 'button', title: 'Turn the relation round' }, 'Swap ⇄');
    swap.addEventListener('click', () => {
      [r.from, r.to] = [r.to, r.from];
      this.refresh();
    });
    const search = new EntityCombobox({
      api: context.api,
      label: 'Search the graph for an end',
      placeholder: 'Another entity from the graph…',
      kindStyle: context.kindStyle,
      onPick: (entity) => {
        context.entities.remember(entity);
        // It becomes the "To" end; Swap turns it round.
        this.setEnd('to', entity.id);
      },
    });
    const confidence = selectInput(CONFIDENCES, r.confidence);
    confidence.addEventListener('change', () => {
      r.confidence = confidence.value as Confidence | '';
      context.changed();
    });
    const outlet = r.evidence.outletId ? context.entities.name(r.evidence.outletId) : undefined;
    const { fields } = this;
    this.element = h(
      'div',
      { class: 'cand-editor' },
      h('div', { class: 'field-grid' }, fields.row('from', 'From', this.fromSelect), fields.row('to', 'To', this.toSelect)),
      h('div', { class: 'type-row' }, fields.row('type', 'Relation', this.typeSelect), swap),
      fields.row('search', 'Or an entity from the graph (becomes “To”)', search.element),
      this.propsHost,
      h(
        'div',
        { class: 'field-grid' },
        dateRow(fields, 'since', 'Since', r.since, (v) => (r.since = v), 'optional'),
        dateRow(fields, 'until', 'Until', r.until, (v) => (r.until = v), 'optional'),
        fields.row('confidence', 'Confidence', confidence),
      ),
      evidenceFieldset({
        api: context.api,
        fields,
        evidence: r.evidence,
        ...(outlet ? { outletName: outlet } : {}),
        kindStyle: context.kindStyle,
        changed: () => context.changed(),
      }),
    );
    // Text fields edit the draft as they are typed; the review hears of it on each input.
    this.element.addEventListener('input', () => context.changed());
    this.refresh(false);
  }

  private setEnd(end: 'from' | 'to', ref: string): void {
    if (!ref) return;
    this.c.relation[end] = ref;
    this.refresh();
  }

  /** Redraws the end pickers and the type choices for the ends as they are now. */
  private refresh(notify = true): void {
    const r = this.c.relation;
    const { entities, ontology } = this.context;
    const options = entities.options();
    for (const [select, ref] of [
      [this.fromSelect, r.from],
      [this.toSelect, r.to],
    ] as const) {
      const listed = options.some((o) => o.ref === ref) ? options : [...options, { ref, label: entities.name(ref) }];
      replaceChildren(
        select,
        listed.map((o) => h('option', { value: o.ref }, o.label)),
      );
      select.value = ref;
    }
    const choices = typeChoices(ontology.relationTypes, entities.kind(r.from), entities.kind(r.to));
    const from = entities.name(r.from);
    const to = entities.name(r.to);
    replaceChildren(
      this.typeSelect,
      h('option', { value: '' }, choices.length > 0 ? 'Choose a relation type…' : 'No relation type joins these two kinds'),
      choices.map(({ value, type }) => h('option', { value }, value.startsWith('r:') ? `${to} ${type.phrase} ${from}` : `${from} ${type.phrase} ${to}`)),
    );
    this.typeSelect.value = choices.some((ch) => ch.value === `f:${r.type}`) ? `f:${r.type}` : '';
    if (!this.typeSelect.value)
      this.fields.setLocal(
        'type',
        `${r.type || 'This type'} does not join a ${entities.kind(r.from) ?? '?'} and a ${entities.kind(r.to) ?? '?'}: choose another or change the ends`,
      );
    else this.fields.setLocal('type', null);
    if (this.propsOf !== r.type) {
      // The old type's fields go, and with them their problems (a required one left empty).
      for (const spec of ontology.relationTypes.find((t) => t.name === this.propsOf)?.properties ?? []) this.fields.setLocal(`property:${spec.name}`, null);
      // The first time they are the draft's (a role the text gives); a new type starts empty.
      if (this.propsOf !== null) r.properties = {};
      this.propsOf = r.type;
      const specs = ontology.relationTypes.find((t) => t.name === r.type)?.properties ?? [];
      replaceChildren(this.propsHost, propertyRows(this.fields, specs, r.properties));
    }
    if (notify) this.context.changed();
  }
}
