/**
 * The first step of "Draft from article": the text (pasted, or a .txt/.html file dropped on
 * the field or opened), and what the article itself may not say — its outlet (an Outlet
 * entity, found with the entity combobox), its date and its link — then "Draft".
 */
import type { DraftVariables } from '../../api/draft-operations.ts';
import type { GraphQLClient } from '../../api/graphql-client.ts';
import { h } from '../../ui/dom.ts';
import { EntityCombobox } from '../../ui/entity-combobox.ts';
import { urlProblem } from '../authoring/field-checks.ts';
import { FormFields, textArea, textInput } from '../authoring/form-fields.ts';
import { dateRow } from '../authoring/property-fields.ts';
import { articleTextProblem, readArticleFile } from './article-file.ts';

export interface ArticleInputOptions {
  api: Pick<GraphQLClient, 'request'>;
  kindStyle(kind: string): { color: string; shape: string };
  /** "Draft" was pressed with text that can be drafted. */
  onDraft(variables: DraftVariables): void;
}

export class ArticleInput {
  readonly element: HTMLFormElement;
  readonly fields = new FormFields();
  readonly text: HTMLTextAreaElement;
  private readonly outlet: EntityCombobox;
  private readonly url: HTMLInputElement;
  private readonly count = h('p', { class: 'field-hint', 'aria-live': 'polite' });
  private date = '';
  private readonly submit: HTMLButtonElement;

  constructor(private readonly options: ArticleInputOptions) {
    const { fields } = this;
    this.text = textArea('', { rows: '9', placeholder: 'Paste the article here, or drop a .txt or .html file on this field' });
    this.text.addEventListener('input', () => this.check());
    this.text.addEventListener('dragover', (e) => {
      e.preventDefault();
      this.text.classList.add('drop-target');
    });
    this.text.addEventListener('dragleave', () => this.text.classList.remove('drop-target'));
    this.text.addEventListener('drop', (e) => {
      e.preventDefault();
      this.text.classList.remove('drop-target');
      const file = e.dataTransfer?.files[0];
      if (file) void this.load(file);
    });
    const picker = h('input', { type: 'file', accept: '.txt,.text,.md,.html,.htm,text/plain,text/html', class: 'visually-hidden', tabindex: '-1' });
    picker.addEventListener('change', () => {
      const file = picker.files?.[0];
      if (file) void this.load(file);
      picker.value = '';
    });
    const open = h('button', { class: 'btn small', type: 'button', onclick: () => picker.click() }, 'Open a file…');
    this.outlet = new EntityCombobox({
      api: options.api,
      label: 'Outlet',
      placeholder: 'Who published it (optional)…',
      kinds: ['Outlet'],
      keepValue: true,
      kindStyle: options.kindStyle,
      onPick: () => undefined,
    });
    this.url = textInput('', { placeholder: 'https://… (optional)', inputmode: 'url' });
    this.url.addEventListener('input', () => fields.setLocal('url', urlProblem(this.url.value)));
    this.submit = h('button', { class: 'btn primary', type: 'submit' }, 'Draft');
    this.element = h(
      'form',
      { class: 'draft-input', novalidate: true },
      fields.row('text', 'Article text', this.text),
      h('div', { class: 'draft-input-row' }, this.count, open, picker),
      h(
        'div',
        { class: 'field-grid' },
        fields.row('outlet', 'Outlet', this.outlet.element, 'when the article names none'),
        dateRow(fields, 'date', 'Date', '', (v) => (this.date = v), 'YYYY-MM-DD, when the text has none'),
        fields.row('url', 'Link', this.url),
      ),
      h('div', { class: 'form-actions' }, this.submit),
    );
    this.element.addEventListener('submit', (e) => {
      e.preventDefault();
      this.go();
    });
    this.check();
  }

  /** Disables "Draft" while a draft is being made. */
  set busy(busy: boolean) {
    this.submit.disabled = busy;
    this.submit.textContent = busy ? 'Drafting…' : 'Draft';
  }

  private async load(file: File): Promise<void> {
    try {
      this.text.value = await readArticleFile(file);
      this.fields.setLocal('text', null);
      this.check();
    } catch (error) {
      this.fields.setLocal('text', error instanceof Error ? error.message : String(error));
    }
  }

  private check(): void {
    const n = this.text.value.length;
    this.count.textContent = n === 0 ? '' : `${n.toLocaleString('en')} characters`;
    const problem = articleTextProblem(this.text.value);
    // An empty field is not an error until "Draft" is pressed.
    this.fields.setLocal('text', n > 0 ? problem : null);
  }

  private go(): void {
    const problem = articleTextProblem(this.text.value);
    if (problem) {
      this.fields.setLocal('text', problem);
      this.text.focus();
      return;
    }
    if (this.fields.localProblems.length > 0) {
      this.fields.firstInvalid()?.focus();
      return;
    }
    const outlet = this.outlet.value?.id ?? null;
    const url = this.url.value.trim() || null;
    const date = this.date.trim() || null;
    this.options.onDraft({ text: this.text.value, ...(outlet ? { outlet } : {}), ...(date ? { date } : {}), ...(url ? { url } : {}) });
  }
}
