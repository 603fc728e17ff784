/**
 * `npm run seed:check` — validate seed/ like a compiler; never touches a database.
 * `npm run seed:sync [-- --dry-run] [-- --full]` — load seed/ into Neo4j (NEO4J_URI, or the local one);
 *   `--full` compares every fact instead of only the files whose digest changed.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import cliProgress from 'cli-progress';
import { connect } from '../db/connect.ts';
import { limitHeapGrowth } from '../heap-growth.ts';
import { graphVersion } from '../live/graph-version.ts';
import { loadSeed } from './load-seed.ts';
import { formatDiagnostics, formatDiff, formatSummary } from './report-format.ts';
import { SyncOutcomeUnknown, syncSeed } from './sync-seed.ts';

const projectRoot = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    'dry-run': { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
    'seed-dir': { type: 'string', default: join(projectRoot, 'seed') },
    quiet: { type: 'boolean', default: false },
  },
});
const command = positionals[0];
if (command !== 'check' && command !== 'sync') {
  console.error('usage: cli.ts check|sync [--dry-run] [--full] [--seed-dir DIR]');
  process.exit(2);
}

limitHeapGrowth();
const started = Date.now();
const seed = loadSeed({ seedDir: resolve(values['seed-dir']), displayRoot: process.cwd() });
if (seed.diagnostics.length > 0) {
  console.error(formatDiagnostics(seed.diagnostics));
  process.exit(1);
}
const { entities, relations } = seed.graph;
console.log(`seed: ${seed.files.length} files, ${entities.length} entities, ${relations.length} relations — valid (${Date.now() - started} ms)`);
if (command === 'check') process.exit(0);

const conn = await connect().catch((err: unknown) => {
  console.error(`seed: ${(err as Error).message}`);
  process.exit(1);
});
let bar: cliProgress.SingleBar | undefined;
try {
  const total = entities.length + relations.length;
  const showProgress = total >= 20_000 && !values.quiet;
  // A bar on a terminal; on a pipe (CI logs, a supervising process) one line per written batch.
  bar =
    showProgress && process.stderr.isTTY
      ? new cliProgress.SingleBar({ format: 'sync [{bar}] {percentage}% {value}/{total} rows', stream: process.stderr }, cliProgress.Presets.shades_classic)
      : undefined;
  let barStarted = false;
  const report = await syncSeed(conn.db, seed.graph, {
    dryRun: values['dry-run'],
    full: values.full,
    // The same version a running server computes, so its seedStatus agrees with this sync.
    ...(seed.ontology ? { version: graphVersion(seed.graph, seed.ontology) } : {}),
    onProgress: (done, all) => {
      if (!showProgress) return;
      if (!bar) {
        process.stderr.write(`sync: ${done}/${all} rows written\n`);
        return;
      }
      if (!barStarted) bar.start(all, 0);
      barStarted = true;
      bar.update(done);
    },
  });
  bar?.stop();
  if (values['dry-run']) {
    const diff = formatDiff(report);
    if (diff) console.log(diff);
  }
  console.log(formatSummary(report));
} catch (err) {
  // A running bar's redraw timer would keep the process alive after a failure.
  bar?.stop();
  if (err instanceof SyncOutcomeUnknown) console.error(`seed: sync failed: ${err.message} (npm run seed:sync -- --dry-run)`);
  else console.error(`seed: sync failed, nothing was changed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await conn.close();
}
