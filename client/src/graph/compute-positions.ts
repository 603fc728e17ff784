/**
 * What a whole-graph layout in the Web Worker (layout-worker.ts) is asked and answers: plain
 * data both ways. The layout is the Barnes-Hut force layout of force-layout.ts.
 */
import { forceLayout } from './force-layout.ts';

export interface PositionRequest {
  /** Nodes with their starting positions and drawn size (model units). */
  nodes: Array<{ id: string; x: number; y: number; size: number }>;
  edges: Array<{ source: string; target: string }>;
  /** Nodes that must not move (pinned). */
  fixed: string[];
}

export type PositionResult = Record<string, { x: number; y: number }>;

/** The worker's answer: positions and how long computing them took. */
export interface PositionAnswer {
  positions: PositionResult;
  /** Time spent in the layout itself, in ms. */
  ms: number;
}

/** Runs the force layout on the request, timing it. */
export function computePositions(request: PositionRequest): PositionAnswer {
  const start = performance.now();
  const positions = forceLayout(request);
  return { positions, ms: performance.now() - start };
}
