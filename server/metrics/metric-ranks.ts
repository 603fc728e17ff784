/**
 * 1-based positions by a value, highest first; equal values share the better position
 * (1, 2, 2, 4), as sports tables do. Entities are the keys of `values`.
 */
export function rankPositions(values: ReadonlyMap<string, number>): Map<string, number> {
  const sorted = [...values].sort((a, b) => b[1] - a[1]);
  const out = new Map<string, number>();
  let position = 0;
  sorted.forEach(([id, v], i) => {
    if (i === 0 || v !== sorted[i - 1]![1]) position = i + 1;
    out.set(id, position);
  });
  return out;
}
