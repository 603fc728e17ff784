/**
 * The explorer's actions: each fetches what it needs, changes the `GraphView` as one undoable
 * step, and lays out what it added. Actions run one at a time, in order, so an undo never lands
 * in the middle of an expansion. Failures reach `onError` (a toast), never a blank screen.
 */
import type { Position } from 'cytoscape';
import { ApiError, type GraphQLClient } from '../api/graphql-client.ts';
import { ENTITY_RELATIONS, NEIGHBOURHOOD, SUBGRAPH, PATHS, type EntitySummary, type PathResult, type Relation } from '../api/operations.ts';
import { DEFAULT_EXPANSION_CAP, planExpansion, type ExpansionRecord } from './expansion.ts';
import { drawLargeGraph } from './draw-large-graph.ts';
import type { GraphView } from './graph-view.ts';
import { runIncrementalLayout, runLayout, usesForceWorker } from './layout-runner.ts';
import type { LayoutName } from './layouts.ts';
import { DRAW_CHUNK } from './scale-policy.ts';
import { fitView } from './viewport.ts';

/** The server takes at most this many ids per neighbourhood call. */
const IDS_PER_CALL = 100;
/** The most ids one `subgraph` call takes (the API's limit). */
const SUBGRAPH_IDS = 1000;
/** Relations fetched per page while expanding. */
const PAGE_SIZE = 100;

export interface ExplorerOptions {
  /** New neighbours per expansion. @default 25 */
  cap?: number;
  onError(error: unknown, action: string): void;
  /** Called with true when an action starts and false when the queue is empty. */
  onBusy?(busy: boolean, action: string): void;
  /** Called after an action drew new entities, to focus the viewport on them. */
  onAdded?(ids: string[], focus: string | null): void;
  /** The layout for whole-graph layouts. */
  layoutName(): LayoutName;
  /** Called before drawing about `elementCount` elements in total, to switch renderer first. */
  beforeGrow?(elementCount: number): void;
}

export class Explorer {
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private readonly cap: number;

  constructor(
    readonly view: GraphView,
    private readonly api: Pick<GraphQLClient, 'request'>,
    private readonly options: ExplorerOptions,
  ) {
    this.cap = options.cap ?? DEFAULT_EXPANSION_CAP;
  }

  /** Whether an action is running or waiting. */
  get busy(): boolean {
    return this.pending > 0;
  }

  /**
   * Runs `fn` after the actions before it; reports failures; resolves undefined on failure.
   * A `quiet` action (a live update) does not announce itself as busy: the user did not start it.
   */
  run<T>(action: string, fn: () => Promise<T>, { quiet = false }: { quiet?: boolean } = {}): Promise<T | undefined> {
    this.pending++;
    if (!quiet) this.options.onBusy?.(true, action);
    const result = this.queue.then(fn).then(
      (value) => value,
      (error: unknown) => {
        this.options.onError(error, action);
        return undefined;
      },
    );
    this.queue = result.finally(() => {
      this.pending--;
      if (this.pending === 0) this.options.onBusy?.(false, action);
    });
    return result;
  }

  /** The opening view: the given entities and their neighbours, laid out from scratch. */
  openNeighbourhood(ids: string[], label = 'Open'): Promise<string[] | undefined> {
    return this.run(label, async () => {
      const { neighbourhood } = await this.api.request(NEIGHBOURHOOD, { ids, depth: 1, limit: 300 });
      this.grow(neighbourhood.nodes.length + neighbourhood.edges.length);
      const pending = this.view.begin(label);
      let added: string[] = [];
      try {
        // In id order and seeded: the same opening on every reload, so things are where the
        // reader left them (the layout depends on the order elements were added in).
        added = this.view.addEntities(byId(neighbourhood.nodes), byId(neighbourhood.edges));
        await runLayout(this.view.cy, this.options.layoutName(), { animate: false, seeded: true });
      } finally {
        pending.commit();
      }
      return added;
    });
  }

  /**
   * Draws one entity (from search) with its relations to what is drawn, and focuses it. An
   * entity already drawn is only focused.
   */
  addEntity(entity: EntitySummary): Promise<void> {
    return this.run(`Add ${entity.name}`, async () => {
      if (this.view.has(entity.id)) {
        this.options.onAdded?.([], entity.id);
        return;
      }
      const { entity: found } = await this.api.request(ENTITY_RELATIONS, { id: entity.id, first: 500 });
      if (!found) throw notFound(entity.name);
      const relations = found.relations.nodes.filter((r) => this.view.has(r.from.id) || this.view.has(r.to.id));
      const pending = this.view.begin(`Add ${entity.name}`);
      try {
        const added = this.view.addEntities([found], relations);
        if (added.length > 0 && this.view.cy.nodes().length === 1) this.view.cy.center();
      } finally {
        pending.commit();
      }
      this.options.onAdded?.([entity.id], entity.id);
    });
  }

  /**
   * Expands an entity: draws up to `cap` new neighbours (continuing where the last expansion
   * of it stopped), places them around it and tidies them with an incremental layout.
   */
  expand(id: string): Promise<{ added: string[]; remaining: number } | undefined> {
    const name = this.view.cache.entities.get(id)?.name ?? id;
    return this.run(`Expand ${name}`, async () => {
      const previous = this.view.expansionOf(id);
      // Fully expanded already: nothing to fetch, nothing to record.
      if (previous && previous.consumed >= previous.total) return { added: [], remaining: 0 };
      const collected: ReturnType<typeof planExpansion>[] = [];
      let after = previous?.after ?? null;
      let total = previous?.total ?? 0;
      let newCount = 0;
      const willBeDrawn = new Set<string>();
      // Page through relations until the cap is reached or none are left.
      for (;;) {
        const { entity } = await this.api.request(ENTITY_RELATIONS, { id, first: PAGE_SIZE, after });
        if (!entity) throw notFound(name);
        total = entity.relations.totalCount;
        const plan = planExpansion(
          id,
          {
            relations: entity.relations.nodes,
            cursors: entity.relations.edges.map((e) => e.cursor),
            endCursor: entity.relations.pageInfo.endCursor,
          },
          (other) => this.view.has(other) || willBeDrawn.has(other),
          this.cap - newCount,
        );
        collected.push(plan);
        for (const e of plan.newEntities) willBeDrawn.add(e.id);
        newCount += plan.newEntities.length;
        after = plan.after;
        if (plan.capped || !entity.relations.pageInfo.hasNextPage || plan.consumed === 0) break;
      }

      const entities = collected.flatMap((p) => p.newEntities);
      const relations = collected.flatMap((p) => p.relations);
      const consumed = (previous?.consumed ?? 0) + collected.reduce((n, p) => n + p.consumed, 0);
      this.grow(entities.length + relations.length);
      const pending = this.view.begin(`Expand ${name}`);
      let added: string[] = [];
      try {
        added = this.view.addEntities(entities, relations, { near: id });
        const record: ExpansionRecord = {
          added: [...(previous?.added ?? []), ...added],
          after,
          consumed,
          total,
        };
        this.view.recordExpansion(id, record);
        await this.connectNewEntities(added);
        await runIncrementalLayout(this.view.cy, added);
      } finally {
        pending.commit();
      }
      this.options.onAdded?.(added, id);
      return { added, remaining: Math.max(0, total - consumed) };
    });
  }

  /** Removes what expanding `id` added (not pinned, not otherwise connected). */
  collapse(id: string): Promise<string[] | undefined> {
    const name = this.view.cache.entities.get(id)?.name ?? id;
    return this.run(`Collapse ${name}`, async () => this.view.change(`Collapse ${name}`, () => this.view.collapse(id)));
  }

  /** Takes entities out of the view (undoable). */
  hide(ids: string[]): Promise<void> {
    const label = ids.length === 1 ? `Hide ${this.view.cache.entities.get(ids[0]!)?.name ?? ids[0]}` : `Hide ${ids.length} entities`;
    return this.run(label, async () => this.view.change(label, () => this.view.removeEntities(ids))).then(() => undefined);
  }

  /** Pins or unpins: a pinned entity stays put and survives collapses. */
  setPinned(id: string, pinned: boolean): Promise<void> {
    const name = this.view.cache.entities.get(id)?.name ?? id;
    const label = `${pinned ? 'Pin' : 'Unpin'} ${name}`;
    return this.run(label, async () => this.view.change(label, () => this.view.setPinned(id, pinned))).then(() => undefined);
  }

  /** Lays out the whole drawing (undoable, as a move of every node). */
  relayout(name: LayoutName, roots?: string[]): Promise<void> {
    return this.run(`Layout (${name})`, async () => {
      const pending = this.view.begin(`Layout (${name})`);
      try {
        await runLayout(this.view.cy, name, roots ? { roots } : {});
      } finally {
        pending.commit();
      }
    });
  }

  /** The k shortest paths from → to; draws their entities and relations. */
  findPaths(from: string, to: string, maxHops: number, relationTypes: string[] | null, first = 3): Promise<PathResult[] | undefined> {
    return this.run('Find paths', async () => {
      const { paths } = await this.api.request(PATHS, { from, to, maxHops, relationTypes, first });
      if (paths.length === 0) return paths;
      await this.drawFound(
        'Show paths',
        paths.flatMap((p) => p.nodes),
        paths.flatMap((p): Relation[] => p.edges),
      );
      return paths;
    });
  }

  /**
   * Draws entities and relations an action found elsewhere (what changed between two dates):
   * one undoable step, new entities placed by an incremental layout. Returns the ids added.
   */
  showFound(label: string, entities: readonly EntitySummary[], relations: readonly Relation[]): Promise<string[] | undefined> {
    return this.run(label, async () => {
      this.grow(entities.length + relations.length);
      return this.drawFound(label, entities, relations);
    });
  }

  private async drawFound(label: string, entities: readonly EntitySummary[], relations: readonly Relation[]): Promise<string[]> {
    const pending = this.view.begin(label);
    let added: string[] = [];
    try {
      added = this.view.addEntities(entities, relations);
      this.view.drawRelations(relations);
      if (added.length > 0) await runIncrementalLayout(this.view.cy, added);
    } finally {
      pending.commit();
    }
    return added;
  }

  /**
   * Rebuilds a shared view: fetches the listed entities and the relations among them, draws
   * them at their saved positions (or lays them out). Returns ids that could not be found.
   */
  restore(entries: Array<{ id: string; x?: number; y?: number }>, pinned: string[]): Promise<string[] | undefined> {
    return this.run('Open shared view', async () => {
      // One call: the relations among the listed entities, however many others they have. A
      // link longer than the API's 1000 ids (not made by this client) is read in parts; the
      // relations between parts are then drawn as entities are expanded.
      const entities = new Map<string, EntitySummary>();
      const relations = new Map<string, Relation>();
      for (let i = 0; i < entries.length; i += SUBGRAPH_IDS) {
        const { subgraph } = await this.api.request(SUBGRAPH, { ids: entries.slice(i, i + SUBGRAPH_IDS).map((e) => e.id) });
        for (const n of subgraph.nodes) entities.set(n.id, n);
        for (const r of subgraph.edges) relations.set(r.id, r);
      }
      const positions = new Map<string, Position>();
      for (const e of entries) if (e.x !== undefined && e.y !== undefined) positions.set(e.id, { x: e.x, y: e.y });
      const ordered = entries.map((e) => entities.get(e.id)).filter((e): e is EntitySummary => e !== undefined);
      this.grow(ordered.length + relations.size);
      const pending = this.view.begin('Open shared view');
      try {
        // A big link carries no positions (url-state.ts): drawn as any big graph is (laid out, fitted).
        if (positions.size === 0 && usesForceWorker(this.options.layoutName(), ordered.length)) {
          await drawLargeGraph(this.view, ordered, [...relations.values()], { chunk: DRAW_CHUNK, fixed: new Set(pinned) });
        } else {
          this.view.addEntities(ordered, [...relations.values()], { positions });
          if (positions.size < ordered.length) await runLayout(this.view.cy, this.options.layoutName(), { animate: false });
          else fitView(this.view.cy, undefined, { animate: false });
        }
        for (const id of pinned) if (this.view.has(id)) this.view.setPinned(id, true);
      } finally {
        pending.commit();
      }
      return entries.map((e) => e.id).filter((id) => !entities.has(id));
    });
  }

  /** Lets the app switch renderer before `extra` elements are drawn. */
  grow(extra: number): void {
    this.options.beforeGrow?.(this.view.elementCount + extra);
  }

  undo(): Promise<string | undefined> {
    return this.run('Undo', async () => this.view.undo());
  }

  redo(): Promise<string | undefined> {
    return this.run('Redo', async () => this.view.redo());
  }

  /** Draws relations between newly added entities and the rest of the drawing. */
  private async connectNewEntities(added: string[]): Promise<void> {
    for (let i = 0; i < added.length; i += IDS_PER_CALL) {
      const ids = added.slice(i, i + IDS_PER_CALL);
      const { neighbourhood } = await this.api.request(NEIGHBOURHOOD, { ids, depth: 1, limit: 1000 });
      for (const n of neighbourhood.nodes) this.view.cache.putEntity(n);
      this.view.drawRelations(neighbourhood.edges);
    }
  }
}

function byId<T extends { id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function notFound(name: string): ApiError {
  return new ApiError({ kind: 'graphql', code: 'NOT_FOUND', message: `${name} is no longer in the graph`, operation: 'EntityRelations' });
}
