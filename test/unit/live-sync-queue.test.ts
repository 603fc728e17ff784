import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { retryDelay } from '../../server/live/retry-delay.ts';
import { createSeedEventHub } from '../../server/live/seed-event-hub.ts';
import type { SeedEventModel } from '../../server/live/live-seed.ts';
import { isSeedFile } from '../../server/live/seed-watcher.ts';
import { createSyncQueue } from '../../server/live/sync-queue.ts';
import { SMALL_SEED, makeSeedDir } from '../helpers/seed-fixture.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** A run the test finishes by hand, recording how many started and how many overlap. */
function manualRuns() {
  const finishers: Array<() => void> = [];
  let running = 0;
  let maxRunning = 0;
  let started = 0;
  const run = () => {
    started++;
    running++;
    maxRunning = Math.max(maxRunning, running);
    return new Promise<void>((resolve) =>
      finishers.push(() => {
        running--;
        resolve();
      }),
    );
  };
  return {
    run,
    finishNext: async () => {
      finishers.shift()?.();
      await vi.advanceTimersByTimeAsync(0);
    },
    started: () => started,
    maxRunning: () => maxRunning,
  };
}

describe('sync queue', () => {
  it('turns a burst of saves into one run, after the quiet time', async () => {
    vi.useFakeTimers();
    const runs = manualRuns();
    const queue = createSyncQueue({ debounceMs: 50, run: runs.run });
    for (let i = 0; i < 10; i++) {
      queue.touch();
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(runs.started()).toBe(0);
    await vi.advanceTimersByTimeAsync(50);
    expect(runs.started()).toBe(1);
    await runs.finishNext();
    expect(queue.busy()).toBe(false);
  });

  it('a steady stream of saves still runs every maxWaitMs', async () => {
    vi.useFakeTimers();
    const runs = manualRuns();
    const queue = createSyncQueue({ debounceMs: 50, maxWaitMs: 200, run: runs.run });
    for (let i = 0; i < 25; i++) {
      queue.touch();
      await vi.advanceTimersByTimeAsync(20);
    }
    // Started at 200 ms although saves never paused; the saves since wait for it to finish.
    expect(runs.started()).toBe(1);
    await runs.finishNext();
    expect(runs.started()).toBe(2);
    await runs.finishNext();
    await queue.close();
  });

  it('never overlaps runs; saves during a run give exactly one more run after it', async () => {
    vi.useFakeTimers();
    const runs = manualRuns();
    const queue = createSyncQueue({ debounceMs: 10, run: runs.run });
    queue.touch();
    await vi.advanceTimersByTimeAsync(10);
    expect(runs.started()).toBe(1);
    for (let i = 0; i < 5; i++) {
      queue.touch();
      await vi.advanceTimersByTimeAsync(20);
    }
    expect(runs.started()).toBe(1);
    await runs.finishNext();
    expect(runs.started()).toBe(2);
    await runs.finishNext();
    expect(runs.started()).toBe(2);
    expect(runs.maxRunning()).toBe(1);
  });

  it('runNow during a run resolves after a run that started later; concurrent calls share it', async () => {
    vi.useFakeTimers();
    const runs = manualRuns();
    const queue = createSyncQueue({ run: runs.run });
    const first = queue.runNow();
    let a = false;
    let b = false;
    void queue.runNow().then(() => (a = true));
    void queue.runNow().then(() => (b = true));
    await runs.finishNext();
    await first;
    expect([a, b, runs.started()]).toEqual([false, false, 2]);
    await runs.finishNext();
    expect([a, b, runs.started()]).toEqual([true, true, 2]);
  });

  it('a failing run is reported and the queue goes on', async () => {
    const errors: unknown[] = [];
    let n = 0;
    const queue = createSyncQueue({
      run: async () => {
        n++;
        if (n === 1) throw new Error('boom');
      },
      onError: (e) => errors.push(e),
    });
    await queue.runNow();
    await queue.runNow();
    expect(n).toBe(2);
    expect(errors).toEqual([new Error('boom')]);
  });

  it('close cancels a waiting run and waits for the current one', async () => {
    vi.useFakeTimers();
    const runs = manualRuns();
    const queue = createSyncQueue({ debounceMs: 10, run: runs.run });
    void queue.runNow();
    queue.touch();
    let closed = false;
    void queue.close().then(() => (closed = true));
    await vi.advanceTimersByTimeAsync(50);
    expect(closed).toBe(false);
    await runs.finishNext();
    expect(closed).toBe(true);
    expect(runs.started()).toBe(1);
  });
});

describe('retry delay', () => {
  it('starts at 250 ms and doubles up to 2 s', () => {
    expect([1, 2, 3, 4, 5, 50].map((n) => retryDelay(n))).toEqual([250, 500, 1000, 2000, 2000, 2000]);
    expect(retryDelay(3, 10, 35)).toBe(35);
  });
});

describe('which paths are seed files', () => {
  const dir = '/x/seed';
  it('ontology.yaml and YAML/CSV under data/, not hidden files or anything else', () => {
    expect(isSeedFile(dir, join(dir, 'ontology.yaml'))).toBe(true);
    expect(isSeedFile(dir, join(dir, 'data', 'uk.yaml'))).toBe(true);
    expect(isSeedFile(dir, join(dir, 'data', 'deep', 'rows.CSV'))).toBe(true);
    expect(isSeedFile(dir, join(dir, 'data', 'notes.yml'))).toBe(true);
    expect(isSeedFile(dir, join(dir, 'data', '.#uk.yaml'))).toBe(false);
    expect(isSeedFile(dir, join(dir, 'data', 'uk.yaml.tmp-123'))).toBe(false);
    expect(isSeedFile(dir, join(dir, 'README.md'))).toBe(false);
    expect(isSeedFile(dir, join(dir, 'other.yaml'))).toBe(false);
    expect(isSeedFile(dir, '/x/elsewhere/data/uk.yaml')).toBe(false);
  });

  it('the loader skips hidden files too, so an editor lock or a temp file mid-save cannot fail a sync', () => {
    const seed = makeSeedDir({ 'a.yaml': SMALL_SEED, '.#a.yaml': 'entities: [', '.hidden/b.yaml': 'relations: [' });
    try {
      const loaded = loadSeed({ seedDir: seed.dir });
      expect(loaded.diagnostics).toEqual([]);
      expect(loaded.files).toEqual(['seed/data/a.yaml']);
    } finally {
      seed.remove();
    }
  });
});

describe('seed event hub', () => {
  const event = (version: string): SeedEventModel => ({
    status: { version, state: 'SYNCED', diagnostics: [], message: null, watching: true },
    change: null,
  });

  it('gives each subscriber the current status, then every event, and drops its listener when it stops', async () => {
    const hub = createSeedEventHub();
    const it1 = hub.subscribe(() => event('v1'));
    expect((await it1.next()).value).toEqual(event('v1'));
    expect(hub.subscribers()).toBe(1);
    hub.publish(event('v2'));
    expect((await it1.next()).value).toEqual(event('v2'));
    await it1.return?.();
    expect(hub.subscribers()).toBe(0);
  });

  it('an aborted signal and close() end subscriptions', async () => {
    const hub = createSeedEventHub();
    const ctrl = new AbortController();
    const a = hub.subscribe(() => event('v1'), ctrl.signal);
    const b = hub.subscribe(() => event('v1'));
    await a.next();
    await b.next();
    expect(hub.subscribers()).toBe(2);
    ctrl.abort();
    expect((await a.next()).done).toBe(true);
    expect(hub.subscribers()).toBe(1);
    hub.close();
    expect((await b.next()).done).toBe(true);
    expect(hub.subscribers()).toBe(0);
    expect((await hub.subscribe(() => event('v1')).next()).done).toBe(true);
  });

  it('a subscriber that stops reading keeps only the latest events', async () => {
    const hub = createSeedEventHub();
    const it1 = hub.subscribe(() => event('v0'));
    await it1.next();
    for (let i = 1; i <= 200; i++) hub.publish(event(`v${i}`));
    const next = await it1.next();
    expect(next.value?.status.version).toBe(`v${200 - 64 + 1}`);
    await it1.return?.();
  });
});
