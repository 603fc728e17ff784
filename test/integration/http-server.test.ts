/**
 * The HTTP server over a real Neo4j: the built client served by sirv (SPA fallback, caching,
 * HEAD, no escape from the folder), a malformed path refused with 400, and the security
 * headers on the page, on /graphql and on GraphiQL's page.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import type { Readable } from 'node:stream';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { CSRF_HEADER } from '../../server/graphql/create-yoga.ts';
import { createHttpServer } from '../../server/http/create-http-server.ts';
import { createClientHandler } from '../../server/http/serve-client.ts';
import { API_CSP, CLIENT_CSP, CYTOSCAPE_STYLESHEET } from '../../server/http/security-headers.ts';
import { loadOntologyFile } from '../../server/ingest/ontology.ts';
import { SEED_DIR } from '../helpers/seed-fixture.ts';
import { openTestDatabase } from '../helpers/test-database.ts';

const INDEX = '<!doctype html><title>splinternet</title><div id="app"></div>';
const ASSET = 'export const answer = 42;';
let db: Database;
let server: Server;
let base: string;
let folder: string;
let dist: string;

beforeAll(async () => {
  db = openTestDatabase();
  // <folder>/secret.txt next to the served <folder>/dist: what an escape would reach.
  folder = mkdtempSync(join(tmpdir(), 'splinternet-http-'));
  dist = join(folder, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(folder, 'secret.txt'), 'SECRET');
  writeFileSync(join(dist, '.env'), 'SECRET');
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'assets', 'index-AbC123.js'), ASSET);
  server = createHttpServer({ db, ontology: loadOntologyFile(join(SEED_DIR, 'ontology.yaml')), clientDir: dist });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await db?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** A request with the path sent exactly as written (fetch would normalise `..` and escapes). */
function raw(path: string, method = 'GET'): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    let text = '';
    socket.on('data', (d) => (text += d.toString('utf8')));
    socket.on('end', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), head, body });
    });
    socket.on('error', reject);
    // HTTP/1.0: the answer comes unchunked, and the connection closes after it.
    socket.write(`${method} ${path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n`);
  });
}

describe('the HTTP server', () => {
  it('refuses a malformed path with 400, on every route, and keeps answering', async () => {
    for (const path of ['/%E0%A4%A', '/%', '/assets/%ZZ.js', '/graphql%E0%A4%A', '/explore/%C0']) {
      const res = await raw(path);
      expect(res.status, path).toBe(400);
      expect(res.body).toBe('bad request: the path is not valid percent-encoding\n');
      expect(res.head.toLowerCase()).toContain(`content-security-policy: ${API_CSP.toLowerCase()}`);
    }
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('serves index.html revalidated on each load, with the page CSP and the security headers', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(INDEX);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toBe(CLIENT_CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const etag = res.headers.get('etag');
    expect(etag).toBeTruthy();
    expect((await fetch(`${base}/`, { headers: { 'if-none-match': etag! } })).status).toBe(304);
  });

  it('the page CSP: own origin only, no inline script, framing refused, and Cytoscape’s one stylesheet by its hash', () => {
    const directives = new Map(CLIENT_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'self'"]);
    expect(directives.get('form-action')).toEqual(["'self'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(directives.get('style-src')).toEqual(["'self'", `'sha256-${createHash('sha256').update(CYTOSCAPE_STYLESHEET).digest('base64')}'`]);
    expect(CLIENT_CSP).not.toContain('unsafe');
  });

  it('answers unknown paths with index.html (the client routes by URL), but a missing file with 404', async () => {
    for (const path of ['/explore/huawei', '/a/b/c?x=1', '/assets']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toBe(INDEX);
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
    for (const path of ['/assets/missing-123.js', '/assets/missing', '/favicon.png', '/robots.txt']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toBe('not found\n');
    }
  });

  it('serves hashed assets with immutable caching and their type', async () => {
    const res = await fetch(`${base}/assets/index-AbC123.js`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(ASSET);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers HEAD without a body, and other methods on the client with 405', async () => {
    const head = await raw('/', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.head.toLowerCase()).toContain(`content-length: ${INDEX.length}`);
    expect(head.body).toBe('');
    const post = await fetch(`${base}/`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('never serves a file outside its folder, nor a dot-file', async () => {
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/.env',
      '/%2eenv',
    ]) {
      const res = await raw(path);
      expect(res.body, path).not.toContain('SECRET');
      expect([200, 400, 404], path).toContain(res.status);
    }
  });

  it('a rebuild while serving: a deleted file is a 404, a new one is served without a restart', async () => {
    const file = join(dist, 'assets', 'gone-1.js');
    writeFileSync(file, ASSET);
    expect((await fetch(`${base}/assets/gone-1.js`)).status).toBe(200);
    unlinkSync(file);
    expect((await fetch(`${base}/assets/gone-1.js`)).status).toBe(404);
    writeFileSync(join(dist, 'assets', 'index-New456.js'), ASSET);
    expect((await fetch(`${base}/assets/index-New456.js`)).status).toBe(200);
  });

  it('a file that fails while it is read ends that answer, not the process', async () => {
    const client = createClientHandler(dist);
    // The read fails after sirv has begun the answer, as when a rebuild deletes the file in between.
    const failing = createServer((req, res) => {
      res.once('pipe', (source: Readable) => source.destroy(new Error('EIO: simulated read error')));
      if (!client(req, res)) res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(failing.address() as { port: number }).port}/assets/index-AbC123.js`;
      await expect(fetch(url).then((r) => r.text())).rejects.toThrow();
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      await new Promise((resolve) => failing.close(resolve));
    }
  });

  it('/graphql and the health routes carry the strict API policy', async () => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
      body: JSON.stringify({ query: '{ ontology { kinds { name } } }' }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { ontology: { kinds: unknown[] } } }).data.ontology.kinds.length).toBeGreaterThan(0);
    expect(res.headers.get('content-security-policy')).toBe(API_CSP);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    for (const path of ['/healthz', '/readyz']) {
      const health = await fetch(`${base}${path}`);
      expect(health.status, path).toBe(200);
      expect(health.headers.get('content-security-policy')).toBe(API_CSP);
    }
  });

  it('GraphiQL’s page gets its own CSP: its one inline script allowed by its exact hash, not by unsafe-inline', async () => {
    const res = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    const csp = res.headers.get('content-security-policy')!;
    const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src '));
    expect(scriptSrc).toBe(`script-src 'self' 'sha256-${createHash('sha256').update(scripts[0]!).digest('base64')}'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});
