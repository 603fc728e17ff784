import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EPHEMERAL_PREFIX, freePort, startLocalNeo4j, type LocalNeo4j } from '../../neo4j/local-neo4j.ts';
import { openDatabase } from '../../server/db/database.ts';
import { loadOntologyFile } from '../../server/ingest/ontology.ts';
import { apiClient } from '../helpers/api-harness.ts';
import { SEED_DIR } from '../helpers/seed-fixture.ts';

// Neo4j goes away and comes back on the same address: the API says DATABASE_UNAVAILABLE in
// between and recovers by itself, with no restart of the server.
const dataDir = mkdtempSync(join(tmpdir(), `${EPHEMERAL_PREFIX}recovery-`));
let neo4j: LocalNeo4j | undefined;
afterAll(async () => {
  await neo4j?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('API when Neo4j goes away and comes back', () => {
  it('answers DATABASE_UNAVAILABLE, then recovers by itself', async () => {
    const port = await freePort();
    const start = () => startLocalNeo4j({ mode: 'persistent', dataDir, port, log: () => {} });
    neo4j = await start();
    const db = openDatabase({ uri: neo4j.uri, username: 'neo4j', password: 'x' });
    try {
      const api = apiClient(db, loadOntologyFile(join(SEED_DIR, 'ontology.yaml')));
      const ask = () => api.query<{ stats: { entities: number } }>('{ stats { entities } }');
      expect((await ask()).data?.stats.entities).toBe(0);

      await neo4j.stop();
      const down = await ask();
      expect(down.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
      expect(down.errors?.[0]?.path).toEqual(['stats']);

      neo4j = await start();
      const back = Date.now();
      let r = await ask();
      while (r.errors && Date.now() - back < 5_000) {
        await new Promise((res) => setTimeout(res, 200));
        r = await ask();
      }
      expect(r.errors).toBeUndefined();
      expect(r.data?.stats.entities).toBe(0);
    } finally {
      await db.close();
    }
  }, 180_000);
});
