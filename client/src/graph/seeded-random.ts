/**
 * A seeded stand-in for Math.random while a layout runs, so the same graph is laid out the same
 * way on every reload (fcose draws random numbers for its first placement). Layouts run their
 * computation synchronously inside `run()`, so only that call sees the stand-in.
 */

/** mulberry32: small, fast, deterministic; the layouts here, the metrics (server/metrics/) and the benchmarks all draw from it. */
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

/** Runs `fn` with Math.random replaced by a generator seeded with `seed`. */
export function withSeededRandom<T>(seed: number, fn: () => T): T {
  const original = Math.random;
  Math.random = seededRandom(seed);
  try {
    return fn();
  } finally {
    Math.random = original;
  }
}

/** A seed from text (the ids laid out): the same ids give the same layout. */
export function seedFromText(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
