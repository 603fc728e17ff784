/**
 * What a change of the graph made elsewhere (a seed file saved) does to what is drawn: which
 * drawn elements go, which get new data, which relations and entities join. Pure: it reads the
 * drawing and the server's answer and decides; `GraphView.applyExternalChange` carries it out.
 *
 * Only what is in view is drawn: a relation when both its ends are, a new entity when it arrives
 * with a relation to a drawn one (next to it). An element is removed when the change says so
 * (drawn or not), or when it is drawn and the server, asked for it, no longer has it.
 */
import type { Core } from 'cytoscape';
import type { ChangedIds } from '../api/live-operations.ts';
import type { EntitySummary, Relation } from '../api/operations.ts';

/** The ids a change names. */
export interface ChangeIds {
  entities: ChangedIds;
  relations: ChangedIds;
}

/** The server's answer for the fetched ids: `subgraph` per call, and the ids each call asked for. */
export interface FetchedGraph {
  calls: ReadonlyArray<{ ids: readonly string[]; nodes: readonly EntitySummary[]; edges: readonly Relation[] }>;
}

export interface LivePlan {
  /** Entities gone from the graph (drawn or not: the cache and the undo history forget them too). */
  removeEntities: string[];
  /** Relations gone: retracted, or touching a removed entity. */
  removeRelations: string[];
  /** Entities with their new records: drawn ones, and ones the change names that are out of view. */
  updateEntities: EntitySummary[];
  updateRelations: Relation[];
  /** New entities, each with a relation (in `addRelations`) to a drawn entity. */
  addEntities: EntitySummary[];
  /** Relations to draw, their two ends drawn or in `addEntities`. */
  addRelations: Relation[];
  /** What to mark for a moment: added and visibly changed elements. */
  highlight: string[];
}

export interface FetchOptions {
  /** Ids the page holds records of, drawn or not (the entity cache). @default drawn ones */
  known?: (id: string) => boolean;
  /** @default SUBGRAPH_IDS */
  perCall?: number;
}

/** The most ids one `subgraph` call takes (the API's limit). */
export const SUBGRAPH_IDS = 1000;

/**
 * The ids to read with `subgraph`, one list per call, to carry out `change` (null: a catch-up,
 * where only the version is known to have moved). Empty when nothing needs reading: a change
 * that only removes, or touches nothing drawn. Drawn entities and new ones go in as few calls as
 * the API allows, new ones first.
 */
export function idsToFetch(cy: Core, change: ChangeIds | null, options: FetchOptions = {}): string[][] {
  const perCall = options.perCall ?? SUBGRAPH_IDS;
  const isDrawn = (id: string) => cy.getElementById(id).nonempty();
  const known = options.known ?? isDrawn;
  const drawn = cy.nodes().map((n) => n.id());
  if (drawn.length === 0) return [];
  // Updated entities the page holds out of view (in its undo history, say) are read too.
  const updatedKnown = change?.entities.updated.filter((id) => known(id) && !isDrawn(id)) ?? [];
  if (change) {
    const touchesDrawn = change.entities.updated.some(isDrawn) || change.relations.updated.some(isDrawn);
    // A created relation may join two drawn entities; which, only the server knows.
    const mayAdd = change.entities.created.length > 0 || change.relations.created.length > 0;
    if (!touchesDrawn && !mayAdd && updatedKnown.length === 0) return [];
  }
  const ids = [...new Set([...(change?.entities.created ?? []), ...updatedKnown, ...drawn])];
  const calls: string[][] = [];
  for (let i = 0; i < ids.length; i += perCall) calls.push(ids.slice(i, i + perCall));
  return calls;
}

/** Decides what `change` (null: a catch-up) and the server's answer do to the drawing of `cy`. */
export function planLiveChange(cy: Core, change: ChangeIds | null, fetched: FetchedGraph | null): LivePlan {
  const isDrawn = (id: string) => cy.getElementById(id).nonempty();
  const nodes = new Map<string, EntitySummary>();
  const edges = new Map<string, Relation>();
  // Which call asked for an id: a relation is known to be gone only if one call asked for both ends.
  const callOf = new Map<string, number>();
  fetched?.calls.forEach((call, i) => {
    for (const id of call.ids) if (!callOf.has(id)) callOf.set(id, i);
    for (const n of call.nodes) nodes.set(n.id, n);
    for (const e of call.edges) edges.set(e.id, e);
  });

  // Removed ids count drawn or not: out of view, the cache and the undo history may hold them.
  const removedEntities = new Set<string>(change?.entities.removed ?? []);
  for (const id of callOf.keys()) if (isDrawn(id) && cy.getElementById(id).isNode() && !nodes.has(id)) removedEntities.add(id);

  const removedRelations = new Set<string>(change?.relations.removed ?? []);
  cy.edges().forEach((edge) => {
    const source = String(edge.data('source'));
    const target = String(edge.data('target'));
    if (removedEntities.has(source) || removedEntities.has(target)) removedRelations.add(edge.id());
    else if (fetched && callOf.has(source) && callOf.get(source) === callOf.get(target) && !edges.has(edge.id())) removedRelations.add(edge.id());
  });

  const named = (list: readonly string[] | undefined) => new Set(list ?? []);
  const updatedEntityIds = named(change?.entities.updated);
  const updatedRelationIds = named(change?.relations.updated);
  const highlight = new Set<string>();

  const updateEntities: EntitySummary[] = [];
  for (const entity of nodes.values()) {
    const node = cy.getElementById(entity.id);
    if (removedEntities.has(entity.id)) continue;
    // Named as updated but out of view: its new record is for the cache and the undo history.
    if (node.empty()) {
      if (updatedEntityIds.has(entity.id)) updateEntities.push(entity);
      continue;
    }
    const visible = node.data('label') !== entity.name || node.data('kind') !== entity.kind;
    if (visible || updatedEntityIds.has(entity.id) || node.data('degree') !== entity.degree) updateEntities.push(entity);
    if (visible || updatedEntityIds.has(entity.id)) highlight.add(entity.id);
  }

  const updateRelations: Relation[] = [];
  for (const relation of edges.values()) {
    const edge = cy.getElementById(relation.id);
    if (edge.empty() || removedRelations.has(relation.id)) continue;
    const visible =
      edge.data('type') !== relation.type ||
      edge.data('label') !== relation.phrase ||
      edge.data('since') !== relation.since ||
      edge.data('until') !== relation.until ||
      edge.data('confidence') !== relation.confidence;
    if (visible || updatedRelationIds.has(relation.id)) {
      updateRelations.push(relation);
      highlight.add(relation.id);
    }
  }

  const stays = (id: string) => isDrawn(id) && !removedEntities.has(id);
  const addEntities: EntitySummary[] = [];
  const adding = new Set<string>();
  for (const id of change?.entities.created ?? []) {
    const entity = nodes.get(id);
    if (!entity || isDrawn(id) || adding.has(id)) continue;
    const linked = [...edges.values()].some((r) => (r.from.id === id && stays(r.to.id)) || (r.to.id === id && stays(r.from.id)));
    if (linked) {
      addEntities.push(entity);
      adding.add(id);
    }
  }

  const addRelations: Relation[] = [];
  for (const relation of edges.values()) {
    if (isDrawn(relation.id)) continue;
    const endOk = (id: string) => stays(id) || adding.has(id);
    if (endOk(relation.from.id) && endOk(relation.to.id)) {
      addRelations.push(relation);
      highlight.add(relation.id);
    }
  }
  for (const id of adding) highlight.add(id);

  return {
    removeEntities: [...removedEntities],
    removeRelations: [...removedRelations],
    updateEntities,
    updateRelations,
    addEntities,
    addRelations,
    highlight: [...highlight],
  };
}

/** Whether a plan changes nothing in the drawing. */
export function isEmptyPlan(plan: LivePlan): boolean {
  return (
    plan.removeEntities.length +
      plan.removeRelations.length +
      plan.updateEntities.length +
      plan.updateRelations.length +
      plan.addEntities.length +
      plan.addRelations.length ===
    0
  );
}
