/**
 * The live subscription: what each seed event asks of a page, reconnecting with backoff when
 * the stream drops or ends and catching up after it, and the SSE transport (graphql-sse in
 * distinct connections mode) against a fetch that answers as the server does.
 */
import { describe, expect, it } from 'vitest';
import type { GraphChange, SeedEvent, SeedStatus } from '../../client/src/api/live-operations.ts';
import { LiveSubscription, defaultBackoff, syncFor, type ConnectionState, type LiveSync } from '../../client/src/api/live-subscription.ts';
import { sseSeedEvents, type SeedEventSink } from '../../client/src/api/seed-event-source.ts';

const status = (version: string, state: SeedStatus['state'] = 'SYNCED'): SeedStatus => ({ version, state, diagnostics: [], message: null, watching: true });
const change = (previousVersion: string | null, version: string): GraphChange => ({
  version,
  previousVersion,
  files: ['seed/data/uk.yaml'],
  entities: { created: [], updated: [], removed: [] },
  relations: { created: ['uk|EXCLUDES|huawei'], updated: [], removed: [] },
  ontologyChanged: false,
  summary: '1 relation added from seed/data/uk.yaml',
});
const event = (version: string, c: GraphChange | null = null): SeedEvent => ({ status: status(version), change: c });

describe('syncFor', () => {
  it('applies a change that follows the version the page is at', () => {
    expect(syncFor('v1', event('v2', change('v1', 'v2')))).toEqual({ kind: 'change', change: change('v1', 'v2') });
  });
  it('catches up when a change was missed, or when the status shows a version the page has not seen', () => {
    expect(syncFor('v1', event('v3', change('v2', 'v3')))).toEqual({ kind: 'catch-up', from: 'v1', to: 'v3' });
    expect(syncFor('v1', event('v4'))).toEqual({ kind: 'catch-up', from: 'v1', to: 'v4' });
  });
  it('does nothing for the version the page has, or when it has no version yet', () => {
    expect(syncFor('v2', event('v2', change('v1', 'v2')))).toEqual({ kind: 'none' });
    expect(syncFor('v2', event('v2'))).toEqual({ kind: 'none' });
    expect(syncFor(null, event('v7'))).toEqual({ kind: 'none' });
  });
});

/** A source whose connections the test drives by hand, and a clock run by hand. */
function harness(knownVersion: string | null = 'v1') {
  const connections: Array<{ sink: SeedEventSink; closed: boolean }> = [];
  const timers: Array<{ run: () => void; ms: number }> = [];
  const events: Array<{ version: string; sync: LiveSync }> = [];
  const states: ConnectionState[] = [];
  const subscription = new LiveSubscription(
    (sink) => {
      const connection = { sink, closed: false };
      connections.push(connection);
      return () => {
        connection.closed = true;
      };
    },
    { onEvent: (e, sync) => events.push({ version: e.status.version, sync }), onConnection: (s) => states.push(s) },
    { knownVersion, backoff: (attempt) => 1000 * 2 ** attempt, setTimer: (run, ms) => timers.push({ run, ms }), clearTimer: () => undefined },
  );
  const tick = () => timers.shift()!.run();
  return { subscription, connections, timers, events, states, tick, last: () => connections.at(-1)! };
}

describe('LiveSubscription', () => {
  it('reconnects with growing delays while it fails, resets them after an event, and catches up on reconnect', () => {
    const h = harness('v1');
    h.subscription.start();
    h.last().sink.next(event('v1'));
    h.last().sink.next(event('v2', change('v1', 'v2')));
    expect(h.events.map((e) => e.sync.kind)).toEqual(['none', 'change']);

    h.last().sink.error(new Error('network down'));
    expect(h.connections[0]!.closed).toBe(true);
    expect(h.timers.map((t) => t.ms)).toEqual([1000]);
    h.tick();
    h.last().sink.error(new Error('still down'));
    expect(h.timers.map((t) => t.ms)).toEqual([2000]);
    h.tick();
    h.last().sink.error(new Error('still down'));
    expect(h.timers.map((t) => t.ms)).toEqual([4000]);
    h.tick();
    // Back: the server's first event is its status now, two versions on.
    h.last().sink.next(event('v4'));
    expect(h.events.at(-1)).toEqual({ version: 'v4', sync: { kind: 'catch-up', from: 'v2', to: 'v4' } });
    expect(h.subscription.version).toBe('v4');
    h.last().sink.complete();
    expect(h.timers.map((t) => t.ms)).toEqual([1000]);
    expect(h.states.map((s) => s.state)).toEqual([
      'connecting',
      'live',
      'retrying',
      'connecting',
      'retrying',
      'connecting',
      'retrying',
      'connecting',
      'live',
      'retrying',
    ]);
  });

  it('ignores a connection it has given up on, and stops for good on stop()', () => {
    const h = harness('v1');
    h.subscription.start();
    const first = h.last();
    first.sink.error(new Error('down'));
    first.sink.next(event('v9')); // a late event of the dead connection
    expect(h.events).toEqual([]);
    h.tick();
    h.subscription.stop();
    expect(h.last().closed).toBe(true);
    h.last().sink.next(event('v9'));
    expect(h.events).toEqual([]);
    expect(h.timers).toEqual([]);
  });

  it('takes a baseline version only while no event has told one', () => {
    const h = harness(null);
    h.subscription.start();
    h.subscription.setBaseline('v1');
    h.last().sink.next(event('v2'));
    expect(h.events.at(-1)!.sync).toEqual({ kind: 'catch-up', from: 'v1', to: 'v2' });
    h.subscription.setBaseline('v0');
    expect(h.subscription.version).toBe('v2');
  });

  it('copes with a source that fails as it is opened', () => {
    const timers: Array<() => void> = [];
    let opened = 0;
    const subscription = new LiveSubscription(
      (sink) => {
        opened++;
        sink.error(new Error('refused'));
        return () => undefined;
      },
      { onEvent: () => undefined },
      { backoff: () => 10, setTimer: (run) => timers.push(run), clearTimer: () => undefined },
    );
    subscription.start();
    expect(opened).toBe(1);
    timers.shift()!();
    expect(opened).toBe(2);
    subscription.stop();
  });

  it('backs off from about a second to at most about thirty', () => {
    for (let i = 0; i < 50; i++) {
      expect(defaultBackoff(0)).toBeGreaterThanOrEqual(750);
      expect(defaultBackoff(0)).toBeLessThanOrEqual(1250);
      expect(defaultBackoff(20)).toBeLessThanOrEqual(37_500);
      expect(defaultBackoff(20)).toBeGreaterThanOrEqual(22_500);
    }
  });
});

describe('sseSeedEvents', () => {
  it('POSTs the subscription with accept: text/event-stream and the CSRF header, and reads the events of the stream', async () => {
    const requests: Array<{ url: string; init: RequestInit }> = [];
    const first = event('v1');
    const second = event('v2', change('v1', 'v2'));
    const body = [first, second].map((e) => `event: next\ndata: ${JSON.stringify({ data: { seedEvents: e } })}\n\n`).join('') + 'event: complete\ndata:\n\n';
    const fetchFn = (async (url: string, init: RequestInit) => {
      requests.push({ url, init });
      return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    }) as unknown as typeof fetch;
    const received: SeedEvent[] = [];
    const done = new Promise<string>((resolve) => {
      sseSeedEvents({ url: 'http://127.0.0.1:1/graphql', fetchFn })({
        next: (e) => received.push(e),
        error: (error) => resolve(`error: ${String(error)}`),
        complete: () => resolve('complete'),
      });
    });
    expect(await done).toBe('complete');
    expect(received).toEqual([first, second]);
    expect(requests).toHaveLength(1);
    const { url, init } = requests[0]!;
    expect(url).toBe('http://127.0.0.1:1/graphql');
    expect(init.method).toBe('POST');
    const headers = init.headers as Record<string, string>;
    expect(headers.accept).toBe('text/event-stream');
    expect(headers['x-graphql-csrf']).toBe('1');
    expect(headers['content-type']).toMatch(/^application\/json/);
    const payload = JSON.parse(String(init.body)) as { operationName: string; query: string };
    expect(payload.operationName).toBe('SeedEvents');
    expect(payload.query).toMatch(/subscription SeedEvents \{\s+seedEvents \{/);
  });

  it('reports GraphQL errors and refused connections as errors (the subscription then retries)', async () => {
    const withErrors = `event: next\ndata: ${JSON.stringify({ errors: [{ message: 'Cannot query field "seedEvents" on type "Subscription".' }] })}\n\n`;
    const run = (response: () => Response) =>
      new Promise<string>((resolve) => {
        sseSeedEvents({ url: 'http://127.0.0.1:1/graphql', fetchFn: (async () => response()) as unknown as typeof fetch })({
          next: () => resolve('next'),
          error: (error) => resolve(String(error)),
          complete: () => resolve('complete'),
        });
      });
    expect(await run(() => new Response(withErrors, { status: 200, headers: { 'content-type': 'text/event-stream' } }))).toMatch(
      /Cannot query field "seedEvents"/,
    );
    expect(await run(() => new Response('no', { status: 403 }))).toMatch(/403|Forbidden|NetworkError/);
  });
});
