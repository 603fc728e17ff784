import { inject, describe, expect, it } from 'vitest';
import type { DrillRow } from '../drills/drill-types.ts';
import { scaleOutDrill } from '../drills/scale-out-drill.ts';

// The scale-out drill in quick mode (`npm run drills -- --only scale-out` runs the full sizes):
// two real server processes on the run's Neo4j, syncs made by neither, checked at once.
describe('drills: scale-out (quick)', () => {
  it('two servers answer identically before and after syncs, and no cached answer outlives its version', async () => {
    const rows: DrillRow[] = await scaleOutDrill({
      neo4j: { uri: inject('neo4jUri'), username: inject('neo4jUsername'), password: inject('neo4jPassword') },
      quick: true,
      log: (message) => console.log(`[drills] ${message}`),
    });
    console.table(rows);
    expect(rows.length).toBe(4);
    expect(rows.filter((row) => !(row.cases > 0 && row.passed === row.cases))).toEqual([]);
  }, 600_000);
});
