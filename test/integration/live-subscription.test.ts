import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createClient } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraphQLServer, CSRF_HEADER } from '../../server/graphql/create-yoga.ts';
import { createHttpServer } from '../../server/http/create-http-server.ts';
import { createLiveSeed, type LiveSeedHandle } from '../../server/live/create-live-seed.ts';
import { copyRealSeed, openSeedEventStream, SEED_EVENTS, waitUntil } from '../helpers/live-seed-harness.ts';
import { openTestDatabase, resetDatabase } from '../helpers/test-database.ts';

// The seedEvents subscription as browsers get it: SSE from graphql-yoga, in-process (yoga.fetch)
// and over a real HTTP server, with the CSRF header, ending cleanly when the client goes away.
const db = openTestDatabase();
let seed: ReturnType<typeof copyRealSeed>;
let live: LiveSeedHandle;
let server: Server;
let base: string;
const quiet = () => {};

beforeAll(async () => {
  await resetDatabase(db);
  seed = copyRealSeed();
  live = await createLiveSeed({ db, seedDir: seed.dir, displayRoot: seed.root, watch: true, log: quiet, logError: quiet });
  server = createHttpServer({ db, ontology: live.ontology(), live });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await live.close();
  await new Promise<void>((r) => server.close(() => r()));
  await db.close();
  seed.remove();
});

let n = 0;
/** A new relation in a file of its own, and its Relation.id. */
function saveRelation(): { key: string; file: string } {
  n++;
  const to = ['huawei', 'zte', 'tiktok', 'wechat'][n % 4]!;
  const since = `2020-07-${String(10 + n).padStart(2, '0')}`;
  seed.write(
    `data/live-${n}.yaml`,
    `relations:\n  - from: uk\n    type: EXCLUDES\n    to: ${to}\n    since: ${since}\n    evidence: { outlet: reuters, quote: "test ${n}", date: ${since} }\n`,
  );
  return { key: `uk|EXCLUDES|${to}|${since}`, file: `seed/data/live-${n}.yaml` };
}

describe('seedEvents over SSE', () => {
  it('through yoga.fetch: the status first, then the change of a save; aborting ends the subscription', async () => {
    const yoga = createGraphQLServer({ db, ontology: live.ontology(), live });
    const stream = await openSeedEventStream((url, init) => yoga.fetch(url, init), 'http://yoga/graphql');
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    const first = await stream.next();
    expect(first?.data?.seedEvents).toEqual({
      status: { version: live.status().version, state: 'SYNCED', message: null, watching: true, diagnostics: [] },
      change: null,
    });
    expect(live.subscribers()).toBe(1);
    const saved = saveRelation();
    const second = await stream.next();
    expect(second?.data?.seedEvents.change).toMatchObject({
      files: [saved.file],
      relations: { created: [saved.key], updated: [], removed: [] },
      summary: `1 relation added from ${saved.file}`,
      previousVersion: first?.data?.seedEvents.status.version,
    });
    stream.close();
    await waitUntil('the listener to go', () => live.subscribers() === 0);
  });

  it('over HTTP: a second client sees the change a save makes, then the query shows it; hanging up leaks no listener', async () => {
    const a = await openSeedEventStream(fetch, `${base}/graphql`);
    const b = await openSeedEventStream(fetch, `${base}/graphql`);
    await a.next();
    await b.next();
    expect(live.subscribers()).toBe(2);
    const saved = saveRelation();
    const [ea, eb] = await Promise.all([a.next(), b.next()]);
    expect(ea?.data?.seedEvents.change.relations.created).toEqual([saved.key]);
    expect(eb).toEqual(ea);
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
      body: JSON.stringify({
        query: `{ subgraph(ids: ["uk"]) { nodes { id } } entity(id: "uk") { relations(types: ["EXCLUDES"]) { edges { node { id } } } } }`,
      }),
    });
    const body = (await res.json()) as { data: { entity: { relations: { edges: Array<{ node: { id: string } }> } } } };
    expect(body.data.entity.relations.edges.map((e) => e.node.id)).toContain(saved.key);
    a.close();
    await waitUntil('one listener left', () => live.subscribers() === 1);
    b.close();
    await waitUntil('no listener left', () => live.subscribers() === 0);
  });

  it("graphql-sse's client in distinct connections mode works against yoga", async () => {
    const client = createClient({ url: `${base}/graphql`, headers: { [CSRF_HEADER]: '1' }, retryAttempts: 0 });
    const events = client.iterate<{ seedEvents: { status: { state: string; version: string } } }>({ query: SEED_EVENTS });
    const first = await events.next();
    expect(first.value?.data?.seedEvents.status).toMatchObject({ state: 'SYNCED', version: live.status().version });
    await events.return?.();
    client.dispose();
    await waitUntil('no listener left', () => live.subscribers() === 0);
  });

  it('refuses a subscription without the CSRF header from a form or an EventSource (GET), with FORBIDDEN', async () => {
    const get = await fetch(`${base}/graphql?query=${encodeURIComponent(SEED_EVENTS)}`, { headers: { accept: 'text/event-stream' } });
    expect(get.status).toBe(403);
    expect(await get.text()).toContain('FORBIDDEN');
    const form = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', accept: 'text/event-stream' },
      body: JSON.stringify({ query: SEED_EVENTS }),
    });
    expect(form.status).toBe(403);
    expect(live.subscribers()).toBe(0);
  });

  it('the hardening plugins still apply to subscriptions (too many repeated selections, aliases)', async () => {
    const repeated = `subscription { seedEvents { ${'status { version } '.repeat(25)} } }`;
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', [CSRF_HEADER]: '1' },
      body: JSON.stringify({ query: repeated }),
    });
    const body = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]?.extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('closing the live seed (server shutdown) completes every open stream', async () => {
    const stream = await openSeedEventStream(fetch, `${base}/graphql`);
    await stream.next();
    await live.close();
    expect(await stream.next()).toBeUndefined();
    expect(stream.completed()).toBe(true);
    expect(live.subscribers()).toBe(0);
  });
});
