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

export interface RelationChangesModel {
  from: string;
  to: string;
  appeared: RelationRef[];
  ended: RelationRef[];
  nodes: EntityRef[];
  truncated: boolean;
}
