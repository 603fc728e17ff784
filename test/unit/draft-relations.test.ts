import { describe, expect, it } from 'vitest';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { parseOntology } from '../../server/ingest/ontology.ts';
import { formatDiagnostic } from '../../server/ingest/diagnostics.ts';
import { OntologyError } from '../../server/ingest/ontology.ts';
import { draftFromText } from '../../server/draft/draft-from-text.ts';
import type { KnownGraph } from '../../server/draft/known-graph.ts';
import { cuePatterns, matchCues } from '../../server/draft/relation-cues.ts';
import { tokenize } from '../../server/draft/tokens.ts';
import { SEED_DIR } from '../helpers/seed-fixture.ts';

const seed = loadSeed({ seedDir: SEED_DIR });
const ontology = seed.ontology!;

const GRAPH: KnownGraph = {
  entities: [
    { id: 'uk', kind: 'Country', name: 'United Kingdom', aliases: ['UK', 'Britain'] },
    { id: 'us', kind: 'Country', name: 'United States', aliases: ['U.S.'] },
    { id: 'china', kind: 'Country', name: 'China', aliases: ['Beijing'] },
    { id: 'huawei', kind: 'Company', name: 'Huawei', aliases: [] },
    { id: 'zte', kind: 'Company', name: 'ZTE', aliases: [] },
    { id: 'tencent', kind: 'Company', name: 'Tencent', aliases: [] },
    { id: 'wechat', kind: 'App', name: 'WeChat', aliases: [] },
    { id: 'clean-network', kind: 'Initiative', name: 'Clean Network', aliases: [] },
    { id: 'reuters', kind: 'Outlet', name: 'Reuters', aliases: [] },
    { id: 'ap-news', kind: 'Outlet', name: 'AP News', aliases: ['AP', 'Associated Press'] },
    { id: 'wsj', kind: 'Outlet', name: 'The Wall Street Journal', aliases: ['WSJ'] },
    { id: 'bbc', kind: 'Outlet', name: 'BBC News', aliases: ['BBC'] },
  ],
  relations: [{ key: 'tencent|OWNS|wechat', from: 'tencent', type: 'OWNS', to: 'wechat', file: 'seed/data/companies.yaml', line: 12 }],
};

const draft = (text: string, outlet: string | null = null) => draftFromText(text, GRAPH, ontology, { date: '2021-05-01', outlet });
const facts = (text: string) => draft(text).relations.map((r) => `${r.from} ${r.type} ${r.to}`);

describe('cues', () => {
  it('come from ontology.yaml (phrase, inverse, cues) and match every inflection', () => {
    const patterns = cuePatterns(ontology);
    const bans = (s: string) => matchCues(tokenize(s), patterns).filter((m) => m.pattern.type === 'PLANS_TO_BAN').length;
    expect(bans('The U.S. plans to ban WeChat')).toBe(1);
    expect(bans('The U.S. planned to ban WeChat')).toBe(1);
    expect(bans('The U.S. is planning to ban WeChat')).toBe(1);
    const excludes = (s: string) => matchCues(tokenize(s), patterns).filter((m) => m.pattern.type === 'EXCLUDES');
    for (const s of ['Britain bans Huawei from 5G', 'Britain banned Huawei from 5G', 'Britain is banning Huawei from 5G'])
      expect(excludes(s).length, s).toBe(1);
  });

  it('reads the active and the passive voice in their directions', () => {
    expect(facts('Tencent owns WeChat.')).toContain('tencent OWNS wechat');
    expect(facts('WeChat is owned by Tencent.')).toContain('tencent OWNS wechat');
    expect(facts('Huawei was excluded by Britain.')).toContain('uk EXCLUDES huawei');
    expect(facts('Britain excluded Huawei and ZTE.')).toEqual(expect.arrayContaining(['uk EXCLUDES huawei', 'uk EXCLUDES zte']));
  });

  it('holds candidates to the ontology: no relation type whose ends the kinds do not fit', () => {
    // OWNS runs Company/Person/Country → Company/App/Infrastructure: an Outlet owns nothing here.
    expect(facts('Reuters owns WeChat.')).not.toContain('reuters OWNS wechat');
    for (const r of draft('Britain excluded Huawei. Tencent owns WeChat. China backs the Clean Network.').relations) {
      const spec = ontology.relations.get(r.type)!;
      const kind = (id: string) => GRAPH.entities.find((e) => e.id === id)!.kind;
      expect(spec.from).toContain(kind(r.from));
      expect(spec.to).toContain(kind(r.to));
    }
  });

  it('marks a candidate the seed has as known, with its file and line, and the YAML adds evidence instead of a duplicate', () => {
    const d = draft('Reuters reports that Tencent owns WeChat.');
    const r = d.relations.find((x) => x.type === 'OWNS')!;
    expect(r.known).toEqual({ relationId: 'tencent|OWNS|wechat', seedFile: 'seed/data/companies.yaml', seedLine: 12 });
    expect(d.yaml).toContain('# already known (seed/data/companies.yaml:12): tencent OWNS wechat; add to its evidence:');
    expect(d.yaml).not.toMatch(/^ {2}- from: tencent/m);
  });

  it('can be extended in ontology.yaml, and a malformed cue list is an error at its line and column', () => {
    const text =
      'kinds:\n  Country: { color: "#000000", shape: ellipse }\nrelations:\n  BORDERS:\n    from: [Country]\n    to: [Country]\n    phrase: borders\n    inverse: borders\n    cues: abuts\n';
    try {
      parseOntology('seed/ontology.yaml', text);
      expect.unreachable();
    } catch (err) {
      expect((err as OntologyError).diagnostics.map(formatDiagnostic)).toEqual([
        'seed/ontology.yaml:9:11: BORDERS.cues must be a list of strings, not a string',
      ]);
    }
    const ok = parseOntology('seed/ontology.yaml', text.replace('cues: abuts', 'cues: [abut, share a border with]'));
    expect(ok.relations.get('BORDERS')!.cues).toEqual(['abut', 'share a border with']);
  });
});

describe('negation and reported denial', () => {
  it('drops a negated statement instead of asserting it (or its opposite)', () => {
    expect(facts('Britain did not exclude Huawei.')).toEqual([]);
    expect(facts('Britain never excluded Huawei.')).toEqual([]);
    expect(facts("Britain didn't exclude Huawei.")).toEqual([]);
  });

  it('lowers the confidence of a denied or claimed statement, and says why', () => {
    const sure = draft('Britain excluded Huawei.').relations[0]!;
    const denied = draft('Britain excluded Huawei, a claim that Huawei and Beijing deny.').relations.find((r) => r.type === 'EXCLUDES')!;
    expect(denied.confidence).toBeLessThan(sure.confidence / 2);
    expect(denied.notes.join('; ')).toContain("reported denial: 'deny'");
    const hedged = draft('Britain may exclude Huawei.').relations[0]!;
    expect(hedged.confidence).toBeLessThan(sure.confidence);
    expect(hedged.notes).toContain("hedged: 'may'");
  });
});

describe('attribution', () => {
  const outletOf = (text: string, sentence: number, outlet: string | null = null) => draft(text, outlet).relations.find((r) => r.sentence === sentence);
  it('takes the outlet the sentence names with a reporting verb', () => {
    expect(outletOf('According to Reuters, Britain excluded Huawei.', 0)).toMatchObject({
      outlet: 'reuters',
      outletReason: "'according to Reuters' in the sentence",
    });
    expect(outletOf('AP News reports that Britain excluded Huawei.', 0)?.outlet).toBe('ap-news');
    expect(outletOf('Reuters notes that Britain excluded Huawei.', 0)?.outlet).toBe('reuters');
    expect(outletOf('The Wall Street Journal, which viewed a draft, reports that Britain excluded Huawei.', 0)?.outlet).toBe('wsj');
  });

  it('carries the last named outlet forward, and uses --outlet before any is named', () => {
    const text = 'Britain excluded Huawei. Reuters reports more. Britain also excluded ZTE.';
    const d = draft(text, 'bbc');
    expect(d.relations.find((r) => r.to === 'huawei')).toMatchObject({ outlet: 'bbc', outletReason: 'the outlet given with the text' });
    expect(d.relations.find((r) => r.to === 'zte')?.outlet).toBe('reuters');
    expect(draft('Britain excluded Huawei.').relations[0]!.outlet).toBeNull();
  });

  it('quotes the quoted part when the whole statement stands inside it, else the sentence, verbatim', () => {
    const text = 'Reuters says the plan “excludes Huawei and ZTE from Britain’s networks,” for now.';
    const g: KnownGraph = { entities: [...GRAPH.entities, { id: 'plan', kind: 'Initiative', name: 'Clean Plan', aliases: ['the plan'] }], relations: [] };
    const withPlan = draftFromText(text.replace('the plan', 'Clean Plan'), g, ontology, { date: '2021-05-01' });
    const r = withPlan.relations.find((x) => x.to === 'huawei')!;
    expect(r.quote).toBe('Reuters says Clean Plan “excludes Huawei and ZTE from Britain’s networks,” for now.');
    const inside = draft('Reuters says “Britain excluded Huawei from its networks,” for now.').relations[0]!;
    expect(inside.quote).toBe('Britain excluded Huawei from its networks,');
  });
});
