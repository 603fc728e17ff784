/**
 * The left sidebar: totals (from `stats`), the legend of kinds — colour, shape, counts — whose
 * entries switch kinds on and off, the relation types with their counts, and the "as of" date
 * slider (from `stats.earliestDate` to `latestDate`).
 */
import type { Ontology, Stats } from '../api/operations.ts';
import { fromDayNumber, toDayNumber } from '../graph/as-of-date.ts';
import type { FilterState } from '../graph/filters.ts';
import { h, replaceChildren } from './dom.ts';
import { shapeSwatch } from './shape-swatch.ts';

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
  private readonly dateSection: HTMLElement;
  private readonly slider: HTMLInputElement;
  private readonly dateToggle: HTMLInputElement;
  private readonly output: HTMLOutputElement;
  private readonly playButton: HTMLButtonElement;
  /** "Only contested or disputed" relations (relation-status.ts). */
  private readonly contestedToggle = h('input', { type: 'checkbox', id: 'contested-only' });
  private playTimer: ReturnType<typeof setInterval> | undefined;
  private readonly minDay: number;
  private readonly maxDay: number;

  constructor(
    private readonly host: HTMLElement,
    private readonly options: FilterSidebarOptions,
  ) {
    const { stats } = options;
    this.minDay = toDayNumber(stats.earliestDate ?? '2000-01-01');
    this.maxDay = toDayNumber(stats.latestDate ?? new Date().toISOString().slice(0, 10));
    this.slider = h('input', {
      type: 'range',
      id: 'as-of-slider',
      min: this.minDay,
      max: this.maxDay,
      step: 1,
      value: this.maxDay,
      'aria-label': 'As of date',
      disabled: true,
    });
    this.output = h('output', { for: 'as-of-slider', id: 'as-of-output' }, 'all dates');
    this.dateToggle = h('input', { type: 'checkbox', id: 'as-of-toggle' });
    this.playButton = h(
      'button',
      { class: 'btn small', type: 'button', 'aria-pressed': 'false', title: 'Play: step through time a month at a time', onclick: () => this.togglePlay() },
      '▶ Play',
    );
    this.dateSection = h(
      'section',
      { class: 'panel-section date-filter', 'data-active': 'false', 'aria-labelledby': 'date-title' },
      h('h2', { id: 'date-title' }, 'As of'),
      h('div', { class: 'date-row' }, this.dateToggle, h('label', { for: 'as-of-toggle' }, 'Only relations in force on'), this.output),
      this.slider,
      h('div', { class: 'bounds' }, h('span', {}, stats.earliestDate ?? ''), this.playButton, h('span', {}, stats.latestDate ?? '')),
      h('p', { class: 'hint' }, 'Hides relations that started later or had ended by then.'),
    );

    this.dateToggle.addEventListener('change', () => {
      if (!this.dateToggle.checked) this.stopPlay();
      this.slider.disabled = !this.dateToggle.checked;
      this.update({ asOf: this.dateToggle.checked ? fromDayNumber(Number(this.slider.value)) : null });
    });
    this.slider.addEventListener('input', () => {
      this.output.textContent = fromDayNumber(Number(this.slider.value));
    });
    this.slider.addEventListener('change', () => this.update({ asOf: fromDayNumber(Number(this.slider.value)) }));
    // Arrow keys on the slider step by a day; PageUp/PageDown by a month.
    this.slider.addEventListener('keydown', (e) => {
      if (e.key === 'PageUp' || e.key === 'PageDown') {
        e.preventDefault();
        const v = Number(this.slider.value) + (e.key === 'PageUp' ? 30 : -30);
        this.slider.value = String(Math.min(this.maxDay, Math.max(this.minDay, v)));
        this.update({ asOf: fromDayNumber(Number(this.slider.value)) });
      }
    });

    replaceChildren(
      host,
      h('section', { class: 'panel-section', 'aria-label': 'Totals' }, h('h2', {}, 'Graph'), this.totals),
      h(
        'section',
        { class: 'panel-section', 'aria-labelledby': 'kinds-title' },
        h('h2', { id: 'kinds-title' }, 'Kinds', h('button', { class: 'link', type: 'button', onclick: () => this.update({ hiddenKinds: [] }) }, 'show all')),
        this.kindList,
      ),
      this.dateSection,
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
    this.dateToggle.checked = filters.asOf !== null;
    this.contestedToggle.checked = filters.contestedOnly === true;
    this.slider.disabled = filters.asOf === null;
    if (filters.asOf) this.slider.value = String(toDayNumber(filters.asOf));
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

  /** Steps the date forward a month every half second, from 2019 (or the current date) to the end. */
  private togglePlay(): void {
    if (this.playTimer) {
      this.stopPlay();
      return;
    }
    const start = this.filters.asOf && Number(this.slider.value) < this.maxDay ? Number(this.slider.value) : Math.max(this.minDay, toDayNumber('2019-01-01'));
    this.dateToggle.checked = true;
    this.slider.disabled = false;
    this.slider.value = String(start);
    this.update({ asOf: fromDayNumber(start) });
    this.playButton.setAttribute('aria-pressed', 'true');
    this.playButton.textContent = '❚❚ Pause';
    this.playTimer = setInterval(() => {
      const next = Math.min(this.maxDay, Number(this.slider.value) + 30);
      this.slider.value = String(next);
      this.update({ asOf: fromDayNumber(next) });
      if (next >= this.maxDay) this.stopPlay();
    }, 500);
  }

  private stopPlay(): void {
    clearInterval(this.playTimer);
    this.playTimer = undefined;
    this.playButton.setAttribute('aria-pressed', 'false');
    this.playButton.textContent = '▶ Play';
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
    const active = this.filters.asOf !== null;
    this.dateSection.dataset.active = String(active);
    this.output.textContent = active ? this.filters.asOf : 'all dates';
  }
}

function total(value: number, label: string): HTMLElement {
  return h('div', { class: 'total' }, h('b', {}, value), h('span', {}, label));
}
