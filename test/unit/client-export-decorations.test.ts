import { afterEach, describe, expect, it } from 'vitest';
import { captionLines, estimateTextWidth, layoutDecorations, legendFromCy } from '../../client/src/export/export-decorations.ts';
import type { AppearanceLegend } from '../../client/src/graph/appearance-legend.ts';
import { buildSvg, svgInputFromCy } from '../../client/src/export/export-svg.ts';
import { NO_FILTERS } from '../../client/src/graph/filters.ts';
import type { GraphView } from '../../client/src/graph/graph-view.ts';
import { ENTITIES, RELATIONS, newView } from './client-fixtures.ts';

const viewBox = (svg: string) =>
  svg
    .match(/viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"/)!
    .slice(1)
    .map(Number) as [number, number, number, number];

describe('export legend, caption and bounds', () => {
  let view: GraphView;
  afterEach(() => view.cy.destroy());

  it('the SVG viewBox holds a long label at the right edge, by the generous width estimate', () => {
    view = newView();
    const long = { ...ENTITIES[1]!, name: 'An entity with a very long name that used to be cut at the right edge' };
    view.addEntities([ENTITIES[0]!, long], []);
    view.cy.getElementById(ENTITIES[0]!.id).position({ x: 0, y: 0 });
    view.cy.getElementById(long.id).position({ x: 300, y: 0 });
    const [vx, , vw] = viewBox(buildSvg(svgInputFromCy(view.cy)));
    expect(vx + vw).toBeGreaterThanOrEqual(300 + estimateTextWidth(long.name, 11) / 2);
    expect(vx).toBeLessThanOrEqual(0 - estimateTextWidth(ENTITIES[0]!.name, 11) / 2);
  });

  it('legend: the kinds and relation types shown, each once; filtered ones left out', () => {
    view = newView();
    view.addEntities(ENTITIES, RELATIONS);
    const all = legendFromCy(view.cy);
    const kinds = new Set(ENTITIES.map((e) => e.kind));
    const types = new Set(RELATIONS.map((r) => r.type));
    expect(all.filter((e) => e.kind === 'entity').map((e) => e.label)).toEqual([...kinds].sort());
    expect(all.filter((e) => e.kind === 'relation')).toHaveLength(types.size);
    const hidden = [...kinds][0]!;
    view.setFilters({ ...NO_FILTERS, hiddenKinds: [hidden] });
    expect(legendFromCy(view.cy).map((e) => e.label)).not.toContain(hidden);
  });

  it('legend with an appearance: size by PageRank and colour by community say so, kinds keep only their shape', () => {
    view = newView();
    view.addEntities(ENTITIES, RELATIONS);
    const appearance: AppearanceLegend = {
      size: { label: 'PageRank', min: '0.0012', max: '0.0450', minSize: 6, maxSize: 30, note: '' },
      color: {
        type: 'categories',
        label: 'Community',
        items: [
          { label: '0 · China +11', color: '#aa0000', count: 12 },
          { label: '1 · United States +4', color: '#0000aa', count: 5 },
        ],
        note: '',
      },
    };
    const legend = legendFromCy(view.cy, appearance);
    const byKind = (kind: string) => legend.filter((e) => e.kind === kind);
    expect(byKind('colour').map((e) => [e.label, e.color])).toEqual([
      ['Community 0 · China +11 (12)', '#aa0000'],
      ['Community 1 · United States +4 (5)', '#0000aa'],
    ]);
    expect(byKind('size').map((e) => [e.label, e.size])).toEqual([
      ['PageRank: 0.0012', 6],
      ['0.0450', 24],
    ]);
    // Colour no longer tells kinds apart: their swatches are one grey, the shapes stay.
    expect(new Set(byKind('entity').map((e) => e.color)).size).toBe(1);
    expect(byKind('entity').map((e) => e.shape)).toEqual(
      legendFromCy(view.cy)
        .filter((e) => e.kind === 'entity')
        .map((e) => e.shape),
    );
    const svg = buildSvg({ ...svgInputFromCy(view.cy), legend, caption: null });
    for (const text of ['>Colour<', '>Size<', 'Community 0 · China +11 (12)', 'fill="#aa0000"', 'PageRank: 0.0012']) expect(svg).toContain(text);
    // The default appearance (kind, degree) adds nothing to the plain legend.
    const plainAppearance: AppearanceLegend = {
      size: { label: 'Degree', min: '1', max: '20+', minSize: 10, maxSize: 30, note: '' },
      color: { type: 'kind', label: 'Kind', note: '' },
    };
    expect(legendFromCy(view.cy, plainAppearance)).toEqual(legendFromCy(view.cy));
    // A ramp: its two ends.
    const ramp = legendFromCy(view.cy, {
      ...plainAppearance,
      color: { type: 'ramp', label: 'Betweenness', min: '0', max: '0.31', stops: ['#111111', '#222222', '#333333'], note: '' },
    });
    expect(ramp.filter((e) => e.kind === 'colour').map((e) => [e.label, e.color])).toEqual([
      ['Betweenness: low 0', '#111111'],
      ['high 0.31', '#333333'],
    ]);
  });

  it('caption: the date, the filters and the seed version', () => {
    expect(captionLines(NO_FILTERS, 'abc123', '2026-12-01')).toEqual([
      'Relations at all dates; no filters.',
      'Source: splinternet, seed version abc123; exported 2026-12-01.',
    ]);
    expect(captionLines({ ...NO_FILTERS, asOf: '2021-07-01', hiddenKinds: ['Outlet'], hiddenTypes: ['OWNS'] }, null, '2026-12-01')[0]).toBe(
      'Relations in force on 2021-07-01; kinds hidden: Outlet; relation types hidden: OWNS.',
    );
  });

  it('layout: rows wrap at the width, and the SVG grows to hold legend and caption', () => {
    view = newView();
    view.addEntities(ENTITIES, RELATIONS);
    const legend = legendFromCy(view.cy);
    const block = layoutDecorations(legend, ['a caption'], 200, estimateTextWidth);
    for (const item of block.items) if (item.type === 'swatch') expect(item.x + item.size).toBeLessThanOrEqual(200);
    expect(block.height).toBeGreaterThan(40);
    const plain = buildSvg(svgInputFromCy(view.cy));
    const decorated = buildSvg({ ...svgInputFromCy(view.cy), legend, caption: ['Source: splinternet, seed version x.'] });
    expect(viewBox(decorated)[3]).toBeGreaterThan(viewBox(plain)[3] + 40);
    expect(decorated).toContain('<g class="decorations"');
    expect(decorated).toContain('Source: splinternet, seed version x.');
    expect(plain).not.toContain('decorations');
  });
});
