/**
 * `npm run bench:api [-- --entities 5000 --relations 20000 --duration 15 --connections 16]`:
 * throughput and latency of four API operations (search, neighbourhood depth 1 and 2, paths)
 * over a synthetic graph in a throw-away local Neo4j (or TEST_NEO4J_URI), on three servers
 * run side by side in this process and measured one after another with the same settings:
 *
 *  - floor: plain node:http sending the very Cypher our API sends (captured from our API),
 *    as auto-commit queries, returning the records as JSON; no GraphQL.
 *  - ours:  createGraphQLServer({ production: true }) behind node:http, response cache off.
 *  - ours+cache: the same with the response cache on (64 MB), keyed by graph version.
 *  - peer:  @neo4j/graphql v7 through graphql-yoga (neo4j-graphql-peer.ts).
 *
 * The load generator (autocannon) runs in a child process (api-loadgen.ts). Each operation's
 * Two workloads: `uniform` cycles --samples inputs; `zipf` draws --zipf-requests inputs from a
 * Zipf distribution (s = --zipf-s) over --zipf-population inputs, as readers of a story open the
 * same few entities (the cache hit rate is printed). Each operation's
 * first request on the peer is sent alone first (Neo4j plans the query then, which can take
 * minutes); every sampled request is then checked once on every server; then --rounds rounds
 * measure every operation on every server (order rotated per round), each run after a warm-up
 * and only once all servers are idle. Prints a table of medians and writes
 * bench-results/api.json. Asserts no timing.
 */
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { startLocalNeo4j, type LocalNeo4j } from '../../neo4j/local-neo4j.ts';
import { openDatabase, withReadDeadline, type Database } from '../../server/db/database.ts';
import { pino } from 'pino';
import { createServerLogger } from '../../server/graphql/api-logger.ts';
import { createGraphQLServer, CSRF_HEADER, serverParts } from '../../server/graphql/create-yoga.ts';
import { graphVersion } from '../../server/live/graph-version.ts';
import { toLuceneQuery } from '../../server/graphql/search-query.ts';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { loadOntologyFile } from '../../server/ingest/ontology.ts';
import { syncSeed } from '../../server/ingest/sync-seed.ts';
import { SEED_DIR } from '../helpers/seed-fixture.ts';
import type { LoadJob, LoadResult } from './api-loadgen.ts';
import { reportBench, resultsDir } from './bench-report.ts';
import { CLK_TCK, processCpuTicks, systemCpu } from './cpu-accounting.ts';
import { summariseProfile } from './cpu-profile-summary.ts';
import { runLoadgen } from './run-loadgen.ts';
import { createPeerServer, peerOperations } from './neo4j-graphql-peer.ts';
import { writeSyntheticSeed } from './synthetic-seed.ts';
import { seededRandom as prng } from '../../client/src/graph/seeded-random.ts';

const { values: args } = parseArgs({
  options: {
    entities: { type: 'string', default: '100000' },
    relations: { type: 'string', default: '500000' },
    connections: { type: 'string', default: '16' },
    duration: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
    samples: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '3' },
    timeout: { type: 'string', default: '30' },
    /** How long to wait, between runs, for a server to finish the requests a run left in flight. */
    'drain-timeout': { type: 'string', default: '600' },
    /** How long the first (cold) request of each operation may take: Neo4j plans the query then. */
    'cold-timeout': { type: 'string', default: '1800' },
    /** Comma-separated subset of operations, for a quick look. */
    ops: { type: 'string', default: 'search,neighbourhood1,neighbourhood2,paths' },
    /** uniform: --samples inputs cycled; zipf: --zipf-requests draws over --zipf-population inputs, Zipf(--zipf-s). */
    workloads: { type: 'string', default: 'uniform,zipf' },
    'zipf-population': { type: 'string', default: '1000' },
    'zipf-requests': { type: 'string', default: '5000' },
    'zipf-s': { type: 'string', default: '1.1' },
    /**
     * Comma-separated servers (e.g. ours,ours+cache) whose measured runs are CPU-profiled: each
     * run writes bench-results/api-profiles/<workload>-<op>-<server>-r<round>.cpuprofile and logs
     * where this process's busy time went. Off by default: the sampler costs a few per cent.
     */
    profile: { type: 'string', default: '' },
  },
});
const ENTITIES = Number(args.entities);
const RELATIONS = Number(args.relations);
const CONNECTIONS = Number(args.connections);
const DURATION_S = Number(args.duration);
const WARMUP_S = Number(args.warmup);
const SAMPLES = Number(args.samples);
const ROUNDS = Number(args.rounds);
const TIMEOUT_S = Number(args.timeout);
const COLD_TIMEOUT_S = Number(args['cold-timeout']);
const DRAIN_TIMEOUT_S = Number(args['drain-timeout']);

type OpName = 'search' | 'neighbourhood1' | 'neighbourhood2' | 'paths';
type ServerName = 'floor' | 'ours' | 'ours+cache' | 'peer';
type Workload = 'uniform' | 'zipf';
const OPS = args.ops.split(',') as OpName[];
/** ours = cache off (SPLINTERNET_RESPONSE_CACHE=0), ours+cache = the response cache on (64 MB). */
const SERVERS: ServerName[] = ['floor', 'ours', 'ours+cache', 'peer'];
const WORKLOADS = args.workloads.split(',') as Workload[];
const ZIPF_POPULATION = Number(args['zipf-population']);
const ZIPF_REQUESTS = Number(args['zipf-requests']);
const ZIPF_S = Number(args['zipf-s']);
const PROFILED = new Set(args.profile ? (args.profile.split(',') as ServerName[]) : []);
for (const name of PROFILED) if (!SERVERS.includes(name)) throw new Error(`--profile takes servers among ${SERVERS.join(', ')}, not "${name}"`);
const PROFILE_DIR = join(resultsDir, 'api-profiles');

/** Runs `work` under node:inspector's CPU profiler and returns the profile with its result. */
async function profiled<T>(work: () => Promise<T>): Promise<{ result: T; profile: Profiler.Profile }> {
  const session = new Session();
  session.connect();
  const send = <R>(method: string, params?: object) =>
    new Promise<R>((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res as R))));
  try {
    await send('Profiler.enable');
    await send('Profiler.setSamplingInterval', { interval: 1000 });
    await send('Profiler.start');
    const result = await work();
    const { profile } = await send<{ profile: Profiler.Profile }>('Profiler.stop');
    return { result, profile };
  } finally {
    session.disconnect();
  }
}

/**
 * `count` ranks in [0, n) drawn from Zipf(s): rank r with probability ∝ 1/(r+1)^s — the few
 * entities a story is about, opened by most of its readers, and a long tail.
 */
function zipfDraws(n: number, count: number, s: number, rand: () => number): number[] {
  const cdf: number[] = [];
  let sum = 0;
  for (let r = 0; r < n; r++) cdf.push((sum += 1 / Math.pow(r + 1, s)));
  return Array.from({ length: count }, () => {
    const x = rand() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  });
}

/** Our operations, as the client sends them. */
const OUR_QUERIES: Record<OpName, string> = {
  search: `query Search($text: String!) { search(text: $text, first: 10) { score entity { id name kind } } }`,
  neighbourhood1: `query N1($ids: [ID!]!) { neighbourhood(ids: $ids, depth: 1, limit: 200) { nodes { id name kind } edges { id type from { id } to { id } } } }`,
  neighbourhood2: `query N2($ids: [ID!]!) { neighbourhood(ids: $ids, depth: 2, limit: 200) { nodes { id name kind } edges { id type from { id } to { id } } } }`,
  paths: `query Paths($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 4, first: 3) { nodes { id } edges { type } } }`,
};

/** One sampled input per request: our GraphQL variables, and the peer's. */
interface Sample {
  ours: Record<string, unknown>;
  peer: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Capturing our API's Cypher, for the floor.

interface Captured {
  query: string;
  params: Record<string, unknown>;
}

/** Like countingDatabase (test/helpers/api-harness.ts), but keeps the parameters too. */
function capturingDatabase(db: Database): { db: Database; calls: Captured[] } {
  const calls: Captured[] = [];
  const wrap = (tx: ManagedTransaction): ManagedTransaction =>
    new Proxy(tx, {
      get(target, prop, receiver) {
        if (prop === 'run') return (q: string, p?: Record<string, unknown>) => (calls.push({ query: q, params: p ?? {} }), target.run(q, p as never));
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
  return { calls, db: { ...db, read: (work) => db.read((tx) => work(wrap(tx))), write: (work) => db.write((tx) => work(wrap(tx))) } };
}

/** Neo4j integers → numbers, for comparing parameter sets. */
function plain(v: unknown): unknown {
  if (neo4j.isInt(v)) return (v as { toNumber(): number }).toNumber();
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, plain(x)]));
  return v;
}

/** The floor builds the per-request parameters from the variables the way our resolvers do; the rest is the captured template. */
const FLOOR_INPUTS: Record<OpName, (vars: Record<string, unknown>) => Record<string, unknown>> = {
  search: (v) => ({ lucene: toLuceneQuery(String(v.text).trim()) }),
  neighbourhood1: (v) => ({ ids: v.ids }),
  neighbourhood2: (v) => ({ ids: v.ids }),
  paths: (v) => ({ from: v.from, to: v.to }),
};

interface FloorOp {
  queries: Array<{ query: string; template: Record<string, unknown> }>;
}

// ---------------------------------------------------------------------------------------------
// HTTP plumbing.

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** One POST over a keep-alive connection (node:http, as a client would; no fetch). */
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
function post(url: string, headers: Record<string, string>, body: string, timeoutMs = 60_000): Promise<{ status: number; text: string }> {
  checkStopped();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

function listen(server: Server): Promise<number> {
  // A cold request may wait minutes for Neo4j to plan its query; node:http must not cut it off.
  server.requestTimeout = 0;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<unknown>;

function floorHandler(db: Database, ops: Map<OpName, FloorOp>): Handler {
  return async (req, res) => {
    try {
      const { op, variables } = JSON.parse(await readBody(req)) as { op: OpName; variables: Record<string, unknown> };
      const f = ops.get(op);
      if (!f) throw new Error(`unknown op ${op}`);
      const inputs = FLOOR_INPUTS[op](variables);
      // Auto-commit queries in a READ session: one RUN+PULL per query, the least Bolt can send.
      const session = db.driver.session({ defaultAccessMode: neo4j.session.READ, ...(db.name ? { database: db.name } : {}) });
      const results: unknown[] = [];
      try {
        for (const q of f.queries) {
          const r = await session.run(q.query, { ...q.template, ...inputs });
          results.push(r.records.map((rec) => rec.toObject()));
        }
      } finally {
        await session.close();
      }
      const body = JSON.stringify({ records: results.length === 1 ? results[0] : results });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: String((err as Error).message ?? err) }] }));
    }
  };
}

// Fresh objects every time: yoga.fetch adds a content-length to the headers object it is given,
// and a request with that and autocannon's own Content-Length is refused by node:http.
const jsonHeaders = (): Record<string, string> => ({ 'content-type': 'application/json' });
const gqlHeaders = (): Record<string, string> => ({ 'content-type': 'application/json', [CSRF_HEADER]: '1' });

function requestBody(server: ServerName, op: OpName, s: Sample, peerOps: Record<OpName, string>): string {
  if (server === 'floor') return JSON.stringify({ op, variables: s.ours });
  if (server === 'ours' || server === 'ours+cache') return JSON.stringify({ query: OUR_QUERIES[op], variables: s.ours });
  return JSON.stringify({ query: peerOps[op], variables: s.peer });
}

/** Distinct entity ids anywhere in a JSON value (objects with a string `id`), and relation-ish items. */
function countResult(server: ServerName, op: OpName, json: any): { nodes: number; edges: number } {
  if (server === 'ours' || server === 'ours+cache') {
    const d = json.data;
    if (op === 'search') return { nodes: d.search.length, edges: 0 };
    if (op === 'paths')
      return { nodes: d.paths.reduce((s: number, p: any) => s + p.nodes.length, 0), edges: d.paths.reduce((s: number, p: any) => s + p.edges.length, 0) };
    return { nodes: d.neighbourhood.nodes.length, edges: d.neighbourhood.edges.length };
  }
  if (server === 'floor') {
    const rec = json.records[0] ?? {};
    if (op === 'paths') {
      const paths = (rec.meta?.paths ?? []) as Array<{ nodes: unknown[]; rels: unknown[] }>;
      return { nodes: paths.reduce((s, p) => s + p.nodes.length, 0), edges: paths.reduce((s, p) => s + p.rels.length, 0) };
    }
    return { nodes: (rec.nodes ?? []).length, edges: (rec.rels ?? []).length };
  }
  const d = json.data;
  if (op === 'search') return { nodes: d.searchEntities.edges.length, edges: 0 };
  if (op === 'paths')
    return { nodes: d.paths.reduce((s: number, p: any) => s + p.nodes.length, 0), edges: d.paths.reduce((s: number, p: any) => s + p.edges.length, 0) };
  // Neighbourhood: distinct node ids and distinct relationship keys in the nested connections.
  const ids = new Set<string>();
  const keys = new Set<string>();
  const walk = (v: any) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === 'object') {
      if (typeof v.id === 'string') ids.add(v.id);
      if (v.properties && typeof v.properties.key === 'string') keys.add(v.properties.key);
      Object.values(v).forEach(walk);
    }
  };
  walk(d.entities);
  return { nodes: ids.size, edges: keys.size };
}

// ---------------------------------------------------------------------------------------------

function runLoad(job: LoadJob, track: (c: ChildProcess | undefined) => void): Promise<LoadResult> {
  checkStopped();
  return runLoadgen(job, { track });
}

const log = (line: string) => console.log(line);
const external = process.env.TEST_NEO4J_URI;
let local: LocalNeo4j | undefined;
const dbs: Database[] = [];
const servers: Server[] = [];
let loadgen: ChildProcess | undefined;
let seedParent: string | undefined;
let cleaned = false;

class Stopped extends Error {}
/** Throws once a signal asked us to stop, so the main flow does not go on after cleanup. */
function checkStopped(): void {
  if (cleaned) throw new Stopped('stopped by a signal');
}

async function cleanup(): Promise<void> {
  if (cleaned) return;
  cleaned = true;
  if (loadgen && loadgen.exitCode === null) loadgen.kill('SIGKILL');
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
  agent.destroy();
  for (const db of dbs) await db.close().catch(() => {});
  await local?.stop();
  if (seedParent) rmSync(seedParent, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    console.error(`\napi-bench: ${sig}, stopping servers and Neo4j…`);
    void cleanup().finally(() => process.exit(130));
  });
}

const rows: Array<Record<string, string | number>> = [];
const notes: Record<string, unknown> = {};
try {
  const ontology = loadOntologyFile(join(SEED_DIR, 'ontology.yaml'));
  local = external ? undefined : await startLocalNeo4j({ mode: 'ephemeral', heapMb: 6144, pageCacheMb: 2048, txMemoryMb: 8000, log });
  const conn = { uri: external ?? local!.uri, username: process.env.TEST_NEO4J_USERNAME ?? 'neo4j', password: process.env.TEST_NEO4J_PASSWORD ?? 'neo4j' };
  const admin = openDatabase(conn);
  dbs.push(admin);

  // 1. The synthetic graph.
  seedParent = mkdtempSync(join(tmpdir(), 'splinternet-api-bench-'));
  const seedDir = join(seedParent, 'seed');
  mkdirSync(seedDir, { recursive: true });
  copyFileSync(join(SEED_DIR, 'ontology.yaml'), join(seedDir, 'ontology.yaml'));
  log(`seed: writing ${ENTITIES} entities / ${RELATIONS} relations…`);
  writeSyntheticSeed({ dir: seedDir, ontology, entities: ENTITIES, relations: RELATIONS });
  {
    let t = performance.now();
    const seed = loadSeed({ seedDir });
    if (seed.diagnostics.length > 0) throw new Error(`synthetic seed invalid: ${seed.diagnostics.length} errors, first ${JSON.stringify(seed.diagnostics[0])}`);
    log(`seed: checked in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const session = admin.driver.session();
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
    await session.close();
    t = performance.now();
    let lastPrint = 0;
    // Versioned, as npm start syncs: the response cache keys by this version.
    await syncSeed(admin, seed.graph, {
      version: graphVersion(seed.graph, ontology),
      onProgress: (done, all) => {
        const now = performance.now();
        if (now - lastPrint > 2000 || done === all) {
          lastPrint = now;
          process.stderr.write(`\r  sync: ${done}/${all} rows, ${((now - t) / 1000).toFixed(0)} s`);
        }
      },
    });
    process.stderr.write('\n');
    notes.syncSeconds = Math.round((performance.now() - t) / 100) / 10;
    log(`seed: synced in ${notes.syncSeconds} s`);
  }
  rmSync(seedParent, { recursive: true, force: true });
  seedParent = undefined;
  const counts = (await admin.read((tx) => tx.run('MATCH (n:Entity) WITH count(n) AS n CALL () { MATCH ()-[r]->() RETURN count(r) AS r } RETURN n, r')))
    .records[0]!;
  const relTypes = (await admin.read((tx) => tx.run('MATCH ()-[r]->() RETURN DISTINCT type(r) AS t ORDER BY t'))).records.map((r) => r.get('t') as string);
  log(`neo4j: ${counts.get('n')} entities, ${counts.get('r')} relations, ${relTypes.length} relation types`);

  // 2. Inputs, sampled deterministically from the synthetic graph (ids e0…, names "Entity <i> <Kind>").
  const rand = prng(7);
  const pickIds = (n: number) => Array.from({ length: n }, () => `e${Math.floor(rand() * (ENTITIES - 3))}`);
  const info = async (ids: string[]) =>
    new Map(
      (
        await admin.read((tx) => tx.run('UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n.id AS id, n.name AS name, COUNT { (n)--() } AS degree', { ids }))
      ).records.map((r) => [r.get('id') as string, { name: r.get('name') as string, degree: r.get('degree') as number }]),
    );
  const buildSamples = async (count: number): Promise<Record<OpName, Sample[]>> => {
    const samples = {} as Record<OpName, Sample[]>;
    const ids = pickIds(count);
    const meta = await info(ids);
    samples.search = ids.map((id) => {
      // A prefix of the name: "Entity 4521 Company" → "Entity 452".
      const [w0, num] = meta.get(id)!.name.split(' ');
      const text = `${w0} ${num!.length >= 3 ? num!.slice(0, -1) : num}`;
      return { ours: { text }, peer: { phrase: toLuceneQuery(text) } };
    });
    const seeds = async () => {
      const cand = pickIds(count * 2);
      const m = await info(cand);
      return cand.filter((id) => (m.get(id)?.degree ?? 0) > 0).slice(0, count);
    };
    samples.neighbourhood1 = (await seeds()).map((id) => ({ ours: { ids: [id] }, peer: { id } }));
    samples.neighbourhood2 = (await seeds()).map((id) => ({ ours: { ids: [id] }, peer: { id } }));
    const pathSamples: Sample[] = [];
    for (const [i, from] of (await seeds()).entries()) {
      // Targets known to be at most 2 (even samples) or 3 (odd samples) relations away.
      const pattern = i % 2 === 0 ? '(a)--()--(b)' : '(a)--()--()--(b)';
      const targets = (
        await admin.read((tx) =>
          tx.run(`MATCH (a:Entity {id: $from}) MATCH ${pattern} WHERE b <> a RETURN DISTINCT b.id AS id ORDER BY id LIMIT 200`, { from }),
        )
      ).records.map((r) => r.get('id') as string);
      if (targets.length === 0) continue;
      const to = targets[Math.floor(rand() * targets.length)]!;
      pathSamples.push({ ours: { from, to }, peer: { from, to } });
    }
    samples.paths = pathSamples;
    return samples;
  };
  const samples = await buildSamples(SAMPLES);
  for (const op of OPS) log(`inputs: ${op}: ${samples[op].length} samples, e.g. ${JSON.stringify(samples[op][0]!.ours)}`);
  /** Per workload and operation, the request inputs in the order the load generator cycles them. */
  const workloadInputs = {} as Record<Workload, Record<OpName, Sample[]>>;
  workloadInputs.uniform = samples;
  if (WORKLOADS.includes('zipf')) {
    const population = await buildSamples(ZIPF_POPULATION);
    const zrand = prng(11);
    workloadInputs.zipf = {} as Record<OpName, Sample[]>;
    for (const op of OPS) {
      const pop = population[op];
      workloadInputs.zipf[op] = zipfDraws(pop.length, ZIPF_REQUESTS, ZIPF_S, zrand).map((r) => pop[r]!);
      const distinct = new Set(workloadInputs.zipf[op].map((x) => JSON.stringify(x.ours))).size;
      log(`inputs: zipf ${op}: ${ZIPF_REQUESTS} draws over ${pop.length} inputs (s = ${ZIPF_S}), ${distinct} distinct`);
    }
  }

  // 3. The floor's Cypher: our API run once per sample through a capturing Database.
  const oursDb = openDatabase(conn);
  const floorDb = openDatabase(conn);
  const peerDb = openDatabase(conn);
  dbs.push(oursDb, floorDb, peerDb);
  const floorOps = new Map<OpName, FloorOp>();
  /** Milliseconds of each operation's first request on each server (Neo4j plans the query then). */
  const cold: Record<string, number | string> = {};
  const queriesPerOp: Record<string, number> = {};
  {
    const cap = capturingDatabase(oursDb);
    const yoga = createGraphQLServer({ db: cap.db, ontology, production: true, responseCacheBytes: 0 });
    for (const op of OPS) {
      let template: FloorOp | undefined;
      for (const [i, s] of samples[op].entries()) {
        checkStopped();
        cap.calls.length = 0;
        const t = performance.now();
        const res = await yoga.fetch('http://bench/graphql', {
          method: 'POST',
          headers: gqlHeaders(),
          body: JSON.stringify({ query: OUR_QUERIES[op], variables: s.ours }),
        });
        const json = (await res.json()) as { errors?: unknown[] };
        if (json.errors) throw new Error(`our API failed on ${op} ${JSON.stringify(s.ours)}: ${JSON.stringify(json.errors)}`);
        if (i === 0) cold[`${op}/ours`] = Math.round(performance.now() - t);
        if (!template) {
          template = { queries: cap.calls.map((c) => ({ query: c.query, template: c.params })) };
          queriesPerOp[op] = cap.calls.length;
        }
        // The floor must send exactly what our API sent: same text, same parameters.
        if (cap.calls.length !== template.queries.length)
          throw new Error(`${op}: our API sent ${cap.calls.length} queries for ${JSON.stringify(s.ours)}, ${template.queries.length} for the first sample`);
        const inputs = FLOOR_INPUTS[op](s.ours);
        cap.calls.forEach((c, i) => {
          const t = template!.queries[i]!;
          const built = JSON.stringify(plain({ ...t.template, ...inputs }));
          if (c.query !== t.query || JSON.stringify(plain(c.params)) !== built) {
            throw new Error(
              `${op}: the floor would not send what our API sent for ${JSON.stringify(s.ours)}:\n ours  ${JSON.stringify(plain(c.params))}\n floor ${built}`,
            );
          }
        });
      }
      floorOps.set(op, template!);
      log(
        `capture: ${op}: our API sends ${queriesPerOp[op]} Cypher quer${queriesPerOp[op] === 1 ? 'y' : 'ies'} per request (${template!.queries.map((q) => q.query.length).join('+')} chars); first (cold) request ${cold[`${op}/ours`]} ms`,
      );
    }
  }

  // 4. The three servers, side by side.
  const peerOps = peerOperations(relTypes, 200) as Record<OpName, string>;
  // Request lines are logged as in production, to /dev/null: their cost is part of the server's.
  const benchLogger = () => createServerLogger({ level: 'info', destination: pino.destination({ dest: '/dev/null', sync: false }) });
  // As server/main.ts serves: reads bounded in time, one auto-commit query each.
  const oursYoga = createGraphQLServer({ db: withReadDeadline(oursDb), ontology, production: true, responseCacheBytes: 0, logger: benchLogger() });
  const oursCacheDb = openDatabase(conn);
  dbs.push(oursCacheDb);
  const oursCacheYoga = createGraphQLServer({
    db: withReadDeadline(oursCacheDb),
    ontology,
    production: true,
    responseCacheBytes: 64 * 1024 * 1024,
    logger: benchLogger(),
  });
  const responseCache = serverParts.get(oursCacheYoga)!.responseCache!.cache;
  const peerYoga = await createPeerServer(peerDb.driver, relTypes);
  // Requests a server is still working on: the load generator drops its connections when a run
  // ends, but the handlers go on (a closed connection does not stop them), so a handler counts
  // until its promise settles, and the next run starts only once every server is idle.
  const inflight: Record<ServerName, number> = { floor: 0, ours: 0, 'ours+cache': 0, peer: 0 };
  /** The most handlers seen pending while everything was idle, per server (reported in the JSON). */
  const stuckHandlers: Record<ServerName, number> = { floor: 0, ours: 0, 'ours+cache': 0, peer: 0 };
  const STUCK_AFTER_S = 20;
  const counted = (name: ServerName, handler: Handler): Server =>
    createServer((req, res) => {
      inflight[name]++;
      void Promise.resolve()
        .then(() => handler(req, res))
        .catch((err: unknown) => console.error(`${name}: handler failed`, err))
        .finally(() => inflight[name]--);
    });
  const httpServers: Record<ServerName, Server> = {
    floor: counted('floor', floorHandler(floorDb, floorOps)),
    ours: counted('ours', (req, res) => oursYoga(req, res)),
    'ours+cache': counted('ours+cache', (req, res) => oursCacheYoga(req, res)),
    peer: counted('peer', (req, res) => peerYoga(req, res)),
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  /**
   * Waits until no handler is running and this process and the Neo4j JVM are quiet (< 15 % and
   * < 30 % of a core over half a second: work a handler left behind shows up there too).
   * Returns the seconds waited.
   */
  const drain = async (): Promise<number> => {
    const t = performance.now();
    for (;;) {
      checkStopped();
      if (performance.now() - t > DRAIN_TIMEOUT_S * 1000) throw new Error(`servers still busy after ${DRAIN_TIMEOUT_S} s: ${JSON.stringify(inflight)}`);
      // A handler that never settles (seen once, with both processes idle) must not stall the
      // run: after STUCK_AFTER_S, quiet CPU is enough, and the stuck handlers are reported.
      const busy = SERVERS.some((n) => inflight[n] > 0);
      if (busy && performance.now() - t < STUCK_AFTER_S * 1000) {
        await sleep(100);
        continue;
      }
      const w0 = performance.now();
      const c0 = process.cpuUsage();
      const n0 = processCpuTicks(local?.pid);
      await sleep(500);
      const wallS = (performance.now() - w0) / 1000;
      const c = process.cpuUsage(c0);
      const selfCores = (c.user + c.system) / 1e6 / wallS;
      const neoCores = (processCpuTicks(local?.pid) - n0) / CLK_TCK / wallS;
      if (selfCores < 0.15 && neoCores < 0.3) {
        if (busy) {
          for (const n of SERVERS) if (inflight[n] > 0) stuckHandlers[n] = Math.max(stuckHandlers[n], inflight[n]);
          log(`         (handlers still pending with both processes idle: ${JSON.stringify(inflight)}; going on)`);
        }
        return (performance.now() - t) / 1000;
      }
    }
  };
  const urls = {} as Record<ServerName, string>;
  for (const name of SERVERS) {
    servers.push(httpServers[name]);
    urls[name] = `http://127.0.0.1:${await listen(httpServers[name])}${name === 'floor' ? '/' : '/graphql'}`;
    log(`server: ${name} at ${urls[name]}`);
  }
  const headersOf = (name: ServerName) => (name === 'floor' ? jsonHeaders() : gqlHeaders());

  // 5. One cold request per operation on the peer (ours and the floor share the Cypher planned
  // during the capture), then every request once (errors, result sizes), then measure.
  const unmeasured = new Map<string, string>();
  for (const op of OPS) {
    const t = performance.now();
    log(`cold: ${op} on peer (Neo4j plans its Cypher now; may take minutes)…`);
    try {
      const { status, text } = await post(urls.peer, gqlHeaders(), requestBody('peer', op, samples[op][0]!, peerOps), COLD_TIMEOUT_S * 1000);
      cold[`${op}/peer`] = Math.round(performance.now() - t);
      log(`      ${status}, ${cold[`${op}/peer`]} ms${status !== 200 || text.includes('"errors":') ? `: ${text.slice(0, 300)}` : ''}`);
    } catch (err) {
      if (err instanceof Stopped) throw err;
      cold[`${op}/peer`] = `no answer in ${COLD_TIMEOUT_S} s`;
      unmeasured.set(`${op}/peer`, `its first request got no answer in ${COLD_TIMEOUT_S} s (Neo4j still planning)`);
      log(`      ${String(err)}; ${op} is not measured on the peer`);
    }
  }
  notes.coldFirstRequestMs = cold;
  const checks: Record<string, unknown> = {};
  for (const op of OPS) {
    for (const name of SERVERS) {
      if (unmeasured.has(`${op}/${name}`)) continue;
      let errors = 0;
      let nodes = 0;
      let edges = 0;
      let bytes = 0;
      let firstMs = 0;
      let firstError: string | undefined;
      for (const [i, s] of samples[op].entries()) {
        const t = performance.now();
        let status: number;
        let text: string;
        try {
          ({ status, text } = await post(urls[name], headersOf(name), requestBody(name, op, s, peerOps)));
        } catch (err) {
          if (err instanceof Stopped) throw err;
          errors++;
          firstError ??= `request ${i} failed after ${(performance.now() - t).toFixed(0)} ms: ${String((err as Error).cause ?? err)}`;
          continue;
        }
        if (i === 0) firstMs = performance.now() - t;
        bytes += Buffer.byteLength(text);
        let json: any;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        if (status < 200 || status >= 300 || !json || json.errors) {
          errors++;
          firstError ??= `${status} ${text.slice(0, 300)}`;
          continue;
        }
        const c = countResult(name, op, json);
        nodes += c.nodes;
        edges += c.edges;
      }
      const n = samples[op].length;
      const ok = n - errors;
      checks[`${op}/${name}`] = {
        requests: n,
        errors,
        firstError,
        avgNodes: ok ? nodes / ok : 0,
        avgEdges: ok ? edges / ok : 0,
        avgKB: bytes / n / 1024,
        firstRequestMs: Math.round(firstMs),
      };
      log(
        `check: ${op.padEnd(14)} ${name.padEnd(5)} ${errors}/${n} errors, avg ${(ok ? nodes / ok : 0).toFixed(1)} nodes ${(ok ? edges / ok : 0).toFixed(1)} edges, ${(bytes / n / 1024).toFixed(1)} KB/response, first request ${firstMs.toFixed(0)} ms${firstError ? `\n       first error: ${firstError}` : ''}`,
      );
    }
  }
  notes.checks = checks;

  type Measured = LoadResult & {
    srvCpu: number;
    neo4jCpu: number;
    otherCpu: number;
    sysCpu: number;
    leftInFlight: number;
    drainS: number;
    drainWarmS: number;
    /** ours+cache: answers served from the response cache during the measured run / requests completed. */
    hitRate?: number;
  };
  const measured: Record<string, Measured[]> = {};
  const profiles: Record<string, Array<{ file: string } & ReturnType<typeof summariseProfile>>> = {};
  notes.profiles = profiles;
  // Rounds, each measuring every operation on every server (in a rotated order), so that load
  // from elsewhere on the host lands on all three alike; the table shows the median round.
  for (let round = 0; round < ROUNDS; round++) {
    const order = SERVERS.map((_, i) => SERVERS[(i + round) % SERVERS.length]!);
    for (const workload of WORKLOADS)
      for (const op of OPS) {
        for (const name of order) {
          if (unmeasured.has(`${op}/${name}`)) continue;
          // Each distinct body once, and the order to send them in.
          const distinctBodies = new Map<string, number>();
          const sendOrder = workloadInputs[workload][op].map((s) => {
            const body = requestBody(name, op, s, peerOps);
            let i = distinctBodies.get(body);
            if (i === undefined) distinctBodies.set(body, (i = distinctBodies.size));
            return i;
          });
          const bodies = [...distinctBodies.keys()];
          const job: LoadJob = {
            url: urls[name],
            headers: headersOf(name),
            bodies,
            order: sendOrder,
            connections: CONNECTIONS,
            durationS: DURATION_S,
            warmupS: 0,
            timeoutS: TIMEOUT_S,
          };
          log(`measure (round ${round + 1}/${ROUNDS}): ${workload} ${op} on ${name}: ${WARMUP_S} s warm-up + ${DURATION_S} s, ${CONNECTIONS} connections…`);
          // Each run starts with an empty cache; the warm-up fills it as the first readers would.
          if (name === 'ours+cache') responseCache.clear();
          // Warm-up, then wait for the server to finish what the warm-up left in flight.
          if (WARMUP_S > 0) await runLoad({ ...job, durationS: WARMUP_S }, (c) => (loadgen = c));
          const drainWarmS = await drain();
          const sys0 = systemCpu();
          const self0 = process.cpuUsage();
          const neo0 = processCpuTicks(local?.pid);
          const hits0 = responseCache.lookups().hits;
          const load = () => runLoad(job, (c) => (loadgen = c));
          const { result: r, profile } = PROFILED.has(name) ? await profiled(load) : { result: await load(), profile: undefined };
          const hitRate = name === 'ours+cache' && r.requests > 0 ? Math.min(1, (responseCache.lookups().hits - hits0) / r.requests) : undefined;
          const sys1 = systemCpu();
          const self = process.cpuUsage(self0);
          const neo = processCpuTicks(local?.pid) - neo0;
          const wallTicks = (sys1.total - sys0.total) / cpus().length;
          const pct = (ticks: number) => (wallTicks > 0 ? (ticks / wallTicks) * 100 : 0);
          const srvCpu = pct(((self.user + self.system) / 1e6) * CLK_TCK);
          const neo4jCpu = pct(neo);
          const sysCpu = pct(sys1.busy - sys0.busy);
          const otherCpu = Math.max(0, sysCpu - srvCpu - neo4jCpu - r.loadgenCpuPct);
          // Requests still in flight when the run ended: finished before the next run, not counted.
          const leftInFlight = inflight[name];
          const drainS = await drain();
          // Saved and summarised only after the run's CPU was read, so that work is not counted as the server's.
          let profileSummary: ReturnType<typeof summariseProfile> | undefined;
          if (profile) {
            mkdirSync(PROFILE_DIR, { recursive: true });
            const file = join(PROFILE_DIR, `${workload}-${op}-${name.replace('+', '-')}-r${round + 1}.cpuprofile`);
            writeFileSync(file, JSON.stringify(profile));
            profileSummary = summariseProfile(profile, 12);
            (profiles[`${workload}/${op}/${name}`] ??= []).push({ file, ...profileSummary });
          }
          (measured[`${workload}/${op}/${name}`] ??= []).push({
            ...r,
            srvCpu,
            neo4jCpu,
            otherCpu,
            sysCpu,
            leftInFlight,
            drainS,
            drainWarmS,
            ...(hitRate === undefined ? {} : { hitRate }),
          });
          log(
            `         ${r.reqPerSec.toFixed(1)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}, GraphQL errors ${r.bodyErrors}, socket errors ${r.socketErrors} (timeouts ${r.timeouts}); ${hitRate === undefined ? '' : `cache hit rate ${(hitRate * 100).toFixed(1)} %; `}CPU % of one core: server ${srvCpu.toFixed(0)}, neo4j ${neo4jCpu.toFixed(0)}, loadgen ${r.loadgenCpuPct.toFixed(0)}, other ${otherCpu.toFixed(0)}; load avg ${loadavg()[0]!.toFixed(2)}`,
          );
          if (profileSummary) {
            const perReq = r.requests > 0 ? (profileSummary.busyMs / r.requests).toFixed(2) : 'n/a';
            log(`         profile: ${profileSummary.busyMs} ms busy in this process, ${perReq} ms a request; self time by owner:`);
            for (const o of profileSummary.byOwner) log(`           ${o.pct.toFixed(1).padStart(5)} %  ${o.name}`);
            log(`         top functions:`);
            for (const f of profileSummary.byFunction.slice(0, 8)) log(`           ${f.pct.toFixed(1).padStart(5)} %  ${f.name}`);
          }
          if (drainWarmS > 1 || drainS > 1)
            log(
              `         (waited ${drainWarmS.toFixed(1)} s after the warm-up and ${drainS.toFixed(1)} s after the run, ${leftInFlight} requests in flight, for the server to go idle)`,
            );
        }
      }
  }

  // 6. The table: per operation and server, the median of the rounds (errors: the sum).
  const median = (xs: number[]) => {
    const a = [...xs].sort((x, y) => x - y);
    return a.length % 2 ? a[(a.length - 1) / 2]! : (a[a.length / 2 - 1]! + a[a.length / 2]!) / 2;
  };
  const summary = (runs: Measured[]) => ({
    reqPerSec: median(runs.map((r) => r.reqPerSec)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    errors: runs.reduce((s, r) => s + r.non2xx + r.bodyErrors + r.socketErrors, 0),
    cpu: ['srvCpu', 'neo4jCpu', 'loadgenCpuPct', 'otherCpu'].map((k) => median(runs.map((r) => r[k as keyof Measured] as number)).toFixed(0)).join('/'),
  });
  const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : 'n/a');
  for (const workload of WORKLOADS)
    for (const op of OPS) {
      for (const name of SERVERS) {
        const runs = measured[`${workload}/${op}/${name}`];
        const c = checks[`${op}/${name}`] as { avgNodes: number; avgKB: number } | undefined;
        if (!runs || !c) {
          rows.push({
            workload,
            operation: op,
            server: name,
            'req/s': 'not measured',
            'p50 ms': '',
            'p99 ms': '',
            errors: unmeasured.get(`${op}/${name}`) ?? '',
          });
          continue;
        }
        const m = summary(runs);
        const hitRates = runs.flatMap((r) => (r.hitRate === undefined ? [] : [r.hitRate]));
        const row: Record<string, string | number> = {
          workload,
          operation: op,
          server: name,
          'req/s': Math.round(m.reqPerSec * 10) / 10,
          'p50 ms': m.p50,
          'p99 ms': m.p99,
          errors: m.errors,
          'req/s by round': runs.map((r) => r.reqPerSec.toFixed(0)).join(' '),
          'nodes/resp': Math.round(c.avgNodes * 10) / 10,
          'KB/resp': Math.round(c.avgKB * 10) / 10,
          'cpu% srv/neo4j/gen/other': m.cpu,
          'cache hit %': hitRates.length ? (median(hitRates) * 100).toFixed(1) : '',
          'ours/peer req/s': '',
          'ours/peer p99': '',
          'ours/floor req/s': '',
        };
        if (name === 'ours' || name === 'ours+cache') {
          const peer = measured[`${workload}/${op}/peer`];
          const floor = measured[`${workload}/${op}/floor`];
          row['ours/peer req/s'] = peer ? ratio(m.reqPerSec, summary(peer).reqPerSec) : 'n/a';
          row['ours/peer p99'] = peer ? ratio(m.p99, summary(peer).p99) : 'n/a';
          row['ours/floor req/s'] = floor ? ratio(m.reqPerSec, summary(floor).reqPerSec) : 'n/a';
        }
        rows.push(row);
      }
    }
  Object.assign(notes, {
    graph: { entities: counts.get('n'), relations: counts.get('r'), relationTypes: relTypes.length },
    neo4j: external ? 'TEST_NEO4J_URI' : 'local ephemeral Community 5.26, heap 6 GiB, page cache 2 GiB',
    load: `autocannon in a child process, ${CONNECTIONS} connections, ${WARMUP_S} s warm-up then ${DURATION_S} s per operation and server, ${ROUNDS} rounds (server order rotated each round; the table shows medians), workloads: uniform = ${SAMPLES} sampled inputs cycled, zipf = ${ZIPF_REQUESTS} draws from Zipf(s = ${ZIPF_S}) over ${ZIPF_POPULATION} inputs cycled; the response cache is emptied before each warm-up; request timeout ${TIMEOUT_S} s (timeouts count as errors; latencies are of completed requests)`,
    machine: `${cpus().length} cores shared by Neo4j, the three servers (one Node process, one measured at a time), the load generator and whatever else runs on the host`,
    errors: 'non-2xx + 2xx bodies with an "errors" member (every response checked) + socket errors/timeouts',
    cpu: 'cpu% = % of one core during the measured run: srv = this process (servers), neo4j = the JVM, gen = autocannon child, other = rest of the host',
    drain: `after the warm-up and after each run, the next run waited until every server had finished the requests left in flight (measured.*.drainS), or, after ${STUCK_AFTER_S} s, until both processes were idle`,
    stuckHandlers,
    queriesPerOperation: queriesPerOp,
    peer: '@neo4j/graphql 7: neighbourhood = entity with one connection field per relation type and direction (first: 200 each), depth 2 = nested once more; search = @fulltext query with the same Lucene phrase our API builds; paths = top-level @cypher field with the same SHORTEST query (no k-shortest-paths in @neo4j/graphql)',
    floor:
      'node:http + neo4j-driver read transaction sending the Cypher captured from our API (verified identical text and parameters for every sampled input), records as JSON',
    raw: measured,
  });
} finally {
  await cleanup();
}
reportBench('api', rows, notes);
