/**
 * `npm run bench:relation-layout [-- --relations 100000] [-- --rounds 5] [-- --only a,b,k]`: the same relations between the
 * same entities written in ONE transaction in several property layouts, the UNWIND work and the
 * commit timed apart, into a throw-away local Neo4j — what each layout costs Neo4j's stores
 * (issue 15). Rounds are interleaved so drift in load hits every layout alike. Asserts nothing.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalNeo4j } from '../../neo4j/local-neo4j.ts';
import { cypherParams } from '../../server/db/cypher-params.ts';
import { cypher } from '../../server/db/cypher-queries.ts';
import { openDatabase } from '../../server/db/database.ts';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { loadOntologyFile } from '../../server/ingest/ontology.ts';
import { relationHash, relationTuple } from '../../server/ingest/seed-diff.ts';
import type { SeedRelation } from '../../server/ingest/seed-model.ts';
import { syncSeed } from '../../server/ingest/sync-seed.ts';
import { SEED_DIR } from '../helpers/seed-fixture.ts';
import { deleteAllRelationships } from './bolt-floors.ts';
import { writeSyntheticSeed } from './synthetic-seed.ts';

const { values } = parseArgs({
  options: { relations: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '5' }, only: { type: 'string' } },
});
const relations = Number(values.relations);
const ontologyPath = join(SEED_DIR, 'ontology.yaml');

// (b): createRelations and its tuple as issue 15 found them (commit 5d74d40): a list per evidence field.
const TODAY = `UNWIND $rows AS row
MATCH (a:Entity {id: row[0]})
MATCH (b:Entity {id: row[2]})
CREATE (a)-[r:$(row[1])]->(b)
SET r = row[14]
SET r.key = row[3], r.since = row[4], r.until = row[5], r.confidence = row[6],
    r.evidenceOutlets = row[7], r.evidenceQuotes = row[8], r.evidenceUrls = row[9], r.evidenceDates = row[10],
    r.seedFile = row[11], r.seedLine = row[12], r.seedHash = row[13],
    r.evidenceStances = row[15], r.evidenceDisputedBy = row[16]
RETURN count(*) AS n`;

const FLOOR_A = `UNWIND $rows AS row
MATCH (a:Entity {id: row[0]})
MATCH (b:Entity {id: row[2]})
CREATE (a)-[:$(row[1])]->(b)
RETURN count(*) AS n`;

/** Today's createRelations with the type written as a literal (the caller groups rows by type). */
const staticType = (query: string, type: string) => query.replace('$(row[1])', type);

// (c): quotes, urls, dates and stances as one JSON string; outlets and disputers stay lists.
const PARTIAL_JSON = `UNWIND $rows AS row
MATCH (a:Entity {id: row[0]})
MATCH (b:Entity {id: row[2]})
CREATE (a)-[r:$(row[1])]->(b)
SET r = row[11]
SET r.key = row[3], r.since = row[4], r.until = row[5], r.confidence = row[6],
    r.evidenceOutlets = row[7], r.evidence = row[12], r.evidenceDisputedBy = row[13],
    r.seedFile = row[8], r.seedLine = row[9], r.seedHash = row[10]
RETURN count(*) AS n`;

// (d): all evidence in one JSON string.
const ALL_JSON = `UNWIND $rows AS row
MATCH (a:Entity {id: row[0]})
MATCH (b:Entity {id: row[2]})
CREATE (a)-[r:$(row[1])]->(b)
SET r = row[11]
SET r.key = row[3], r.since = row[4], r.until = row[5], r.confidence = row[6], r.evidence = row[7],
    r.seedFile = row[8], r.seedLine = row[9], r.seedHash = row[10]
RETURN count(*) AS n`;

// (f): the floor plus only what the sync cannot do without (key and seed provenance).
const SEED_ONLY = `UNWIND $rows AS row
MATCH (a:Entity {id: row[0]})
MATCH (b:Entity {id: row[2]})
CREATE (a)-[r:$(row[1])]->(b)
SET r.key = row[3], r.seedFile = row[4], r.seedLine = row[5], r.seedHash = row[6]
RETURN count(*) AS n`;

// (h): today's properties as one map per row, one SET.
const ONE_MAP = `UNWIND $rows AS row
MATCH (a:Entity {id: row[0]})
MATCH (b:Entity {id: row[2]})
CREATE (a)-[r:$(row[1])]->(b)
SET r = row[3]
RETURN count(*) AS n`;

// (i): today's tuple, the properties given to CREATE rather than SET after it.
const CREATE_WITH = `UNWIND $rows AS row
MATCH (a:Entity {id: row[0]})
MATCH (b:Entity {id: row[2]})
CREATE (a)-[r:$(row[1]) {key: row[3], since: row[4], until: row[5], confidence: row[6],
    evidenceOutlets: row[7], evidenceQuotes: row[8], evidenceUrls: row[9], evidenceDates: row[10],
    seedFile: row[11], seedLine: row[12], seedHash: row[13], evidenceStances: row[15], evidenceDisputedBy: row[16]}]->(b)
SET r += row[14]
RETURN count(*) AS n`;

// (j): (c)'s layout given to CREATE.
const CREATE_WITH_JSON = `UNWIND $rows AS row
MATCH (a:Entity {id: row[0]})
MATCH (b:Entity {id: row[2]})
CREATE (a)-[r:$(row[1]) {key: row[3], since: row[4], until: row[5], confidence: row[6],
    evidenceOutlets: row[7], evidence: row[12], evidenceDisputedBy: row[13],
    seedFile: row[8], seedLine: row[9], seedHash: row[10]}]->(b)
SET r += row[11]
RETURN count(*) AS n`;

const contested = (r: SeedRelation) => r.evidence.some((e) => e.stance !== 'supports' || e.disputedBy.length > 0);
const evidenceJson = (r: SeedRelation, withOutlet: boolean) =>
  JSON.stringify(
    r.evidence.map((e) => ({
      ...(withOutlet ? { outlet: e.outlet } : {}),
      ...(e.quote !== undefined ? { quote: e.quote } : {}),
      ...(e.url !== undefined ? { url: e.url } : {}),
      date: e.date,
      ...(e.stance !== 'supports' ? { stance: e.stance } : {}),
      ...(e.disputedBy.length > 0 && withOutlet ? { disputedBy: e.disputedBy } : {}),
    })),
  );

interface Variant {
  name: string;
  batch: number;
  /** Rows grouped by type into their own batches, the type a literal of the query. */
  byType?: boolean;
  query: string;
  encode: (r: SeedRelation, hash: string) => unknown[];
}

/** Today's tuple: exactly what the sync writes (seed-diff.ts), so the bench measures the real layout. */
const full = (r: SeedRelation, hash: string): unknown[] => relationTuple(r, hash);
/** (k): whatever the sync writes now (toRelationTuple, createRelations). */
const current = full;
const partial = (r: SeedRelation, hash: string) => [
  r.from,
  r.type,
  r.to,
  r.key,
  r.since ?? null,
  r.until ?? null,
  r.confidence,
  r.evidence.map((e) => e.outlet),
  r.at.file,
  r.at.line,
  hash,
  r.properties,
  evidenceJson(r, false),
  contested(r) ? r.evidence.map((e) => e.disputedBy.join(',')) : null,
];
const allJson = (r: SeedRelation, hash: string) => [
  r.from,
  r.type,
  r.to,
  r.key,
  r.since ?? null,
  r.until ?? null,
  r.confidence,
  evidenceJson(r, true),
  r.at.file,
  r.at.line,
  hash,
  r.properties,
];

const all: Variant[] = [
  { name: 'a floor: from/to/type', batch: 10_000, query: FLOOR_A, encode: (r) => [r.from, r.type, r.to] },
  { name: 'b today: full tuple', batch: 10_000, query: TODAY, encode: full },
  { name: 'c JSON quotes/urls/dates/stances', batch: 10_000, query: PARTIAL_JSON, encode: partial },
  { name: 'd JSON all evidence', batch: 10_000, query: ALL_JSON, encode: allJson },
  { name: 'e1 b, static type per batch', batch: 10_000, byType: true, query: TODAY, encode: full },
  { name: 'e2 b, batches of 50k', batch: 50_000, query: TODAY, encode: full },
  { name: 'e3 c, static type per batch', batch: 10_000, byType: true, query: PARTIAL_JSON, encode: partial },
  { name: 'e4 c, batches of 50k', batch: 50_000, query: PARTIAL_JSON, encode: partial },
  { name: 'g d, static type, batches of 50k', batch: 50_000, byType: true, query: ALL_JSON, encode: allJson },
  {
    name: 'h b, one map per row',
    batch: 10_000,
    query: ONE_MAP,
    encode: (r, h) => {
      const t = full(r, h);
      const map: Record<string, unknown> = {
        ...(t[14] as object),
        key: t[3],
        confidence: t[6],
        evidenceOutlets: t[7],
        evidenceQuotes: t[8],
        evidenceUrls: t[9],
        evidenceDates: t[10],
        seedFile: t[11],
        seedLine: t[12],
        seedHash: t[13],
      };
      if (t[4] !== null) map.since = t[4];
      if (t[5] !== null) map.until = t[5];
      if (t[15] !== null) map.evidenceStances = t[15];
      if (t[16] !== null) map.evidenceDisputedBy = t[16];
      return [t[0], t[1], t[2], map];
    },
  },
  { name: 'i b, CREATE with its properties', batch: 10_000, query: CREATE_WITH, encode: full },
  { name: 'j c, CREATE with its properties', batch: 10_000, query: CREATE_WITH_JSON, encode: partial },
  { name: 'k the sync now: createRelations', batch: 10_000, query: cypher('createRelations'), encode: current },
  { name: 'l k, static type per batch', batch: 10_000, byType: true, query: cypher('createRelations'), encode: current },
  { name: 'm k, batches of 50k', batch: 50_000, query: cypher('createRelations'), encode: current },
  { name: 'f key + seed provenance only', batch: 10_000, query: SEED_ONLY, encode: (r, h) => [r.from, r.type, r.to, r.key, r.at.file, r.at.line, h] },
];
const variants = all.filter((v) => !values.only || values.only.split(',').some((p) => v.name.startsWith(`${p} `)));

const parent = mkdtempSync(join(tmpdir(), 'splinternet-layout-'));
const dir = join(parent, 'seed');
mkdirSync(dir, { recursive: true });
copyFileSync(ontologyPath, join(dir, 'ontology.yaml'));
writeSyntheticSeed({ dir, ontology: loadOntologyFile(ontologyPath), entities: Math.max(100, Math.round(relations / 5)), relations, relationsPerFile: 10_000 });
const seed = loadSeed({ seedDir: dir });
rmSync(parent, { recursive: true, force: true });
if (seed.diagnostics.length > 0) throw new Error(`synthetic seed invalid: ${JSON.stringify(seed.diagnostics[0])}`);
const rels = seed.graph.relations;
const hashes = rels.map(relationHash);

const local = await startLocalNeo4j({ mode: 'ephemeral', heapMb: 8192, pageCacheMb: 2048, txMemoryMb: 12_000 });
const db = openDatabase({ uri: local.uri, username: 'neo4j', password: 'neo4j' });

/** One transaction of every row: batches pipelined 4 deep as the sync does; seconds of work and of commit. */
async function write(v: Variant, count: number): Promise<{ work: number; commit: number; n: number }> {
  const session = db.driver.session();
  try {
    const tx = session.beginTransaction();
    const t0 = performance.now();
    const groups = new Map<string, number[]>();
    for (let i = 0; i < count; i++) {
      const key = v.byType ? rels[i]!.type : '';
      (groups.get(key) ?? groups.set(key, []).get(key)!).push(i);
    }
    let n = 0;
    const pending: Array<Promise<unknown>> = [];
    try {
      for (const [type, idx] of groups) {
        const query = v.byType ? staticType(v.query, type) : v.query;
        for (let i = 0; i < idx.length; i += v.batch) {
          const batch = idx.slice(i, i + v.batch).map((j) => v.encode(rels[j]!, hashes[j]!));
          pending.push(
            Promise.resolve(tx.run(query, cypherParams({ rows: batch }) as Record<string, unknown>)).then((r) => (n += Number(r.records[0]?.get('n')))),
          );
          if (pending.length >= 4) await pending.shift();
        }
      }
      await Promise.all(pending);
    } catch (err) {
      await Promise.allSettled(pending);
      throw new Error(`${v.name}: ${(err as Error).message}`, { cause: err });
    }
    const t1 = performance.now();
    await tx.commit();
    return { work: (t1 - t0) / 1000, commit: (performance.now() - t1) / 1000, n };
  } finally {
    await session.close();
  }
}

const results = new Map<string, Array<{ work: number; commit: number; load: number }>>();
try {
  // Entities only, by the sync itself: every variant writes relations between the same nodes.
  await syncSeed(db, { entities: seed.graph.entities, relations: [] });
  for (const v of variants) {
    // Warm-up (JIT, query plans), not recorded.
    await write(v, Math.min(10_000, rels.length));
    await deleteAllRelationships(db);
  }
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const v of round % 2 === 0 ? variants : [...variants].reverse()) {
      const load = loadavg()[0]!;
      const r = await write(v, rels.length);
      if (r.n !== rels.length) throw new Error(`${v.name}: wrote ${r.n} of ${rels.length}`);
      (results.get(v.name) ?? results.set(v.name, []).get(v.name)!).push({ work: r.work, commit: r.commit, load });
      console.log(`${v.name}: work ${r.work.toFixed(2)} s, commit ${r.commit.toFixed(2)} s, load ${load.toFixed(1)}`);
      await deleteAllRelationships(db);
    }
  }
} finally {
  await db.close();
  await local.stop();
}

/** The round of median total (work + commit): one busy neighbour on the machine moves it less than the mean. */
const best = (xs: Array<{ work: number; commit: number }>) => [...xs].sort((a, b) => a.work + a.commit - (b.work + b.commit))[Math.floor((xs.length - 1) / 2)]!;
const fastest = (xs: Array<{ work: number; commit: number }>) => Math.min(...xs.map((x) => x.work + x.commit));
const floor = best(results.get(variants[0]!.name) ?? [{ work: NaN, commit: NaN }]);
const today = results.get('b today: full tuple');
const base = today ? best(today) : undefined;
console.log(`\n${relations} relations, median round of ${values.rounds} (seconds):`);
console.log('variant | work | commit | total | fastest total | × a | vs b | load avg');
for (const [name, xs] of results) {
  const r = best(xs);
  const total = r.work + r.commit;
  const vsB = base ? `${(((total - (base.work + base.commit)) / (base.work + base.commit)) * 100).toFixed(0)} %` : '';
  const loads = xs.map((x) => x.load.toFixed(1)).join('/');
  console.log(
    `${name} | ${r.work.toFixed(2)} | ${r.commit.toFixed(2)} | ${total.toFixed(2)} | ${fastest(xs).toFixed(2)} | ${(total / (floor.work + floor.commit)).toFixed(2)} | ${vsB} | ${loads}`,
  );
}
