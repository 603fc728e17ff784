/**
 * Runs layouts on the drawn graph: whole-graph layouts (the layout menu, first load) and the
 * incremental one after an expansion, which moves only the new entities and keeps every
 * entity already drawn where it is.
 */
import type { Core, LayoutOptions, NodeCollection, Position } from 'cytoscape';
import { computePositions, type PositionAnswer, type PositionRequest, type PositionResult } from './compute-positions.ts';
import { layoutOptions, type LayoutName } from './layouts.ts';
import { relaxNewNodes } from './local-relax.ts';
import { seedFromText, withSeededRandom } from './seeded-random.ts';
import { fitView } from './viewport.ts';
import { withoutRedraws } from './without-redraws.ts';
import { ANIMATE_LAYOUT_NODES, DRAW_CHUNK, FORCE_LAYOUT_NODES } from './scale-policy.ts';

/**
 * Runs a Cytoscape layout and resolves when it stops (after its animation). With `seed`, the
 * elements are taken in id order and the layout's random numbers come from that seed, so the
 * same graph gets the same positions on every reload.
 */
export function runCyLayout(eles: ReturnType<Core['elements']>, options: LayoutOptions, seed?: number): Promise<void> {
  return new Promise((resolve) => {
    const ordered = seed === undefined ? eles : eles.sort((a, b) => (a.id() < b.id() ? -1 : a.id() > b.id() ? 1 : 0));
    const layout = ordered.layout(options);
    layout.one('layoutstop', () => resolve());
    if (seed === undefined) layout.run();
    else withSeededRandom(seed, () => layout.run());
  });
}

/** What a whole-graph layout reports: where it ran and how long computing positions took. */
export interface LayoutReport {
  where: 'worker' | 'main';
  /** Time in the layout algorithm itself (in the worker for worker runs), ms. */
  computeMs: number;
}

/**
 * How the opening view is fitted: small margins (the graph fills the stage), and zoomed in as far
 * as the layout allows.
 */
const OPENING_FIT = { padding: 16, maxZoom: 1.6 } as const;

/**
 * Turns a drawing a quarter turn when it is wide and the stage tall (or the reverse): a force
 * layout has no preferred direction, and so the fit fills the stage instead of a band of it.
 */
export function orientToStage(cy: Core, nodes: NodeCollection): void {
  const bb = nodes.boundingBox({ includeLabels: false });
  const stageWide = cy.width() >= cy.height();
  const drawingWide = bb.w >= bb.h;
  if (stageWide === drawingWide || bb.w === 0 || bb.h === 0) return;
  const cx = (bb.x1 + bb.x2) / 2;
  const cyy = (bb.y1 + bb.y2) / 2;
  cy.batch(() => nodes.forEach((n) => void n.position({ x: cx - (n.position('y') - cyy), y: cyy + (n.position('x') - cx) })));
}

/** Whether a layout of `nodeCount` nodes is the force layout in the Web Worker (not fcose). */
export function usesForceWorker(name: LayoutName, nodeCount: number): boolean {
  return name === 'fcose' && nodeCount > FORCE_LAYOUT_NODES;
}

/**
 * Lays out every visible element with `name`. The force layout of a big graph (past
 * FORCE_LAYOUT_NODES) is force-layout.ts in a Web Worker; the page keeps drawing meanwhile.
 */
export async function runLayout(
  cy: Core,
  name: LayoutName,
  options: { roots?: string[]; animate?: boolean; seeded?: boolean } = {},
): Promise<LayoutReport | undefined> {
  const eles = cy.elements(':visible');
  const nodeCount = eles.nodes().length;
  if (nodeCount === 0) return undefined;
  if (usesForceWorker(name, nodeCount)) {
    const request = positionRequest(eles.nodes(), eles.edges());
    // No Worker (headless tests) or a worker that fails: the same layout, on this thread.
    let where: LayoutReport['where'] = 'worker';
    let answer: PositionAnswer;
    try {
      if (typeof Worker === 'undefined') throw new Error('no Worker');
      answer = await positionsInWorker(request);
    } catch {
      where = 'main';
      answer = computePositions(request);
    }
    await applyPositions(cy, eles.nodes(), answer.positions, false);
    fitView(cy, eles, { animate: false });
    return { where, computeMs: answer.ms };
  }
  const animate = options.animate ?? true;
  const start = performance.now();
  const seed = options.seeded
    ? seedFromText(
        eles
          .nodes()
          .map((n) => n.id())
          .sort()
          .join('\n'),
      )
    : undefined;
  const { seeded: _seeded, ...context } = options;
  await runCyLayout(eles, layoutOptions(name, { nodeCount, ...context, fit: !animate }), seed);
  if (options.seeded) orientToStage(cy, eles.nodes());
  fitView(cy, eles, { animate, ...(options.seeded ? OPENING_FIT : {}) });
  return { where: 'main', computeMs: performance.now() - start };
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

/** The layout input for `nodes` and `edges`; locked (pinned) nodes stay where they are. */
export function positionRequest(nodes: NodeCollection, edges: ReturnType<Core['edges']>): PositionRequest {
  const request: PositionRequest = { nodes: [], edges: [], fixed: [] };
  nodes.forEach((n) => {
    const p = n.position();
    request.nodes.push({ id: n.id(), x: p.x, y: p.y, size: n.width() });
    if (n.locked()) request.fixed.push(n.id());
  });
  edges.forEach((e) => {
    request.edges.push({ source: e.data('source') as string, target: e.data('target') as string });
  });
  return request;
}

let worker: Worker | undefined;

/** Computes force-layout positions in a Web Worker, started on first use (one request at a time). */
export function positionsInWorker(request: PositionRequest): Promise<PositionAnswer> {
  const w = (worker ??= new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module' }));
  return new Promise((resolve, reject) => {
    w.onmessage = (event: MessageEvent<{ ok: boolean; positions?: PositionResult; ms?: number; error?: string }>) => {
      if (event.data.ok && event.data.positions) resolve({ positions: event.data.positions, ms: event.data.ms ?? 0 });
      else reject(new Error(event.data.error ?? 'layout failed'));
    };
    w.onerror = (event) => reject(new Error(event.message || 'layout worker failed'));
    w.postMessage(request);
  });
}

/**
 * Moves nodes to computed positions: animated for small graphs; otherwise DRAW_CHUNK nodes a
 * task, frames apart, redrawn once at the end (without-redraws.ts), so re-measuring thousands of
 * edges is neither one long task nor a full redraw per chunk.
 */
export async function applyPositions(cy: Core, nodes: NodeCollection, positions: PositionResult, animate: boolean): Promise<void> {
  const at = (id: string): Position | undefined => positions[id];
  if (!animate || nodes.length > ANIMATE_LAYOUT_NODES) {
    const all = nodes.toArray();
    await withoutRedraws(cy, async (pause) => {
      for (let i = 0; i < all.length; i += DRAW_CHUNK) {
        if (i > 0) await pause();
        for (const n of all.slice(i, i + DRAW_CHUNK)) {
          const p = at(n.id());
          if (p && !n.locked()) n.position(p);
        }
      }
    });
    return;
  }
  await Promise.all(
    nodes.map((n) => {
      const p = at(n.id());
      return p && !n.locked()
        ? n
            .animation({ position: p, duration: 400 } as unknown as Parameters<typeof n.animation>[0])
            .play()
            .promise()
        : Promise.resolve();
    }),
  );
}
