/**
 * The drawn graph and its undoable bookkeeping. Every change to what is drawn goes through a
 * `GraphView` method or `change()`, which records one history entry per user action; undo and
 * redo replay those entries. The view keeps one invariant: every relation the client knows
 * between two drawn entities is drawn.
 */
import type { Core, EdgeDataDefinition, ElementDefinition, NodeDataDefinition, NodeSingular, Position } from 'cytoscape';
import type { EntitySummary } from '../api/operations.ts';
import { DEFAULT_EDGE_COLOR, toEdgeDefinition, toNodeDefinition, type KindStyles } from './element-model.ts';
import { EntityCache, type CachedRelation } from './entity-cache.ts';
import { planCollapse, type ExpansionRecord } from './expansion.ts';
import { planDrawChunks } from './draw-chunks.ts';
import { nextFrame } from './next-frame.ts';
import { applyFilters, NO_FILTERS, type FilterState, type Visibility } from './filters.ts';
import { applyChange, diffSnapshots, isEmptyChange, mapRecords, takeSnapshot, type ElementRecord, type GraphChange } from './graph-snapshot.ts';
import { History } from './history.ts';
import type { LivePlan } from './live-change-plan.ts';
import { centroid, placeAround } from './placement.ts';

/** Bookkeeping that travels with undo/redo. Plain data: it is cloned per change. */
export interface ViewMeta {
  pinned: string[];
  expansions: Record<string, ExpansionRecord>;
}

export type ViewChange = GraphChange<ViewMeta>;

/** An open change: commit it when the action is done (after its layout, say). */
export interface PendingChange {
  commit(): void;
}

export interface AddOptions {
  /** Place new entities around this drawn entity. */
  near?: string;
  /** Positions to use, by id (restoring a shared view). */
  positions?: ReadonlyMap<string, Position>;
}

export class GraphView {
  readonly cache: EntityCache;
  readonly history = new History<ViewChange>();
  private cyInstance: Core;
  private meta: ViewMeta = { pinned: [], expansions: {} };
  private filterState: FilterState = NO_FILTERS;
  private kept: ReadonlySet<string> = new Set();
  private visibility: Visibility = { hiddenNodes: new Set(), hiddenEdges: new Set(), uncertainEdges: new Set() };
  private readonly listeners = new Set<() => void>();
  private readonly cyListeners = new Set<(cy: Core) => void>();
  private openChanges = 0;

  constructor(
    cy: Core,
    private readonly styles: KindStyles,
    cache: EntityCache = new EntityCache(),
    /** Colour per relation type (see typeColorsFrom). */
    private readonly typeColors: ReadonlyMap<string, string> = new Map(),
  ) {
    this.cyInstance = cy;
    this.cache = cache;
  }

  get cy(): Core {
    return this.cyInstance;
  }

  /**
   * Moves the drawing to a new Cytoscape instance (another renderer) made by `create` once the
   * old one is destroyed; keeps elements, positions and the viewport.
   */
  replaceCy(create: () => Core): void {
    const previous = this.cyInstance;
    const defs: ElementDefinition[] = [];
    previous.nodes().forEach((n) => {
      defs.push({ group: 'nodes', data: { ...(n.data() as NodeDataDefinition) }, position: { ...n.position() }, selected: n.selected() });
    });
    previous.edges().forEach((e) => {
      defs.push({ group: 'edges', data: { ...(e.data() as EdgeDataDefinition) }, selected: e.selected() });
    });
    const viewport = { zoom: previous.zoom(), pan: { ...previous.pan() } };
    previous.destroy();
    const next = create();
    next.batch(() => next.add(defs));
    next.viewport(viewport);
    this.cyInstance = next;
    for (const listener of this.cyListeners) listener(next);
    this.refresh();
  }

  /** Calls `listener` with the new instance each time `replaceCy` moves the drawing (to bind its events again). */
  onCyReplaced(listener: (cy: Core) => void): () => void {
    this.cyListeners.add(listener);
    return () => this.cyListeners.delete(listener);
  }

  // --- Reading ------------------------------------------------------------------------------

  /**
   * How many elements are drawn. Reads Cytoscape's live element list (`mutableElements`, not
   * in its typings): `cy.elements()` copies all of them into a new collection first.
   */
  get elementCount(): number {
    return (this.cyInstance as Core & { mutableElements(): { length: number } }).mutableElements().length;
  }
  has(id: string): boolean {
    return this.cyInstance.getElementById(id).nonempty();
  }
  entityIds(): string[] {
    return this.cyInstance.nodes().map((n) => n.id());
  }
  get filters(): FilterState {
    return this.filterState;
  }
  get hidden(): Visibility {
    return this.visibility;
  }
  isPinned(id: string): boolean {
    return this.meta.pinned.includes(id);
  }
  expansionOf(id: string): ExpansionRecord | undefined {
    return this.meta.expansions[id];
  }
  /** A copy of the undoable bookkeeping. */
  getMeta(): ViewMeta {
    return structuredClone(this.meta);
  }

  // --- Changing -----------------------------------------------------------------------------

  /**
   * Opens a change: what happens to the drawing until `commit()` becomes one history entry
   * labelled `label`. Changes may nest; only the outermost one records.
   */
  begin(label: string): PendingChange {
    const before = takeSnapshot(this.cyInstance);
    const metaBefore = structuredClone(this.meta);
    this.openChanges++;
    let done = false;
    return {
      commit: () => {
        if (done) return;
        done = true;
        this.openChanges--;
        const change = diffSnapshots(before, takeSnapshot(this.cyInstance), metaBefore, structuredClone(this.meta));
        if (!isEmptyChange(change, sameMeta) && this.openChanges === 0) this.history.push(label, change);
        this.refresh();
      },
    };
  }

  /** Runs `fn` as one undoable change. */
  change<T>(label: string, fn: () => T): T {
    const pending = this.begin(label);
    try {
      return fn();
    } finally {
      pending.commit();
    }
  }

  /**
   * Draws entities and relations (caching them all). New entities are placed around `near`,
   * next to a drawn neighbour, or at the given positions. Returns the ids newly drawn.
   */
  addEntities(entities: readonly EntitySummary[], relations: readonly CachedRelation[], options: AddOptions = {}): string[] {
    for (const entity of entities) this.cache.putEntity(entity);
    for (const relation of relations) this.cache.putRelation(relation);
    const cy = this.cyInstance;
    const seen = new Set<string>();
    const fresh = entities.filter((e) => {
      if (seen.has(e.id) || cy.getElementById(e.id).nonempty()) return false;
      seen.add(e.id);
      return true;
    });
    if (fresh.length > 0) {
      const positions = this.placeNew(fresh, options);
      cy.batch(() => {
        cy.add(fresh.map((e) => toNodeDefinition(e, this.styles, positions.get(e.id))));
      });
    }
    // The given relations (also those between entities drawn before), then any other known one.
    this.drawRelations(relations);
    this.drawKnownRelations(fresh.map((e) => e.id));
    return fresh.map((e) => e.id);
  }

  /**
   * `addEntities` for thousands of elements: draws them in chunks of `chunk` elements (all
   * entities, then the relations; see draw-chunks.ts), awaiting `pause` (by default the next
   * frame) between chunks so the page keeps drawing and answering. Returns the ids newly drawn.
   */
  async addEntitiesInChunks(
    entities: readonly EntitySummary[],
    relations: readonly CachedRelation[],
    options: AddOptions = {},
    chunk = 1_500,
    pause: () => Promise<void> = nextFrame,
  ): Promise<string[]> {
    const added: string[] = [];
    const chunks = planDrawChunks(entities, relations, chunk);
    for (const [i, part] of chunks.entries()) {
      if (i > 0) await pause();
      added.push(...this.addEntities(part.entities, part.relations, options));
    }
    return added;
  }

  /** Caches relations and draws those whose two ends are drawn. Returns how many were new. */
  drawRelations(relations: readonly CachedRelation[]): number {
    for (const relation of relations) this.cache.putRelation(relation);
    const cy = this.cyInstance;
    const defs = relations
      .filter((r) => cy.getElementById(r.id).empty() && this.has(r.from.id) && this.has(r.to.id))
      .map((r) => toEdgeDefinition(r, this.typeColors.get(r.type)));
    if (defs.length > 0) cy.batch(() => cy.add(defs));
    return defs.length;
  }

  /** Removes entities (and their relations) from the drawing. */
  removeEntities(ids: Iterable<string>): void {
    const cy = this.cyInstance;
    const removed = new Set(ids);
    cy.batch(() => {
      for (const id of removed) cy.getElementById(id).remove();
    });
    this.meta.pinned = this.meta.pinned.filter((id) => !removed.has(id));
    for (const id of removed) delete this.meta.expansions[id];
    for (const record of Object.values(this.meta.expansions)) record.added = record.added.filter((id) => !removed.has(id));
  }

  /** Records (or updates) what expanding `id` added. */
  recordExpansion(id: string, record: ExpansionRecord): void {
    this.meta.expansions[id] = structuredClone(record);
  }

  /** Removes what expanding `id` added, unless pinned or otherwise connected. Returns them. */
  collapse(id: string, protectedIds: ReadonlySet<string> = new Set()): string[] {
    const cy = this.cyInstance;
    const removed = planCollapse(
      id,
      this.meta.expansions,
      (nid) =>
        cy
          .getElementById(nid)
          .neighborhood('node')
          .map((n) => n.id()),
      (nid) => this.isPinned(nid) || protectedIds.has(nid),
    );
    this.removeEntities(removed);
    delete this.meta.expansions[id];
    return [...removed];
  }

  setPinned(id: string, pinned: boolean): void {
    const set = new Set(this.meta.pinned);
    if (pinned) set.add(id);
    else set.delete(id);
    this.meta.pinned = [...set];
  }

  /** Moves nodes (a drag, a layout) and records it as one change. */
  recordMoves(label: string, from: ReadonlyMap<string, Position>): void {
    const cy = this.cyInstance;
    const moved = [...from]
      .map(([id, p]) => ({ id, from: p, to: { ...cy.getElementById(id).position() } }))
      .filter((m) => Math.abs(m.from.x - m.to.x) > 0.01 || Math.abs(m.from.y - m.to.y) > 0.01);
    if (moved.length === 0) return;
    const meta = structuredClone(this.meta);
    this.history.push(label, { added: [], removed: [], moved, metaBefore: meta, metaAfter: structuredClone(meta) });
  }

  /** Reverts the last change. Returns its label. */
  async undo(): Promise<string | undefined> {
    const entry = this.history.undo();
    if (!entry) return undefined;
    await applyChange(this.cyInstance, entry.change, 'backward');
    this.drawKnownRelations(nodeIds(entry.change.removed));
    this.meta = structuredClone(entry.change.metaBefore);
    this.refresh();
    return entry.label;
  }

  /** Re-applies the last undone change. Returns its label. */
  async redo(): Promise<string | undefined> {
    const entry = this.history.redo();
    if (!entry) return undefined;
    await applyChange(this.cyInstance, entry.change, 'forward');
    this.drawKnownRelations(nodeIds(entry.change.added));
    this.meta = structuredClone(entry.change.metaAfter);
    this.refresh();
    return entry.label;
  }

  /**
   * Carries out a change of the graph made elsewhere (see live-change-plan.ts): removes, updates
   * and adds elements without moving any drawn entity (new ones are placed next to a drawn
   * neighbour). It is not an undoable step, and no step in the history brings back what it
   * removed or the old data of what it updated. Returns the ids of the entities added.
   */
  applyExternalChange(plan: LivePlan): string[] {
    const cy = this.cyInstance;
    const goneEntities = new Set(plan.removeEntities);
    const gone = new Set([...plan.removeEntities, ...plan.removeRelations]);
    for (const id of plan.removeRelations) this.cache.forgetRelation(id);
    for (const id of plan.removeEntities) this.cache.forgetEntity(id);
    for (const entity of plan.updateEntities) this.cache.putEntity(entity);
    for (const relation of plan.updateRelations) this.cache.putRelation(relation);
    const fresh = new Map<string, Record<string, unknown>>();
    cy.batch(() => {
      for (const id of plan.removeRelations) cy.getElementById(id).remove();
      for (const id of plan.removeEntities) cy.getElementById(id).remove();
      for (const entity of plan.updateEntities) {
        const data = { ...toNodeDefinition(entity, this.styles).data };
        const node = cy.getElementById(entity.id);
        if (node.nonempty()) node.data(data);
        fresh.set(entity.id, data);
      }
      for (const relation of plan.updateRelations) {
        const edge = cy.getElementById(relation.id);
        if (edge.empty()) continue;
        const data = { ...toEdgeDefinition(relation, this.typeColors.get(relation.type)).data };
        edge.data(data);
        fresh.set(relation.id, data);
      }
    });
    this.meta = withoutEntities(this.meta, goneEntities);
    const keep = (record: ElementRecord): ElementRecord | null => {
      const id = String(record.data.id);
      if (gone.has(id)) return null;
      if (record.group === 'edges' && (goneEntities.has(String(record.data.source)) || goneEntities.has(String(record.data.target)))) return null;
      const data = fresh.get(id);
      return data ? { ...record, data: { ...record.data, ...data } } : record;
    };
    this.history.rewrite((change) => {
      const next = mapRecords(change, keep, (id) => !gone.has(id));
      return { ...next, metaBefore: withoutEntities(next.metaBefore, goneEntities), metaAfter: withoutEntities(next.metaAfter, goneEntities) };
    });
    const added = this.addEntities(plan.addEntities, plan.addRelations);
    this.refresh();
    return added;
  }

  /**
   * Styles every element again from the kind styles and type colours (after they changed in
   * place: a new ontology), in the drawing and in the history.
   */
  restyle(): void {
    const restyled = (record: { group: 'nodes' | 'edges'; data: Record<string, unknown> }): Record<string, unknown> => {
      if (record.group === 'nodes') {
        const style = this.styles.get(String(record.data.kind));
        return style ? { ...record.data, color: style.color, shape: style.shape } : record.data;
      }
      return { ...record.data, color: this.typeColors.get(String(record.data.type)) ?? DEFAULT_EDGE_COLOR };
    };
    const cy = this.cyInstance;
    cy.batch(() => {
      cy.elements().forEach((ele) => {
        ele.data(restyled({ group: ele.isNode() ? 'nodes' : 'edges', data: ele.data() as Record<string, unknown> }));
      });
    });
    this.history.rewrite((change) =>
      mapRecords(
        change,
        (record) => ({ ...record, data: restyled(record) }),
        () => true,
      ),
    );
    this.refresh();
  }

  /**
   * Entities and relations a feature keeps in view whatever the "as of" date (what changed
   * shows relations that ended before it). Not undoable, like the filters.
   */
  setKept(ids: Iterable<string>): void {
    this.kept = new Set(ids);
    this.refresh();
  }

  /** Sets the filters (not undoable: they are view settings, not changes to the graph). */
  setFilters(filters: FilterState): void {
    this.filterState = structuredClone(filters);
    this.refresh();
  }

  /** Empties the drawing and the history. */
  clear(): void {
    this.cyInstance.elements().remove();
    this.meta = { pinned: [], expansions: {} };
    this.history.clear();
    this.refresh();
  }

  /** Calls `listener` after every change, undo, redo or filter change. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Re-derives classes and locks from the bookkeeping and re-applies the filters. */
  refresh(): void {
    const cy = this.cyInstance;
    const pinned = new Set(this.meta.pinned);
    cy.batch(() => {
      cy.nodes().forEach((n) => {
        const isPinned = pinned.has(n.id());
        if (isPinned !== n.hasClass('pinned')) n.toggleClass('pinned', isPinned);
        if (isPinned && !n.locked()) n.lock();
        if (!isPinned && n.locked()) n.unlock();
      });
    });
    const keep = new Set([...pinned, ...cy.$(':selected').map((e) => e.id()), ...this.kept]);
    this.visibility = applyFilters(cy, this.filterState, keep);
    for (const listener of this.listeners) listener();
  }

  // --- Internals ----------------------------------------------------------------------------

  /** Draws every cached relation between the given entities and any drawn entity. */
  private drawKnownRelations(ids: readonly string[]): void {
    const cy = this.cyInstance;
    const defs: ElementDefinition[] = [];
    const seen = new Set<string>();
    for (const id of ids) {
      for (const relation of this.cache.relationsOf(id)) {
        if (seen.has(relation.id) || cy.getElementById(relation.id).nonempty()) continue;
        if (!this.has(relation.from.id) || !this.has(relation.to.id)) continue;
        seen.add(relation.id);
        defs.push(toEdgeDefinition(relation, this.typeColors.get(relation.type)));
      }
    }
    if (defs.length > 0) cy.batch(() => cy.add(defs));
  }

  private placeNew(fresh: readonly EntitySummary[], options: AddOptions): Map<string, Position> {
    const cy = this.cyInstance;
    const positions = new Map<string, Position>();
    const unplaced: EntitySummary[] = [];
    for (const entity of fresh) {
      const given = options.positions?.get(entity.id);
      if (given) positions.set(entity.id, given);
      else unplaced.push(entity);
    }
    if (unplaced.length === 0 || cy.nodes().empty()) {
      // An empty drawing gets a full layout afterwards; a rough circle avoids a pile-up.
      placeAround({ x: 0, y: 0 }, unplaced.length, undefined, 60).forEach((p, i) => positions.set(unplaced[i]!.id, p));
      return positions;
    }
    const middle = centroid(cy.nodes().map((n) => n.position()));
    const groups = new Map<string, EntitySummary[]>();
    for (const entity of unplaced) {
      const anchor = options.near && this.has(options.near) ? options.near : this.drawnNeighbourOf(entity.id);
      const key = anchor ?? '';
      groups.set(key, [...(groups.get(key) ?? []), entity]);
    }
    for (const [anchorId, group] of groups) {
      const anchor: NodeSingular | undefined = anchorId ? cy.getElementById(anchorId) : undefined;
      const origin = anchor ? anchor.position() : this.emptySpot();
      const around = placeAround(origin, group.length, anchor ? middle : undefined, anchor ? 130 : 0);
      group.forEach((e, i) => positions.set(e.id, around[i]!));
    }
    return positions;
  }

  private drawnNeighbourOf(id: string): string | undefined {
    for (const relation of this.cache.relationsOf(id)) {
      const other = relation.from.id === id ? relation.to.id : relation.from.id;
      if (this.has(other)) return other;
    }
    return undefined;
  }

  /** A spot just right of the drawing, for entities with no drawn neighbour. */
  private emptySpot(): Position {
    const bb = this.cyInstance.nodes().boundingBox({});
    return { x: bb.x2 + 120, y: (bb.y1 + bb.y2) / 2 };
  }
}

/** The bookkeeping without `gone` entities (no pin, no expansion of them, none added by one). */
function withoutEntities(meta: ViewMeta, gone: ReadonlySet<string>): ViewMeta {
  if (gone.size === 0) return meta;
  const expansions: Record<string, ExpansionRecord> = {};
  for (const [id, record] of Object.entries(meta.expansions)) {
    if (!gone.has(id)) expansions[id] = { ...record, added: record.added.filter((a) => !gone.has(a)) };
  }
  return { pinned: meta.pinned.filter((id) => !gone.has(id)), expansions };
}

function nodeIds(records: readonly ElementRecord[]): string[] {
  return records.filter((r) => r.group === 'nodes').map((r) => String(r.data.id));
}

function sameMeta(a: ViewMeta, b: ViewMeta): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
