import { createServer, type Server } from 'node:http';
import type { Database } from '../db/database.ts';
import { createGraphQLServer } from '../graphql/create-yoga.ts';
import type { Ontology } from '../ingest/ontology.ts';
import type { LiveSeed } from '../live/live-seed.ts';
import { handleHealth } from './health-routes.ts';
import { serveStatic } from './serve-static.ts';

export interface HttpServerOptions {
  db: Database;
  ontology: Ontology;
  /** The live seed sync (npm start): seedStatus, seedEvents, writes, a reloadable ontology. */
  live?: LiveSeed | undefined;
  /** Where the server listens; writes need a token unless this is loopback. @default '127.0.0.1' */
  listenHost?: string | undefined;
  /** Built client to serve at `/`, if any. */
  clientDir?: string | undefined;
}

/** The HTTP entry point: health routes, GraphQL at /graphql, the client at /. */
export function createHttpServer({ db, ontology, live, listenHost, clientDir }: HttpServerOptions): Server {
  const yoga = createGraphQLServer({ db, ontology, live, listenHost });
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
