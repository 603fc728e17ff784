import { parse } from 'csv-parse/sync';
import { diagnostic, type Location } from './diagnostics.ts';
import type { RawSeedFile, RawValue } from './raw-seed.ts';

const REQUIRED = ['from', 'type', 'to', 'outlet', 'quote', 'url', 'date'] as const;
const OPTIONAL = ['since', 'until', 'confidence', 'stance', 'disputedBy'] as const;
const EVIDENCE = new Set(['outlet', 'quote', 'url', 'date', 'stance', 'disputedBy']);
/** disputedBy names one entity, or several separated by `;`. */
const ID_LIST_SEPARATOR = ';';

/** Reads a CSV of relations (one row each, evidence inline) into located raw records. */
export function parseCsvSeed(file: string, text: string): RawSeedFile {
  const out: RawSeedFile = { file, entities: [], sources: [], relations: [], diagnostics: [] };
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let rows: Array<{ record: string[]; info: { lines: number }; raw: string }>;
  try {
    rows = parse(src, { info: true, raw: true, relax_column_count: true, skip_empty_lines: true, bom: true }) as unknown as typeof rows;
  } catch (err) {
    const e = err as { message: string; lines?: number; code?: string };
    out.diagnostics.push(diagnostic({ file, line: e.lines ?? 1, column: 1 }, `CSV: ${e.message.split('\n')[0]}`));
    return out;
  }
  const [header, ...body] = rows;
  if (!header) return out;
  const columns = header.record.map((c) => c.trim());
  const known = new Set<string>([...REQUIRED, ...OPTIONAL]);
  const headerCols = fieldColumns(header.raw);
  columns.forEach((c, i) => {
    if (!known.has(c)) {
      out.diagnostics.push(
        diagnostic({ file, line: 1, column: headerCols[i] ?? 1 }, `unknown CSV column "${c}"`, `expected ${[...REQUIRED, ...OPTIONAL].join(', ')}`),
      );
    }
  });
  for (const missing of REQUIRED.filter((c) => !columns.includes(c))) {
    out.diagnostics.push(diagnostic({ file, line: 1, column: 1 }, `missing CSV column "${missing}"`, `the header needs ${REQUIRED.join(', ')}`));
  }
  if (out.diagnostics.length > 0) return out;

  for (const row of body) {
    const record = trimNewlines(row.raw);
    const line = row.info.lines - (record.match(/\n/g)?.length ?? 0);
    const starts = fieldStarts(record);
    const cols = starts.map((f) => f.column);
    const at = (i: number): Location => ({ file, line, column: cols[i] ?? 1 });
    if (row.record.length !== columns.length) {
      out.diagnostics.push(diagnostic(at(0), `expected ${columns.length} fields, found ${row.record.length}`));
      continue;
    }
    const fields = new Map<string, RawValue>();
    const evidenceFields = new Map<string, RawValue>();
    columns.forEach((c, i) => {
      const cell = row.record[i]!;
      const value = cell.trim();
      if (value === '') return; // an empty cell is an absent value
      const raw: RawValue = c === 'disputedBy' ? idList(cell, at(i), starts[i]?.quoted ?? false) : { value, at: at(i) };
      (EVIDENCE.has(c) ? evidenceFields : fields).set(c, raw);
    });
    out.relations.push({
      at: at(0),
      fields,
      evidence: [{ at: at(columns.indexOf('outlet')), fields: evidenceFields }],
      evidenceAt: at(columns.indexOf('outlet')),
    });
  }
  return out;
}

/**
 * A cell of ids separated by `;` as a list whose items know their columns, so an unknown id is
 * reported where it stands in the cell (one past the opening quote of a quoted cell).
 */
function idList(cell: string, at: Location, quoted: boolean): RawValue {
  const items: RawValue[] = [];
  let offset = 0;
  for (const part of cell.split(ID_LIST_SEPARATOR)) {
    const id = part.trim();
    if (id !== '') items.push({ value: id, at: { ...at, column: at.column + (quoted ? 1 : 0) + offset + part.indexOf(id) } });
    offset += part.length + ID_LIST_SEPARATOR.length;
  }
  return { value: items.map((i) => i.value), at, items };
}

function trimNewlines(raw: string): string {
  return raw.replace(/^[\r\n]+/, '').replace(/\r?\n$/, '');
}

/** 1-based column where each field of a raw CSV record starts (quote-aware). */
function fieldColumns(raw: string): number[] {
  return fieldStarts(raw).map((f) => f.column);
}

/** Where each field of a raw CSV record starts, and whether it opens with a quote. */
function fieldStarts(raw: string): Array<{ column: number; quoted: boolean }> {
  const starts = [{ column: 1, quoted: raw[0] === '"' }];
  let quoted = false;
  let col = 1;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '\n') col = 0;
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) starts.push({ column: col + 1, quoted: raw[i + 1] === '"' });
    col++;
  }
  return starts;
}
