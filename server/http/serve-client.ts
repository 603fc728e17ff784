import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import sirv from 'sirv';

/** A year: Vite names every file under assets/ by its content hash, so it never changes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built client with sirv: hashed files under `assets/` cached for good (a missing
 * one is a 404, never index.html), everything else — index.html above all — revalidated on
 * each load (ETag, 304), and any other path without a file extension answered with index.html,
 * since the client routes by URL. HEAD answers without a body. Returns false when nothing
 * matched, so the caller answers 404.
 *
 * sirv looks the file up per request (its `dev` mode), not in a list made at start-up: a
 * rebuild of client/dist while the server runs would otherwise be served with the old files'
 * lengths, or not at all. Either way it never leaves the folder (`..` is resolved and checked
 * against it); dot-files are refused here, since that mode would serve them.
 */
export function createClientHandler(dir: string): (req: IncomingMessage, res: ServerResponse) => boolean {
  const pages = sirv(dir, {
    dev: true,
    etag: true,
    single: true,
    setHeaders: (res) => res.setHeader('cache-control', 'no-cache'),
  });
  const assets = sirv(dir, { dev: true, etag: true, setHeaders: (res) => res.setHeader('cache-control', IMMUTABLE) });
  return (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://client').pathname);
    if (/(^|[/\\])\./.test(path)) return false;
    // sirv pipes a file stream into the answer without listening for its errors: a file deleted
    // between its lookup and its read (a rebuild) would throw from the stream and end the process.
    res.once('pipe', (source: Readable) => source.once('error', () => res.destroy()));
    let handled = true;
    // sirv answers synchronously, or calls next() at once when nothing matched.
    (path.startsWith('/assets/') ? assets : pages)(req, res, () => {
      handled = false;
    });
    return handled;
  };
}
