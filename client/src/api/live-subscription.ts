/**
 * Keeps the `seedEvents` subscription open: reconnects with a growing, jittered delay when the
 * stream drops or ends, and tells, for each event, what the page must do to be current — apply
 * the announced change, catch up (the version moved while the page was not listening, or a
 * change was missed), or nothing.
 */
import type { GraphChange, SeedEvent } from './live-operations.ts';
import type { SeedEventSource } from './seed-event-source.ts';

/** What an event asks of the page. */
export type LiveSync = { kind: 'none' } | { kind: 'change'; change: GraphChange } | { kind: 'catch-up'; from: string; to: string };

export type ConnectionState = { state: 'connecting' } | { state: 'live' } | { state: 'retrying'; inMs: number; error: string };

export interface LiveSubscriptionHandlers {
  onEvent(event: SeedEvent, sync: LiveSync): void;
  onConnection?(state: ConnectionState): void;
}

export interface LiveSubscriptionOptions {
  /** The graph version the page's data was read at, if known. */
  knownVersion?: string | null;
  /** Delay before reconnect attempt `attempt` (0 first). @default 1 s doubling to 30 s, ±25 % */
  backoff?: (attempt: number) => number;
  /** Injected in tests. */
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** The default reconnect delay: 1 s, 2 s, 4 s … up to 30 s, each ±25 % so pages do not reconnect in step. */
export function defaultBackoff(attempt: number): number {
  const base = Math.min(30_000, 1000 * 2 ** attempt);
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

/** What `event` asks of a page whose data is at `known` (null: not known yet). */
export function syncFor(known: string | null, event: SeedEvent): LiveSync {
  const change = event.change;
  if (change) {
    if (change.version === known) return { kind: 'none' };
    if (known === null || change.previousVersion === known) return { kind: 'change', change };
    return { kind: 'catch-up', from: known, to: change.version };
  }
  if (known === null || event.status.version === known) return { kind: 'none' };
  return { kind: 'catch-up', from: known, to: event.status.version };
}

export class LiveSubscription {
  private known: string | null;
  private attempt = 0;
  private close: (() => void) | null = null;
  private timer: unknown = null;
  private running = false;
  /** Counts connections, so a late callback of a closed one is ignored. */
  private generation = 0;
  private readonly backoff: (attempt: number) => number;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(
    private readonly source: SeedEventSource,
    private readonly handlers: LiveSubscriptionHandlers,
    options: LiveSubscriptionOptions = {},
  ) {
    this.known = options.knownVersion ?? null;
    this.backoff = options.backoff ?? defaultBackoff;
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  }

  /** The graph version the page is at (as far as the events told). */
  get version(): string | null {
    return this.known;
  }

  /** Sets the version the page's data was read at, unless an event has told one already. */
  setBaseline(version: string): void {
    if (this.known === null) this.known = version;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  stop(): void {
    this.running = false;
    this.generation++;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    this.close?.();
    this.close = null;
  }

  private connect(): void {
    const generation = ++this.generation;
    const current = () => generation === this.generation && this.running;
    this.handlers.onConnection?.({ state: 'connecting' });
    let announced = false;
    const close = this.source({
      next: (event) => {
        if (!current()) return;
        this.attempt = 0;
        if (!announced) {
          announced = true;
          this.handlers.onConnection?.({ state: 'live' });
        }
        const sync = syncFor(this.known, event);
        this.known = event.change?.version ?? event.status.version;
        this.handlers.onEvent(event, sync);
      },
      error: (error) => {
        if (current()) this.retry(error instanceof Error ? error.message : String(error));
      },
      // The server ended the stream (a restart, say): listen again.
      complete: () => {
        if (current()) this.retry('the server ended the stream');
      },
    });
    // A source may fail synchronously; then this connection is already over.
    if (current()) this.close = close;
    else close();
  }

  private retry(reason: string): void {
    this.generation++;
    this.close?.();
    this.close = null;
    const inMs = this.backoff(this.attempt++);
    this.handlers.onConnection?.({ state: 'retrying', inMs, error: reason });
    this.timer = this.setTimer(() => {
      this.timer = null;
      if (this.running) this.connect();
    }, inMs);
  }
}
