/**
 * Every Cytoscape event binding, in one place, turned into a few app-level events that the
 * features subscribe to (selection, double tap, context menu, a finished drag, zoom). Also the
 * hover highlight of a neighbourhood, and the undo step of a drag. Bound again whenever the
 * renderer is rebuilt (`GraphView.onCyReplaced`).
 */
import type { Core, EventObject, NodeSingular, Position } from 'cytoscape';
import type { GraphView } from '../graph/graph-view.ts';
import { LARGE_GRAPH } from '../graph/scale-policy.ts';

/** What each app-level event carries. */
export interface GraphEventMap {
  /** An entity or a relation was selected. */
  select: { kind: 'entity' | 'relation'; id: string };
  /** Nothing is selected any more (reported after a short pause, so a new selection does not flash the empty state). */
  clear: undefined;
  /** Two taps on the same entity. */
  doubleTap: { id: string };
  /** Right click (or long press) on an entity, at page coordinates. */
  contextMenu: { id: string; x: number; y: number };
  /** The user dragged an entity (recorded as an undoable move). */
  moved: { id: string };
  zoom: undefined;
}

type Listener<K extends keyof GraphEventMap> = (event: GraphEventMap[K]) => void;

/** How long after the last unselect an empty selection is reported. */
const CLEAR_DELAY_MS = 50;

export class GraphEvents {
  private readonly listeners: { [K in keyof GraphEventMap]: Array<Listener<K>> } = {
    select: [],
    clear: [],
    doubleTap: [],
    contextMenu: [],
    moved: [],
    zoom: [],
  };
  private readonly hoverGuards: Array<() => boolean> = [];
  private unselectTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly grabbed = new Map<string, Position>();

  constructor(
    private readonly view: GraphView,
    private readonly container: HTMLElement,
  ) {
    this.bind(view.cy);
    view.onCyReplaced((cy) => this.bind(cy));
  }

  on<K extends keyof GraphEventMap>(name: K, listener: Listener<K>): void {
    this.listeners[name].push(listener);
  }

  /** Hovering stops dimming the rest of the graph while `when()` holds (a highlighted path, say). */
  noHoverDimmingWhile(when: () => boolean): void {
    this.hoverGuards.push(when);
  }

  private emit<K extends keyof GraphEventMap>(name: K, event: GraphEventMap[K]): void {
    for (const listener of this.listeners[name]) listener(event);
  }

  private bind(cy: Core): void {
    const view = this.view;
    cy.on('select', 'node, edge', (e: EventObject) => {
      clearTimeout(this.unselectTimer);
      const target = e.target as { id(): string; isNode(): boolean };
      this.emit('select', { kind: target.isNode() ? 'entity' : 'relation', id: target.id() });
    });
    cy.on('unselect', 'node, edge', () => {
      clearTimeout(this.unselectTimer);
      this.unselectTimer = setTimeout(() => {
        if (view.cy.$(':selected').empty()) this.emit('clear', undefined);
      }, CLEAR_DELAY_MS);
    });
    // Cytoscape reports a double tap for two quick taps anywhere; count it only when both hit this node.
    let lastTaps: string[] = [];
    cy.on('tap', (e: EventObject) => {
      const target = e.target as { id?: () => string; isNode?: () => boolean };
      lastTaps = [...lastTaps.slice(-1), target.isNode?.() ? target.id!() : ''];
    });
    cy.on('dbltap', 'node', (e: EventObject) => {
      const id = (e.target as NodeSingular).id();
      if (lastTaps.length === 2 && lastTaps.every((t) => t === id)) this.emit('doubleTap', { id });
    });
    cy.on('cxttap', 'node', (e: EventObject) => {
      const node = e.target as NodeSingular;
      node.select();
      const original = e.originalEvent as MouseEvent | undefined;
      const rect = this.container.getBoundingClientRect();
      const rendered = node.renderedPosition();
      this.emit('contextMenu', { id: node.id(), x: original?.clientX ?? rect.left + rendered.x, y: original?.clientY ?? rect.top + rendered.y });
    });
    // Hovering an entity brings out its neighbourhood (on graphs small enough to restyle fast).
    cy.on('mouseover', 'node', (e: EventObject) => {
      const node = e.target as NodeSingular;
      this.container.style.cursor = 'pointer';
      cy.batch(() => {
        node.addClass('hover');
        if (!this.hoverGuards.some((guard) => guard()) && view.elementCount < LARGE_GRAPH) {
          cy.elements().not(node.closedNeighborhood()).addClass('dimmed');
        }
      });
    });
    cy.on('mouseout', 'node', (e: EventObject) => {
      this.container.style.cursor = '';
      cy.batch(() => {
        (e.target as NodeSingular).removeClass('hover');
        cy.$('.dimmed').removeClass('dimmed');
      });
    });
    cy.on('grab', 'node', (e: EventObject) => {
      this.grabbed.clear();
      const node = e.target as NodeSingular;
      this.grabbed.set(node.id(), { ...node.position() });
    });
    cy.on('free', 'node', (e: EventObject) => {
      const node = e.target as NodeSingular;
      if (this.grabbed.has(node.id())) {
        view.recordMoves(`Move ${view.cache.entities.get(node.id())?.name ?? node.id()}`, new Map(this.grabbed));
        this.grabbed.clear();
        this.emit('moved', { id: node.id() });
      }
    });
    cy.on('zoom', () => this.emit('zoom', undefined));
  }
}
