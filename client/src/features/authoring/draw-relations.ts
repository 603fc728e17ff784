/**
 * Drawing a relation from one entity to another with cytoscape-edgehandles. Drawing is a mode
 * the user switches on ("Draw relations" in the toolbar): while it is on, dragging from an
 * entity draws a relation instead of moving it, and only to entities whose kinds some relation
 * type can join; dropping it opens the relation form with both ends. The drawn edge itself is
 * removed at once: the relation appears when the seed edit is saved and the live sync loads it.
 * The extension (registered in ui/cy-factory.ts) is set up again on every new Cytoscape
 * instance (GraphView.onCyReplaced).
 */
import type { Core, EventObject, NodeSingular } from 'cytoscape';
import type { RelationTypeInfo } from '../../api/operations.ts';
import type { GraphView } from '../../graph/graph-view.ts';
import { THEME } from '../../graph/graph-style.ts';
import { kindsCanRelate } from './relation-types-fit.ts';

type EdgeHandles = ReturnType<Core['edgehandles']>;

export class DrawRelations {
  private handles: EdgeHandles | null = null;
  private on = false;
  private readonly listeners = new Set<(on: boolean) => void>();

  constructor(
    private readonly view: GraphView,
    private readonly types: () => readonly RelationTypeInfo[],
    private readonly onDrawn: (fromId: string, toId: string) => void,
  ) {
    this.attach(view.cy);
    view.onCyReplaced((cy) => this.attach(cy));
  }

  get enabled(): boolean {
    return this.on;
  }

  /** Calls `listener` whenever the mode is switched. */
  subscribe(listener: (on: boolean) => void): void {
    this.listeners.add(listener);
  }

  toggle(on = !this.on): void {
    this.on = on;
    if (on) this.handles?.enableDrawMode();
    else this.handles?.disableDrawMode();
    this.view.cy.container()?.classList.toggle('drawing-relations', on);
    for (const listener of this.listeners) listener(on);
  }

  private attach(cy: Core): void {
    const kindOf = (node: NodeSingular) => String(node.data('kind') ?? '');
    this.handles = cy.edgehandles({
      canConnect: (source, target) => !source.same(target) && !target.hasClass('eh-ghost') && kindsCanRelate(this.types(), kindOf(source), kindOf(target)),
      edgeParams: () => ({ data: { authoringDraft: true } }),
      snap: true,
      hoverDelay: 120,
    });
    cy.on('ehcomplete', (_event: EventObject, ...extra: unknown[]) => {
      const [source, target, added] = extra as [NodeSingular, NodeSingular, { remove(): void }];
      added.remove();
      this.onDrawn(source.id(), target.id());
    });
    cy.style()
      .selector('.eh-preview, .eh-ghost-edge')
      .style({ 'line-color': THEME.accent, 'target-arrow-color': THEME.accent, 'target-arrow-shape': 'triangle', width: 2, 'line-style': 'dashed', label: '' })
      .selector('.eh-ghost-node')
      .style({ width: 1, height: 1, opacity: 0, label: '' })
      .selector('node.eh-source, node.eh-target, node.eh-hover')
      .style({ 'border-width': 3, 'border-color': THEME.accent })
      .update();
    if (this.on) this.handles.enableDrawMode();
  }
}
