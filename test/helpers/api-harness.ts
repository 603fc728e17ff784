import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../../server/db/database.ts';
import { createGraphQLServer, CSRF_HEADER } from '../../server/graphql/create-yoga.ts';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { syncSeed } from '../../server/ingest/sync-seed.ts';
import { SEED_DIR, PROJECT_ROOT } from './seed-fixture.ts';
import { resetDatabase } from './graph-state.ts';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

/** A Database that counts the Cypher queries it sends, to prove one round trip per operation. */
export function countingDatabase(db: Database): { db: Database; queries: string[] } {
  const queries: string[] = [];
  const wrap = (tx: ManagedTransaction): ManagedTransaction =>
    new Proxy(tx, {
      get(target, prop, receiver) {
        if (prop === 'run') return (q: string, p?: unknown) => (queries.push(q), target.run(q, p as never));
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
  return {
    queries,
    db: { ...db, read: (work) => db.read((tx) => work(wrap(tx))), write: (work) => db.write((tx) => work(wrap(tx))) },
  };
}

/** Loads the real dataset from seed/ into the (reset) test database. */
export async function loadRealDataset(db: Database) {
  await resetDatabase(db);
  const seed = loadSeed({ seedDir: SEED_DIR, displayRoot: PROJECT_ROOT });
  if (seed.diagnostics.length > 0 || !seed.ontology) throw new Error(`seed/ is invalid: ${JSON.stringify(seed.diagnostics.slice(0, 3))}`);
  await syncSeed(db, seed.graph);
  return { ontology: seed.ontology, graph: seed.graph };
}

/**
 * The API in-process, called through yoga.fetch as a client would. The response cache is off:
 * these tests count the planner's Cypher, and the cache adds its graph-version read (tested in
 * api-cache.test.ts).
 */
export function apiClient(db: Database, ontology: Parameters<typeof createGraphQLServer>[0]['ontology'], production = false) {
  const yoga = createGraphQLServer({ db, ontology, production, responseCacheBytes: 0 });
  return {
    yoga,
    async query<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
      const res = await yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphQLResponse<T>;
    },
  };
}
