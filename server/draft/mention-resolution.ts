import nlp from 'compromise';
import type { DraftMention, MentionResolution } from './draft-model.ts';
import type { KnownEntity } from './known-graph.ts';
import { normalizeName, stripPossessive, type Token } from './tokens.ts';
import { allowedTypos, typoDistance } from './typo-distance.ts';

/** One way an entity is written: its name or an alias. */
interface NameForm {
  id: string;
  kind: string;
  form: string;
  isName: boolean;
  /** A form with capitals ("US") only matches text with capitals, so "us" the pronoun does not. */
  needsCapital: boolean;
}

/** compromise's English lexicon (shipped in the package): the words that are also ordinary words. */
const LEXICON = (nlp as unknown as { model(): { one: { lexicon: Record<string, unknown> } } }).model().one.lexicon;

/**
 * Whether a name matches only when written with capitals: acronyms ("US" is not "us") and names
 * made of ordinary English words ("Orange", "Clean Network"). Other names ("Huawei") match in
 * any case.
 */
function needsCapital(form: string): boolean {
  if (!/\p{Lu}/u.test(form)) return false;
  if (/^[\p{Lu}\p{N}.&-]{2,6}$/u.test(form)) return true;
  const words = form
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
  return words.every((w) => w in LEXICON);
}

/** Names and aliases of the entities a draft resolves against, by normalised form. */
export interface Gazetteer {
  forms: Map<string, NameForm[]>;
  /** Longest form, in words: the widest span worth trying. */
  maxWords: number;
  byId: Map<string, KnownEntity>;
}

export function buildGazetteer(entities: readonly KnownEntity[]): Gazetteer {
  const forms = new Map<string, NameForm[]>();
  let maxWords = 1;
  const byId = new Map<string, KnownEntity>();
  for (const e of entities) {
    byId.set(e.id, e);
    const all = [{ form: e.name, isName: true }, ...e.aliases.map((a) => ({ form: a, isName: false }))];
    for (const { form, isName } of all) {
      const key = normalizeName(form);
      if (!key) continue;
      maxWords = Math.max(maxWords, key.split(' ').length);
      const list = forms.get(key) ?? [];
      if (!list.some((f) => f.id === e.id)) list.push({ id: e.id, kind: e.kind, form, isName, needsCapital: needsCapital(form) });
      forms.set(key, list);
    }
  }
  return { forms, maxWords, byId };
}

/** Punctuation a name may contain between its words ("Hong Kong–Americas", "“Clean Network” program"). */
const INNER = new Set(['-', '–', '—', '+', '&', '“', '”', '"', "'", '’', '/']);
/** Lower-case words that may join the capitalised words of one name ("Global Initiative on Data Security"). */
const CONNECTORS = new Set(['of', 'on', 'for', 'and', 'de', 'the', 'in', '&']);

interface Hit {
  forms: NameForm[];
  how: 'exact' | 'possessive' | 'plural';
}

function lookup(gaz: Gazetteer, text: string): Hit | undefined {
  const hasCapital = /\p{Lu}/u.test(text);
  const usable = (list: NameForm[] | undefined) => (list ?? []).filter((f) => !f.needsCapital || hasCapital);
  const exact = usable(gaz.forms.get(normalizeName(text)));
  if (exact.length > 0) return { forms: exact, how: 'exact' };
  const owner = stripPossessive(text);
  if (owner) {
    const p = usable(gaz.forms.get(normalizeName(owner)));
    if (p.length > 0) return { forms: p, how: 'possessive' };
  }
  // "Reuters’" (a name ending in s, with a bare apostrophe) is normalised with the apostrophe dropped already.
  if (/\p{L}{4,}s$/u.test(text)) {
    const p = usable(gaz.forms.get(normalizeName(text.slice(0, -1))));
    if (p.length > 0) return { forms: p, how: 'plural' };
  }
  return undefined;
}

function distinctIds(forms: NameForm[]): string[] {
  return [...new Set(forms.map((f) => f.id))];
}

/** The mention of a hit: resolved when the form belongs to one entity, AMBIGUOUS otherwise. */
function mentionOf(gaz: Gazetteer, text: string, start: number, end: number, sentence: number, hit: Hit, typo?: string): DraftMention {
  const ids = distinctIds(hit.forms);
  const possessive = /['’]s?$/u.test(text) && hit.how === 'possessive';
  if (ids.length > 1) {
    const names = ids.map((id) => `${gaz.byId.get(id)?.name ?? id} (${id})`).join(', ');
    return {
      text,
      span: { start, end },
      sentence,
      resolution: 'AMBIGUOUS',
      entityId: null,
      candidates: ids,
      explanation: `'${text}' could be ${names}; left unresolved`,
      kind: null,
      possessive,
    };
  }
  const f = hit.forms.find((x) => x.isName) ?? hit.forms[0]!;
  let resolution: MentionResolution;
  let explanation: string;
  if (typo) {
    resolution = 'TYPO';
    explanation = `close spelling of ${f.isName ? 'name' : 'alias'} '${f.form}' of ${f.id} (${typo})`;
  } else if (hit.how !== 'exact') {
    resolution = 'INFLECTION';
    explanation = `${hit.how} of ${f.isName ? 'name' : 'alias'} '${f.form}' of ${f.id}`;
  } else {
    resolution = f.isName ? 'NAME' : 'ALIAS';
    explanation = `${f.isName ? 'name' : 'alias'} '${f.form}' of ${f.id}`;
  }
  return { text, span: { start, end }, sentence, resolution, entityId: f.id, candidates: [], explanation, kind: f.kind, possessive };
}

/**
 * Finds mentions of known entities in one sentence's tokens: at each word the longest span
 * whose normalised text is a name or alias (then with a possessive or plural taken off), left
 * to right, never overlapping. A span never starts on "the" (the article is not part of the
 * mention: "the U.S." is the alias "U.S."). `taken` marks tokens already used.
 */
export function findKnownMentions(gaz: Gazetteer, text: string, tokens: Token[], sentence: number, taken: boolean[]): DraftMention[] {
  const out: DraftMention[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i]!;
    if (taken[i] || !first.isWord || first.lower === 'the') continue;
    let best: { j: number; hit: Hit } | undefined;
    let words = 0;
    for (let j = i; j < tokens.length && words < gaz.maxWords + 1; j++) {
      const t = tokens[j]!;
      if (taken[j]) break;
      if (!t.isWord && !INNER.has(t.text)) break;
      if (t.isWord) words++;
      else continue;
      const hit = lookup(gaz, text.slice(first.start, t.end));
      if (hit) best = { j, hit };
    }
    if (!best) continue;
    const end = tokens[best.j]!.end;
    out.push(mentionOf(gaz, text.slice(first.start, end), first.start, end, sentence, best.hit));
    for (let k = i; k <= best.j; k++) taken[k] = true;
    i = best.j;
  }
  return out;
}

/** A name-like run: capitalised words, possibly joined by connectors, as token index ranges. */
export function capitalisedRuns(tokens: Token[], taken: boolean[]): Array<{ from: number; to: number }> {
  const runs: Array<{ from: number; to: number }> = [];
  let i = 0;
  const capital = (k: number) => !taken[k] && tokens[k]!.isWord && /^[\p{Lu}\p{N}]/u.test(tokens[k]!.text);
  while (i < tokens.length) {
    if (!capital(i)) {
      i++;
      continue;
    }
    let j = i;
    for (;;) {
      if (j + 1 < tokens.length && capital(j + 1)) j++;
      else if (j + 2 < tokens.length && CONNECTORS.has(tokens[j + 1]!.lower) && !taken[j + 1] && capital(j + 2)) j += 2;
      else break;
    }
    runs.push({ from: i, to: j });
    i = j + 1;
  }
  return runs;
}

/** Endings that make another word from a name ("American", "Chinese"): not typos of it. */
const DERIVED = /^(n|an|ian|ese|s|es|ern|ns|ish|i)$/;

/**
 * Capitalised runs no name matched, compared with every name and alias of the same first letter
 * within a length-aware number of slips (allowedTypos); the closest wins, a tie between two
 * entities is AMBIGUOUS. Words that merely extend a name (America → American) are not typos.
 */
export function findTypoMentions(gaz: Gazetteer, text: string, tokens: Token[], sentence: number, taken: boolean[]): DraftMention[] {
  const out: DraftMention[] = [];
  for (const run of capitalisedRuns(tokens, taken)) {
    // "The Hauwei phone": the sentence's capitalised article is not part of the name.
    const from = tokens[run.from]!.lower === 'the' && run.to > run.from ? run.from + 1 : run.from;
    const start = tokens[from]!.start;
    const end = tokens[run.to]!.end;
    const raw = text.slice(start, end);
    const owner = stripPossessive(raw);
    const candidate = normalizeName(owner ?? raw);
    const limit = allowedTypos(candidate.length);
    if (limit === 0) continue;
    let best = limit + 1;
    let forms: NameForm[] = [];
    for (const [key, list] of gaz.forms) {
      if (key[0] !== candidate[0] || Math.abs(key.length - candidate.length) > limit) continue;
      if (candidate.startsWith(key) && DERIVED.test(candidate.slice(key.length))) continue;
      if (key.startsWith(candidate) && DERIVED.test(key.slice(candidate.length))) continue;
      const d = typoDistance(candidate, key, Math.min(limit, allowedTypos(key.length)));
      if (d === 0 || d > Math.min(limit, allowedTypos(key.length))) continue;
      if (d < best) {
        best = d;
        forms = [...list];
      } else if (d === best) forms.push(...list);
    }
    if (forms.length === 0) continue;
    const hit: Hit = { forms, how: owner ? 'possessive' : 'exact' };
    const m = mentionOf(gaz, raw, start, end, sentence, hit, `${best} letter${best === 1 ? '' : 's'} off`);
    m.possessive = owner !== undefined;
    out.push(m);
    for (let k = from; k <= run.to; k++) taken[k] = true;
  }
  return out;
}

/**
 * A person named in full once is often named by surname after ("Wang stated …"): each
 * capitalised word equal to the last word of a person already mentioned resolves to them.
 * Two people with that surname make it AMBIGUOUS.
 */
export function findSurnameMentions(
  people: Map<string, { ids: Set<string>; kind: string; firstSentence: number; names: string[] }>,
  text: string,
  tokens: Token[],
  sentence: number,
  taken: boolean[],
): DraftMention[] {
  const out: DraftMention[] = [];
  tokens.forEach((t, i) => {
    if (taken[i] || !t.isWord || !/^\p{Lu}/u.test(t.text)) return;
    const owner = stripPossessive(t.text);
    const entry = people.get(owner ?? t.text);
    if (!entry || entry.firstSentence > sentence) return;
    const ids = [...entry.ids];
    taken[i] = true;
    const span = { start: t.start, end: t.end };
    if (ids.length > 1) {
      out.push({
        text: t.text,
        span,
        sentence,
        resolution: 'AMBIGUOUS',
        entityId: null,
        candidates: ids,
        explanation: `'${owner ?? t.text}' is the surname of ${entry.names.join(' and ')}; left unresolved`,
        kind: null,
        possessive: owner !== undefined,
      });
      return;
    }
    out.push({
      text: t.text,
      span,
      sentence,
      resolution: 'ALIAS',
      entityId: ids[0]!,
      candidates: [],
      explanation: `surname of ${entry.names[0]} (${ids[0]}), named earlier in the text`,
      kind: entry.kind,
      possessive: owner !== undefined,
    });
  });
  return out;
}
