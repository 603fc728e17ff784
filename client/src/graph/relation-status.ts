/**
 * Whether the record agrees on a relation. A relation whose evidence both supports and disputes
 * it is CONTESTED; one with only disputing evidence is DISPUTED (the server's `Relation.status`).
 * The explorer draws both distinctly, not by colour alone, and can show only them.
 */
import type { Evidence, Relation, RelationStatus } from '../api/operations.ts';

/** The status from the stances, for records that lack the server's (older servers, tests). */
export function statusFromEvidence(evidence: ReadonlyArray<Pick<Evidence, 'stance'>>): RelationStatus {
  const disputing = evidence.filter((ev) => ev.stance === 'DISPUTES').length;
  if (disputing === 0) return 'SUPPORTED';
  return disputing === evidence.length ? 'DISPUTED' : 'CONTESTED';
}

/** The relation's status: the server's, else derived from its evidence. */
export function statusOf(relation: Pick<Relation, 'status' | 'evidence'>): RelationStatus {
  return relation.status ?? statusFromEvidence(relation.evidence);
}

/** Whether the record disagrees on it (what "only contested" keeps). */
export function isContested(status: RelationStatus | string | null | undefined): boolean {
  return status === 'CONTESTED' || status === 'DISPUTED';
}

/** The CSS class of a status (inspector badges, the legend), null for a supported relation. */
export function statusClass(status: RelationStatus | string | null | undefined): 'status-contested' | 'status-disputed' | null {
  if (status === 'CONTESTED') return 'status-contested';
  if (status === 'DISPUTED') return 'status-disputed';
  return null;
}

/** How a status reads in the inspector and the legend. */
export const STATUS_LABELS: Readonly<Record<RelationStatus, string>> = {
  SUPPORTED: 'supported',
  CONTESTED: 'contested: sources disagree',
  DISPUTED: 'disputed: no source supports',
};
