/**
 * The "Key actors" section of the left sidebar: the most central entities of the whole graph by
 * a metric, optionally of one kind; a click brings one into view and selects it.
 */
import type { KeyActor, KindInfo, Metric } from '../api/operations.ts';
import { formatMetric } from '../graph/appearance.ts';
import { h, replaceChildren } from './dom.ts';
import { shapeSwatch } from './shape-swatch.ts';

export const METRIC_LABELS: Readonly<Record<Metric, string>> = { PAGERANK: 'PageRank', DEGREE: 'Degree', BETWEENNESS: 'Betweenness' };

export interface KeyActorsQuery {
  by: Metric;
  /** One kind, or null for all. */
  kind: string | null;
}

export interface KeyActorsListOptions {
  kinds: () => readonly KindInfo[];
  onQuery(query: KeyActorsQuery): void;
  onPick(actor: KeyActor): void;
}

export class KeyActorsList {
  readonly element: HTMLElement;
  private readonly metricSelect: HTMLSelectElement;
  private readonly kindSelect: HTMLSelectElement;
  private readonly list = h('ol', { class: 'key-actors', 'aria-labelledby': 'key-actors-title' });

  constructor(private readonly options: KeyActorsListOptions) {
    this.metricSelect = h(
      'select',
      { id: 'key-actors-by', class: 'btn small', 'aria-label': 'Key actors by' },
      (Object.keys(METRIC_LABELS) as Metric[]).map((m) => h('option', { value: m }, METRIC_LABELS[m])),
    );
    this.kindSelect = h('select', { id: 'key-actors-kind', class: 'btn small', 'aria-label': 'Key actors of kind' });
    this.fillKinds();
    const changed = () => options.onQuery(this.query);
    this.metricSelect.addEventListener('change', changed);
    this.kindSelect.addEventListener('change', changed);
    this.element = h(
      'section',
      { class: 'panel-section key-actors-section', 'aria-labelledby': 'key-actors-title' },
      h('h2', { id: 'key-actors-title' }, 'Key actors'),
      h('div', { class: 'appearance-row' }, this.metricSelect, this.kindSelect),
      this.list,
    );
  }

  get query(): KeyActorsQuery {
    return { by: this.metricSelect.value as Metric, kind: this.kindSelect.value || null };
  }

  /** The kinds changed (a new ontology): offer them again, keeping the choice if it still exists. */
  fillKinds(): void {
    const chosen = this.kindSelect.value;
    replaceChildren(
      this.kindSelect,
      h('option', { value: '' }, 'All kinds'),
      this.options.kinds().map((k) => h('option', { value: k.name }, k.name)),
    );
    this.kindSelect.value = [...this.kindSelect.options].some((o) => o.value === chosen) ? chosen : '';
  }

  showLoading(): void {
    this.list.setAttribute('aria-busy', 'true');
  }

  showMessage(text: string): void {
    this.list.removeAttribute('aria-busy');
    replaceChildren(this.list, h('li', { class: 'hint' }, text));
  }

  render(actors: readonly KeyActor[], kindStyle: (kind: string) => { color: string; shape: string }): void {
    this.list.removeAttribute('aria-busy');
    const label = METRIC_LABELS[this.query.by];
    if (actors.length === 0) {
      this.showMessage('No entity has this metric yet.');
      return;
    }
    replaceChildren(
      this.list,
      actors.map((actor) => {
        const style = kindStyle(actor.entity.kind);
        return h(
          'li',
          {},
          h(
            'button',
            {
              class: 'key-actor',
              type: 'button',
              'data-entity': actor.entity.id,
              title: `${actor.entity.name} (${actor.entity.kind}): ${label} ${formatMetric(actor.value)}. Bring into view and select.`,
              onclick: () => this.options.onPick(actor),
            },
            h('span', { class: 'key-rank' }, `${actor.rank}.`),
            shapeSwatch(style.shape, style.color, 10),
            h('span', { class: 'key-name' }, actor.entity.name),
            h('span', { class: 'count' }, formatMetric(actor.value)),
          ),
        );
      }),
    );
  }
}
