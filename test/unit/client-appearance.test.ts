/**
 * Size by / colour by: metric → size, the colour ramp, community colours, the legend, how the
 * choice travels in the link, and the rank wording of the inspector. Pure parts, plus the rule
 * the feature adds, checked in a headless Cytoscape.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { appearanceLegend, communityItems } from '../../client/src/graph/appearance-legend.ts';
import { appearanceScales, sameScales } from '../../client/src/graph/appearance-scales.ts';
import { formatMetric, isColorBy, isSizeBy, metricValue } from '../../client/src/graph/appearance.ts';
import { COMMUNITY_PALETTE, communityColor, OTHER_COMMUNITY_COLOR } from '../../client/src/graph/community-palette.ts';
import { nodeDiameter } from '../../client/src/graph/graph-style.ts';
import { domainOf, METRIC_RAMP, METRIC_SIZE, metricColor, metricSize, NO_VALUE_COLOR, NO_VALUE_SIZE, rampColor } from '../../client/src/graph/metric-scales.ts';
import { ordinal, rankWording } from '../../client/src/graph/rank-wording.ts';
import { decodeViewState, encodeViewState, type ViewState } from '../../client/src/graph/url-state.ts';
import { NO_FILTERS } from '../../client/src/graph/filters.ts';
import { changedMetrics } from '../../client/src/features/metrics-refresh.ts';
import { entity, newView } from './client-fixtures.ts';
import type { GraphView } from '../../client/src/graph/graph-view.ts';

const node = (id: string, pageRank: number | null, community: number | null, degree = 3): Record<string, unknown> => ({
  id,
  label: id.toUpperCase(),
  color: '#4e79a7',
  degree,
  ...(pageRank === null ? {} : { pageRank, betweenness: pageRank / 2 }),
  ...(community === null ? {} : { community }),
});

describe('metric → size', () => {
  it('maps the range in view onto METRIC_SIZE, area-proportional', () => {
    const domain = { min: 0.01, max: 0.09 };
    expect(metricSize(0.01, domain)).toBeCloseTo(METRIC_SIZE.min, 6);
    expect(metricSize(0.09, domain)).toBeCloseTo(METRIC_SIZE.max, 6);
    // Halfway in value is halfway in area, not in diameter.
    const mid = metricSize(0.05, domain);
    expect(mid ** 2).toBeCloseTo((METRIC_SIZE.min ** 2 + METRIC_SIZE.max ** 2) / 2, 6);
    expect(mid).toBeGreaterThan((METRIC_SIZE.min + METRIC_SIZE.max) / 2);
    // Out of range clamps; strictly increasing inside.
    expect(metricSize(1, domain)).toBeCloseTo(METRIC_SIZE.max, 6);
    expect(metricSize(0.02, domain)).toBeLessThan(metricSize(0.03, domain));
  });

  it('gives entities without the metric the no-value size, and one-value ranges the top', () => {
    expect(metricSize(null, { min: 0, max: 1 })).toBe(NO_VALUE_SIZE);
    expect(metricSize(0.5, null)).toBe(NO_VALUE_SIZE);
    expect(metricSize(0.2, { min: 0.2, max: 0.2 })).toBeCloseTo(METRIC_SIZE.max, 6);
  });

  it('takes the domain over finite values only', () => {
    expect(domainOf([3, null, 1, Number.NaN, 7])).toEqual({ min: 1, max: 7 });
    expect(domainOf([null, null])).toBeNull();
    expect(domainOf([])).toBeNull();
  });
});

describe('colour ramp and communities', () => {
  it('runs the ramp from its first stop to its last, interpolating between', () => {
    expect(rampColor(0)).toBe(METRIC_RAMP[0]);
    expect(rampColor(1)).toBe(METRIC_RAMP.at(-1));
    expect(rampColor(-3)).toBe(METRIC_RAMP[0]);
    expect(rampColor(1 / (METRIC_RAMP.length - 1))).toBe(METRIC_RAMP[1]);
    expect(rampColor(0.5 / (METRIC_RAMP.length - 1))).toBe('#38598c'); // halfway: (62,73,137) and (49,104,142) → (56,89,140)
    expect(metricColor(5, { min: 0, max: 10 })).toBe(rampColor(0.5));
    expect(metricColor(null, { min: 0, max: 10 })).toBe(NO_VALUE_COLOR);
  });

  it('gives the eight largest communities colours of their own, the rest one shared colour', () => {
    expect(new Set(COMMUNITY_PALETTE).size).toBe(COMMUNITY_PALETTE.length);
    expect(COMMUNITY_PALETTE.map((_, i) => communityColor(i))).toEqual([...COMMUNITY_PALETTE]);
    expect(communityColor(8)).toBe(OTHER_COMMUNITY_COLOR);
    expect(communityColor(-1)).toBe(OTHER_COMMUNITY_COLOR);
    expect(communityColor(1.5)).toBe(OTHER_COMMUNITY_COLOR);
    expect(COMMUNITY_PALETTE).not.toContain(OTHER_COMMUNITY_COLOR);
  });
});

describe('appearance scales and legend', () => {
  const nodes = [node('us', 0.08, 0, 40), node('cn', 0.06, 1, 35), node('huawei', 0.02, 1, 20), node('tiktok', 0.01, 0, 8), node('new', null, null, 1)];

  it('size by PageRank and colour by community', () => {
    const scales = appearanceScales({ size: 'pageRank', color: 'community' }, nodes);
    expect(scales.sizeDomain).toEqual({ min: 0.01, max: 0.08 });
    expect(scales.size(nodes[0]!)).toBeCloseTo(METRIC_SIZE.max, 6);
    expect(scales.size(nodes[3]!)).toBeCloseTo(METRIC_SIZE.min, 6);
    expect(scales.size(nodes[4]!)).toBe(NO_VALUE_SIZE);
    expect(scales.color(nodes[1]!)).toBe(COMMUNITY_PALETTE[1]);
    expect(scales.color(nodes[4]!)).toBe(NO_VALUE_COLOR);

    const legend = appearanceLegend(scales, nodes);
    expect(legend.size).toMatchObject({ label: 'PageRank', min: '0.01', max: '0.08' });
    expect(legend.color.type).toBe('categories');
    if (legend.color.type !== 'categories') throw new Error('categorical legend expected');
    expect(legend.color.items).toEqual([
      { label: '0 · US +1', color: COMMUNITY_PALETTE[0], count: 2 },
      { label: '1 · CN +1', color: COMMUNITY_PALETTE[1], count: 2 },
      { label: 'not computed yet', color: NO_VALUE_COLOR, count: 1 },
    ]);
  });

  it('colour by a metric gives a ramp legend with the range in view; the default keeps kind and degree', () => {
    const ramp = appearanceLegend(appearanceScales({ size: 'degree', color: 'betweenness' }, nodes), nodes);
    expect(ramp.color).toMatchObject({ type: 'ramp', label: 'Betweenness', min: '0.005', max: '0.04', stops: METRIC_RAMP });
    const defaults = appearanceScales({ size: 'degree', color: 'kind' }, nodes);
    expect(defaults.size(nodes[0]!)).toBe(nodeDiameter(40));
    expect(defaults.color(nodes[0]!)).toBe('#4e79a7');
    expect(appearanceLegend(defaults, nodes).color.type).toBe('kind');
    expect(appearanceScales({ size: 'uniform', color: 'kind' }, nodes).size(nodes[0]!)).toBe(
      appearanceScales({ size: 'uniform', color: 'kind' }, nodes).size(nodes[3]!),
    );
  });

  it('groups communities past the palette under "other communities"', () => {
    const many = Array.from({ length: 11 }, (_, i) => node(`e${i}`, 0.01 * (i + 1), i));
    const items = communityItems(many);
    expect(items).toHaveLength(9);
    expect(items.at(-1)).toEqual({ label: '3 other communities', color: OTHER_COMMUNITY_COLOR, count: 3 });
  });

  it('says when scales changed (a new range restyles, the same one does not)', () => {
    const a = appearanceScales({ size: 'pageRank', color: 'kind' }, nodes);
    expect(sameScales(a, appearanceScales({ size: 'pageRank', color: 'kind' }, [...nodes]))).toBe(true);
    expect(sameScales(a, appearanceScales({ size: 'pageRank', color: 'kind' }, nodes.slice(1)))).toBe(false);
    expect(sameScales(a, appearanceScales({ size: 'betweenness', color: 'kind' }, nodes))).toBe(false);
    expect(sameScales(null, a)).toBe(false);
  });

  it('reads metrics from node data and prints them', () => {
    expect(metricValue({ pageRank: 0.5 }, 'pageRank')).toBe(0.5);
    expect(metricValue({ pageRank: '0.5' }, 'pageRank')).toBeNull();
    expect(metricValue({}, 'betweenness')).toBeNull();
    expect(formatMetric(12)).toBe('12');
    expect(formatMetric(0.0123456)).toBe('0.0123');
    expect(isSizeBy('pageRank') && isColorBy('community') && !isSizeBy('kind') && !isColorBy('uniform')).toBe(true);
  });
});

describe('rank wording', () => {
  it('uses English ordinals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112, 113, 121].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '101st',
      '111th',
      '112th',
      '113th',
      '121st',
    ]);
    expect(rankWording(3, 128, 'PageRank')).toBe('3rd of 128 by PageRank');
  });
});

describe('the choice in the link', () => {
  const base: ViewState = { entities: [{ id: 'huawei', x: 0, y: 0 }], pinned: [], selected: null, filters: NO_FILTERS, layout: 'fcose' };

  it('round-trips size, colour and the contested filter, and leaves defaults out', () => {
    const hash = encodeViewState({ ...base, filters: { ...NO_FILTERS, contestedOnly: true }, appearance: { size: 'pageRank', color: 'community' } });
    expect(hash).toContain('z=pageRank');
    expect(hash).toContain('h=community');
    expect(hash).toContain('x=1');
    const back = decodeViewState(hash)!;
    expect(back.appearance).toEqual({ size: 'pageRank', color: 'community' });
    expect(back.filters.contestedOnly).toBe(true);
    expect(encodeViewState({ ...base, appearance: { size: 'degree', color: 'kind' } })).toBe(encodeViewState(base));
  });

  it('falls back to the default for an unknown choice', () => {
    expect(decodeViewState('#e=a&z=bogus&h=pageRank')!.appearance).toEqual({ size: 'degree', color: 'pageRank' });
  });
});

describe('node data carry the metrics', () => {
  let view: GraphView;
  afterEach(() => view.cy.destroy());

  it('puts PageRank, betweenness and community on nodes, none when not computed', () => {
    view = newView();
    view.addEntities(
      [
        { ...entity('huawei', 'Company'), metrics: { degree: 9, inDegree: 7, outDegree: 2, pageRank: 0.04, betweenness: 0.2, community: 1 } },
        entity('tiktok', 'App'),
      ],
      [],
    );
    expect(view.cy.getElementById('huawei').data()).toMatchObject({ pageRank: 0.04, betweenness: 0.2, community: 1, inDegree: 7, outDegree: 2 });
    expect(view.cy.getElementById('tiktok').data('pageRank')).toBeUndefined();
  });
});

describe('metrics refresh after a seed change', () => {
  it('rewrites only the entities whose metrics changed', () => {
    const metrics = { degree: 3, inDegree: 1, outDegree: 2, pageRank: 0.1, betweenness: 0, community: 2 };
    const cache = new Map([
      ['a', { ...entity('a', 'Company'), metrics }],
      ['b', { ...entity('b', 'Company'), metrics }],
      ['c', entity('c', 'Company')],
    ]);
    const changed = changedMetrics(cache, [
      { id: 'a', metrics: { ...metrics } },
      { id: 'b', metrics: { ...metrics, pageRank: 0.2 } },
      { id: 'c', metrics },
      { id: 'unknown', metrics },
    ]);
    expect(changed.map((e) => [e.id, e.metrics?.pageRank])).toEqual([
      ['b', 0.2],
      ['c', 0.1],
    ]);
    expect(changed[0]).toMatchObject({ name: 'b', kind: 'Company' });
  });
});
