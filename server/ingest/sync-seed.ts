import type { ManagedTransaction } from 'neo4j-driver';
import { cypherParams } from '../db/cypher-params.ts';
import { cypher, cypherFile } from '../db/cypher-queries.ts';
import type { Database } from '../db/database.ts';
import { storeSeedMetrics } from '../metrics/store-metrics.ts';
import { diffSeed, toRelationTuple, type SeedDiff, type SeedState } from './seed-diff.ts';
import type { SeedGraph } from './seed-model.ts';

export interface SyncCounts {
  created: number;
  updated: number;
  removed: number;
  unchanged: number;
}

export interface SyncReport {
  entities: SyncCounts;
  relations: SyncCounts;
  diff: SeedDiff;
  dryRun: boolean;
  /** The graph version Neo4j held before (null when no versioned sync ran yet). */
  previousVersion: string | null;
  /** The version Neo4j holds now: `options.version`, or the previous one without it or on a dry run. */
  version: string | null;
  ms: number;
  /**
   * Where the time went: schema statements, reading state, diffing, writing + commit, and of
   * that writing the whole-graph metrics (server/metrics/: computing and storing them; 0 when
   * nothing changed, as they are then not recomputed).
   */
  phases: { schemaMs: number; stateMs: number; diffMs: number; writeMs: number; metricsMs: number };
}

export interface SyncOptions {
  /** Compute and return the diff, write nothing. @default false */
  dryRun?: boolean;
  /** Rows per UNWIND batch. @default 10000 */
  batchSize?: number;
  /** Called after each batch with rows written so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /**
   * The graph version of `graph` (server/live/graph-version.ts), written into Neo4j in the same
   * transaction, so every process on this Neo4j reads the version of what is committed.
   * Without it the stored version is left as it is.
   */
  version?: string;
  /**
   * Skip the schema statements: for a caller that applied them to this database already (the
   * live sync after its first sync), as each is a round trip of its own. @default false
   */
  skipSchema?: boolean;
}

/** Applies the idempotent schema statements in cypher/schema.cypher. */
export async function applySchema(db: Database): Promise<void> {
  // Schema commands cannot run inside a transaction that writes data, so each runs on its own.
  for (const name of cypherFile('schema.cypher')) {
    await db.write((tx) => tx.run(cypher(name)));
  }
}

/** Reads what Neo4j holds of seed origin. */
export async function readSeedState(db: Database): Promise<SeedState> {
  return db.read(async (tx) => {
    const entities = new Map<string, { kind: string; hash: string; file: string }>();
    for (const r of (await tx.run(cypher('seedEntityState'))).records) {
      entities.set(r.get('id') as string, { kind: r.get('kind') as string, hash: r.get('hash') as string, file: r.get('file') as string });
    }
    const relations = new Map<string, { from: string; to: string; hash: string; file: string }>();
    for (const r of (await tx.run(cypher('seedRelationState'))).records) {
      relations.set(r.get('key') as string, {
        from: r.get('from') as string,
        to: r.get('to') as string,
        hash: r.get('hash') as string,
        file: r.get('file') as string,
      });
    }
    const version = (await tx.run(cypher('readSeedVersion'))).records[0]?.get('version') as string | null | undefined;
    return { entities, relations, version: version ?? null };
  });
}

/** The graph version Neo4j holds (written by a versioned sync), or null. */
export async function readSeedVersion(db: Database): Promise<string | null> {
  const r = await db.read((tx) => tx.run(cypher('readSeedVersion')));
  return (r.records[0]?.get('version') as string | null | undefined) ?? null;
}

/**
 * Makes Neo4j hold exactly the seed: creates, updates and prunes what came from seed files, in
 * ONE transaction, so a failure anywhere changes nothing. Data without a seedFile is never touched.
 */
export async function syncSeed(db: Database, graph: SeedGraph, options: SyncOptions = {}): Promise<SyncReport> {
  const started = Date.now();
  if (!options.skipSchema) await applySchema(db);
  const t1 = Date.now();
  const state = await readSeedState(db);
  const t2 = Date.now();
  const diff = diffSeed(graph, state);
  const t3 = Date.now();
  const batchSize = options.batchSize ?? 10_000;
  const report: SyncReport = {
    entities: counts(diff.entities),
    relations: counts(diff.relations),
    diff,
    dryRun: options.dryRun ?? false,
    previousVersion: state.version,
    version: state.version,
    ms: 0,
    phases: { schemaMs: t1 - started, stateMs: t2 - t1, diffMs: t3 - t2, writeMs: 0, metricsMs: 0 },
  };
  const total =
    diff.entities.create.length +
    diff.entities.update.length +
    diff.entities.remove.length +
    diff.relations.create.length +
    diff.relations.update.length +
    diff.relations.remove.length;
  const newVersion = options.version !== undefined && options.version !== state.version ? options.version : undefined;
  if (!options.dryRun && total > 0) {
    // Set once every write is made and checked: a failure after that came while Neo4j was
    // committing, and the client cannot know whether the commit happened.
    let written = false;
    try {
      await db.write(async (tx) => {
        written = false;
        let done = 0;
        const run = async <T>(query: string, rows: T[], param: 'rows' | 'ids' = 'rows', encode: (row: T) => unknown = (r) => r) => {
          // Batches are pipelined: the driver encodes the next batch while Neo4j runs this one.
          const pending: Array<Promise<unknown>> = [];
          try {
            for (let i = 0; i < rows.length; i += batchSize) {
              const batch = rows.slice(i, i + batchSize).map(encode);
              pending.push(
                Promise.resolve(tx.run(cypher(query), cypherParams({ [param]: batch }) as Record<string, unknown>)).then(() => {
                  done += batch.length;
                  options.onProgress?.(done, total);
                }),
              );
              if (pending.length >= 4) await pending.shift();
            }
            await Promise.all(pending);
          } catch (err) {
            await Promise.allSettled(pending); // no batch may outlive the transaction
            throw err;
          }
        };
        // Order matters: removals first (a key may move between relations), then nodes before
        // the relations that need them.
        await run('deleteRelations', diff.relations.remove);
        await run('deleteEntities', diff.entities.remove, 'ids', (e) => e.id);
        await run('createEntities', diff.entities.create);
        await run('updateEntities', diff.entities.update);
        await run('createRelations', diff.relations.create, 'rows', toRelationTuple);
        await run('updateRelations', diff.relations.update, 'rows', toRelationTuple);
        report.phases.metricsMs = (await storeSeedMetrics(tx, graph)).ms;
        if (newVersion !== undefined) await tx.run(cypher('writeSeedVersion'), { version: newVersion });
        await assertWritten(tx, diff);
        written = true;
      });
    } catch (err) {
      throw written ? new SyncOutcomeUnknown(err) : err;
    }
    if (newVersion !== undefined) report.version = newVersion;
  } else if (!options.dryRun && newVersion !== undefined) {
    // Nothing Neo4j stores changed, but the version did (the ontology, or a first versioned sync).
    await db.write((tx) => tx.run(cypher('writeSeedVersion'), { version: newVersion }));
    report.version = newVersion;
  }
  report.ms = Date.now() - started;
  report.phases.writeMs = Date.now() - t3;
  return report;
}

/**
 * The sync failed while Neo4j was committing it (the connection dropped after the last write):
 * all of it may be in, or none of it — never a part, as it is one transaction.
 */
export class SyncOutcomeUnknown extends Error {
  override name = 'SyncOutcomeUnknown';
  constructor(cause: unknown) {
    super(
      `Neo4j failed while committing the sync, so whether it was committed is unknown (a transaction is all or nothing); a dry run once Neo4j is back shows which: ${(cause as Error).message ?? String(cause)}`,
      { cause },
    );
  }
}

/** A guard against silent partial writes: every relation the diff created must now exist. */
async function assertWritten(tx: ManagedTransaction, diff: SeedDiff): Promise<void> {
  if (diff.relations.create.length === 0) return;
  const r = await tx.run(cypher('countSeedRelations'));
  const n = r.records[0]?.get('n') as number;
  const expected = diff.relations.create.length + diff.relations.update.length + diff.relations.unchanged;
  if (n !== expected) {
    throw new Error(`sync wrote ${n} seed relations but expected ${expected}; nothing was committed`);
  }
}

function counts(d: { create: unknown[]; update: unknown[]; remove: unknown[]; unchanged: number }): SyncCounts {
  return { created: d.create.length, updated: d.update.length, removed: d.remove.length, unchanged: d.unchanged };
}
