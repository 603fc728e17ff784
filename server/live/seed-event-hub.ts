import { Repeater, SlidingBuffer } from 'graphql-yoga';
import type { SeedEventModel } from './live-seed.ts';

/**
 * Events a subscriber has not read yet, at most. A client that stops reading (a frozen tab)
 * loses the oldest; it notices because a change's previousVersion is not the version it has,
 * and refetches. Memory stays bounded either way.
 */
export const MAX_UNREAD_EVENTS = 64;

/** Fans seed events out to every open subscription (the seedEvents streams). */
export interface SeedEventHub {
  publish(event: SeedEventModel): void;
  /** `first()` now, then every published event, until the consumer returns, `signal` aborts, or close(). */
  subscribe(first: () => SeedEventModel, signal?: AbortSignal): AsyncIterableIterator<SeedEventModel>;
  /** Open subscriptions (each holds one listener until it ends). */
  subscribers(): number;
  /** Ends every subscription (their streams complete) and refuses new ones. */
  close(): void;
}

export function createSeedEventHub(): SeedEventHub {
  const listeners = new Set<(event: SeedEventModel) => void>();
  const stops = new Set<() => void>();
  let closed = false;
  return {
    publish(event) {
      for (const listener of listeners) listener(event);
    },
    subscribe(first, signal) {
      return new Repeater<SeedEventModel>(async (push, stop) => {
        if (closed || signal?.aborted) {
          stop();
          return;
        }
        const listener = (event: SeedEventModel) => void push(event);
        const end = () => stop();
        void push(first());
        listeners.add(listener);
        stops.add(end);
        signal?.addEventListener('abort', end, { once: true });
        // Resolves when the consumer returns (an SSE client went away) or stop() is called.
        await stop;
        listeners.delete(listener);
        stops.delete(end);
        signal?.removeEventListener('abort', end);
      }, new SlidingBuffer(MAX_UNREAD_EVENTS));
    },
    subscribers: () => listeners.size,
    close() {
      closed = true;
      for (const stop of stops) stop();
    },
  };
}
