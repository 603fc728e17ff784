import { cpSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CSRF_HEADER } from '../../server/graphql/csrf-header.ts';
import type { LiveSeed, SeedEventModel } from '../../server/live/live-seed.ts';
import { SEED_DIR } from './seed-fixture.ts';

/** The seedEvents subscription, with every field a client reads. */
export const SEED_EVENTS = `subscription {
  seedEvents {
    status { version state message watching diagnostics { file line column message text field } }
    change { version previousVersion files ontologyChanged summary entities { created updated removed } relations { created updated removed } }
  }
}`;

/** A throw-away copy of the real seed/ (ontology and data), so tests may write to it. */
export function copyRealSeed(): { dir: string; root: string; write(name: string, text: string): void; path(name: string): string; remove(): void } {
  // <tmp>/seed/, so paths read seed/data/<file> from <tmp> as they do in the project.
  const root = mkdtempSync(join(tmpdir(), 'splinternet-live-'));
  const dir = join(root, 'seed');
  cpSync(SEED_DIR, dir, { recursive: true });
  const path = (name: string) => join(dir, name);
  return {
    dir,
    root,
    path,
    /** Writes `name` (relative to seed/) as editors do: a temp file renamed over the target. */
    write(name, text) {
      const target = path(name);
      const temp = join(dirname(target), `.${Date.now()}-${Math.random().toString(36).slice(2)}.tmp`);
      writeFileSync(temp, text);
      renameSync(temp, target);
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Polls `check` until it returns something, or fails with `what` after `ms`. */
export async function waitUntil<T>(what: string, check: () => T | undefined | false, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = check();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Every event a LiveSeed sends, recorded as it comes (the first is the status at subscription). */
export function recordEvents(live: LiveSeed) {
  const events: SeedEventModel[] = [];
  const stop = new AbortController();
  const done = (async () => {
    for await (const e of live.events(stop.signal)) events.push(e);
  })();
  return {
    events,
    /** Changes (events with a new graph version) so far. */
    changes: () => events.flatMap((e) => (e.change ? [e.change] : [])),
    /** The first event after the first `after` ones that matches. */
    waitFor: (what: string, match: (e: SeedEventModel) => boolean, after = 0, ms?: number) => waitUntil(what, () => events.slice(after).find(match), ms),
    async stop() {
      stop.abort();
      await done;
    },
  };
}

type Fetch = (url: string, init: RequestInit) => Promise<Response> | Response;

/**
 * A client of the seedEvents subscription over SSE, as a browser's fetch would be (POST, JSON,
 * `accept: text/event-stream`, the CSRF header): `next()` gives each `event: next` payload.
 */
export async function openSeedEventStream(fetchFn: Fetch, url: string, query = SEED_EVENTS) {
  const abort = new AbortController();
  const res = await fetchFn(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', [CSRF_HEADER]: '1' },
    body: JSON.stringify({ query }),
    signal: abort.signal,
  });
  if (!res.ok || !res.body) throw new Error(`seedEvents: HTTP ${res.status} ${await res.text()}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let completed = false;
  const messages: Array<Record<string, any>> = [];
  const read = async (): Promise<boolean> => {
    const { value, done } = await reader.read();
    if (done) return false;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = block
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trimStart())
        .join('\n');
      if (event === 'next') messages.push(JSON.parse(data) as Record<string, any>);
      if (event === 'complete') completed = true;
    }
    return true;
  };
  return {
    contentType: res.headers.get('content-type'),
    /** The next payload ({ data: { seedEvents } } or { errors }), or undefined once the stream ended. */
    async next(): Promise<Record<string, any> | undefined> {
      while (messages.length === 0) {
        if (completed || !(await read())) return messages.shift();
      }
      return messages.shift();
    },
    completed: () => completed,
    /** Hangs up, as a closed tab does. */
    close() {
      abort.abort();
      void reader.cancel().catch(() => {});
    },
  };
}
