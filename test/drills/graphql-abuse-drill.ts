/**
 * Drill 2, GraphQL abuse: the production server (createHttpServer with NODE_ENV=production, as
 * `npm start` runs in production) in a process of its own, on a free port, over the real dataset. Each abusive request
 * must be refused quickly with a stable `extensions.code`; then a few attackers send them in a
 * loop while one client times normal queries (search, neighbourhood), next to a baseline.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../server/db/database.ts';
import { CSRF_HEADER } from '../../server/graphql/create-yoga.ts';
import { ErrorCode } from '../../server/graphql/api-errors.ts';
import type { Drill, DrillOptions, DrillRow } from './drill-types.ts';
import { Tally, loadRealDataset, ms, percentile } from './input-drill-support.ts';

/** A refusal slower than this is not "quick": alone, and while other attacks run. */
const ALONE_LIMIT_MS = 1_000;
const UNDER_ATTACK_LIMIT_MS = 5_000;
/**
 * The p99 of normal queries during the attack must stay under this. A p99, not every request:
 * on a shared 2-core machine single outliers say more about the neighbours than the server.
 */
const NORMAL_P99_LIMIT_MS = 3_000;

interface Attack {
  name: string;
  request: { method?: string; path?: string; headers?: Record<string, string>; body?: string };
  status: number;
  code: string;
}

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json', [CSRF_HEADER]: '1' };

/** Starts the production server (abuse-server-child.ts) in its own process; resolves once it listens. */
async function startServerProcess(neo4j: DrillOptions['neo4j']): Promise<{ url: string; close: () => Promise<void> }> {
  const here = dirname(fileURLToPath(import.meta.url));
  // exit-with-parent.ts stops the child when its stdin (a pipe from us) closes, even if we were SIGKILLed.
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', join(here, 'exit-with-parent.ts'), join(here, 'abuse-server-child.ts')], {
    env: { ...process.env, NODE_ENV: 'production', NEO4J_URI: neo4j.uri, NEO4J_USERNAME: neo4j.username, NEO4J_PASSWORD: neo4j.password },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let output = '';
  child.stderr.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4_000)));
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  const port = await new Promise<number>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`the server did not start in 60 s: ${output}`)), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      const m = /\{"port":(\d+)\}/.exec(d.toString());
      if (m) {
        clearTimeout(timer);
        res(Number(m[1]));
      }
    });
    child.once('exit', (code) => (clearTimeout(timer), rej(new Error(`the server exited (${code}): ${output}`))));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      process.off('exit', killOnExit);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function attacks(): Attack[] {
  const gql = (query: string, variables?: Record<string, unknown>) => ({ method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ query, variables }) });
  const get = (query: string, headers: Record<string, string> = { [CSRF_HEADER]: '1' }) => ({
    method: 'GET',
    path: `/graphql?query=${encodeURIComponent(query)}`,
    headers,
  });
  const nested = (open: string, leaf: string, levels: number) => `${open.repeat(levels)}${leaf}${' }'.repeat(open.split('{').length - 1).repeat(levels)}`;
  let fragments = 'fragment F0 on Query { stats { entities } }\n';
  for (let i = 1; i <= 30; i++) fragments += `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }\n`;
  const normal = '{ stats { entities } }';
  const TOO_COMPLEX = 'QUERY_TOO_COMPLEX';
  return [
    {
      name: 'deep nesting (150 levels)',
      request: gql(`{ entity(id: "huawei") { ${nested('relations { nodes { from { ', 'id', 50)} } }`),
      status: 200,
      code: TOO_COMPLEX,
    },
    {
      name: 'deep nesting, 30 levels of owners',
      request: gql(`{ entity(id: "huawei") { ${nested('... on Company { owners { ', 'id', 30)} } }`),
      status: 200,
      code: TOO_COMPLEX,
    },
    {
      name: '1000 aliases',
      request: gql(`{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: entity(id: "huawei") { id }`).join(' ')} }`),
      status: 200,
      code: TOO_COMPLEX,
    },
    {
      name: '100 aliases of stats',
      request: gql(`{ ${Array.from({ length: 100 }, (_, i) => `a${i}: stats { entities }`).join(' ')} }`),
      status: 200,
      code: TOO_COMPLEX,
    },
    { name: 'duplicated fields (1500×)', request: gql(`{ stats { ${'entities '.repeat(1500)}} }`), status: 200, code: TOO_COMPLEX },
    {
      name: 'duplicated fragment spreads (500×)',
      request: gql(`{ ${'...F '.repeat(500)}} fragment F on Query { stats { entities } }`),
      status: 200,
      code: TOO_COMPLEX,
    },
    { name: 'fragment bomb (2^30 fields)', request: gql(`{ ...F30 }\n${fragments}`), status: 200, code: TOO_COMPLEX },
    {
      name: 'fragment cycle',
      request: gql('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }'),
      status: 200,
      code: 'GRAPHQL_VALIDATION_FAILED',
    },
    {
      name: 'cost bomb (500⁴ relations)',
      request: gql(`{ entities(first: 500) { nodes { ${nested('relations(first: 500) { nodes { to { ', 'id', 3)} } } }`),
      status: 200,
      code: TOO_COMPLEX,
    },
    {
      name: 'batched array (2 operations)',
      request: { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify([{ query: normal }, { query: normal }]) },
      status: 400,
      code: 'BAD_REQUEST',
    },
    {
      name: 'batched array (1000 operations)',
      request: { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(Array.from({ length: 1000 }, () => ({ query: normal }))) },
      status: 400,
      code: 'BAD_REQUEST',
    },
    {
      name: 'huge string (2 MB search text)',
      request: gql('query($t: String!) { search(text: $t) { score } }', { t: 'hua '.repeat(500_000) }),
      status: 200,
      code: 'BAD_USER_INPUT',
    },
    { name: 'huge string inline (1 MB)', request: gql(`{ search(text: "${'x'.repeat(1_000_000)}") { score } }`), status: 200, code: 'BAD_USER_INPUT' },
    {
      name: 'oversized body (5 MB)',
      request: gql('query($t: String!) { search(text: $t) { score } }', { t: 'x'.repeat(5_000_000) }),
      status: 413,
      code: ErrorCode.REQUEST_ENTITY_TOO_LARGE,
    },
    { name: 'huge id (1 MB)', request: gql('query($id: ID!) { entity(id: $id) { id } }', { id: 'h'.repeat(1_000_000) }), status: 200, code: 'BAD_USER_INPUT' },
    {
      name: 'huge list (100 000 ids)',
      request: gql('query($ids: [ID!]!) { neighbourhood(ids: $ids) { truncated } }', { ids: Array.from({ length: 100_000 }, (_, i) => `id-${i}`) }),
      status: 200,
      code: 'BAD_USER_INPUT',
    },
    {
      name: 'huge list (100 000 relation types)',
      request: gql('query($t: [String!]) { neighbourhood(ids: ["huawei"], relationTypes: $t) { truncated } }', {
        t: Array.from({ length: 100_000 }, () => 'EXCLUDES'),
      }),
      status: 200,
      code: 'BAD_USER_INPUT',
    },
    {
      name: 'huge list (100 000 kinds)',
      request: gql('query($k: [String!]) { entities(kinds: $k) { totalCount } }', { k: Array.from({ length: 100_000 }, () => 'Company') }),
      status: 200,
      code: 'BAD_USER_INPUT',
    },
    {
      name: 'introspection cycle (__schema … ofType ×15)',
      request: gql(`{ __schema { types { ${nested('fields { type { ofType { ', 'name', 15)} } } }`),
      status: 200,
      code: TOO_COMPLEX,
    },
    {
      name: 'introspection cycle (possibleTypes/interfaces ×10)',
      request: gql(`{ __type(name: "Entity") { ${nested('possibleTypes { interfaces { ', 'name', 10)} } }`),
      status: 200,
      code: TOO_COMPLEX,
    },
    {
      name: 'directive overloading (100 @include)',
      request: gql(`{ stats ${'@include(if: true) '.repeat(100)}{ entities } }`),
      status: 200,
      code: TOO_COMPLEX,
    },
    { name: 'unknown directives (500)', request: gql(`{ stats ${'@a '.repeat(500)}{ entities } }`), status: 200, code: TOO_COMPLEX },
    { name: 'mutation over GET', request: get('mutation { x }'), status: 405, code: 'BAD_REQUEST' },
    { name: 'mutation over POST (unknown field)', request: gql('mutation { x }'), status: 200, code: 'GRAPHQL_VALIDATION_FAILED' },
    { name: 'write to a server without a seed folder', request: gql('mutation { removeEntity(id: "huawei") { applied } }'), status: 200, code: 'FORBIDDEN' },
    { name: 'subscription (none)', request: gql('subscription { x }'), status: 200, code: 'GRAPHQL_VALIDATION_FAILED' },
    { name: 'PUT', request: { method: 'PUT', headers: JSON_HEADERS, body: JSON.stringify({ query: normal }) }, status: 405, code: 'BAD_REQUEST' },
    { name: 'query over GET without CSRF header', request: get(normal, {}), status: 403, code: 'FORBIDDEN' },
    {
      name: 'cross-site POST text/plain',
      request: { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: normal }) },
      status: 403,
      code: 'FORBIDDEN',
    },
    {
      name: 'cross-site POST form',
      request: { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `query=${encodeURIComponent(normal)}` },
      status: 403,
      code: 'FORBIDDEN',
    },
    {
      name: 'cross-site POST multipart',
      request: {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
        body: `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n${normal}\r\n--x--\r\n`,
      },
      status: 403,
      code: 'FORBIDDEN',
    },
    {
      name: 'malformed JSON',
      request: { method: 'POST', headers: JSON_HEADERS, body: '{"query": "{ stats { entities } }"' },
      status: 400,
      code: 'BAD_REQUEST',
    },
    {
      name: 'variables of the wrong type',
      request: gql('query($t: String!) { search(text: $t) { score } }', { t: { $ne: 1 } }),
      status: 200,
      code: 'BAD_USER_INPUT',
    },
  ];
}

/** fetch's "fetch failed" with the reason underneath (ECONNRESET, other side closed…). */
function describeFetchError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return `${(err as Error).message}${cause ? `: ${cause.code ?? ''} ${cause.message ?? ''}` : ''}`;
}

/** Sends one attack; undefined when it was refused as it should be. */
async function strike(url: string, a: Attack): Promise<{ failure?: string; ms: number }> {
  const started = performance.now();
  let status: number;
  let text: string;
  try {
    const res = await fetch(`${url}${a.request.path ?? '/graphql'}`, {
      method: a.request.method ?? 'POST',
      headers: a.request.headers ?? {},
      body: a.request.body ?? null,
      signal: AbortSignal.timeout(30_000),
    });
    status = res.status;
    text = await res.text();
  } catch (err) {
    return { failure: `request failed: ${describeFetchError(err)}`, ms: performance.now() - started };
  }
  const took = performance.now() - started;
  let body: { data?: unknown; errors?: Array<{ message?: string; extensions?: { code?: string } }> };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return { failure: `HTTP ${status}, not JSON: ${text.slice(0, 80)}`, ms: took };
  }
  const first = body.errors?.[0];
  const problems: string[] = [];
  // GraphQL-level refusals may come as 200 or 400 depending on the Accept header; transport ones must be exact.
  if (status !== a.status && !(a.status === 200 && status === 400)) problems.push(`HTTP ${status}, expected ${a.status}`);
  if (!first) problems.push(`not refused: ${text.slice(0, 80)}`);
  else {
    if (first.extensions?.code !== a.code) problems.push(`code ${String(first.extensions?.code)}, expected ${a.code} (${first.message?.slice(0, 80)})`);
    if (!first.message || first.message.length < 10) problems.push(`unclear message "${first.message}"`);
  }
  if (body.data && Object.values(body.data as Record<string, unknown>).some((v) => v !== null)) problems.push('returned data');
  return problems.length > 0 ? { failure: problems.join('; '), ms: took } : { ms: took };
}

const NORMAL_QUERIES = [
  { query: 'query($t: String!) { search(text: $t, first: 10) { entity { id name kind } score } }', variables: { t: 'hua' } },
  { query: 'query($t: String!) { search(text: $t, first: 10) { entity { id name kind } score } }', variables: { t: 'bytedanse' } },
  {
    query: 'query($ids: [ID!]!) { neighbourhood(ids: $ids, depth: 1) { nodes { id name kind } edges { id type from { id } to { id } } truncated } }',
    variables: { ids: ['huawei'] },
  },
  {
    query: 'query($ids: [ID!]!) { neighbourhood(ids: $ids, depth: 1) { nodes { id name kind } edges { id type from { id } to { id } } truncated } }',
    variables: { ids: ['clean-network'] },
  },
];

/** Runs `count` normal queries one after another: each one's latency and failure, if any. */
async function normalTraffic(url: string, count: number): Promise<Array<{ ms: number; failure?: string }>> {
  const out: Array<{ ms: number; failure?: string }> = [];
  for (let i = 0; i < count; i++) {
    const q = NORMAL_QUERIES[i % NORMAL_QUERIES.length]!;
    const started = performance.now();
    try {
      const res = await fetch(`${url}/graphql`, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(q), signal: AbortSignal.timeout(30_000) });
      const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      const took = performance.now() - started;
      out.push(
        res.status !== 200 || body.errors || !body.data
          ? { ms: took, failure: `HTTP ${res.status} ${JSON.stringify(body.errors ?? null).slice(0, 120)}` }
          : { ms: took },
      );
    } catch (err) {
      out.push({ ms: performance.now() - started, failure: describeFetchError(err) });
    }
  }
  return out;
}

export const graphqlAbuseDrill: Drill = async ({ neo4j, quick, log }) => {
  const db = openDatabase(neo4j);
  let server: { url: string; close: () => Promise<void> } | undefined;
  try {
    await loadRealDataset(db);
    server = await startServerProcess(neo4j);
    const { url } = server;
    const list = attacks();
    const tallies = new Map(list.map((a) => [a.name, { tally: new Tally('graphql abuse', a.name), aloneMax: 0, loopMax: 0 }]));

    // 1. Each attack alone.
    for (const a of list) {
      const t = tallies.get(a.name)!;
      const r = await strike(url, a);
      t.aloneMax = Math.max(t.aloneMax, r.ms);
      t.tally.record(r.failure ?? (r.ms > ALONE_LIMIT_MS ? `took ${ms(r.ms)}` : undefined));
    }

    // 2. Normal queries without attack (after a warm-up), then with attackers looping over every attack.
    const normalCount = quick ? 60 : 400;
    const attackers = quick ? 3 : 6;
    await normalTraffic(url, 8);
    const baseline = await normalTraffic(url, normalCount);
    let running = true;
    let attacksSent = 0;
    const attackStarted = performance.now();
    const loops = Array.from({ length: attackers }, async (_, k) => {
      for (let i = k; running; i++) {
        const a = list[i % list.length]!;
        const t = tallies.get(a.name)!;
        const r = await strike(url, a);
        attacksSent++;
        t.loopMax = Math.max(t.loopMax, r.ms);
        t.tally.record(r.failure ?? (r.ms > UNDER_ATTACK_LIMIT_MS ? `took ${ms(r.ms)} under attack` : undefined));
      }
    });
    const during = await normalTraffic(url, normalCount);
    running = false;
    await Promise.all(loops);
    const attackSeconds = (performance.now() - attackStarted) / 1000;
    log(`graphql abuse: ${attacksSent} attack requests in ${attackSeconds.toFixed(1)} s`);

    const rows: DrillRow[] = list.map((a) => {
      const t = tallies.get(a.name)!;
      return t.tally.row(`${a.code} (HTTP ${a.status}); alone ${ms(t.aloneMax)}, max under attack ${ms(t.loopMax)}`);
    });
    const normal = new Tally('graphql abuse', `normal queries (search, neighbourhood) answered during ${attackers} attackers`);
    for (const r of [...baseline, ...during]) normal.record(r.failure);
    const p = (xs: Array<{ ms: number }>) =>
      `p50 ${ms(
        percentile(
          xs.map((x) => x.ms),
          50,
        ),
      )} / p99 ${ms(
        percentile(
          xs.map((x) => x.ms),
          99,
        ),
      )}`;
    rows.push(normal.row(`baseline ${p(baseline)}; under attack ${p(during)} (${attacksSent} attack requests, ${(attacksSent / attackSeconds).toFixed(0)}/s)`));
    const p99 = percentile(
      during.map((x) => x.ms),
      99,
    );
    const latency = new Tally('graphql abuse', `normal-query p99 during the attack ≤ ${ms(NORMAL_P99_LIMIT_MS)}`);
    latency.record(p99 <= NORMAL_P99_LIMIT_MS ? undefined : `p99 ${ms(p99)}`);
    rows.push(
      latency.row(
        `p99 ${ms(p99)} (baseline ${ms(
          percentile(
            baseline.map((x) => x.ms),
            99,
          ),
        )}), max ${ms(Math.max(...during.map((x) => x.ms)))}`,
      ),
    );
    return rows;
  } finally {
    await server?.close();
    await db.close();
  }
};
