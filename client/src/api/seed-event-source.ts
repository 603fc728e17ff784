/**
 * The `seedEvents` subscription over Server-Sent Events, with graphql-sse's client in distinct
 * connections mode: one POST to /graphql (`accept: text/event-stream`, the CSRF header), one
 * stream. It does not retry by itself: `LiveSubscription` reconnects and catches up.
 */
import { createClient } from 'graphql-sse';
import { SEED_EVENTS, type SeedEvent } from './live-operations.ts';

/** Receives one connection's events; after `error` or `complete` the connection is over. */
export interface SeedEventSink {
  next(event: SeedEvent): void;
  error(error: unknown): void;
  complete(): void;
}

/** Opens one connection; returns a function that closes it. */
export type SeedEventSource = (sink: SeedEventSink) => () => void;

export interface SseSourceOptions {
  /** @default '/graphql' */
  url?: string;
  /** Injected in tests. @default globalThis.fetch */
  fetchFn?: typeof fetch;
}

/** A `SeedEventSource` over SSE. */
export function sseSeedEvents(options: SseSourceOptions = {}): SeedEventSource {
  const client = createClient({
    // graphql-sse resolves a relative URL against nothing; the page's origin is what we mean.
    url: options.url ?? new URL('/graphql', globalThis.location?.href ?? 'http://localhost/').href,
    // The server's CSRF prevention accepts only requests that carry this header.
    headers: { 'x-graphql-csrf': '1' },
    retryAttempts: 0,
    ...(options.fetchFn ? { fetchFn: options.fetchFn } : {}),
  });
  return (sink) =>
    client.subscribe<{ seedEvents: SeedEvent }>(
      { operationName: SEED_EVENTS.name, query: SEED_EVENTS.query },
      {
        next: (result) => {
          if (result.errors && result.errors.length > 0) sink.error(new Error(result.errors.map((e) => e.message).join('; ')));
          else if (result.data?.seedEvents) sink.next(result.data.seedEvents);
        },
        error: (error) => sink.error(error),
        complete: () => sink.complete(),
      },
    );
}
