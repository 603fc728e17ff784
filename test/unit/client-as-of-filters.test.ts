import { afterEach, describe, expect, it } from 'vitest';
import { fromDayNumber, mayBeInForce, isIsoDay, periodEnd, periodStart, toDayNumber } from '../../client/src/graph/as-of-date.ts';
import { applyFilters, computeVisibility, NO_FILTERS, type FilterEdge } from '../../client/src/graph/filters.ts';
import { ENTITIES, RELATIONS, newView } from './client-fixtures.ts';
import type { GraphView } from '../../client/src/graph/graph-view.ts';

describe('as-of date rule', () => {
  it('hides a relation that ended before the date and keeps it on its last day', () => {
    expect(mayBeInForce('2020-08-06', '2021-06-09', '2021-06-09')).toBe(true);
    expect(mayBeInForce('2020-08-06', '2021-06-09', '2021-06-10')).toBe(false);
  });

  it('hides a relation that starts after the date', () => {
    expect(mayBeInForce('2020-08-06', null, '2020-08-05')).toBe(false);
    expect(mayBeInForce('2020-08-06', null, '2020-08-06')).toBe(true);
  });

  it('keeps relations without dates', () => {
    expect(mayBeInForce(null, null, '1990-01-01')).toBe(true);
  });

  it('reads partial dates generously: since from the first day, until to the last', () => {
    expect(periodStart('2020')).toBe('2020-01-01');
    expect(periodStart('2020-10')).toBe('2020-10-01');
    expect(periodEnd('2020')).toBe('2020-12-31');
    expect(periodEnd('2020-02')).toBe('2020-02-29');
    expect(periodEnd('2021-02')).toBe('2021-02-28');
    expect(mayBeInForce('2020-10', null, '2020-10-01')).toBe(true);
    expect(mayBeInForce('2020-10', null, '2020-09-30')).toBe(false);
    expect(mayBeInForce(null, '2021', '2021-07-01')).toBe(true);
    expect(mayBeInForce(null, '2021', '2022-01-01')).toBe(false);
  });

  it('maps days to slider numbers and back', () => {
    const day = toDayNumber('2021-06-09');
    expect(fromDayNumber(day)).toBe('2021-06-09');
    expect(fromDayNumber(day + 1)).toBe('2021-06-10');
    expect(toDayNumber('2020')).toBe(toDayNumber('2020-01-01'));
    expect(isIsoDay('2021-02-29')).toBe(false);
    expect(isIsoDay('2020-02-29')).toBe(true);
    expect(isIsoDay('2020-2-1')).toBe(false);
  });
});

describe('filters', () => {
  const nodes = ENTITIES.map((e) => ({ id: e.id, kind: e.kind }));
  const edges: FilterEdge[] = RELATIONS.map((r) => ({
    id: r.id,
    type: r.type,
    source: r.from.id,
    target: r.to.id,
    since: r.since,
    until: r.until,
  }));

  it('hides nothing without filters', () => {
    const v = computeVisibility(nodes, edges, NO_FILTERS);
    expect(v.hiddenNodes.size + v.hiddenEdges.size).toBe(0);
  });

  it('hides a kind and the relations touching it', () => {
    const v = computeVisibility(nodes, edges, { ...NO_FILTERS, hiddenKinds: ['Company'] });
    expect([...v.hiddenNodes].sort()).toEqual(['huawei', 'zte']);
    expect([...v.hiddenEdges].sort()).toEqual(['clean-network|EXCLUDES|huawei', 'clean-network|EXCLUDES|zte']);
  });

  it('hides a relation type, and entities it leaves stranded', () => {
    const v = computeVisibility(nodes, edges, { ...NO_FILTERS, hiddenTypes: ['EXCLUDES'] });
    expect([...v.hiddenEdges].sort()).toEqual(['clean-network|EXCLUDES|huawei', 'clean-network|EXCLUDES|zte']);
    expect([...v.hiddenNodes].sort()).toEqual(['huawei', 'zte']);
    const keepStranded = computeVisibility(nodes, edges, { ...NO_FILTERS, hiddenTypes: ['EXCLUDES'], hideStranded: false });
    expect(keepStranded.hiddenNodes.size).toBe(0);
  });

  it('hides the revoked order’s TARGETS relation after 2021-06-09, not on it', () => {
    const onDay = computeVisibility(nodes, edges, { ...NO_FILTERS, asOf: '2021-06-09' });
    expect(onDay.hiddenEdges.has('eo-13942|TARGETS|tiktok')).toBe(false);
    const after = computeVisibility(nodes, edges, { ...NO_FILTERS, asOf: '2021-06-10' });
    expect([...after.hiddenEdges]).toEqual(['eo-13942|TARGETS|tiktok']);
    // TikTok had only that relation in view, so it goes too; the order keeps ISSUED_BY.
    expect([...after.hiddenNodes]).toEqual(['tiktok']);
  });

  it('hides everything dated later before the programme started', () => {
    const v = computeVisibility(nodes, edges, { ...NO_FILTERS, asOf: '2019-01-01' });
    expect(v.hiddenEdges.size).toBe(RELATIONS.length);
    const kept = computeVisibility(nodes, edges, { ...NO_FILTERS, asOf: '2019-01-01' }, new Set(['huawei']));
    expect(kept.hiddenNodes.has('huawei')).toBe(false);
  });

  describe('on a Cytoscape graph', () => {
    let view: GraphView;
    afterEach(() => view.cy.destroy());

    it('marks filtered elements with the `filtered` class', () => {
      view = newView();
      view.addEntities(ENTITIES, RELATIONS);
      view.setFilters({ ...NO_FILTERS, asOf: '2021-06-10' });
      expect(view.cy.getElementById('eo-13942|TARGETS|tiktok').hasClass('filtered')).toBe(true);
      expect(view.cy.getElementById('tiktok').hasClass('filtered')).toBe(true);
      expect(view.cy.getElementById('eo-13942|ISSUED_BY|us').hasClass('filtered')).toBe(false);
      const v = applyFilters(view.cy, NO_FILTERS);
      expect(v.hiddenEdges.size).toBe(0);
      expect(view.cy.$('.filtered').length).toBe(0);
    });
  });
});
