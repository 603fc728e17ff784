import type { ManagedTransaction } from 'neo4j-driver';

/**
 * After Neo4j (re)starts its plan cache is empty and its JVM is cold: planning one of the API's
 * queries took 1–2 s on 2 cores with nothing else running. Neo4j plans a text once per
 * concurrent request that finds it missing, and a crowd of clients arriving together had every
 * core planning the same few queries, each slowed by the others, while a client opening the app
 * waited behind them all (the fault drill measured 5–14 s to the first answer after a restart
 * under load). So here a text never seen (since the last outage) runs only when no other unseen
 * text is running, the shortest waiting text first (a small query answers in a moment; it need
 * not wait for the big ones); requests with a text already planned never wait.
 */
export interface FirstRuns {
  /** A transaction whose `run` waits its turn when its text is new to Neo4j. */
  wrap(tx: ManagedTransaction): ManagedTransaction;
  /** Neo4j came back: every text is unplanned again. */
  reset(): void;
}

interface Generation {
  /** Texts that ran to completion once. */
  ran: Set<string>;
  /** Whether a first run is under way, or a turn is about to be given (gathering). */
  busy: boolean;
  /** Requests waiting for their turn (or for another request's first run of their text). */
  waiting: Array<{ text: string; go: (turn: boolean) => void }>;
}

/**
 * After Neo4j's return the waiting crowd reaches `run` over some milliseconds (each request
 * first gets a connection), so a turn that finds the gate idle is given only after this window:
 * to the shortest text of the crowd, not to whichever came first. That first run also pays for
 * the cold JVM (3–4 s under load for a neighbourhood query, ~1.5 s for the stats query).
 */
const GATHER_MS = 100;

export function firstRunsOneAtATime(gatherMs = GATHER_MS): FirstRuns {
  const fresh = (): Generation => ({ ran: new Set(), busy: false, waiting: [] });
  let gen = fresh();
  /** Lets through every waiter whose text is planned now, then gives the turn to the shortest other one. */
  const next = (g: Generation) => {
    for (const w of g.waiting.filter((w) => g.ran.has(w.text))) w.go(false);
    g.waiting = g.waiting.filter((w) => !g.ran.has(w.text));
    if (g.busy || g.waiting.length === 0) return;
    const shortest = g.waiting.reduce((a, b) => (b.text.length < a.text.length ? b : a));
    g.waiting.splice(g.waiting.indexOf(shortest), 1);
    g.busy = true;
    shortest.go(true);
  };
  return {
    reset() {
      // Requests waiting in the old generation go on as they are; new ones start afresh.
      gen = fresh();
    },
    wrap(tx) {
      const run = async (text: string, params?: Record<string, unknown>) => {
        const g = gen;
        if (g.ran.has(text)) return await tx.run(text, params);
        const turn = await new Promise<boolean>((go) => {
          g.waiting.push({ text, go });
          if (g.busy) return;
          g.busy = true;
          setTimeout(() => {
            g.busy = false;
            next(g);
          }, gatherMs);
        });
        // Let through because another request planned this text meanwhile.
        if (!turn) return await tx.run(text, params);
        try {
          const records = await tx.run(text, params);
          g.ran.add(text);
          return records;
        } finally {
          g.busy = false;
          next(g);
        }
      };
      // Callers await `run` (as they await a Result); the awaited value is the same QueryResult.
      return { run } as unknown as ManagedTransaction;
    },
  };
}
