/**
 * Serialises the write API's edits within the process: an edit reads the files, validates and
 * writes them as one step, so two requests never interleave (the second sees the first's result).
 */
export class WriteMutex {
  #tail: Promise<void> = Promise.resolve();
  #outer: (<T>(work: () => Promise<T>) => Promise<T>) | undefined;

  /**
   * Also holds `lock` around each call: a worker of a cluster (SPLINTERNET_WORKERS) holds the
   * primary's mutex, so edits stay one at a time across processes (server/live/live-seed-relay.ts).
   */
  useOuterLock(lock: <T>(work: () => Promise<T>) => Promise<T>): void {
    this.#outer = lock;
  }

  /** Runs `work` after every earlier call has finished (whether it succeeded or not). */
  run<T>(work: () => Promise<T>): Promise<T> {
    const outer = this.#outer;
    const result = this.#tail.then(() => (outer ? outer(work) : work()));
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

/** One per process: every LiveSeed folder shares it (there is one in practice). */
export const seedWriteMutex = new WriteMutex();
