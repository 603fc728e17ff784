/**
 * What the input drills (seed input, GraphQL abuse, injection) share: a tally that turns cases
 * into a DrillRow, and the real dataset loaded the way `npm run seed:sync` loads it.
 */
import type { Database } from '../../server/db/database.ts';
import type { LoadedSeed } from '../../server/ingest/load-seed.ts';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { syncSeed } from '../../server/ingest/sync-seed.ts';
import { PROJECT_ROOT, SEED_DIR } from '../helpers/seed-fixture.ts';
import { resetDatabase } from '../helpers/graph-state.ts';
import type { DrillRow } from './drill-types.ts';

/** Counts cases of one kind, keeps the first few failures, and becomes one DrillRow. */
export class Tally {
  cases = 0;
  passed = 0;
  readonly failures: string[] = [];

  constructor(
    readonly drill: string,
    readonly name: string,
  ) {}

  /** Records one case: `failure` undefined means it passed. */
  record(failure: string | undefined): void {
    this.cases++;
    if (failure === undefined) this.passed++;
    else if (this.failures.length < 3) this.failures.push(failure.length > 300 ? `${failure.slice(0, 297)}…` : failure);
  }

  row(figure: string): DrillRow {
    const failed = this.failures.length > 0 ? `; FAILED: ${this.failures.join(' | ')}` : '';
    return { drill: this.drill, case: this.name, cases: this.cases, passed: this.passed, figure: figure + failed };
  }
}

/** Milliseconds, rounded for tables. */
export function ms(value: number): string {
  return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;
}

/** The p-th percentile (0–100) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Empties the database and syncs seed/ into it, as `npm run seed:sync` would. */
export async function loadRealDataset(db: Database): Promise<LoadedSeed & { ontology: NonNullable<LoadedSeed['ontology']> }> {
  await resetDatabase(db);
  const seed = loadSeed({ seedDir: SEED_DIR, displayRoot: PROJECT_ROOT });
  if (seed.diagnostics.length > 0 || !seed.ontology) throw new Error(`seed/ is invalid: ${JSON.stringify(seed.diagnostics.slice(0, 3))}`);
  await syncSeed(db, seed.graph);
  return { ...seed, ontology: seed.ontology };
}
