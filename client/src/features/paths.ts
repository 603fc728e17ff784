/**
 * Paths between two entities: the panel (#path-slot, `A`, the toolbar), "path from / to here"
 * (`Shift+F`, `Shift+T`, the menu, the inspector), and the highlight of the paths found, which
 * survives filter changes and renderer rebuilds and is cleared by Escape.
 */
import type { GraphQLClient } from '../api/graphql-client.ts';
import type { PathResult } from '../api/operations.ts';
import type { Explorer } from '../graph/explorer.ts';
import type { GraphView } from '../graph/graph-view.ts';
import type { OntologyState } from '../graph/ontology-state.ts';
import { areaBeside, fitViewInto } from '../graph/viewport.ts';
import type { MenuItem } from '../ui/context-menu.ts';
import { byId } from '../ui/dom.ts';
import { PathPanel } from '../ui/path-panel.ts';
import type { Feedback } from './feedback.ts';
import type { FiltersAndTime } from './filters-and-time.ts';
import type { GraphEvents } from './graph-events.ts';
import type { KeyboardShortcuts } from './keyboard-shortcuts.ts';

export class Paths {
  private readonly view: GraphView;
  private readonly panel: PathPanel;
  private highlighted: PathResult[] | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    api: Pick<GraphQLClient, 'request'>,
    explorer: Explorer,
    ontology: OntologyState,
    feedback: Pick<Feedback, 'report'>,
    filters: Pick<FiltersAndTime, 'onChange'>,
    events: GraphEvents,
    shortcuts: KeyboardShortcuts,
  ) {
    const view = (this.view = explorer.view);
    this.panel = new PathPanel({
      api,
      ontology: ontology.ontology,
      kindStyle: (kind) => ontology.kindStyle(kind),
      isDrawn: (id) => view.has(id),
      find: (from, to, maxHops, types) => explorer.findPaths(from, to, maxHops, types),
      highlight: (paths) => this.highlight(paths),
      clearHighlight: () => this.clearHighlight(),
      onError: (error) => feedback.report(error, 'Paths'),
    });
    byId('path-slot').append(this.panel.element);

    filters.onChange(() => this.reapply());
    ontology.subscribe(() => this.panel.redrawTypes());
    view.onCyReplaced(() => this.reapply());
    events.noHoverDimmingWhile(() => this.highlighted !== null);
    shortcuts.on(['a', 'A'], () => this.toggle());
    shortcuts.onEntity(['F'], (id) => this.openEnd('from', id));
    shortcuts.onEntity(['T'], (id) => this.openEnd('to', id));
    shortcuts.on(['Escape'], () => {
      if (!this.highlighted) return false;
      this.clearHighlight();
    });
  }

  get isOpen(): boolean {
    return this.panel.isOpen;
  }

  /** Calls `listener` when the panel opens or closes. */
  subscribe(listener: () => void): void {
    this.listeners.add(listener);
  }

  toggle(): void {
    this.panel.toggle();
    this.emit();
  }

  /** Opens the panel with `id` as one end. */
  openEnd(which: 'from' | 'to', id: string): void {
    const entity = this.view.cache.entities.get(id);
    if (!entity) return;
    this.panel.open({ which, entity });
    this.emit();
  }

  /** The menu items for entity `id`: path from / to here. */
  menuItems(id: string): MenuItem[] {
    return [
      { label: 'Path from here…', shortcut: '⇧F', run: () => this.openEnd('from', id) },
      { label: 'Path to here…', shortcut: '⇧T', run: () => this.openEnd('to', id) },
    ];
  }

  private highlight(paths: PathResult[]): void {
    this.highlighted = paths;
    const cy = this.view.cy;
    cy.batch(() => {
      cy.elements().removeClass('path path-end faded');
      const on = cy.collection();
      for (const p of paths) {
        for (const n of p.nodes) on.merge(cy.getElementById(n.id));
        for (const e of p.edges) on.merge(cy.getElementById(e.id));
        const first = p.nodes[0];
        const last = p.nodes.at(-1);
        if (first) cy.getElementById(first.id).addClass('path-end');
        if (last) cy.getElementById(last.id).addClass('path-end');
      }
      on.addClass('path');
      cy.elements().not(on).addClass('faded');
    });
    const eles = cy.$('.path');
    if (eles.nonempty()) fitViewInto(cy, eles, this.areaBesidePanel(), { padding: 40 });
  }

  /** The part of the canvas the open panel leaves free, in the canvas's pixels. */
  private areaBesidePanel(): ReturnType<typeof areaBeside> {
    return areaBeside(this.view.cy, this.panel.isOpen ? this.panel.element : null);
  }

  private reapply(): void {
    if (this.highlighted) this.highlight(this.highlighted);
  }

  private clearHighlight(): void {
    this.highlighted = null;
    this.view.cy.elements().removeClass('path path-end faded');
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
