/**
 * The evidence part of the relation form: who said it (an existing outlet, found with the
 * entity combobox among Outlet entities, or a new outlet: id, name, website), the quote, the
 * link and the publication date.
 */
import type { GraphQLClient } from '../../api/graphql-client.ts';
import { h } from '../../ui/dom.ts';
import { EntityCombobox } from '../../ui/entity-combobox.ts';
import { suggestEntityId } from './entity-id.ts';
import { urlProblem } from './field-checks.ts';
import { textArea, textInput, type FormFields } from './form-fields.ts';
import { dateRow } from './property-fields.ts';
import type { EvidenceDraft } from './relation-draft.ts';

let counter = 0;

export interface EvidenceFieldOptions {
  api: Pick<GraphQLClient, 'request'>;
  fields: FormFields;
  evidence: EvidenceDraft;
  /** The outlet's name when one is given (editing). */
  outletName?: string;
  kindStyle(kind: string): { color: string; shape: string };
  /** Something changed (the picker does not fire input events). */
  changed(): void;
}

/** The evidence fieldset; edits `options.evidence` in place. */
export function evidenceFieldset(options: EvidenceFieldOptions): HTMLElement {
  const { fields, evidence } = options;
  const name = `outlet-mode-${++counter}`;
  const picker = new EntityCombobox({
    api: options.api,
    label: 'Outlet',
    placeholder: 'Search outlets…',
    kinds: ['Outlet'],
    keepValue: true,
    kindStyle: options.kindStyle,
    onPick: (entity) => {
      evidence.outletId = entity.id;
      options.changed();
    },
  });
  picker.input.addEventListener('input', () => {
    evidence.outletId = '';
  });
  if (evidence.outletId) {
    picker.setValue({
      id: evidence.outletId,
      kind: 'Outlet',
      name: options.outletName ?? evidence.outletId,
      aliases: [],
      description: null,
      seedFile: null,
      seedLine: null,
      degree: 0,
    });
  }

  const outletId = textInput(evidence.newOutlet.id, { placeholder: 'bbc' });
  const outletName = textInput(evidence.newOutlet.name, { placeholder: 'BBC' });
  const website = textInput(evidence.newOutlet.website, { placeholder: 'https://www.bbc.com', inputmode: 'url' });
  let idEdited = evidence.newOutlet.id !== '';
  outletName.addEventListener('input', () => {
    evidence.newOutlet.name = outletName.value;
    if (!idEdited) outletId.value = evidence.newOutlet.id = suggestEntityId(outletName.value);
  });
  outletId.addEventListener('input', () => {
    idEdited = outletId.value !== '';
    evidence.newOutlet.id = outletId.value;
  });
  website.addEventListener('input', () => {
    evidence.newOutlet.website = website.value;
    fields.setLocal('evidence.newOutlet.website', urlProblem(website.value));
  });

  const existing = h('div', { class: 'outlet-existing' }, fields.row('evidence.outlet', 'Outlet', picker.element, 'Who published it'));
  const created = h(
    'div',
    { class: 'outlet-new field-grid' },
    fields.row('evidence.newOutlet.name', 'Outlet name', outletName),
    fields.row('evidence.newOutlet.id', 'Outlet id', outletId, 'suggested from the name'),
    fields.row('evidence.newOutlet.website', 'Website', website),
  );
  const radio = (value: 'existing' | 'new', label: string) => {
    const input = h('input', { type: 'radio', name, value, checked: evidence.outletMode === value });
    input.addEventListener('change', () => {
      evidence.outletMode = value;
      show();
    });
    return h('label', { class: 'radio' }, input, ` ${label}`);
  };
  const show = () => {
    existing.hidden = evidence.outletMode !== 'existing';
    created.hidden = evidence.outletMode !== 'new';
  };
  show();

  const quote = textArea(evidence.quote, { placeholder: 'What the outlet wrote, word for word' });
  quote.addEventListener('input', () => (evidence.quote = quote.value));
  const url = textInput(evidence.url, { placeholder: 'https://…', inputmode: 'url' });
  url.addEventListener('input', () => {
    evidence.url = url.value;
    fields.setLocal('evidence.url', urlProblem(url.value));
  });

  return h(
    'fieldset',
    { class: 'evidence-fields' },
    h('legend', {}, 'Evidence (required)'),
    h('div', { class: 'radio-row', role: 'radiogroup', 'aria-label': 'Outlet' }, radio('existing', 'Existing outlet'), radio('new', 'New outlet')),
    existing,
    created,
    fields.row('evidence.quote', 'Quote', quote, 'A quote and/or a link'),
    h(
      'div',
      { class: 'field-grid' },
      fields.row('evidence.url', 'Link', url),
      dateRow(fields, 'evidence.date', 'Publication date', evidence.date, (v) => (evidence.date = v)),
    ),
  );
}
