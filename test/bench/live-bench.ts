/**
 * `npm run bench:live [-- --changes 20 --datasets real,synthetic --modes file]`: time from a save
 * to the change being visible to a second, subscribed client — the seedEvents event over SSE,
 * then a query that returns the new relation — p50 and p95 of N changes, on the real dataset and
 * on a 100 000-relation synthetic seed. The server is the real one in-process (createLiveSeed
 * watching a copy of the seed, createHttpServer), the client talks to it over HTTP with fetch,
 * against a throw-away local Neo4j (or TEST_NEO4J_URI). Prints a table and writes
 * bench-results/live.json. Asserts no timing.
 *
 * A save mode is one function (SAVE_MODES): "file" writes a seed file as an editor does (temp +
 * rename); "api" saves through the addRelation mutation (validated, written, synced by the server).
 */
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalNeo4j } from '../../neo4j/local-neo4j.ts';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { CSRF_HEADER } from '../../server/graphql/csrf-header.ts';
import { createHttpServer } from '../../server/http/create-http-server.ts';
import { loadOntologyFile } from '../../server/ingest/ontology.ts';
import { createLiveSeed, type LiveSeedHandle } from '../../server/live/create-live-seed.ts';
import { resetDatabase } from '../helpers/graph-state.ts';
import { openSeedEventStream } from '../helpers/live-seed-harness.ts';
import { SEED_DIR } from '../helpers/seed-fixture.ts';
import { reportBench } from './bench-report.ts';
import { writeSyntheticSeed } from './synthetic-seed.ts';

const { values: args } = parseArgs({
  options: {
    changes: { type: 'string', default: '20' },
    datasets: { type: 'string', default: 'real,synthetic' },
    modes: { type: 'string', default: 'file,api' },
    'synthetic-relations': { type: 'string', default: '100000' },
    /** Pause between changes, so each is a sync of its own (the debounce would merge them). */
    'gap-ms': { type: 'string', default: '300' },
  },
});

/** One relation a change adds: ends and an outlet that exist in the dataset. */
interface Ends {
  from: string;
  to: string;
  outlet: string;
}

/** What a save mode gets: the seed folder, the server's URL, the dataset's ends. */
interface BenchContext {
  seedDir: string;
  baseUrl: string;
  ends: Ends;
}

/** Saves change `i` (a new relation) the mode's way and returns the relation's id. */
type SaveMode = (ctx: BenchContext, i: number) => Promise<string>;

/** A date per change, so every relation is new (the key carries since). */
const sinceOf = (i: number) => `${1900 + i}-01-01`;

const SAVE_MODES: Record<string, SaveMode> = {
  /** A new file under data/, written as editors write: a temp file renamed over the target. */
  file: ({ seedDir, ends }, i) => {
    const since = sinceOf(i);
    const target = join(seedDir, 'data', `bench-live-${i}.yaml`);
    writeFileSync(`${target}.tmp`, relationYaml(ends, since, i));
    renameSync(`${target}.tmp`, target);
    return Promise.resolve(`${ends.from}|EXCLUDES|${ends.to}|${since}`);
  },
  /** The explorer's way: the addRelation mutation into one file, appended to at each change. */
  api: async ({ baseUrl, ends }, i) => {
    const since = sinceOf(i);
    const res = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
      body: JSON.stringify({
        query: `mutation ($r: RelationInput!, $o: EditOptions) { addRelation(relation: $r, options: $o) { applied graphVersion } }`,
        variables: {
          r: { from: ends.from, type: 'EXCLUDES', to: ends.to, since, evidence: [{ outlet: ends.outlet, quote: `bench change ${i}`, date: since }] },
          o: { file: 'seed/data/bench-live-api.yaml' },
        },
      }),
    });
    const body = (await res.json()) as { data?: { addRelation: { applied: boolean } }; errors?: unknown[] };
    if (!body.data?.addRelation.applied) throw new Error(`change ${i} through the API failed: ${JSON.stringify(body.errors)}`);
    return `${ends.from}|EXCLUDES|${ends.to}|${since}`;
  },
};

function relationYaml({ from, to, outlet }: Ends, since: string, i: number): string {
  return `relations:\n  - from: ${from}\n    type: EXCLUDES\n    to: ${to}\n    since: ${since}\n    evidence: { outlet: ${outlet}, quote: "bench change ${i}", date: ${since} }\n`;
}

interface Dataset {
  name: string;
  /** Makes the seed folder under `root` and returns it with the ends changes use. */
  make(root: string): { seedDir: string; ends: Ends; relations: string };
}

const DATASETS: Record<string, Dataset> = {
  real: {
    name: 'real dataset (seed/)',
    make: (root) => {
      const dir = join(root, 'seed');
      cpSync(SEED_DIR, dir, { recursive: true });
      return { seedDir: dir, ends: { from: 'uk', to: 'huawei', outlet: 'reuters' }, relations: 'seed/' };
    },
  },
  synthetic: {
    name: 'synthetic',
    make: (root) => {
      const relations = Number(args['synthetic-relations']);
      const dir = join(root, 'seed');
      mkdirSync(dir, { recursive: true });
      copyFileSync(join(SEED_DIR, 'ontology.yaml'), join(dir, 'ontology.yaml'));
      const ontology = loadOntologyFile(join(dir, 'ontology.yaml'));
      writeSyntheticSeed({ dir, ontology, entities: Math.max(100, Math.round(relations / 5)), relations });
      // synthetic-seed.ts gives entity i the i-th non-Outlet kind: find a Country and a Company.
      const kinds = [...ontology.kinds.values()].filter((k) => k.name !== 'Outlet').map((k) => k.name);
      const idOf = (kind: string) => `e${kinds.indexOf(kind)}`;
      return { seedDir: dir, ends: { from: idOf('Country'), to: idOf('Company'), outlet: 'outlet-0' }, relations: String(relations) };
    },
  },
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function visible(baseUrl: string, ends: Ends, key: string): Promise<boolean> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
    body: JSON.stringify({
      query: `query ($ids: [ID!]!) { subgraph(ids: $ids, relationTypes: ["EXCLUDES"]) { edges { id } } }`,
      variables: { ids: [ends.from, ends.to] },
    }),
  });
  const body = (await res.json()) as { data?: { subgraph: { edges: Array<{ id: string }> } } };
  return Boolean(body.data?.subgraph.edges.some((e) => e.id === key));
}

/** N changes of one mode on one dataset: save → SSE event at a second client → query shows it. */
async function measure(db: Database, dataset: Dataset, modeName: string, mode: SaveMode, changes: number): Promise<Record<string, string | number>> {
  const root = mkdtempSync(join(tmpdir(), 'splinternet-bench-live-'));
  const made = dataset.make(root);
  let live: LiveSeedHandle | undefined;
  let server: Server | undefined;
  const syncMs: number[] = [];
  try {
    await resetDatabase(db);
    const t0 = performance.now();
    live = await createLiveSeed({
      db,
      seedDir: made.seedDir,
      displayRoot: join(made.seedDir, '..'),
      watch: true,
      log: (line) => {
        const ms = / in (\d+) ms/.exec(line)?.[1];
        if (ms && line.includes('bench-live')) syncMs.push(Number(ms));
      },
      logError: (line) => console.error(line),
    });
    const firstSyncS = (performance.now() - t0) / 1000;
    server = createHttpServer({ db, ontology: live.ontology(), live });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const stream = await openSeedEventStream(fetch, `${baseUrl}/graphql`);
    await stream.next(); // the status at subscription
    const ctx: BenchContext = { seedDir: made.seedDir, baseUrl, ends: made.ends };
    const toEvent: number[] = [];
    const toQuery: number[] = [];
    for (let i = 1; i <= changes; i++) {
      const start = performance.now();
      const key = await mode(ctx, i);
      for (;;) {
        const event = await stream.next();
        if (!event) throw new Error('the event stream ended');
        const change = event.data?.seedEvents?.change as { relations: { created: string[] } } | null;
        if (change?.relations.created.includes(key)) break;
        if (event.data?.seedEvents?.status.state === 'INVALID')
          throw new Error(`change ${i} was refused: ${JSON.stringify(event.data.seedEvents.status.diagnostics)}`);
      }
      toEvent.push(performance.now() - start);
      if (!(await visible(baseUrl, made.ends, key))) throw new Error(`change ${i}: the event came but the query does not return ${key}`);
      toQuery.push(performance.now() - start);
      process.stderr.write(`\r  ${dataset.name} / ${modeName}: ${i}/${changes} (${Math.round(toQuery.at(-1)!)} ms)`);
      await new Promise((r) => setTimeout(r, Number(args['gap-ms'])));
    }
    process.stderr.write('\n');
    stream.close();
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const [ev, q, s] = [sorted(toEvent), sorted(toQuery), sorted(syncMs)];
    return {
      dataset: dataset.name,
      relations: made.relations,
      mode: modeName,
      changes,
      'first sync s': firstSyncS,
      'sync p50 ms': percentile(s, 50),
      'save→event p50 ms': percentile(ev, 50),
      'save→event p95 ms': percentile(ev, 95),
      'save→query p50 ms': percentile(q, 50),
      'save→query p95 ms': percentile(q, 95),
    };
  } finally {
    await live?.close();
    if (server) await new Promise<void>((r) => server!.close(() => r()));
    rmSync(root, { recursive: true, force: true });
  }
}

const external = process.env.TEST_NEO4J_URI;
const local = external ? undefined : await startLocalNeo4j({ mode: 'ephemeral', heapMb: 2048, pageCacheMb: 512, txMemoryMb: 2048 });
const db = openDatabase({
  uri: external ?? local!.uri,
  username: process.env.TEST_NEO4J_USERNAME ?? 'neo4j',
  password: process.env.TEST_NEO4J_PASSWORD ?? 'neo4j',
});
const rows: Array<Record<string, string | number>> = [];
const load = loadavg()[0]!;
try {
  for (const name of args.datasets.split(',')) {
    const dataset = DATASETS[name];
    if (!dataset) throw new Error(`unknown dataset "${name}" (${Object.keys(DATASETS).join(', ')})`);
    for (const modeName of args.modes.split(',')) {
      const mode = SAVE_MODES[modeName];
      if (!mode) throw new Error(`unknown mode "${modeName}" (${Object.keys(SAVE_MODES).join(', ')})`);
      rows.push(await measure(db, dataset, modeName, mode, Number(args.changes)));
    }
  }
} finally {
  await db.close();
  await local?.stop();
}
reportBench('live', rows, {
  neo4j: external ? 'TEST_NEO4J_URI' : 'local ephemeral, heap 2 GiB, page cache 512 MiB',
  client: 'a second client over HTTP: SSE subscriber (seedEvents), then a subgraph query for the new relation',
  save: 'file: a new seed file per change, temp file + rename (debounce 50 ms); api: addRelation into one file (validated with the whole seed, written, synced before it answers)',
  loadAverageAtStart: load,
});
