import { useResponseCache } from '@graphql-yoga/plugin-response-cache';
import type { Plugin } from 'graphql-yoga';
import { createBoundedResponseCache, type BoundedResponseCache } from './bounded-response-cache.ts';
import type { GraphVersionReader } from './graph-version-reader.ts';
import { NEVER_CACHED_FIELDS } from './persisted-documents.ts';
import { documentId, responseCacheKey } from './response-cache-key.ts';

/** The response cache's memory budget. @default 64 MB (SPLINTERNET_RESPONSE_CACHE_MB) */
export const DEFAULT_RESPONSE_CACHE_BYTES = 64 * 1024 * 1024;

export interface GraphResponseCache {
  plugin: Plugin;
  cache: BoundedResponseCache;
}

/**
 * Answers to reads, cached exactly by graph version (@graphql-yoga/plugin-response-cache over
 * the byte-bounded store in bounded-response-cache.ts). An answer is kept until the graph
 * version changes — there is no time-to-live, since nothing else changes an answer — and then
 * every entry is dropped at once. Never cached: answers with any error (the plugin's rule, so
 * DATABASE_UNAVAILABLE and NOT_FOUND alike), mutations and subscriptions (the plugin caches
 * queries only), operations touching NEVER_CACHED_FIELDS, introspection, and every request
 * made while the version cannot be read.
 */
export function useGraphResponseCache(reader: GraphVersionReader, maxBytes: number = DEFAULT_RESPONSE_CACHE_BYTES): GraphResponseCache {
  const cache = createBoundedResponseCache({
    maxBytes,
    isCurrent: (version) => version === reader.lastSeen(),
    stillCurrent: async (version) => (await reader.current()) === version,
  });
  reader.onChange(() => cache.clear());
  /** Requests whose key carries a version: only those use the cache. */
  const keyed = new WeakSet<Request>();
  const plugin = useResponseCache({
    session: () => null,
    cache,
    enabled: (request) => keyed.has(request),
    ttlPerSchemaCoordinate: Object.fromEntries(NEVER_CACHED_FIELDS.map((c) => [c, 0])),
    // Invalidation is by version; mutations change seed files, and the sync they cause moves it.
    invalidateViaMutation: false,
    includeExtensionMetadata: false,
    buildResponseCacheKey: async ({ documentString, operationName, variableValues, request }) => {
      const version = await reader.forRequest(request);
      if (version === null) return 'uncached';
      keyed.add(request);
      return responseCacheKey(version, documentId(documentString), operationName, variableValues);
    },
  });
  return { plugin, cache };
}

/** The budget from SPLINTERNET_RESPONSE_CACHE_MB, or undefined when SPLINTERNET_RESPONSE_CACHE=0 turns the cache off. */
export function responseCacheBytesFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  if (env.SPLINTERNET_RESPONSE_CACHE === '0') return undefined;
  const mb = Number(env.SPLINTERNET_RESPONSE_CACHE_MB);
  return Number.isFinite(mb) && mb > 0 ? mb * 1024 * 1024 : DEFAULT_RESPONSE_CACHE_BYTES;
}
