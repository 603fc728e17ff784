/**
 * When syncs run: a burst of saves becomes one run (debounced), runs never overlap, and whatever
 * arrives during a run is handled by exactly one more run after it.
 */
export interface SyncQueue {
  /** Something changed on disk: run once things have been quiet for `debounceMs`. */
  touch(): void;
  /**
   * Run as soon as possible. Resolves once a run that started after this call has finished, so
   * it sees everything written before the call; calls during one run share the next run.
   */
  runNow(): Promise<void>;
  /** Whether a run is in progress or waiting. */
  busy(): boolean;
  /** Cancels what is waiting and resolves once the current run (if any) has finished. */
  close(): Promise<void>;
}

export interface SyncQueueOptions {
  /** Quiet time after the last touch before a run starts. @default 50 */
  debounceMs?: number;
  /** A continuous stream of saves still runs at least this often. @default 1000 */
  maxWaitMs?: number;
  /** One run; its errors are its own to report (a rejection is logged and dropped). */
  run: () => Promise<void>;
  onError?: (err: unknown) => void;
}

interface Waiter {
  promise: Promise<void>;
  resolve: () => void;
}

function waiter(): Waiter {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

export function createSyncQueue({ debounceMs = 50, maxWaitMs = 1000, run, onError = () => {} }: SyncQueueOptions): SyncQueue {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstTouch = 0;
  let current: Promise<void> | undefined;
  // The run after the current one: requested, and shared by everyone who asked during it.
  let next: Waiter | undefined;
  let closed = false;

  const cancelTimer = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };

  const start = (): Promise<void> => {
    current = (async () => {
      try {
        await run();
      } catch (err) {
        onError(err);
      }
    })().finally(() => {
      current = undefined;
      const queued = next;
      next = undefined;
      if (queued && !closed) void start().then(queued.resolve);
      else queued?.resolve();
    });
    return current;
  };

  const request = (): Promise<void> => {
    if (closed) return Promise.resolve();
    if (!current) return start();
    next ??= waiter();
    return next.promise;
  };

  return {
    touch() {
      if (closed) return;
      const now = Date.now();
      if (!timer) firstTouch = now;
      cancelTimer();
      const wait = Math.max(0, Math.min(debounceMs, firstTouch + maxWaitMs - now));
      timer = setTimeout(() => {
        timer = undefined;
        void request();
      }, wait);
    },
    runNow() {
      // A pending debounced run is folded into this one.
      cancelTimer();
      return request();
    },
    busy: () => current !== undefined || timer !== undefined || next !== undefined,
    async close() {
      closed = true;
      cancelTimer();
      await current;
      next?.resolve();
    },
  };
}
