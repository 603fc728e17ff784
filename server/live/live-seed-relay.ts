import type { Worker } from 'node:cluster';
import type { WriteMutex } from '../authoring/write-mutex.ts';
import type { Ontology } from '../ingest/ontology.ts';
import type { LiveSeed, SeedEventModel, SeedStatusModel } from './live-seed.ts';

/**
 * With SPLINTERNET_WORKERS, one process (the cluster's primary) owns the live seed — it syncs at
 * start, watches seed/ and syncs every save — and the workers that answer HTTP follow it
 * (relayed-live-seed.ts). Two syncing processes would race on the same files; the graph itself
 * is shared through Neo4j, and each worker keys its cache by the version Neo4j holds.
 * These are the messages between them (cluster IPC, `serialization: 'advanced'`, so an
 * ontology's Maps travel as they are).
 */
export type ToWorker =
  /** The status and ontology now: first in answer to `hello`, then after every event. */
  | { t: 'seed'; status: SeedStatusModel; ontology: Ontology; event: SeedEventModel | null }
  | { t: 'synced'; id: number; status: SeedStatusModel }
  | { t: 'locked'; id: number };

export type ToPrimary =
  /** The worker listens for messages now (one sent before would be lost): send it the status. */
  { t: 'hello' } | { t: 'sync-now'; id: number } | { t: 'lock'; id: number } | { t: 'unlock'; id: number };

export interface LiveSeedRelay {
  /** Starts relaying to a worker just forked. */
  add(worker: Worker): void;
  /** Stops following the live seed's events. */
  close(): void;
}

/**
 * The primary's side: every event of `live` goes to every worker with the status and ontology;
 * a worker's `syncNow` runs the primary's; a worker's write lock is held in the primary's write
 * mutex (released if the worker dies holding it), so the write API's edits stay one at a time
 * across all workers, as within one process.
 */
export function relayLiveSeed(live: LiveSeed, mutex: WriteMutex): LiveSeedRelay {
  const workers = new Set<Worker>();
  const stop = new AbortController();
  const send = (worker: Worker, message: ToWorker) => {
    // A worker that is exiting may miss a message; its replacement asks for the status (hello).
    if (worker.isConnected()) worker.send(message, undefined, () => {});
  };
  void (async () => {
    for await (const event of live.events(stop.signal)) {
      for (const worker of workers) send(worker, { t: 'seed', status: event.status, ontology: live.ontology(), event });
    }
  })();

  return {
    add(worker) {
      workers.add(worker);
      const held = new Map<number, () => void>();
      let gone = false;
      worker.on('message', (message: ToPrimary) => {
        if (message.t === 'hello') {
          send(worker, { t: 'seed', status: live.status(), ontology: live.ontology(), event: null });
        } else if (message.t === 'sync-now') {
          void live.syncNow().then(
            (status) => send(worker, { t: 'synced', id: message.id, status }),
            () => send(worker, { t: 'synced', id: message.id, status: live.status() }),
          );
        } else if (message.t === 'lock') {
          void mutex.run(
            () =>
              new Promise<void>((release) => {
                // A worker that died while waiting for the lock cannot release it: do it now.
                if (gone) return release();
                held.set(message.id, release);
                send(worker, { t: 'locked', id: message.id });
              }),
          );
        } else if (message.t === 'unlock') {
          held.get(message.id)?.();
          held.delete(message.id);
        }
      });
      worker.once('exit', () => {
        gone = true;
        workers.delete(worker);
        for (const release of held.values()) release();
        held.clear();
      });
    },
    close() {
      stop.abort();
      workers.clear();
    },
  };
}
