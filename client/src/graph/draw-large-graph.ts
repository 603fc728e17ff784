/**
 * Draws a big graph (thousands of elements) so the page keeps answering and nothing is drawn
 * twice. Cytoscape redraws and re-measures everything that moved on the frame after a change,
 * and a frame after adding elements redraws every element one by one (software rendering: about
 * 200 ms at 10k elements). So:
 *  1. the view is fitted to cheap seed positions and the force layout starts at once in the Web
 *     Worker, from the data and those positions;
 *  2. meanwhile the entities are drawn at the seed positions, a chunk a frame (the user sees the
 *     graph arrive);
 *  3. the computed positions are applied to the entities, which have no relations yet, and the
 *     view is fitted;
 *  4. then the relations are added a chunk a task, already where they belong, with the redraws
 *     held back until the last one (`withoutRedraws`).
 */
import type { NodeCollection } from 'cytoscape';
import type { EntitySummary } from '../api/operations.ts';
import type { CachedRelation } from './entity-cache.ts';
import { computePositions, type PositionAnswer, type PositionRequest } from './compute-positions.ts';
import type { GraphView } from './graph-view.ts';
import { nodeDiameter } from './graph-style.ts';
import { applyPositions, positionsInWorker, type LayoutReport } from './layout-runner.ts';
import { seedPositions } from './seed-positions.ts';
import { fitPoints } from './viewport.ts';
import { withoutRedraws } from './without-redraws.ts';

export interface DrawLargeOptions {
  /** Elements per chunk (entities: one chunk a frame; relations: see withoutRedraws). */
  chunk: number;
  /** Entities that keep their place (pinned). */
  fixed?: ReadonlySet<string>;
  /** Called between the phases, e.g. to say "Laying out…". */
  onPhase?: (phase: 'entities' | 'layout' | 'relations') => void;
}

/** Draws `entities` and `relations` into `view` laid out by the force layout; see above. */
export async function drawLargeGraph(
  view: GraphView,
  entities: readonly EntitySummary[],
  relations: readonly CachedRelation[],
  options: DrawLargeOptions,
): Promise<LayoutReport> {
  const edges = relations.map((r) => ({ source: r.from.id, target: r.to.id }));
  const seeds = seedPositions(entities, edges);
  const request: PositionRequest = {
    nodes: entities.map((e) => ({ id: e.id, x: seeds.get(e.id)!.x, y: seeds.get(e.id)!.y, size: nodeDiameter(e.degree) })),
    edges,
    fixed: [...(options.fixed ?? [])],
  };
  // No Worker (headless tests) or a worker that fails: the same layout, on this thread, later.
  const computing: Promise<PositionAnswer | undefined> =
    typeof Worker === 'undefined' ? Promise.resolve(undefined) : positionsInWorker(request).catch(() => undefined);

  options.onPhase?.('entities');
  // Fitted first: frames drawn at the zoom the graph is seen at (labels mostly below their
  // minimum size) cost a fraction of frames drawn at zoom 1.
  fitPoints(view.cy, seeds.values());
  const drawn = await view.addEntitiesInChunks(entities, [], { positions: seeds }, options.chunk);

  options.onPhase?.('layout');
  const fromWorker = await computing;
  const answer = fromWorker ?? computePositions(request);
  const nodes = view.cy.collection();
  for (const id of drawn) nodes.merge(view.cy.getElementById(id));
  await applyPositions(view.cy, nodes as NodeCollection, answer.positions, false);
  fitPoints(
    view.cy,
    (nodes as NodeCollection).map((n) => n.position()),
  );

  options.onPhase?.('relations');
  await withoutRedraws(view.cy, (pause) => view.addEntitiesInChunks([], relations, {}, options.chunk, pause));
  return { where: fromWorker ? 'worker' : 'main', computeMs: answer.ms };
}
