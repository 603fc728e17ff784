/**
 * Filters and time: the left sidebar (legend of kinds, relation types, the "as of" date field,
 * slider and histogram; #left), its counts of what is drawn, the `D` key, and the filters'
 * part of the link.
 */
import type { GraphQLClient } from '../api/graphql-client.ts';
import { TIMELINE } from '../api/timeline-operations.ts';
import { countBy, NO_FILTERS, type FilterState } from '../graph/filters.ts';
import type { GraphView } from '../graph/graph-view.ts';
import type { OntologyState } from '../graph/ontology-state.ts';
import type { ViewState } from '../graph/url-state.ts';
import { byId } from '../ui/dom.ts';
import { FilterSidebar } from '../ui/filter-sidebar.ts';
import type { KeyboardShortcuts } from './keyboard-shortcuts.ts';
import type { ViewStatePart } from './shareable-url.ts';

export class FiltersAndTime implements ViewStatePart {
  private readonly sidebar: FilterSidebar;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly view: GraphView,
    ontology: OntologyState,
    shortcuts: KeyboardShortcuts,
    private readonly api: Pick<GraphQLClient, 'request'>,
  ) {
    this.sidebar = new FilterSidebar(byId('left'), {
      ontology: ontology.ontology,
      stats: ontology.stats,
      typeColors: ontology.typeColors,
      onChange: (filters) => {
        view.setFilters(filters);
        for (const listener of this.listeners) listener();
      },
    });
    view.subscribe(() => this.updateCounts());
    // A new ontology or new counts (live updates) are written into the objects the sidebar holds.
    ontology.subscribe(() => {
      this.sidebar.redraw();
      void this.loadTimeline();
    });
    shortcuts.on(['d', 'D'], () => this.sidebar.setAsOf(view.filters.asOf ? null : (ontology.stats.latestDate ?? null)));
    this.updateCounts();
    void this.loadTimeline();
  }

  /** Where "what changed" draws itself, under the date controls. */
  get changesSlot(): HTMLElement {
    return this.sidebar.time.changesSlot;
  }

  /**
   * The histogram over the whole graph, not what is drawn: it says where in time to look, and a
   * neighbourhood of a few dozen relations would show little. A failure leaves it empty: the
   * date controls work without it.
   */
  private async loadTimeline(): Promise<void> {
    const result = await this.api.request(TIMELINE, {}).catch(() => null);
    if (result) this.sidebar.time.setHistogram(result.timeline.buckets);
  }

  /** Calls `listener` after the user changed a filter (and the view applied it). */
  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  /** Shows and applies filters set elsewhere. */
  setFilters(filters: FilterState): void {
    this.sidebar.setFilters(filters);
    this.view.setFilters(filters);
  }

  /** Shows the default filters in the sidebar (the view starts with them). */
  showDefaults(): void {
    this.sidebar.setFilters(NO_FILTERS);
  }

  save(): Partial<ViewState> {
    return { filters: this.view.filters };
  }

  restore(state: ViewState): void {
    this.setFilters(state.filters);
  }

  private updateCounts(): void {
    const cy = this.view.cy;
    const nodes = cy.nodes().filter((n) => !n.hasClass('filtered'));
    const edges = cy.edges().filter((e) => !e.hasClass('filtered'));
    // Counts of what is visible; a switched-off kind or type shows what it would bring back.
    const offKinds = new Set(this.view.filters.hiddenKinds);
    const offTypes = new Set(this.view.filters.hiddenTypes);
    this.sidebar.setCounts({
      kinds: countBy(
        cy.nodes().filter((n) => offKinds.has(String(n.data('kind'))) || !n.hasClass('filtered')),
        (n) => String(n.data('kind')),
      ),
      types: countBy(
        cy.edges().filter((e) => offTypes.has(String(e.data('type'))) || !e.hasClass('filtered')),
        (e) => String(e.data('type')),
      ),
      entities: nodes.length,
      relations: edges.length,
    });
  }
}
