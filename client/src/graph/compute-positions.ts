/**
 * What a whole-graph layout in the Web Worker (layout-worker.ts) is asked and answers: plain
 * data both ways. The layout is the Barnes-Hut force layout of force-layout.ts.
 */
import { forceLayout } from './force-layout.ts';
import type { PositionAnswer, PositionRequest, PositionResult } from './position-request.ts';

export type { PositionAnswer, PositionRequest, PositionResult };

/** Runs the force layout on the request, timing it. */
export function computePositions(request: PositionRequest): PositionAnswer {
  const start = performance.now();
  const positions = forceLayout(request);
  return { positions, ms: performance.now() - start };
}
