import type { Ontology } from '../ingest/ontology.ts';
import type { EditDraft } from './edit-draft.ts';
import { EditInputError, checkInputSizes, type EditOptions, type EntityInput, type EvidenceInput, type RelationInput } from './edit-inputs.ts';
import { addEntity } from './entity-edits.ts';
import { findRelation, locate } from './locate-facts.ts';
import { addRelation, updateRelation } from './relation-edits.ts';
import { fileForKind, fileOfEntity } from './target-files.ts';

/** What saveDraft accepts (sdl/draft.graphql DraftSaveInput). */
export interface DraftSaveInput {
  entities?: readonly EntityInput[] | null;
  relations?: readonly RelationInput[] | null;
  evidence?: ReadonlyArray<{ relationId: string; evidence: EvidenceInput }> | null;
  rejected?: readonly string[] | null;
}

/** A draft saves at most this much at once (a long article's worth, with room). */
export const DRAFT_SAVE_LIMITS = { entities: 200, relations: 500, evidence: 500, rejected: 500, rejectedLine: 500 } as const;

/** A relation item's evidence as EvidenceInput, whatever form the file writes it in. */
function evidenceOfItem(data: unknown): EvidenceInput[] {
  if (typeof data === 'string') {
    const src = data.trim().split(/\s+/)[3];
    return src ? [{ source: src.replace(/^@/, '') }] : [];
  }
  const ev = data && typeof data === 'object' ? (data as Record<string, unknown>).evidence : undefined;
  const list = Array.isArray(ev) ? ev : ev === undefined ? [] : [ev];
  return list.map((e): EvidenceInput => {
    if (typeof e === 'string') return { source: e };
    const m = (e ?? {}) as Record<string, unknown>;
    const s = (k: string) => (m[k] === undefined || m[k] === null ? null : String(m[k]));
    return { source: s('source'), outlet: s('outlet'), quote: s('quote'), url: s('url'), date: s('date') };
  });
}

/** Adds evidence to a relation the seed has: its item's evidence list grows, nothing else changes. */
export function appendEvidence(draft: EditDraft, ontology: Ontology, relationId: string, evidence: readonly EvidenceInput[], field: string): void {
  const rel = findRelation(draft, relationId);
  const where = locate(draft, rel.at, 'relations');
  if (where.csv) {
    throw new EditInputError(field, `${relationId} is a row of ${where.file}, which holds one piece of evidence per row; move it to a YAML file to add more`);
  }
  updateRelation(draft, ontology, relationId, { evidence: [...evidenceOfItem(where.yaml.data), ...evidence] }, null);
}

/**
 * Saves accepted draft candidates as ONE seed edit: new entities where their kind lives (or the
 * file the options name), new relations with their `from` entity, evidence appended to the
 * relations the seed has already, and rejected candidates kept as one comment block. Validated,
 * previewed and written like every other edit (runEdit).
 */
export function saveDraft(draft: EditDraft, ontology: Ontology, input: DraftSaveInput, options: EditOptions | null | undefined): string {
  const entities = input.entities ?? [];
  const relations = input.relations ?? [];
  const evidence = input.evidence ?? [];
  const rejected = input.rejected ?? [];
  for (const [k, list] of [
    ['entities', entities],
    ['relations', relations],
    ['evidence', evidence],
    ['rejected', rejected],
  ] as const) {
    const cap = DRAFT_SAVE_LIMITS[k];
    if (list.length > cap) throw new EditInputError(`input.${k}`, `give at most ${cap} items, got ${list.length}`);
  }
  checkInputSizes({ entities, relations }, 'input');
  if (entities.length + relations.length + evidence.length === 0)
    throw new EditInputError('input', 'nothing to save: accept at least one entity, relation or piece of evidence');

  const fileOfNew = new Map<string, string>();
  entities.forEach((e, i) => {
    const file = options?.file ?? fileForKind(draft, e.kind);
    addEntity(draft, ontology, e, { file }, `input.entities[${i}]`);
    fileOfNew.set(e.id, file);
  });
  relations.forEach((r, i) => {
    // A relation goes with its `from` entity, also when that entity is new in this same edit.
    const file = options?.file ?? fileOfEntity(draft, r.from) ?? fileOfNew.get(r.from);
    try {
      addRelation(draft, ontology, r, file ? { file } : null);
    } catch (err) {
      if (err instanceof EditInputError) throw new EditInputError(err.field.replace(/^relation/, `input.relations[${i}]`), err.message.replace(/^[^:]*: /, ''));
      throw err;
    }
  });
  const byRelation = new Map<string, EvidenceInput[]>();
  evidence.forEach((e) => byRelation.set(e.relationId, [...(byRelation.get(e.relationId) ?? []), e.evidence]));
  [...byRelation].forEach(([id, evs], i) => appendEvidence(draft, ontology, id, evs, `input.evidence[${i}]`));

  if (rejected.length > 0) {
    const target = [...draft.files.values()].find((f) => f.after !== null && /\.ya?ml$/i.test(f.shown));
    if (target) {
      const lines = rejected.map((r) => `#   - ${r.replace(/\s+/g, ' ').trim().slice(0, DRAFT_SAVE_LIMITS.rejectedLine)}`);
      const block = [`# Rejected draft candidates (saveDraft, ${new Date().toISOString().slice(0, 10)}), kept for the record:`, ...lines].join('\n');
      draft.edit(draft.path(target.shown), (text) => `${text}${text.endsWith('\n') ? '' : '\n'}\n${block}\n`);
    }
  }
  const parts = [
    entities.length > 0 && `${entities.length} entit${entities.length === 1 ? 'y' : 'ies'}`,
    relations.length > 0 && `${relations.length} relation${relations.length === 1 ? '' : 's'}`,
    evidence.length > 0 && `evidence for ${byRelation.size} known relation${byRelation.size === 1 ? '' : 's'}`,
  ].filter(Boolean);
  const kept = rejected.length > 0 ? ` (${rejected.length} rejected kept as a comment)` : '';
  return `Save draft: ${parts.join(', ')}${kept}`;
}
