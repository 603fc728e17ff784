import { createServer, type Server } from 'node:http';
import type { Database } from '../db/database.ts';
import { handleHealth } from './health-routes.ts';

export interface HttpServerOptions {
  db: Database;
}

/** The HTTP entry point: health routes now; GraphQL and the client mount here too. */
export function createHttpServer({ db }: HttpServerOptions): Server {
  return createServer((req, res) => {
    void (async () => {
      try {
        if (await handleHealth(req, res, db)) return;
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
