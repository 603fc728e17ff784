import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from './api-errors.ts';
import { CSRF_HEADER } from './csrf-header.ts';
import type { PersistedDocuments } from './persisted-documents.ts';

/** extensions.persistedQuery.sha256Hash from a GET's `extensions` parameter, if well formed. */
export function persistedIdOf(extensions: string | null): string | undefined {
  if (!extensions) return undefined;
  try {
    const pq = (JSON.parse(extensions) as { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } | null)?.persistedQuery;
    return pq?.version === 1 && typeof pq.sha256Hash === 'string' && /^[0-9a-f]{64}$/.test(pq.sha256Hash) ? pq.sha256Hash : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The client's operations sent by id (persisted-documents.ts), beside arbitrary documents for
 * GraphiQL and other programs. An id the server does not know is PERSISTED_QUERY_NOT_FOUND —
 * a client built from other sources than the server's; it may resend with the text.
 */
export function usePersistedReads(documents: Promise<PersistedDocuments>): Plugin {
  return usePersistedOperations({
    allowArbitraryOperations: true,
    getPersistedOperation: async (id) => (await documents).get(id)?.text ?? null,
    customErrors: {
      notFound: {
        message: 'Unknown persisted operation: this server does not know the document of that sha256Hash; send the query text instead.',
        extensions: { code: ErrorCode.PERSISTED_QUERY_NOT_FOUND, http: { status: 200 } },
      },
    },
  });
}

/**
 * yoga's CSRF prevention (requests a browser could send cross-site must carry CSRF_HEADER),
 * except for a persisted read over GET: it names a document the server trusts, GET cannot
 * carry a mutation (yoga refuses one with 405), so it can change nothing — and a CDN or a
 * plain link can then fetch it without custom headers.
 */
export function useCsrfPreventionExceptPersistedReads(): Plugin {
  const csrf = useCSRFPrevention({ requestHeaders: [CSRF_HEADER] });
  return {
    onRequestParse(payload) {
      const { request, url } = payload;
      if (request.method === 'GET' && !url.searchParams.has('query') && persistedIdOf(url.searchParams.get('extensions'))) return;
      return csrf.onRequestParse?.(payload);
    },
  };
}
