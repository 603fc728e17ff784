import type { Ontology } from '../ingest/ontology.ts';
import { inflections, isParticiple, lemmas, participles } from './inflect.ts';
import type { Token } from './tokens.ts';

/**
 * One way a relation type is stated in text. `forward`: the mention before the cue is the
 * relation's `from` ("Tencent owns WeChat"); `reverse`: the one after it is ("WeChat, owned by
 * Tencent"; "Wang Yi proposed the initiative" for PROPOSED_BY).
 */
export interface CuePattern {
  type: string;
  /** The cue as ontology.yaml writes it ("owned by"), or how it was derived ("passive of 'exclude'"). */
  text: string;
  direction: 'forward' | 'reverse';
  /** Each word's accepted forms, in order (articles and a leading "be" dropped: they may stand in the gaps). */
  words: Array<Set<string>>;
  /** The possessive cue "'s": "Bytedance’s TikTok" (the owner is the possessor). */
  possessive: boolean;
}

export interface CueMatch {
  pattern: CuePattern;
  /** Token indexes of the cue's words, in order. */
  tokens: number[];
}

const ARTICLES = new Set(['a', 'an', 'the']);
const BE = new Set(['be', 'is', 'are', 'was', 'were', 'been', 'being']);
/** Words between a cue's words: a few (adverbs, articles, a mention inside "label X a threat"). */
const MAX_GAP = 8;
/** Gaps do not run over clause punctuation. */
const GAP_STOP = new Set([';', ':', '(', ')', '.', '?', '!']);

function formsOf(word: string): Set<string> {
  const out = new Set<string>();
  for (const lemma of lemmas(word)) for (const f of inflections(lemma)) out.add(f);
  return out;
}

function pattern(type: string, text: string, direction: CuePattern['direction'], words: string[]): CuePattern | undefined {
  if (words.length === 1 && (words[0] === "'s" || words[0] === '’s')) return { type, text, direction, words: [], possessive: true };
  const kept = words.filter((w) => !ARTICLES.has(w));
  while (kept.length > 1 && BE.has(kept[0]!)) kept.shift();
  if (kept.length === 0) return undefined;
  return { type, text, direction, words: kept.map(formsOf), possessive: false };
}

const flip = (d: CuePattern['direction']): CuePattern['direction'] => (d === 'forward' ? 'reverse' : 'forward');

/** Every cue of every relation type: phrase, inverse, cues, inverseCues, each with its active or passive twin. */
export function cuePatterns(ontology: Ontology): CuePattern[] {
  const cached = CACHE.get(ontology);
  if (cached) return cached;
  const out: CuePattern[] = [];
  for (const spec of ontology.relations.values()) {
    const written: Array<[string, CuePattern['direction']]> = [
      [spec.phrase, 'forward'],
      [spec.inverse, 'reverse'],
      ...spec.cues.map((c): [string, CuePattern['direction']] => [c, 'forward']),
      ...spec.inverseCues.map((c): [string, CuePattern['direction']] => [c, 'reverse']),
    ];
    for (const [text, direction] of written) {
      const words = text.toLowerCase().replace(/’/g, "'").split(/\s+/).filter(Boolean);
      const p = pattern(spec.type, text, direction, words);
      if (p) out.push(p);
      const last = words[words.length - 1];
      const core = words.filter((w) => !BE.has(w));
      if (last === 'by' && core.length >= 2 && isParticiple(core[core.length - 2]!)) {
        // "proposed by" → "propose(d)": the active voice reads the other way.
        const active = pattern(spec.type, `active of '${text}'`, flip(direction), core.slice(0, -1));
        if (active) out.push(active);
      } else if (p && !p.possessive && core.length <= 3 && last !== 'by') {
        // "exclude" → "excluded by", "shut out" → "shut out by": the passive reads the other way.
        const [verb, ...rest] = core;
        for (const part of participles(verb!)) {
          const passive = pattern(spec.type, `passive of '${text}'`, flip(direction), [part, ...rest, 'by']);
          if (passive) {
            passive.words[0] = new Set(participles(verb!));
            out.push(passive);
            break;
          }
        }
      }
    }
  }
  CACHE.set(ontology, out);
  return out;
}
const CACHE = new WeakMap<Ontology, CuePattern[]>();

/** Patterns by every form of their first word: a sentence is read once, not once per pattern. */
function firstWordIndex(patterns: readonly CuePattern[]): Map<string, CuePattern[]> {
  const cached = FIRST_WORDS.get(patterns);
  if (cached) return cached;
  const index = new Map<string, CuePattern[]>();
  for (const p of patterns) {
    if (p.possessive) continue;
    for (const form of p.words[0]!) index.set(form, [...(index.get(form) ?? []), p]);
  }
  FIRST_WORDS.set(patterns, index);
  return index;
}
const FIRST_WORDS = new WeakMap<readonly CuePattern[], Map<string, CuePattern[]>>();

const bare = (t: Token) => t.lower.replace(/^['"“”‘’]+|['"“”‘’]+$/g, '');

/**
 * Where cues stand in a sentence: each pattern's words in order, at most MAX_GAP tokens apart.
 * A match inside a longer one at the same place is dropped ("proposed" inside "proposed by"),
 * and an active verb followed by "by" is a passive, not this cue.
 */
export function matchCues(tokens: Token[], patterns: readonly CuePattern[]): CueMatch[] {
  const found: CueMatch[] = [];
  const words = tokens.map(bare);
  const byFirst = firstWordIndex(patterns);
  for (let i = 0; i < tokens.length; i++) {
    for (const p of byFirst.get(words[i]!) ?? []) {
      const at = [i];
      let k = i;
      for (let w = 1; w < p.words.length; w++) {
        let next = -1;
        for (let j = k + 1; j <= k + 1 + MAX_GAP && j < tokens.length; j++) {
          if (GAP_STOP.has(tokens[j]!.text)) break;
          if (p.words[w]!.has(words[j]!)) {
            next = j;
            break;
          }
        }
        if (next < 0) break;
        at.push(next);
        k = next;
      }
      if (at.length !== p.words.length) continue;
      const after = words[at[at.length - 1]! + 1];
      if (p.text.startsWith('active of') && after === 'by') continue;
      found.push({ pattern: p, tokens: at });
    }
  }
  const seen = new Set<string>();
  return found.filter((m) => {
    if (found.some((o) => o !== m && o.tokens.length > m.tokens.length && m.tokens.every((t) => o.tokens.includes(t)))) return false;
    // "plans to ban" is the phrase and a cue: one match.
    const key = `${m.pattern.type}|${m.pattern.direction}|${m.tokens.join(',')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
