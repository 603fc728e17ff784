/**
 * Serialises the write API's edits within the process: an edit reads the files, validates and
 * writes them as one step, so two requests never interleave (the second sees the first's result).
 */
export class WriteMutex {
  #tail: Promise<void> = Promise.resolve();

  /** Runs `work` after every earlier call has finished (whether it succeeded or not). */
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(work);
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

/** One per process: every LiveSeed folder shares it (there is one in practice). */
export const seedWriteMutex = new WriteMutex();
