/**
 * Labelled form fields with a place for their error, keyed like diagnostic-fields.ts's form
 * keys (`to`, `evidence.quote`, `property:founded`), so the write API's complaints land at them.
 */
import { h, replaceChildren } from '../../ui/dom.ts';

let counter = 0;

/** The fields of one form, by key. */
export class FormFields {
  private readonly errors = new Map<string, HTMLElement>();
  private readonly inputs = new Map<string, HTMLElement>();
  /** Problems found in the browser (malformed dates), by key: kept apart from the server's. */
  private readonly local = new Map<string, string>();
  private server = new Map<string, string[]>();

  /** A labelled row: label, the control, a hint, and the (empty) error line. */
  row(key: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
    const id = `af-${++counter}`;
    const input = control.matches('input, select, textarea') ? control : control.querySelector<HTMLElement>('input, select, textarea');
    const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    const hintEl = hint ? h('p', { class: 'field-hint', id: `${id}-hint` }, hint) : null;
    if (input) {
      input.id ||= id;
      input.setAttribute('aria-describedby', [hintEl ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' '));
      // The combobox labels itself with aria-label; a visible label still names the others.
      if (!input.hasAttribute('aria-label')) input.setAttribute('aria-labelledby', `${id}-label`);
      this.inputs.set(key, input);
    }
    this.errors.set(key, error);
    return h('div', { class: 'field', 'data-field': key }, h('label', { id: `${id}-label`, for: input?.id ?? id }, label), control, hintEl, error);
  }

  /** Whether the form has a field for `key`. */
  has(key: string): boolean {
    return this.errors.has(key);
  }

  /** Sets (or clears, with null) a problem found in the browser. */
  setLocal(key: string, problem: string | null): void {
    if (problem) this.local.set(key, problem);
    else this.local.delete(key);
    this.render(key);
  }

  /** Whether any field has a problem found in the browser (nothing is sent then). */
  get localProblems(): string[] {
    return [...this.local.values()];
  }

  /** Replaces the server's problems, by key. */
  setServer(byField: Map<string, string[]>): void {
    const keys = new Set([...this.server.keys(), ...byField.keys()]);
    this.server = byField;
    for (const key of keys) this.render(key);
  }

  /** The first field with a problem, to focus after a refused save. */
  firstInvalid(): HTMLElement | undefined {
    for (const [key, input] of this.inputs) if (this.local.has(key) || this.server.has(key)) return input;
    return undefined;
  }

  private render(key: string): void {
    const error = this.errors.get(key);
    if (!error) return;
    const problems = [this.local.get(key), ...(this.server.get(key) ?? [])].filter((p): p is string => !!p);
    replaceChildren(error, problems.join(' · '));
    error.hidden = problems.length === 0;
    const input = this.inputs.get(key);
    if (input) input.setAttribute('aria-invalid', String(problems.length > 0));
  }
}

/** A text input. */
export function textInput(value: string, attrs: Record<string, string | boolean> = {}): HTMLInputElement {
  const input = h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', ...attrs });
  input.value = value;
  return input;
}

/** A multi-line text input. */
export function textArea(value: string, attrs: Record<string, string | boolean> = {}): HTMLTextAreaElement {
  const area = h('textarea', { rows: 3, ...attrs });
  area.value = value;
  return area;
}

/** A select with (value, label) options. */
export function selectInput(options: ReadonlyArray<[string, string]>, value: string): HTMLSelectElement {
  const select = h(
    'select',
    {},
    options.map(([v, label]) => h('option', { value: v }, label)),
  );
  select.value = value;
  return select;
}
