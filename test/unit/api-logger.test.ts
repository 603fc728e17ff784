import { GraphQLError } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DatabaseFailure } from '../../server/db/database-errors.ts';
import type { Database } from '../../server/db/database.ts';
import { createApiLogger } from '../../server/graphql/api-logger.ts';
import { createGraphQLServer, CSRF_HEADER } from '../../server/graphql/create-yoga.ts';
import { loadOntologyFile } from '../../server/ingest/ontology.ts';
import { SEED_DIR } from '../helpers/seed-fixture.ts';

const outage = () =>
  new GraphQLError('boom', { originalError: new DatabaseFailure('UNAVAILABLE', 'Neo4j is unavailable (checking again shortly)', undefined) });

afterEach(() => vi.restoreAllMocks());

describe('the API logger', () => {
  it('reports an outage at most every 10 s, with how many answers it turned into DATABASE_UNAVAILABLE', () => {
    let t = 0;
    const lines: string[] = [];
    const logger = createApiLogger(
      'warn',
      () => t,
      (l) => lines.push(l),
    );
    for (let i = 0; i < 5; i++, t += 100) logger.error(outage());
    expect(lines).toEqual(['graphql: Neo4j unavailable, 1 answer DATABASE_UNAVAILABLE since the last report: Neo4j is unavailable (checking again shortly)']);
    t = 10_000;
    logger.error(outage());
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^graphql: Neo4j unavailable, 5 answers DATABASE_UNAVAILABLE since the last report/);
  });

  it('logs any other error as yoga does, with its stack', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const lines: string[] = [];
    const err = new GraphQLError('bad', { originalError: new TypeError('undefined is not a function') });
    createApiLogger('warn', Date.now, (l) => lines.push(l)).error(err);
    expect(lines).toEqual([]);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]).toContain(err);
  });

  it('is what the GraphQL server logs with: 20 answers during an outage, one line', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const down = { read: () => Promise.reject(new DatabaseFailure('UNAVAILABLE', 'Neo4j is unavailable', undefined)) } as unknown as Database;
    const yoga = createGraphQLServer({ db: down, ontology: loadOntologyFile(`${SEED_DIR}/ontology.yaml`), production: true });
    const codes: unknown[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
        body: JSON.stringify({ query: '{ entity(id: "huawei") { id } }' }),
      });
      codes.push(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code);
    }
    expect(new Set(codes)).toEqual(new Set(['DATABASE_UNAVAILABLE']));
    expect(spy).toHaveBeenCalledTimes(1);
    expect(String(spy.mock.calls[0]?.[0])).toMatch(/^graphql: Neo4j unavailable, 1 answer DATABASE_UNAVAILABLE/);
  });
});
