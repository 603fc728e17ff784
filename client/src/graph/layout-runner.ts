/**
 * Runs layouts on the drawn graph: whole-graph layouts (the layout menu, first load) and the
 * incremental one after an expansion, which moves only the new entities and keeps every
 * entity already drawn where it is.
 */
import type { Core, LayoutOptions, NodeCollection, Position } from 'cytoscape';
import type { PositionRequest, PositionResult } from './compute-positions.ts';
import { layoutOptions, type LayoutName } from './layouts.ts';
import { relaxNewNodes } from './local-relax.ts';
import { fitView } from './viewport.ts';
import { ANIMATE_LAYOUT_NODES, WORKER_LAYOUT_NODES } from './scale-policy.ts';

/** Runs a Cytoscape layout and resolves when it stops (after its animation). */
export function runCyLayout(eles: ReturnType<Core['elements']>, options: LayoutOptions): Promise<void> {
  return new Promise((resolve) => {
    const layout = eles.layout(options);
    layout.one('layoutstop', () => resolve());
    layout.run();
  });
}

/** Lays out every visible element with `name`. Big fcose runs go to a Web Worker. */
export async function runLayout(cy: Core, name: LayoutName, options: { roots?: string[]; animate?: boolean } = {}): Promise<void> {
  const eles = cy.elements(':visible');
  const nodeCount = eles.nodes().length;
  if (nodeCount === 0) return;
  if (name === 'fcose' && nodeCount > WORKER_LAYOUT_NODES && typeof Worker !== 'undefined') {
    const positions = await positionsInWorker(eles.nodes(), eles.edges());
    await applyPositions(cy, eles.nodes(), positions, false);
    fitView(cy, eles, { animate: false });
    return;
  }
  const animate = options.animate ?? true;
  await runCyLayout(eles, layoutOptions(name, { nodeCount, ...options, fit: !animate }));
  fitView(cy, eles, { animate });
}

/**
 * Tidies newly added nodes among the drawn ones: only the new nodes move (see local-relax.ts),
 * growing out of where they were placed; every node already drawn stays where it is.
 */
export async function runIncrementalLayout(cy: Core, newIds: readonly string[], animate = true): Promise<void> {
  const moving = new Map<string, Position>();
  for (const id of newIds) {
    const node = cy.getElementById(id);
    if (node.nonempty() && node.isNode()) moving.set(id, { ...node.position() });
  }
  if (moving.size === 0) return;
  const fixed = new Map<string, Position>();
  cy.nodes().forEach((n) => {
    if (!moving.has(n.id())) fixed.set(n.id(), { ...n.position() });
  });
  const edges: Array<{ source: string; target: string }> = [];
  for (const id of moving.keys()) {
    cy.getElementById(id)
      .connectedEdges()
      .forEach((e) => {
        edges.push({ source: e.source().id(), target: e.target().id() });
      });
  }
  const positions = relaxNewNodes({ moving, fixed, edges });
  const result: PositionResult = Object.fromEntries(positions);
  const nodes = cy.collection();
  for (const id of moving.keys()) nodes.merge(cy.getElementById(id));
  await applyPositions(cy, nodes as NodeCollection, result, animate);
}

let worker: Worker | undefined;

/** Computes fcose positions in a Web Worker (one at a time). */
export function positionsInWorker(nodes: NodeCollection, edges: ReturnType<Core['edges']>): Promise<PositionResult> {
  const request: PositionRequest = {
    nodes: nodes.map((n) => ({ id: n.id(), x: n.position('x'), y: n.position('y'), size: n.width() })),
    edges: edges.map((e) => ({ source: e.source().id(), target: e.target().id() })),
    fixed: [],
  };
  nodes.forEach((n) => {
    if (n.locked()) request.fixed.push(n.id());
  });
  worker ??= new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module' });
  const w = worker;
  return new Promise((resolve, reject) => {
    w.onmessage = (event: MessageEvent<{ ok: boolean; positions?: PositionResult; error?: string }>) => {
      if (event.data.ok && event.data.positions) resolve(event.data.positions);
      else reject(new Error(event.data.error ?? 'layout failed'));
    };
    w.onerror = (event) => reject(new Error(event.message || 'layout worker failed'));
    w.postMessage(request);
  });
}

/** Moves nodes to computed positions, animated for small graphs, in one batch otherwise. */
export async function applyPositions(cy: Core, nodes: NodeCollection, positions: PositionResult, animate: boolean): Promise<void> {
  const at = (id: string): Position | undefined => positions[id];
  if (!animate || nodes.length > ANIMATE_LAYOUT_NODES) {
    cy.batch(() => {
      nodes.forEach((n) => {
        const p = at(n.id());
        if (p && !n.locked()) n.position(p);
      });
    });
    return;
  }
  await Promise.all(
    nodes.map((n) => {
      const p = at(n.id());
      return p && !n.locked() ? n.animation({ position: p, duration: 400 } as unknown as Parameters<typeof n.animation>[0]).play().promise() : Promise.resolve();
    }),
  );
}
