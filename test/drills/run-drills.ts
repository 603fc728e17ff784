/**
 * `npm run drills [-- --quick] [-- --only seed,abuse]`: runs every reliability and security drill
 * (test/drills/*-drill.ts) against a throw-away local Neo4j (or TEST_NEO4J_URI), prints one
 * table, writes bench-results/drills.json, and exits 1 when any case failed.
 */
import { parseArgs } from 'node:util';
import { startLocalNeo4j, type LocalNeo4j } from '../../neo4j/local-neo4j.ts';
import { reportBench } from '../bench/bench-report.ts';
import { allPassed, type Drill, type DrillRow } from './drill-types.ts';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string', default: '' },
  },
});

/** Drill modules in the order the issue lists them; each is loaded only when it runs. */
const DRILLS: Array<{ name: string; load: () => Promise<Drill> }> = [
  { name: 'seed', load: async () => (await import('./seed-input-drill.ts')).seedInputDrill },
  { name: 'abuse', load: async () => (await import('./graphql-abuse-drill.ts')).graphqlAbuseDrill },
  { name: 'injection', load: async () => (await import('./injection-drill.ts')).injectionDrill },
  // Each drill module adds its line here when it exists: seed, abuse, injection, faults, load.
  { name: 'faults', load: async () => (await import('./fault-drill.ts')).faultDrill },
  { name: 'load', load: async () => (await import('./load-drill.ts')).loadDrill },
  { name: 'scale-out', load: async () => (await import('./scale-out-drill.ts')).scaleOutDrill },
];

const only = args.only ? new Set(args.only.split(',')) : undefined;
const log = (message: string) => console.error(`[drills] ${message}`);
let local: LocalNeo4j | undefined;
const rows: DrillRow[] = [];
try {
  const external = process.env.TEST_NEO4J_URI;
  local = external ? undefined : await startLocalNeo4j({ mode: 'ephemeral', heapMb: 1024, pageCacheMb: 256, log });
  const neo4j = {
    uri: external ?? local!.uri,
    username: process.env.TEST_NEO4J_USERNAME ?? 'neo4j',
    password: process.env.TEST_NEO4J_PASSWORD ?? 'neo4j',
  };
  for (const drill of DRILLS) {
    if (only && !only.has(drill.name)) continue;
    const started = Date.now();
    log(`${drill.name}…`);
    try {
      rows.push(...(await (await drill.load())({ neo4j, quick: args.quick, log })));
    } catch (error) {
      // A drill that throws is a failed drill, reported in the table like any other.
      rows.push({ drill: drill.name, case: 'drill crashed', cases: 1, passed: 0, figure: error instanceof Error ? error.message : String(error) });
    }
    log(`${drill.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
} finally {
  await local?.stop();
}
reportBench(
  'drills',
  rows.map((r) => ({ drill: r.drill, case: r.case, cases: r.cases, passed: r.passed, result: r.passed === r.cases ? 'pass' : 'FAIL', figure: r.figure })),
  { quick: args.quick },
);
process.exitCode = allPassed(rows) ? 0 : 1;
