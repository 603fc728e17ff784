import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';
import { createGraphQLServer } from '../graphql/create-yoga.ts';
import type { Ontology } from '../ingest/ontology.ts';
import type { LiveSeed } from '../live/live-seed.ts';
import { handleHealth } from './health-routes.ts';
import { API_CSP, CLIENT_CSP, setSecurityHeaders } from './security-headers.ts';
import { createClientHandler } from './serve-client.ts';

export interface HttpServerOptions {
  db: Database;
  ontology: Ontology;
  /** The live seed sync (npm start): seedStatus, seedEvents, writes, a reloadable ontology. */
  live?: LiveSeed | undefined;
  /** Where the server listens; writes need a token unless this is loopback. @default '127.0.0.1' */
  listenHost?: string | undefined;
  /** Built client to serve at `/`, if any. */
  clientDir?: string | undefined;
  /** The server's log (JSON lines). @default createServerLogger() */
  logger?: Logger | undefined;
}

/**
 * The HTTP entry point: health routes, GraphQL at /graphql, the client at /. A path that is not
 * valid percent-encoding is a 400 before any route sees it; every answer carries the security
 * headers (security-headers.ts; GraphiQL's page sets its own CSP, see graphiql-policy.ts).
 */
export function createHttpServer({ db, ontology, live, listenHost, clientDir, logger }: HttpServerOptions): Server {
  const yoga = createGraphQLServer({ db, ontology, live, listenHost, logger });
  const client = clientDir ? createClientHandler(clientDir) : undefined;
  return createServer((req, res) => {
    void (async () => {
      try {
        const path = pathOf(req.url);
        if (path === undefined) {
          setSecurityHeaders(res, API_CSP);
          res.writeHead(400, { 'content-type': 'text/plain' });
          res.end('bad request: the path is not valid percent-encoding\n');
          return;
        }
        const api = path === '/graphql' || path.startsWith('/graphql/') || path === '/healthz' || path === '/readyz';
        setSecurityHeaders(res, api ? API_CSP : CLIENT_CSP);
        if (await handleHealth(req, res, db)) return;
        if (path === '/graphql' || path.startsWith('/graphql/')) {
          await yoga(req, res);
          return;
        }
        if (client && req.method !== 'GET' && req.method !== 'HEAD') {
          res.writeHead(405, { 'content-type': 'text/plain', allow: 'GET, HEAD' });
          res.end('method not allowed\n');
          return;
        }
        if (client?.(req, res)) return;
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found\n');
      } catch (err) {
        // A handler bug must never take the process down.
        (logger?.error.bind(logger) ?? console.error)({ err }, 'http: unhandled error');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('internal error\n');
      }
    })();
  });
}

/** The request's path, or undefined when it is not valid percent-encoding (`/%E0%A4%A`). */
function pathOf(url: string | undefined): string | undefined {
  let path: string;
  try {
    path = new URL(url ?? '/', 'http://splinternet').pathname;
  } catch {
    return undefined;
  }
  try {
    decodeURIComponent(path);
  } catch {
    return undefined;
  }
  return path;
}
