/**
 * The left sidebar: totals (from `stats`), the legend of kinds — colour, shape, counts — whose
 * entries switch kinds on and off, the relation types with their counts, and the "as of"
 * controls (time-controls.ts, from `stats.earliestDate` to `latestDate`).
 */
import type { Ontology, Stats } from '../api/operations.ts';
import type { FilterState } from '../graph/filters.ts';
import { h, replaceChildren } from './dom.ts';
import { shapeSwatch } from './shape-swatch.ts';
import { TimeControls } from './time-controls.ts';

export interface ViewCounts {
  kinds: Map<string, number>;
  types: Map<string, number>;
  entities: number;
  relations: number;
}

export interface FilterSidebarOptions {
  ontology: Ontology;
  stats: Stats;
  typeColors: ReadonlyMap<string, string>;
  onChange(filters: FilterState): void;
}

export class FilterSidebar {
  private filters: FilterState = { hiddenKinds: [], hiddenTypes: [], asOf: null, hideStranded: true };
  private counts: ViewCounts = { kinds: new Map(), types: new Map(), entities: 0, relations: 0 };
  private readonly totals = h('div', { class: 'totals' });
  private readonly kindList = h('ul', { class: 'toggle-list', 'aria-label': 'Kinds' });
  private readonly typeList = h('ul', { class: 'toggle-list', 'aria-label': 'Relation types' });
  /** The "as of" controls (time-controls.ts). */
  readonly time: TimeControls;
  /** "Only contested or disputed" relations (relation-status.ts). */
  private readonly contestedToggle = h('input', { type: 'checkbox', id: 'contested-only' });

  constructor(
    private readonly host: HTMLElement,
    private readonly options: FilterSidebarOptions,
  ) {
    const { stats } = options;
    this.time = new TimeControls({ earliest: stats.earliestDate, latest: stats.latestDate, onAsOf: (asOf) => this.update({ asOf }) });

    replaceChildren(
      host,
      h('section', { class: 'panel-section', 'aria-label': 'Totals' }, h('h2', {}, 'Graph'), this.totals),
      h(
        'section',
        { class: 'panel-section', 'aria-labelledby': 'kinds-title' },
        h('h2', { id: 'kinds-title' }, 'Kinds', h('button', { class: 'link', type: 'button', onclick: () => this.update({ hiddenKinds: [] }) }, 'show all')),
        this.kindList,
      ),
      this.time.element,
      h(
        'section',
        { class: 'panel-section', 'aria-labelledby': 'types-title' },
        h(
          'h2',
          { id: 'types-title' },
          'Relations',
          h('button', { class: 'link', type: 'button', onclick: () => this.update({ hiddenTypes: [] }) }, 'show all'),
        ),
        h(
          'div',
          { class: 'date-row contested-row' },
          this.contestedToggle,
          h('label', { for: 'contested-only', title: 'Relations whose sources disagree, or that only disputing sources report' }, 'Only contested or disputed'),
        ),
        this.typeList,
      ),
    );
    this.contestedToggle.addEventListener('change', () => this.update({ contestedOnly: this.contestedToggle.checked }));
    this.render();
  }

  get state(): FilterState {
    return this.filters;
  }

  /** Shows filters set elsewhere (a shared link). */
  setFilters(filters: FilterState): void {
    this.filters = structuredClone(filters);
    this.time.show(filters.asOf);
    this.contestedToggle.checked = filters.contestedOnly === true;
    this.render();
  }

  /** Sets the date from outside (tests, shortcuts). */
  setAsOf(date: string | null): void {
    this.setFilters({ ...this.filters, asOf: date });
    this.options.onChange(this.filters);
  }

  /** Draws the legend and totals again (the ontology or the stats changed in place). */
  redraw(): void {
    this.render();
  }

  setCounts(counts: ViewCounts): void {
    this.counts = counts;
    this.render();
  }

  private update(patch: Partial<FilterState>): void {
    this.filters = { ...this.filters, ...patch };
    this.render();
    this.options.onChange(this.filters);
  }

  private toggle(list: 'hiddenKinds' | 'hiddenTypes', name: string): void {
    const set = new Set(this.filters[list]);
    if (set.has(name)) set.delete(name);
    else set.add(name);
    this.update({ [list]: [...set] });
  }

  private render(): void {
    const { ontology, stats } = this.options;
    replaceChildren(
      this.totals,
      total(this.counts.entities, `in view of ${stats.entities} entities`),
      total(this.counts.relations, `in view of ${stats.relations} relations`),
    );
    const byKind = new Map(stats.byKind.map((c) => [c.name, c.count]));
    const hiddenKinds = new Set(this.filters.hiddenKinds);
    replaceChildren(
      this.kindList,
      ontology.kinds.map((kind) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              class: 'toggle',
              type: 'button',
              'aria-pressed': hiddenKinds.has(kind.name) ? 'false' : 'true',
              title: kind.description,
              'data-kind': kind.name,
              onclick: () => this.toggle('hiddenKinds', kind.name),
            },
            shapeSwatch(kind.shape, kind.color),
            h('span', { class: 'toggle-name' }, kind.name),
            h(
              'span',
              { class: 'count', 'aria-label': `${this.counts.kinds.get(kind.name) ?? 0} in view of ${byKind.get(kind.name) ?? 0}` },
              h('b', {}, this.counts.kinds.get(kind.name) ?? 0),
              ` / ${byKind.get(kind.name) ?? 0}`,
            ),
          ),
        ),
      ),
    );
    const byType = new Map(stats.byType.map((c) => [c.name, c.count]));
    const hiddenTypes = new Set(this.filters.hiddenTypes);
    const types = [...ontology.relationTypes].sort((a, b) => (byType.get(b.name) ?? 0) - (byType.get(a.name) ?? 0));
    replaceChildren(
      this.typeList,
      types.map((type) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              class: 'toggle',
              type: 'button',
              'aria-pressed': hiddenTypes.has(type.name) ? 'false' : 'true',
              title: `${type.name}: ${type.phrase} / ${type.inverse}`,
              'data-type': type.name,
              onclick: () => this.toggle('hiddenTypes', type.name),
            },
            h('span', { class: 'type-line', 'aria-hidden': 'true', style: `background:${this.options.typeColors.get(type.name) ?? '#566175'}` }),
            h('span', { class: 'toggle-name' }, type.phrase),
            h('span', { class: 'count' }, h('b', {}, this.counts.types.get(type.name) ?? 0), ` / ${byType.get(type.name) ?? 0}`),
          ),
        ),
      ),
    );
  }
}

function total(value: number, label: string): HTMLElement {
  return h('div', { class: 'total' }, h('b', {}, value), h('span', {}, label));
}
