import { formatDiagnostic } from '../ingest/diagnostics.ts';
import type { SeedEntity, SeedRelation } from '../ingest/seed-model.ts';
import { EditNotFoundError, EditRefusedError } from './authoring-errors.ts';
import { findCsvRow, type CsvRow } from './csv-text-edit.ts';
import type { EditDraft } from './edit-draft.ts';
import { findListItem, type ListItem } from './yaml-text-edit.ts';

/** Where a fact stands: its file, and its item (YAML) or row (CSV). */
export type FactLocation = { file: string; yaml: ListItem; csv?: undefined } | { file: string; csv: CsvRow; yaml?: undefined };

/** Finding facts needs the validated graph (it knows each fact's file:line); a broken seed must be fixed first. */
export function requireValidSeed(draft: EditDraft): void {
  const { diagnostics } = draft.snapshot.loaded;
  if (diagnostics.length === 0) return;
  throw new EditRefusedError(
    `The seed files do not validate now, so facts cannot be found in them; fix them first: ${formatDiagnostic(diagnostics[0]!)}`,
    diagnostics.map((d) => ({ ...d, field: null })),
  );
}

export function findEntity(draft: EditDraft, id: string): SeedEntity {
  requireValidSeed(draft);
  const e = draft.snapshot.loaded.graph.entities.find((x) => x.id === id);
  if (!e) throw new EditNotFoundError(`entity "${id.slice(0, 100)}" was not found`);
  return e;
}

/** A relation by its id (Relation.id: from|TYPE|to[|since]). */
export function findRelation(draft: EditDraft, id: string): SeedRelation {
  requireValidSeed(draft);
  const r = draft.snapshot.loaded.graph.relations.find((x) => x.key === id);
  if (!r) throw new EditNotFoundError(`relation "${id.slice(0, 200)}" was not found (ids read from|TYPE|to, or from|TYPE|to|since)`);
  return r;
}

/** The item or row that declares an entity or relation, found by the line and column the validator recorded. */
export function locate(draft: EditDraft, at: { file: string; line: number; column: number }, key: 'entities' | 'relations'): FactLocation {
  const text = draft.text(at.file);
  if (text === null) throw new EditNotFoundError(`${at.file} no longer exists`);
  if (/\.csv$/i.test(at.file)) {
    const row = findCsvRow(text, at.line);
    if (!row) throw new EditNotFoundError(`no CSV row at ${at.file}:${at.line}`);
    return { file: at.file, csv: row };
  }
  const item = findListItem(text, key, at.line, at.column);
  if (!item) throw new EditNotFoundError(`no ${key} item at ${at.file}:${at.line}:${at.column}`);
  return { file: at.file, yaml: item };
}
