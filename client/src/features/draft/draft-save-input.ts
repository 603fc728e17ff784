/**
 * The review as `saveDraft`'s input: the proposed entities it adds, the accepted candidates
 * as new relations (RelationInput, as the relation form makes them) or as evidence for the
 * relation the seed has already, and the rejected ones as comment lines when the analyst keeps
 * them. `slots` says which candidate or entity each list item came from, so the write API's
 * diagnostics (`relations[2].to`) land on the right card.
 */
import type { PropertyInfo } from '../../api/operations.ts';
import type { DraftSaveInput } from '../../api/draft-operations.ts';
import { entityInput } from '../authoring/entity-draft.ts';
import { evidenceInput, relationInput } from '../authoring/relation-draft.ts';
import type { CandidateReview, DraftReview } from './draft-review.ts';

/** The ontology's typed properties, by relation type and by kind. */
export interface DraftSpecs {
  relationProperties(type: string): readonly PropertyInfo[];
  kindProperties(kind: string): readonly PropertyInfo[];
}

/** Which review item each input list entry came from: proposal ids for entities, candidate ids otherwise. */
export interface DraftSaveSlots {
  entities: string[];
  relations: string[];
  evidence: string[];
}

export interface DraftSave {
  input: DraftSaveInput;
  slots: DraftSaveSlots;
}

/** One rejected candidate as a comment line: ids, type, the quote and why it was proposed. */
export function rejectedLine(c: CandidateReview): string {
  const k = c.candidate;
  const notes = k.notes.length > 0 ? `; ${k.notes.join('; ')}` : '';
  return `${k.from} ${k.type} ${k.to}: “${k.quote}” (confidence ${k.confidence.toFixed(2)}${notes})`.replace(/\s+/g, ' ').trim();
}

export function draftSaveInput(review: DraftReview, specs: DraftSpecs, keepRejected: boolean): DraftSave {
  const input: DraftSaveInput = { entities: [], relations: [], evidence: [], rejected: [] };
  const slots: DraftSaveSlots = { entities: [], relations: [], evidence: [] };
  for (const e of review.includedEntities()) {
    input.entities.push(entityInput(e.entity, specs.kindProperties(e.entity.kind)));
    slots.entities.push(e.proposal.id);
  }
  for (const c of review.candidates) {
    if (c.decision === 'rejected' && keepRejected) input.rejected.push(rejectedLine(c));
    if (c.decision !== 'accepted') continue;
    const known = c.candidate.known;
    if (known && review.addsEvidence(c)) {
      input.evidence.push({ relationId: known.relationId, evidence: evidenceInput(c.relation.evidence) });
      slots.evidence.push(c.candidate.id);
      continue;
    }
    const relation = { ...c.relation, from: review.idOf(c.relation.from), to: review.idOf(c.relation.to) };
    input.relations.push(relationInput(relation, specs.relationProperties(relation.type)));
    slots.relations.push(c.candidate.id);
  }
  return { input, slots };
}

/** Whether the save has anything to write (a rejected-only comment block counts). */
export function hasContent(save: DraftSave): boolean {
  const { input } = save;
  return input.entities.length + input.relations.length + input.evidence.length + input.rejected.length > 0;
}
