import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database } from '../db/database.ts';

/**
 * `/healthz`: the process is alive. `/readyz`: Neo4j answers too — what a load balancer
 * should route on. Returns false when the request is not for these routes.
 */
export async function handleHealth(req: IncomingMessage, res: ServerResponse, db: Database): Promise<boolean> {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/healthz') {
    send(res, 200, { status: 'ok' });
    return true;
  }
  if (path === '/readyz') {
    try {
      await db.ping();
      send(res, 200, { status: 'ready' });
    } catch (err) {
      send(res, 503, { status: 'unavailable', reason: (err as Error).message.split('\n')[0] });
    }
    return true;
  }
  return false;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
