import { describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { createGraphQLServer, CSRF_HEADER } from '../../server/graphql/create-yoga.ts';
import { loadOntologyFile } from '../../server/ingest/ontology.ts';
import { PROJECT_ROOT, SEED_DIR } from '../helpers/seed-fixture.ts';
import { testLiveSeed } from '../helpers/test-live-seed.ts';

// Refusals the GraphQL abuse drill (test/drills/graphql-abuse-drill.ts) checks at scale, each
// pinned down here: all are refused before any resolver runs, so no database is needed.
const noDatabase = new Proxy({}, { get: () => () => Promise.reject(new Error('the database must not be reached')) }) as unknown as Database;
const yoga = createGraphQLServer({ db: noDatabase, ontology: loadOntologyFile(`${SEED_DIR}/ontology.yaml`), production: true });
const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json', [CSRF_HEADER]: '1' };

async function send(init: RequestInit, path = '/graphql'): Promise<{ status: number; code: unknown; message: string }> {
  const res = await yoga.fetch(`http://yoga${path}`, init);
  const body = (await res.json()) as { errors: Array<{ message: string; extensions?: { code?: string } }> };
  return { status: res.status, code: body.errors[0]?.extensions?.code, message: body.errors[0]?.message ?? '' };
}
const post = (query: string, variables?: Record<string, unknown>) =>
  send({ method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ query, variables }) });

describe('abusive requests get stable codes', () => {
  it('repeated fields are refused before graphql-js compares them pairwise', async () => {
    expect(await post(`{ stats { ${'entities '.repeat(1500)}} }`)).toEqual({
      status: 200,
      code: 'QUERY_TOO_COMPLEX',
      message: 'Query is too complex: "entities" is selected 1500 times in one selection set (at most 20).',
    });
    expect((await post(`{ ${'...F '.repeat(50)}} fragment F on Query { stats { entities } }`)).code).toBe('QUERY_TOO_COMPLEX');
  });

  it('introspection cycles are too complex', async () => {
    const levels = 15;
    expect((await post(`{ __schema { types { ${'fields { type { ofType { '.repeat(levels)}name${' } } }'.repeat(levels)} } } }`)).code).toBe(
      'QUERY_TOO_COMPLEX',
    );
  });

  it('over-long ids and filter lists are bad input', async () => {
    expect(await post('query($id: ID!) { entity(id: $id) { id } }', { id: 'h'.repeat(101) })).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'id: ids are at most 100 characters, got 101',
    });
    expect(
      await post('query($t: [String!]) { neighbourhood(ids: ["huawei"], relationTypes: $t) { truncated } }', {
        t: Array.from({ length: 51 }, () => 'EXCLUDES'),
      }),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'relationTypes: give at most 50 names, got 51',
    });
  });

  it('a huge first is bad input, not "too complex": the cost estimate clamps it to what resolvers accept', async () => {
    expect(await post('{ entities(first: 2147483647) { totalCount } }')).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'first: must be between 1 and 500, got 2147483647',
    });
  });

  it('a huge nested first is bad input before the planner turns it into a LIMIT', async () => {
    expect(await post('{ entity(id: "huawei") { relations(first: 2147483647) { totalCount } } }')).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'first: must be between 1 and 500, got 2147483647',
    });
    expect(await post('{ entity(id: "huawei") { ... on Company { owners(first: -1) { id } } } }')).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('variables too large for any argument are refused before graphql-js coerces them', async () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `id-${i}`);
    expect(await post('query($ids: [ID!]!) { neighbourhood(ids: $ids) { truncated } }', { ids })).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'variables.ids (100000 items) is too large for any argument of this API (lists up to 1000 items, strings up to 10000 characters).',
    });
    expect((await post('query($t: String!) { search(text: $t) { score } }', { t: 'x'.repeat(2_000_000) })).code).toBe('BAD_USER_INPUT');
  });

  it('variables of the wrong type are bad input', async () => {
    expect((await post('query($d: Direction) { neighbourhood(ids: ["huawei"], direction: $d) { truncated } }', { d: 'SIDEWAYS' })).code).toBe('BAD_USER_INPUT');
    expect((await post('query($t: String!) { search(text: $t) { score } }', { t: 5 })).code).toBe('BAD_USER_INPUT');
  });

  it('a malformed cursor in a nested connection is bad input', async () => {
    expect(await post('{ entity(id: "huawei") { relations(after: "nope") { totalCount } } }')).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('mutations: an unknown field is a validation failure over POST, 405 over GET', async () => {
    expect((await post('mutation { x }')).code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await send({ headers: { [CSRF_HEADER]: '1' } }, `/graphql?query=${encodeURIComponent('mutation { x }')}`)).toMatchObject({
      status: 405,
      code: 'BAD_REQUEST',
    });
  });

  it('a write to a production server that listens beyond loopback, without the token, is FORBIDDEN', async () => {
    const saved = process.env.SPLINTERNET_EDIT_TOKEN;
    delete process.env.SPLINTERNET_EDIT_TOKEN;
    try {
      // A real (minimal) live seed over the project's seed/: the refusal comes before it is used.
      const live = testLiveSeed(noDatabase, SEED_DIR, PROJECT_ROOT);
      const open = createGraphQLServer({ db: noDatabase, ontology: live.ontology(), live, listenHost: '0.0.0.0', production: true });
      const res = await open.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: JSON_HEADERS,
        body: JSON.stringify({ query: 'mutation { retractRelation(id: "clean-network|EXCLUDES|huawei") { applied } }' }),
      });
      expect(await res.json()).toEqual({
        data: null,
        errors: [
          {
            message: 'Writes are refused: the server listens on 0.0.0.0, not loopback only, and no SPLINTERNET_EDIT_TOKEN is set.',
            locations: [{ line: 1, column: 12 }],
            path: ['retractRelation'],
            extensions: { code: 'FORBIDDEN' },
          },
        ],
      });
    } finally {
      if (saved !== undefined) process.env.SPLINTERNET_EDIT_TOKEN = saved;
    }
  });

  it('a cross-site request is FORBIDDEN and told what to send', async () => {
    expect(await send({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ stats { entities } }"}' })).toEqual({
      status: 403,
      code: 'FORBIDDEN',
      message: `Cross-site request refused: send the header ${CSRF_HEADER} (any value) or a JSON content type.`,
    });
  });
});
