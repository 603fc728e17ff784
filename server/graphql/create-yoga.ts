import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';
import type { Ontology } from '../ingest/ontology.ts';
import type { LiveSeed } from '../live/live-seed.ts';
import { createApiLogger, createServerLogger } from './api-logger.ts';
import { createContext, type ApiContext } from './context.ts';
import { CSRF_HEADER } from './csrf-header.ts';
import { createSchema } from './create-schema.ts';
import { useErrorCodes } from './error-codes.ts';
import { EXAMPLE_OPERATIONS } from './example-operations.ts';
import { graphiqlWithPolicy } from './graphiql-policy.ts';
import { createGraphVersionReader, type GraphVersionReader } from './graph-version-reader.ts';
import { httpCachingFromEnv, useHttpCaching } from './http-caching.ts';
import { loadPersistedDocuments, type PersistedDocuments } from './persisted-documents.ts';
import { useCsrfPreventionExceptPersistedReads, usePersistedReads } from './persisted-reads.ts';
import { useRequestLog } from './request-log.ts';
import { responseCacheBytesFromEnv, useGraphResponseCache, type GraphResponseCache } from './response-caching.ts';
import { maskError } from './mask-error.ts';
import { useQueryCost } from './query-cost.ts';
import { useRepeatedSelectionLimit } from './repeated-selections.ts';
import { useVariableLimits } from './variable-limits.ts';

export interface YogaOptions {
  db: Database;
  /** The ontology the API serves; ignored when `live` is given (its current ontology is used). */
  ontology: Ontology;
  /** The live seed sync: seedStatus, seedEvents, the write API and a reloadable ontology. */
  live?: LiveSeed | undefined;
  /** The address the HTTP server listens on; writes are open without a token only on loopback. @default '127.0.0.1' */
  listenHost?: string | undefined;
  /** Production hides limits, field suggestions and GraphiQL. @default NODE_ENV === 'production' */
  production?: boolean;
  /** The response cache's budget in bytes, or 0 for none. @default from SPLINTERNET_RESPONSE_CACHE(_MB): 64 MB */
  responseCacheBytes?: number | undefined;
  /** The log (JSON lines). @default createServerLogger() */
  logger?: Logger | undefined;
  /** The trusted documents. @default loadPersistedDocuments() (the client's operations) */
  documents?: Promise<PersistedDocuments> | undefined;
}

/** What createGraphQLServer made besides the handler, for tests and benchmarks. */
export interface GraphQLServerParts {
  versionReader: GraphVersionReader;
  responseCache: GraphResponseCache | undefined;
  documents: Promise<PersistedDocuments>;
}

/** The parts behind each server createGraphQLServer made. */
export const serverParts = new WeakMap<object, GraphQLServerParts>();

export { CSRF_HEADER };

/** The largest request body accepted, in bytes. */
export const MAX_REQUEST_BODY_BYTES = 4_000_000;

/** The GraphQL endpoint at /graphql: read-only, hardened, errors masked with stable codes. */
export function createGraphQLServer({
  db,
  ontology,
  live,
  listenHost = '127.0.0.1',
  production = process.env.NODE_ENV === 'production',
  responseCacheBytes = responseCacheBytesFromEnv() ?? 0,
  logger = createServerLogger({ production }),
  documents,
}: YogaOptions): YogaServerInstance<Record<string, unknown>, ApiContext> {
  const graphiql = graphiqlWithPolicy();
  // A client operation the server cannot load is said once, at start, not per request.
  documents ??= loadPersistedDocuments(undefined, (message) => logger.error(message));
  const versionReader = createGraphVersionReader(db);
  // This process's own syncs are known before Neo4j is asked (other processes': through Neo4j).
  // Read from the live seed's status on each request rather than by subscribing to its
  // events, which would count as an open explorer.
  if (live) versionReader.follow(() => live.status());
  const responseCache = responseCacheBytes > 0 ? useGraphResponseCache(versionReader, responseCacheBytes) : undefined;
  const yoga = createYoga<Record<string, unknown>, ApiContext>({
    schema: createSchema(),
    graphqlEndpoint: '/graphql',
    context: ({ request }) => createContext({ db, ontology: live ? live.ontology() : ontology, live, listenHost, request }),
    batching: false,
    // No valid request comes near this (2 000 tokens, lists of ≤ 1 000 ids); yoga's default of
    // 25 MB let one request buffer that much before any check ran. Over it: 413.
    maxRequestBodySize: MAX_REQUEST_BODY_BYTES,
    maskedErrors: { maskError },
    // GraphiQL is bundled (render-graphiql), not fetched from a CDN: it works offline.
    graphiql: production ? false : { title: 'splinternet GraphQL', defaultQuery: EXAMPLE_OPERATIONS, headers: JSON.stringify({ [CSRF_HEADER]: '1' }) },
    renderGraphiQL: graphiql.renderGraphiQL,
    landingPage: false,
    logging: createApiLogger(logger),
    plugins: [
      useRequestLog(logger, versionReader, responseCache !== undefined),
      useHttpCaching({ reader: versionReader, documents, ...httpCachingFromEnv() }),
      useVariableLimits(),
      useRepeatedSelectionLimit(),
      EnvelopArmorPlugin({
        // The API's shape (connection → edges → node → to → …) is deep by design: 4 hops ≈ 17 levels.
        maxDepth: { n: 24, exposeLimits: !production },
        maxAliases: { n: 15, exposeLimits: !production },
        maxTokens: { n: 2000, exposeLimits: !production },
        maxDirectives: { n: 20, exposeLimits: !production },
        // Armor's cost estimate grows with depth, not with `first`; ours (query-cost.ts) does the opposite.
        costLimit: { enabled: false },
        blockFieldSuggestion: { enabled: production },
      }),
      useErrorCodes(),
      useQueryCost({ exposeLimits: !production }),
      useCsrfPreventionExceptPersistedReads(),
      // Before the response cache: its key needs the document the id names.
      usePersistedReads(documents),
      ...(responseCache ? [responseCache.plugin] : []),
      graphiql.plugin,
    ] as Plugin[],
  });
  serverParts.set(yoga, { versionReader, responseCache, documents });
  return yoga;
}
