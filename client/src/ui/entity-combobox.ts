/**
 * An ARIA 1.2 combobox that searches entities as you type (the `search` query): arrows move
 * through the suggestions, Enter picks, Escape closes (or clears), results show kind and
 * whether the entity is already drawn.
 */
import type { GraphQLClient } from '../api/graphql-client.ts';
import { SEARCH, type EntitySummary } from '../api/operations.ts';
import { h, replaceChildren } from './dom.ts';
import { shapeSwatch } from './shape-swatch.ts';

let counter = 0;

/** The most characters the `search` query takes (`text: give 1 to 200 characters`). */
export const SEARCH_MAX_LENGTH = 200;

export interface ComboboxOptions {
  api: Pick<GraphQLClient, 'request'>;
  label: string;
  placeholder: string;
  kindStyle(kind: string): { color: string; shape: string };
  isDrawn?(id: string): boolean;
  onPick(entity: EntitySummary): void;
  onError?(error: unknown): void;
  /** Enter in the field when its value is picked and no list is open (a form's submit). */
  onSubmit?(): void;
  /** A search answered (its earlier failure, if any, is stale now). */
  onResults?(): void;
  /** Keep the picked name in the field (path ends) instead of clearing it. @default false */
  keepValue?: boolean;
  /** Search only these kinds (the evidence's outlet picker: Outlet). @default every kind */
  kinds?: string[];
}

export class EntityCombobox {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private hits: EntitySummary[] = [];
  private active = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private request = 0;
  private picked: EntitySummary | null = null;
  private readonly limitNote: HTMLElement;

  constructor(private readonly options: ComboboxOptions) {
    const id = `combo-${++counter}`;
    this.input = h('input', {
      type: 'search',
      id: `${id}-input`,
      role: 'combobox',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': `${id}-list`,
      'aria-label': options.label,
      placeholder: options.placeholder,
      autocomplete: 'off',
      spellcheck: 'false',
      maxlength: SEARCH_MAX_LENGTH,
    });
    this.limitNote = h('p', { id: `${id}-limit`, class: 'combobox-limit', role: 'status', hidden: true });
    this.input.setAttribute('aria-describedby', this.limitNote.id);
    this.list = h('ul', { id: `${id}-list`, role: 'listbox', 'aria-label': `${options.label} suggestions`, hidden: true });
    this.element = h('div', { class: 'combobox' }, h('span', { class: 'search-icon', 'aria-hidden': 'true' }, '⌕'), this.input, this.limitNote, this.list);

    this.input.addEventListener('input', () => {
      this.picked = null;
      this.schedule();
    });
    this.input.addEventListener('keydown', (e) => this.onKey(e));
    this.input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
    this.input.addEventListener('focus', () => {
      if (this.hits.length > 0 && this.input.value.trim()) this.open();
    });
  }

  /** The entity picked, for fields that keep their value. */
  get value(): EntitySummary | null {
    return this.picked;
  }

  setValue(entity: EntitySummary | null): void {
    this.picked = entity;
    this.input.value = entity?.name ?? '';
  }

  focus(): void {
    this.input.focus();
    this.input.select();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    // maxlength stops typing and pasting; a value set by a script may still be longer.
    if (this.input.value.length > SEARCH_MAX_LENGTH) this.input.value = this.input.value.slice(0, SEARCH_MAX_LENGTH);
    const atLimit = this.input.value.length >= SEARCH_MAX_LENGTH;
    this.limitNote.hidden = !atLimit;
    this.limitNote.textContent = atLimit ? `Search text is limited to ${SEARCH_MAX_LENGTH} characters; the rest was left out.` : '';
    const text = this.input.value.trim();
    if (!text) {
      this.hits = [];
      this.close();
      return;
    }
    this.timer = setTimeout(() => void this.search(text), 140);
  }

  private async search(text: string): Promise<void> {
    const ticket = ++this.request;
    this.input.setAttribute('aria-busy', 'true');
    try {
      const { search } = await this.options.api.request(SEARCH, { text, first: 10, ...(this.options.kinds ? { kinds: this.options.kinds } : {}) });
      if (ticket !== this.request) return;
      this.options.onResults?.();
      this.hits = search.map((s) => s.entity);
      this.active = this.hits.length > 0 ? 0 : -1;
      this.render(text);
      this.open();
    } catch (error) {
      if (ticket === this.request) this.options.onError?.(error);
    } finally {
      if (ticket === this.request) this.input.removeAttribute('aria-busy');
    }
  }

  private render(text: string): void {
    if (this.hits.length === 0) {
      replaceChildren(this.list, h('li', { class: 'empty', role: 'presentation' }, `No entity matches “${text}”.`));
      this.input.removeAttribute('aria-activedescendant');
      return;
    }
    replaceChildren(
      this.list,
      this.hits.map((entity, i) => {
        const style = this.options.kindStyle(entity.kind);
        const option = h(
          'li',
          {
            id: `${this.list.id}-${i}`,
            role: 'option',
            'aria-selected': i === this.active ? 'true' : 'false',
            'data-id': entity.id,
          },
          shapeSwatch(style.shape, style.color),
          h('span', { class: 'opt-name' }, ...highlight(entity.name, text)),
          this.options.isDrawn?.(entity.id) ? h('span', { class: 'opt-note' }, 'in view') : null,
          h('span', { class: 'opt-kind' }, entity.kind),
        );
        option.addEventListener('mousedown', (e) => {
          e.preventDefault();
          this.pick(i);
        });
        return option;
      }),
    );
    this.syncActive();
  }

  private onKey(e: KeyboardEvent): void {
    const open = !this.list.hidden;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open && this.hits.length > 0) this.open();
        else this.move(1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        this.move(-1);
        break;
      case 'Home':
        if (open) {
          e.preventDefault();
          this.active = 0;
          this.syncActive();
        }
        break;
      case 'End':
        if (open) {
          e.preventDefault();
          this.active = this.hits.length - 1;
          this.syncActive();
        }
        break;
      case 'Enter':
        e.preventDefault();
        if (open && this.active >= 0) this.pick(this.active);
        else if (this.picked && this.input.value === this.picked.name && this.options.onSubmit) this.options.onSubmit();
        else if (this.input.value.trim()) void this.search(this.input.value.trim());
        break;
      case 'Escape':
        e.preventDefault();
        e.stopPropagation();
        if (open) this.close();
        else if (this.input.value) this.input.value = '';
        else this.input.blur();
        break;
    }
  }

  private move(delta: number): void {
    if (this.hits.length === 0) return;
    this.active = (this.active + delta + this.hits.length) % this.hits.length;
    this.syncActive();
  }

  private syncActive(): void {
    [...this.list.children].forEach((li, i) => li.setAttribute('aria-selected', i === this.active ? 'true' : 'false'));
    const current = this.list.children[this.active] as HTMLElement | undefined;
    if (current?.id) {
      this.input.setAttribute('aria-activedescendant', current.id);
      current.scrollIntoView({ block: 'nearest' });
    }
  }

  private pick(index: number): void {
    const entity = this.hits[index];
    if (!entity) return;
    this.close();
    if (this.options.keepValue) this.setValue(entity);
    else this.input.value = '';
    this.options.onPick(entity);
  }

  private open(): void {
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  }

  private close(): void {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }
}

/** Splits `name` around the first case-insensitive match of `text`, the match in <mark>. */
function highlight(name: string, text: string): Array<string | HTMLElement> {
  const i = name.toLowerCase().indexOf(text.toLowerCase());
  if (i < 0 || !text) return [name];
  return [name.slice(0, i), h('mark', {}, name.slice(i, i + text.length)), name.slice(i + text.length)];
}
