/**
 * fcose over plain data, in a headless Cytoscape: the part of a layout that can run in a Web
 * Worker (see layout-worker.ts) so a big graph does not freeze the page.
 */
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { fcoseOptions } from './layouts.ts';

let registered = false;

/** Room per node, in model units, that a big layout should leave at least. @default 55 */
const ROOM_PER_NODE = 55;

/**
 * Draft-quality fcose (spectral only) packs thousands of nodes into a few hundred units;
 * scales the result about its centre until each node has about ROOM_PER_NODE² of space.
 */
export function spreadOut(positions: PositionResult): PositionResult {
  const points = Object.values(positions);
  if (points.length < 2) return positions;
  let x1 = Infinity;
  let x2 = -Infinity;
  let y1 = Infinity;
  let y2 = -Infinity;
  for (const p of points) {
    x1 = Math.min(x1, p.x);
    x2 = Math.max(x2, p.x);
    y1 = Math.min(y1, p.y);
    y2 = Math.max(y2, p.y);
  }
  const side = Math.sqrt(points.length) * ROOM_PER_NODE;
  const factor = side / Math.max(x2 - x1, y2 - y1, 1);
  if (factor <= 1) return positions;
  const cx = (x1 + x2) / 2;
  const cy = (y1 + y2) / 2;
  const out: PositionResult = {};
  for (const [id, p] of Object.entries(positions)) out[id] = { x: cx + (p.x - cx) * factor, y: cy + (p.y - cy) * factor };
  return out;
}

export interface PositionRequest {
  nodes: Array<{ id: string; x: number; y: number; size: number }>;
  edges: Array<{ source: string; target: string }>;
  /** Nodes that must not move (pinned). */
  fixed: string[];
}

export type PositionResult = Record<string, { x: number; y: number }>;

/** Runs fcose on the request and returns every node's new position. */
export function computePositions(request: PositionRequest): PositionResult {
  if (!registered) {
    cytoscape.use(fcose);
    registered = true;
  }
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: [{ selector: 'node', style: { width: 'data(size)', height: 'data(size)' } }],
  });
  try {
    const ids = new Set(request.nodes.map((n) => n.id));
    cy.add([
      ...request.nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id, size: n.size }, position: { x: n.x, y: n.y } })),
      ...request.edges
        .filter((e) => ids.has(e.source) && ids.has(e.target))
        .map((e, i) => ({ group: 'edges' as const, data: { id: `e${i}`, source: e.source, target: e.target } })),
    ]);
    const fixed = request.fixed
      .filter((id) => ids.has(id))
      .map((id) => ({ nodeId: id, position: { ...cy.getElementById(id).position() } }));
    cy.layout(
      fcoseOptions(request.nodes.length, {
        animate: false,
        fit: false,
        ...(fixed.length > 0 ? { fixedNodeConstraint: fixed } : {}),
      }),
    ).run();
    const result: PositionResult = {};
    cy.nodes().forEach((n) => {
      const p = n.position();
      result[n.id()] = { x: p.x, y: p.y };
    });
    return fixed.length === 0 ? spreadOut(result) : result;
  } finally {
    cy.destroy();
  }
}
