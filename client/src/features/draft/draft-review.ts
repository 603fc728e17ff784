/**
 * The analyst's review of a draft, without DOM: each relation candidate pending, accepted or
 * rejected, with the relation as it will be written (starting as proposed, changed by the
 * editor); each proposed entity added when an accepted relation uses it (or when the analyst
 * says so), with its id, kind, name and properties as edited; the picks made for ambiguous
 * mentions. The panel renders it and listens to its changes.
 */
import type { Draft, DraftEntity, DraftRelation } from '../../api/draft-operations.ts';
import type { EntityDraft } from '../authoring/entity-draft.ts';
import { emptyEvidence, type RelationDraft } from '../authoring/relation-draft.ts';

export type Decision = 'pending' | 'accepted' | 'rejected';

/** `auto`: added exactly when an accepted relation uses it. */
export type EntityDecision = 'auto' | 'accepted' | 'rejected';

export interface CandidateReview {
  readonly candidate: DraftRelation;
  decision: Decision;
  /** What will be written. Ends are entity ids, or a proposed entity's id as the draft gave it. */
  relation: RelationDraft;
}

export interface EntityReview {
  readonly proposal: DraftEntity;
  decision: EntityDecision;
  entity: EntityDraft;
}

/** "Accept confident ones" takes the pending candidates at or above this. @default 0.8 */
export const CONFIDENT = 0.8;

/** The relation a candidate proposes, as the relation form holds it. */
export function relationDraftOfCandidate(c: DraftRelation): RelationDraft {
  return {
    from: c.from,
    type: c.type,
    to: c.to,
    since: '',
    until: '',
    confidence: '',
    properties: Object.fromEntries(c.properties.map((p) => [p.name, p.value])),
    evidence: { ...emptyEvidence(), outletId: c.outlet ?? '', quote: c.quote, url: c.url ?? '', date: c.date ?? '' },
  };
}

/** A proposed entity, as the entity form holds it. */
export function entityDraftOfProposal(e: DraftEntity): EntityDraft {
  return { id: e.id, kind: e.kind, name: e.name, aliases: '', description: '', properties: Object.fromEntries(e.properties.map((p) => [p.name, p.value])) };
}

export class DraftReview {
  readonly candidates: CandidateReview[];
  readonly entities: EntityReview[];
  /** Ambiguous mentions (by index into draft.mentions) resolved by the analyst. */
  readonly picks = new Map<number, string>();
  private readonly listeners = new Set<() => void>();

  constructor(readonly draft: Draft) {
    this.candidates = draft.relations.map((candidate) => ({ candidate, decision: 'pending', relation: relationDraftOfCandidate(candidate) }));
    this.entities = draft.entities.map((proposal) => ({ proposal, decision: 'auto', entity: entityDraftOfProposal(proposal) }));
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Something was edited in place (a field of `relation` or `entity`): tell the listeners. */
  changed(): void {
    for (const listener of this.listeners) listener();
  }

  candidate(id: string): CandidateReview | undefined {
    return this.candidates.find((c) => c.candidate.id === id);
  }

  decide(id: string, decision: Decision): void {
    const c = this.candidate(id);
    if (!c || c.decision === decision) return;
    c.decision = decision;
    this.changed();
  }

  /** Accepts every pending candidate with at least `threshold` confidence; returns their ids. */
  acceptConfident(threshold = CONFIDENT): string[] {
    const taken = this.candidates.filter((c) => c.decision === 'pending' && c.candidate.confidence >= threshold);
    for (const c of taken) c.decision = 'accepted';
    if (taken.length > 0) this.changed();
    return taken.map((c) => c.candidate.id);
  }

  decideEntity(proposalId: string, decision: EntityDecision): void {
    const e = this.entities.find((x) => x.proposal.id === proposalId);
    if (!e || e.decision === decision) return;
    e.decision = decision;
    this.changed();
  }

  /** The proposed entity an end refers to (by the id the draft gave it), if it is one. */
  proposal(ref: string): EntityReview | undefined {
    return this.entities.find((e) => e.proposal.id === ref);
  }

  /** The id an end will be written with: a proposed entity's id as edited, else the id itself. */
  idOf(ref: string): string {
    return this.proposal(ref)?.entity.id.trim() ?? ref;
  }

  /** Whether an accepted candidate has `ref` as an end. */
  used(ref: string): boolean {
    return this.candidates.some((c) => c.decision === 'accepted' && (c.relation.from === ref || c.relation.to === ref));
  }

  /** The proposed entities the save will add. */
  includedEntities(): EntityReview[] {
    return this.entities.filter((e) => e.decision === 'accepted' || (e.decision === 'auto' && this.used(e.proposal.id)));
  }

  /**
   * Resolves ambiguous mention `index` to `entityId`: in the candidates of its sentence, an end
   * that is one of the mention's possible entities (the draft's guess) becomes the pick.
   */
  pick(index: number, entityId: string): void {
    const mention = this.draft.mentions[index];
    if (!mention || !mention.candidates.includes(entityId)) return;
    const previous = this.picks.get(index);
    const replaceable = new Set([...mention.candidates, ...(previous ? [previous] : [])]);
    this.picks.set(index, entityId);
    for (const c of this.candidates) {
      if (c.candidate.sentence !== mention.sentence) continue;
      if (replaceable.has(c.relation.from)) c.relation.from = entityId;
      if (replaceable.has(c.relation.to)) c.relation.to = entityId;
    }
    this.changed();
  }

  /**
   * Whether accepting `c` adds evidence to the relation the seed has (its ends and type still
   * those of the known relation), rather than writing a new relation.
   */
  addsEvidence(c: CandidateReview): boolean {
    const k = c.candidate;
    return k.known !== null && c.relation.from === k.from && c.relation.to === k.to && c.relation.type === k.type;
  }

  counts(): Record<Decision, number> {
    const out: Record<Decision, number> = { pending: 0, accepted: 0, rejected: 0 };
    for (const c of this.candidates) out[c.decision]++;
    return out;
  }
}
