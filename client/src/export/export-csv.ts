/**
 * CSV export: one row per piece of evidence of each visible relation (RFC 4180). `from`, `to`
 * and `outlet` are ids, as in seed/data/*.csv; their names follow, then the relation's status
 * and the evidence's stance. The entities and their metrics: export-entities-csv.ts.
 */
import type { EntitySummary } from '../api/operations.ts';
import { statusOf } from '../graph/relation-status.ts';
import type { ExportData } from './export-data.ts';

export const CSV_COLUMNS = [
  'from',
  'type',
  'to',
  'outlet',
  'quote',
  'url',
  'date',
  'since',
  'until',
  'seedFile',
  'seedLine',
  'confidence',
  'fromName',
  'toName',
  'outletName',
  // Whether the record agrees: the relation's status, this evidence's stance, who disputes it (ids, ";").
  'status',
  'stance',
  'disputedBy',
] as const;

/** The CSV text for `data`, header first, CRLF line ends. */
export function buildCsv(data: ExportData): string {
  const names = new Map<string, EntitySummary>(data.entities.map((e) => [e.id, e]));
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const r of data.relations) {
    const base = {
      from: r.from.id,
      type: r.type,
      to: r.to.id,
      since: r.since ?? '',
      until: r.until ?? '',
      seedFile: r.seedFile ?? '',
      seedLine: r.seedLine == null ? '' : String(r.seedLine),
      confidence: r.confidence,
      fromName: names.get(r.from.id)?.name ?? '',
      toName: names.get(r.to.id)?.name ?? '',
      status: statusOf(r),
    };
    const evidence = r.evidence.length > 0 ? r.evidence : [null];
    for (const ev of evidence) {
      const row: Record<(typeof CSV_COLUMNS)[number], string> = {
        ...base,
        outlet: ev?.outlet.id ?? '',
        quote: ev?.quote ?? '',
        url: ev?.url ?? '',
        date: ev?.publishedAt ?? '',
        outletName: ev?.outlet.name ?? '',
        stance: ev ? (ev.stance ?? 'SUPPORTS') : '',
        disputedBy: (ev?.disputedBy ?? []).map((e) => e.id).join(';'),
      };
      rows.push(CSV_COLUMNS.map((c) => row[c]));
    }
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * One CSV field: quoted when it holds a comma, quote or line break. Text a spreadsheet would
 * run as a formula (=, +, -, @ first) gets a leading apostrophe (OWASP's CSV injection advice).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
