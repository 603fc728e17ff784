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
 * A colour per relation type, in ontology order, spread around the hue circle by the golden
 * angle so neighbours in the list differ; muted to stay behind the nodes on a dark canvas.
 */
export function typeColorsFrom(types: ReadonlyArray<{ name: string }>): ReadonlyMap<string, string> {
  return new Map(types.map((t, i) => [t.name, hslToHex((i * 137.508 + 200) % 360, 0.38, 0.58)]));
}

function hslToHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const c = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(c * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
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
