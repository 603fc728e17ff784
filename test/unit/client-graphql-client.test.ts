import { describe, expect, it } from 'vitest';
import { ApiError, GraphQLClient } from '../../client/src/api/graphql-client.ts';
import { SEARCH } from '../../client/src/api/operations.ts';
import { ADD_ENTITY } from '../../client/src/api/authoring-operations.ts';
import { sha256Hex } from '../../server/graphql/persisted-documents.ts';

function fakeFetch(respond: (init: RequestInit) => Response | Promise<Response>): { fetch: typeof fetch; calls: RequestInit[]; urls: string[] } {
  const calls: RequestInit[] = [];
  const urls: string[] = [];
  return {
    calls,
    urls,
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push(init ?? {});
      urls.push(String(input));
      return respond(init ?? {});
    }) as typeof fetch,
  };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('GraphQLClient', () => {
  it('sends a query as a persisted document over GET: the sha256 of its text, no CSRF header, revalidated', async () => {
    const f = fakeFetch(() => json({ data: { search: [] } }));
    await expect(new GraphQLClient({ fetch: f.fetch }).request(SEARCH, { text: 'hua' })).resolves.toEqual({ search: [] });
    expect(f.calls[0]!.method).toBe('GET');
    expect(f.calls[0]!.body).toBeUndefined();
    expect(f.calls[0]!.cache).toBe('no-cache');
    expect((f.calls[0]!.headers as Record<string, string>)['x-graphql-csrf']).toBeUndefined();
    const url = new URL(f.urls[0]!, 'http://x');
    expect(url.pathname).toBe('/graphql');
    expect(url.searchParams.has('query')).toBe(false);
    expect(url.searchParams.get('operationName')).toBe('Search');
    expect(JSON.parse(url.searchParams.get('variables')!)).toEqual({ text: 'hua' });
    // The same hash the server computes from the same module (server/graphql/persisted-documents.ts).
    expect(JSON.parse(url.searchParams.get('extensions')!)).toEqual({ persistedQuery: { version: 1, sha256Hash: sha256Hex(SEARCH.query) } });
  });

  it('posts mutations, and queries the server does not know by id, with their text', async () => {
    const f = fakeFetch((init) =>
      init.method === 'GET'
        ? json({ errors: [{ message: 'Unknown persisted operation', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] })
        : json({ data: { search: [], addEntity: {} } }),
    );
    const client = new GraphQLClient({ fetch: f.fetch });
    await client.request(ADD_ENTITY, { entity: { id: 'x', kind: 'Company', name: 'X' } as never });
    expect(f.calls.map((c) => c.method)).toEqual(['POST']);
    await expect(client.request(SEARCH, { text: 'hua' })).resolves.toEqual({ search: [], addEntity: {} });
    await client.request(SEARCH, { text: 'zte' });
    // GET refused as unknown → POST with the text, and POST from then on.
    expect(f.calls.map((c) => c.method)).toEqual(['POST', 'GET', 'POST', 'POST']);
    expect(JSON.parse(String(f.calls[2]!.body))).toMatchObject({ query: SEARCH.query });
  });

  it('posts JSON with the CSRF header and returns data', async () => {
    const f = fakeFetch(() => json({ data: { search: [] } }));
    const client = new GraphQLClient({ fetch: f.fetch, persisted: false });
    await expect(client.request(SEARCH, { text: 'hua' })).resolves.toEqual({ search: [] });
    const headers = f.calls[0]!.headers as Record<string, string>;
    expect(headers['content-type']).toBe('application/json');
    expect(headers['x-graphql-csrf']).toBe('1');
    expect(JSON.parse(String(f.calls[0]!.body))).toMatchObject({ operationName: 'Search', variables: { text: 'hua' } });
  });

  it('sends the edit token as a bearer token only once one is entered', async () => {
    const f = fakeFetch(() => json({ data: { search: [] } }));
    let token: string | null = null;
    const client = new GraphQLClient({ fetch: f.fetch, bearerToken: () => token });
    await client.request(SEARCH, { text: 'hua' });
    token = 's3cret';
    await client.request(SEARCH, { text: 'hua' });
    expect((f.calls[0]!.headers as Record<string, string>).authorization).toBeUndefined();
    expect((f.calls[1]!.headers as Record<string, string>).authorization).toBe('Bearer s3cret');
  });

  it('turns GraphQL errors into an ApiError with the extensions code', async () => {
    const f = fakeFetch(() =>
      json({ data: null, errors: [{ message: 'first must be at most 100', path: ['search'], extensions: { code: 'BAD_USER_INPUT' } }] }),
    );
    const error = await new GraphQLClient({ fetch: f.fetch }).request(SEARCH, { text: 'x', first: 1000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'graphql', code: 'BAD_USER_INPUT', message: 'first must be at most 100', operation: 'Search' });
    expect((error as ApiError).userMessage()).toBe('Search failed (BAD_USER_INPUT): first must be at most 100');
  });

  it('reports a GraphQL error even when the status is not 200', async () => {
    const f = fakeFetch(() => json({ errors: [{ message: 'Database unavailable', extensions: { code: 'DATABASE_UNAVAILABLE' } }] }, 503));
    await expect(new GraphQLClient({ fetch: f.fetch }).request(SEARCH, { text: 'x' })).rejects.toMatchObject({
      kind: 'graphql',
      code: 'DATABASE_UNAVAILABLE',
      status: 503,
    });
  });

  it('reports network failures, non-JSON answers and timeouts as such', async () => {
    const down = fakeFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(new GraphQLClient({ fetch: down.fetch }).request(SEARCH, { text: 'x' })).rejects.toMatchObject({ kind: 'network' });

    const html = fakeFetch(() => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(new GraphQLClient({ fetch: html.fetch }).request(SEARCH, { text: 'x' })).rejects.toMatchObject({ kind: 'http', status: 502 });

    const slow = fakeFetch(
      (init) =>
        new Promise<Response>((_, reject) => {
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    const error = await new GraphQLClient({ fetch: slow.fetch, timeoutMs: 20 }).request(SEARCH, { text: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'timeout' });
    expect((error as ApiError).userMessage()).toMatch(/took too long/);
  });
});
