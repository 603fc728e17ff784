/**
 * A proposed new entity in the review: the mentions it came from, its guessed kind and the id
 * suggested for it, all editable (kind, name, id, the kind's typed properties, as the entity
 * form has them), and whether to add it: when an accepted relation uses it (the default),
 * always, or not at all.
 */
import type { Ontology } from '../../api/operations.ts';
import { h, replaceChildren } from '../../ui/dom.ts';
import { problemList, showProblems } from './card-problems.ts';
import { isEntityId } from '../authoring/entity-id.ts';
import { FormFields, selectInput, textInput } from '../authoring/form-fields.ts';
import { propertyRows } from '../authoring/property-fields.ts';
import type { DraftFields } from './draft-fields.ts';
import type { DraftReview, EntityDecision, EntityReview } from './draft-review.ts';

export interface EntityCardContext {
  review: DraftReview;
  ontology: Ontology;
  draftFields: DraftFields;
}

const DECISIONS: ReadonlyArray<[EntityDecision, string]> = [
  ['auto', 'Add if an accepted relation uses it'],
  ['accepted', 'Add'],
  ['rejected', 'Do not add'],
];

export class EntityCard {
  readonly element: HTMLLIElement;
  readonly fields = new FormFields();
  private readonly title = h('strong', { class: 'ent-name' });
  private readonly status = h('span', { class: 'cand-status' });
  private readonly problems = problemList();
  private readonly propsHost = h('div', { class: 'field-grid' });
  private readonly dropFields: () => void;
  private propsOf: string | null = null;

  constructor(
    readonly e: EntityReview,
    private readonly context: EntityCardContext,
  ) {
    const { review, ontology } = context;
    const { entity, proposal } = e;
    const fields = this.fields;
    const decision = selectInput(DECISIONS, e.decision);
    decision.addEventListener('change', () => review.decideEntity(proposal.id, decision.value as EntityDecision));
    const kind = selectInput([['', 'Choose a kind…'], ...ontology.kinds.map((k): [string, string] => [k.name, k.name])], entity.kind);
    kind.addEventListener('change', () => {
      entity.kind = kind.value;
      this.renderProps();
      review.changed();
    });
    const name = textInput(entity.name);
    name.addEventListener('input', () => {
      entity.name = name.value;
      review.changed();
    });
    const id = textInput(entity.id);
    id.addEventListener('input', () => {
      entity.id = id.value;
      fields.setLocal('id', entity.id && !isEntityId(entity.id.trim()) ? 'lower-case letters, digits and dashes' : null);
      review.changed();
    });
    const mentions = proposal.mentions.map((i) => review.draft.mentions[i]?.text).filter((t): t is string => !!t);
    const details = h(
      'details',
      { class: 'ent-fields' },
      h('summary', {}, 'Edit id, kind, name, properties'),
      h(
        'div',
        { class: 'field-grid' },
        fields.row('kind', 'Kind', kind),
        fields.row('name', 'Name', name),
        fields.row('id', 'Id', id, 'unique across all files'),
      ),
      this.propsHost,
    );
    details.addEventListener('input', () => review.changed());
    this.element = h(
      'li',
      { class: 'draft-entity', 'data-entity': proposal.id },
      h(
        'div',
        { class: 'cand-head' },
        this.title,
        h('span', { class: 'cand-confidence', title: `confidence ${proposal.confidence.toFixed(2)}` }, proposal.confidence.toFixed(2)),
        this.status,
      ),
      mentions.length > 0
        ? h(
            'p',
            { class: 'cand-meta' },
            'Mentioned as ',
            [...new Set(mentions)].flatMap((m, i) => [i > 0 ? ', ' : '', h('q', {}, m)]),
          )
        : null,
      this.problems,
      h('div', { class: 'cand-actions' }, fields.row('decision', 'Add it?', decision)),
      details,
    );
    this.dropFields = context.draftFields.addEditor(fields, () => review.includedEntities().includes(e));
    this.renderProps();
    this.update();
  }

  update(): void {
    const { e } = this;
    replaceChildren(this.title, `${e.entity.name || e.entity.id} (${e.entity.kind || '?'})`);
    const added = this.context.review.includedEntities().includes(e);
    replaceChildren(this.status, added ? 'will be added' : 'not added');
    this.element.classList.toggle('accepted', added);
  }

  setProblems(messages: readonly string[]): void {
    showProblems(this.problems, messages);
  }

  dispose(): void {
    this.dropFields();
  }

  private renderProps(): void {
    const { entity } = this.e;
    if (this.propsOf === entity.kind) return;
    const kinds = this.context.ontology.kinds;
    for (const spec of kinds.find((k) => k.name === this.propsOf)?.properties ?? []) this.fields.setLocal(`property:${spec.name}`, null);
    this.propsOf = entity.kind;
    // Properties the draft guessed (an Official's office) stay when the new kind has them.
    const specs = kinds.find((k) => k.name === entity.kind)?.properties ?? [];
    const kept: Record<string, string> = {};
    for (const spec of specs) if (entity.properties[spec.name] !== undefined) kept[spec.name] = entity.properties[spec.name]!;
    entity.properties = kept;
    replaceChildren(this.propsHost, propertyRows(this.fields, specs, entity.properties));
  }
}
