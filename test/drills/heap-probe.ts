/**
 * Preloaded (`--import`, with `--expose-gc`) into the drills' server children: a line `heap` on
 * standard input makes the child collect all garbage and print one `heap-probe {…}` line with its
 * heap in use and resident memory. The load drill judges a leak by the heap left after a full
 * collection: resident memory also grows when V8 or malloc keep pages they may need again
 * (measured in CI: +114 MB over one 10 s run, then no further growth).
 */
// Plain gc(): on Node 20, gc({ type: 'major', execution: 'sync' }) freed 1 % of 180 MB of garbage, gc() all of it.
const gc = (globalThis as { gc?: () => void }).gc;
let pending = '';
process.stdin.on('data', (chunk: Buffer) => {
  pending += chunk.toString();
  let newline: number;
  while ((newline = pending.indexOf('\n')) >= 0) {
    const line = pending.slice(0, newline).trim();
    pending = pending.slice(newline + 1);
    if (line !== 'heap') continue;
    // Twice: the first collection's finalizers can free more on the second.
    gc?.();
    gc?.();
    const { heapUsed, rss } = process.memoryUsage();
    process.stdout.write(`heap-probe ${JSON.stringify({ heapUsed, rss, collected: gc !== undefined })}\n`);
  }
});
