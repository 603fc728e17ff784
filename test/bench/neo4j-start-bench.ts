/**
 * `npm run bench:neo4j-start [-- --runs 5] [-- --modes ephemeral,persistent]`: how long the local
 * Neo4j takes from spawn to its first `RETURN 1` over Bolt, without the class-data archive
 * (what a first start costs) and with it (every later start), for the throw-away test instance
 * (a fresh database each time) and the persistent one of `npm start` (an existing database).
 * Variants run interleaved, round after round, so a change in the machine's load hits all alike.
 * Besides wall time it reports the JVM's CPU time until ready, which contention inflates far
 * less. Prints a table and writes bench-results/neo4j-start.json. Asserts nothing.
 */
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EPHEMERAL_PREFIX, freePort, startLocalNeo4j, type LocalNeo4jOptions, type Neo4jTuning } from '../../neo4j/local-neo4j.ts';
import { percentile } from '../drills/fetch-load.ts';
import { reportBench } from './bench-report.ts';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, modes: { type: 'string', default: 'ephemeral,persistent' } },
});
const runs = Number(args.runs);
const modes = args.modes.split(',') as Array<LocalNeo4jOptions['mode']>;
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, not "${args.runs}"`);
if (modes.some((m) => m !== 'ephemeral' && m !== 'persistent')) throw new Error(`--modes takes ephemeral and/or persistent, not "${args.modes}"`);

interface Variant {
  name: string;
  mode: LocalNeo4jOptions['mode'];
  classDataSharing: boolean;
  tuning: Neo4jTuning;
}
const variants: Variant[] = modes.flatMap((mode) => [
  { name: 'no archive', mode, classDataSharing: false, tuning: 'quick-start' as const },
  { name: 'archive', mode, classDataSharing: true, tuning: 'quick-start' as const },
  { name: 'archive, C2+G1', mode, classDataSharing: true, tuning: 'throughput' as const },
]);

/** User + system CPU of a process so far, from /proc (clock ticks of 10 ms on Linux). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const quiet = () => {};
const loadBefore = loadavg();
// The persistent variants restart the same database, as `npm start` does day to day.
const persistentDir = mkdtempSync(join(tmpdir(), `${EPHEMERAL_PREFIX}bench-`));
const persistentPort = await freePort();
const samples = new Map<Variant, Array<{ startMs: number; cpuMs: number; stopMs: number }>>(variants.map((v) => [v, []]));
try {
  // Make sure the archive exists and the persistent database is created before measuring.
  const first = await startLocalNeo4j({ mode: 'persistent', dataDir: persistentDir, port: persistentPort, log: quiet });
  const wrote = await first.classData.written;
  console.log(`warm-up: archive ${first.classData.status}${wrote ? ' and written' : ''} (${first.classData.archive})`);
  await first.stop();

  for (let round = 1; round <= runs; round++) {
    for (const v of variants) {
      const db = await startLocalNeo4j({
        mode: v.mode,
        ...(v.mode === 'persistent' ? { dataDir: persistentDir, port: persistentPort } : {}),
        classDataSharing: v.classDataSharing,
        tuning: v.tuning,
        log: quiet,
      });
      const cpu = cpuMs(db.pid);
      if (v.classDataSharing && db.classData.status !== 'used')
        console.warn(`  ${v.name}: the archive was not used (${db.classData.status}: ${db.classData.reason ?? ''})`);
      const t = performance.now();
      await db.stop();
      samples.get(v)!.push({ startMs: db.startMs, cpuMs: cpu, stopMs: Math.round(performance.now() - t) });
      process.stderr.write(`\r  round ${round}/${runs}: ${v.mode} ${v.name} ${db.startMs} ms   `);
    }
  }
  process.stderr.write('\n');
} finally {
  rmSync(persistentDir, { recursive: true, force: true });
}

const rows = variants.map((v) => {
  const s = samples.get(v)!;
  const start = s.map((x) => x.startMs);
  return {
    instance: v.mode === 'ephemeral' ? 'ephemeral (new database)' : 'persistent (existing database)',
    variant: v.name,
    runs: s.length,
    'start median ms': percentile(start, 50),
    'start min ms': Math.min(...start),
    'start max ms': Math.max(...start),
    'JVM CPU to ready, median ms': percentile(
      s.map((x) => x.cpuMs),
      50,
    ),
    'stop median ms': percentile(
      s.map((x) => x.stopMs),
      50,
    ),
  };
});
const loadAfter = loadavg();
reportBench('neo4j-start', rows, {
  runs,
  loadAverageBefore: loadBefore.map((l) => Number(l.toFixed(2))),
  loadAverageAfter: loadAfter.map((l) => Number(l.toFixed(2))),
  note: 'start = spawn to the first RETURN 1 over Bolt; "no archive" is what the first start costs; take figures on a quiet machine',
});
console.log(`load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')}`);
