/**
 * Keyboard navigation on the canvas: from the selected entity, the arrow keys move to the
 * nearest entity in that direction (within a 120° cone, nearer and straighter wins).
 */
import type { Position } from 'cytoscape';

export type ArrowDirection = 'left' | 'right' | 'up' | 'down';

const VECTORS: Record<ArrowDirection, Position> = {
  left: { x: -1, y: 0 },
  right: { x: 1, y: 0 },
  up: { x: 0, y: -1 },
  down: { x: 0, y: 1 },
};

/** The id of the best candidate in `direction` from `from`, or undefined. */
export function nearestInDirection(from: Position, candidates: Iterable<{ id: string; position: Position }>, direction: ArrowDirection): string | undefined {
  const v = VECTORS[direction];
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const dx = c.position.x - from.x;
    const dy = c.position.y - from.y;
    const distance = Math.hypot(dx, dy);
    if (distance < 1) continue;
    const cos = (dx * v.x + dy * v.y) / distance;
    if (cos < 0.5) continue; // outside the 120° cone
    const score = distance * (2 - cos);
    if (score < bestScore) {
      bestScore = score;
      best = c.id;
    }
  }
  return best;
}
