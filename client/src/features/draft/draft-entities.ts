/**
 * Names and kinds of the entities a draft talks about: existing ones (fetched once, with
 * `subgraph`, when the draft comes back; more as the analyst picks them in an editor) and the
 * proposed ones, as the analyst edits them. The cards and editors ask it what to call an end.
 */
import type { Draft } from '../../api/draft-operations.ts';
import type { EntitySummary } from '../../api/operations.ts';
import type { DraftReview } from './draft-review.ts';

export class DraftEntities {
  private readonly existing = new Map<string, EntitySummary>();

  constructor(private readonly review: DraftReview) {}

  remember(entity: EntitySummary): void {
    this.existing.set(entity.id, entity);
  }

  /** The existing entity with this id, if the graph has it. */
  summary(id: string): EntitySummary | undefined {
    return this.existing.get(id);
  }

  /** What an end is called: a proposed entity's name as edited, an existing one's name, else its id. */
  name(ref: string): string {
    const proposal = this.review.proposal(ref);
    if (proposal) return proposal.entity.name.trim() || proposal.entity.id;
    return this.existing.get(ref)?.name ?? ref;
  }

  kind(ref: string): string | null {
    return this.review.proposal(ref)?.entity.kind ?? this.existing.get(ref)?.kind ?? null;
  }

  /** Every entity of the draft an end can be: existing ones first (by name), then the proposed. */
  options(): Array<{ ref: string; label: string }> {
    const existing = [...this.existing.values()].sort((a, b) => a.name.localeCompare(b.name)).map((e) => ({ ref: e.id, label: `${e.name} (${e.kind})` }));
    const proposed = this.review.entities.map((e) => ({ ref: e.proposal.id, label: `${this.name(e.proposal.id)} (${e.entity.kind || '?'}, new)` }));
    return [...existing, ...proposed];
  }

  /** The ids, among `ids`, that are existing entities (not proposed). */
  existingIds(ids: readonly string[]): string[] {
    return ids.filter((id) => !this.review.proposal(id));
  }
}

/** The ids of existing entities a draft names: resolved mentions, ambiguous ones' options, ends and outlets. */
export function existingIdsOf(draft: Draft): Set<string> {
  const proposed = new Set(draft.entities.map((e) => e.id));
  const ids = new Set<string>();
  for (const m of draft.mentions) {
    if (m.entityId) ids.add(m.entityId);
    for (const id of m.candidates) ids.add(id);
  }
  for (const r of draft.relations) {
    ids.add(r.from);
    ids.add(r.to);
    if (r.outlet) ids.add(r.outlet);
  }
  for (const id of proposed) ids.delete(id);
  return ids;
}
