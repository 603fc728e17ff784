import { codePoint } from './seed-text.ts';

/** Cyrillic and Greek letters that render like Latin ones, the usual way ids get spoofed. */
const LOOKALIKES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ӏ: 'l',
  ү: 'y',
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '–': '-',
  '—': '-',
  '−': '-',
};
/** Characters that render as nothing at all. */
const INVISIBLE = /[\u00ad\u200b-\u200f\u2060\ufeff]/u;

/**
 * For a would-be id with characters outside ASCII: names the first suspicious character and
 * the ASCII spelling it probably stands for, e.g. `contains U+0430, which looks like "a"`.
 */
export function explainLookalikes(value: string): { note: string; ascii: string } | undefined {
  if (/^[\x00-\x7f]*$/.test(value)) return undefined;
  let note: string | undefined;
  let ascii = '';
  for (const ch of value) {
    const lower = ch.toLowerCase();
    const latin = LOOKALIKES[lower] ?? LOOKALIKES[ch];
    const folded = latin ?? (INVISIBLE.test(ch) ? '' : ch.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase());
    if (!/^[\x00-\x7f]*$/.test(ch) && note === undefined) {
      note =
        latin !== undefined
          ? `contains ${codePoint(ch)}, which looks like "${latin}"`
          : INVISIBLE.test(ch)
            ? `contains the invisible character ${codePoint(ch)}`
            : `contains ${codePoint(ch)} ("${ch}"), which is not ASCII`;
    }
    ascii += folded;
  }
  return note ? { note, ascii } : undefined;
}
