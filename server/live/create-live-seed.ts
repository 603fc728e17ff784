import { join, relative, resolve } from 'node:path';
import type { Database } from '../db/database.ts';
import { isDatabaseOutage } from '../db/database-errors.ts';
import { formatDiagnostics } from '../ingest/report-format.ts';
import { loadSeed, type LoadedSeed } from '../ingest/load-seed.ts';
import type { Diagnostic } from '../ingest/diagnostics.ts';
import type { Ontology } from '../ingest/ontology.ts';
import { readSeedVersion, SyncOutcomeUnknown, syncSeed } from '../ingest/sync-seed.ts';
import { graphChange } from './graph-change.ts';
import { graphVersion, ontologyFingerprint, UNVERSIONED } from './graph-version.ts';
import type { GraphChangeModel, LiveSeed, SeedState, SeedStatusModel } from './live-seed.ts';
import { retryDelay } from './retry-delay.ts';
import { createSeedEventHub } from './seed-event-hub.ts';
import { watchSeedDir, type SeedWatcher } from './seed-watcher.ts';
import { createSyncQueue } from './sync-queue.ts';

export interface LiveSeedOptions {
  /** The database the sync writes to (not the API's read-deadline wrapper: a big sync may read long). */
  db: Database;
  /** Folder holding ontology.yaml and data/. */
  seedDir: string;
  /** Paths in diagnostics, changes and log lines are relative to this (the project root). */
  displayRoot: string;
  /** Watch seedDir and sync every saved change (npm start). @default false */
  watch?: boolean;
  /** Quiet time after the last save before a sync starts. @default 50 */
  debounceMs?: number;
  /** Retries while Neo4j is unreachable: the first after `firstMs`, doubling up to `maxMs`. @default { firstMs: 250, maxMs: 2000 } */
  retry?: { firstMs?: number; maxMs?: number };
  /** One line per sync. @default console.log */
  log?: (line: string) => void;
  /** Diagnostics and failures. @default console.error */
  logError?: (line: string) => void;
}

/** A LiveSeed, plus what tests and health checks look at. */
export interface LiveSeedHandle extends LiveSeed {
  /** Open seedEvents streams. */
  subscribers(): number;
}

/** While Neo4j stays unreachable, the log repeats its line every this many attempts (~1 min). */
const LOG_EVERY_ATTEMPTS = 30;

/**
 * The live seed sync: loads and syncs seed/ now, and (with `watch`) every saved change after,
 * one sync at a time. A seed that does not validate loads nothing and the last good graph and
 * ontology stay served; a Neo4j outage is retried with backoff until it is back. Never throws
 * after it has started — except here, at the start, when ontology.yaml itself is broken: the
 * API cannot describe any graph without one.
 */
export async function createLiveSeed(options: LiveSeedOptions): Promise<LiveSeedHandle> {
  const { db, watch = false, debounceMs = 50, log = console.log, logError = console.error } = options;
  const seedDir = resolve(options.seedDir);
  const displayRoot = resolve(options.displayRoot);
  const shown = (path: string) => relative(displayRoot, path) || path;
  const ontologyFile = shown(join(seedDir, 'ontology.yaml'));
  const load = () => loadSeed({ seedDir, displayRoot });

  const first = load();
  if (!first.ontology) {
    logError(formatDiagnostics(first.diagnostics));
    throw new Error(`${ontologyFile} has errors; the API cannot start without it`);
  }

  let ontology: Ontology = first.ontology;
  let servedOntology = ontologyFingerprint(ontology);
  let version = UNVERSIONED;
  let current: { state: SeedState; diagnostics: Diagnostic[]; message: string | null } = { state: 'SYNCING', diagnostics: [], message: null };
  // The state the last run ended in (never SYNCING): a SYNCED after WAITING says Neo4j is back.
  let settled: SeedState | undefined;
  // A valid seed loaded but not synced yet (Neo4j was down): retries reuse it until a save.
  let loaded: LoadedSeed | undefined = first;
  let dirty = false;
  const saved = new Set<string>();
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let lastPublished = '';
  let lastLogged = '';
  let closed = false;
  let firstRun = true;
  let schemaApplied = false;
  const hub = createSeedEventHub();

  const status = (): SeedStatusModel => ({ version, ...current, watching: watch });
  const publish = (change: GraphChangeModel | null) => {
    const s = status();
    const key = JSON.stringify(s);
    if (!change && key === lastPublished) return;
    lastPublished = key;
    hub.publish({ status: s, change });
  };
  const cancelRetry = () => {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = undefined;
  };

  const invalid = (diagnostics: Diagnostic[], message: string) => {
    cancelRetry();
    attempt = 0;
    current = { state: 'INVALID', diagnostics, message };
    settled = 'INVALID';
    // A save that leaves the same problems need not list them again.
    const key = JSON.stringify([diagnostics, message]);
    if (key !== lastLogged) {
      if (diagnostics.length > 0) logError(formatDiagnostics(diagnostics));
      logError(`seed: ${message}`);
      lastLogged = key;
    }
    publish(null);
  };

  const waiting = (err: Error) => {
    attempt++;
    current = {
      state: 'WAITING_FOR_DATABASE',
      diagnostics: [],
      message: `Neo4j is unreachable; the saved changes are synced as soon as it is back (attempt ${attempt})`,
    };
    settled = 'WAITING_FOR_DATABASE';
    if (attempt === 1 || attempt % LOG_EVERY_ATTEMPTS === 0) {
      logError(`seed: Neo4j is unreachable (${err.message.split('\n')[0]}); retrying (attempt ${attempt})`);
    }
    lastLogged = '';
    cancelRetry();
    retryTimer = setTimeout(
      () => {
        retryTimer = undefined;
        void queue.runNow();
      },
      retryDelay(attempt, options.retry?.firstMs, options.retry?.maxMs),
    );
    publish(null);
  };

  const run = async () => {
    if (closed) return;
    const started = Date.now();
    const isFirst = firstRun;
    firstRun = false;
    const files = [...saved].sort();
    let seed = loaded;
    if (!seed || dirty) {
      dirty = false;
      saved.clear();
      try {
        seed = load();
      } catch (err) {
        loaded = undefined;
        invalid([], `cannot read the seed files, nothing was loaded: ${(err as Error).message}`);
        return;
      }
    }
    current = { state: 'SYNCING', diagnostics: [], message: null };
    if (!seed.ontology || seed.diagnostics.length > 0) {
      loaded = undefined;
      if (version === UNVERSIONED) version = (await readSeedVersion(db).catch(() => null)) ?? UNVERSIONED;
      const n = seed.diagnostics.length;
      invalid(seed.diagnostics, `${n} problem${n === 1 ? '' : 's'} in the seed files; nothing was loaded, the last good graph (${version}) is served`);
      return;
    }
    loaded = seed;
    const next = graphVersion(seed.graph, seed.ontology);
    let report;
    try {
      report = await syncSeed(db, seed.graph, { version: next, skipSchema: schemaApplied });
    } catch (err) {
      // Neo4j may come back as another store (restored, wiped): apply the schema again then.
      schemaApplied = false;
      if (isDatabaseOutage(err) || (err instanceof SyncOutcomeUnknown && isDatabaseOutage(err.cause))) {
        // An outcome lost in a dropped commit is settled by the retry: its diff finds what is left.
        waiting(err as Error);
        return;
      }
      loaded = undefined;
      invalid([], `the sync failed, nothing was changed: ${(err as Error).message}`);
      return;
    }
    loaded = undefined;
    schemaApplied = true;
    const recovered = settled === 'WAITING_FOR_DATABASE';
    cancelRetry();
    attempt = 0;
    const fingerprint = ontologyFingerprint(seed.ontology);
    const ontologyChanged = fingerprint !== servedOntology;
    ontology = seed.ontology;
    servedOntology = fingerprint;
    const before = version === UNVERSIONED ? report.previousVersion : version;
    version = next;
    const change = next !== before ? graphChange({ diff: report.diff, version: next, previousVersion: before, ontologyChanged, ontologyFile }) : null;
    current = { state: 'SYNCED', diagnostics: [], message: recovered ? 'Neo4j is back; the saved changes are synced' : null };
    settled = 'SYNCED';
    lastLogged = '';
    const ms = Date.now() - started;
    const back = recovered ? ' — Neo4j is back' : '';
    if (change) log(`seed: ${change.summary} (${next}) in ${ms} ms${back}`);
    else if (isFirst) log(`seed: up to date, ${seed.graph.entities.length} entities and ${seed.graph.relations.length} relations (${next}) in ${ms} ms`);
    else log(`seed: ${files.length > 0 ? `${files.join(', ')} saved` : 'synced'}; the graph is unchanged (${next})${back}`);
    publish(change);
  };

  // What the last finished run left: syncNow answers with it, not with status() at the moment
  // it resumes — by then a save the watcher saw (the very file the write API wrote) may have
  // started the next run, and status() would say SYNCING with no version for the caller's edit.
  let lastRun: SeedStatusModel | undefined;
  const queue = createSyncQueue({
    debounceMs,
    run: async () => {
      await run();
      lastRun = status();
    },
    // A bug, not a seed problem: say so, and leave a state that does not claim a sync is running.
    onError: (err) => {
      logError(`seed: unexpected failure of the live sync: ${(err as Error).stack ?? String(err)}`);
      loaded = undefined;
      invalid([], `the live sync failed unexpectedly, nothing was changed: ${(err as Error).message ?? String(err)}`);
      lastRun = status();
    },
  });

  let watcher: SeedWatcher | undefined;
  if (watch) {
    // Watching starts before the first sync, so a save made during it is not missed.
    watcher = await watchSeedDir(
      seedDir,
      (path) => {
        if (closed) return;
        saved.add(shown(path));
        dirty = true;
        queue.touch();
      },
      (err) => logError(`seed: watching ${shown(seedDir)} failed: ${err.message}`),
    );
  }
  await queue.runNow();

  return {
    seedDir,
    displayRoot,
    ontology: () => ontology,
    status,
    async syncNow() {
      if (closed) return status();
      dirty = true;
      await queue.runNow();
      return lastRun ?? status();
    },
    events: (signal) => hub.subscribe(() => ({ status: status(), change: null }), signal),
    subscribers: () => hub.subscribers(),
    async close() {
      if (closed) return;
      closed = true;
      cancelRetry();
      hub.close();
      await watcher?.close();
      await queue.close();
    },
  };
}
