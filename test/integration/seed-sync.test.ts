import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../server/ingest/diagnostics.ts';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../../server/db/database.ts';
import { DatabaseFailure } from '../../server/db/database-errors.ts';
import { SyncOutcomeUnknown, syncSeed } from '../../server/ingest/sync-seed.ts';
import { SMALL_SEED, makeSeedDir } from '../helpers/seed-fixture.ts';
import { graphChecksum, openTestDatabase, resetDatabase } from '../helpers/test-database.ts';

const db = openTestDatabase();
afterAll(() => db.close());
beforeEach(() => resetDatabase(db));
let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

function seedOf(files: Record<string, string>) {
  const s = makeSeedDir(files);
  cleanup.push(s.remove);
  return { ...s, load: () => loadSeed({ seedDir: s.dir }) };
}

/** 100 relations between 101 countries, one per line, CSV. */
function hundredRelationsCsv(bad?: { row: number; to: string }): string {
  const rows = ['from,type,to,outlet,quote,url,date'];
  for (let i = 0; i < 100; i++) {
    const to = bad && bad.row === i ? bad.to : `c${i + 1}`;
    rows.push(`c0,EXCLUDES,${to},ap-news,"quote ${i}",,2020-09-08`);
  }
  return rows.join('\n') + '\n';
}
const COUNTRIES =
  `entities:\n  - { id: ap-news, kind: Outlet, name: AP News, website: https://apnews.com }\n` +
  Array.from({ length: 101 }, (_, i) => `  - { id: c${i}, kind: Country, name: Country ${i} }`).join('\n') +
  '\n';

describe('seed sync into Neo4j', () => {
  it('a connection lost while Neo4j commits is reported as an unknown outcome, not as "nothing changed"', async () => {
    const seed = seedOf({ 'a.yaml': SMALL_SEED });
    // The real Neo4j commits the sync's transaction (the one that runs more than one statement;
    // schema statements run alone); the answer to the commit is what gets lost.
    const answerLost: Database = {
      ...db,
      write: async (work) => {
        let runs = 0;
        const result = await db.write((tx) =>
          work({ run: (q: string, p?: Record<string, unknown>) => (runs++, tx.run(q, p)) } as unknown as ManagedTransaction),
        );
        if (runs > 1) throw new DatabaseFailure('UNAVAILABLE', 'Neo4j is unavailable: connection reset', undefined);
        return result;
      },
    };
    const failed = await syncSeed(answerLost, seed.load().graph).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(SyncOutcomeUnknown);
    expect((failed as Error).message).toMatch(/whether it was committed is unknown.*connection reset/);
    // Here it was in fact committed, all of it: a dry run finds nothing left to do.
    const check = await syncSeed(db, seed.load().graph, { dryRun: true });
    expect(check.entities).toEqual({ created: 0, updated: 0, removed: 0, unchanged: 8 });
    expect(check.relations).toEqual({ created: 0, updated: 0, removed: 0, unchanged: 4 });
    // A failure between writes is the usual error, and nothing of the sync was committed.
    const secondRunFails = (tx: ManagedTransaction): ManagedTransaction => {
      let runs = 0;
      return {
        run: (q: string, p?: Record<string, unknown>) => (++runs > 1 ? Promise.reject(new DatabaseFailure('UNAVAILABLE', 'gone', undefined)) : tx.run(q, p)),
      } as unknown as ManagedTransaction;
    };
    const early: Database = { ...db, write: (work) => db.write((tx) => work(secondRunFails(tx))) };
    await resetDatabase(db);
    const plain = await syncSeed(early, seed.load().graph).catch((e: unknown) => e);
    expect(plain).toBeInstanceOf(DatabaseFailure);
    expect(await graphChecksum(db)).toMatchObject({ nodes: 0, relationships: 0 });
  });

  it('is idempotent: a second sync reports 0 created / 0 updated / 0 removed and leaves the same graph', async () => {
    const seed = seedOf({ 'a.yaml': SMALL_SEED });
    const first = await syncSeed(db, seed.load().graph);
    expect(first.entities).toEqual({ created: 8, updated: 0, removed: 0, unchanged: 0 });
    expect(first.relations).toEqual({ created: 4, updated: 0, removed: 0, unchanged: 0 });
    const before = await graphChecksum(db);
    const second = await syncSeed(db, seed.load().graph);
    expect(second.entities).toEqual({ created: 0, updated: 0, removed: 0, unchanged: 8 });
    expect(second.relations).toEqual({ created: 0, updated: 0, removed: 0, unchanged: 4 });
    expect(await graphChecksum(db)).toEqual(before);
  });

  it('stores provenance and evidence on every node and relationship', async () => {
    const seed = seedOf({ 'a.yaml': SMALL_SEED });
    await syncSeed(db, seed.load().graph);
    const r = await db.read((tx) =>
      tx.run(`MATCH (a:Entity {id: 'mike-pompeo'})-[r:HOLDS_OFFICE]->(b:Entity {id: 'us'})
              RETURN r.seedFile AS file, r.seedLine AS line, r.role AS role, r.since AS since, r.until AS until,
                     r.evidenceOutlets AS outlets, r.evidenceUrls AS urls, labels(a) AS labels, a.seedLine AS aLine`),
    );
    expect(r.records[0]?.toObject()).toEqual({
      file: 'seed/data/a.yaml',
      line: 24,
      role: 'Secretary of State',
      since: '2018-04-26',
      until: '2021-01-20',
      outlets: ['ap-news'],
      urls: ['https://apnews.com/article/clean-network'],
      labels: expect.arrayContaining(['Entity', 'Official']),
      aLine: 9,
    });
  });

  it('rejects one bad relation among 100 good ones with its exact location, and changes nothing', async () => {
    const good = seedOf({ 'countries.yaml': COUNTRIES, 'rels.csv': hundredRelationsCsv() });
    await syncSeed(db, good.load().graph);
    const before = await graphChecksum(db);
    expect(before.relationships).toBe(100);

    const bad = seedOf({ 'countries.yaml': COUNTRIES, 'rels.csv': hundredRelationsCsv({ row: 57, to: 'c-57' }) });
    const loaded = bad.load();
    expect(loaded.diagnostics.map(formatDiagnostic)).toEqual(['seed/data/rels.csv:59:13: unknown entity id "c-57" (did you mean "c57"?)']);
    expect(loaded.graph.relations).toEqual([]);
    expect(await graphChecksum(db)).toEqual(before);
  });

  it('rolls back everything when the database refuses part of a sync', async () => {
    const seed = seedOf({ 'a.yaml': SMALL_SEED });
    const graph = seed.load().graph;
    // A constraint the seed violates only at its last entity, after earlier writes in the same transaction.
    await db.driver.executeQuery('CREATE CONSTRAINT company_name IF NOT EXISTS FOR (n:Company) REQUIRE n.name IS UNIQUE');
    const clash = { ...graph, entities: [...graph.entities, { ...graph.entities.find((e) => e.id === 'zte')!, id: 'zte-2' }] };
    const before = await graphChecksum(db);
    await expect(syncSeed(db, clash)).rejects.toMatchObject({ kind: 'CONSTRAINT' });
    expect(await graphChecksum(db)).toEqual(before);
  });

  it('prunes exactly what was deleted from the files, and never data that did not come from them', async () => {
    const seed = seedOf({ 'a.yaml': SMALL_SEED });
    await syncSeed(db, seed.load().graph);
    // Hand-made data: a node of its own, and a relationship between two seed nodes.
    await db.write((tx) =>
      tx.run(`CREATE (:Note {text: 'mine'})
              WITH 1 AS x MATCH (a:Entity {id: 'us'}), (b:Entity {id: 'china'}) CREATE (a)-[:MANUAL_LINK {by: 'analyst'}]->(b)`),
    );
    seed.write('a.yaml', SMALL_SEED.replace('  - clean-network EXCLUDES zte @ap\n', '').replace('  - { id: zte, kind: Company, name: ZTE }\n', ''));
    const report = await syncSeed(db, seed.load().graph);
    // Lines below the deleted ones moved up, so their provenance (seedLine) is updated.
    expect(report.entities).toEqual({ created: 0, updated: 1, removed: 1, unchanged: 6 });
    expect(report.relations).toEqual({ created: 0, updated: 3, removed: 1, unchanged: 0 });
    expect(report.diff.entities.remove).toEqual([{ id: 'zte', file: 'seed/data/a.yaml' }]);
    const r = await db.read((tx) =>
      tx.run(`CALL () { MATCH (n:Note) RETURN count(n) AS notes }
              CALL () { MATCH ()-[m:MANUAL_LINK]->() RETURN count(m) AS manual }
              CALL () { MATCH (n:Entity {id: 'zte'}) RETURN count(n) AS zte }
              CALL () { MATCH (:Entity)-[r:EXCLUDES]->() RETURN count(r) AS excludes }
              RETURN notes, manual, zte, excludes`),
    );
    expect(r.records[0]?.toObject()).toEqual({ notes: 1, manual: 1, zte: 0, excludes: 1 });
  });

  it('reports an edit as an update, with the new line', async () => {
    const seed = seedOf({ 'a.yaml': SMALL_SEED });
    await syncSeed(db, seed.load().graph);
    seed.write('a.yaml', SMALL_SEED.replace('name: ZTE }', 'name: ZTE Corporation }'));
    const report = await syncSeed(db, seed.load().graph);
    expect(report.entities).toEqual({ created: 0, updated: 1, removed: 0, unchanged: 7 });
    expect(report.relations).toEqual({ created: 0, updated: 0, removed: 0, unchanged: 4 });
  });

  it('dry-run reports the diff and writes nothing', async () => {
    const seed = seedOf({ 'a.yaml': SMALL_SEED });
    const before = await graphChecksum(db);
    const report = await syncSeed(db, seed.load().graph, { dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.entities.created).toBe(8);
    expect(report.relations.created).toBe(4);
    expect(await graphChecksum(db)).toEqual(before);
    expect(before.nodes).toBe(0);
  });
});
