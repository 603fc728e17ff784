/**
 * Where the write API's complaints about a draft go. A diagnostic's `field` is a path into
 * `saveDraft`'s input (`input.relations[2].evidence[0].quote`, `entities[0].id`,
 * `evidence[1].evidence.date`); the slots of the save (draft-save-input.ts) say which card the
 * list entry came from. What names no card is shown above the diff, as file:line:column.
 */
import { ApiError, type GraphQLErrorEntry } from '../../api/graphql-client.ts';
import type { DraftSaveSlots } from './draft-save-input.ts';

/** A card of the review and the field inside it (`to`, `evidence.quote`, `id`; '' for the whole item). */
export interface DraftTarget {
  card: 'candidate' | 'entity';
  id: string;
  field: string;
}

const PATH = /^(?:input\.)?(entities|relations|evidence)\[(\d+)\](?:\.(.*))?$/;

/** The card a diagnostic's input path refers to, or null. */
export function draftTargetOf(field: string | null | undefined, slots: DraftSaveSlots): DraftTarget | null {
  const m = field ? PATH.exec(field) : null;
  if (!m) return null;
  const list = m[1] as keyof DraftSaveSlots;
  const id = slots[list][Number(m[2])];
  if (id === undefined) return null;
  let rest = m[3] ?? '';
  // A DraftEvidenceInput wraps the evidence: `evidence[1].evidence.quote` is the card's quote.
  if (list === 'evidence' && rest === 'relationId') rest = '';
  // A relation has one piece of evidence here: `evidence[0].quote` is its quote.
  rest = rest.replace(/^evidence\[\d+\]/, 'evidence');
  return { card: list === 'entities' ? 'entity' : 'candidate', id, field: rest };
}

/** A key for the card (what DraftFields files problems under). */
export function cardKey(target: Pick<DraftTarget, 'card' | 'id'>): string {
  return `${target.card}:${target.id}`;
}

/**
 * saveDraft's diagnostics name paths inside its `input` argument; some servers leave the
 * argument's name out. The authoring forms' placement strips a leading `evidence[i]` (their one
 * piece of evidence), which would lose the draft's list index: so every path gets `input.`.
 */
export function withInputPrefix(field: string | null): string | null {
  if (field === null || field.startsWith('input.')) return field;
  return /^(entities|relations|evidence|rejected)\[/.test(field) ? `input.${field}` : field;
}

/** `error` with every diagnostic's and the error's own `field` given the `input.` prefix. */
export function withInputPrefixes(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.errors.length === 0) return error;
  const prefix = (value: unknown) => (typeof value === 'string' ? withInputPrefix(value) : value);
  const errors: GraphQLErrorEntry[] = error.errors.map((e) => {
    if (!e.extensions) return e;
    const extensions = { ...e.extensions };
    if ('field' in extensions) extensions['field'] = prefix(extensions['field']);
    const listed = extensions['diagnostics'];
    if (Array.isArray(listed)) extensions['diagnostics'] = listed.map((d: Record<string, unknown>) => ({ ...d, field: prefix(d['field']) }));
    return { ...e, extensions };
  });
  return new ApiError({ kind: error.kind, message: error.message, operation: error.operation, code: error.code, status: error.status, errors, cause: error });
}
