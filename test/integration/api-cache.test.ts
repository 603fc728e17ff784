import { Kind, parse, type OperationDefinitionNode, type TypeNode } from 'graphql';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { DatabaseFailure } from '../../server/db/database-errors.ts';
import { createServerLogger } from '../../server/graphql/api-logger.ts';
import { createGraphQLServer, CSRF_HEADER, serverParts } from '../../server/graphql/create-yoga.ts';
import { loadPersistedDocuments, type PersistedDocument } from '../../server/graphql/persisted-documents.ts';
import { cypher } from '../../server/db/cypher-queries.ts';
import { createLiveSeed, type LiveSeedHandle } from '../../server/live/create-live-seed.ts';
import type { GraphQLResponse } from '../helpers/api-harness.ts';
import { copyRealSeed } from '../helpers/live-seed-harness.ts';
import { openTestDatabase, resetDatabase } from '../helpers/test-database.ts';

// The response cache and HTTP caching against the run's Neo4j: a LiveSeed over a copy of the
// real seed/ (so syncs write a graph version), servers in-process through yoga.fetch.
const db = openTestDatabase();
afterAll(() => db.close());

let seed: ReturnType<typeof copyRealSeed>;
let live: LiveSeedHandle;
const quiet = { log: () => {}, logError: () => {} };

beforeEach(async () => {
  await resetDatabase(db);
  seed = copyRealSeed();
  live = await createLiveSeed({ db, seedDir: seed.dir, displayRoot: seed.root, ...quiet });
});
afterEach(async () => {
  await live.close();
  seed.remove();
});

type Server = ReturnType<typeof createGraphQLServer>;

/** A server as `npm start` makes it (its own version reader), with the cache on unless `bytes` is 0. */
function server(options: { bytes?: number; database?: Database; withLive?: boolean; lines?: Array<Record<string, unknown>> } = {}): Server {
  const lines = options.lines;
  return createGraphQLServer({
    db: options.database ?? db,
    ontology: live.ontology(),
    live: options.withLive === false ? undefined : live,
    responseCacheBytes: options.bytes ?? 8 * 1024 * 1024,
    logger: createServerLogger({ level: 'info', destination: { write: (l: string) => void lines?.push(JSON.parse(l) as Record<string, unknown>) } }),
  });
}

async function post<T = Record<string, any>>(yoga: Server, query: string, variables?: unknown, operationName?: string): Promise<GraphQLResponse<T>> {
  const res = await yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
    body: JSON.stringify({ query, variables, operationName }),
  });
  return (await res.json()) as GraphQLResponse<T>;
}

/** A persisted read over GET, as the explorer sends it (graphql-client.ts): no CSRF header. */
function get(yoga: Server, doc: Pick<PersistedDocument, 'id' | 'operationName'>, variables: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const params = new URLSearchParams({
    operationName: doc.operationName,
    variables: JSON.stringify(variables),
    extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: doc.id } }),
  });
  return Promise.resolve(yoga.fetch(`http://yoga/graphql?${params.toString()}`, { headers: { accept: 'application/graphql-response+json', ...headers } }));
}

/**
 * Variables for any operation, from its declared types, so operations other parts of the client
 * add are covered too: ids of entities the real seed holds, a search text, small numbers.
 */
function variablesFor(doc: PersistedDocument): Record<string, unknown> {
  const op = parse(doc.text).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const vars: Record<string, unknown> = {};
  const named = (t: TypeNode): { list: boolean; name: string; required: boolean } =>
    t.kind === Kind.NON_NULL_TYPE
      ? { ...named(t.type), required: true }
      : t.kind === Kind.LIST_TYPE
        ? { ...named(t.type), list: true, required: false }
        : { list: false, name: t.name.value, required: false };
  for (const v of op.variableDefinitions ?? []) {
    const name = v.variable.name.value;
    const type = named(v.type);
    if (v.type.kind !== Kind.NON_NULL_TYPE || v.defaultValue) continue;
    if (type.name === 'ID') vars[name] = type.list ? ['huawei', 'zte', 'clean-network'] : name === 'to' ? 'zte' : name === 'from' ? 'clean-network' : 'huawei';
    else if (type.name === 'String') vars[name] = 'hua';
    else if (type.name === 'Int') vars[name] = 3;
    else if (type.name === 'Date') vars[name] = name === 'to' ? '2021-12-31' : '2021-01-01';
    else throw new Error(`variablesFor: operation ${doc.operationName} needs $${name} of type ${type.name}; teach this test a value for it`);
  }
  return vars;
}

const cacheOf = (yoga: Server) => serverParts.get(yoga)!.responseCache!.cache;

describe('the response cache', () => {
  it('answers every client read exactly as the uncached server does, from the cache the second time', async () => {
    const documents = [...(await loadPersistedDocuments()).values()].filter((d) => d.cacheable);
    expect(documents.map((d) => d.operationName)).toEqual(
      expect.arrayContaining(['Bootstrap', 'Search', 'Neighbourhood', 'Paths', 'EntityDetail', 'Subgraph']),
    );
    const lines: Array<Record<string, unknown>> = [];
    const cached = server({ lines });
    const uncached = server({ bytes: 0 });
    for (const doc of documents) {
      const vars = variablesFor(doc);
      const plain = await post(uncached, doc.text, vars, doc.operationName);
      expect(plain.errors, doc.operationName).toBeUndefined();
      const first = await (await get(cached, doc, vars)).json();
      const second = await (await get(cached, doc, vars)).json();
      expect(first, doc.operationName).toEqual(plain);
      expect(second, doc.operationName).toEqual(plain);
      // And a POST of the same text hits the same entry.
      expect(await post(cached, doc.text, vars, doc.operationName)).toEqual(plain);
    }
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.filter((l) => l.cache === 'miss')).toHaveLength(documents.length);
    expect(requests.filter((l) => l.cache === 'hit')).toHaveLength(documents.length * 2);
  }, 240_000);

  it('never caches seedStatus, authoring, mutations or errors', async () => {
    const yoga = server();
    const cache = cacheOf(yoga);
    await post(yoga, '{ seedStatus { version state } }');
    await post(yoga, '{ authoring { enabled } }');
    const missing = await post(yoga, '{ entity(id: "no-such-entity") { id } e2: entity(id: "huawei") { name } }');
    expect(missing.data?.entity).toBeNull();
    const notFound = await post(yoga, '{ neighbourhood(ids: ["no-such-entity"]) { nodes { id } } }');
    expect(notFound.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // The null entity is an answer, not an error: that one is cached; nothing else is.
    await new Promise((r) => setTimeout(r, 50));
    expect(cache.size()).toBe(1);
  });

  it('never caches DATABASE_UNAVAILABLE: the next answer after the outage is the real one', async () => {
    let down = false;
    const versionQuery = cypher('readSeedVersion');
    // Neo4j answers the version but not the data (an outage that starts between the two reads).
    const flaky: Database = {
      ...db,
      read: (work) =>
        db.read((tx) =>
          work(
            new Proxy(tx, {
              get(target, prop, receiver) {
                if (prop === 'run')
                  return (q: string, p?: unknown) => {
                    if (down && q !== versionQuery) throw new DatabaseFailure('UNAVAILABLE', 'Neo4j is unavailable (test)', undefined);
                    return target.run(q, p as never);
                  };
                return Reflect.get(target, prop, receiver) as unknown;
              },
            }),
          ),
        ),
    };
    const yoga = server({ database: flaky });
    down = true;
    const failed = await post(yoga, '{ entity(id: "huawei") { name } }');
    expect(failed.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
    await new Promise((r) => setTimeout(r, 50));
    expect(cacheOf(yoga).size()).toBe(0);
    down = false;
    expect(await post(yoga, '{ entity(id: "huawei") { name } }')).toEqual({ data: { entity: { name: 'Huawei' } } });
  });

  it('drops its answers when a sync changes the graph version, in this process and in one that shares nothing', async () => {
    const a = server();
    const b = server({ withLive: false }); // another process: knows the version from Neo4j only
    const ask = '{ entity(id: "huawei") { name description } stats { entities version } }';
    const before = await post(a, ask);
    expect(await post(b, ask)).toEqual(before);
    expect(await post(a, ask)).toEqual(before); // a hit
    const v1 = (await post(a, '{ seedStatus { version } }')).data!.seedStatus.version as string;
    expect(before.data!.stats.version).toBe(v1);

    seed.write('data/cache-test.yaml', 'entities:\n  - id: cache-test-co\n    kind: Company\n    name: Cache Test Co\n');
    const synced = await live.syncNow();
    expect(synced.state).toBe('SYNCED');
    expect(synced.version).not.toBe(v1);
    for (const yoga of [a, b]) {
      const after = await post(yoga, ask);
      expect(after.data!.stats.entities).toBe(before.data!.stats.entities + 1);
      expect(after.data!.stats.version).toBe(synced.version);
    }
    expect(cacheOf(a).size()).toBeLessThanOrEqual(2);
  });

  it('drops them too when a write through the API (a live update) changes the graph', async () => {
    const yoga = server();
    const ask = '{ entity(id: "live-update-co") { name } }';
    expect(await post(yoga, ask)).toEqual({ data: { entity: null } });
    expect(await post(yoga, ask)).toEqual({ data: { entity: null } });
    const wrote = await post(yoga, 'mutation { addEntity(entity: { id: "live-update-co", kind: "Company", name: "Live Update Co" }) { graphVersion } }');
    expect(wrote.errors).toBeUndefined();
    expect(await post(yoga, ask)).toEqual({ data: { entity: { name: 'Live Update Co' } } });
  });

  it('stays within its memory budget', async () => {
    const budget = 64 * 1024;
    const yoga = server({ bytes: budget });
    for (let i = 0; i < 60; i++) await post(yoga, `{ entities(first: ${5 + i}) { nodes { id name description } } }`);
    await new Promise((r) => setTimeout(r, 50));
    const cache = cacheOf(yoga);
    expect(cache.bytes()).toBeLessThanOrEqual(budget);
    expect(cache.size()).toBeGreaterThan(0);
    expect(cache.size()).toBeLessThan(60);
  });
});

describe('HTTP caching of persisted reads', () => {
  it('sends ETag and Cache-Control, answers If-None-Match with 304 until the graph changes', async () => {
    const documents = await loadPersistedDocuments();
    const search = [...documents.values()].find((d) => d.operationName === 'Search')!;
    const a = server();
    const b = server({ bytes: 0, withLive: false }); // another process, without a response cache
    const res = await get(a, search, { text: 'huawei' });
    expect(res.status).toBe(200);
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{12}-[0-9a-f]{32}"$/);
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+$/);
    expect(res.headers.get('vary')).toBe('Accept');
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const body = await res.json();

    for (const yoga of [a, b]) {
      const again = await get(yoga, search, { text: 'huawei' }, { 'if-none-match': etag });
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect(await again.text()).toBe('');
      const weak = await get(yoga, search, { text: 'huawei' }, { 'if-none-match': `"x", W/${etag}` });
      expect(weak.status).toBe(304);
    }
    // Another request is another ETag.
    const other = await get(a, search, { text: 'zte' }, { 'if-none-match': etag });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).not.toBe(etag);
    expect(await (await get(b, search, { text: 'huawei' })).json()).toEqual(body);

    seed.write('data/cache-test.yaml', 'entities:\n  - id: huawei-cache-etag\n    kind: Company\n    name: Huawei Etag Test\n');
    expect((await live.syncNow()).state).toBe('SYNCED');
    for (const yoga of [a, b]) {
      const fresh = await get(yoga, search, { text: 'huawei' }, { 'if-none-match': etag });
      expect(fresh.status).toBe(200);
      expect(fresh.headers.get('etag')).not.toBe(etag);
      const hits = ((await fresh.json()) as { data: { search: Array<{ entity: { id: string } }> } }).data.search.map((h) => h.entity.id);
      expect(hits).toContain('huawei-cache-etag');
    }
  });

  it('needs no CSRF header for a persisted read over GET, but does for any other GET; mutations stay POST-only', async () => {
    const documents = await loadPersistedDocuments();
    const yoga = server();
    const bootstrap = [...documents.values()].find((d) => d.operationName === 'Bootstrap')!;
    expect((await get(yoga, bootstrap, {})).status).toBe(200);
    const arbitrary = await yoga.fetch(`http://yoga/graphql?query=${encodeURIComponent('{ stats { entities } }')}`);
    expect(arbitrary.status).toBe(403);
    expect(((await arbitrary.json()) as GraphQLResponse).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const mutation = [...documents.values()].find((d) => d.operation === 'mutation')!;
    const refused = await get(yoga, mutation, { id: 'huawei' });
    expect(refused.status).toBe(405);
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });

  it('answers an unknown persisted id with PERSISTED_QUERY_NOT_FOUND, and never caches errors or private reads', async () => {
    const documents = await loadPersistedDocuments();
    const yoga = server();
    const unknown = await get(yoga, { id: 'f'.repeat(64), operationName: 'Nope' }, {});
    const body = (await unknown.json()) as GraphQLResponse;
    expect(body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(body.errors?.[0]?.message).toMatch(/Unknown persisted operation/);
    expect(unknown.headers.get('cache-control')).toBe('no-store');
    expect(unknown.headers.get('etag')).toBeNull();

    const detail = [...documents.values()].find((d) => d.operationName === 'Neighbourhood')!;
    const notFound = await get(yoga, detail, { ids: ['no-such-entity'] });
    expect(((await notFound.json()) as GraphQLResponse).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(notFound.headers.get('cache-control')).toBe('no-store');
    expect(notFound.headers.get('etag')).toBeNull();

    const status = [...documents.values()].find((d) => d.operationName === 'SeedStatus')!;
    expect(status.cacheable).toBe(false);
    const statusRes = await get(yoga, status, {});
    expect(statusRes.status).toBe(200);
    expect(statusRes.headers.get('cache-control')).toBe('no-store');
  });

  it('logs one JSON line per request with its id, operation, duration, cache outcome, version and error code — never the query or its variables', async () => {
    const documents = await loadPersistedDocuments();
    const search = [...documents.values()].find((d) => d.operationName === 'Search')!;
    const lines: Array<Record<string, unknown>> = [];
    const yoga = server({ lines });
    await get(yoga, search, { text: 'secret-needle' });
    await get(yoga, search, { text: 'secret-needle' });
    await post(yoga, 'query Secretive { neighbourhood(ids: ["secret-needle-2"]) { nodes { id } } }', undefined, 'Secretive');
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests).toHaveLength(3);
    expect(requests[0]).toMatchObject({
      method: 'GET',
      operation: 'Search',
      status: 200,
      cache: 'miss',
      code: null,
      version: expect.stringMatching(/^[0-9a-f]{12}$/),
    });
    expect(requests[1]).toMatchObject({ operation: 'Search', cache: 'hit' });
    expect(requests[2]).toMatchObject({ method: 'POST', operation: 'Secretive', code: 'NOT_FOUND', cache: 'miss' });
    for (const r of requests) {
      expect(typeof r.reqId).toBe('string');
      expect(typeof r.ms).toBe('number');
    }
    expect(new Set(requests.map((r) => r.reqId)).size).toBe(3);
    const text = JSON.stringify(lines);
    expect(text).not.toContain('secret-needle');
    expect(text).not.toContain('neighbourhood(');
  });
});
