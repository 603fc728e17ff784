/**
 * What the relation form holds (plain text per field, as typed) and how it becomes the write
 * API's input: `addRelation`'s RelationInput for a new relation, `updateRelation`'s patch of
 * only what changed for an edit (so evidence written as a source reference stays as it is).
 */
import type { EvidenceInput, PropertyInput, RelationInput, RelationPatch } from '../../api/authoring-operations.ts';
import type { Confidence, PropertyInfo } from '../../api/operations.ts';
import { listItems } from './field-checks.ts';

/** The evidence part of the form: an existing outlet or a new one, and what it said when. */
export interface EvidenceDraft {
  outletMode: 'existing' | 'new';
  /** The picked outlet's id (outletMode existing). */
  outletId: string;
  newOutlet: { id: string; name: string; website: string };
  quote: string;
  url: string;
  date: string;
}

export interface RelationDraft {
  from: string;
  type: string;
  to: string;
  since: string;
  until: string;
  /** '' leaves it to the seed's default (high). */
  confidence: Confidence | '';
  /** Typed properties of the relation type, by name, as text (string[]: comma-separated). */
  properties: Record<string, string>;
  evidence: EvidenceDraft;
}

export function emptyEvidence(): EvidenceDraft {
  return { outletMode: 'existing', outletId: '', newOutlet: { id: '', name: '', website: '' }, quote: '', url: '', date: '' };
}

/** Text, trimmed; null when empty. */
function text(value: string): string | null {
  const t = value.trim();
  return t === '' ? null : t;
}

/** The properties that have a value, in the ontology's order, typed as the API takes them. */
export function propertyInputs(specs: readonly PropertyInfo[], values: Record<string, string>): PropertyInput[] {
  const out: PropertyInput[] = [];
  for (const spec of specs) {
    const raw = values[spec.name] ?? '';
    if (spec.type === 'string[]') {
      const items = listItems(raw);
      if (items.length > 0) out.push({ name: spec.name, values: items });
    } else {
      const value = text(raw);
      if (value !== null) out.push({ name: spec.name, value });
    }
  }
  return out;
}

/** The evidence as the API takes it (empty fields left out). */
export function evidenceInput(ev: EvidenceDraft): EvidenceInput {
  const out: EvidenceInput = {};
  if (ev.outletMode === 'new') {
    const website = text(ev.newOutlet.website);
    out.newOutlet = { id: ev.newOutlet.id.trim(), name: ev.newOutlet.name.trim(), ...(website ? { website } : {}) };
  } else if (text(ev.outletId)) out.outlet = ev.outletId.trim();
  const quote = text(ev.quote);
  const url = text(ev.url);
  const date = text(ev.date);
  if (quote) out.quote = quote;
  if (url) out.url = url;
  if (date) out.date = date;
  return out;
}

/** `addRelation`'s input for the form; `specs` are the relation type's properties. */
export function relationInput(draft: RelationDraft, specs: readonly PropertyInfo[]): RelationInput {
  const input: RelationInput = { from: draft.from, type: draft.type, to: draft.to, evidence: [evidenceInput(draft.evidence)] };
  const since = text(draft.since);
  const until = text(draft.until);
  if (since) input.since = since;
  if (until) input.until = until;
  if (draft.confidence) input.confidence = draft.confidence;
  const properties = propertyInputs(specs, draft.properties);
  if (properties.length > 0) input.properties = properties;
  return input;
}

function sameEvidence(a: EvidenceDraft, b: EvidenceDraft): boolean {
  return JSON.stringify(evidenceInput(a)) === JSON.stringify(evidenceInput(b));
}

/**
 * `updateRelation`'s patch: the fields that differ from `initial`, cleared ones as null. The
 * evidence is sent (and replaces the list) only when the user changed it.
 */
export function relationPatch(initial: RelationDraft, draft: RelationDraft, specs: readonly PropertyInfo[]): RelationPatch {
  const patch: RelationPatch = {};
  if (text(initial.since) !== text(draft.since)) patch.since = text(draft.since);
  if (text(initial.until) !== text(draft.until)) patch.until = text(draft.until);
  if (initial.confidence !== draft.confidence) patch.confidence = draft.confidence || null;
  const before = propertyInputs(specs, initial.properties);
  const after = propertyInputs(specs, draft.properties);
  if (JSON.stringify(before) !== JSON.stringify(after)) patch.properties = after;
  if (!sameEvidence(initial.evidence, draft.evidence)) patch.evidence = [evidenceInput(draft.evidence)];
  return patch;
}

/** Whether a patch changes nothing (an edit form not yet touched). */
export function isEmptyPatch(patch: object): boolean {
  return Object.keys(patch).length === 0;
}
