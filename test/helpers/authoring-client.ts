import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Database } from '../../server/db/database.ts';
import { createGraphQLServer, CSRF_HEADER } from '../../server/graphql/create-yoga.ts';
import type { LiveSeed } from '../../server/live/live-seed.ts';
import type { GraphQLResponse } from './api-harness.ts';

/** The API in-process with a live seed, as a given listen address serves it; `headers` per call (a bearer token). */
export function authoringClient(db: Database, live: LiveSeed, listenHost = '127.0.0.1') {
  const yoga = createGraphQLServer({ db, ontology: live.ontology(), live, listenHost, production: false });
  return {
    yoga,
    async query<T = Record<string, any>>(
      query: string,
      variables?: Record<string, unknown>,
      headers: Record<string, string> = {},
    ): Promise<GraphQLResponse<T>> {
      const res = await yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphQLResponse<T>;
    },
  };
}

/** Every file under `dir` with its bytes, by path relative to it: to prove "every other byte unchanged". */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/** The fields of SeedEdit the tests read. */
export const SEED_EDIT = `applied summary diff graphVersion
  files { file baseVersion version diff created }
  entities { created updated removed } relations { created updated removed }`;
