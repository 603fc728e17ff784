const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The first full date the text gives: 2020-09-08, "September 8, 2020", "8 Sept. 2020".
 * Returned as YYYY-MM-DD with the words it came from, or undefined.
 */
export function findDate(text: string): { date: string; source: string } | undefined {
  const candidates: Array<{ at: number; date: string; source: string }> = [];
  for (const m of text.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) {
    if (valid(+m[1]!, +m[2]!, +m[3]!)) candidates.push({ at: m.index, date: m[0], source: m[0] });
  }
  for (const m of text.matchAll(new RegExp(`\\b${MONTH} (\\d{1,2}),? (\\d{4})\\b`, 'g'))) {
    const month = MONTHS.indexOf(m[1]!.slice(0, 3).toLowerCase()) + 1;
    if (valid(+m[3]!, month, +m[2]!)) candidates.push({ at: m.index, date: `${m[3]}-${pad(month)}-${pad(+m[2]!)}`, source: m[0] });
  }
  for (const m of text.matchAll(new RegExp(`\\b(\\d{1,2}) ${MONTH},? (\\d{4})\\b`, 'g'))) {
    const month = MONTHS.indexOf(m[2]!.slice(0, 3).toLowerCase()) + 1;
    if (valid(+m[3]!, month, +m[1]!)) candidates.push({ at: m.index, date: `${m[3]}-${pad(month)}-${pad(+m[1]!)}`, source: m[0] });
  }
  candidates.sort((a, b) => a.at - b.at);
  const first = candidates[0];
  return first ? { date: first.date, source: first.source } : undefined;
}

function valid(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}
