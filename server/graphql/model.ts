import type { EntityMetricValues } from '../metrics/compute-metrics.ts';
import type { Fragment, FragmentNode, FragmentRel } from './plan/fragment.ts';

/** What an Entity resolver receives: the node and the result it came in. */
export interface EntityRef {
  node: FragmentNode;
  fragment: Fragment;
}

export interface RelationRef {
  rel: FragmentRel;
  fragment: Fragment;
}

export interface EvidenceRef {
  outlet: string;
  quote: string;
  url: string;
  date: string;
  stance: 'supports' | 'disputes';
  disputedBy: string[];
  fragment: Fragment;
}

export interface SubgraphModel {
  nodes: EntityRef[];
  edges: RelationRef[];
  truncated: boolean;
}

export interface PathModel {
  length: number;
  nodes: EntityRef[];
  edges: RelationRef[];
}

export interface ConnectionModel<T> {
  items: T[];
  offset: number;
  totalCount: number;
  hasNextPage: boolean;
}

/** An entity's whole-graph metrics as the sync stored them (server/metrics/store-metrics.ts). */
export type EntityMetricsModel = EntityMetricValues;

export interface KeyActorModel {
  entity: EntityRef;
  value: number;
  rank: number;
}

export interface CommunityModel {
  id: number;
  size: number;
  /** Most central first; as many as the largest `members(first:)` the operation asks for. */
  members: EntityRef[];
}
