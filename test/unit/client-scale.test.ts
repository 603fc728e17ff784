import { describe, expect, it } from 'vitest';
import { planDrawChunks } from '../../client/src/graph/draw-chunks.ts';
import { drawLargeGraph } from '../../client/src/graph/draw-large-graph.ts';
import { withoutRedraws } from '../../client/src/graph/without-redraws.ts';
import { nodeDiameter } from '../../client/src/graph/graph-style.ts';
import { forceLayout, iterationsFor } from '../../client/src/graph/force-layout.ts';
import { runLayout } from '../../client/src/graph/layout-runner.ts';
import { FORCE_LAYOUT_NODES } from '../../client/src/graph/scale-policy.ts';
import { seedPositions } from '../../client/src/graph/seed-positions.ts';
import { syntheticGraph } from '../../client/src/graph/synthetic-graph.ts';
import { newView } from './client-fixtures.ts';

const KINDS = ['Country', 'Company', 'App'];
const TYPES = ['EXCLUDES', 'TARGETS', 'OWNS'];

/** The synthetic graph as layout input: nodes, edges, all at the origin unless seeded. */
function graph(elements: number) {
  const { entities, relations } = syntheticGraph(elements, KINDS, TYPES);
  const edges = relations.map((r) => ({ source: r.from.id, target: r.to.id }));
  return { entities, relations, edges, nodes: entities.map((e) => ({ id: e.id })) };
}

type Points = Record<string, { x: number; y: number }> | Map<string, { x: number; y: number }>;
const at = (points: Points, id: string) => (points instanceof Map ? points.get(id) : points[id])!;
const dist = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

/**
 * Sanity of a layout: finite, no two nodes on one spot, neighbours nearer than strangers (on
 * average, by at least `closer`: 0.5 = half as far).
 */
function expectReadable(points: Points, ids: string[], edges: Array<{ source: string; target: string }>, minGap: number, closer = 0.5): void {
  for (const id of ids) {
    const p = at(points, id);
    expect(Number.isFinite(p.x) && Number.isFinite(p.y), id).toBe(true);
  }
  const spots = new Set(ids.map((id) => `${Math.round(at(points, id).x / minGap)},${Math.round(at(points, id).y / minGap)}`));
  // Rounding to a grid of minGap can merge two close but distinct nodes; allow a few.
  expect(spots.size).toBeGreaterThan(ids.length * 0.9);
  let closest = Infinity;
  for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) closest = Math.min(closest, dist(at(points, ids[i]!), at(points, ids[j]!)));
  expect(closest).toBeGreaterThan(minGap);
  const connected = edges.reduce((sum, e) => sum + dist(at(points, e.source), at(points, e.target)), 0) / edges.length;
  let random = 0;
  let seed = 7;
  const pick = () => ids[(seed = (seed * 48_271) % 2_147_483_647) % ids.length]!;
  for (let k = 0; k < 2_000; k++) random += dist(at(points, pick()), at(points, pick()));
  random /= 2_000;
  expect(connected).toBeLessThan(random * closer);
}

describe('seed positions (drawn before the layout)', () => {
  it('places every node once, apart, neighbours a little nearer than strangers', () => {
    const { nodes, edges } = graph(1_500);
    const seeds = seedPositions(nodes, edges);
    expect(seeds.size).toBe(nodes.length);
    // Only a start: the force layout brings neighbours together.
    expectReadable(
      seeds,
      nodes.map((n) => n.id),
      edges,
      20,
      0.95,
    );
  });

  it('packs separate components side by side instead of on top of each other', () => {
    const nodes = ['a', 'b', 'c', 'd', 'lonely'].map((id) => ({ id }));
    const seeds = seedPositions(nodes, [
      { source: 'a', target: 'b' },
      { source: 'c', target: 'd' },
    ]);
    const spots = new Set([...seeds.values()].map((p) => `${Math.round(p.x)},${Math.round(p.y)}`));
    expect(spots.size).toBe(5);
    expect(dist(seeds.get('a')!, seeds.get('b')!)).toBeLessThan(dist(seeds.get('a')!, seeds.get('d')!) + 1);
  });
});

describe('force layout (the Web Worker layout for big graphs)', () => {
  it('lays out a synthetic graph readably: finite, no overlaps, neighbours close', () => {
    const { nodes, edges } = graph(1_500);
    // Everything starts on one spot: the layout must pull it apart by itself.
    const request = { nodes: nodes.map((n) => ({ id: n.id, x: 0, y: 0, size: 22 })), edges, fixed: [] };
    const positions = forceLayout(request);
    expect(Object.keys(positions)).toHaveLength(nodes.length);
    expectReadable(
      positions,
      nodes.map((n) => n.id),
      edges,
      8,
    );
  });

  it('keeps pinned nodes where they are and ignores edges to unknown nodes', () => {
    const request = {
      nodes: [
        { id: 'pinned', x: 500, y: -300, size: 30 },
        { id: 'a', x: 0, y: 0, size: 30 },
        { id: 'b', x: 1, y: 0, size: 30 },
      ],
      edges: [
        { source: 'a', target: 'pinned' },
        { source: 'a', target: 'b' },
        { source: 'a', target: 'ghost' },
      ],
      fixed: ['pinned'],
    };
    const positions = forceLayout(request);
    expect(positions.pinned).toEqual({ x: 500, y: -300 });
    expect(dist(positions.a!, positions.b!)).toBeGreaterThan(30);
    expect(Object.keys(positions).sort()).toEqual(['a', 'b', 'pinned']);
  });

  it('spends fewer steps per node as graphs grow', () => {
    expect(iterationsFor(300)).toBe(300);
    expect(iterationsFor(3_333)).toBeLessThan(iterationsFor(1_667));
    expect(iterationsFor(50_000)).toBe(100);
  });

  it('is what the runner uses past FORCE_LAYOUT_NODES (here without a Worker, on this thread)', async () => {
    const { entities, relations } = graph(3 * (FORCE_LAYOUT_NODES + 50));
    const view = newView();
    view.addEntities(entities, relations, { positions: new Map(entities.map((e) => [e.id, { x: 0, y: 0 }])) });
    const report = await runLayout(view.cy, 'fcose', { animate: false });
    expect(report?.where).toBe('main');
    const positions = new Map(view.cy.nodes().map((n) => [n.id(), { ...n.position() }]));
    expectReadable(
      positions,
      [...positions.keys()],
      relations.map((r) => ({ source: r.from.id, target: r.to.id })),
      8,
    );
  });
});

describe('drawing in chunks', () => {
  it('splits into bounded chunks, every element once, entities before any relation', () => {
    const { entities, relations } = graph(10_000);
    const chunks = planDrawChunks(entities, relations, 1_500);
    expect(chunks.length).toBe(Math.ceil(entities.length / 1_500) + Math.ceil(relations.length / 1_500));
    const drawn = new Set<string>();
    const seenRelations = new Set<string>();
    for (const chunk of chunks) {
      expect(chunk.entities.length + chunk.relations.length).toBeLessThanOrEqual(1_500);
      expect(chunk.entities.length === 0 || chunk.relations.length === 0).toBe(true);
      for (const e of chunk.entities) drawn.add(e.id);
      for (const r of chunk.relations) {
        expect(drawn.has(r.from.id) && drawn.has(r.to.id), r.id).toBe(true);
        seenRelations.add(r.id);
      }
    }
    expect(drawn.size).toBe(entities.length);
    expect(seenRelations.size).toBe(relations.length);
    expect(planDrawChunks([], [], 10)).toEqual([]);
  });

  it('draws a big graph chunk by chunk into the view, pausing between chunks', async () => {
    const { entities, relations } = graph(5_000);
    const view = newView();
    let pauses = 0;
    const added = await view.addEntitiesInChunks(entities, relations, {}, 1_000, async () => {
      pauses++;
    });
    expect(added).toHaveLength(entities.length);
    expect(view.cy.edges()).toHaveLength(relations.length);
    expect(pauses).toBeGreaterThanOrEqual(4);
  });
});

describe('drawing a big graph (draw-large-graph.ts)', () => {
  it('draws the entities, lays them out, and only then draws the relations, already in place', async () => {
    const { entities, relations, edges } = graph(2_000);
    const view = newView();
    const seen: Record<string, { nodes: number; edges: number }> = {};
    const report = await drawLargeGraph(view, entities, relations, {
      chunk: 500,
      onPhase: (phase) => {
        seen[phase] = { nodes: view.cy.nodes().length, edges: view.cy.edges().length };
      },
    });
    // No Worker in Node: the same layout on this thread.
    expect(report.where).toBe('main');
    expect(seen).toEqual({ entities: { nodes: 0, edges: 0 }, layout: { nodes: entities.length, edges: 0 }, relations: { nodes: entities.length, edges: 0 } });
    expect(view.cy.nodes()).toHaveLength(entities.length);
    expect(view.cy.edges()).toHaveLength(relations.length);
    // Where the force layout puts them from the seed positions, sized as the stylesheet draws them.
    const seeds = seedPositions(entities, edges);
    const expected = forceLayout({
      nodes: entities.map((e) => ({ id: e.id, ...seeds.get(e.id)!, size: nodeDiameter(e.degree) })),
      edges,
      fixed: [],
    });
    for (const e of entities.slice(0, 50)) {
      const p = view.cy.getElementById(e.id).position();
      expect(p.x).toBeCloseTo(expected[e.id]!.x, 6);
      expect(p.y).toBeCloseTo(expected[e.id]!.y, 6);
    }
    expectReadable(
      Object.fromEntries(view.cy.nodes().map((n) => [n.id(), n.position()])),
      entities.map((e) => e.id),
      edges,
      10,
    );
  });

  it('holds back Cytoscape redraws while relations are drawn: a batch stays open across the pauses, each chunk is computed at once, and the batch closes at the end, even on failure', async () => {
    const view = newView();
    const cy = view.cy as typeof view.cy & { batching(): boolean; renderer(): { flushRenderedStyleQueue?: () => void } };
    let flushes = 0;
    // Headless Cytoscape's null renderer has no such queue; this one counts the flushes.
    cy.renderer().flushRenderedStyleQueue = () => flushes++;
    const open: boolean[] = [];
    await withoutRedraws(cy, async (pause) => {
      for (let i = 0; i < 3; i++) {
        cy.add({ group: 'nodes', data: { id: `n${i}` } });
        await pause();
        open.push(cy.batching());
      }
    });
    expect(open).toEqual([true, true, true]);
    expect(flushes).toBe(4); // one a pause, one at the end
    expect(cy.batching()).toBe(false);
    expect(cy.nodes()).toHaveLength(3);
    await expect(
      withoutRedraws(cy, async () => {
        throw new Error('drawing failed');
      }),
    ).rejects.toThrow('drawing failed');
    expect(cy.batching()).toBe(false);
  });

  it('sizes nodes for the layout as the stylesheet draws them', () => {
    expect(nodeDiameter(0)).toBe(22);
    expect(nodeDiameter(1)).toBe(22);
    expect(nodeDiameter(60)).toBe(54);
    expect(nodeDiameter(500)).toBe(54);
    expect(nodeDiameter(30.5)).toBeCloseTo(38, 6);
  });
});
