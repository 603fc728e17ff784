/**
 * How far V8 lets the heap grow past what its last full collection found alive. For a heap
 * limit above 2 GB (Node's default on a machine with 16 GB or more) V8 lets it grow up to 4×
 * that, and never gives the room back: a sync that holds a 1M-relation seed (≈ 530 MB alive)
 * left Node at 1.9 GB RSS after loading it, and 2.7 GB during the sync. At 1.5× it stays at
 * 1.3 GB after loading, and loads as fast (bench:ingest has the figures of a whole sync).
 */
import { setFlagsFromString } from 'node:v8';

/** 50 %: the heap may grow to 1.5× what was alive at the last full collection. */
export const HEAP_GROWING_PERCENT = 50;

/**
 * Applies HEAP_GROWING_PERCENT to this process, unless it was started with its own
 * `--heap-growing-percent`. V8 reads the flag at every full collection, so setting it once the
 * process runs takes effect from the next one. For the processes that load and sync a seed.
 */
export function limitHeapGrowth(): void {
  if (process.execArgv.some((a) => a.startsWith('--heap-growing-percent') || a.startsWith('--heap_growing_percent'))) return;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
