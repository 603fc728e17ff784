/**
 * The pure parts of "Draft from article" (client/src/features/draft/): where a sentence is
 * highlighted, the review's decisions, the review → saveDraft input mapping, where the write
 * API's diagnostics land, what the article field accepts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Draft, DraftRelation } from '../../client/src/api/draft-operations.ts';
import { ApiError } from '../../client/src/api/graphql-client.ts';
import type { KindInfo, RelationTypeInfo } from '../../client/src/api/operations.ts';
import { diagnosticsOf, placeDiagnostics } from '../../client/src/features/authoring/diagnostic-fields.ts';
import { articleFileProblem, articleTextProblem } from '../../client/src/features/draft/article-file.ts';
import { candidateMarks, confidenceBand } from '../../client/src/features/draft/candidate-card.ts';
import { typeChoices } from '../../client/src/features/draft/candidate-editor.ts';
import { draftTargetOf, withInputPrefix, withInputPrefixes } from '../../client/src/features/draft/draft-diagnostics.ts';
import { existingIdsOf } from '../../client/src/features/draft/draft-entities.ts';
import { DraftFields } from '../../client/src/features/draft/draft-fields.ts';
import { DraftReview } from '../../client/src/features/draft/draft-review.ts';
import { draftSaveInput, hasContent, rejectedLine, type DraftSpecs } from '../../client/src/features/draft/draft-save-input.ts';
import { highlightSegments } from '../../client/src/features/draft/sentence-highlights.ts';

/** The project's ontology, as the Bootstrap query gives it. */
function ontology(): { kinds: KindInfo[]; relationTypes: RelationTypeInfo[] } {
  type Props = Record<string, { type: string; required?: boolean }>;
  const o = parse(readFileSync('seed/ontology.yaml', 'utf8')) as {
    kinds: Record<string, { description: string; color: string; shape: string; properties?: Props }>;
    relations: Record<string, { from: string[]; to: string[]; phrase: string; inverse: string; properties?: Props }>;
  };
  const props = (p: Props | undefined) =>
    Object.entries(p ?? {}).map(([name, s]) => ({ name, type: s.type, required: s.required ?? false, description: null }));
  return {
    kinds: Object.entries(o.kinds).map(([name, k]) => ({ name, description: k.description, color: k.color, shape: k.shape, properties: props(k.properties) })),
    relationTypes: Object.entries(o.relations).map(([name, r]) => ({
      name,
      phrase: r.phrase,
      inverse: r.inverse,
      from: r.from,
      to: r.to,
      properties: props(r.properties),
    })),
  };
}
const ONTOLOGY = ontology();
const SPECS: DraftSpecs = {
  relationProperties: (type) => ONTOLOGY.relationTypes.find((t) => t.name === type)?.properties ?? [],
  kindProperties: (kind) => ONTOLOGY.kinds.find((k) => k.name === kind)?.properties ?? [],
};

// Two sentences of the article, as the draft's text; spans are offsets into it.
const S0 = 'AP News reports that the plan seeks to exclude Chinese companies like Huawei and ZTE.';
const S1 = ' Culture Secretary Oliver Dowden said the UK’s decision stands, a claim Huawei denies.';
const TEXT = S0 + S1;
const at = (word: string, from = 0) => {
  const start = TEXT.indexOf(word, from);
  if (start < 0) throw new Error(`${word} is not in the text`);
  return { start, end: start + word.length };
};

function candidate(over: Partial<DraftRelation> & Pick<DraftRelation, 'id' | 'from' | 'type' | 'to'>): DraftRelation {
  return {
    phrase: 'excludes',
    cue: 'exclude',
    cueSpan: at('exclude'),
    sentence: 0,
    quote: S0,
    confidence: 0.9,
    notes: [],
    outlet: 'ap-news',
    outletReason: "'AP News reports' in the sentence",
    date: '2020-09-08',
    url: null,
    known: null,
    properties: [],
    ...over,
  };
}

function fixture(): Draft {
  return {
    sentences: [
      { index: 0, span: { start: 0, end: S0.length }, text: S0 },
      { index: 1, span: { start: S0.length + 1, end: TEXT.length }, text: S1.slice(1) },
    ],
    mentions: [
      { text: 'AP News', span: at('AP News'), sentence: 0, resolution: 'NAME', entityId: 'ap-news', candidates: [], explanation: 'name of ap-news' },
      { text: 'Huawei', span: at('Huawei'), sentence: 0, resolution: 'NAME', entityId: 'huawei', candidates: [], explanation: 'name of huawei' },
      { text: 'ZTE', span: at('ZTE'), sentence: 0, resolution: 'NAME', entityId: 'zte', candidates: [], explanation: 'name of zte' },
      {
        text: 'the plan',
        span: at('the plan'),
        sentence: 0,
        resolution: 'AMBIGUOUS',
        entityId: null,
        candidates: ['clean-network', 'global-initiative-on-data-security'],
        explanation: "'the plan' could be 2 initiatives",
      },
      {
        text: 'Oliver Dowden',
        span: at('Oliver Dowden'),
        sentence: 1,
        resolution: 'NEW',
        entityId: 'oliver-dowden',
        candidates: [],
        explanation: 'proposed: Official',
      },
      {
        text: 'the UK’s',
        span: at('the UK’s'),
        sentence: 1,
        resolution: 'INFLECTION',
        entityId: 'uk',
        candidates: [],
        explanation: "possessive of alias 'UK' of uk",
      },
    ],
    entities: [
      {
        id: 'oliver-dowden',
        kind: 'Official',
        name: 'Oliver Dowden',
        properties: [{ name: 'office', value: 'Culture Secretary' }],
        confidence: 0.7,
        mentions: [4],
      },
    ],
    relations: [
      candidate({
        id: 'clean-network|EXCLUDES|huawei|0',
        from: 'clean-network',
        type: 'EXCLUDES',
        to: 'huawei',
        known: { relationId: 'clean-network|EXCLUDES|huawei', seedFile: 'seed/data/clean-network.yaml', seedLine: 147 },
      }),
      candidate({ id: 'clean-network|EXCLUDES|zte|0', from: 'clean-network', type: 'EXCLUDES', to: 'zte', confidence: 0.85 }),
      candidate({
        id: 'oliver-dowden|HOLDS_OFFICE|uk|1',
        from: 'oliver-dowden',
        type: 'HOLDS_OFFICE',
        to: 'uk',
        phrase: 'holds office in',
        cue: 'Secretary',
        cueSpan: at('Secretary'),
        sentence: 1,
        quote: S1.trim(),
        confidence: 0.55,
        notes: ["reported denial: 'denies'"],
        outlet: null,
        outletReason: null,
        date: null,
        properties: [{ name: 'role', value: 'Culture Secretary' }],
      }),
    ],
    yaml: '',
    warnings: [],
  };
}

describe('highlighting a candidate’s sentence', () => {
  it('splits the sentence at the cue and the mentions, offsets taken from the sentence’s start', () => {
    const d = fixture();
    const s = d.sentences[1]!;
    const segments = highlightSegments(s.text, s.span.start, [
      { span: at('Secretary'), kind: 'cue', title: 'cue' },
      { span: at('Oliver Dowden'), kind: 'end', title: 'proposed' },
    ]);
    expect(segments.map((x) => [x.text, x.kinds])).toEqual([
      ['Culture ', []],
      ['Secretary', ['cue']],
      [' ', []],
      ['Oliver Dowden', ['end']],
      [' said the UK’s decision stands, a claim Huawei denies.', []],
    ]);
    expect(segments.map((x) => x.text).join('')).toBe(s.text);
  });

  it('carries both kinds where marks overlap, and clamps or drops marks outside the sentence', () => {
    const text = 'Tencent owns WeChat.';
    const segments = highlightSegments(text, 100, [
      { span: { start: 100, end: 112 }, kind: 'cue', title: 'a' },
      { span: { start: 108, end: 119 }, kind: 'end', title: 'b' },
      { span: { start: 90, end: 101 }, kind: 'mention', title: 'c' },
      { span: { start: 200, end: 210 }, kind: 'mention', title: 'outside' },
      { span: { start: 105, end: 105 }, kind: 'mention', title: 'empty' },
    ]);
    expect(segments.map((x) => [x.text, x.kinds, x.titles])).toEqual([
      ['T', ['cue', 'mention'], ['a', 'c']],
      ['encent ', ['cue'], ['a']],
      ['owns', ['cue', 'end'], ['a', 'b']],
      [' WeChat', ['end'], ['b']],
      ['.', [], []],
    ]);
  });

  it('counts UTF-16 code units, as the API’s spans do (an emoji is two)', () => {
    const text = '🇺🇸 bans TikTok';
    const start = text.indexOf('TikTok');
    expect(start).toBe(10);
    const segments = highlightSegments(text, 0, [{ span: { start, end: start + 6 }, kind: 'end', title: '' }]);
    expect(segments.at(-1)).toEqual({ text: 'TikTok', kinds: ['end'], titles: [] });
  });

  it('leaves a sentence without marks as one plain run', () => {
    expect(highlightSegments('No cue here.', 5, [])).toEqual([{ text: 'No cue here.', kinds: [], titles: [] }]);
  });

  it('marks a candidate’s cue, its ends (an ambiguous mention when one of its options is an end) and the other mentions', () => {
    const d = fixture();
    const review = new DraftReview(d);
    const zte = review.candidate('clean-network|EXCLUDES|zte|0')!;
    const marks = candidateMarks(d, zte, review.picks);
    const kindOf = (word: string) => marks.find((m) => m.span.start === at(word).start)?.kind;
    expect(kindOf('exclude')).toBe('cue');
    expect(kindOf('ZTE')).toBe('end');
    expect(kindOf('the plan')).toBe('end');
    expect(kindOf('Huawei')).toBe('mention');
    expect(kindOf('AP News')).toBe('mention');
    expect(kindOf('Oliver Dowden')).toBeUndefined();
  });
});

describe('the review’s decisions', () => {
  it('accepts, rejects and resets a candidate, and counts them', () => {
    const review = new DraftReview(fixture());
    let heard = 0;
    review.subscribe(() => heard++);
    review.decide('clean-network|EXCLUDES|zte|0', 'accepted');
    review.decide('oliver-dowden|HOLDS_OFFICE|uk|1', 'rejected');
    review.decide('oliver-dowden|HOLDS_OFFICE|uk|1', 'rejected');
    expect(review.counts()).toEqual({ pending: 1, accepted: 1, rejected: 1 });
    expect(heard).toBe(2);
    review.decide('clean-network|EXCLUDES|zte|0', 'pending');
    expect(review.counts()).toEqual({ pending: 2, accepted: 0, rejected: 1 });
  });

  it('"Accept confident ones" takes only pending candidates at or above the threshold', () => {
    const review = new DraftReview(fixture());
    review.decide('clean-network|EXCLUDES|zte|0', 'rejected');
    expect(review.acceptConfident(0.8)).toEqual(['clean-network|EXCLUDES|huawei|0']);
    expect(review.candidate('clean-network|EXCLUDES|zte|0')!.decision).toBe('rejected');
    expect(review.candidate('oliver-dowden|HOLDS_OFFICE|uk|1')!.decision).toBe('pending');
    expect(review.acceptConfident(0.5)).toEqual(['oliver-dowden|HOLDS_OFFICE|uk|1']);
  });

  it('adds a proposed entity when an accepted relation uses it, always, or never', () => {
    const review = new DraftReview(fixture());
    expect(review.includedEntities()).toEqual([]);
    review.decide('oliver-dowden|HOLDS_OFFICE|uk|1', 'accepted');
    expect(review.includedEntities().map((e) => e.proposal.id)).toEqual(['oliver-dowden']);
    review.decideEntity('oliver-dowden', 'rejected');
    expect(review.includedEntities()).toEqual([]);
    review.decide('oliver-dowden|HOLDS_OFFICE|uk|1', 'rejected');
    review.decideEntity('oliver-dowden', 'accepted');
    expect(review.includedEntities().map((e) => e.proposal.id)).toEqual(['oliver-dowden']);
  });

  it('an ambiguous mention’s pick replaces the guessed end in the candidates of its sentence only', () => {
    const review = new DraftReview(fixture());
    review.pick(3, 'global-initiative-on-data-security');
    expect(review.candidate('clean-network|EXCLUDES|zte|0')!.relation.from).toBe('global-initiative-on-data-security');
    expect(review.candidate('oliver-dowden|HOLDS_OFFICE|uk|1')!.relation.from).toBe('oliver-dowden');
    // Picked again: the previous pick is replaced too. Not one of its options: ignored.
    review.pick(3, 'clean-network');
    expect(review.candidate('clean-network|EXCLUDES|zte|0')!.relation.from).toBe('clean-network');
    review.pick(3, 'huawei');
    expect(review.picks.get(3)).toBe('clean-network');
  });

  it('a known candidate adds evidence while its ends and type are the known relation’s', () => {
    const review = new DraftReview(fixture());
    const known = review.candidate('clean-network|EXCLUDES|huawei|0')!;
    expect(review.addsEvidence(known)).toBe(true);
    [known.relation.from, known.relation.to] = [known.relation.to, known.relation.from];
    expect(review.addsEvidence(known)).toBe(false);
    expect(review.addsEvidence(review.candidate('clean-network|EXCLUDES|zte|0')!)).toBe(false);
  });
});

describe('the review as saveDraft’s input', () => {
  it('writes accepted new relations, evidence for known ones, the entities they use, and the rejected as comments', () => {
    const review = new DraftReview(fixture());
    review.decide('clean-network|EXCLUDES|huawei|0', 'accepted');
    review.decide('clean-network|EXCLUDES|zte|0', 'rejected');
    review.decide('oliver-dowden|HOLDS_OFFICE|uk|1', 'accepted');
    const dowden = review.candidate('oliver-dowden|HOLDS_OFFICE|uk|1')!;
    // The role the text gives is the relation's property (as drafted); the analyst adds an outlet.
    expect(dowden.relation.properties).toEqual({ role: 'Culture Secretary' });
    dowden.relation.evidence.outletId = 'ap-news';
    // The analyst renames the proposed entity: the relation follows.
    review.entities[0]!.entity.id = 'oliver-dowden-mp ';
    const { input, slots } = draftSaveInput(review, SPECS, true);
    expect(input.entities).toEqual([
      { id: 'oliver-dowden-mp', kind: 'Official', name: 'Oliver Dowden', properties: [{ name: 'office', value: 'Culture Secretary' }] },
    ]);
    expect(input.relations).toEqual([
      {
        from: 'oliver-dowden-mp',
        type: 'HOLDS_OFFICE',
        to: 'uk',
        evidence: [{ outlet: 'ap-news', quote: S1.trim() }],
        properties: [{ name: 'role', value: 'Culture Secretary' }],
      },
    ]);
    expect(input.evidence).toEqual([{ relationId: 'clean-network|EXCLUDES|huawei', evidence: { outlet: 'ap-news', quote: S0, date: '2020-09-08' } }]);
    expect(input.rejected).toEqual([`clean-network EXCLUDES zte: “${S0}” (confidence 0.85)`]);
    expect(slots).toEqual({ entities: ['oliver-dowden'], relations: ['oliver-dowden|HOLDS_OFFICE|uk|1'], evidence: ['clean-network|EXCLUDES|huawei|0'] });
    expect(hasContent({ input, slots })).toBe(true);
  });

  it('leaves the rejected out unless kept, and has nothing to write before a decision', () => {
    const review = new DraftReview(fixture());
    expect(hasContent(draftSaveInput(review, SPECS, true))).toBe(false);
    review.decide('clean-network|EXCLUDES|zte|0', 'rejected');
    expect(draftSaveInput(review, SPECS, false).input.rejected).toEqual([]);
    expect(hasContent(draftSaveInput(review, SPECS, false))).toBe(false);
    expect(hasContent(draftSaveInput(review, SPECS, true))).toBe(true);
  });

  it('a known candidate whose ends were changed is written as a new relation', () => {
    const review = new DraftReview(fixture());
    const c = review.candidate('clean-network|EXCLUDES|huawei|0')!;
    review.decide(c.candidate.id, 'accepted');
    c.relation.from = 'uk';
    const { input } = draftSaveInput(review, SPECS, false);
    expect(input.evidence).toEqual([]);
    expect(input.relations.map((r) => `${r.from} ${r.type} ${r.to}`)).toEqual(['uk EXCLUDES huawei']);
  });

  it('a rejected candidate’s comment is one line, with its notes', () => {
    const review = new DraftReview(fixture());
    const line = rejectedLine(review.candidate('oliver-dowden|HOLDS_OFFICE|uk|1')!);
    expect(line).not.toMatch(/\n/);
    expect(line).toBe(`oliver-dowden HOLDS_OFFICE uk: “${S1.trim()}” (confidence 0.55; reported denial: 'denies')`);
  });

  it('names the existing entities of a draft (ends, outlets, ambiguous options), not the proposed ones', () => {
    expect([...existingIdsOf(fixture())].sort()).toEqual(['ap-news', 'clean-network', 'global-initiative-on-data-security', 'huawei', 'uk', 'zte']);
  });
});

describe('where the write API’s problems with a draft go', () => {
  const slots = { entities: ['oliver-dowden'], relations: ['a|X|b|0', 'c|Y|d|1'], evidence: ['e|Z|f|2'] };

  it('maps input paths to the card and field they came from', () => {
    expect(draftTargetOf('input.relations[1].to', slots)).toEqual({ card: 'candidate', id: 'c|Y|d|1', field: 'to' });
    expect(draftTargetOf('relations[0].evidence[0].quote', slots)).toEqual({ card: 'candidate', id: 'a|X|b|0', field: 'evidence.quote' });
    expect(draftTargetOf('input.evidence[0].evidence.date', slots)).toEqual({ card: 'candidate', id: 'e|Z|f|2', field: 'evidence.date' });
    expect(draftTargetOf('input.evidence[0].relationId', slots)).toEqual({ card: 'candidate', id: 'e|Z|f|2', field: '' });
    expect(draftTargetOf('input.entities[0].id', slots)).toEqual({ card: 'entity', id: 'oliver-dowden', field: 'id' });
    expect(draftTargetOf('input.relations[5].to', slots)).toBeNull();
    expect(draftTargetOf('input.rejected[0]', slots)).toBeNull();
    expect(draftTargetOf(null, slots)).toBeNull();
  });

  it('gives paths the input. prefix, so the shared placement keeps the list index of `evidence[i]`', () => {
    expect(withInputPrefix('evidence[1].evidence.quote')).toBe('input.evidence[1].evidence.quote');
    expect(withInputPrefix('input.relations[0].to')).toBe('input.relations[0].to');
    expect(withInputPrefix('text')).toBe('text');
    const error = new ApiError({
      kind: 'graphql',
      code: 'BAD_USER_INPUT',
      message: 'the seed would not validate',
      operation: 'SaveDraft',
      errors: [
        {
          message: 'the seed would not validate',
          extensions: {
            code: 'BAD_USER_INPUT',
            diagnostics: [
              {
                file: 'seed/data/x.yaml',
                line: 3,
                column: 5,
                message: 'unknown entity id "zte2"',
                text: 'seed/data/x.yaml:3:5: unknown entity id "zte2"',
                field: 'relations[1].to',
              },
              { file: 'seed/data/x.yaml', line: 9, column: 1, message: 'duplicate key', text: 'seed/data/x.yaml:9:1: duplicate key', field: null },
            ],
          },
        },
      ],
    });
    const prefixed = withInputPrefixes(error) as ApiError;
    expect(prefixed).toBeInstanceOf(ApiError);
    expect(prefixed.code).toBe('BAD_USER_INPUT');
    const diagnostics = diagnosticsOf(prefixed.errors);
    expect(diagnostics.map((d) => d.field)).toEqual(['input.relations[1].to', null]);

    // The preview panel's placement: the first at its card, the second above the diff.
    let byCard = new Map<string, string[]>();
    const fields = new DraftFields((m) => (byCard = m));
    fields.slots = slots;
    const placed = placeDiagnostics(diagnostics, [], (key) => fields.has(key));
    fields.setServer(placed.byField);
    expect(byCard).toEqual(new Map([['candidate:c|Y|d|1', ['to: unknown entity id "zte2"']]]));
    expect(placed.general).toEqual(['seed/data/x.yaml:9:1: duplicate key']);
  });
});

describe('choices in the candidate editor', () => {
  it('offers the types whose ends fit, either way round; every type when a kind is unknown', () => {
    const choices = typeChoices(ONTOLOGY.relationTypes, 'Company', 'Initiative').map((c) => c.value);
    expect(choices).toContain('r:EXCLUDES');
    expect(choices).not.toContain('f:EXCLUDES');
    expect(typeChoices(ONTOLOGY.relationTypes, null, 'Company')).toHaveLength(ONTOLOGY.relationTypes.length);
  });

  it('bands confidences for the badge', () => {
    expect([0.95, 0.8, 0.79, 0.5, 0.49].map(confidenceBand)).toEqual(['high', 'high', 'medium', 'medium', 'low']);
  });
});

describe('what the article field accepts', () => {
  it('text and HTML files up to the size limit', () => {
    expect(articleFileProblem('article.txt', 'text/plain', 10_000)).toBeNull();
    expect(articleFileProblem('page.HTML', '', 10_000)).toBeNull();
    expect(articleFileProblem('download', 'text/html', 10_000)).toBeNull();
    expect(articleFileProblem('scan.pdf', 'application/pdf', 10_000)).toMatch(/not a text or HTML file/);
    expect(articleFileProblem('huge.txt', 'text/plain', 900_001)).toMatch(/too big/);
  });

  it('text that is not empty and within 200 000 characters', () => {
    expect(articleTextProblem('  \n')).toMatch(/Paste/);
    expect(articleTextProblem('x'.repeat(200_000))).toBeNull();
    expect(articleTextProblem('x'.repeat(200_001))).toMatch(/200,001 characters/);
  });
});

describe('the draft text limit', () => {
  it('the client refuses exactly what the server would: one limit, stated in the SDL too', async () => {
    const { DRAFT_TEXT_MAX } = await import('../../client/src/api/draft-operations.ts');
    const { MAX_DRAFT_TEXT } = await import('../../server/draft/draft-from-text.ts');
    expect(DRAFT_TEXT_MAX).toBe(MAX_DRAFT_TEXT);
    const sdl = readFileSync(new URL('../../server/graphql/sdl/draft.graphql', import.meta.url), 'utf8');
    // The SDL writes thousands apart by spaces: 200 000.
    expect(sdl).toContain(`at most ${String(MAX_DRAFT_TEXT).replace(/\B(?=(\d{3})+$)/g, ' ')} characters`);
  });
});
