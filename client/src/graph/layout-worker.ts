/** Web Worker entry: computes whole-graph force layouts off the main thread. */
import { computePositions, type PositionRequest } from './compute-positions.ts';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<PositionRequest>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (event) => {
  try {
    scope.postMessage({ ok: true, ...computePositions(event.data) });
  } catch (error) {
    scope.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
};
