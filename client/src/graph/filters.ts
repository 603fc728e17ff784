/**
 * What the filters hide: entities of switched-off kinds, relations of switched-off types, and
 * relations not in force on the "as of" date (those whose partial dates leave it open are kept
 * and marked uncertain). Pure functions over plain records, plus one adapter that marks a
 * Cytoscape graph with the `filtered` and `uncertain` classes.
 */
import type { Core } from 'cytoscape';
import { forceOn } from './as-of-date.ts';
import { isContested } from './relation-status.ts';

/** The filter settings; part of the shared view. */
export interface FilterState {
  /** Kinds switched off. */
  hiddenKinds: string[];
  /** Relation types switched off. */
  hiddenTypes: string[];
  /** Show only relations in force on this day (YYYY-MM-DD); null shows all. */
  asOf: string | null;
  /**
   * Also hide entities left with no visible relation because of the filters (entities that had
   * none to begin with stay). @default true
   */
  hideStranded: boolean;
  /** Show only contested and disputed relations (relation-status.ts). @default false */
  contestedOnly?: boolean;
}

export const NO_FILTERS: FilterState = { hiddenKinds: [], hiddenTypes: [], asOf: null, hideStranded: true };

export interface FilterNode {
  id: string;
  kind: string;
}
export interface FilterEdge {
  id: string;
  type: string;
  source: string;
  target: string;
  since: string | null;
  until: string | null;
  /** SUPPORTED, CONTESTED or DISPUTED (absent counts as supported). */
  status?: string;
}

export interface Visibility {
  hiddenNodes: Set<string>;
  hiddenEdges: Set<string>;
  /** Drawn relations whose partial since/until leaves it open whether they are in force on `asOf`. */
  uncertainEdges: Set<string>;
}

/** Whether the filters change anything. */
export function isFiltering(filters: FilterState): boolean {
  return filters.hiddenKinds.length > 0 || filters.hiddenTypes.length > 0 || filters.asOf !== null || filters.contestedOnly === true;
}

/**
 * Which nodes and edges the filters hide. `keep` lists entities that stay visible whatever
 * happens to their relations (the selection, pinned entities), and relations the date does
 * not hide (the selection, what changed).
 */
export function computeVisibility(
  nodes: readonly FilterNode[],
  edges: readonly FilterEdge[],
  filters: FilterState,
  keep: ReadonlySet<string> = new Set(),
): Visibility {
  const hiddenKinds = new Set(filters.hiddenKinds);
  const hiddenTypes = new Set(filters.hiddenTypes);
  const hiddenNodes = new Set<string>();
  const hiddenEdges = new Set<string>();
  const uncertainEdges = new Set<string>();

  for (const node of nodes) if (hiddenKinds.has(node.kind)) hiddenNodes.add(node.id);

  // Degree before and after the relation filters, to find entities the filters stranded.
  const degree = new Map<string, number>();
  const visibleDegree = new Map<string, number>();
  const bump = (map: Map<string, number>, id: string) => map.set(id, (map.get(id) ?? 0) + 1);

  for (const edge of edges) {
    bump(degree, edge.source);
    bump(degree, edge.target);
    // A kept relation stays whatever the date (kind and type filters still apply).
    const force = filters.asOf === null || keep.has(edge.id) ? 'in-force' : forceOn(edge.since, edge.until, filters.asOf);
    const hidden =
      hiddenTypes.has(edge.type) ||
      hiddenNodes.has(edge.source) ||
      hiddenNodes.has(edge.target) ||
      force === 'not-in-force' ||
      (filters.contestedOnly === true && !isContested(edge.status));
    if (hidden) {
      hiddenEdges.add(edge.id);
    } else {
      if (force === 'uncertain') uncertainEdges.add(edge.id);
      bump(visibleDegree, edge.source);
      bump(visibleDegree, edge.target);
    }
  }

  if (filters.hideStranded && (hiddenTypes.size > 0 || filters.asOf !== null || hiddenKinds.size > 0 || filters.contestedOnly === true)) {
    for (const node of nodes) {
      if (hiddenNodes.has(node.id) || keep.has(node.id)) continue;
      if ((degree.get(node.id) ?? 0) > 0 && (visibleDegree.get(node.id) ?? 0) === 0) hiddenNodes.add(node.id);
    }
  }
  return { hiddenNodes, hiddenEdges, uncertainEdges };
}

/**
 * Applies the filters to `cy`: hidden elements get the `filtered` class (display: none), drawn
 * relations of uncertain standing on the "as of" day the `uncertain` class.
 */
export function applyFilters(cy: Core, filters: FilterState, keep: ReadonlySet<string> = new Set()): Visibility {
  const nodes: FilterNode[] = cy.nodes().map((n) => ({ id: n.id(), kind: String(n.data('kind')) }));
  const edges: FilterEdge[] = cy.edges().map((e) => ({
    id: e.id(),
    type: String(e.data('type')),
    source: e.source().id(),
    target: e.target().id(),
    since: (e.data('since') as string | null | undefined) ?? null,
    until: (e.data('until') as string | null | undefined) ?? null,
    status: String(e.data('status') ?? 'SUPPORTED'),
  }));
  const visibility = computeVisibility(nodes, edges, filters, keep);
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      const hidden = visibility.hiddenNodes.has(n.id());
      if (hidden !== n.hasClass('filtered')) n.toggleClass('filtered', hidden);
    });
    cy.edges().forEach((e) => {
      const hidden = visibility.hiddenEdges.has(e.id());
      if (hidden !== e.hasClass('filtered')) e.toggleClass('filtered', hidden);
      const uncertain = visibility.uncertainEdges.has(e.id());
      if (uncertain !== e.hasClass('uncertain')) e.toggleClass('uncertain', uncertain);
    });
  });
  return visibility;
}

/** Counts per key of the items in the view, for the filter toggles. */
export function countBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}
