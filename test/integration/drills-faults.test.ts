import { inject, describe, expect, it } from 'vitest';
import { faultDrill } from '../drills/fault-drill.ts';
import { loadDrill } from '../drills/load-drill.ts';
import type { DrillOptions, DrillRow } from '../drills/drill-types.ts';

// The fault and load drills in quick mode (`npm run drills -- --only faults,load` runs the full
// sizes). The fault drill starts, kills and restarts Neo4j instances of its own; the load drill
// uses the run's shared Neo4j. Every row must have run cases, and all of them must pass.
// Each Neo4j start takes 15-60 s on a busy 2-core machine, hence the long timeouts.
const options = (): DrillOptions => ({
  neo4j: { uri: inject('neo4jUri'), username: inject('neo4jUsername'), password: inject('neo4jPassword') },
  quick: true,
  log: (message) => console.log(`[drills] ${message}`),
});

function expectAllPassed(rows: DrillRow[]): void {
  console.table(rows);
  expect(rows.length).toBeGreaterThan(0);
  // The failing rows themselves, so the diff says which case failed and what was measured.
  expect(rows.filter((row) => !(row.cases > 0 && row.passed === row.cases))).toEqual([]);
}

describe('drills: faults and load (quick)', () => {
  it('faults: Neo4j killed mid-sync and under load, the server restarted under load', async () => {
    expectAllPassed(await faultDrill(options()));
  }, 900_000);

  it('load: the client operations at 16 connections, no errors, no memory growth', async () => {
    expectAllPassed(await loadDrill(options()));
  }, 400_000);
});
