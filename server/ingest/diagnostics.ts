/** A problem found in a seed file, located like a compiler error. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
  hint?: string;
}

export interface Location {
  file: string;
  line: number;
  column: number;
}

export function diagnostic(at: Location, message: string, hint?: string): Diagnostic {
  return hint ? { ...at, message, hint } : { ...at, message };
}

/** `seed/data/x.yaml:12:5: message (hint)` — the format editors and terminals link. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.message}${d.hint ? ` (${d.hint})` : ''}`;
}

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** "did you mean …?" for a misspelt name, or undefined when nothing is close. */
export function didYouMean(wrong: string, candidates: Iterable<string>): string | undefined {
  const allowed = Math.max(1, Math.floor(wrong.length / 3));
  let best: string | undefined;
  // Starting at the cut-off (not Infinity) lets editDistance stop early for every candidate:
  // a 100 000-character typo against 100 ids was seconds of full distance tables before.
  let bestDistance = allowed + 1;
  const w = wrong.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase(), bestDistance);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best !== undefined ? `did you mean "${best}"?` : undefined;
}

/** Levenshtein distance with an early exit once it exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin >= limit) return limit;
    prev = cur;
  }
  return prev[b.length]!;
}

export function formatLocation(at: Location): string {
  return `${at.file}:${at.line}:${at.column}`;
}
