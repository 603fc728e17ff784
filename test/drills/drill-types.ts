/**
 * What every drill returns: one row per kind of case, with how many cases ran, how many passed,
 * and the figure that proves it (latency, checksum, memory…). `npm run drills` prints the rows
 * as one table; the integration tests assert `passed === cases` on the same rows.
 */
export interface DrillRow {
  /** The drill's section in the issue: "seed input", "graphql abuse", "injection", "faults", "load". */
  drill: string;
  /** What this row covers, e.g. "fast-check mutations of valid files". */
  case: string;
  cases: number;
  passed: number;
  /** The measured figure, e.g. "p99 normal query during attack 42 ms", "DB checksum unchanged". */
  figure: string;
}

export interface DrillOptions {
  /** A Neo4j the drill may use and reset (drills that kill Neo4j start their own instead). */
  neo4j: { uri: string; username: string; password: string };
  /** Quick mode: the sizes `npm test` runs; full mode: the sizes `npm run drills` runs. */
  quick: boolean;
  log: (message: string) => void;
}

export type Drill = (options: DrillOptions) => Promise<DrillRow[]>;

/** True when every case of every row passed. */
export function allPassed(rows: readonly DrillRow[]): boolean {
  return rows.every((r) => r.cases > 0 && r.passed === r.cases);
}
