/**
 * `npm run bench:ingest [-- --sizes 10000,100000,1000000]`: relations/s of seed check and of
 * sync into a throw-away local Neo4j (or TEST_NEO4J_URI), plus an unchanged re-sync.
 * Prints a table and writes bench-results/ingest.json. Asserts nothing.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalNeo4j } from '../../neo4j/local-neo4j.ts';
import { openDatabase } from '../../server/db/database.ts';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { loadOntologyFile } from '../../server/ingest/ontology.ts';
import { syncSeed } from '../../server/ingest/sync-seed.ts';
import { SEED_DIR } from '../helpers/seed-fixture.ts';
import { reportBench } from './bench-report.ts';
import { writeSyntheticSeed } from './synthetic-seed.ts';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '10000,100000,1000000' } } });
const sizes = values.sizes.split(',').map(Number);
const ontology = loadOntologyFile(join(SEED_DIR, 'ontology.yaml'));

const external = process.env.TEST_NEO4J_URI;
const local = external ? undefined : await startLocalNeo4j({ mode: 'ephemeral', heapMb: 8192, pageCacheMb: 2048, txMemoryMb: 12_000 });
const db = openDatabase({
  uri: external ?? local!.uri,
  username: process.env.TEST_NEO4J_USERNAME ?? 'neo4j',
  password: process.env.TEST_NEO4J_PASSWORD ?? 'neo4j',
});
const rows: Array<Record<string, string | number>> = [];
try {
  for (const relations of sizes) {
    const entities = Math.max(100, Math.round(relations / 5));
    const parent = mkdtempSync(join(tmpdir(), 'splinternet-bench-'));
    const dir = join(parent, 'seed');
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(SEED_DIR, 'ontology.yaml'), join(dir, 'ontology.yaml'));
    writeSyntheticSeed({ dir, ontology, entities, relations });

    let t = performance.now();
    const seed = loadSeed({ seedDir: dir });
    const checkS = (performance.now() - t) / 1000;
    if (seed.diagnostics.length > 0) throw new Error(`synthetic seed invalid: ${seed.diagnostics.length} errors, first ${JSON.stringify(seed.diagnostics[0])}`);

    // Start empty; batched deletes need an auto-commit transaction.
    const session = db.driver.session();
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
    await session.close();
    t = performance.now();
    const first = await syncSeed(db, seed.graph, { onProgress: (d, all) => process.stderr.write(`\r  sync ${relations}: ${d}/${all} rows`) });
    const syncS = (performance.now() - t) / 1000;
    process.stderr.write('\n');
    t = performance.now();
    const again = await syncSeed(db, seed.graph);
    const resyncS = (performance.now() - t) / 1000;
    if (first.relations.created !== relations || again.relations.unchanged !== relations) throw new Error('sync counts are off');
    const rssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
    rows.push({
      relations,
      entities,
      'check s': checkS,
      'check rel/s': Math.round(relations / checkS),
      'sync s': syncS,
      'sync rel/s': Math.round(relations / syncS),
      'write+commit s': first.phases.writeMs / 1000,
      // Every other phase the sync reports, by name (metrics is part of write+commit).
      ...Object.fromEntries(
        Object.entries(first.phases)
          .filter(([phase]) => phase !== 'writeMs')
          .map(([phase, ms]) => [`${phase.replace(/Ms$/, '')} s`, ms / 1000]),
      ),
      'metrics % of sync': Math.round((1000 * first.phases.metricsMs) / first.ms) / 10,
      'unchanged re-sync s': resyncS,
      'node RSS MB': rssMb,
    });
    console.log(
      `  ${relations}: check ${checkS.toFixed(2)} s, sync ${syncS.toFixed(2)} s (metrics ${(first.phases.metricsMs / 1000).toFixed(2)} s), re-sync ${resyncS.toFixed(2)} s`,
    );
    rmSync(parent, { recursive: true, force: true });
  }
} finally {
  await db.close();
  await local?.stop();
}
reportBench('ingest', rows, {
  neo4j: external ? 'TEST_NEO4J_URI' : 'local ephemeral, heap 8 GiB, page cache 2 GiB',
  sync: 'one transaction, UNWIND batches of 10000',
});
