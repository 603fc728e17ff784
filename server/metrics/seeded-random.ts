/**
 * mulberry32: a small, fast PRNG with a 32-bit state. Louvain and the betweenness pivots draw
 * from it, so the same graph gives the same communities and the same estimate on every run.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed every metric uses: fixed, so results depend on the graph alone. */
export const METRICS_SEED = 0x5eed;
