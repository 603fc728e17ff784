/**
 * Expanding and collapsing, as pure plans over plain data: which relations of a page to draw
 * without exceeding the cap on new neighbours, where to resume ("show N more"), and which
 * entities a collapse may take away.
 */
import type { EntitySummary, ExpansionRelation } from '../api/operations.ts';

/** How many new neighbours one expansion adds at most. @default 25 */
export const DEFAULT_EXPANSION_CAP = 25;

/** Bookkeeping of one expanded entity; part of the view's undoable state. */
export interface ExpansionRecord {
  /** Entities this expansion added to the view (not those already there). */
  added: string[];
  /** Cursor after the last relation drawn; null when none was. */
  after: string | null;
  /** Relations of the entity looked at so far. */
  consumed: number;
  /** All relations of the entity (`totalCount`). */
  total: number;
}

export interface ExpansionPlan {
  /** Entities to add, in the order the server gave them. */
  newEntities: EntitySummary[];
  /** Relations to draw (to new and to already-drawn neighbours). */
  relations: ExpansionRelation[];
  /** Cursor to resume from, or null if the page was used up and there is no next page. */
  after: string | null;
  /** How many relations of the page were looked at. */
  consumed: number;
  /** True when the cap stopped the plan before the end of the page. */
  capped: boolean;
}

/**
 * Walks a page of `parentId`'s relations in order and takes them until `cap` new neighbours
 * were found. The returned cursor points after the last relation taken, so the next page
 * starts exactly where this one stopped.
 */
export function planExpansion(
  parentId: string,
  page: { relations: readonly ExpansionRelation[]; cursors: readonly string[]; endCursor: string | null },
  isDrawn: (id: string) => boolean,
  cap: number = DEFAULT_EXPANSION_CAP,
): ExpansionPlan {
  const newEntities: EntitySummary[] = [];
  const seen = new Set<string>();
  const relations: ExpansionRelation[] = [];
  let consumed = 0;
  let after: string | null = null;
  let capped = false;

  for (let i = 0; i < page.relations.length; i++) {
    const relation = page.relations[i]!;
    const other = relation.from.id === parentId ? relation.to : relation.from;
    const isNew = !isDrawn(other.id) && !seen.has(other.id) && other.id !== parentId;
    if (isNew && newEntities.length >= cap) {
      capped = true;
      break;
    }
    if (isNew) {
      seen.add(other.id);
      newEntities.push(other);
    }
    relations.push(relation);
    consumed++;
    after = page.cursors[i] ?? after;
  }
  if (!capped) after = page.endCursor ?? after;
  return { newEntities, relations, after, consumed, capped };
}

/** How many relations are still to be looked at after an expansion. */
export function remainingRelations(record: ExpansionRecord): number {
  return Math.max(0, record.total - record.consumed);
}

/**
 * Which entities collapsing `parentId` removes: those its expansion added (and, through their
 * own expansions, what they added), unless something that stays holds them: a pin (or
 * `isProtected`), or a relation to another expanded entity that stays (its own expansion shows
 * them); a held entity keeps the expansions that brought it. A relation to any other drawn entity does not hold them: after an expansion its new
 * entities are connected to whatever they relate to in view, and counting those links kept
 * most of an expansion on screen after its collapse.
 */
export function planCollapse(
  parentId: string,
  expansions: Readonly<Record<string, ExpansionRecord>>,
  neighboursOf: (id: string) => Iterable<string>,
  isProtected: (id: string) => boolean,
): Set<string> {
  const candidates = new Set<string>();
  /** Which candidate's expansion brought each candidate (none: `parentId`'s). */
  const broughtBy = new Map<string, string>();
  const queue: Array<[string, string]> = (expansions[parentId]?.added ?? []).map((id) => [id, parentId]);
  while (queue.length > 0) {
    const [id, by] = queue.pop()!;
    if (id === parentId || candidates.has(id)) continue;
    candidates.add(id);
    if (by !== parentId) broughtBy.set(id, by);
    for (const child of expansions[id]?.added ?? []) queue.push([child, id]);
  }
  const staysExpanded = (id: string) => id !== parentId && !candidates.has(id) && expansions[id] !== undefined;
  const held = (id: string) => isProtected(id) || [...neighboursOf(id)].some(staysExpanded);

  // A held candidate keeps the chain of expansions that brought it (a pinned entity is not left
  // stranded); those stay expanded and hold their own neighbours in turn. Repeat until stable.
  let changed = true;
  while (changed) {
    changed = false;
    for (const id of [...candidates]) {
      if (!candidates.has(id) || !held(id)) continue;
      for (let at: string | undefined = id; at !== undefined && candidates.has(at); at = broughtBy.get(at)) candidates.delete(at);
      changed = true;
    }
  }
  return candidates;
}
