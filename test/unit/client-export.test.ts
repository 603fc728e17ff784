import { afterEach, describe, expect, it } from 'vitest';
import { collectExportData } from '../../client/src/export/export-data.ts';
import { buildCsv, csvCell, CSV_COLUMNS } from '../../client/src/export/export-csv.ts';
import { buildJsonExport, serializeJsonExport } from '../../client/src/export/export-json.ts';
import { buildSvg, escapeXml, svgInputFromCy } from '../../client/src/export/export-svg.ts';
import { nodeShapePath } from '../../client/src/export/node-shape-path.ts';
import { NO_FILTERS } from '../../client/src/graph/filters.ts';
import type { GraphView } from '../../client/src/graph/graph-view.ts';
import { parse } from 'csv-parse/sync';
import { ENTITIES, RELATIONS, newView, relation } from './client-fixtures.ts';

/**
 * A strict well-formedness check for the SVG we write (elements nest and close, attributes are
 * quoted, `<` and `&` only appear as markup or entities). The e2e tests also parse the file
 * with the browser's XML parser.
 */
function assertWellFormedXml(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const token = /<\/?([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  const stack: string[] = [];
  let roots = 0;
  let match: RegExpExecArray | null;
  let last = 0;
  while ((match = token.exec(body)) !== null) {
    last = token.lastIndex;
    const [whole, name, attrs, selfClosing, text] = match;
    if (text !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(text)) throw new Error(`bare & in ${text.slice(0, 40)}`);
      if (stack.length === 0 && text.trim()) throw new Error('text outside the root element');
      continue;
    }
    if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(attrs ?? '')) throw new Error(`bare & in ${whole}`);
    const names = [...(attrs ?? '').matchAll(/\s+([\w:.-]+)=/g)].map((m) => m[1]);
    if (new Set(names).size !== names.length) throw new Error(`duplicate attribute in ${whole}`);
    if (whole.startsWith('</')) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}>`);
    } else if (!selfClosing) {
      if (stack.length === 0) roots++;
      stack.push(name!);
    } else if (stack.length === 0) roots++;
  }
  if (last !== body.length) throw new Error(`unexpected markup at ${body.slice(last, last + 40)}`);
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('>, <')}>`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
}

describe('exports', () => {
  let view: GraphView;
  afterEach(() => view.cy.destroy());

  function drawn(): GraphView {
    view = newView();
    view.addEntities(ENTITIES, RELATIONS);
    return view;
  }

  it('CSV: one row per relation and evidence, the agreed columns first, parseable', () => {
    const v = drawn();
    const csv = buildCsv(collectExportData(v.cy, v.cache));
    expect(csv.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(RELATIONS.length);
    expect(rows.find((r) => r.to === 'huawei')).toEqual({
      from: 'clean-network',
      type: 'EXCLUDES',
      to: 'huawei',
      outlet: 'ap-news',
      quote: 'seeks to exclude Chinese telecommunications companies like Huawei',
      url: 'https://apnews.com/x',
      date: '2020-09-08',
      since: '2020-08-05',
      until: '',
      seedFile: 'seed/data/clean-network.yaml',
      seedLine: '140',
      confidence: 'HIGH',
      fromName: 'Clean Network',
      toName: 'Huawei',
      outletName: 'AP News',
      status: 'SUPPORTED',
      stance: 'SUPPORTS',
      disputedBy: '',
    });
  });

  it('CSV: exports only what the filters leave visible', () => {
    const v = drawn();
    v.setFilters({ ...NO_FILTERS, asOf: '2021-06-10' });
    const rows = parse(buildCsv(collectExportData(v.cy, v.cache)), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.type)).not.toContain('TARGETS');
    expect(rows).toHaveLength(RELATIONS.length - 1);
  });

  it('CSV: quotes commas, quotes and newlines; defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, "b"\nc')).toBe('"a, ""b""\nc"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1')).toBe("'-1");
  });

  it('CSV: a relation with several pieces of evidence gives several rows', () => {
    view = newView();
    const r = relation('clean-network', 'EXCLUDES', 'huawei');
    r.evidence.push({ outlet: { id: 'reuters', name: 'Reuters', website: '' }, quote: null, url: null, publishedAt: '2020-08' });
    view.addEntities(ENTITIES.slice(0, 2), [r]);
    const rows = parse(buildCsv(collectExportData(view.cy, view.cache)), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => row.outlet)).toEqual(['ap-news', 'reuters']);
  });

  it('JSON: entities and relations with evidence, and the filters used', () => {
    const v = drawn();
    const doc = buildJsonExport(collectExportData(v.cy, v.cache), v.filters, new Date('2026-01-01T00:00:00Z'));
    const back = JSON.parse(serializeJsonExport(doc));
    expect(back).toMatchObject({ format: 'splinternet-view', version: 1, exportedAt: '2026-01-01T00:00:00.000Z' });
    expect(back.entities.map((e: { id: string }) => e.id).sort()).toEqual(ENTITIES.map((e) => e.id).sort());
    const excludes = back.relations.find((r: { id: string }) => r.id === 'clean-network|EXCLUDES|huawei');
    expect(excludes.evidence[0]).toEqual(RELATIONS[0]!.evidence[0]);
    expect(excludes).toMatchObject({ seedFile: 'seed/data/clean-network.yaml', seedLine: 140, from: { id: 'clean-network' } });
  });

  it('SVG: well-formed, one shape per node, one path per edge, labels escaped', () => {
    view = newView();
    const tricky = { ...ENTITIES[1]!, name: 'Huawei <"R&D"> \u0001' };
    view.addEntities([ENTITIES[0]!, tricky, ENTITIES[2]!], RELATIONS);
    const svg = buildSvg(svgInputFromCy(view.cy, 'Clean Network & co'));
    assertWellFormedXml(svg);
    expect(svg).toContain('Huawei &lt;&quot;R&amp;D&quot;&gt;');
    expect(svg.match(/<g class="node"/g)).toHaveLength(3);
    expect(svg.match(/marker-end=/g)).toHaveLength(2);
    expect(svg).toContain('fill="#e15759"');
  });

  it('SVG: parallel edges are bent apart; filtered elements are left out', () => {
    view = newView();
    view.addEntities(ENTITIES.slice(0, 2), [
      relation('clean-network', 'EXCLUDES', 'huawei'),
      relation('clean-network', 'TARGETS', 'huawei', { until: '2020-01-01' }),
    ]);
    const both = buildSvg(svgInputFromCy(view.cy));
    expect(both.match(/ Q/g)).toHaveLength(2);
    view.setFilters({ ...NO_FILTERS, asOf: '2021-01-01' });
    const one = buildSvg(svgInputFromCy(view.cy));
    assertWellFormedXml(one);
    expect(one.match(/marker-end=/g)).toHaveLength(1);
  });

  it('SVG: every ontology shape has an outline, and an empty graph is still a document', () => {
    for (const shape of ['ellipse', 'round-rectangle', 'round-triangle', 'diamond', 'star', 'hexagon', 'tag', 'barrel', 'rectangle', 'unknown']) {
      expect(nodeShapePath(shape, 0, 0, 20, 20)).toMatch(/^M-?[\d.]+ -?[\d.]+ .* Z$/);
    }
    assertWellFormedXml(buildSvg({ nodes: [], edges: [] }));
    expect(escapeXml(`a'b`)).toBe('a&apos;b');
  });
});
