import { createServer, type Server } from 'node:http';
import type { Database } from '../db/database.ts';
import { createGraphQLServer } from '../graphql/create-yoga.ts';
import type { Ontology } from '../ingest/ontology.ts';
import { handleHealth } from './health-routes.ts';
import { serveStatic } from './serve-static.ts';

export interface HttpServerOptions {
  db: Database;
  ontology: Ontology;
  /** Built client to serve at `/`, if any. */
  clientDir?: string | undefined;
}

/** The HTTP entry point: health routes, GraphQL at /graphql, the client at /. */
export function createHttpServer({ db, ontology, clientDir }: HttpServerOptions): Server {
  const yoga = createGraphQLServer({ db, ontology });
  return createServer((req, res) => {
    void (async () => {
      try {
        if (await handleHealth(req, res, db)) return;
        if ((req.url ?? '').startsWith('/graphql')) {
          await yoga(req, res);
          return;
        }
        if (clientDir && (await serveStatic(req, res, clientDir))) return;
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found\n');
      } catch (err) {
        // A handler bug must never take the process down.
        console.error('http: unhandled error', err);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('internal error\n');
      }
    })();
  });
}
