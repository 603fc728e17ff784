import { describe, expect, inject, it } from 'vitest';
import type { Drill, DrillRow } from '../drills/drill-types.ts';
import { graphqlAbuseDrill } from '../drills/graphql-abuse-drill.ts';
import { injectionDrill } from '../drills/injection-drill.ts';
import { seedInputDrill } from '../drills/seed-input-drill.ts';

// The input drills of `npm run drills` (bad seed input, GraphQL abuse, injection) in quick mode:
// every row must have run cases, and every case must have passed.
const neo4j = { uri: inject('neo4jUri'), username: inject('neo4jUsername'), password: inject('neo4jPassword') };
const run = (drill: Drill) => drill({ neo4j, quick: true, log: () => {} });

function expectAllPassed(rows: DrillRow[]): void {
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) {
    expect(r.cases, `${r.drill} / ${r.case}: no cases ran`).toBeGreaterThan(0);
    expect(r.passed, `${r.drill} / ${r.case}: ${r.figure}`).toBe(r.cases);
  }
}

describe('input drills (quick)', () => {
  it('bad seed input: ≥ 100 malformed files refused with file:line:column, nothing crashes, the graph unchanged', async () => {
    const rows = await run(seedInputDrill);
    expectAllPassed(rows);
    const malformed = rows.filter((r) => !/same graph/.test(r.case)).reduce((n, r) => n + r.cases, 0);
    expect(malformed).toBeGreaterThanOrEqual(100);
  }, 300_000);

  it('GraphQL abuse: every attack refused quickly with a stable code, normal queries keep answering', async () => {
    expectAllPassed(await run(graphqlAbuseDrill));
  }, 300_000);

  it('injection: only validation errors from the API, the graph unchanged; seed strings round-trip', async () => {
    expectAllPassed(await run(injectionDrill));
  }, 300_000);
});
