/**
 * "Size by" and "colour by" (#left, the Appearance section): picks what node size and colour
 * stand for, keeps every node drawn that way through expansions, filters, undo, live updates
 * and renderer rebuilds, shows the legend, and owns `z=`/`c=` of the link.
 *
 * How: one stylesheet rule per Cytoscape instance whose width, height and colour are functions
 * of the node's data and of the current scales (the metric ranges over the entities in view).
 * Cytoscape evaluates function mappers again on every style update, so a new choice or a new
 * range is one `style().update()`; node data and the undo history stay untouched. The rule is
 * added only once a choice other than the default is made, so default drawings (and big
 * synthetic ones) pay nothing.
 */
import type { Core, NodeSingular } from 'cytoscape';
import { DEFAULT_APPEARANCE, isDefaultAppearance, type Appearance as AppearanceChoice } from '../graph/appearance.ts';
import { appearanceLegend } from '../graph/appearance-legend.ts';
import { appearanceScales, sameScales, type AppearanceScales } from '../graph/appearance-scales.ts';
import type { GraphView } from '../graph/graph-view.ts';
import type { ViewState } from '../graph/url-state.ts';
import { AppearancePanel } from '../ui/appearance-panel.ts';
import { byId } from '../ui/dom.ts';
import type { ViewStatePart } from './shareable-url.ts';

export class Appearance implements ViewStatePart {
  private choice: AppearanceChoice = DEFAULT_APPEARANCE;
  private scales: AppearanceScales;
  private styled: Core | null = null;
  private readonly panel: AppearancePanel;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly view: GraphView,
    host: HTMLElement = byId('left'),
  ) {
    this.panel = new AppearancePanel((choice) => {
      this.set(choice);
      for (const listener of this.listeners) listener();
    });
    // Right under the totals: what the drawing means comes before what it filters.
    host.insertBefore(this.panel.element, host.children[1] ?? null);
    this.scales = appearanceScales(this.choice, []);
    view.subscribe(() => this.update());
    view.onCyReplaced(() => this.update());
    this.update();
  }

  /** The current choice. */
  get current(): AppearanceChoice {
    return this.choice;
  }

  /** What the legend shows, for the test hook. */
  get legend(): ReturnType<typeof appearanceLegend> {
    return appearanceLegend(this.scales, this.visibleData());
  }

  /** The colour a node is drawn in when colour stands for something else than kind (exports), else null. */
  get nodeColor(): ((data: Readonly<Record<string, unknown>>) => string) | null {
    if (this.choice.color === 'kind') return null;
    const scales = this.scales;
    return (data) => scales.color(data as Record<string, unknown>);
  }

  /** Calls `listener` after the user changed the choice. */
  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  set(choice: AppearanceChoice): void {
    this.choice = { ...choice };
    this.panel.setAppearance(this.choice);
    this.update();
  }

  save(): Partial<ViewState> {
    return { appearance: this.choice };
  }

  restore(state: ViewState): void {
    this.set(state.appearance ?? DEFAULT_APPEARANCE);
  }

  private visibleData(): Array<Record<string, unknown>> {
    return this.view.cy
      .nodes()
      .filter((n) => !n.hasClass('filtered'))
      .map((n) => n.data() as Record<string, unknown>);
  }

  private update(): void {
    // The default legend reads no data: big default drawings pay nothing per refresh.
    const data = isDefaultAppearance(this.choice) ? [] : this.visibleData();
    const next = appearanceScales(this.choice, data);
    const cy = this.view.cy;
    const install = this.styled !== cy && !isDefaultAppearance(this.choice);
    const changed = !sameScales(this.scales, next);
    this.scales = next;
    if (install) this.install(cy);
    else if (changed && this.styled === cy) cy.style().update();
    this.panel.render(appearanceLegend(next, data));
  }

  /** Adds the rule that sizes and colours nodes from the current scales (`node[kind]`: not edgehandles' ghost node). */
  private install(cy: Core): void {
    this.styled = cy;
    const size = (n: NodeSingular) => this.scales.size(n.data() as Record<string, unknown>);
    cy.style()
      .selector('node[kind]')
      .style({ width: size, height: size, 'background-color': (n: NodeSingular) => this.scales.color(n.data() as Record<string, unknown>) } as never)
      .update();
  }
}
