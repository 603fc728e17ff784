import type { ManagedTransaction } from 'neo4j-driver';

/**
 * After Neo4j (re)starts its plan cache is empty, and the API's queries are big (5–7k
 * characters, ~2 s to plan each on 2 cores). Neo4j plans a text once per concurrent request
 * that finds it missing, so a crowd of clients arriving together had every core planning the
 * same few queries while even small ones waited (the fault drill measured 6–14 s to the first
 * answer after a restart under load). Here the first run of each text goes alone; requests
 * with the same text wait for it and then find the plan cached. Different texts do not wait.
 */
export interface FirstRuns {
  /** A transaction whose `run` waits for a first run of the same text already under way. */
  wrap(tx: ManagedTransaction): ManagedTransaction;
  /** Neo4j came back: every text is unplanned again. */
  reset(): void;
}

export function firstRunsOneAtATime(): FirstRuns {
  let ran = new Set<string>();
  let running = new Map<string, Promise<unknown>>();
  return {
    reset() {
      ran = new Set();
      running = new Map();
    },
    wrap(tx) {
      const run = async (text: string, params?: Record<string, unknown>) => {
        const done = ran;
        const now = running;
        for (let first = now.get(text); !done.has(text) && first; first = now.get(text)) await first.catch(() => {});
        if (done.has(text)) return await tx.run(text, params);
        const result = (async () => await tx.run(text, params))();
        now.set(text, result);
        try {
          const records = await result;
          done.add(text);
          return records;
        } finally {
          if (now.get(text) === result) now.delete(text);
        }
      };
      // Callers await `run` (as they await a Result); the awaited value is the same QueryResult.
      return { run } as unknown as ManagedTransaction;
    },
  };
}
