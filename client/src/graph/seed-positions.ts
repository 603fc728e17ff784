/**
 * Cheap first positions for a big graph, computed in one pass on the main thread so the graph
 * can be drawn at once while the real layout runs in a Web Worker: each connected component
 * becomes a disc filled outward in breadth-first order from its best-connected entity, and
 * components are packed in rows, biggest first.
 * The force layout starts from these positions, which also makes it converge sooner.
 */
import type { Position } from 'cytoscape';

/** About the distance between neighbouring nodes, in model units. @default 60 */
const SPACING = 60;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

export interface SeedNode {
  id: string;
}
export interface SeedEdge {
  source: string;
  target: string;
}

/** A position for every node; O(nodes + edges). */
export function seedPositions(nodes: readonly SeedNode[], edges: readonly SeedEdge[], spacing = SPACING): Map<string, Position> {
  const index = new Map<string, number>();
  nodes.forEach((n, i) => index.set(n.id, i));
  const adjacency: number[][] = nodes.map(() => []);
  for (const e of edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined || s === t) continue;
    adjacency[s]!.push(t);
    adjacency[t]!.push(s);
  }
  // Components, each grown from its highest-degree node, visited biggest-degree first.
  const order = nodes.map((_, i) => i).sort((a, b) => adjacency[b]!.length - adjacency[a]!.length);
  const seen = new Uint8Array(nodes.length);
  const components: Array<{ rings: number[][] }> = [];
  for (const root of order) {
    if (seen[root]) continue;
    seen[root] = 1;
    const rings: number[][] = [[root]];
    for (;;) {
      const next: number[] = [];
      for (const u of rings.at(-1)!) {
        for (const v of adjacency[u]!) {
          if (seen[v]) continue;
          seen[v] = 1;
          next.push(v);
        }
      }
      if (next.length === 0) break;
      rings.push(next);
    }
    components.push({ rings });
  }

  // A sunflower (phyllotaxis) disc per component, filled in breadth-first order from its hub:
  // compact, evenly spaced, and a node's neighbours sit at about its own distance from the hub.
  const local = new Float64Array(nodes.length * 2);
  const radii: number[] = [];
  for (const { rings } of components) {
    let k = 0;
    for (const ring of rings) {
      for (const v of ring) {
        const r = spacing * Math.sqrt(k + 0.5) * 0.6;
        const a = k * GOLDEN_ANGLE;
        local[v * 2] = r * Math.cos(a);
        local[v * 2 + 1] = r * Math.sin(a);
        k++;
      }
    }
    radii.push(spacing * Math.sqrt(k + 0.5) * 0.6 + spacing / 2);
  }

  // Pack components in rows about as wide as the whole drawing is tall.
  const area = radii.reduce((sum, r) => sum + 4 * r * r, 0);
  const rowWidth = Math.max(Math.sqrt(area), 2 * (radii[0] ?? 0));
  const result = new Map<string, Position>();
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  components.forEach(({ rings }, c) => {
    const r = radii[c]!;
    if (x > 0 && x + 2 * r > rowWidth) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const cx = x + r;
    const cy = y + r;
    for (const ring of rings) for (const v of ring) result.set(nodes[v]!.id, { x: cx + local[v * 2]!, y: cy + local[v * 2 + 1]! });
    x += 2 * r;
    rowHeight = Math.max(rowHeight, 2 * r);
  });
  return result;
}
