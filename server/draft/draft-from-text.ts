import type { Ontology } from '../ingest/ontology.ts';
import { findDate } from './article-date.ts';
import { attributeSentences } from './attribution.ts';
import type { Draft, DraftEntity, DraftMention, DraftRelation } from './draft-model.ts';
import { draftYaml } from './draft-yaml.ts';
import { proposeEntities } from './entity-proposals.ts';
import { htmlToText, looksLikeHtml } from './html-to-text.ts';
import type { KnownGraph } from './known-graph.ts';
import { buildGazetteer, findKnownMentions, findSurnameMentions, findTypoMentions } from './mention-resolution.ts';
import { quotePart } from './quote-part.ts';
import { findReferences } from './references.ts';
import { sentenceCandidates, type Candidate } from './relation-candidates.ts';
import { cuePatterns } from './relation-cues.ts';
import { splitSentences } from './sentences.ts';
import { normalizeName, tokenize } from './tokens.ts';

/** The longest text a draft reads (characters). */
export const MAX_DRAFT_TEXT = 200_000;
/** A draft stops reading sentences after this long, and says so. @default 10 000 ms */
export const DRAFT_TIME_LIMIT_MS = 10_000;

export interface DraftOptions {
  /** The outlet when the article names none (an Outlet id). */
  outlet?: string | null;
  /** Publication date, YYYY[-MM[-DD]]; else a date found in the text. */
  date?: string | null;
  url?: string | null;
  /** For the YAML header. @default "the text" */
  source?: string;
  timeLimitMs?: number;
}

/** An input the drafter refuses (too long, a malformed date); `field` names the argument. */
export class DraftInputError extends Error {
  override name = 'DraftInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** Refuses what a draft cannot read (DraftInputError), before anything else is done. */
export function checkDraftInput(input: string, options: DraftOptions = {}): void {
  if (input.length > MAX_DRAFT_TEXT) {
    throw new DraftInputError('text', `at most ${MAX_DRAFT_TEXT} characters, got ${input.length}: split the article or send its text without markup`);
  }
  if (options.date && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(options.date)) {
    throw new DraftInputError('date', `expected YYYY, YYYY-MM or YYYY-MM-DD, got "${options.date.slice(0, 40)}"`);
  }
}

const PEOPLE = new Set(['Person', 'Official']);
/** Relation types that make a thing a country's own, for descriptions like "the U.S. plan". */
const BELONGING = new Set(['PROPOSED_BY', 'ISSUED_BY', 'OWNS', 'HEADQUARTERED_IN', 'LEADS']);

/** A title-case line without a closing stop ("China Presents Global Security Initiative to Counter U.S. Plan"). */
export function isHeadline(sentence: string): boolean {
  if (/[.!?…”"]$/.test(sentence.trim())) return false;
  const words = sentence.split(/\s+/).filter((w) => /^\p{L}{3,}/u.test(w));
  if (words.length < 2) return false;
  return words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length >= 0.7;
}

/**
 * Proposes seed facts from an article, offline and writing nothing: sentences, mentions resolved
 * against `graph` (names, aliases, inflections, typos, references; unknown names proposed as new
 * entities), relation candidates held to the ontology with their cue, evidence and confidence,
 * and the review YAML.
 */
export function draftFromText(input: string, graph: KnownGraph, ontology: Ontology, options: DraftOptions = {}): Draft {
  checkDraftInput(input, options);
  const started = Date.now();
  const deadline = started + (options.timeLimitMs ?? DRAFT_TIME_LIMIT_MS);
  // The NLP model is the slow part: it gets 60% of the time, so relations are still read after it.
  const proposalDeadline = started + 0.6 * (options.timeLimitMs ?? DRAFT_TIME_LIMIT_MS);
  const warnings: string[] = [];
  const html = looksLikeHtml(input);
  const text = html ? htmlToText(input) : input;
  if (html) warnings.push('the input is HTML: spans refer to the text extracted from it (Draft.sentences)');

  const byId = new Map(graph.entities.map((e) => [e.id, e]));
  const outletGiven = options.outlet ?? null;
  if (outletGiven && byId.get(outletGiven)?.kind !== 'Outlet')
    warnings.push(`outlet "${outletGiven}" is not an Outlet the graph has: the evidence will not validate until it is`);
  const found = findDate(text);
  const date = options.date ?? found?.date ?? null;
  if (!options.date && found) warnings.push(`date ${found.date} taken from the text ('${found.source}')`);
  if (!date) warnings.push('no date given or found in the text: evidence needs one (give --date / date)');

  const gaz = buildGazetteer(graph.entities);
  const countryByName = (name: string) => {
    const ids = [...new Set((gaz.forms.get(normalizeName(name)) ?? []).filter((f) => f.kind === 'Country').map((f) => f.id))];
    return ids.length === 1 ? ids[0] : undefined;
  };
  let sentences = splitSentences(text);
  const tokens = sentences.map((s) => tokenize(s.text, s.span.start));
  const taken = tokens.map((t) => t.map(() => false));

  // 1. Names and aliases, then close spellings, sentence by sentence.
  const known: DraftMention[] = [];
  let cut = sentences.length;
  for (let i = 0; i < sentences.length; i++) {
    if (Date.now() >= deadline) {
      cut = i;
      break;
    }
    known.push(...findKnownMentions(gaz, text, tokens[i]!, i, taken[i]!));
    known.push(...findTypoMentions(gaz, text, tokens[i]!, i, taken[i]!));
  }
  if (cut < sentences.length) {
    warnings.push(`stopped after ${cut} of ${sentences.length} sentences: the draft took longer than ${(options.timeLimitMs ?? DRAFT_TIME_LIMIT_MS) / 1000} s`);
    sentences = sentences.slice(0, cut);
  }

  // 2. Names the graph lacks, proposed as new entities.
  const proposals = proposeEntities(
    {
      text,
      sentences,
      tokens,
      taken,
      knownIds: new Set(byId.keys()),
      countryByName,
      kinds: new Set(ontology.kinds.keys()),
      headlines: new Set(sentences.flatMap((s, i) => (isHeadline(s.text) ? [i] : []))),
      nameOf: (id) => byId.get(id)?.name,
      deadline: proposalDeadline,
    },
    known,
  );
  warnings.push(...proposals.warnings);
  if (Date.now() >= proposalDeadline)
    warnings.push(
      `new entities were proposed for part of the text only: the NLP model used up its share of the ${(options.timeLimitMs ?? DRAFT_TIME_LIMIT_MS) / 1000} s limit`,
    );
  const newById = new Map(proposals.entities.map((e) => [e.id, e]));

  // 3. Surnames and descriptions, in reading order (they refer back).
  // "The U.S. plan" is the initiative the U.S. proposed, "the Chinese company" one based there.
  const related = new Set<string>();
  for (const r of graph.relations) if (BELONGING.has(r.type)) related.add(`${r.from}|${r.to}`).add(`${r.to}|${r.from}`);
  const ofKind = new Map<string, Array<{ id: string; name: string }>>();
  for (const e of [...graph.entities, ...proposals.entities]) ofKind.set(e.kind, [...(ofKind.get(e.kind) ?? []), { id: e.id, name: e.name }]);
  const people = new Map<string, { ids: Set<string>; kind: string; firstSentence: number; names: string[] }>();
  const history: DraftMention[] = [];
  const all = [...known, ...proposals.mentions];
  const allBySentence = sentences.map((): DraftMention[] => []);
  for (const m of all) allBySentence[m.sentence]?.push(m);
  for (let i = 0; i < sentences.length; i++) {
    const here = allBySentence[i]!.sort((a, b) => a.span.start - b.span.start);
    for (const m of here) {
      if (!m.entityId || !m.kind || !PEOPLE.has(m.kind)) continue;
      const name = byId.get(m.entityId)?.name ?? newById.get(m.entityId)?.name ?? m.text;
      const words = name.split(/\s+/);
      if (words.length < 2) continue;
      // Family names come last in English names and first in Chinese ones ("Wang Yi" → "Wang").
      for (const surname of new Set([words[0]!, words[words.length - 1]!])) {
        if (surname.length < 2) continue;
        const entry = people.get(surname) ?? { ids: new Set<string>(), kind: m.kind, firstSentence: i, names: [] };
        if (!entry.ids.has(m.entityId)) {
          entry.ids.add(m.entityId);
          entry.names.push(name);
        }
        people.set(surname, entry);
      }
    }
    here.push(...findSurnameMentions(people, text, tokens[i]!, i, taken[i]!));
    here.sort((a, b) => a.span.start - b.span.start);
    const refs = findReferences({
      text,
      tokens: tokens[i]!,
      taken: taken[i]!,
      sentence: i,
      history,
      here,
      entitiesOfKind: (k) => ofKind.get(k) ?? [],
      related: (a, b) => related.has(`${a}|${b}`),
      countryByName,
      hasKind: (k) => ontology.kinds.has(k),
    });
    here.push(...refs);
    here.sort((a, b) => a.span.start - b.span.start);
    history.push(...here);
  }
  const mentions = history;
  const kindOf = (id: string) => byId.get(id)?.kind ?? newById.get(id)?.kind;
  for (const m of mentions) if (m.entityId && !m.kind) m.kind = kindOf(m.entityId) ?? null;
  const entities: DraftEntity[] = proposals.entities.map((e) => ({ ...e, mentions: [] }));
  const entityIndex = new Map(entities.map((e) => [e.id, e]));
  mentions.forEach((m, i) => {
    if (m.entityId) entityIndex.get(m.entityId)?.mentions.push(i);
  });
  const bySentence = sentences.map((): DraftMention[] => []);
  for (const m of mentions) bySentence[m.sentence]?.push(m);
  for (const m of mentions)
    if (m.resolution === 'AMBIGUOUS') warnings.push(`'${m.text}' (sentence ${m.sentence + 1}) is ambiguous: ${m.candidates.join(', ')}; left unresolved`);

  // 4. Evidence: who says it, when, where.
  const nameOf = (id: string) => byId.get(id)?.name ?? id;
  const attribution = attributeSentences(bySentence, tokens, outletGiven, nameOf);

  // 5. Relation candidates, held to the ontology.
  const patterns = cuePatterns(ontology);
  const knownRelations = new Map<string, (typeof graph.relations)[number]>();
  for (const r of graph.relations) {
    const key = `${r.from}|${r.type}|${r.to}`;
    if (!knownRelations.has(key)) knownRelations.set(key, r);
  }
  const relations: DraftRelation[] = [];
  const holdsOffice = ontology.relations.get('HOLDS_OFFICE');
  let late = false;
  sentences.forEach((s, i) => {
    if (late || Date.now() >= deadline) {
      late = true;
      return;
    }
    const candidates: Array<Candidate & { properties?: Array<{ name: string; value: string }> }> = sentenceCandidates(
      ontology,
      patterns,
      tokens[i]!,
      bySentence[i]!,
    );
    for (const o of proposals.offices.filter((x) => x.mention.sentence === i)) {
      // A title that names its country ("Chinese foreign minister Wang Yi") states the office.
      if (!holdsOffice || !o.country || !o.mention.entityId || !holdsOffice.from.includes('Official') || !holdsOffice.to.includes('Country')) continue;
      const country: DraftMention = { ...o.mention, entityId: o.country, kind: 'Country', span: o.titleSpan };
      candidates.push({
        from: o.mention.entityId,
        type: 'HOLDS_OFFICE',
        to: o.country,
        cue: text.slice(o.titleSpan.start, o.titleSpan.end),
        cueSpan: o.titleSpan,
        ends: [o.mention, country],
        confidence: 0.7,
        notes: [`title '${text.slice(o.titleSpan.start, o.titleSpan.end)}' names the office and its country`],
        properties: holdsOffice.properties.role ? [{ name: 'role', value: o.role }] : [],
      });
    }
    for (const c of candidates) {
      const spec = ontology.relations.get(c.type)!;
      const k = knownRelations.get(`${c.from}|${c.type}|${c.to}`);
      const a = attribution[i]!;
      relations.push({
        id: `${c.from}|${c.type}|${c.to}|${i}`,
        from: c.from,
        type: c.type,
        to: c.to,
        phrase: spec.phrase,
        cue: c.cue,
        cueSpan: c.cueSpan,
        sentence: i,
        quote: quotePart(text, s.span, [c.cueSpan, c.ends[0].span, c.ends[1].span]),
        confidence: c.confidence,
        notes: c.notes,
        outlet: a.outlet,
        outletReason: a.reason,
        date,
        url: options.url ?? null,
        known: k ? { relationId: k.key, seedFile: k.file, seedLine: k.line } : null,
        properties: c.properties ?? [],
      });
    }
  });
  if (late)
    warnings.push(`relations were read from part of the text only: the draft took longer than ${(options.timeLimitMs ?? DRAFT_TIME_LIMIT_MS) / 1000} s`);
  // The same fact stated twice is one candidate, from its most confident sentence.
  const best = new Map<string, DraftRelation>();
  for (const r of relations) {
    const key = `${r.from}|${r.type}|${r.to}`;
    const b = best.get(key);
    if (!b || r.confidence > b.confidence) best.set(key, r);
  }
  const kept = relations.filter((r) => best.get(`${r.from}|${r.type}|${r.to}`) === r);
  const draft = { sentences, mentions, entities, relations: kept, warnings };
  return { ...draft, yaml: draftYaml({ ...draft, ontology, source: options.source ?? 'the text' }) };
}
