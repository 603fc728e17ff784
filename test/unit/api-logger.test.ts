import { GraphQLError } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DatabaseFailure } from '../../server/db/database-errors.ts';
import type { Database } from '../../server/db/database.ts';
import { createApiLogger, createServerLogger } from '../../server/graphql/api-logger.ts';
import { createGraphQLServer, CSRF_HEADER } from '../../server/graphql/create-yoga.ts';
import { loadOntologyFile } from '../../server/ingest/ontology.ts';
import { SEED_DIR } from '../helpers/seed-fixture.ts';

const outage = () =>
  new GraphQLError('boom', { originalError: new DatabaseFailure('UNAVAILABLE', 'Neo4j is unavailable (checking again shortly)', undefined) });

afterEach(() => vi.restoreAllMocks());

/** A pino logger whose JSON lines land in `lines`, parsed. */
function collectingLogger(level = 'info') {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createServerLogger({ level, destination: { write: (l: string) => void lines.push(JSON.parse(l) as Record<string, unknown>) } });
  return { logger, lines };
}

describe('the API logger', () => {
  it('reports an outage at most every 10 s, with how many answers it turned into DATABASE_UNAVAILABLE', () => {
    let t = 0;
    const { logger: pinoLogger, lines } = collectingLogger();
    const logger = createApiLogger(pinoLogger, () => t);
    for (let i = 0; i < 5; i++, t += 100) logger.error(outage());
    expect(lines.map((l) => l.msg)).toEqual([
      'graphql: Neo4j unavailable, 1 answer DATABASE_UNAVAILABLE since the last report: Neo4j is unavailable (checking again shortly)',
    ]);
    expect(lines[0]).toMatchObject({ level: 50, code: 'DATABASE_UNAVAILABLE', answers: 1 });
    t = 10_000;
    logger.error(outage());
    expect(lines).toHaveLength(2);
    expect(lines[1]!.msg).toMatch(/^graphql: Neo4j unavailable, 5 answers DATABASE_UNAVAILABLE since the last report/);
  });

  it('logs any other error with its stack', () => {
    const { logger, lines } = collectingLogger();
    const err = new GraphQLError('bad', { originalError: new TypeError('undefined is not a function') });
    createApiLogger(logger).error(err);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.err).toMatchObject({ type: 'TypeError', message: 'undefined is not a function' });
    expect(String((lines[0]!.err as { stack: string }).stack)).toMatch(/TypeError: undefined is not a function/);
  });

  it('is what the GraphQL server logs with: 20 answers during an outage, one line', async () => {
    const { logger, lines } = collectingLogger('warn');
    const down = { read: () => Promise.reject(new DatabaseFailure('UNAVAILABLE', 'Neo4j is unavailable', undefined)) } as unknown as Database;
    const yoga = createGraphQLServer({ db: down, ontology: loadOntologyFile(`${SEED_DIR}/ontology.yaml`), production: true, logger });
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
    expect(lines).toHaveLength(1);
    expect(String(lines[0]!.msg)).toMatch(/^graphql: Neo4j unavailable, 1 answer DATABASE_UNAVAILABLE/);
  });
});
