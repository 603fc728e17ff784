/**
 * Runs after the test suite (see `npm test`): fails when a JVM started by this test run is
 * still alive. `npm test` sets SPLINTERNET_RUN_ID and every JVM it starts carries it, so a
 * developer's `npm start` or another run's Neo4j is ignored; without it, any throw-away
 * instance counts.
 */
import { execFileSync } from 'node:child_process';
import { EPHEMERAL_PREFIX, isLauncherCommandLine } from '../neo4j/local-neo4j.ts';

const deadline = Date.now() + 20_000;
let left: string[] = [];
do {
  const ps = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  const runId = process.env.SPLINTERNET_RUN_ID;
  left = ps.split('\n').filter((l) => isLauncherCommandLine(l) && (runId ? l.includes(`-Dsplinternet.run=${runId} `) : l.includes(EPHEMERAL_PREFIX)));
  if (left.length === 0) break;
  await new Promise((r) => setTimeout(r, 500));
} while (Date.now() < deadline);

if (left.length > 0) {
  console.error(`no-orphans: ${left.length} Neo4j JVM(s) from the tests are still running: pids ${left.map((l) => l.trim().split(' ')[0]).join(', ')}`);
  process.exit(1);
}
console.log('no-orphans: no Neo4j JVM from the tests is left running');
