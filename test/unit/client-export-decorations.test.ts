import { afterEach, describe, expect, it } from 'vitest';
import { captionLines, estimateTextWidth, layoutDecorations, legendFromCy } from '../../client/src/export/export-decorations.ts';
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
