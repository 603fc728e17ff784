/**
 * fcose over plain data, in a headless Cytoscape: the part of a layout that can run in a Web
 * Worker (see layout-worker.ts) so a big graph does not freeze the page.
 */
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { fcoseOptions } from './layouts.ts';

let registered = false;

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
    return result;
  } finally {
    cy.destroy();
  }
}
