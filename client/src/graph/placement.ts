/**
 * Where new entities first appear: around the entity they came from, on the side facing away
 * from the rest of the graph, so the incremental layout only has to tidy them up and nothing
 * else has to move.
 */
import type { Position } from 'cytoscape';

/** Spacing between neighbours on a ring, in model units. @default 70 */
const SPACING = 70;

/**
 * Positions for `count` new nodes around `parent`. With `awayFrom` (the centre of the
 * existing graph) they fan out on the far side; rings grow as needed.
 */
export function placeAround(parent: Position, count: number, awayFrom?: Position, minRadius = 130): Position[] {
  if (count <= 0) return [];
  let direction = 0;
  let spread = 2 * Math.PI;
  if (awayFrom) {
    const dx = parent.x - awayFrom.x;
    const dy = parent.y - awayFrom.y;
    if (Math.hypot(dx, dy) > 1) {
      direction = Math.atan2(dy, dx);
      spread = Math.PI * 1.2;
    }
  }
  const positions: Position[] = [];
  let ring = 0;
  let placed = 0;
  while (placed < count) {
    const radius = minRadius + ring * SPACING;
    const capacity = Math.max(1, Math.floor((radius * spread) / SPACING));
    const onRing = Math.min(capacity, count - placed);
    for (let i = 0; i < onRing; i++) {
      const angle = spread >= 2 * Math.PI ? (2 * Math.PI * i) / onRing + ring * 0.3 : direction - spread / 2 + (spread * (i + 0.5)) / onRing;
      positions.push({ x: parent.x + radius * Math.cos(angle), y: parent.y + radius * Math.sin(angle) });
    }
    placed += onRing;
    ring++;
  }
  return positions;
}

/** The mean position of `points`, or undefined for none. */
export function centroid(points: Iterable<Position>): Position | undefined {
  let x = 0;
  let y = 0;
  let n = 0;
  for (const p of points) {
    x += p.x;
    y += p.y;
    n++;
  }
  return n === 0 ? undefined : { x: x / n, y: y / n };
}
