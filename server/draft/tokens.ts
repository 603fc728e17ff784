/** A word (or a punctuation mark) of a sentence, with its offsets in the whole text. */
export interface Token {
  text: string;
  start: number;
  end: number;
  /** Lower-case, apostrophes as ' and quote marks stripped: what cues and stop words compare. */
  lower: string;
  isWord: boolean;
}

// Initialisms with their stops (U.S., U.K.), words with inner apostrophes, dots, dashes or
// ampersands (Bytedance’s, state.gov, AT&T, Hong Kong–Americas splits at the dash), and any
// other single non-space character.
const TOKEN = /(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:['’][\p{L}]+)*(?:[-.&/][\p{L}\p{N}]+(?:['’][\p{L}]+)*)*|\S/gu;

export function tokenize(text: string, offset = 0): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const t = m[0];
    const isWord = /[\p{L}\p{N}]/u.test(t);
    out.push({ text: t, start: offset + m.index, end: offset + m.index + t.length, lower: t.toLowerCase().replace(/’/g, "'"), isWord });
  }
  return out;
}

/**
 * The form names are compared in: accents folded, lower case, stops dropped (U.S. = US),
 * apostrophes unified, every other run of non-letters one space, a leading "the" dropped.
 */
export function normalizeName(text: string): string {
  const n = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\./g, '')
    .replace(/[^\p{L}\p{N}'+&]+/gu, ' ')
    .replace(/(^| )'+|'+( |$)/g, ' ')
    .trim();
  return n.startsWith('the ') ? n.slice(4) : n;
}

/** "Bytedance’s" → "Bytedance", "Reuters’" stays (a name ending in s), or undefined. */
export function stripPossessive(word: string): string | undefined {
  const m = /^(.*?)['’]s$/u.exec(word);
  if (m && m[1]) return m[1];
  return undefined;
}
