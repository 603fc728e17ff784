import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database.ts';
import { CSRF_HEADER } from '../../server/graphql/create-yoga.ts';
import { apiClient, loadRealDataset } from '../helpers/api-harness.ts';
import { openTestDatabase } from '../helpers/test-database.ts';

const db = openTestDatabase();
let api: ReturnType<typeof apiClient>;
let prod: ReturnType<typeof apiClient>;
let ontology: Awaited<ReturnType<typeof loadRealDataset>>['ontology'];
beforeAll(async () => {
  ({ ontology } = await loadRealDataset(db));
  api = apiClient(db, ontology);
  prod = apiClient(db, ontology, true);
});
afterAll(() => db.close());

describe('bad requests get GraphQL errors with stable codes and paths', () => {
  const cases: Array<[string, string, string, Array<string | number> | undefined, RegExp]> = [
    [
      'unknown kind',
      '{ entities(kinds: ["Compny"]) { totalCount } }',
      'BAD_USER_INPUT',
      ['entities'],
      /^kinds: unknown kind "Compny" \(did you mean "Company"\?\)$/,
    ],
    [
      'unknown relation type',
      '{ entity(id: "us") { relations(types: ["EXCLUDE"]) { totalCount } } }',
      'BAD_USER_INPUT',
      ['entity', 'relations'],
      /^types: unknown relation type "EXCLUDE" \(did you mean "EXCLUDES"\?\)$/,
    ],
    [
      'depth out of range',
      '{ neighbourhood(ids: ["us"], depth: 4) { truncated } }',
      'BAD_USER_INPUT',
      ['neighbourhood'],
      /^depth: must be between 1 and 3, got 4$/,
    ],
    ['first too large', '{ entities(first: 100000) { totalCount } }', 'BAD_USER_INPUT', ['entities'], /^first: must be between 1 and 500/],
    ['malformed cursor', '{ entities(after: "bm9wZQ") { totalCount } }', 'BAD_USER_INPUT', ['entities'], /^after: malformed cursor/],
    [
      'malformed date',
      '{ neighbourhood(ids: ["us"], asOf: "2021-13-01") { truncated } }',
      'BAD_USER_INPUT',
      ['neighbourhood'],
      /^asOf: malformed date "2021-13-01": month 13 does not exist$/,
    ],
    ['too many hops', '{ paths(from: "us", to: "china", maxHops: 9) { length } }', 'BAD_USER_INPUT', ['paths'], /^maxHops: must be between 1 and 6, got 9$/],
    ['empty search', '{ search(text: "   ") { score } }', 'BAD_USER_INPUT', ['search'], /^text: give 1 to 200 characters$/],
    ['unknown path end', '{ paths(from: "tiktok", to: "atlantis") { length } }', 'NOT_FOUND', ['paths'], /^entity "atlantis" was not found$/],
    [
      'unknown neighbourhood seed',
      '{ neighbourhood(ids: ["us", "atlantis"]) { truncated } }',
      'NOT_FOUND',
      ['neighbourhood'],
      /^entity "atlantis" was not found$/,
    ],
    [
      'too many aliases',
      `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: stats { entities }`).join(' ')} }`,
      'QUERY_TOO_COMPLEX',
      undefined,
      /^Syntax Error: Aliases limit of 15 exceeded, found 20\.$/,
    ],
    [
      'too deep',
      `{ entity(id: "us") { ${'relations { nodes { to { '.repeat(8)}id${' } } }'.repeat(8)} } }`,
      'QUERY_TOO_COMPLEX',
      undefined,
      /^Syntax Error: Query depth limit of 24 exceeded/,
    ],
    [
      'too costly',
      '{ entities(first: 500) { nodes { relations(first: 500) { nodes { to { relations(first: 500) { totalCount } } } } } } }',
      'QUERY_TOO_COMPLEX',
      undefined,
      /^Query is too complex: cost \d+ exceeds 500000\.$/,
    ],
    [
      'too many directives',
      `{ stats @skip(if: false) ${'@include(if: true) '.repeat(25)} { entities } }`,
      'QUERY_TOO_COMPLEX',
      undefined,
      /^Syntax Error: Directives limit of 20 exceeded/,
    ],
  ];
  it.each(cases)('%s', async (_name, query, code, path, message) => {
    const r = await api.query(query);
    expect(r.errors).toHaveLength(1);
    expect(r.errors![0]!.extensions?.code).toBe(code);
    expect(r.errors![0]!.path).toEqual(path);
    expect(r.errors![0]!.message).toMatch(message);
  });

  it('too many tokens is refused before parsing finishes', async () => {
    const r = await api.query(`{ stats { ${'entities '.repeat(2100)} } }`);
    expect(r.errors?.[0]?.message).toMatch(/^Syntax Error: Token limit of 2000 exceeded\.$/);
  });

  it('production hides limits and field suggestions', async () => {
    const r = await prod.query(`{ ${Array.from({ length: 20 }, (_, i) => `a${i}: stats { entities }`).join(' ')} }`);
    expect(r.errors?.[0]).toMatchObject({ message: 'Syntax Error: Query validation error.', extensions: { code: 'QUERY_TOO_COMPLEX' } });
    const typo = await prod.query('{ stats { entitie } }');
    expect(typo.errors?.[0]?.message).toBe('Cannot query field "entitie" on type "Stats". [Suggestion hidden]');
    const dev = await api.query('{ stats { entitie } }');
    expect(dev.errors?.[0]?.message).toBe('Cannot query field "entitie" on type "Stats". Did you mean "entities"?');
  });

  it('unknown entity is null, not an error', async () => {
    const r = await api.query('{ entity(id: "atlantis") { id } }');
    expect(r).toEqual({ data: { entity: null } });
  });
});

describe('transport hardening', () => {
  const post = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json', [CSRF_HEADER]: '1' }) =>
    api.yoga.fetch('http://yoga/graphql', { method: 'POST', headers, body: JSON.stringify(body) });

  it('refuses a cross-site request without the CSRF header', async () => {
    const res = await api.yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query={stats{entities}}',
    });
    expect(res.status).toBe(403);
  });

  it('does not batch', async () => {
    const res = await post([{ query: '{ stats { entities } }' }, { query: '{ stats { relations } }' }]);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Array<{ message: string }> };
    expect(body.errors[0]!.message).toMatch(/Batching is not supported/);
  });

  it('mutations: refused over GET (405); an unknown mutation field is a validation failure', async () => {
    const res = await api.yoga.fetch(`http://yoga/graphql?query=${encodeURIComponent('mutation { x }')}`, { headers: { [CSRF_HEADER]: '1' } });
    expect(res.status).toBe(405);
    expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('BAD_REQUEST');
    const r = await api.query('mutation { x }');
    expect(r.errors?.[0]).toMatchObject({ message: 'Cannot query field "x" on type "Mutation".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it('a write to a server without a seed folder is FORBIDDEN and says why', async () => {
    const r = await api.query('mutation { removeEntity(id: "huawei") { applied } }');
    expect(r).toMatchObject({
      data: null,
      errors: [{ message: 'Writes are refused: this server has no seed folder to edit.', extensions: { code: 'FORBIDDEN' } }],
    });
  });

  it('serves GraphiQL (bundled, with the examples) in development only', async () => {
    const page = async (c: typeof api) => (await c.yoga.fetch('http://yoga/graphql', { headers: { accept: 'text/html' } })).text();
    const dev = await page(api);
    expect(dev).toContain('splinternet GraphQL');
    expect(dev).toContain('CleanNetworkExcludes');
    expect(dev).not.toContain('unpkg.com');
    expect(await page(prod)).not.toContain('splinternet GraphQL');
  });

  it('answers queries over GET with the CSRF header', async () => {
    const res = await api.yoga.fetch(`http://yoga/graphql?query=${encodeURIComponent('{ stats { entities } }')}`, {
      headers: { [CSRF_HEADER]: '1', accept: 'application/json' },
    });
    expect(res.status).toBe(200);
  });
});

describe('when Neo4j is unreachable', () => {
  it('answers DATABASE_UNAVAILABLE with the path, and masks nothing else', async () => {
    const dead = openDatabase({ uri: 'bolt://127.0.0.1:1', username: 'neo4j', password: 'x' });
    try {
      const down = apiClient(dead, ontology);
      const r = await down.query('{ entity(id: "us") { name } }');
      expect(r.errors).toHaveLength(1);
      expect(r.errors![0]).toMatchObject({
        message: 'The graph database is unavailable; try again shortly.',
        path: ['entity'],
        extensions: { code: 'DATABASE_UNAVAILABLE' },
      });
      // ontology needs no database and still answers
      const o = await down.query('{ ontology { kinds { name } } }');
      expect(o.errors).toBeUndefined();
    } finally {
      await dead.close();
    }
  }, 30_000);
});
