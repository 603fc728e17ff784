/**
 * Dates in the graph are ISO text of varying precision: YYYY, YYYY-MM or YYYY-MM-DD. A partial
 * date is a period: `since: 2020-09` means "on some day of September 2020". So on a given day a
 * relation is in force (we know it started and had not ended), not in force (it surely started
 * after that day or ended before it), or uncertain (the day falls inside its since or until
 * period). `until` is the last day in force. This module is the one place that reads periods;
 * the server's Cypher (cypher/api-roots.cypher, api-timeline.cypher) follows the same rules.
 */

const DAY_MS = 86_400_000;

/** How a relation stands on a day. */
export type ForceOnDay = 'in-force' | 'uncertain' | 'not-in-force';

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
 * How a relation with `since`/`until` stands on `day` (YYYY-MM-DD). Not in force when its since
 * period starts after the day or its until period ends before it; in force when its since
 * period ended by the day and its until period starts on or after it; uncertain otherwise.
 */
export function forceOn(since: string | null | undefined, until: string | null | undefined, day: string): ForceOnDay {
  if (since && periodStart(since) > day) return 'not-in-force';
  if (until && periodEnd(until) < day) return 'not-in-force';
  const started = !since || periodEnd(since) <= day;
  const notEnded = !until || periodStart(until) >= day;
  return started && notEnded ? 'in-force' : 'uncertain';
}

/**
 * Whether a relation may be in force on `day`: in force or uncertain. This is what the API's
 * `asOf` returns, so the client can draw the uncertain ones apart.
 */
export function mayBeInForce(since: string | null | undefined, until: string | null | undefined, day: string): boolean {
  return forceOn(since, until, day) !== 'not-in-force';
}

/** What happened to a relation between two days, and whether the dates make it certain. */
export interface ChangeBetween {
  /** Its first day in force may fall after `from` and on or before `to`. */
  appeared: boolean;
  /** Its last day in force may fall on or after `from` and before `to`. */
  ended: boolean;
  /** A partial date lets the change fall outside the window (it is then only possible). */
  uncertain: boolean;
}

/**
 * Whether a relation began or ended between `from` and `to` (YYYY-MM-DD, either order): it
 * appeared when it was not (surely) in force on `from` and is (possibly) on `to`, it ended when
 * it was (possibly) in force on `from` and is not (surely) on `to`. Undated ends never change.
 */
export function changeBetween(since: string | null | undefined, until: string | null | undefined, from: string, to: string): ChangeBetween {
  const [a, b] = from <= to ? [from, to] : [to, from];
  let uncertain = false;
  let appeared = false;
  let ended = false;
  if (since) {
    const first = periodStart(since);
    const last = periodEnd(since);
    appeared = last > a && first <= b;
    if (appeared && (first <= a || last > b)) uncertain = true;
  }
  if (until) {
    const first = periodStart(until);
    const last = periodEnd(until);
    ended = last >= a && first < b;
    if (ended && (first < a || last >= b)) uncertain = true;
  }
  return { appeared, ended, uncertain };
}

/** The day after `day` (YYYY-MM-DD). */
export function nextDay(day: string): string {
  return fromDayNumber(toDayNumber(day) + 1);
}

/** The day before `day` (YYYY-MM-DD). */
export function previousDay(day: string): string {
  return fromDayNumber(toDayNumber(day) - 1);
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
