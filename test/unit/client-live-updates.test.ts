/**
 * Live updates in a headless Cytoscape: what a seed change does to the drawing (the plan), and
 * that GraphView carries it out in place — nothing drawn moves, filters and selection survive,
 * it is no undo step, and undoing or redoing older steps never brings back what it removed.
 */
import { describe, expect, it } from 'vitest';
import type { ChangedIds } from '../../client/src/api/live-operations.ts';
import type { EntitySummary, Relation } from '../../client/src/api/operations.ts';
import { kindStylesFrom } from '../../client/src/graph/element-model.ts';
import { NO_FILTERS } from '../../client/src/graph/filters.ts';
import { GraphView } from '../../client/src/graph/graph-view.ts';
import { idsToFetch, isEmptyPlan, planLiveChange, type ChangeIds, type FetchedGraph } from '../../client/src/graph/live-change-plan.ts';
import { ENTITIES, KINDS, RELATIONS, entity, headlessCy, newView, relation } from './client-fixtures.ts';

const none = (): ChangedIds => ({ created: [], updated: [], removed: [] });
const changeOf = (parts: { entities?: Partial<ChangedIds>; relations?: Partial<ChangedIds> }): ChangeIds => ({
  entities: { ...none(), ...parts.entities },
  relations: { ...none(), ...parts.relations },
});

/** The server's graph after a change: answers `subgraph(ids)` as the API does (those entities, every relation among them). */
function server(entities: EntitySummary[], relations: Relation[]) {
  return (calls: string[][]): FetchedGraph => ({
    calls: calls.map((ids) => {
      const asked = new Set(ids);
      return {
        ids,
        nodes: entities.filter((e) => asked.has(e.id)),
        edges: relations.filter((r) => asked.has(r.from.id) && asked.has(r.to.id)),
      };
    }),
  });
}

const byId = (id: string) => ENTITIES.find((e) => e.id === id)!;
const rel = (id: string) => RELATIONS.find((r) => r.id === id)!;

/** Clean Network, Huawei, ZTE and the United States with their three relations, at fixed positions. */
function drawn(): GraphView {
  const view = newView();
  const ids = ['clean-network', 'huawei', 'zte', 'us'];
  const positions = new Map(ids.map((id, i) => [id, { x: i * 200, y: (i % 2) * 100 }]));
  view.addEntities(
    ids.map(byId),
    RELATIONS.filter((r) => ids.includes(r.from.id) && ids.includes(r.to.id)),
    { positions },
  );
  return view;
}

function positionsOf(view: GraphView): Record<string, { x: number; y: number }> {
  return Object.fromEntries(view.cy.nodes().map((n) => [n.id(), { ...n.position() }]));
}

/** Plans and applies a change against a server state, as the live-updates feature does. */
function applyLive(view: GraphView, change: ChangeIds | null, entities: EntitySummary[], relations: Relation[]) {
  const calls = idsToFetch(view.cy, change, { known: (id) => view.cache.entities.has(id) });
  const plan = planLiveChange(view.cy, change, calls.length > 0 ? server(entities, relations)(calls) : null);
  const added = view.applyExternalChange(plan);
  return { plan, added, calls };
}

const UK = entity('uk', 'Country', 'United Kingdom', 1);
const UK_EXCLUDES_HUAWEI = relation('uk', 'EXCLUDES', 'huawei', { since: '2020-07-14', seedFile: 'seed/data/uk.yaml' });
const HUAWEI_OWNS_ZTE = relation('huawei', 'OWNS', 'zte');

describe('planLiveChange', () => {
  it('adds created relations between drawn entities and new entities that connect to them, updates and removes what is drawn', () => {
    const view = drawn();
    const renamed = { ...byId('huawei'), name: 'Huawei Technologies' };
    const change = changeOf({
      entities: { created: ['uk'], updated: ['huawei'] },
      relations: { created: [UK_EXCLUDES_HUAWEI.id, HUAWEI_OWNS_ZTE.id], removed: ['clean-network|EXCLUDES|zte'] },
    });
    const after = {
      entities: [...ENTITIES.filter((e) => e.id !== 'huawei'), renamed, UK],
      relations: [...RELATIONS.filter((r) => r.id !== 'clean-network|EXCLUDES|zte'), UK_EXCLUDES_HUAWEI, HUAWEI_OWNS_ZTE],
    };
    const calls = idsToFetch(view.cy, change);
    expect(calls).toEqual([['uk', 'clean-network', 'huawei', 'zte', 'us']]);
    const plan = planLiveChange(view.cy, change, server(after.entities, after.relations)(calls));
    expect(plan.removeRelations).toEqual(['clean-network|EXCLUDES|zte']);
    expect(plan.removeEntities).toEqual([]);
    expect(plan.updateEntities.map((e) => [e.id, e.name])).toEqual([['huawei', 'Huawei Technologies']]);
    expect(plan.addEntities.map((e) => e.id)).toEqual(['uk']);
    expect(plan.addRelations.map((r) => r.id).sort()).toEqual([HUAWEI_OWNS_ZTE.id, UK_EXCLUDES_HUAWEI.id].sort());
    expect(plan.highlight.sort()).toEqual(['huawei', 'uk', HUAWEI_OWNS_ZTE.id, UK_EXCLUDES_HUAWEI.id].sort());
  });

  it('does not draw a new entity with no relation to what is drawn, nor a relation to an entity out of view', () => {
    const view = drawn();
    const loner = entity('loner', 'Company');
    const toTiktok = relation('huawei', 'TARGETS', 'tiktok');
    const change = changeOf({ entities: { created: ['loner'] }, relations: { created: [toTiktok.id] } });
    const plan = planLiveChange(view.cy, change, server([...ENTITIES, loner], [...RELATIONS, toTiktok])(idsToFetch(view.cy, change)));
    expect(isEmptyPlan(plan)).toBe(true);
  });

  it('reads nothing for a change that only removes, or touches nothing drawn', () => {
    const view = drawn();
    expect(idsToFetch(view.cy, changeOf({ relations: { removed: ['clean-network|EXCLUDES|zte'] } }))).toEqual([]);
    expect(idsToFetch(view.cy, changeOf({ entities: { updated: ['tiktok'] }, relations: { updated: ['eo-13942|TARGETS|tiktok'] } }))).toEqual([]);
    const plan = planLiveChange(view.cy, changeOf({ entities: { removed: ['zte'] } }), null);
    expect(plan.removeEntities).toEqual(['zte']);
    expect(plan.removeRelations).toEqual(['clean-network|EXCLUDES|zte']);
  });

  it('on a catch-up (only the version is known to have moved) finds what is gone, changed and new among what is drawn', () => {
    const view = drawn();
    const later = { ...rel('clean-network|EXCLUDES|huawei'), until: '2024-01-01' };
    const entities = ENTITIES.filter((e) => e.id !== 'zte');
    const relations = [...RELATIONS.filter((r) => r.id !== 'clean-network|EXCLUDES|huawei'), later, relation('us', 'TARGETS', 'huawei')];
    const calls = idsToFetch(view.cy, null);
    const plan = planLiveChange(view.cy, null, server(entities, relations)(calls));
    expect(plan.removeEntities).toEqual(['zte']);
    expect(plan.removeRelations).toEqual(['clean-network|EXCLUDES|zte']);
    expect(plan.updateRelations.map((r) => [r.id, r.until])).toEqual([['clean-network|EXCLUDES|huawei', '2024-01-01']]);
    expect(plan.addRelations.map((r) => r.id)).toEqual(['us|TARGETS|huawei']);
    expect(plan.addEntities).toEqual([]);
  });

  it('never takes a relation for gone when its two ends were asked for in different calls', () => {
    const view = drawn();
    const calls = idsToFetch(view.cy, null, { perCall: 2 });
    expect(calls).toHaveLength(2);
    // The server answers each call with the relations inside it only: those across calls are missing.
    const plan = planLiveChange(view.cy, null, server(ENTITIES, RELATIONS)(calls));
    const across = view.cy.edges().filter((e) => calls.findIndex((c) => c.includes(e.source().id())) !== calls.findIndex((c) => c.includes(e.target().id())));
    expect(across.nonempty()).toBe(true);
    expect(plan.removeRelations).toEqual([]);
  });
});

describe('GraphView.applyExternalChange', () => {
  it('updates in place: nothing drawn moves, the new entity sits next to its neighbour, no undo step, filters and selection kept', () => {
    const view = drawn();
    view.setFilters({ ...NO_FILTERS, hiddenTypes: ['OWNS'] });
    view.cy.getElementById('clean-network').select();
    const before = positionsOf(view);
    const canUndo = view.history.canUndo;
    const { added } = applyLive(
      view,
      changeOf({ entities: { created: ['uk'] }, relations: { created: [UK_EXCLUDES_HUAWEI.id, HUAWEI_OWNS_ZTE.id], removed: ['clean-network|EXCLUDES|zte'] } }),
      [...ENTITIES, UK],
      [...RELATIONS.filter((r) => r.id !== 'clean-network|EXCLUDES|zte'), UK_EXCLUDES_HUAWEI, HUAWEI_OWNS_ZTE],
    );
    expect(added).toEqual(['uk']);
    const after = positionsOf(view);
    for (const [id, p] of Object.entries(before)) expect(after[id]).toEqual(p);
    const huawei = view.cy.getElementById('huawei').position();
    const uk = view.cy.getElementById('uk').position();
    expect(Math.hypot(uk.x - huawei.x, uk.y - huawei.y)).toBeGreaterThan(100);
    expect(Math.hypot(uk.x - huawei.x, uk.y - huawei.y)).toBeLessThan(250);
    expect(view.has('clean-network|EXCLUDES|zte')).toBe(false);
    expect(view.cache.relations.has('clean-network|EXCLUDES|zte')).toBe(false);
    expect(view.has(UK_EXCLUDES_HUAWEI.id)).toBe(true);
    // The filter still hides OWNS, also for the relation that just arrived.
    expect(view.cy.getElementById(HUAWEI_OWNS_ZTE.id).hasClass('filtered')).toBe(true);
    expect(view.filters.hiddenTypes).toEqual(['OWNS']);
    expect(view.cy.getElementById('clean-network').selected()).toBe(true);
    expect(view.history.canUndo).toBe(canUndo);
  });

  it('refreshes data and style of updated elements', () => {
    const view = drawn();
    const renamed = { ...byId('huawei'), name: 'Huawei Technologies', kind: 'Country', degree: 7 };
    const later = { ...rel('clean-network|EXCLUDES|huawei'), confidence: 'LOW' as const };
    applyLive(
      view,
      changeOf({ entities: { updated: ['huawei'] }, relations: { updated: [later.id] } }),
      [...ENTITIES.filter((e) => e.id !== 'huawei'), renamed],
      [...RELATIONS.filter((r) => r.id !== later.id), later],
    );
    const node = view.cy.getElementById('huawei');
    expect(node.data()).toMatchObject({ label: 'Huawei Technologies', kind: 'Country', degree: 7, color: '#4e79a7', shape: 'round-rectangle' });
    expect(view.cy.getElementById(later.id).data('confidence')).toBe('LOW');
    expect(view.cache.entities.get('huawei')?.name).toBe('Huawei Technologies');
  });

  it('undoing and redoing older steps never brings back what a live update removed', async () => {
    const view = drawn();
    // The user adds TikTok with its relation, then hides Huawei.
    const tiktokRelation = relation('us', 'TARGETS', 'tiktok');
    view.change('Add TikTok', () => view.addEntities([byId('tiktok')], [tiktokRelation]));
    view.change('Hide Huawei', () => view.removeEntities(['huawei']));
    expect(view.has('huawei')).toBe(false);
    // Meanwhile the seed drops TikTok altogether, retracts Clean Network → Huawei and renames Huawei.
    const renamed = { ...byId('huawei'), name: 'Huawei Technologies' };
    applyLive(
      view,
      changeOf({ entities: { removed: ['tiktok'], updated: ['huawei'] }, relations: { removed: ['clean-network|EXCLUDES|huawei', tiktokRelation.id] } }),
      [...ENTITIES.filter((e) => e.id !== 'tiktok' && e.id !== 'huawei'), renamed],
      RELATIONS.filter((r) => r.id !== 'clean-network|EXCLUDES|huawei' && r.to.id !== 'tiktok'),
    );
    expect(view.has('tiktok')).toBe(false);

    expect(await view.undo()).toBe('Hide Huawei');
    expect(view.has('huawei')).toBe(true);
    expect(view.cy.getElementById('huawei').data('label')).toBe('Huawei Technologies');
    expect(view.has('clean-network|EXCLUDES|huawei')).toBe(false);
    expect(await view.undo()).toBe('Add TikTok');
    expect(view.has('tiktok')).toBe(false);
    expect(await view.redo()).toBe('Add TikTok');
    expect(view.has('tiktok')).toBe(false);
    expect(view.has(tiktokRelation.id)).toBe(false);
    expect(await view.redo()).toBe('Hide Huawei');
    expect(view.has('huawei')).toBe(false);
    expect(view.entityIds().sort()).toEqual(['clean-network', 'us', 'zte']);
  });

  it('a relation a live update drew comes back with its ends when an older step is undone and redone', async () => {
    const view = drawn();
    view.change('Hide ZTE', () => view.removeEntities(['zte']));
    await view.undo();
    applyLive(view, changeOf({ relations: { created: [HUAWEI_OWNS_ZTE.id] } }), ENTITIES, [...RELATIONS, HUAWEI_OWNS_ZTE]);
    expect(view.has(HUAWEI_OWNS_ZTE.id)).toBe(true);
    await view.redo(); // hides ZTE again: its relations go with it
    expect(view.has(HUAWEI_OWNS_ZTE.id)).toBe(false);
    await view.undo();
    expect(view.has(HUAWEI_OWNS_ZTE.id)).toBe(true);
  });

  it('drops removed entities from pins and expansion records, now and in the history', async () => {
    const view = drawn();
    view.change('Pin ZTE', () => view.setPinned('zte', true));
    view.recordExpansion('clean-network', { added: ['huawei', 'zte'], after: null, consumed: 2, total: 2 });
    applyLive(view, changeOf({ entities: { removed: ['zte'] } }), ENTITIES, RELATIONS);
    expect(view.getMeta().pinned).toEqual([]);
    expect(view.expansionOf('clean-network')?.added).toEqual(['huawei']);
    await view.undo();
    expect(view.getMeta().pinned).toEqual([]);
    expect(view.has('zte')).toBe(false);
  });

  it('restyle() takes new kind colours and type colours, in the drawing and in the history', async () => {
    const styles = new Map(kindStylesFrom(KINDS));
    const colors = new Map([['EXCLUDES', '#111111']]);
    const view = new GraphView(headlessCy(), styles, undefined, colors);
    view.addEntities([byId('clean-network'), byId('huawei')], [rel('clean-network|EXCLUDES|huawei')]);
    view.change('Hide Huawei', () => view.removeEntities(['huawei']));
    styles.set('Company', { color: '#abcdef', shape: 'diamond' });
    colors.set('EXCLUDES', '#222222');
    view.restyle();
    await view.undo();
    expect(view.cy.getElementById('huawei').data()).toMatchObject({ color: '#abcdef', shape: 'diamond' });
    expect(view.cy.getElementById('clean-network|EXCLUDES|huawei').data('color')).toBe('#222222');
  });
});
