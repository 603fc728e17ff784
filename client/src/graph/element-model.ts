/**
 * How API records become Cytoscape elements. Element data stays small and flat (Cytoscape
 * copies it); the full records, evidence included, live in the `EntityCache`.
 */
import type { EdgeDefinition, NodeDefinition, Position } from 'cytoscape';
import type { EntitySummary, KindInfo, Relation, RelationStatus } from '../api/operations.ts';
import { statusOf } from './relation-status.ts';

/** Node data: what styles and filters read. */
export interface NodeData {
  id: string;
  label: string;
  kind: string;
  color: string;
  shape: string;
  degree: number;
  /** Whole-graph metrics (absent until a sync computed them): what "size/colour by" read. */
  pageRank?: number;
  betweenness?: number;
  community?: number;
  inDegree?: number;
  outDegree?: number;
}

/** Edge data: what styles and filters read. */
export interface EdgeData {
  id: string;
  source: string;
  target: string;
  type: string;
  label: string;
  since: string | null;
  until: string | null;
  confidence: string;
  color: string;
  /** SUPPORTED, CONTESTED or DISPUTED: contested and disputed relations are drawn distinctly. */
  status: RelationStatus;
}

/** Colour and shape per kind, from the ontology. */
export type KindStyles = ReadonlyMap<string, Pick<KindInfo, 'color' | 'shape'>>;

const FALLBACK_STYLE = { color: '#8c8c8c', shape: 'ellipse' } as const;

/** Edge colour when a type has none assigned. */
export const DEFAULT_EDGE_COLOR = '#566175';

/**
 * The relation-type palette, the one source of relation colours (the stylesheet, the legend and
 * the exports read them from here through `typeColorsFrom`). Okabe–Ito and Paul Tol colours
 * first, then colours picked greedily to stay furthest from those already chosen as seen with
 * normal vision, deuteranopia and protanopia (Machado 2009 simulation, CIEDE2000), all light
 * enough for the dark canvas; greys last, as they read like the default edge colour.
 * test/unit/client-palette.test.ts checks the distances.
 */
export const RELATION_PALETTE = [
  '#e69f00',
  '#56b4e9',
  '#cc6677',
  '#eedd88',
  '#d55e00',
  '#2277ee',
  '#dd2299',
  '#77eeff',
  '#dd9977',
  '#ccddbb',
  '#ffdd00',
  '#228866',
  '#88aabb',
  '#7788bb',
  '#339944',
  '#2299ff',
  '#eedddd',
  '#eebbdd',
  '#ff3355',
  '#bbbbbb',
  '#999999',
  '#aaaa99',
  '#ffffcc',
] as const;

/**
 * A colour per relation type, in ontology order, from RELATION_PALETTE (most distinct colours
 * to the first types); past its end, colours repeat, lightened so they still differ.
 */
export function typeColorsFrom(types: ReadonlyArray<{ name: string }>): ReadonlyMap<string, string> {
  const n = RELATION_PALETTE.length;
  return new Map(types.map((t, i) => [t.name, i < n ? RELATION_PALETTE[i]! : mix(RELATION_PALETTE[i % n]!, '#ffffff', 0.35)]));
}

/** `a` moved a fraction `t` of the way to `b` in sRGB. */
function mix(a: string, b: string, t: number): string {
  const ch = (hex: string, k: number) => Number.parseInt(hex.slice(1 + 2 * k, 3 + 2 * k), 16);
  return `#${[0, 1, 2]
    .map((k) =>
      Math.round(ch(a, k) + (ch(b, k) - ch(a, k)) * t)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** Builds the kind → style map from the `ontology` query. */
export function kindStylesFrom(kinds: readonly KindInfo[]): KindStyles {
  return new Map(kinds.map((k) => [k.name, { color: k.color, shape: k.shape }]));
}

export function toNodeDefinition(entity: EntitySummary, styles: KindStyles, position?: Position): NodeDefinition {
  const style = styles.get(entity.kind) ?? FALLBACK_STYLE;
  const data: NodeData = {
    id: entity.id,
    label: entity.name,
    kind: entity.kind,
    color: style.color,
    shape: style.shape,
    degree: entity.degree,
  };
  const metrics = entity.metrics;
  if (metrics) {
    data.pageRank = metrics.pageRank;
    data.betweenness = metrics.betweenness;
    data.community = metrics.community;
    data.inDegree = metrics.inDegree;
    data.outDegree = metrics.outDegree;
  }
  return position ? { group: 'nodes', data, position: { ...position } } : { group: 'nodes', data };
}

export function toEdgeDefinition(
  relation: Pick<Relation, 'id' | 'type' | 'phrase' | 'since' | 'until' | 'confidence'> &
    Partial<Pick<Relation, 'status' | 'evidence'>> & {
      from: { id: string };
      to: { id: string };
    },
  color: string = DEFAULT_EDGE_COLOR,
): EdgeDefinition {
  const data: EdgeData = {
    id: relation.id,
    source: relation.from.id,
    target: relation.to.id,
    type: relation.type,
    label: relation.phrase,
    since: relation.since,
    until: relation.until,
    confidence: relation.confidence,
    color,
    status: statusOf({ status: relation.status, evidence: relation.evidence ?? [] }),
  };
  return { group: 'edges', data };
}
