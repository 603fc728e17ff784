import { didYouMean } from '../ingest/diagnostics.ts';
import type { Ontology } from '../ingest/ontology.ts';
import { checkDate } from '../ingest/seed-values.ts';
import { badUserInput } from './api-errors.ts';
import { CursorError, decodeOffset } from './plan/cursor.ts';

/** Caps on list arguments: a request can never ask for an unbounded result. */
export const LIMITS = {
  first: 500,
  ids: 100,
  subgraphIds: 1000,
  idLength: 100,
  filterList: 50,
  neighbourhoodLimit: 5000,
  searchText: 200,
  pathsFirst: 10,
  maxHops: 6,
} as const;

export function checkFirst(first: number, argument = 'first', max: number = LIMITS.first): number {
  if (!Number.isInteger(first) || first < 1 || first > max) throw badUserInput(argument, `must be between 1 and ${max}, got ${first}`);
  return first;
}

export function checkRange(value: number, argument: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw badUserInput(argument, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

export function checkKinds(ontology: Ontology, kinds: readonly string[] | null | undefined, argument = 'kinds'): string[] | null {
  if (!kinds) return null;
  checkListLength(kinds, argument);
  for (const k of kinds) {
    if (!ontology.kinds.has(k)) throw badUserInput(argument, `unknown kind "${k.slice(0, 50)}"${hint(k, ontology.kinds.keys())}`);
  }
  return [...kinds];
}

export function checkTypes(ontology: Ontology, types: readonly string[] | null | undefined, argument = 'types'): string[] | null {
  if (!types) return null;
  checkListLength(types, argument);
  for (const t of types) {
    if (!ontology.relations.has(t))
      throw badUserInput(argument, `unknown relation type "${t.slice(0, 50)}"${hint(t.toUpperCase(), ontology.relations.keys())}`);
  }
  return [...types];
}

export function checkAsOf(asOf: string | null | undefined, argument = 'asOf'): string | null {
  if (asOf === null || asOf === undefined) return null;
  const r = checkDate(asOf);
  if (!r.ok) throw badUserInput(argument, r.message);
  return r.value;
}

export function checkCursor(after: string | null | undefined, argument = 'after'): number {
  try {
    return decodeOffset(after);
  } catch (err) {
    if (err instanceof CursorError) throw badUserInput(argument, err.message);
    throw err;
  }
}

export function checkIds(ids: readonly string[], argument = 'ids', max: number = LIMITS.ids): string[] {
  if (ids.length === 0 || ids.length > max) throw badUserInput(argument, `give between 1 and ${max} ids, got ${ids.length}`);
  for (const id of ids) checkId(id, argument);
  return [...ids];
}

/** No id is longer than seed files allow, so a longer one is refused before it reaches Neo4j. */
export function checkId(id: string, argument = 'id'): string {
  if (id.length > LIMITS.idLength) throw badUserInput(argument, `ids are at most ${LIMITS.idLength} characters, got ${id.length}`);
  return id;
}

/** Filters name kinds or relation types; there are a few dozen, so a longer list is a mistake or an attack. */
function checkListLength(list: readonly string[], argument: string): void {
  if (list.length > LIMITS.filterList) throw badUserInput(argument, `give at most ${LIMITS.filterList} names, got ${list.length}`);
}

function hint(wrong: string, names: Iterable<string>): string {
  const h = didYouMean(wrong, names);
  return h ? ` (${h})` : '';
}
