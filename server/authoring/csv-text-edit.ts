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
  for (const row of rows.slice(1)) {
    const record = row.raw.replace(/^[\r\n]+/, '').replace(/\r?\n$/, '');
    const newlines = record.match(/\n/g)?.length ?? 0;
    const first = row.info.lines - newlines;
    if (first !== line) continue;
    const start = lineOffset(body, first);
    const end = lineOffset(body, first + newlines + 1);
    return { start: start + bom, end: end + bom, cells: new Map(columns.map((c, i) => [c, row.record[i] ?? ''])) };
  }
  return undefined;
}

function lineOffset(body: string, line: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = body.indexOf('\n', at);
    if (nl === -1) return body.length;
    at = nl + 1;
  }
  return at;
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
