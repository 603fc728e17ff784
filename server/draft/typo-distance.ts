/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions: "Hauwei" is one
 * slip from "Huawei", not two), giving up once it exceeds `limit` (returns limit + 1).
 */
export function typoDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * How many slips a name of this length may carry and still be taken for it: none under five
 * letters (ZTE/ZTC, Meta/Beta are different names), one up to eight, two beyond.
 */
export function allowedTypos(length: number): number {
  if (length < 5) return 0;
  return length <= 8 ? 1 : 2;
}
