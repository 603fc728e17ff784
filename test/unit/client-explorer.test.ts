import { afterEach, describe, expect, it } from 'vitest';
import type { GraphQLClient, Operation } from '../../client/src/api/graphql-client.ts';
import type { EntitySummary, ExpansionRelation } from '../../client/src/api/operations.ts';
import { Explorer } from '../../client/src/graph/explorer.ts';
import type { GraphView } from '../../client/src/graph/graph-view.ts';
import { entity, expansionRelation, newView, relation } from './client-fixtures.ts';

/** A fake API over a hub with `n` leaves, paged like the server (offset cursors). */
function fakeApi(n: number) {
  const hub = entity('hub', 'Initiative', 'Hub', n);
  const leaves = Array.from({ length: n }, (_, i) => entity(`leaf-${String(i).padStart(3, '0')}`, 'Company'));
  const byId = new Map<string, EntitySummary>([[hub.id, hub], ...leaves.map((l) => [l.id, l] as const)]);
  const rels: ExpansionRelation[] = leaves.map((l) => expansionRelation(relation('hub', 'EXCLUDES', l.id), byId));
  const calls: Array<{ op: string; variables: Record<string, unknown> }> = [];
  const api: Pick<GraphQLClient, 'request'> = {
    request: (async (op: Operation<unknown, unknown>, variables: Record<string, unknown>) => {
      calls.push({ op: op.name, variables });
      if (op.name === 'EntityRelations') {
        const start = variables.after ? Number(variables.after) + 1 : 0;
        const first = Number(variables.first);
        const page = rels.slice(start, start + first);
        return {
          entity: {
            ...hub,
            relations: {
              totalCount: rels.length,
              pageInfo: { hasNextPage: start + first < rels.length, endCursor: page.length ? String(start + page.length - 1) : null },
              edges: page.map((_, i) => ({ cursor: String(start + i) })),
              nodes: page,
            },
          },
        };
      }
      if (op.name === 'Neighbourhood') return { neighbourhood: { nodes: [], edges: [], truncated: false } };
      if (op.name === 'Subgraph') {
        const ids = new Set(variables.ids as string[]);
        return {
          subgraph: {
            nodes: [...ids].flatMap((id) => byId.get(id) ?? []),
            edges: rels.filter((r) => ids.has(r.from.id) && ids.has(r.to.id)),
            truncated: false,
          },
        };
      }
      throw new Error(`unexpected ${op.name}`);
    }) as Pick<GraphQLClient, 'request'>['request'],
  };
  return { api, hub, calls };
}

describe('Explorer (fake API, headless Cytoscape)', () => {
  let view: GraphView;
  afterEach(() => view.cy.destroy());

  function setup(n: number) {
    view = newView();
    const { api, hub, calls } = fakeApi(n);
    const errors: unknown[] = [];
    const explorer = new Explorer(view, api, { cap: 25, onError: (e) => errors.push(e), layoutName: () => 'grid' });
    view.addEntities([hub], [], { positions: new Map([['hub', { x: 0, y: 0 }]]) });
    return { explorer, calls, errors };
  }

  it('expands 25 at a time across pages, then shows the rest, one undo step each', async () => {
    const { explorer, errors } = setup(260);
    const first = await explorer.expand('hub');
    expect(first).toEqual({ added: expect.any(Array), remaining: 235 });
    expect(first!.added).toHaveLength(25);
    expect(view.cy.nodes()).toHaveLength(26);
    expect(view.cy.getElementById('hub').position()).toEqual({ x: 0, y: 0 });

    const second = await explorer.expand('hub');
    expect(second!.added[0]).toBe('leaf-025');
    expect(second!.remaining).toBe(210);
    expect(view.expansionOf('hub')).toMatchObject({ consumed: 50, total: 260, after: '49' });

    await explorer.undo();
    expect(view.cy.nodes()).toHaveLength(26);
    expect(view.expansionOf('hub')?.consumed).toBe(25);
    await explorer.redo();
    expect(view.cy.nodes()).toHaveLength(51);

    await explorer.collapse('hub');
    expect(view.entityIds()).toEqual(['hub']);
    expect(errors).toEqual([]);
  });

  it('pages past relations to entities already drawn', async () => {
    const { explorer, calls } = setup(150);
    // The first 120 leaves are already drawn.
    view.addEntities(
      Array.from({ length: 120 }, (_, i) => entity(`leaf-${String(i).padStart(3, '0')}`, 'Company')),
      [],
    );
    const result = await explorer.expand('hub');
    expect(result!.added).toHaveLength(25);
    expect(result!.added[0]).toBe('leaf-120');
    expect(calls.filter((c) => c.op === 'EntityRelations')).toHaveLength(2);
    expect(view.cy.edges()).toHaveLength(145);
  });

  it('reopens a link with one subgraph call: what still exists, at its positions; a name since removed is reported', async () => {
    view = newView();
    const { api, calls } = fakeApi(10);
    const explorer = new Explorer(view, api, { onError: (e) => expect.fail(String(e)), layoutName: () => 'fcose' });
    const missing = await explorer.restore(
      [
        { id: 'hub', x: 0, y: 0 },
        { id: 'leaf-003', x: 100, y: 50 },
        { id: 'gone', x: 5, y: 5 },
      ],
      ['hub'],
    );
    expect(missing).toEqual(['gone']);
    expect(calls.map((c) => c.op)).toEqual(['Subgraph']);
    expect(view.entityIds().sort()).toEqual(['hub', 'leaf-003']);
    expect(view.cy.edges().map((e) => e.data('source') + '>' + e.data('target'))).toEqual(['hub>leaf-003']);
    expect(view.cy.getElementById('leaf-003').position()).toEqual({ x: 100, y: 50 });
    expect(view.isPinned('hub')).toBe(true);
  });

  it('reopens a big link (no positions) as a big graph: laid out by the force layout, every relation drawn', async () => {
    view = newView();
    const { api } = fakeApi(400);
    const explorer = new Explorer(view, api, { onError: (e) => expect.fail(String(e)), layoutName: () => 'fcose' });
    const ids = ['hub', ...Array.from({ length: 400 }, (_, i) => `leaf-${String(i).padStart(3, '0')}`)];
    expect(
      await explorer.restore(
        ids.map((id) => ({ id })),
        [],
      ),
    ).toEqual([]);
    expect(view.cy.nodes()).toHaveLength(401);
    expect(view.cy.edges()).toHaveLength(400);
    const spots = new Set(view.cy.nodes().map((n) => `${Math.round(n.position().x)},${Math.round(n.position().y)}`));
    expect(spots.size).toBe(401);
    expect(view.history.canUndo).toBe(true);
  });

  it('reports a failing action and leaves the view as it was', async () => {
    view = newView();
    const errors: unknown[] = [];
    const api = { request: async () => Promise.reject(new Error('boom')) } as unknown as Pick<GraphQLClient, 'request'>;
    const explorer = new Explorer(view, api, { onError: (e) => errors.push(e), layoutName: () => 'grid' });
    view.addEntities([entity('x', 'Company')], []);
    expect(await explorer.expand('x')).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(view.history.canUndo).toBe(false);
    expect(explorer.busy).toBe(false);
  });
});
