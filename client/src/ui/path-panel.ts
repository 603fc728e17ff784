/**
 * Paths between two entities: pick both ends (search), a hop limit and optionally relation
 * types; the k shortest paths are drawn and highlighted, one or all at a time.
 */
import type { GraphQLClient } from '../api/graphql-client.ts';
import type { EntitySummary, Ontology, PathResult } from '../api/operations.ts';
import { describePath, pathSteps } from '../graph/path-steps.ts';
import { h, replaceChildren } from './dom.ts';
import { EntityCombobox } from './entity-combobox.ts';

export interface PathPanelOptions {
  api: Pick<GraphQLClient, 'request'>;
  ontology: Ontology;
  kindStyle(kind: string): { color: string; shape: string };
  isDrawn(id: string): boolean;
  find(from: string, to: string, maxHops: number, types: string[] | null): Promise<PathResult[] | undefined>;
  highlight(paths: PathResult[]): void;
  clearHighlight(): void;
  onError(error: unknown): void;
}

export class PathPanel {
  readonly element: HTMLElement;
  private readonly from: EntityCombobox;
  private readonly to: EntityCombobox;
  private readonly hops: HTMLSelectElement;
  private readonly types: HTMLElement;
  private readonly results = h('ul', { class: 'path-results', 'aria-label': 'Paths found', 'aria-live': 'polite' });
  private readonly findButton: HTMLButtonElement;
  private paths: PathResult[] = [];

  constructor(private readonly options: PathPanelOptions) {
    const common = { api: options.api, kindStyle: options.kindStyle, isDrawn: options.isDrawn, onError: options.onError, keepValue: true };
    this.from = new EntityCombobox({ ...common, label: 'Path from', placeholder: 'From… (e.g. TikTok)', onPick: () => this.to.focus() });
    // Enter in "To" (picking its entity, or on the entity picked) finds the paths.
    const findFromTo = () => {
      this.findButton.focus();
      void this.find();
    };
    this.to = new EntityCombobox({
      ...common,
      label: 'Path to',
      placeholder: 'To… (e.g. Clean Network)',
      onPick: findFromTo,
      onSubmit: findFromTo,
    });
    this.hops = h(
      'select',
      { class: 'btn', 'aria-label': 'Most hops' },
      [1, 2, 3, 4, 5, 6].map((n) => h('option', { value: n, selected: n === 4 }, `≤ ${n} hops`)),
    );
    this.types = h('div', { class: 'types' });
    this.redrawTypes();
    this.findButton = h('button', { class: 'btn primary', type: 'button', onclick: () => void this.find() }, 'Find paths');
    this.element = h(
      'section',
      { class: 'path-panel', 'aria-labelledby': 'path-title', hidden: true },
      h(
        'h2',
        { id: 'path-title' },
        'Paths',
        h('button', { class: 'btn small', type: 'button', 'aria-label': 'Close paths', onclick: () => this.close() }, '×'),
      ),
      h('label', { for: this.from.input.id }, 'From'),
      this.from.element,
      h('label', { for: this.to.input.id }, 'To'),
      this.to.element,
      h(
        'details',
        {},
        h('summary', {}, 'Relation types'),
        h(
          'div',
          { class: 'row' },
          h('button', { class: 'link', type: 'button', onclick: () => this.setAllTypes(true) }, 'all'),
          h('button', { class: 'link', type: 'button', onclick: () => this.setAllTypes(false) }, 'none'),
        ),
        this.types,
      ),
      h('div', { class: 'row' }, this.hops, this.findButton, h('button', { class: 'btn', type: 'button', onclick: () => this.clear() }, 'Clear')),
      this.results,
    );
  }

  /** Lists the ontology's relation types again (it changed in place), keeping which are unticked. */
  redrawTypes(): void {
    const off = new Set([...this.types.querySelectorAll<HTMLInputElement>('input:not(:checked)')].map((i) => i.value));
    replaceChildren(
      this.types,
      this.options.ontology.relationTypes.map((t) => h('label', {}, h('input', { type: 'checkbox', value: t.name, checked: !off.has(t.name) }), t.phrase)),
    );
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  open(end?: { which: 'from' | 'to'; entity: EntitySummary }): void {
    this.element.hidden = false;
    if (end) (end.which === 'from' ? this.from : this.to).setValue(end.entity);
    if (!this.from.value) this.from.focus();
    else if (!this.to.value) this.to.focus();
    else this.findButton.focus();
  }

  close(): void {
    this.element.hidden = true;
    this.options.clearHighlight();
  }

  toggle(): void {
    if (this.isOpen) this.close();
    else this.open();
  }

  private setAllTypes(on: boolean): void {
    this.types.querySelectorAll<HTMLInputElement>('input').forEach((i) => (i.checked = on));
  }

  private clear(): void {
    this.paths = [];
    replaceChildren(this.results);
    this.options.clearHighlight();
  }

  private async find(): Promise<void> {
    const from = this.from.value;
    const to = this.to.value;
    if (!from || !to) {
      replaceChildren(this.results, h('li', { class: 'hint' }, 'Pick both ends first.'));
      return;
    }
    const boxes = [...this.types.querySelectorAll<HTMLInputElement>('input')];
    const checked = boxes.filter((b) => b.checked).map((b) => b.value);
    if (checked.length === 0) {
      replaceChildren(this.results, h('li', { class: 'hint' }, 'Pick at least one relation type.'));
      return;
    }
    this.findButton.disabled = true;
    replaceChildren(this.results, h('li', { class: 'hint' }, 'Searching…'));
    try {
      const paths = await this.options.find(from.id, to.id, Number(this.hops.value), checked.length === boxes.length ? null : checked);
      if (!paths) {
        replaceChildren(this.results);
        return;
      }
      this.paths = paths;
      if (paths.length === 0) {
        replaceChildren(this.results, h('li', { class: 'hint' }, `No path of at most ${this.hops.value} hops.`));
        this.options.clearHighlight();
        return;
      }
      this.renderResults(-1);
      this.options.highlight(paths);
    } finally {
      this.findButton.disabled = false;
    }
  }

  private renderResults(active: number): void {
    replaceChildren(
      this.results,
      this.paths.map((p, i) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              'aria-pressed': String(active === i),
              title: describePath(p),
              onclick: () => {
                const next = active === i ? -1 : i;
                this.renderResults(next);
                this.options.highlight(next === -1 ? this.paths : [this.paths[next]!]);
              },
            },
            h('span', { class: 'hops' }, `${p.length} hop${p.length === 1 ? '' : 's'}`),
            pathInWords(p),
          ),
        ),
      ),
    );
  }
}

/** A path's entities with, between them, each relation's phrase and direction. */
function pathInWords(path: PathResult): Array<HTMLElement | string> {
  const steps = pathSteps(path);
  return path.nodes.flatMap((node, i) => {
    const step = steps[i];
    const name = h('span', { class: 'path-node' }, node.name);
    if (!step) return [name];
    return [name, h('span', { class: 'path-step' }, step.forward ? ` — ${step.phrase} → ` : ` ← ${step.phrase} — `)];
  });
}
