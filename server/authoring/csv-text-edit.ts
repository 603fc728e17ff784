import { parse } from 'csv-parse/sync';

/** A relation row of a CSV seed file, as it stands in the text. */
export interface CsvRow {
  /** Offsets of the row's lines in the full text, line end included. */
  start: number;
  end: number;
  /** Column name → cell text. */
  cells: Map<string, string>;
}

/** The header's column names (trimmed), as parse-csv-seed.ts reads them. */
export function csvColumns(text: string): string[] {
  const rows = parse(stripBom(text), { to_line: 1, relax_column_count: true, bom: true }) as string[][];
  return (rows[0] ?? []).map((c) => c.trim());
}

/** The row that starts at `line` (1-based), with the same line counting as parse-csv-seed.ts. */
export function findCsvRow(text: string, line: number): CsvRow | undefined {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = text.slice(bom);
  const rows = parse(body, { info: true, raw: true, relax_column_count: true, skip_empty_lines: true, bom: true }) as unknown as Array<{
    record: string[];
    info: { lines: number };
    raw: string;
  }>;
  const columns = (rows[0]?.record ?? []).map((c) => c.trim());
  // Rows are matched by the line parse-csv-seed.ts reports (its count, including its quirks with
  // CRLF inside quoted cells), and cut by where they really stand in the text.
  const records = recordRanges(body);
  for (const [i, row] of rows.entries()) {
    if (i === 0) continue;
    const record = row.raw.replace(/^[\r\n]+/, '').replace(/\r?\n$/, '');
    const first = row.info.lines - (record.match(/\n/g)?.length ?? 0);
    if (first !== line) continue;
    const range = records[i];
    if (!range) return undefined;
    return { start: range.start + bom, end: range.end + bom, cells: new Map(columns.map((c, k) => [c, row.record[k] ?? ''])) };
  }
  return undefined;
}

/** Where each non-empty record stands: from its first character to just past its line end (quote-aware). */
function recordRanges(body: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i <= body.length; i++) {
    const c = body[i];
    if (c === '"') quoted = !quoted;
    else if ((c === '\n' && !quoted) || i === body.length) {
      const end = i === body.length ? i : i + 1;
      if (body.slice(start, end).trim() !== '') out.push({ start, end });
      start = end;
    }
  }
  return out;
}

/** One CSV cell: quoted when it holds a comma, a quote, a line end or edge spaces. */
export function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A row in the file's column order, with the file's line end. */
export function csvLine(columns: string[], cells: Map<string, string>, eol: string): string {
  return columns.map((c) => csvCell(cells.get(c) ?? '')).join(',') + eol;
}

export function csvEol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Appends a row at the end (after a line end, added when the file lacks a final one). */
export function appendCsvRow(text: string, cells: Map<string, string>): string {
  const eol = csvEol(text);
  const sep = text.length > 0 && !text.endsWith('\n') ? eol : '';
  return text + sep + csvLine(csvColumns(text), cells, eol);
}

export function replaceCsvRow(text: string, row: CsvRow, cells: Map<string, string>): string {
  const eol = csvEol(text);
  const line = csvLine(csvColumns(text), cells, eol);
  const old = text.slice(row.start, row.end);
  return text.slice(0, row.start) + (old.endsWith('\n') ? line : line.slice(0, -eol.length)) + text.slice(row.end);
}

export function removeCsvRow(text: string, row: CsvRow): string {
  return text.slice(0, row.start) + text.slice(row.end);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
