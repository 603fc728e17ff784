/**
 * Settles newly added nodes among the drawn ones with a small force simulation in which only
 * the new nodes move: springs pull them toward their drawn neighbours, every nearby node pushes
 * them away. Nothing already drawn moves, so the picture never jumps.
 */
import type { Position } from 'cytoscape';

export interface RelaxInput {
  /** Nodes that move, with their starting positions. */
  moving: Map<string, Position>;
  /** Nodes that stay, by id. */
  fixed: Map<string, Position>;
  /** Edges touching moving nodes. */
  edges: Array<{ source: string; target: string }>;
}

export interface RelaxOptions {
  /** Preferred edge length. @default 120 */
  edgeLength?: number;
  /** Nodes closer than this repel. @default 110 */
  spacing?: number;
  /** @default 80 */
  iterations?: number;
}

/** Final positions of the moving nodes. */
export function relaxNewNodes(input: RelaxInput, options: RelaxOptions = {}): Map<string, Position> {
  const edgeLength = options.edgeLength ?? 120;
  const spacing = options.spacing ?? 110;
  const iterations = options.iterations ?? 80;
  const pos = new Map<string, Position>();
  for (const [id, p] of input.moving) pos.set(id, { ...p });
  const at = (id: string) => pos.get(id) ?? input.fixed.get(id);

  // Fixed nodes in a grid of `spacing`-sized cells, so repulsion looks at neighbours only.
  const cell = (p: Position) => `${Math.floor(p.x / spacing)},${Math.floor(p.y / spacing)}`;
  const grid = new Map<string, Position[]>();
  for (const p of input.fixed.values()) {
    const key = cell(p);
    const list = grid.get(key);
    if (list) list.push(p);
    else grid.set(key, [p]);
  }
  const nearbyFixed = (p: Position): Position[] => {
    const cx = Math.floor(p.x / spacing);
    const cy = Math.floor(p.y / spacing);
    const out: Position[] = [];
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) out.push(...(grid.get(`${cx + dx},${cy + dy}`) ?? []));
    return out;
  };

  const adjacency = new Map<string, string[]>();
  for (const e of input.edges) {
    if (pos.has(e.source)) adjacency.set(e.source, [...(adjacency.get(e.source) ?? []), e.target]);
    if (pos.has(e.target)) adjacency.set(e.target, [...(adjacency.get(e.target) ?? []), e.source]);
  }

  for (let it = 0; it < iterations; it++) {
    const step = 0.35 * (1 - it / iterations) + 0.05;
    for (const [id, p] of pos) {
      let fx = 0;
      let fy = 0;
      const push = (q: Position) => {
        const dx = p.x - q.x;
        const dy = p.y - q.y;
        const d = Math.hypot(dx, dy);
        if (d >= spacing) return;
        if (d < 0.01) {
          fx += (Math.random() - 0.5) * spacing;
          fy += (Math.random() - 0.5) * spacing;
          return;
        }
        const f = (spacing - d) / d;
        fx += dx * f;
        fy += dy * f;
      };
      for (const q of nearbyFixed(p)) push(q);
      for (const [other, q] of pos) if (other !== id) push(q);
      for (const neighbour of adjacency.get(id) ?? []) {
        const q = at(neighbour);
        if (!q) continue;
        const dx = q.x - p.x;
        const dy = q.y - p.y;
        const d = Math.hypot(dx, dy) || 1;
        // Springs are weaker than the push, so new nodes keep their distance.
        const f = ((d - edgeLength) / d) * 0.25;
        fx += dx * f;
        fy += dy * f;
      }
      p.x += fx * step;
      p.y += fy * step;
    }
  }
  return pos;
}
