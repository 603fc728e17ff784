import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EPHEMERAL_PREFIX, freePort, startLocalNeo4j, type LocalNeo4j } from '../../neo4j/local-neo4j.ts';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { readSeedVersion } from '../../server/ingest/sync-seed.ts';
import { createLiveSeed, type LiveSeedHandle } from '../../server/live/create-live-seed.ts';
import { recordEvents } from '../helpers/live-seed-harness.ts';
import { SMALL_SEED, makeSeedDir } from '../helpers/seed-fixture.ts';

// A Neo4j of its own (persistent, so it can be killed and restarted on the same store and port),
// killed the way a crash would; a save while it is down waits, and lands once it is back.
describe('live seed sync while Neo4j is down', () => {
  it('a save while Neo4j is down: WAITING_FOR_DATABASE, retried, and synced once it is back', async () => {
    const work = mkdtempSync(join(tmpdir(), `${EPHEMERAL_PREFIX}live-outage-`));
    const port = await freePort();
    const start = () => startLocalNeo4j({ mode: 'persistent', dataDir: join(work, 'neo4j'), port, heapMb: 512, pageCacheMb: 64, log: () => {} });
    const seed = makeSeedDir({ 'a.yaml': SMALL_SEED });
    const logs: string[] = [];
    let neo4j: LocalNeo4j | undefined;
    let db: Database | undefined;
    let live: LiveSeedHandle | undefined;
    try {
      neo4j = await start();
      db = openDatabase({ uri: neo4j.uri, username: 'neo4j', password: 'neo4j' });
      live = await createLiveSeed({
        db,
        seedDir: seed.dir,
        displayRoot: join(seed.dir, '..'),
        watch: true,
        log: (l) => logs.push(l),
        logError: (l) => logs.push(l),
      });
      const version = live.status().version;
      expect(live.status().state).toBe('SYNCED');
      const recorder = recordEvents(live);

      process.kill(neo4j.pid, 'SIGKILL');
      await neo4j.stop();
      neo4j = undefined;
      const seen = recorder.events.length;
      seed.write('b.yaml', 'relations:\n  - china EXCLUDES huawei @ap\n');
      const waiting = await recorder.waitFor('WAITING_FOR_DATABASE', (e) => e.status.state === 'WAITING_FOR_DATABASE', seen);
      expect(waiting.status).toMatchObject({ version, diagnostics: [], message: expect.stringMatching(/^Neo4j is unreachable; .*\(attempt 1\)$/) });
      // It keeps trying (with backoff) rather than giving up.
      await recorder.waitFor('a second attempt', (e) => /\(attempt 2\)$/.test(e.status.message ?? ''), seen);
      expect(logs.join('\n')).toMatch(/seed: Neo4j is unreachable \(.*\); retrying \(attempt 1\)/);

      neo4j = await start();
      const back = await recorder.waitFor('the sync after Neo4j is back', (e) => e.change !== null, seen, 120_000);
      expect(back.change).toMatchObject({ previousVersion: version, files: ['seed/data/b.yaml'], relations: { created: ['china|EXCLUDES|huawei'] } });
      expect(back.status).toMatchObject({ state: 'SYNCED', message: 'Neo4j is back; the saved changes are synced' });
      expect(logs.at(-1)).toMatch(/^seed: 1 relation added from seed\/data\/b\.yaml \([0-9a-f]{12}\) in \d+ ms — Neo4j is back$/);
      const stored = await db.read((tx) => tx.run(`MATCH (:Entity {id: 'china'})-[r:EXCLUDES]->(:Entity {id: 'huawei'}) RETURN r.key AS key`));
      expect(stored.records.map((r) => r.get('key') as string)).toEqual(['china|EXCLUDES|huawei']);
      expect(await readSeedVersion(db)).toBe(back.change!.version);
      await recorder.stop();
    } finally {
      await live?.close();
      await db?.close();
      await neo4j?.stop();
      seed.remove();
      rmSync(work, { recursive: true, force: true });
    }
  }, 400_000);
});
