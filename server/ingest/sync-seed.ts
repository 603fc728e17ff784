import type { ManagedTransaction } from 'neo4j-driver';
import { cypherParams } from '../db/cypher-params.ts';
import { cypher, cypherFile } from '../db/cypher-queries.ts';
import type { Database } from '../db/database.ts';
import { runBatch } from '../db/run-batch.ts';
import { metricProperties, metricsToStore, storeSeedMetrics } from '../metrics/store-metrics.ts';
import { diffSeed, toRelationTuple, type EntityRow, type SeedDiff, type SeedState } from './seed-diff.ts';
import { seedFileStats, type SeedFileStats } from './seed-file-stats.ts';
import { seedFilesOf, type SeedFileFacts } from './seed-files.ts';
import { relationEnds, type SeedGraph } from './seed-model.ts';

export interface SyncCounts {
  created: number;
  updated: number;
  removed: number;
  unchanged: number;
}

/** Milliseconds per step of a sync; every key is a step (a bench prints them all). */
export interface SyncPhases {
  [phase: string]: number;
  /** Schema statements. */
  schemaMs: number;
  /** Per-file digests of the seed (seed-files.ts). */
  digestMs: number;
  /** Reading what Neo4j holds: the file digests, then the facts of the changed files. */
  stateMs: number;
  /** Comparing the changed files with what Neo4j holds. */
  diffMs: number;
  /** The write transaction, commit included. */
  writeMs: number;
  /** Of writeMs: deleting, creating and updating entities (their indexes are updated at commit). */
  entitiesMs: number;
  /** Of writeMs: deleting, creating and updating relationships. */
  relationsMs: number;
  /** Of writeMs: the :SeedFile digests and the graph version. */
  filesMs: number;
  /** Of writeMs: the commit alone (the store, index and full-text updates happen here). */
  commitMs: number;
  /**
   * Of writeMs: computing and storing the whole-graph metrics (server/metrics/); 0 when nothing
   * changed, a digest check alone when the graph's structure did not.
   */
  metricsMs: number;
}

export interface SyncReport {
  entities: SyncCounts;
  relations: SyncCounts;
  diff: SeedDiff;
  dryRun: boolean;
  /**
   * `incremental`: only the files whose digest differs from the one Neo4j holds were read and
   * diffed. `full`: every fact was (asked for, a database synced before digests existed, or
   * Neo4j no longer held what the digests said).
   */
  mode: 'incremental' | 'full';
  /** Seed files written (changed or new), removed (gone from seed/), and skipped unchanged. */
  files: { written: number; removed: number; unchanged: number };
  /** The graph version Neo4j held before (null when no versioned sync ran yet). */
  previousVersion: string | null;
  /** The version Neo4j holds now: `options.version`, or the previous one without it or on a dry run. */
  version: string | null;
  ms: number;
  /** Where the time went. */
  phases: SyncPhases;
  /**
   * The whole-graph metrics step: `computed` and stored (`written` entities changed), or
   * `unchanged` (the graph's structure is what they were computed from), or `none` (nothing
   * was written, or a dry run).
   */
  metrics: { step: 'computed' | 'unchanged' | 'none'; written: number };
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
  /**
   * Diff every fact against what Neo4j holds, ignoring the stored file digests: repairs seed
   * data changed in Neo4j by hand (`npm run seed:sync -- --full`). @default false
   */
  full?: boolean;
}

/**
 * Applies the idempotent schema statements in cypher/schema.cypher that the database lacks: one
 * read of the schema's names, then a round trip for each statement whose object is missing
 * (each, when all ran, cost 11 round trips on every sync: ~0.14 s of a one-file sync).
 */
export async function applySchema(db: Database): Promise<void> {
  const present = await db.read(async (tx) => {
    const names = new Set<string>();
    for (const query of ['schemaIndexNames', 'schemaConstraintNames']) {
      for (const name of ((await tx.run(cypher(query))).records[0]?.get('names') as string[] | undefined) ?? []) names.add(name);
    }
    return names;
  });
  // Schema commands cannot run inside a transaction that writes data, so each runs on its own.
  for (const name of cypherFile('schema.cypher')) {
    const creates = schemaObjectName(cypher(name));
    if (creates === undefined || !present.has(creates)) await db.write((tx) => tx.run(cypher(name)));
  }
}

/** The name a `CREATE … INDEX|CONSTRAINT <name> IF NOT EXISTS` statement gives what it creates. */
export function schemaObjectName(statement: string): string | undefined {
  return /^\s*CREATE\s+(?:[A-Z]+\s+)?(?:INDEX|CONSTRAINT)\s+(\w+)\s+IF\s+NOT\s+EXISTS\b/im.exec(statement)?.[1];
}

/** Reads what Neo4j holds of seed origin: every fact (a full sync). */
export async function readSeedState(db: Database): Promise<SeedState> {
  return db.read(async (tx) => {
    const state = emptyState();
    for (const r of (await tx.run(cypher('seedEntityState'))).records) {
      state.entities.set(r.get('id') as string, { kind: r.get('kind') as string, hash: r.get('hash') as string, file: r.get('file') as string });
    }
    for (const r of (await tx.run(cypher('seedRelationState'))).records) {
      state.relations.set(r.get('key') as string, {
        from: r.get('from') as string,
        to: r.get('to') as string,
        hash: r.get('hash') as string,
        file: r.get('file') as string,
      });
    }
    state.version = await versionIn(tx);
    return state;
  });
}

/** The graph version Neo4j holds (written by a versioned sync), or null. */
export async function readSeedVersion(db: Database): Promise<string | null> {
  return db.read(versionIn);
}

async function versionIn(tx: ManagedTransaction): Promise<string | null> {
  const r = await tx.run(cypher('readSeedVersion'));
  return (r.records[0]?.get('version') as string | null | undefined) ?? null;
}

/** What one sync will write: the diff of the changed files and their new digest nodes. */
interface SyncPlan {
  mode: 'incremental' | 'full';
  diff: SeedDiff;
  /** The :SeedFile rows of the files written. */
  fileRows: Array<{ path: string; digest: string; relationKeys: string[]; relationHashes: string[] } & SeedFileStats>;
  removedFiles: string[];
  unchangedFiles: number;
  version: string | null;
  /** The digest stored with the metrics when the plan was made (store-metrics.ts). */
  metricsDigest: string | null;
  stateMs: number;
  diffMs: number;
}

/**
 * Reads the stored file digests; diffs only the files whose digest differs (and the files that
 * are gone) against what Neo4j holds of exactly those files. A fact that moves between files
 * changes both, so both are diffed, and it is an update; an unchanged file cannot hold a key a
 * changed one now declares (the validator refuses duplicates), so nothing outside the changed
 * files needs reading.
 */
async function planSync(db: Database, files: Map<string, SeedFileFacts>, forceFull: boolean): Promise<SyncPlan> {
  const t0 = performance.now();
  const stored = await db.read(async (tx) => {
    const rec = (await tx.run(cypher('seedFileDigests'))).records[0];
    const digests = new Map((rec?.get('files') as Array<[string, string]> | undefined) ?? []);
    const metricsDigest = ((await tx.run(cypher('readMetricsInput'))).records[0]?.get('digest') as string | null | undefined) ?? null;
    return { digests, hasSeedFacts: rec?.get('hasSeedFacts') === true, version: await versionIn(tx), metricsDigest };
  });
  // Seed facts without digests were synced before digests existed: compare everything once.
  const full = forceFull || (stored.digests.size === 0 && stored.hasSeedFacts);
  const changed = [...files.values()].filter((f) => full || stored.digests.get(f.path) !== f.digest);
  const removedFiles = [...stored.digests.keys()].filter((p) => !files.has(p));
  let state = emptyState();
  if (full) state = await readSeedState(db);
  else if (changed.length + removedFiles.length > 0) state = await readStateOfFiles(db, [...changed.map((f) => f.path), ...removedFiles]);
  const t1 = performance.now();

  const fileRows = changed.map((f) => ({
    path: f.path,
    digest: f.digest,
    relationKeys: [] as string[],
    relationHashes: [] as string[],
    ...seedFileStats(f.entities, f.relations),
  }));
  const rowOf = new Map(fileRows.map((row) => [row.path, row]));
  const part: SeedGraph = { entities: changed.flatMap((f) => f.entities), relations: changed.flatMap((f) => f.relations) };
  // The hashes the file digests were made from (seed-files.ts), so no relation is hashed twice.
  const hashes = changed.flatMap((f) => f.relationHashes ?? f.relations.map(() => undefined));
  // Dropped from every file, changed or not: the cached file facts live as long as the graph.
  for (const f of files.values()) delete f.relationHashes;
  const diff = diffSeed(
    part,
    state,
    (r, hash) => {
      const row = rowOf.get(r.at.file)!;
      row.relationKeys.push(r.key);
      row.relationHashes.push(hash);
    },
    hashes,
  );
  // The facts of the files skipped are unchanged by definition: their digests match.
  for (const f of files.values()) {
    if (rowOf.has(f.path)) continue;
    diff.entities.unchanged += f.entities.length;
    diff.relations.unchanged += f.relations.length;
  }
  return {
    mode: full ? 'full' : 'incremental',
    diff,
    fileRows,
    removedFiles,
    unchangedFiles: files.size - changed.length,
    version: stored.version,
    metricsDigest: stored.metricsDigest,
    stateMs: t1 - t0,
    diffMs: performance.now() - t1,
  };
}

/** What Neo4j holds of the facts `paths` declared: entities by their seedFile, relations from the files' digest nodes. */
async function readStateOfFiles(db: Database, paths: string[]): Promise<SeedState> {
  return db.read(async (tx) => {
    const state = emptyState();
    for (const r of (await tx.run(cypher('seedEntityStateOfFiles'), { files: paths })).records) {
      state.entities.set(r.get('id') as string, { kind: r.get('kind') as string, hash: r.get('hash') as string, file: r.get('file') as string });
    }
    for (const r of (await tx.run(cypher('seedRelationStateOfFiles'), { files: paths })).records) {
      const file = r.get('file') as string;
      const keys = (r.get('keys') as string[] | null) ?? [];
      const hashes = (r.get('hashes') as string[] | null) ?? [];
      keys.forEach((key, i) => state.relations.set(key, { ...relationEnds(key), hash: hashes[i] ?? '', file }));
    }
    return state;
  });
}

function emptyState(): SeedState {
  return { entities: new Map(), relations: new Map(), version: null };
}

/**
 * Makes Neo4j hold exactly the seed: creates, updates and prunes what came from seed files, in
 * ONE transaction, so a failure anywhere changes nothing — the file digests included, so a
 * failed sync leaves them where they were. Data without a seedFile is never touched. Only files
 * whose digest changed are read and diffed (see planSync).
 */
export async function syncSeed(db: Database, graph: SeedGraph, options: SyncOptions = {}): Promise<SyncReport> {
  const started = performance.now();
  if (!options.skipSchema) await applySchema(db);
  const t1 = performance.now();
  const files = seedFilesOf(graph);
  const t2 = performance.now();
  let plan = await planSync(db, files, options.full ?? false);
  const phases: SyncPhases = {
    schemaMs: t1 - started,
    digestMs: t2 - t1,
    stateMs: plan.stateMs,
    diffMs: plan.diffMs,
    writeMs: 0,
    entitiesMs: 0,
    relationsMs: 0,
    filesMs: 0,
    commitMs: 0,
    metricsMs: 0,
  };
  const newVersion = () => (options.version !== undefined && options.version !== plan.version ? options.version : undefined);
  const metrics: SyncReport['metrics'] = { step: 'none', written: 0 };
  const t3 = performance.now();
  if (!options.dryRun) {
    try {
      await writePlan(db, graph, plan, newVersion(), options, phases, metrics);
    } catch (err) {
      if (!(err instanceof StoredStateMismatch) || plan.mode === 'full') throw err;
      // Neo4j no longer holds what the digests say (seed data changed by hand): compare all once.
      plan = await planSync(db, files, true);
      phases.stateMs += plan.stateMs;
      phases.diffMs += plan.diffMs;
      await writePlan(db, graph, plan, newVersion(), options, phases, metrics);
    }
  }
  phases.writeMs = performance.now() - t3;
  const version = options.dryRun ? plan.version : (newVersion() ?? plan.version);
  return {
    entities: counts(plan.diff.entities),
    relations: counts(plan.diff.relations),
    diff: plan.diff,
    dryRun: options.dryRun ?? false,
    mode: plan.mode,
    files: { written: plan.fileRows.length, removed: plan.removedFiles.length, unchanged: plan.unchangedFiles },
    previousVersion: plan.version,
    version,
    ms: performance.now() - started,
    phases,
    metrics,
  };
}

/** Writes a plan in one transaction, timing its steps into `phases`; says in `metrics` what that step did. */
async function writePlan(
  db: Database,
  graph: SeedGraph,
  plan: SyncPlan,
  newVersion: string | undefined,
  options: SyncOptions,
  phases: SyncPhases,
  metrics: SyncReport['metrics'],
): Promise<void> {
  const { diff } = plan;
  const total =
    diff.entities.create.length +
    diff.entities.update.length +
    diff.entities.remove.length +
    diff.relations.create.length +
    diff.relations.update.length +
    diff.relations.remove.length;
  if (total === 0 && plan.fileRows.length === 0 && plan.removedFiles.length === 0) {
    // Nothing Neo4j stores changed, but the version may have (the ontology, or a first versioned sync).
    if (newVersion !== undefined) await db.write((tx) => tx.run(cypher('writeSeedVersion'), { version: newVersion }));
    return;
  }
  const batchSize = options.batchSize ?? 10_000;
  // The metrics, when they will change, before the transaction: new entities are then created
  // with theirs instead of being read back and written again (at 1M relations the second pass
  // cost more than computing them).
  const structureUnchanged = diff.entities.create.length + diff.entities.remove.length + diff.relations.create.length + diff.relations.remove.length === 0;
  const metricsOptions = { force: plan.mode === 'full', structureUnchanged };
  const t0 = performance.now();
  const computed = metricsToStore(graph, plan.metricsDigest, metricsOptions);
  const computeMs = performance.now() - t0;
  const givenTo = new Set<string>();
  const withMetrics = (row: EntityRow) => {
    const m = computed?.byId.get(row.id);
    if (!m) return cypherParams(row);
    givenTo.add(row.id);
    return { ...(cypherParams(row) as object), metrics: metricProperties(m) };
  };
  // Set once every write is made and checked: a failure after that came while Neo4j was
  // committing, and the client cannot know whether the commit happened.
  let written = false;
  let workDone = 0;
  try {
    await db.write(async (tx) => {
      written = false;
      let done = 0;
      /** Runs `query` over `rows` in batches; with `expect`, each batch must report every row found. */
      // `encode` returns what the driver sends (cypherParams'd, or with values that must keep their type).
      const run = async <T>(query: string, rows: T[], encode: (row: T) => unknown, expect: 'all' | 'any' = 'any', param = 'rows') => {
        // Batches are pipelined: the driver encodes the next batch while Neo4j runs this one.
        const pending: Array<Promise<unknown>> = [];
        try {
          for (let i = 0; i < rows.length; i += batchSize) {
            const batch = rows.slice(i, i + batchSize).map(encode);
            const size = batch.length;
            pending.push(
              runBatch(tx, cypher(query), batch, param).then((r) => {
                const found = r.records[0]?.has('n') ? (r.records[0].get('n') as number) : size;
                if (expect === 'all' && found !== size) {
                  throw new StoredStateMismatch(`${query} found ${found} of ${size} rows`);
                }
                done += size;
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
      let t = performance.now();
      await run('deleteRelations', diff.relations.remove, cypherParams);
      phases.relationsMs = performance.now() - t;
      t = performance.now();
      await run('deleteEntities', diff.entities.remove, (e) => e.id, 'any', 'ids');
      givenTo.clear();
      await run('createEntities', diff.entities.create, withMetrics, 'all');
      await run('updateEntities', diff.entities.update, cypherParams, 'all');
      phases.entitiesMs = performance.now() - t;
      t = performance.now();
      await run('createRelations', diff.relations.create, (r) => cypherParams(toRelationTuple(r)), 'all');
      await run('updateRelations', diff.relations.update, (r) => cypherParams(toRelationTuple(r)), 'all');
      phases.relationsMs += performance.now() - t;
      // The digests last, in the same transaction: a sync that fails leaves them as they were.
      t = performance.now();
      if (plan.fileRows.length > 0) await tx.run(cypher('writeSeedFiles'), { rows: plan.fileRows });
      if (plan.removedFiles.length > 0) await tx.run(cypher('deleteSeedFiles'), { paths: plan.removedFiles });
      if (newVersion !== undefined) await tx.run(cypher('writeSeedVersion'), { version: newVersion });
      phases.filesMs = performance.now() - t;
      // Derived data, in the same transaction: the metrics of the whole graph the sync now holds.
      const stored = await storeSeedMetrics(tx, graph, { ...metricsOptions, givenTo });
      phases.metricsMs = computeMs + stored.ms;
      Object.assign(metrics, { step: stored.metrics ? 'computed' : 'unchanged', written: stored.written });
      written = true;
      workDone = performance.now();
    });
  } catch (err) {
    throw written ? new SyncOutcomeUnknown(err) : unwrapMismatch(err);
  }
  phases.commitMs = performance.now() - workDone;
}

/**
 * A write found fewer nodes or relationships than the diff expected: Neo4j does not hold what
 * the file digests say (seed data deleted by hand). The transaction is rolled back, and the
 * sync runs again comparing every fact.
 */
class StoredStateMismatch extends Error {
  override name = 'StoredStateMismatch';
  constructor(detail: string) {
    super(`Neo4j does not hold the seed data the last sync wrote (${detail}); nothing was committed`);
  }
}

/** database.ts wraps every failure of a transaction; a mismatch must stay recognisable. */
function unwrapMismatch(err: unknown): unknown {
  const cause = (err as { cause?: unknown } | null)?.cause;
  return cause instanceof StoredStateMismatch ? cause : err;
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

function counts(d: { create: unknown[]; update: unknown[]; remove: unknown[]; unchanged: number }): SyncCounts {
  return { created: d.create.length, updated: d.update.length, removed: d.remove.length, unchanged: d.unchanged };
}
