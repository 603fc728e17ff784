/**
 * Request bodies for the fault and load drills: the client's own operations
 * (client/src/api/operations.ts), with the variables the client sends, over entities sampled
 * from the graph the server serves. The CSRF header the server requires is in WORKLOAD_HEADERS.
 */
import { CSRF_HEADER } from '../../server/graphql/create-yoga.ts';
import type { Database } from '../../server/db/database.ts';
import { BOOTSTRAP, ENTITY_DETAIL, ENTITY_RELATIONS, NEIGHBOURHOOD, PATHS, SEARCH } from '../../client/src/api/operations.ts';

/** The headers the client sends (client/src/api/graphql-client.ts). */
export const WORKLOAD_HEADERS: Record<string, string> = {
  'content-type': 'application/json',
  accept: 'application/graphql-response+json, application/json',
  [CSRF_HEADER]: '1',
};

export interface WorkloadRequest {
  op: string;
  body: string;
}

const body = (op: { name: string; query: string }, variables: Record<string, unknown>): WorkloadRequest => ({
  op: op.name,
  body: JSON.stringify({ operationName: op.name, query: op.query, variables }),
});

/**
 * Up to `samples` requests of each main operation, interleaved: search (a name's prefix, as
 * the combobox types it), neighbourhood depth 1 and 2, paths between entities two or three
 * relations apart, the inspector's entity with relations, and an expansion's relation page.
 */
export async function clientWorkload(db: Database, samples = 25): Promise<WorkloadRequest[]> {
  const entities = (
    await db.read((tx) =>
      tx.run(
        'MATCH (n:Entity) WITH n, COUNT { (n)--() } AS degree WHERE degree > 0 RETURN n.id AS id, n.name AS name ORDER BY degree DESC, id LIMIT toInteger($n)',
        { n: samples },
      ),
    )
  ).records.map((r) => ({ id: r.get('id') as string, name: r.get('name') as string }));
  if (entities.length === 0) throw new Error('the graph has no related entities to ask about; was the seed synced?');
  const pairs: Array<{ from: string; to: string }> = [];
  for (const [i, e] of entities.entries()) {
    const pattern = i % 2 === 0 ? '(a)--()--(b)' : '(a)--()--()--(b)';
    const to = (
      await db.read((tx) =>
        tx.run(`MATCH (a:Entity {id: $id}) MATCH ${pattern} WHERE b <> a AND b:Entity RETURN DISTINCT b.id AS id ORDER BY id LIMIT 1`, { id: e.id }),
      )
    ).records[0]?.get('id') as string | undefined;
    if (to) pairs.push({ from: e.id, to });
  }
  const out: WorkloadRequest[] = [];
  for (const [i, e] of entities.entries()) {
    out.push(body(SEARCH, { text: e.name.slice(0, Math.max(3, Math.ceil(e.name.length / 2))), first: 10 }));
    out.push(body(NEIGHBOURHOOD, { ids: [e.id], depth: 1, limit: 300 }));
    out.push(body(NEIGHBOURHOOD, { ids: [e.id], depth: 2, limit: 300 }));
    const pair = pairs[i % Math.max(1, pairs.length)];
    if (pair) out.push(body(PATHS, { ...pair, maxHops: 4, first: 3 }));
    out.push(body(ENTITY_DETAIL, { id: e.id, first: 200 }));
    out.push(body(ENTITY_RELATIONS, { id: e.id, first: 50 }));
  }
  return out;
}

/** What the client sends first when it opens: the ontology and the counts (light Cypher, no planning of note). */
export const BOOTSTRAP_REQUEST: WorkloadRequest = body(BOOTSTRAP, {});
