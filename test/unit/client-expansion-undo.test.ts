import { afterEach, describe, expect, it } from 'vitest';
import type { EntitySummary, ExpansionRelation } from '../../client/src/api/operations.ts';
import { planCollapse, planExpansion, remainingRelations, type ExpansionRecord } from '../../client/src/graph/expansion.ts';
import type { GraphView } from '../../client/src/graph/graph-view.ts';
import { ENTITIES, RELATIONS, entity, expansionRelation, newView, relation } from './client-fixtures.ts';

/** A hub with `n` neighbours, as one page of relations ordered like the server's. */
function hubPage(n: number) {
  const hub = entity('hub', 'Initiative', 'Hub', n);
  const leaves = Array.from({ length: n }, (_, i) => entity(`leaf-${String(i).padStart(3, '0')}`, 'Company'));
  const byId = new Map<string, EntitySummary>([[hub.id, hub], ...leaves.map((l) => [l.id, l] as const)]);
  const relations: ExpansionRelation[] = leaves.map((l) => expansionRelation(relation('hub', 'EXCLUDES', l.id), byId));
  return { hub, leaves, relations, cursors: relations.map((_, i) => `c${i}`) };
}

describe('planExpansion', () => {
  it('takes at most `cap` new neighbours and resumes right after the last relation taken', () => {
    const { relations, cursors } = hubPage(60);
    const plan = planExpansion('hub', { relations, cursors, endCursor: 'c59' }, () => false, 25);
    expect(plan.newEntities).toHaveLength(25);
    expect(plan.relations).toHaveLength(25);
    expect(plan.capped).toBe(true);
    expect(plan.after).toBe('c24');
    expect(plan.consumed).toBe(25);
  });

  it('does not count neighbours already drawn against the cap', () => {
    const { relations, cursors } = hubPage(30);
    const drawn = new Set(relations.slice(0, 10).map((r) => r.to.id));
    const plan = planExpansion('hub', { relations, cursors, endCursor: 'c29' }, (id) => drawn.has(id), 15);
    expect(plan.newEntities).toHaveLength(15);
    expect(plan.relations).toHaveLength(25); // 10 to drawn neighbours + 15 new
    expect(plan.after).toBe('c24');
  });

  it('uses the page end cursor when the page fits under the cap', () => {
    const { relations, cursors } = hubPage(5);
    const plan = planExpansion('hub', { relations, cursors, endCursor: 'end' }, () => false, 25);
    expect(plan).toMatchObject({ capped: false, after: 'end', consumed: 5 });
  });

  it('counts an entity reached by two relations once', () => {
    const a = entity('a', 'Initiative');
    const b = entity('b', 'Company');
    const byId = new Map([
      [a.id, a],
      [b.id, b],
    ]);
    const relations = [expansionRelation(relation('a', 'EXCLUDES', 'b'), byId), expansionRelation(relation('a', 'TARGETS', 'b'), byId)];
    const plan = planExpansion('a', { relations, cursors: ['1', '2'], endCursor: '2' }, () => false, 1);
    expect(plan.newEntities.map((e) => e.id)).toEqual(['b']);
    expect(plan.relations).toHaveLength(2);
  });

  it('reports what is left for "show N more"', () => {
    const record: ExpansionRecord = { added: [], after: 'c24', consumed: 25, total: 60 };
    expect(remainingRelations(record)).toBe(35);
  });
});

describe('planCollapse', () => {
  const adjacency: Record<string, string[]> = {
    hub: ['a', 'b', 'c'],
    a: ['hub'],
    b: ['hub', 'other'],
    c: ['hub', 'd'],
    d: ['c'],
    other: ['b'],
  };
  const expansions: Record<string, ExpansionRecord> = {
    hub: { added: ['a', 'b', 'c'], after: null, consumed: 3, total: 3 },
    c: { added: ['d'], after: null, consumed: 1, total: 1 },
  };
  const neighbours = (id: string) => adjacency[id] ?? [];

  it('removes everything the expansion added, and what their expansions added', () => {
    // b relates to "other", which stays but is not expanded: that link does not keep b.
    expect([...planCollapse('hub', expansions, neighbours, () => false)].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps pinned entities and the expansion that brought them', () => {
    expect([...planCollapse('hub', expansions, neighbours, (id) => id === 'd')].sort()).toEqual(['a', 'b']);
  });

  it('keeps what another expanded entity that stays relates to', () => {
    const withOther = { ...expansions, other: { added: [], after: null, consumed: 1, total: 1 } };
    expect([...planCollapse('hub', withOther, neighbours, () => false)].sort()).toEqual(['a', 'c', 'd']);
  });

  it('removes all three entities an expansion added, though they relate to the opening view', () => {
    // The opening view: cn and gi and their neighbours; expanding huawei added x, y and z, each
    // connected afterwards to entities of the opening view (never expanded).
    const adjacencyB: Record<string, string[]> = {
      huawei: ['cn', 'x', 'y', 'z'],
      x: ['huawei', 'cn'],
      y: ['huawei', 'gi'],
      z: ['huawei', 'x'],
    };
    const records = { huawei: { added: ['x', 'y', 'z'], after: null, consumed: 4, total: 4 } };
    expect(
      [
        ...planCollapse(
          'huawei',
          records,
          (id) => adjacencyB[id] ?? [],
          () => false,
        ),
      ].sort(),
    ).toEqual(['x', 'y', 'z']);
  });
});

describe('GraphView', () => {
  let view: GraphView;
  afterEach(() => view.cy.destroy());

  it('draws every known relation among drawn entities, and only those', () => {
    view = newView();
    view.addEntities(ENTITIES.slice(0, 2), RELATIONS);
    expect(view.cy.edges().map((e) => e.id())).toEqual(['clean-network|EXCLUDES|huawei']);
    view.addEntities([ENTITIES[4]!], []);
    expect(view.cy.edges().length).toBe(2);
  });

  it('places new entities around the entity they came from without moving the others', () => {
    view = newView();
    view.addEntities([ENTITIES[0]!, ENTITIES[4]!], [], {
      positions: new Map([
        ['clean-network', { x: 0, y: 0 }],
        ['us', { x: -300, y: 0 }],
      ]),
    });
    view.addEntities([ENTITIES[1]!, ENTITIES[2]!], RELATIONS, { near: 'clean-network' });
    expect(view.cy.getElementById('clean-network').position()).toEqual({ x: 0, y: 0 });
    expect(view.cy.getElementById('us').position()).toEqual({ x: -300, y: 0 });
    for (const id of ['huawei', 'zte']) {
      const p = view.cy.getElementById(id).position();
      expect(Math.hypot(p.x, p.y)).toBeCloseTo(130, 0);
      expect(p.x).toBeGreaterThan(0); // away from the rest of the graph, which lies to the left
    }
  });

  it('undoes and redoes adding, expanding, pinning, collapsing, hiding and moving', async () => {
    view = newView();
    view.change('Open', () => view.addEntities([ENTITIES[0]!], []));
    const snapshot = () => ({
      nodes: view.cy
        .nodes()
        .map((n) => n.id())
        .sort(),
      edges: view.cy
        .edges()
        .map((e) => e.id())
        .sort(),
      pinned: view.getMeta().pinned,
    });
    const states = [snapshot()];

    view.change('Expand Clean Network', () => {
      const added = view.addEntities(ENTITIES.slice(1, 3).concat(ENTITIES[4]!), RELATIONS, { near: 'clean-network' });
      view.recordExpansion('clean-network', { added, after: null, consumed: 3, total: 3 });
    });
    states.push(snapshot());
    view.change('Pin Huawei', () => view.setPinned('huawei', true));
    states.push(snapshot());
    expect(view.cy.getElementById('huawei').locked()).toBe(true);
    view.change('Collapse Clean Network', () => view.collapse('clean-network'));
    states.push(snapshot());
    expect(states[3]!.nodes).toEqual(['clean-network', 'huawei']);
    view.change('Hide Huawei', () => view.removeEntities(['huawei']));
    states.push(snapshot());

    const node = view.cy.getElementById('clean-network');
    const from = new Map([['clean-network', { ...node.position() }]]);
    node.position({ x: 500, y: 500 });
    view.recordMoves('Move Clean Network', from);

    expect(await view.undo()).toBe('Move Clean Network');
    expect(view.cy.getElementById('clean-network').position()).toEqual(from.get('clean-network'));
    for (let i = states.length - 1; i > 0; i--) {
      expect(snapshot()).toEqual(states[i]);
      await view.undo();
    }
    expect(snapshot()).toEqual(states[0]);
    expect(view.history.canUndo).toBe(true);
    await view.undo();
    expect(view.cy.nodes().length).toBe(0);
    expect(view.history.canUndo).toBe(false);

    await view.redo();
    for (let i = 1; i < states.length; i++) {
      await view.redo();
      expect(snapshot()).toEqual(states[i]);
    }
    expect(view.getMeta().pinned).toEqual([]);
    await view.redo();
    expect(view.cy.getElementById('clean-network').position()).toEqual({ x: 500, y: 500 });
    expect(view.history.canRedo).toBe(false);
  });

  it('restores the expansion bookkeeping on undo, so collapse after redo still works', async () => {
    view = newView();
    view.change('Open', () => view.addEntities([ENTITIES[0]!], []));
    view.change('Expand', () => {
      const added = view.addEntities([ENTITIES[1]!, ENTITIES[2]!], RELATIONS, { near: 'clean-network' });
      view.recordExpansion('clean-network', { added, after: null, consumed: 2, total: 2 });
    });
    await view.undo();
    expect(view.expansionOf('clean-network')).toBeUndefined();
    await view.redo();
    expect(view.expansionOf('clean-network')?.added).toEqual(['huawei', 'zte']);
    view.change('Collapse', () => view.collapse('clean-network'));
    expect(view.entityIds()).toEqual(['clean-network']);
  });

  it('records nothing for a change that changes nothing, and a new change clears redo', async () => {
    view = newView();
    view.change('Nothing', () => undefined);
    expect(view.history.canUndo).toBe(false);
    view.change('Add', () => view.addEntities([ENTITIES[0]!], []));
    await view.undo();
    expect(view.history.canRedo).toBe(true);
    view.change('Add other', () => view.addEntities([ENTITIES[1]!], []));
    expect(view.history.canRedo).toBe(false);
  });

  // Speed is measured by `npm run bench:client`, never asserted here.
  it('applies, undoes and redoes a thousand-entity expansion as one step', async () => {
    view = newView();
    const { hub, leaves, relations } = hubPage(1000);
    view.change('Open', () => view.addEntities([hub], []));
    view.change('Expand', () => view.addEntities(leaves, relations, { near: 'hub' }));
    expect(view.cy.elements().length).toBe(2001);
    await view.undo();
    expect(view.cy.elements().length).toBe(1);
    await view.redo();
    expect(view.cy.elements().length).toBe(2001);
  });
});
