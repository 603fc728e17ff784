/**
 * CSV export of the visible entities with their whole-graph metrics, one row each: the node
 * table a spreadsheet or Gephi's "import spreadsheet" takes next to the relations CSV.
 */
import { csvCell } from './export-csv.ts';
import type { ExportData } from './export-data.ts';

export const ENTITY_CSV_COLUMNS = [
  'id',
  'kind',
  'name',
  'degree',
  'inDegree',
  'outDegree',
  'pageRank',
  'betweenness',
  'community',
  'seedFile',
  'seedLine',
] as const;

/** The CSV text for the entities of `data`, header first, CRLF line ends; metrics empty when not computed. */
export function buildEntitiesCsv(data: Pick<ExportData, 'entities'>): string {
  const rows: string[][] = [[...ENTITY_CSV_COLUMNS]];
  for (const e of data.entities) {
    const m = e.metrics ?? null;
    const row: Record<(typeof ENTITY_CSV_COLUMNS)[number], string> = {
      id: e.id,
      kind: e.kind,
      name: e.name,
      degree: String(e.degree),
      inDegree: m ? String(m.inDegree) : '',
      outDegree: m ? String(m.outDegree) : '',
      pageRank: m ? String(m.pageRank) : '',
      betweenness: m ? String(m.betweenness) : '',
      community: m ? String(m.community) : '',
      seedFile: e.seedFile ?? '',
      seedLine: e.seedLine == null ? '' : String(e.seedLine),
    };
    rows.push(ENTITY_CSV_COLUMNS.map((c) => row[c]));
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
