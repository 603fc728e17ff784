import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ManagedTransaction } from 'neo4j-driver';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { DatabaseFailure } from '../../server/db/database-errors.ts';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { syncSeed } from '../../server/ingest/sync-seed.ts';
import { cypher } from '../../server/db/cypher-queries.ts';
import { SMALL_SEED, makeSeedDir } from '../helpers/seed-fixture.ts';
import { openTestDatabase, resetDatabase } from '../helpers/test-database.ts';
import { apiClient } from '../helpers/api-harness.ts';
import { loadOntologyFile } from '../../server/ingest/ontology.ts';

// The incremental sync against the real Neo4j: a digest per seed file (:SeedFile), only changed
// files read and diffed — and, after every kind of change, the same graph a full sync makes.
const db = openTestDatabase();
afterAll(() => db.close());
beforeEach(() => resetDatabase(db));
let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

const OUTLETS = `entities:
  - { id: ap-news, kind: Outlet, name: AP News, website: https://apnews.com }
sources:
  ap:
    outlet: ap-news
    url: https://apnews.com/article/clean-network
    date: 2020-09-08
`;
const COUNTRIES = `entities:
  - { id: us, kind: Country, name: United States }
  - { id: china, kind: Country, name: China }
  - { id: uk, kind: Country, name: United Kingdom }
  - { id: huawei, kind: Company, name: Huawei, founded: 1987 }
`;
const US = `relations:
  - us EXCLUDES huawei @ap
  - china COUNTERS us @ap
`;
const UK = `relations:
  - uk EXCLUDES huawei @ap
`;

function seedOf(files: Record<string, string>) {
  const s = makeSeedDir(files);
  cleanup.push(s.remove);
  const load = () => {
    const loaded = loadSeed({ seedDir: s.dir });
    expect(loaded.diagnostics).toEqual([]);
    return loaded.graph;
  };
  return { ...s, load, remove: (name: string) => rmSync(join(s.dir, 'data', name)) };
}

/** A Database that records the query texts and parameters its reads run. */
function recordingReads(): { db: Database; reads: Array<{ text: string; params: Record<string, unknown> | undefined }> } {
  const reads: Array<{ text: string; params: Record<string, unknown> | undefined }> = [];
  const read: Database['read'] = (work) =>
    db.read((tx) =>
      work({ run: (text: string, params?: Record<string, unknown>) => (reads.push({ text, params }), tx.run(text, params)) } as unknown as ManagedTransaction),
    );
  return { db: { ...db, read }, reads };
}

/** Every seed fact Neo4j holds, by content (no element ids), and the stored file digests' paths. */
async function facts(): Promise<unknown> {
  return db.read(async (tx) => {
    const nodes = await tx.run('MATCH (n:Entity) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id');
    const rels = await tx.run('MATCH (a:Entity)-[r]->(b:Entity) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS props ORDER BY r.key');
    // With the figures stats() adds up, so an incremental sync must leave them as a full one writes them.
    const files = await tx.run(
      'MATCH (f:SeedFile) RETURN f.path AS path, f.relationKeys AS keys, f.kinds AS kinds, f.kindCounts AS kindCounts, f.types AS types, f.typeCounts AS typeCounts, f.earliest AS earliest, f.latest AS latest ORDER BY path',
    );
    return {
      nodes: nodes.records.map((r) => ({ ...r.toObject(), labels: (r.get('labels') as string[]).sort() })),
      rels: rels.records.map((r) => r.toObject()),
      files: files.records.map((r) => r.toObject()),
    };
  });
}

/** What a full sync from nothing makes of `graph`, to compare an incremental result with. */
async function fromScratch(graph: ReturnType<ReturnType<typeof seedOf>['load']>): Promise<unknown> {
  await resetDatabase(db);
  await syncSeed(db, graph, { full: true });
  return facts();
}

const stateQueries = (reads: Array<{ text: string; params: Record<string, unknown> | undefined }>) =>
  reads.filter((r) => /seedFile IN \$files|f\.path IN \$files|r\.seedFile IS NOT NULL/.test(r.text));

describe('incremental seed sync', () => {
  it('an unchanged re-sync reads no entity or relation: every file is skipped by its digest', async () => {
    const seed = seedOf({ 'outlets.yaml': OUTLETS, 'countries.yaml': COUNTRIES, 'us.yaml': US, 'uk.yaml': UK });
    const first = await syncSeed(db, seed.load());
    expect(first).toMatchObject({ mode: 'incremental', files: { written: 4, removed: 0, unchanged: 0 } });
    const rec = recordingReads();
    const again = await syncSeed(rec.db, seed.load());
    expect(again).toMatchObject({ mode: 'incremental', files: { written: 0, removed: 0, unchanged: 4 } });
    expect(again.entities).toEqual({ created: 0, updated: 0, removed: 0, unchanged: 5 });
    expect(again.relations).toEqual({ created: 0, updated: 0, removed: 0, unchanged: 3 });
    expect(stateQueries(rec.reads)).toEqual([]);
  });

  it('one changed file is read and diffed alone, and the graph is what a full sync makes', async () => {
    const seed = seedOf({ 'outlets.yaml': OUTLETS, 'countries.yaml': COUNTRIES, 'us.yaml': US, 'uk.yaml': UK });
    await syncSeed(db, seed.load());
    seed.write('uk.yaml', `${UK}  - uk COUNTERS china @ap\n`);
    const rec = recordingReads();
    const report = await syncSeed(rec.db, seed.load());
    expect(report).toMatchObject({ mode: 'incremental', files: { written: 1, removed: 0, unchanged: 3 } });
    expect(report.relations).toEqual({ created: 1, updated: 0, removed: 0, unchanged: 3 });
    const asked = stateQueries(rec.reads).map((r) => r.params?.files);
    expect(asked.length).toBeGreaterThan(0);
    for (const files of asked) expect(files).toEqual(['seed/data/uk.yaml']);
    const incremental = await facts();
    expect(incremental).toEqual(await fromScratch(seed.load()));
  });

  it('a relation moved to another file is an update with its new file and line; a deleted file is pruned with its digest', async () => {
    const seed = seedOf({ 'outlets.yaml': OUTLETS, 'countries.yaml': COUNTRIES, 'us.yaml': US, 'uk.yaml': UK });
    await syncSeed(db, seed.load());
    seed.write('us.yaml', 'relations:\n  - china COUNTERS us @ap\n');
    seed.write('uk.yaml', `${UK}\n  - us EXCLUDES huawei @ap\n`);
    const moved = await syncSeed(db, seed.load());
    expect(moved.relations).toEqual({ created: 0, updated: 2, removed: 0, unchanged: 1 });
    const updates = moved.diff.relations.update.map((r) => [r.key, r.oldFile, r.relation.at.file, r.relation.at.line]);
    expect(updates.sort()).toEqual([
      ['china|COUNTERS|us', 'seed/data/us.yaml', 'seed/data/us.yaml', 2],
      ['us|EXCLUDES|huawei', 'seed/data/us.yaml', 'seed/data/uk.yaml', 4],
    ]);
    expect(await facts()).toEqual(await fromScratch(seed.load()));

    await syncSeed(db, seed.load());
    seed.remove('uk.yaml');
    const gone = await syncSeed(db, seed.load());
    expect(gone).toMatchObject({ files: { written: 0, removed: 1, unchanged: 3 } });
    expect(gone.relations).toEqual({ created: 0, updated: 0, removed: 2, unchanged: 1 });
    const after = (await facts()) as { files: Array<{ path: string }> };
    expect(after.files.map((f) => f.path)).toEqual(['seed/data/countries.yaml', 'seed/data/outlets.yaml', 'seed/data/us.yaml']);
    expect(after).toEqual(await fromScratch(seed.load()));
  });

  it('a source edited in another file re-syncs the files that cite it', async () => {
    const seed = seedOf({ 'outlets.yaml': OUTLETS, 'countries.yaml': COUNTRIES, 'us.yaml': US, 'uk.yaml': UK });
    await syncSeed(db, seed.load());
    seed.write('outlets.yaml', OUTLETS.replace('article/clean-network', 'article/clean-network-2'));
    const report = await syncSeed(db, seed.load());
    // outlets.yaml itself declares no relation; us.yaml and uk.yaml cite its source.
    expect(report).toMatchObject({ files: { written: 2, unchanged: 2 } });
    expect(report.relations).toEqual({ created: 0, updated: 3, removed: 0, unchanged: 0 });
    const urls = await db.read((tx) => tx.run('MATCH ()-[r]->() RETURN DISTINCT r.evidenceUrls AS urls'));
    expect(urls.records.map((r) => r.get('urls') as string[])).toEqual([['https://apnews.com/article/clean-network-2']]);
  });

  it('an ontology edit that changes what a value is (a property type) updates exactly the facts it affects', async () => {
    const seed = seedOf({ 'outlets.yaml': OUTLETS, 'countries.yaml': COUNTRIES, 'us.yaml': US, 'uk.yaml': UK });
    await syncSeed(db, seed.load());
    const path = join(seed.dir, 'ontology.yaml');
    const ontology = readFileSync(path, 'utf8');
    const retyped = ontology.replace(/(Company:[\s\S]*?founded: \{ type: )date/, '$1number');
    expect(retyped).not.toBe(ontology);
    writeFileSync(path, retyped);
    const report = await syncSeed(db, seed.load());
    expect(report.entities).toEqual({ created: 0, updated: 1, removed: 0, unchanged: 4 });
    expect(report.diff.entities.update.map((e) => e.id)).toEqual(['huawei']);
    const founded = await db.read((tx) => tx.run("MATCH (n:Entity {id: 'huawei'}) RETURN n.founded AS founded"));
    expect(founded.records[0]?.get('founded')).toBe(1987);
  });

  it('a failed sync does not advance the digests: the next one still writes the change', async () => {
    const seed = seedOf({ 'a.yaml': SMALL_SEED });
    await syncSeed(db, seed.load());
    seed.write('a.yaml', SMALL_SEED.replace('name: ZTE }', 'name: ZTE Corporation }'));
    // The write transaction fails at its last statement (the digests and version come last).
    const failing: Database = {
      ...db,
      write: (work) =>
        db.write((tx) =>
          work({
            run: (q: string, p?: Record<string, unknown>) =>
              /SeedFile/.test(q) ? Promise.reject(new DatabaseFailure('UNAVAILABLE', 'gone', undefined)) : tx.run(q, p),
          } as unknown as ManagedTransaction),
        ),
    };
    await expect(syncSeed(failing, seed.load(), { skipSchema: true })).rejects.toBeInstanceOf(DatabaseFailure);
    const zte = () => db.read((tx) => tx.run("MATCH (n:Entity {id: 'zte'}) RETURN n.name AS name")).then((r) => r.records[0]?.get('name') as string);
    expect(await zte()).toBe('ZTE');
    const retry = await syncSeed(db, seed.load());
    expect(retry.entities).toMatchObject({ updated: 1 });
    expect(await zte()).toBe('ZTE Corporation');
  });

  it('repairs what Neo4j lost behind its digests: a full diff when a write finds less than stored, or when asked', async () => {
    const seed = seedOf({ 'outlets.yaml': OUTLETS, 'countries.yaml': COUNTRIES, 'us.yaml': US, 'uk.yaml': UK });
    await syncSeed(db, seed.load());
    const expected = await facts();
    // By hand: a seed relation of uk.yaml deleted; uk.yaml is as it was, so nothing is read.
    await db.write((tx) => tx.run("MATCH (:Entity {id: 'uk'})-[r:EXCLUDES]->() DELETE r"));
    const unchanged = await syncSeed(db, seed.load());
    expect(unchanged).toMatchObject({ mode: 'incremental', files: { written: 0 } });
    const repaired = await syncSeed(db, seed.load(), { full: true });
    expect(repaired.mode).toBe('full');
    expect(repaired.relations).toEqual({ created: 1, updated: 0, removed: 0, unchanged: 2 });
    expect(await facts()).toEqual(expected);

    // By hand: a relation of us.yaml deleted, then us.yaml edited so that relation moves a line:
    // its update finds nothing, which rolls back and reruns the sync as a full diff.
    await db.write((tx) => tx.run("MATCH (:Entity {id: 'us'})-[r:EXCLUDES]->() DELETE r"));
    seed.write('us.yaml', US.replace('relations:\n', 'relations:\n  # reviewed\n'));
    const healed = await syncSeed(db, seed.load());
    expect(healed.mode).toBe('full');
    expect(healed.relations).toEqual({ created: 1, updated: 1, removed: 0, unchanged: 1 });
    expect(await facts()).toEqual(await fromScratch(seed.load()));
  });

  it('a database synced before digests existed is compared in full once, then incrementally', async () => {
    const seed = seedOf({ 'a.yaml': SMALL_SEED });
    await syncSeed(db, seed.load());
    await db.write((tx) => tx.run('MATCH (f:SeedFile) DELETE f'));
    const first = await syncSeed(db, seed.load());
    expect(first).toMatchObject({ mode: 'full', files: { written: 1 } });
    expect(first.relations).toEqual({ created: 0, updated: 0, removed: 0, unchanged: 4 });
    const second = await syncSeed(db, seed.load());
    expect(second).toMatchObject({ mode: 'incremental', files: { written: 0, unchanged: 1 } });
  });

  it("stats adds up the files' figures to what the graph holds, after every kind of change; a graph without figures is counted", async () => {
    const dated = `entities:
  - { id: zte, kind: Company, name: ZTE }
  - { id: clean-network, kind: Initiative, name: Clean Network }
  - { id: mike-pompeo, kind: Official, name: Mike Pompeo, office: Secretary of State }
relations:
  - clean-network EXCLUDES zte @ap
  - { from: clean-network, type: PROPOSED_BY, to: mike-pompeo, since: 2020-08-05, evidence: ap }
  - { from: mike-pompeo, type: HOLDS_OFFICE, to: us, role: Secretary of State, since: 2018-04-26, until: 2021-01-20, evidence: ap }
`;
    const seed = seedOf({ 'outlets.yaml': OUTLETS, 'countries.yaml': COUNTRIES, 'us.yaml': US, 'a.yaml': dated });
    const rec = recordingReads();
    const api = apiClient(rec.db, loadOntologyFile(join(seed.dir, 'ontology.yaml')));
    const scanned = () => rec.reads.splice(0).some((r) => r.text === cypher('statsByScan'));
    const ask = '{ stats { entities relations byKind { name count } byType { name count } earliestDate latestDate } }';
    /** What the graph itself holds, counted by hand. */
    const counted = () =>
      db.read(async (tx) => {
        const one = async (q: string) => (await tx.run(q)).records.map((r) => r.toObject());
        return {
          entities: (await one('MATCH (n:Entity) RETURN count(n) AS c'))[0]!.c,
          relations: (await one('MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS c'))[0]!.c,
          byKind: await one('MATCH (n:Entity) RETURN n.kind AS name, count(*) AS count ORDER BY count DESC, name'),
          byType: await one('MATCH ()-[r]->() RETURN type(r) AS name, count(*) AS count ORDER BY count DESC, name'),
          earliestDate: (await one('MATCH ()-[r]->() UNWIND [r.since, r.until] AS d RETURN min(d) AS d'))[0]!.d,
          latestDate: (await one('MATCH ()-[r]->() UNWIND [r.since, r.until] AS d RETURN max(d) AS d'))[0]!.d,
        };
      });
    /** Asks stats; whether the answer came from the figures (no scan) must be `fromFigures`. */
    const check = async (fromFigures = true) => {
      const r = await api.query(ask);
      expect(r.errors).toBeUndefined();
      expect(r.data!.stats).toEqual(await counted());
      expect(scanned()).toBe(!fromFigures);
      return r.data!.stats;
    };
    expect(await api.query(ask)).toEqual({ data: { stats: { entities: 0, relations: 0, byKind: [], byType: [], earliestDate: null, latestDate: null } } });
    expect(scanned()).toBe(true);
    await syncSeed(db, seed.load());
    const first = await check();
    expect(first).toMatchObject({ entities: 8, relations: 5, earliestDate: '2018-04-26', latestDate: '2021-01-20' });

    seed.write('us.yaml', `${US}  - uk COUNTERS china @ap\n`);
    expect((await syncSeed(db, seed.load())).files).toMatchObject({ written: 1 });
    expect((await check()).relations).toBe(6);
    // A fact moved between files, then a file gone (its entities and relations with it).
    seed.write('us.yaml', 'relations:\n  - us EXCLUDES huawei @ap\n');
    seed.write('countries.yaml', `${COUNTRIES}relations:\n  - china COUNTERS us @ap\n  - uk COUNTERS china @ap\n`);
    await syncSeed(db, seed.load());
    expect((await check()).relations).toBe(6);
    seed.remove('a.yaml');
    await syncSeed(db, seed.load());
    expect(await check()).toMatchObject({ entities: 5, relations: 3, earliestDate: null, latestDate: null });

    // Figures an older sync did not write: stats counts the graph instead of reporting nothing.
    await db.write((tx) => tx.run('MATCH (f:SeedFile) REMOVE f.kinds, f.kindCounts, f.types, f.typeCounts'));
    expect((await check(false)).entities).toBe(5);
    await db.write((tx) => tx.run("CREATE (:Entity:Country {id: 'by-hand', kind: 'Country', name: 'By hand'})"));
    await db.write((tx) => tx.run('MATCH (f:SeedFile) DELETE f'));
    expect((await check(false)).entities).toBe(6);
  });
});
