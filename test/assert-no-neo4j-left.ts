/**
 * Runs after the test suite (see `npm test`): fails when a JVM started by the tests is
 * still alive. Only throw-away instances are looked for, so a developer's `npm start` is ignored.
 */
import { execFileSync } from 'node:child_process';
import { EPHEMERAL_PREFIX } from '../neo4j/local-neo4j.ts';

const deadline = Date.now() + 20_000;
let left: string[] = [];
do {
  const ps = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  left = ps.split('\n').filter((l) => l.includes('Launcher.java') && l.includes(EPHEMERAL_PREFIX));
  if (left.length === 0) break;
  await new Promise((r) => setTimeout(r, 500));
} while (Date.now() < deadline);

if (left.length > 0) {
  console.error(`no-orphans: ${left.length} Neo4j JVM(s) from the tests are still running:\n${left.join('\n')}`);
  process.exit(1);
}
console.log('no-orphans: no Neo4j JVM from the tests is left running');
