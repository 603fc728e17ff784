import type { Plugin } from 'graphql-yoga';
import type { GraphVersionReader } from './graph-version-reader.ts';
import type { PersistedDocuments } from './persisted-documents.ts';
import { persistedIdOf } from './persisted-reads.ts';
import { responseCacheKey } from './response-cache-key.ts';

export interface HttpCachingOptions {
  reader: GraphVersionReader;
  documents: Promise<PersistedDocuments>;
  /** Seconds a browser or CDN may reuse an answer unasked. @default 5 (SPLINTERNET_HTTP_MAX_AGE) */
  maxAgeSeconds?: number;
  /** Seconds after that it may still serve it while it revalidates. @default 60 (SPLINTERNET_HTTP_STALE) */
  staleSeconds?: number;
}

/** What an answer to a persisted GET is cached by: the URL, and Accept (yoga picks the media type by it). */
export const VARY = 'Accept';

/**
 * HTTP caching for persisted reads over GET (`/graphql?operationName=…&variables=…&extensions=
 * {"persistedQuery":{"version":1,"sha256Hash":…}}`): a successful answer carries
 * `ETag` (the response cache key: graph version + request) and `Cache-Control: public,
 * max-age, stale-while-revalidate`; `If-None-Match` with the current ETag is a 304 before
 * anything is parsed or executed — the ETag is computed from the version and the URL alone, so
 * any process answers it, cached or not. Every other /graphql answer (errors, POSTs, writes,
 * seedStatus, authoring) is `Cache-Control: no-store`.
 */
export function useHttpCaching({ reader, documents, maxAgeSeconds = 5, staleSeconds = 60 }: HttpCachingOptions): Plugin {
  const cacheControl = `public, max-age=${maxAgeSeconds}, stale-while-revalidate=${staleSeconds}`;
  const etags = new WeakMap<Request, string>();
  const failed = new WeakSet<Request>();
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' || url.searchParams.has('query')) return;
      const id = persistedIdOf(url.searchParams.get('extensions'));
      if (!id) return;
      const doc = (await documents).get(id);
      if (!doc?.cacheable) return;
      let variables: unknown = null;
      const text = url.searchParams.get('variables');
      if (text) {
        try {
          variables = JSON.parse(text);
        } catch {
          return; // yoga answers the malformed variables
        }
      }
      const version = await reader.forRequest(request);
      if (version === null) return;
      const etag = responseCacheKey(version, id, url.searchParams.get('operationName'), variables);
      etags.set(request, etag);
      if (matches(request.headers.get('if-none-match'), etag)) {
        endResponse(new fetchAPI.Response(null, { status: 304, headers: { etag, 'cache-control': cacheControl, vary: VARY } }));
      }
    },
    onResultProcess({ request, result }) {
      const errors = Array.isArray(result) || !('errors' in result) ? undefined : result.errors;
      if (Array.isArray(result) || Symbol.asyncIterator in result || (errors && errors.length > 0)) failed.add(request);
    },
    onResponse({ request, response }) {
      if (response.status === 304) return;
      const etag = etags.get(request);
      // Only when the version did not move while the answer was made: else its data may be newer than its ETag says.
      if (etag && response.status === 200 && !failed.has(request) && reader.lastSeen() !== null && etag.startsWith(`"${reader.lastSeen()}-`)) {
        response.headers.set('etag', etag);
        response.headers.set('cache-control', cacheControl);
        response.headers.set('vary', VARY);
        response.headers.delete('last-modified');
      } else {
        response.headers.delete('etag');
        response.headers.delete('last-modified');
        response.headers.set('cache-control', 'no-store');
      }
    },
  };
}

/** If-None-Match holds `etag` (a list, `*`, or the weak form a CDN makes of it when it compresses). */
function matches(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

/** The header values from the environment, for createGraphQLServer. */
export function httpCachingFromEnv(env: NodeJS.ProcessEnv = process.env): { maxAgeSeconds: number; staleSeconds: number } {
  const n = (v: string | undefined, d: number) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : d);
  return { maxAgeSeconds: n(env.SPLINTERNET_HTTP_MAX_AGE, 5), staleSeconds: n(env.SPLINTERNET_HTTP_STALE, 60) };
}
