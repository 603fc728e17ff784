import type { Ontology } from '../ingest/ontology.ts';
import type { ToPrimary, ToWorker } from './live-seed-relay.ts';
import type { LiveSeed, SeedEventModel, SeedStatusModel } from './live-seed.ts';
import { createSeedEventHub } from './seed-event-hub.ts';

export interface RelayedLiveSeed extends LiveSeed {
  /** Holds the primary's write mutex while `work` runs (the write API's edits, one at a time in the cluster). */
  withWriteLock<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * A worker's live seed (see live-seed-relay.ts): the status, ontology and events the primary
 * sends; `syncNow` asks the primary to sync. Resolves once the primary's first status arrived.
 */
export function followLiveSeed(options: { seedDir: string; displayRoot: string }): Promise<RelayedLiveSeed> {
  const hub = createSeedEventHub();
  const pending = new Map<number, (message: ToWorker) => void>();
  let nextId = 1;
  let status: SeedStatusModel | undefined;
  let ontology: Ontology | undefined;
  /** Sends a request to the primary; resolves with its answer (same id). */
  const ask = <M extends ToWorker>(t: 'sync-now' | 'lock'): Promise<M> => {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      if (!process.send || !process.connected) return reject(new Error('the primary process is gone'));
      pending.set(id, resolve as (m: ToWorker) => void);
      process.send({ t, id } satisfies ToPrimary);
    });
  };
  return new Promise((resolve) => {
    const live: RelayedLiveSeed = {
      seedDir: options.seedDir,
      displayRoot: options.displayRoot,
      ontology: () => ontology!,
      status: () => status!,
      async syncNow() {
        return (await ask<Extract<ToWorker, { t: 'synced' }>>('sync-now')).status;
      },
      events: (signal) => hub.subscribe(() => ({ status: status!, change: null }) satisfies SeedEventModel, signal),
      async close() {
        hub.close();
        process.removeListener('message', onMessage);
      },
      async withWriteLock(work) {
        const { id } = await ask<Extract<ToWorker, { t: 'locked' }>>('lock');
        try {
          return await work();
        } finally {
          process.send?.({ t: 'unlock', id } satisfies ToPrimary);
        }
      },
    };
    const onMessage = (message: ToWorker) => {
      if (message.t === 'seed') {
        const first = status === undefined;
        status = message.status;
        ontology = message.ontology;
        if (message.event) hub.publish(message.event);
        if (first) resolve(live);
        return;
      }
      const reply = pending.get(message.id);
      pending.delete(message.id);
      reply?.(message);
    };
    process.on('message', onMessage);
    process.send?.({ t: 'hello' } satisfies ToPrimary);
  });
}
