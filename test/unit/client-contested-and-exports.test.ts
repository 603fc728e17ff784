/**
 * Contested evidence in the explorer and exports with metrics and stance: status from the
 * stances, status → CSS class, the "only contested" filter, the canvas style of each status
 * (the real stylesheet in a headless Cytoscape), the CSV columns, the entities CSV, and the
 * GEXF document (parsed back as XML: every node and edge, metrics and status as attributes).
 */
import { DOMParser } from '@xmldom/xmldom';
import cytoscape from 'cytoscape';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import type { EntitySummary, Evidence, Relation } from '../../client/src/api/operations.ts';
import { buildCsv } from '../../client/src/export/export-csv.ts';
import { collectExportData } from '../../client/src/export/export-data.ts';
import { buildEntitiesCsv, ENTITY_CSV_COLUMNS } from '../../client/src/export/export-entities-csv.ts';
import { buildGexf } from '../../client/src/export/export-gexf.ts';
import { kindStylesFrom } from '../../client/src/graph/element-model.ts';
import { computeVisibility, isFiltering, NO_FILTERS } from '../../client/src/graph/filters.ts';
import { buildStylesheet } from '../../client/src/graph/graph-style.ts';
import { GraphView } from '../../client/src/graph/graph-view.ts';
import { isContested, statusClass, statusFromEvidence, statusOf } from '../../client/src/graph/relation-status.ts';
import { ENTITIES, entity, KINDS, relation } from './client-fixtures.ts';

const support: Evidence = {
  outlet: { id: 'ap-news', name: 'AP News', website: '' },
  quote: 'US officials say…',
  url: null,
  publishedAt: '2019-05-16',
  stance: 'SUPPORTS',
  disputedBy: [],
};
const dispute: Evidence = {
  outlet: { id: 'reuters', name: 'Reuters', website: '' },
  quote: 'Huawei denies…',
  url: null,
  publishedAt: '2019-05-17',
  stance: 'DISPUTES',
  disputedBy: [
    { id: 'huawei', name: 'Huawei', kind: 'Company' },
    { id: 'china', name: 'China', kind: 'Country' },
  ],
};

const metricsOf = (pageRank: number, community: number) => ({ degree: 3, inDegree: 1, outDegree: 2, pageRank, betweenness: pageRank / 3, community });

describe('relation status', () => {
  it('follows the stances: both ways contested, only disputing disputed, none supported', () => {
    expect(statusFromEvidence([support])).toBe('SUPPORTED');
    expect(statusFromEvidence([{}, { stance: 'SUPPORTS' }])).toBe('SUPPORTED');
    expect(statusFromEvidence([support, dispute])).toBe('CONTESTED');
    expect(statusFromEvidence([dispute, dispute])).toBe('DISPUTED');
    // The server's word wins when it has one.
    expect(statusOf({ status: 'DISPUTED', evidence: [support] })).toBe('DISPUTED');
    expect(statusOf({ evidence: [support, dispute] })).toBe('CONTESTED');
  });

  it('maps status to a style class and to the filter', () => {
    expect(statusClass('CONTESTED')).toBe('status-contested');
    expect(statusClass('DISPUTED')).toBe('status-disputed');
    expect(statusClass('SUPPORTED')).toBeNull();
    expect(statusClass(undefined)).toBeNull();
    expect([isContested('CONTESTED'), isContested('DISPUTED'), isContested('SUPPORTED'), isContested(undefined)]).toEqual([true, true, false, false]);
  });

  it('"only contested" hides the other relations and the entities they stranded', () => {
    const nodes = ['us', 'huawei', 'china', 'zte'].map((id) => ({ id, kind: 'X' }));
    const edges = [
      { id: 'claim', type: 'SERVES', source: 'huawei', target: 'china', since: null, until: null, status: 'CONTESTED' },
      { id: 'ban', type: 'BANS', source: 'us', target: 'huawei', since: null, until: null, status: 'SUPPORTED' },
      { id: 'zte', type: 'BANS', source: 'us', target: 'zte', since: null, until: null },
    ];
    const filters = { ...NO_FILTERS, contestedOnly: true };
    expect(isFiltering(filters)).toBe(true);
    const { hiddenEdges, hiddenNodes } = computeVisibility(nodes, edges, filters);
    expect([...hiddenEdges].sort()).toEqual(['ban', 'zte']);
    expect([...hiddenNodes].sort()).toEqual(['us', 'zte']);
    expect(computeVisibility(nodes, edges, NO_FILTERS).hiddenEdges.size).toBe(0);
  });
});

describe('contested relations on the canvas', () => {
  let view: GraphView;
  afterEach(() => view.cy.destroy());

  function draw(webgl = false): GraphView {
    const cy = cytoscape({ headless: true, styleEnabled: true, style: buildStylesheet({ mode: 'normal', webgl }) });
    view = new GraphView(cy, kindStylesFrom(KINDS));
    view.addEntities(
      [entity('us', 'Country'), entity('huawei', 'Company'), entity('china', 'Country')],
      [
        relation('us', 'EXCLUDES', 'huawei'),
        relation('huawei', 'SERVES', 'china', { status: 'CONTESTED', evidence: [support, dispute] }),
        relation('china', 'SERVES', 'huawei', { evidence: [dispute] }),
      ],
    );
    return view;
  }

  it('draws contested dash-dot with a diamond at the start, disputed dotted with a bar, supported plain', () => {
    const cy = draw().cy;
    const supported = cy.getElementById('us|EXCLUDES|huawei');
    const contested = cy.getElementById('huawei|SERVES|china');
    const disputed = cy.getElementById('china|SERVES|huawei');
    expect([supported.data('status'), contested.data('status'), disputed.data('status')]).toEqual(['SUPPORTED', 'CONTESTED', 'DISPUTED']);
    expect(supported.style('line-style')).toBe('solid');
    expect(supported.style('source-arrow-shape')).toBe('none');
    expect(contested.style('line-style')).toBe('dashed');
    expect(contested.style('source-arrow-shape')).toBe('diamond');
    expect(disputed.style('line-style')).toBe('dotted');
    expect(disputed.style('source-arrow-shape')).toBe('tee');
    // Not by colour alone: all three keep the relation type's colour.
    expect(contested.style('line-color')).toBe(supported.style('line-color'));
  });

  it('under WebGL (no dashes) contested and disputed are wider', () => {
    const cy = draw(true).cy;
    expect(parseFloat(cy.getElementById('huawei|SERVES|china').style('width'))).toBeGreaterThan(
      parseFloat(cy.getElementById('us|EXCLUDES|huawei').style('width')),
    );
  });

  it('the contested filter leaves only them in view', () => {
    const v = draw();
    v.setFilters({ ...NO_FILTERS, contestedOnly: true });
    const visible = v.cy.edges().filter((e) => !e.hasClass('filtered'));
    expect(visible.map((e) => e.id()).sort()).toEqual(['china|SERVES|huawei', 'huawei|SERVES|china']);
    expect(v.cy.getElementById('us').hasClass('filtered')).toBe(true);
  });
});

describe('exports with metrics and stance', () => {
  let view: GraphView;
  afterEach(() => view.cy.destroy());

  const entities: EntitySummary[] = [
    { ...ENTITIES[1]!, metrics: metricsOf(0.04, 1) },
    { ...entity('china', 'Country', 'China & Co <"PRC">', 12), metrics: metricsOf(0.09, 0) },
    entity('zte', 'Company', 'ZTE'),
  ];
  const relations: Relation[] = [
    relation('huawei', 'SERVES', 'china', { status: 'CONTESTED', evidence: [support, dispute] }),
    relation('china', 'OWNS', 'zte'),
    relation('china', 'OWNS', 'zte', { id: 'china|OWNS|zte|2020' }),
  ];

  function drawn(): GraphView {
    view = new GraphView(cytoscape({ headless: true, styleEnabled: true }), kindStylesFrom(KINDS));
    view.addEntities(entities, relations);
    return view;
  }

  it('CSV: status, stance and who disputes on every evidence row', () => {
    const v = drawn();
    const rows = parse(buildCsv(collectExportData(v.cy, v.cache)), { columns: true }) as Array<Record<string, string>>;
    const claim = rows.filter((r) => r.type === 'SERVES');
    expect(claim.map((r) => [r.status, r.stance, r.disputedBy])).toEqual([
      ['CONTESTED', 'SUPPORTS', ''],
      ['CONTESTED', 'DISPUTES', 'huawei;china'],
    ]);
  });

  it('entities CSV: one row per entity with its metrics, empty where not computed', () => {
    const v = drawn();
    const csv = buildEntitiesCsv(collectExportData(v.cy, v.cache));
    expect(csv.split('\r\n')[0]).toBe(ENTITY_CSV_COLUMNS.join(','));
    const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
    expect(rows.find((r) => r.id === 'china')).toMatchObject({
      kind: 'Country',
      name: 'China & Co <"PRC">',
      pageRank: '0.09',
      community: '0',
      inDegree: '1',
      outDegree: '2',
    });
    expect(rows.find((r) => r.id === 'zte')).toMatchObject({ pageRank: '', community: '', degree: '1' });
  });

  it('JSON: entities carry their metrics, evidence its stance and who disputes', () => {
    const v = drawn();
    const data = collectExportData(v.cy, v.cache);
    expect(data.entities.find((e) => e.id === 'huawei')?.metrics).toEqual(metricsOf(0.04, 1));
    expect(data.relations.find((r) => r.type === 'SERVES')?.evidence[1]).toMatchObject({ stance: 'DISPUTES', disputedBy: [{ id: 'huawei' }, { id: 'china' }] });
  });

  it('GEXF: valid XML with every node and edge, metrics as node attributes and status as an edge attribute', () => {
    const v = drawn();
    const xml = buildGexf(collectExportData(v.cy, v.cache), { position: (id) => v.cy.getElementById(id).position(), color: () => '#e69f00', size: () => 20 });
    const errors: string[] = [];
    const doc = new DOMParser({ errorHandler: (level: string, message: string) => errors.push(`${level}: ${message}`) }).parseFromString(
      xml,
      'application/xml',
    );
    expect(errors).toEqual([]);
    const root = doc.documentElement!;
    expect(root.nodeName).toBe('gexf');
    expect(root.getAttribute('version')).toBe('1.3');
    const graph = root.getElementsByTagName('graph')[0]!;
    expect(graph.getAttribute('defaultedgetype')).toBe('directed');

    const nodes = [...Array.from(root.getElementsByTagName('node'))];
    expect(nodes.map((n) => n.getAttribute('id')).sort()).toEqual(['china', 'huawei', 'zte']);
    expect(nodes.find((n) => n.getAttribute('id') === 'china')!.getAttribute('label')).toBe('China & Co <"PRC">');
    const edges = [...Array.from(root.getElementsByTagName('edge'))];
    expect(edges.map((e) => e.getAttribute('id')).sort()).toEqual(relations.map((r) => r.id).sort());

    // Attribute declarations: id → title, per class.
    const declared = (cls: string) => {
      const block = [...Array.from(root.getElementsByTagName('attributes'))].find((a) => a.getAttribute('class') === cls)!;
      return new Map([...Array.from(block.getElementsByTagName('attribute'))].map((a) => [a.getAttribute('id')!, a.getAttribute('title')!]));
    };
    const valuesOf = (el: Element, titles: Map<string, string>) =>
      Object.fromEntries([...Array.from(el.getElementsByTagName('attvalue'))].map((a) => [titles.get(a.getAttribute('for')!), a.getAttribute('value')]));
    const nodeTitles = declared('node');
    expect([...nodeTitles.values()]).toEqual(expect.arrayContaining(['kind', 'degree', 'pageRank', 'betweenness', 'community', 'inDegree', 'outDegree']));
    const huawei = valuesOf(
      nodes.find((n) => n.getAttribute('id') === 'huawei')!,
      nodeTitles,
    );
    expect(huawei).toMatchObject({ kind: 'Company', pageRank: '0.04', community: '1' });
    const edgeTitles = declared('edge');
    const claim = valuesOf(
      edges.find((e) => e.getAttribute('id') === 'huawei|SERVES|china')!,
      edgeTitles,
    );
    expect(claim).toMatchObject({ status: 'CONTESTED', type: 'SERVES', evidence: '2', disputing: '1' });
    expect(
      valuesOf(
        edges.find((e) => e.getAttribute('id') === 'china|OWNS|zte')!,
        edgeTitles,
      ),
    ).toMatchObject({ status: 'SUPPORTED' });
    // Drawn colour and position as viz.
    expect(root.getElementsByTagName('viz:color')[0]!.getAttribute('hex')).toBe('#e69f00');
    expect(root.getElementsByTagName('viz:position')).toHaveLength(3);
  });
});
