/** Lucene's special characters, escaped so user text is always read as words. */
const SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/**
 * Turns what a person typed into a Lucene query for the full-text index: every word must
 * match, as itself (best), as a prefix ("hua" → Huawei) or with a typo ("Bytedanse" →
 * ByteDance). Returns '' when nothing searchable remains.
 */
export function toLuceneQuery(text: string): string {
  const words = text
    .toLowerCase()
    .split(/[\s\p{P}]+/u)
    .map((w) => w.replace(SPECIAL, ''))
    .filter((w) => w.length > 0)
    .slice(0, 8);
  return words
    .map((w) => {
      const parts = [`${w}^4`, `${w}*^2`];
      // Fuzzy matching on very short words would match almost anything.
      if (w.length >= 4) parts.push(`${w}~${w.length >= 7 ? 2 : 1}`);
      return `(${parts.join(' OR ')})`;
    })
    .join(' AND ');
}
