import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as authoringOps from '../../client/src/api/authoring-operations.ts';
import * as ops from '../../client/src/api/operations.ts';
import type { Database } from '../../server/db/database.ts';
import { createBoundedResponseCache, versionOfKey } from '../../server/graphql/bounded-response-cache.ts';
import { createGraphVersionReader } from '../../server/graphql/graph-version-reader.ts';
import { loadPersistedDocuments, sha256Hex } from '../../server/graphql/persisted-documents.ts';
import { responseCacheKey } from '../../server/graphql/response-cache-key.ts';

const result = (n: number) => ({ data: { text: 'x'.repeat(n) } });

describe('the byte-bounded response store', () => {
  it('never holds more bytes than its budget, evicting the least recently used', async () => {
    const cache = createBoundedResponseCache({ maxBytes: 20_000, isCurrent: () => true, stillCurrent: async () => true });
    for (let i = 0; i < 200; i++) {
      await cache.set(responseCacheKey('aaaaaaaaaaaa', 'doc', 'Op', { i }), result(100 + (i % 7) * 300), [], Infinity);
      expect(cache.bytes()).toBeLessThanOrEqual(20_000);
    }
    expect(cache.size()).toBeGreaterThan(3);
    expect(cache.size()).toBeLessThan(200);
    // The most recent survive; the first went first.
    expect(cache.get(responseCacheKey('aaaaaaaaaaaa', 'doc', 'Op', { i: 199 }))).toBeTruthy();
    expect(cache.get(responseCacheKey('aaaaaaaaaaaa', 'doc', 'Op', { i: 0 }))).toBeUndefined();
  });

  it('keeps an entry it serves: a hit makes it the most recently used', async () => {
    const one = 2 * (JSON.stringify(result(1000)).length + responseCacheKey('aaaaaaaaaaaa', 'd', 'O', 0).length);
    const cache = createBoundedResponseCache({ maxBytes: one * 4, isCurrent: () => true, stillCurrent: async () => true });
    const key = (i: number) => responseCacheKey('aaaaaaaaaaaa', 'd', 'O', i);
    for (const i of [0, 1, 2, 3]) await cache.set(key(i), result(1000), [], Infinity);
    expect(cache.size()).toBe(4);
    expect(cache.get(key(0))).toBeTruthy();
    await cache.set(key(4), result(1000), [], Infinity);
    expect(cache.get(key(1))).toBeUndefined();
    expect(cache.get(key(0))).toBeTruthy();
  });

  it('stores nothing over a quarter of its budget, nothing whose version moved while it was made, and serves no other version', async () => {
    let current = 'aaaaaaaaaaaa';
    // stillCurrent reads the version again, as the real one does (a Neo4j round trip).
    const reread = async (v: string) => {
      await new Promise((r) => setTimeout(r, 1));
      return v === current;
    };
    const cache = createBoundedResponseCache({ maxBytes: 10_000, isCurrent: (v) => v === current, stillCurrent: reread });
    await cache.set(responseCacheKey(current, 'd', 'O', 1), result(5_000), [], Infinity);
    expect(cache.size()).toBe(0);
    const stale = responseCacheKey(current, 'd', 'O', 2);
    const storing = cache.set(stale, result(10), [], Infinity);
    current = 'bbbbbbbbbbbb';
    await storing;
    expect(cache.size()).toBe(0);
    const fresh = responseCacheKey(current, 'd', 'O', 2);
    await cache.set(fresh, result(10), [], Infinity);
    expect(cache.get(fresh)).toEqual(result(10));
    expect(versionOfKey(fresh)).toBe('bbbbbbbbbbbb');
    current = 'cccccccccccc';
    expect(cache.get(fresh)).toBeUndefined();
    expect(cache.size()).toBe(0);
    expect(cache.lookups()).toEqual({ hits: 1, misses: 1 });
  });
});

describe('the graph version reader', () => {
  it('answers N concurrent callers with one read, and a caller never gets a read that started before it asked', async () => {
    const pending: Array<(v: string) => void> = [];
    let reads = 0;
    const reader = createGraphVersionReader({} as Database, () => {
      reads += 1;
      return new Promise<string>((res) => pending.push(res));
    });
    const changes: Array<[string | null, string | null]> = [];
    reader.onChange((v, p) => changes.push([v, p]));
    const first = reader.current();
    // These ask while the first read is on its way: they must wait for the next one.
    const later = Array.from({ length: 50 }, () => reader.current());
    expect(reads).toBe(1);
    pending.shift()!('aaaaaaaaaaaa');
    expect(await first).toBe('aaaaaaaaaaaa');
    await new Promise((r) => setTimeout(r, 0));
    expect(reads).toBe(2);
    pending.shift()!('bbbbbbbbbbbb');
    expect(new Set(await Promise.all(later))).toEqual(new Set(['bbbbbbbbbbbb']));
    expect(reads).toBe(2);
    expect(changes).toEqual([['bbbbbbbbbbbb', 'aaaaaaaaaaaa']]);
    expect(reader.lastSeen()).toBe('bbbbbbbbbbbb');
  });

  it("follows the live seed's moves, but never lets its older version overrule Neo4j's (another process synced)", async () => {
    let neo4jVersion = 'aaaaaaaaaaaa';
    let live = { state: 'SYNCED', version: 'aaaaaaaaaaaa' };
    const reader = createGraphVersionReader({} as Database, async () => neo4jVersion);
    reader.follow(() => live);
    const changes: string[] = [];
    reader.onChange((v) => changes.push(String(v)));
    expect(await reader.current()).toBe('aaaaaaaaaaaa');
    neo4jVersion = 'bbbbbbbbbbbb'; // another process synced; this live seed still says aaaa…
    for (let i = 0; i < 5; i++) expect(await reader.current()).toBe('bbbbbbbbbbbb');
    expect(changes).toEqual(['bbbbbbbbbbbb']);
    // This process syncs: its live seed knows first, and the reader drops the old at once.
    live = { state: 'SYNCED', version: 'cccccccccccc' };
    neo4jVersion = 'cccccccccccc';
    await reader.current();
    expect(changes).toEqual(['bbbbbbbbbbbb', 'cccccccccccc']);
  });

  it('gives one request one version, and null (nothing cached) when Neo4j cannot be read', async () => {
    let fail = false;
    let n = 0;
    const reader = createGraphVersionReader({} as Database, async () => {
      if (fail) throw new Error('down');
      return `v${n++}`.padEnd(12, '0');
    });
    const request = new Request('http://x/');
    const a = await reader.forRequest(request);
    expect(await reader.forRequest(request)).toBe(a);
    expect(await reader.current()).not.toBe(a);
    fail = true;
    expect(await reader.current()).toBeNull();
  });
});

describe('the persisted documents', () => {
  it('are every operation of the client, by the sha256 of its text; only reads of the graph are cacheable', async () => {
    const documents = await loadPersistedDocuments();
    const exported = [...Object.values(ops), ...Object.values(authoringOps)].filter(
      (v): v is { name: string; query: string } => typeof v === 'object' && v !== null && 'query' in v && 'name' in v,
    );
    for (const op of exported) expect(documents.get(sha256Hex(op.query))?.operationName, op.name).toBe(op.name);
    const byName = new Map([...documents.values()].map((d) => [d.operationName, d]));
    expect(byName.get('Search')).toMatchObject({ operation: 'query', cacheable: true });
    expect(byName.get('AddEntity')).toMatchObject({ operation: 'mutation', cacheable: false });
    expect(byName.get('SeedStatus')?.cacheable).toBe(false);
    expect(byName.get('AuthoringInfo')?.cacheable).toBe(false);
    expect(byName.get('SeedEvents')).toMatchObject({ operation: 'subscription', cacheable: false });
  });

  it('leave out, and report, a module that does not load or an operation that does not parse', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'persisted-'));
    try {
      writeFileSync(
        join(dir, 'good-operations.ts'),
        "export const A = { name: 'A', query: 'query A { stats { entities } }' };\nexport const B = { name: 'B', query: 'query B {' };\n",
      );
      writeFileSync(join(dir, 'bad-operations.ts'), "throw new Error('boom');\n");
      const problems: string[] = [];
      const documents = await loadPersistedDocuments(dir, (m) => problems.push(m));
      expect([...documents.values()].map((d) => d.operationName)).toEqual(['A']);
      expect(problems).toHaveLength(2);
      expect(problems.join('\n')).toMatch(/bad-operations\.ts does not load: boom/);
      expect(problems.join('\n')).toMatch(/client operation B does not parse/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
