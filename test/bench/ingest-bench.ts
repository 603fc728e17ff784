/**
 * `npm run bench:ingest [-- --sizes 100000,1000000] [-- --per-file 10000]`: the seed sync beside
 * the floors, in the same run, on the same rows, into a throw-away local Neo4j (or
 * TEST_NEO4J_URI, where floors B and C cannot run):
 *   - floor A: plain neo4j-driver UNWIND … CREATE of from/to/type in one transaction;
 *   - floor B: LOAD CSV of the same rows in one transaction;
 *   - floor C: neo4j-admin database import full of the same rows into an empty database, offline;
 *   - ours: full sync, unchanged re-sync, one-file incremental sync (graph version included).
 * Also the check (parse + validate) and Node's RSS peak of each step. Every key of
 * SyncReport.phases is printed. Prints a table and writes bench-results/ingest.json; asserts nothing.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalNeo4j } from '../../neo4j/local-neo4j.ts';
import { HEAP_GROWING_PERCENT, limitHeapGrowth } from '../../server/heap-growth.ts';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { loadOntologyFile } from '../../server/ingest/ontology.ts';
import type { SeedGraph } from '../../server/ingest/seed-model.ts';
import { syncSeed, type SyncReport } from '../../server/ingest/sync-seed.ts';
import { graphVersion } from '../../server/live/graph-version.ts';
import { SEED_DIR } from '../helpers/seed-fixture.ts';
import { adminImportFloor, cachedNeo4jClasspath } from './admin-import-floor.ts';
import { reportBench } from './bench-report.ts';
import { deleteAllRelationships, floorA, floorB, type FloorRow } from './bolt-floors.ts';
import { writeSyntheticSeed } from './synthetic-seed.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000,1000000' },
    'per-file': { type: 'string', default: '10000' },
    'warm-up': { type: 'string', default: '5000' },
    // off-heap: Neo4j keeps the one transaction's state outside the JVM heap (see neo4j/Launcher.java)
    'tx-state': { type: 'string', default: 'off-heap' },
    // limited: what the processes that sync do (server/heap-growth.ts); v8: V8's own growth (up to 4×)
    'heap-growth': { type: 'string', default: 'limited' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const perFile = Number(values['per-file']);
const BATCH = 10_000;
const ontologyPath = join(SEED_DIR, 'ontology.yaml');
const ontology = loadOntologyFile(ontologyPath);

/** Node's RSS peak over a step: sampled every 20 ms and at every progress callback. */
function rssPeak() {
  let peak = process.memoryUsage().rss;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const timer = setInterval(sample, 20);
  return {
    sample,
    stop: () => {
      clearInterval(timer);
      sample();
      return Math.round(peak / 2 ** 20);
    },
  };
}

if (values['heap-growth'] !== 'limited' && values['heap-growth'] !== 'v8') throw new Error('--heap-growth is "limited" or "v8"');
if (values['heap-growth'] === 'limited') limitHeapGrowth();

const external = process.env.TEST_NEO4J_URI;
if (values['tx-state'] !== 'off-heap' && values['tx-state'] !== 'heap') throw new Error('--tx-state is "heap" or "off-heap"');
const txStateOffHeapMb = values['tx-state'] === 'off-heap' ? 8192 : 0;
const local = external ? undefined : await startLocalNeo4j({ mode: 'ephemeral', heapMb: 8192, pageCacheMb: 2048, txMemoryMb: 12_000, txStateOffHeapMb });
const db = openDatabase({
  uri: external ?? local!.uri,
  username: process.env.TEST_NEO4J_USERNAME ?? 'neo4j',
  password: process.env.TEST_NEO4J_PASSWORD ?? 'neo4j',
});

async function wipe(target: Database): Promise<void> {
  const session = target.driver.session();
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}

/** Revises every 100th quote of one relation file: an edit of 1% of its rows. */
function editOneFile(dataDir: string): string {
  const name = readdirSync(dataDir).find((n) => n.endsWith('.csv'))!;
  const path = join(dataDir, name);
  const lines = readFileSync(path, 'utf8').split('\n');
  writeFileSync(path, lines.map((l, i) => (i > 0 && i % 100 === 0 ? l.replace('"Synthetic quote', '"Revised quote') : l)).join('\n'));
  return name;
}

const rows: Array<Record<string, string | number>> = [];
const notes: Record<string, unknown> = {
  neo4j: external ? 'TEST_NEO4J_URI' : `local ephemeral, heap 8 GiB, page cache 2 GiB, transaction state ${values['tx-state']}`,
  sync: `one transaction, UNWIND batches of ${BATCH}; seed files of ${perFile} relations`,
  heapGrowth: values['heap-growth'] === 'limited' ? `${HEAP_GROWING_PERCENT} % past the live heap (as npm start and seed:sync)` : "V8's own (up to 4×)",
  order: 'per size: check, ours full, unchanged, one-file, then floors A, B, C; a warm-up round first (JIT, query plans)',
  load: [] as number[],
};

async function measureSize(relations: number, record: boolean): Promise<void> {
  const entities = Math.max(100, Math.round(relations / 5));
  const parent = mkdtempSync(join(tmpdir(), 'splinternet-bench-'));
  const dir = join(parent, 'seed');
  try {
    mkdirSync(dir, { recursive: true });
    copyFileSync(ontologyPath, join(dir, 'ontology.yaml'));
    writeSyntheticSeed({ dir, ontology, entities, relations, relationsPerFile: perFile });
    const add = (row: Record<string, string | number>) => {
      if (record) rows.push({ relations, ...row, 'load avg': Number(loadavg()[0]!.toFixed(1)) });
    };
    const load = () => {
      const rss = rssPeak();
      const t = performance.now();
      const seed = loadSeed({ seedDir: dir });
      const s = (performance.now() - t) / 1000;
      if (seed.diagnostics.length > 0) throw new Error(`synthetic seed invalid: ${JSON.stringify(seed.diagnostics[0])}`);
      return { graph: seed.graph, s, rssMb: rss.stop() };
    };
    /** Graph version + sync, as the live sync and seed:sync run them. */
    const ours = async (graph: SeedGraph, progress = false) => {
      const rss = rssPeak();
      const t = performance.now();
      const version = graphVersion(graph, ontology);
      const versionS = (performance.now() - t) / 1000;
      const report = await syncSeed(db, graph, {
        version,
        onProgress: (d, all) => {
          rss.sample();
          if (progress) process.stderr.write(`\r  sync ${relations}: ${d}/${all} rows`);
        },
      });
      const s = (performance.now() - t) / 1000;
      if (progress) process.stderr.write('\n');
      // Counts only: the report's diff holds every row, which must not outlive the step.
      const { relations: counted, files, phases } = report;
      return { report: { relations: counted, files, phases }, s, versionS, rssMb: rss.stop() };
    };
    const phaseColumns = (r: Pick<SyncReport, 'phases'>) =>
      Object.fromEntries(Object.entries(r.phases).map(([k, v]) => [`${k.replace(/Ms$/, '')} s`, v / 1000]));

    // Each graph is dropped before the next load, so every RSS peak is of one step alone.
    let first: ReturnType<typeof load> | undefined = load();
    const checkS = first.s;
    add({ measure: 'check (parse + validate)', s: checkS, 'rel/s': Math.round(relations / checkS), 'RSS peak MB': first.rssMb });
    await wipe(db);
    const full = await ours(first.graph, record);
    if (full.report.relations.created !== relations) throw new Error(`full sync created ${full.report.relations.created} of ${relations}`);
    const floorRows: FloorRow[] = first.graph.relations.map((r) => ({ from: r.from, type: r.type, to: r.to }));
    const ids = first.graph.entities.map((e) => e.id);
    first = undefined;

    let again: ReturnType<typeof load> | undefined = load();
    const againS = again.s;
    const unchanged = await ours(again.graph);
    if (unchanged.report.relations.unchanged !== relations) throw new Error('unchanged re-sync found changes');
    again = undefined;
    editOneFile(join(dir, 'data'));
    let edited: ReturnType<typeof load> | undefined = load();
    const editedS = edited.s;
    const oneFile = await ours(edited.graph);
    edited = undefined;
    if (oneFile.report.files.written !== 1) throw new Error(`one-file sync wrote ${oneFile.report.files.written} files`);

    await deleteAllRelationships(db);
    const a = await floorA(db, floorRows, BATCH);
    const vsA = (s: number) => Number((s / a).toFixed(2));
    const oursRow = (measure: string, m: Awaited<ReturnType<typeof ours>>, loadS: number) =>
      add({
        measure,
        s: m.s,
        'rel/s': Math.round(relations / m.s),
        '× floor A': vsA(m.s),
        'load s': loadS,
        'RSS peak MB': m.rssMb,
        'written rel': m.report.relations.created + m.report.relations.updated + m.report.relations.removed,
        'graph version s': m.versionS,
        ...phaseColumns(m.report),
      });
    oursRow('ours: full sync', full, checkS);
    oursRow('ours: unchanged re-sync', unchanged, againS);
    oursRow('ours: one-file incremental', oneFile, editedS);
    add({ measure: 'floor A: UNWIND CREATE from/to/type', s: a, 'rel/s': Math.round(relations / a), '× floor A': 1 });
    if (local) {
      await deleteAllRelationships(db);
      const b = await floorB(db, floorRows, local.dataDir);
      if (b !== undefined) {
        add({
          measure: 'floor B: LOAD CSV, one transaction',
          s: b.seconds,
          'rel/s': Math.round(relations / b.seconds),
          '× floor A': vsA(b.seconds),
          note: b.url.startsWith('file:///floor') ? 'from the import folder' : 'by absolute path',
        });
      }
      const classpath = cachedNeo4jClasspath();
      if (classpath) {
        const c = adminImportFloor({ classpath, ids, relations: floorRows });
        add({
          measure: 'floor C: neo4j-admin import (offline)',
          s: c.seconds,
          'rel/s': Math.round(relations / c.seconds),
          '× floor A': vsA(c.seconds),
          note: `incl. ${c.jvmStartS.toFixed(1)} s JVM start`,
        });
      }
    }
    if (record)
      console.log(
        `  ${relations}: full ${full.s.toFixed(2)} s, unchanged ${unchanged.s.toFixed(2)} s, one file ${oneFile.s.toFixed(2)} s, floor A ${a.toFixed(2)} s`,
      );
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}

try {
  // A round nobody records: the JVM's JIT and the query plans are then warm for every measure.
  await measureSize(Number(values['warm-up']), false);
  for (const relations of sizes) {
    (notes.load as number[]).push(Number(loadavg()[0]!.toFixed(1)));
    await measureSize(relations, true);
  }
} finally {
  await db.close();
  await local?.stop();
}
reportBench('ingest', rows, notes);
