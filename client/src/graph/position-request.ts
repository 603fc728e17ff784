/** The plain data a whole-graph layout is asked and answers (worker or main thread). */
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
