/**
 * Draws a big graph (thousands of elements) so the page keeps answering and nothing is drawn
 * twice. Cytoscape redraws and re-measures everything that moved on the frame after a change,
 * and at 10k elements a frame in which relations move costs a second or more (software
 * rendering). So:
 *  1. the force layout starts at once in the Web Worker, from the data and cheap seed positions;
 *  2. meanwhile the entities are drawn at those seed positions, a chunk a frame;
 *  3. the computed positions are applied to the entities, which have no relations yet, and the
 *     view is fitted;
 *  4. then the relations are drawn, a chunk a frame, already where they belong.
 */
import type { NodeCollection } from 'cytoscape';
import type { EntitySummary } from '../api/operations.ts';
import type { CachedRelation } from './entity-cache.ts';
import { computePositions, type PositionAnswer, type PositionRequest } from './compute-positions.ts';
import type { GraphView } from './graph-view.ts';
import { nodeDiameter } from './graph-style.ts';
import { applyPositions, positionsInWorker, type LayoutReport } from './layout-runner.ts';
import { seedPositions } from './seed-positions.ts';
import { fitView } from './viewport.ts';

export interface DrawLargeOptions {
  /** Elements drawn per frame. */
  chunk: number;
  /** Entities that keep their place (pinned). */
  fixed?: ReadonlySet<string>;
  /** Called between the phases, e.g. to say "Laying out…". */
  onPhase?: (phase: 'entities' | 'layout' | 'relations') => void;
}

/** Draws `entities` and `relations` into `view` laid out by the force layout; see above. */
export async function drawLargeGraph(view: GraphView, entities: readonly EntitySummary[], relations: readonly CachedRelation[], options: DrawLargeOptions): Promise<LayoutReport> {
  const edges = relations.map((r) => ({ source: r.from.id, target: r.to.id }));
  const seeds = seedPositions(entities, edges);
  const request: PositionRequest = {
    nodes: entities.map((e) => ({ id: e.id, x: seeds.get(e.id)!.x, y: seeds.get(e.id)!.y, size: nodeDiameter(e.degree) })),
    edges,
    fixed: [...(options.fixed ?? [])],
  };
  // No Worker (headless tests) or a worker that fails: the same layout, on this thread, later.
  const computing: Promise<PositionAnswer | undefined> = typeof Worker === 'undefined' ? Promise.resolve(undefined) : positionsInWorker(request).catch(() => undefined);

  options.onPhase?.('entities');
  const drawn = await view.addEntitiesInChunks(entities, [], { positions: seeds }, options.chunk);
  fitView(view.cy, undefined, { animate: false });

  options.onPhase?.('layout');
  const fromWorker = await computing;
  const answer = fromWorker ?? computePositions(request);
  const nodes = view.cy.collection();
  for (const id of drawn) nodes.merge(view.cy.getElementById(id));
  await applyPositions(view.cy, nodes as NodeCollection, answer.positions, false);
  fitView(view.cy, undefined, { animate: false });

  options.onPhase?.('relations');
  await view.addEntitiesInChunks([], relations, {}, options.chunk);
  return { where: fromWorker ? 'worker' : 'main', computeMs: answer.ms };
}
