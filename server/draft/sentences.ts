import type { DraftSentence } from './draft-model.ts';

/**
 * Abbreviations a full stop does not end a sentence after (lower-cased, without the stop).
 * Titles, months, corporate and common Latin forms; "U.S."-style initialisms are handled apart.
 */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'gen',
  'col',
  'lt',
  'sgt',
  'capt',
  'cmdr',
  'adm',
  'gov',
  'sen',
  'rep',
  'rev',
  'hon',
  'pres',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'inc',
  'corp',
  'co',
  'ltd',
  'llc',
  'plc',
  'bros',
  'dept',
  'univ',
  'assn',
  'est',
  'vs',
  'etc',
  'e.g',
  'i.e',
  'cf',
  'al',
  'approx',
  'no',
  'nos',
  'vol',
  'pp',
  'fig',
  'ca',
  'mt',
  'ft',
]);
/** Words that, capitalised after an initialism ("… in the U.S. The next day"), start a new sentence. */
const SENTENCE_STARTERS = new Set([
  'the',
  'a',
  'an',
  'it',
  'its',
  'he',
  'she',
  'they',
  'we',
  'i',
  'this',
  'that',
  'these',
  'those',
  'but',
  'and',
  'in',
  'on',
  'at',
  'as',
  'after',
  'before',
  'while',
  'when',
  'if',
  'there',
  'his',
  'her',
  'their',
  'our',
  'some',
  'many',
  'most',
  'meanwhile',
  'however',
]);

const CLOSERS = '"”’\')]»';

/**
 * Splits text into sentences: at . ! ? (and the closing quotes or brackets after them) followed
 * by a space and an upper-case letter, digit or opening quote, and at every line break — but not
 * after an abbreviation (Dr., Jan., Inc.), an initialism (U.S., U.K.) unless the next word plainly
 * starts a sentence, or a single initial (John F. Kennedy). Spans are trimmed of spaces.
 */
export function splitSentences(text: string): DraftSentence[] {
  const out: DraftSentence[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ index: out.length, span: { start: s, end: e }, text: text.slice(s, e) });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      push(i);
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '…') continue;
    let j = i + 1;
    while (j < text.length && (text[j] === '.' || text[j] === '!' || text[j] === '?')) j++;
    while (j < text.length && CLOSERS.includes(text[j]!)) j++;
    // Only a space (not a line break: that splits anyway) and then a sentence-like start.
    if (j >= text.length || !/[ \t]/.test(text[j]!)) {
      i = j - 1;
      continue;
    }
    let k = j;
    while (k < text.length && /[ \t]/.test(text[k]!)) k++;
    const next = text[k];
    if (next === undefined || !/[\p{Lu}\p{N}"“‘'([]/u.test(next)) continue;
    if (ch === '.' && !endsSentence(text, i, k)) continue;
    if (ch === '…' && /^\s*\[/.test(text.slice(j))) continue;
    push(j);
    i = j - 1;
  }
  push(text.length);
  return out;
}

/** Whether the full stop at `dot` ends a sentence, given the next word starts at `next`. */
function endsSentence(text: string, dot: number, next: number): boolean {
  const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, dot - 20), dot))?.[1] ?? '';
  const word = before.replace(/^\.+/, '');
  if (word.length === 0) return true;
  const nextWord = (/^[\p{L}]+/u.exec(text.slice(next))?.[0] ?? '').toLowerCase();
  // "U.S." / "U.K." / "e.g.": a stop inside the word marks an initialism.
  if (word.includes('.')) return SENTENCE_STARTERS.has(nextWord);
  if (ABBREVIATIONS.has(word.toLowerCase())) return false;
  // A single capital: an initial in a name ("John F. Kennedy").
  if (/^\p{Lu}$/u.test(word)) return false;
  return true;
}
