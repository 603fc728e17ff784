/** JSON export: entities and relations with their evidence, plus what the view filtered by. */
import type { FilterState } from '../graph/filters.ts';
import type { ExportData } from './export-data.ts';

export interface JsonExport extends ExportData {
  format: 'splinternet-view';
  version: 1;
  exportedAt: string;
  filters: FilterState;
}

/** The JSON document for `data`. */
export function buildJsonExport(data: ExportData, filters: FilterState, now: Date = new Date()): JsonExport {
  return {
    format: 'splinternet-view',
    version: 1,
    exportedAt: now.toISOString(),
    filters,
    entities: data.entities.map((e) => ({ ...e })),
    relations: data.relations.map((r) => ({ ...r, evidence: r.evidence.map((ev) => ({ ...ev })) })),
  };
}

export function serializeJsonExport(doc: JsonExport): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
