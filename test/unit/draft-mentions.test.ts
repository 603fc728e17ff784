import { describe, expect, it } from 'vitest';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { draftFromText } from '../../server/draft/draft-from-text.ts';
import type { DraftMention } from '../../server/draft/draft-model.ts';
import type { KnownGraph } from '../../server/draft/known-graph.ts';
import { SEED_DIR } from '../helpers/seed-fixture.ts';

const seed = loadSeed({ seedDir: SEED_DIR });
const ontology = seed.ontology!;

/** A small graph with the traps: an alias two entities share, a pronoun-like alias, a short name. */
const GRAPH: KnownGraph = {
  entities: [
    { id: 'uk', kind: 'Country', name: 'United Kingdom', aliases: ['UK', 'Britain'] },
    { id: 'us', kind: 'Country', name: 'United States', aliases: ['U.S.', 'US', 'America'] },
    { id: 'china', kind: 'Country', name: 'China', aliases: ['Beijing', 'PRC'] },
    { id: 'huawei', kind: 'Company', name: 'Huawei', aliases: ['Huawei Technologies'] },
    { id: 'zte', kind: 'Company', name: 'ZTE', aliases: [] },
    { id: 'georgia', kind: 'Country', name: 'Georgia', aliases: [] },
    { id: 'georgia-power', kind: 'Company', name: 'Georgia Power', aliases: ['Georgia'] },
    { id: 'reuters', kind: 'Outlet', name: 'Reuters', aliases: [] },
    { id: 'qualcomm', kind: 'Company', name: 'Qualcomm', aliases: [] },
  ],
  relations: [],
};

function mentions(text: string, graph = GRAPH): DraftMention[] {
  return draftFromText(text, graph, ontology, { date: '2021-05-01' }).mentions;
}
const one = (text: string, surface: string) => mentions(text).find((m) => m.text === surface);

describe('mention resolution', () => {
  it('resolves names and aliases whatever their case, and says how', () => {
    expect(one('huawei sells phones.', 'huawei')).toMatchObject({ entityId: 'huawei', resolution: 'NAME' });
    expect(one('Reuters says Britain agrees.', 'Britain')).toMatchObject({ entityId: 'uk', resolution: 'ALIAS', explanation: "alias 'Britain' of uk" });
    expect(one('They met Huawei Technologies staff.', 'Huawei Technologies')).toMatchObject({ entityId: 'huawei', resolution: 'ALIAS' });
  });

  it('takes off possessives, plurals and articles ("the UK\'s", "the U.S.")', () => {
    expect(one("Reuters says the UK's plan is late.", "UK's")).toMatchObject({ entityId: 'uk', resolution: 'INFLECTION', possessive: true });
    expect(one('Beijing’s reply came fast.', 'Beijing’s')).toMatchObject({ entityId: 'china', resolution: 'INFLECTION' });
    const us = one('Officials in the U.S. said so.', 'U.S.');
    expect(us).toMatchObject({ entityId: 'us', resolution: 'ALIAS' });
    expect(us!.span.end - us!.span.start).toBe(4);
  });

  it('reads "Beijing" as China only because an alias says so', () => {
    const without: KnownGraph = { ...GRAPH, entities: GRAPH.entities.map((e) => (e.id === 'china' ? { ...e, aliases: [] } : e)) };
    expect(mentions('Beijing rejected it.', without).find((m) => m.entityId === 'china')).toBeUndefined();
    expect(one('Beijing rejected it.', 'Beijing')?.entityId).toBe('china');
  });

  it('never takes the pronoun "us" for the United States', () => {
    expect(mentions('They told us it was fine.').some((m) => m.entityId === 'us')).toBe(false);
  });

  it('resolves bounded typos, longer names allowing more, short names none', () => {
    expect(one('The Hauwei phone sold.', 'Hauwei')).toMatchObject({ entityId: 'huawei', resolution: 'TYPO' });
    expect(one('The Qualcom chip sold.', 'Qualcom')).toMatchObject({ entityId: 'qualcomm', resolution: 'TYPO' });
    // ZTF is one letter from ZTE, but a three-letter name allows no slip.
    expect(mentions('The ZTF unit sold.').some((m) => m.entityId === 'zte')).toBe(false);
    // A word made from a name is not a typo of it.
    expect(mentions('An American buyer came.').some((m) => m.entityId === 'us')).toBe(false);
  });

  it('leaves a mention two entities share unresolved, with both candidates, and says so', () => {
    const draft = draftFromText('Reuters reports Georgia signed the deal.', GRAPH, ontology, { date: '2021-05-01' });
    const m = draft.mentions.find((x) => x.text === 'Georgia')!;
    expect(m.resolution).toBe('AMBIGUOUS');
    expect(m.entityId).toBeNull();
    expect(m.candidates.sort()).toEqual(['georgia', 'georgia-power']);
    expect(m.explanation).toContain('left unresolved');
    expect(draft.warnings.join('\n')).toContain("'Georgia' (sentence 1) is ambiguous");
  });

  it('resolves a surname to the person named in full before it', () => {
    const graph: KnownGraph = { entities: [...GRAPH.entities, { id: 'gina-raimondo', kind: 'Official', name: 'Gina Raimondo', aliases: [] }], relations: [] };
    const ms = mentions('Gina Raimondo spoke first. Raimondo said more.', graph);
    expect(ms.find((m) => m.text === 'Raimondo')).toMatchObject({ entityId: 'gina-raimondo', resolution: 'ALIAS' });
  });
});

describe('new entities', () => {
  it('proposes unknown people and organisations with a kind from the ontology and a unique id; a title becomes the office', () => {
    const graph: KnownGraph = { entities: [...GRAPH.entities, { id: 'oliver-dowden', kind: 'Company', name: 'Dowden Ltd', aliases: [] }], relations: [] };
    const draft = draftFromText('Culture Secretary Oliver Dowden told the European Commission that Vodafone agrees.', graph, ontology, { date: '2020-07-14' });
    const dowden = draft.entities.find((e) => e.name === 'Oliver Dowden')!;
    expect(dowden).toMatchObject({ kind: 'Official', properties: [{ name: 'office', value: 'Culture Secretary' }] });
    expect(dowden.id).toBe('oliver-dowden-2');
    expect(draft.entities.find((e) => e.name === 'European Commission')?.kind).toBe('Organization');
    expect(draft.entities.find((e) => e.name === 'Vodafone')?.kind).toBe('Company');
    const m = draft.mentions[dowden.mentions[0]!]!;
    expect(m).toMatchObject({ resolution: 'NEW', entityId: 'oliver-dowden-2', text: 'Oliver Dowden' });
    for (const e of draft.entities) expect(ontology.kinds.has(e.kind)).toBe(true);
  });
});
