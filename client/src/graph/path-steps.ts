/**
 * A path as the steps a reader follows: each entity, then the relation to the next one with its
 * phrase and whether it points along the path or against it. Two paths through the same
 * entities ("TikTok → United States → Clean Network" twice) differ in these phrases.
 */
import type { PathResult } from '../api/operations.ts';

export interface PathStep {
  /** The relation's phrase ("plans to ban"). */
  phrase: string;
  /** True when the relation points from this step's entity to the next one. */
  forward: boolean;
}

/** The steps of `path`: one per relation, in path order. */
export function pathSteps(path: Pick<PathResult, 'nodes' | 'edges'>): PathStep[] {
  return path.edges.map((edge, i) => ({ phrase: edge.phrase, forward: edge.from.id === path.nodes[i]?.id }));
}

/** The path in words: `TikTok ← plans to ban — United States — participates in → Clean Network`. */
export function describePath(path: Pick<PathResult, 'nodes' | 'edges'>): string {
  const steps = pathSteps(path);
  return path.nodes
    .map((node, i) => {
      const step = steps[i];
      if (!step) return node.name;
      return `${node.name} ${step.forward ? `— ${step.phrase} →` : `← ${step.phrase} —`}`;
    })
    .join(' ');
}
