/**
 * Fixtures for the client's unit tests: a small slice of the real dataset (Clean Network,
 * Huawei, TikTok, the revoked executive order) and a headless Cytoscape to draw it in.
 */
import cytoscape, { type Core } from 'cytoscape';
import type { EntitySummary, ExpansionRelation, KindInfo, Relation } from '../../client/src/api/operations.ts';
import { kindStylesFrom } from '../../client/src/graph/element-model.ts';
import { GraphView } from '../../client/src/graph/graph-view.ts';

export const KINDS: KindInfo[] = [
  { name: 'Initiative', description: '', color: '#59a14f', shape: 'star', properties: [] },
  { name: 'Company', description: '', color: '#e15759', shape: 'ellipse', properties: [] },
  { name: 'App', description: '', color: '#f28e2b', shape: 'round-triangle', properties: [] },
  { name: 'Country', description: '', color: '#4e79a7', shape: 'round-rectangle', properties: [] },
  { name: 'LegalAct', description: '', color: '#bab0ac', shape: 'rectangle', properties: [] },
];

export function entity(id: string, kind: string, name = id, degree = 1): EntitySummary {
  return { id, kind, name, aliases: [], description: null, seedFile: 'seed/data/x.yaml', seedLine: 1, degree };
}

export function relation(from: string, type: string, to: string, extra: Partial<Relation> = {}): Relation {
  return {
    id: `${from}|${type}|${to}`,
    type,
    phrase: type.toLowerCase().replace(/_/g, ' '),
    inversePhrase: `${type.toLowerCase()} (inverse)`,
    from: { id: from },
    to: { id: to },
    since: null,
    until: null,
    confidence: 'HIGH',
    properties: [],
    evidence: [
      {
        outlet: { id: 'ap-news', name: 'AP News', website: 'https://apnews.com' },
        quote: 'seeks to exclude Chinese telecommunications companies like Huawei',
        url: 'https://apnews.com/x',
        publishedAt: '2020-09-08',
      },
    ],
    seedFile: 'seed/data/clean-network.yaml',
    seedLine: 140,
    ...extra,
  };
}

/** A relation as an expansion page carries it (both ends in full). */
export function expansionRelation(r: Relation, entities: Map<string, EntitySummary>): ExpansionRelation {
  return { ...r, from: entities.get(r.from.id)!, to: entities.get(r.to.id)! };
}

export const ENTITIES = [
  entity('clean-network', 'Initiative', 'Clean Network', 40),
  entity('huawei', 'Company', 'Huawei', 6),
  entity('zte', 'Company', 'ZTE', 3),
  entity('tiktok', 'App', 'TikTok', 9),
  entity('us', 'Country', 'United States', 60),
  entity('eo-13942', 'LegalAct', 'Executive Order 13942', 3),
];

export const RELATIONS = [
  relation('clean-network', 'EXCLUDES', 'huawei', { since: '2020-08-05' }),
  relation('clean-network', 'EXCLUDES', 'zte', { since: '2020-08-05' }),
  relation('us', 'PARTICIPATES_IN', 'clean-network', { since: '2020-08-05' }),
  relation('eo-13942', 'TARGETS', 'tiktok', { since: '2020-08-06', until: '2021-06-09' }),
  relation('eo-13942', 'ISSUED_BY', 'us', { since: '2020-08-06' }),
];

export function headlessCy(): Core {
  return cytoscape({
    headless: true,
    styleEnabled: true,
    style: [{ selector: 'node', style: { width: 30, height: 30 } }],
  });
}

export function newView(cy: Core = headlessCy()): GraphView {
  return new GraphView(cy, kindStylesFrom(KINDS));
}
