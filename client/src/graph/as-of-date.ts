/**
 * Dates in the graph are ISO text of varying precision: YYYY, YYYY-MM or YYYY-MM-DD. A relation
 * is in force on a day unless we know it is not: it started after that day, or ended before it.
 * A partial `since` counts from the first day of its period and a partial `until` to the last,
 * so "until 2021" is still in force on 2021-07-01.
 */

const DAY_MS = 86_400_000;

/** The first day a partial date can mean: 2020 → 2020-01-01, 2020-10 → 2020-10-01. */
export function periodStart(date: string): string {
  if (/^\d{4}$/.test(date)) return `${date}-01-01`;
  if (/^\d{4}-\d{2}$/.test(date)) return `${date}-01`;
  return date.slice(0, 10);
}

/** The last day a partial date can mean: 2020 → 2020-12-31, 2020-02 → 2020-02-29. */
export function periodEnd(date: string): string {
  if (/^\d{4}$/.test(date)) return `${date}-12-31`;
  const month = /^(\d{4})-(\d{2})$/.exec(date);
  if (month) {
    const year = Number(month[1]);
    const m = Number(month[2]);
    const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
    return `${date}-${String(last).padStart(2, '0')}`;
  }
  return date.slice(0, 10);
}

/**
 * Whether a relation with `since`/`until` is in force on `asOf` (YYYY-MM-DD): not when it
 * starts after that day (since > asOf) nor when it ended before it (until < asOf).
 */
export function isInForce(since: string | null | undefined, until: string | null | undefined, asOf: string): boolean {
  if (since && periodStart(since) > asOf) return false;
  if (until && periodEnd(until) < asOf) return false;
  return true;
}

/** Days since 1970-01-01 of a date (partial dates count from their first day), for sliders. */
export function toDayNumber(date: string): number {
  const [y, m, d] = periodStart(date).split('-').map(Number);
  return Math.round(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS);
}

/** The YYYY-MM-DD of a day number. */
export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Whether text is a full calendar date we can filter by. */
export function isIsoDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  return fromDayNumber(toDayNumber(text)) === text;
}
