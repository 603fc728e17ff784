import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { GraphVersionReader } from './graph-version-reader.ts';

/** How the answer was made, for the log. */
export type CacheOutcome = 'hit' | 'miss' | 'revalidated' | 'off';

interface RequestRecord {
  id: string;
  started: number;
  operation: string | null;
  code: string | null;
  hit: boolean;
}

/** A request id a proxy sent, if it looks like one (never a whole header of anything). */
const FORWARDED_ID = /^[\w.:-]{1,64}$/;

/**
 * One log line per /graphql request: `reqId` (the `x-request-id` the proxy sent, or a new one,
 * echoed in the answer), `operation` (the operation's name — never its text or variables,
 * which may hold what a reader searched for), `status`, `ms`, `cache` (hit, miss, revalidated
 * for a 304, off), the graph version, and the first error's `code`.
 */
export function useRequestLog(logger: Logger, reader: GraphVersionReader | undefined, cacheOn: boolean): Plugin {
  const records = new WeakMap<Request, RequestRecord>();
  return {
    onRequest({ request }) {
      const forwarded = request.headers.get('x-request-id');
      records.set(request, {
        id: forwarded && FORWARDED_ID.test(forwarded) ? forwarded : randomUUID(),
        started: performance.now(),
        operation: null,
        code: null,
        hit: false,
      });
    },
    onParams({ request, params }) {
      const r = records.get(request);
      if (r && typeof params.operationName === 'string') r.operation = params.operationName.slice(0, 100);
    },
    onResultProcess({ request, result }) {
      const r = records.get(request);
      if (!r || Array.isArray(result) || Symbol.asyncIterator in result) return;
      r.hit = (result as Record<symbol, unknown>)[Symbol.for('servedFromResponseCache')] === true;
      const code = result.errors?.[0]?.extensions?.code;
      r.code = typeof code === 'string' ? code : result.errors?.length ? 'INTERNAL_SERVER_ERROR' : null;
    },
    onResponse({ request, response }) {
      const r = records.get(request);
      if (!r) return;
      response.headers.set('x-request-id', r.id);
      const cache: CacheOutcome = response.status === 304 ? 'revalidated' : r.hit ? 'hit' : cacheOn ? 'miss' : 'off';
      logger.info(
        {
          reqId: r.id,
          method: request.method,
          operation: r.operation,
          status: response.status,
          ms: Math.round((performance.now() - r.started) * 100) / 100,
          cache,
          version: reader?.lastSeen() ?? null,
          code: r.code,
        },
        'request',
      );
    },
  };
}
