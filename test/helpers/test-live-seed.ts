import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../server/db/database.ts';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import type { Ontology } from '../../server/ingest/ontology.ts';
import { syncSeed } from '../../server/ingest/sync-seed.ts';
import type { LiveSeed, SeedStatusModel } from '../../server/live/live-seed.ts';
import { SEED_DIR } from './seed-fixture.ts';

/**
 * The smallest real LiveSeed: syncNow loads the folder and syncs it into Neo4j (no watching,
 * no retries, no events). Enough for the write API's tests; server/live/ has the real one.
 */
export function testLiveSeed(db: Database, seedDir: string, displayRoot: string): LiveSeed {
  const first = loadSeed({ seedDir, displayRoot });
  if (!first.ontology) throw new Error(`the test seed's ontology is invalid: ${JSON.stringify(first.diagnostics[0])}`);
  let ontology: Ontology = first.ontology;
  let status: SeedStatusModel = { version: '', state: 'SYNCED', diagnostics: [], message: null, watching: false };
  return {
    seedDir,
    displayRoot,
    ontology: () => ontology,
    status: () => status,
    async syncNow() {
      const seed = loadSeed({ seedDir, displayRoot });
      if (seed.diagnostics.length > 0 || !seed.ontology) {
        status = { ...status, state: 'INVALID', diagnostics: seed.diagnostics };
        return status;
      }
      ontology = seed.ontology;
      try {
        await syncSeed(db, seed.graph);
      } catch {
        status = { ...status, state: 'WAITING_FOR_DATABASE', message: 'Neo4j is unreachable' };
        return status;
      }
      const version = createHash('sha256')
        .update(JSON.stringify(seed.graph, (k, v: unknown) => (k === 'at' ? undefined : v)))
        .digest('hex')
        .slice(0, 12);
      status = { version, state: 'SYNCED', diagnostics: [], message: null, watching: false };
      return status;
    },
    // eslint-disable-next-line require-yield
    async *events() {
      return;
    },
    async close() {},
  };
}

/** A copy of the project's seed/ in a temporary folder: <tmp>/seed, shown as seed/… as in the project. */
export function copySeedDir(): { root: string; seedDir: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'splinternet-authoring-'));
  const seedDir = join(root, 'seed');
  cpSync(SEED_DIR, seedDir, { recursive: true });
  return { root, seedDir, remove: () => rmSync(root, { recursive: true, force: true }) };
}
