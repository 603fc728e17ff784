import type { TextSpan } from './draft-model.ts';

const PAIRS: Array<[string, string]> = [
  ['“', '”'],
  ['"', '"'],
  ['«', '»'],
];

/**
 * The evidence quote: the quoted part of the sentence when the cue and both ends stand inside
 * one quotation (what the outlet itself wrote), else the whole sentence; verbatim either way.
 */
export function quotePart(text: string, sentence: TextSpan, inside: TextSpan[]): string {
  const s = text.slice(sentence.start, sentence.end);
  for (const [open, close] of PAIRS) {
    let i = s.indexOf(open);
    while (i >= 0) {
      const j = s.indexOf(close, i + 1);
      if (j < 0) break;
      const start = sentence.start + i + 1;
      const end = sentence.start + j;
      if (inside.every((sp) => sp.start >= start && sp.end <= end)) return text.slice(start, end).trim();
      i = s.indexOf(open, j + 1);
    }
  }
  return s;
}
