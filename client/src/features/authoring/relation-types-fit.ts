/**
 * Which relation types can join two entities, given their kinds and the ontology's allowed ends,
 * in either direction: the "Add relation" form offers exactly these (and "swap" picks the other way).
 */
import type { RelationTypeInfo } from '../../api/operations.ts';

/** A relation type that fits, and which way round: `forward` reads first → second. */
export interface FittingType {
  type: RelationTypeInfo;
  direction: 'forward' | 'reverse';
}

/** The relation types whose ends fit `firstKind` → `secondKind` (forward) or the other way (reverse), forward first. */
export function fittingRelationTypes(types: readonly RelationTypeInfo[], firstKind: string, secondKind: string): FittingType[] {
  const fits = (t: RelationTypeInfo, from: string, to: string) => t.from.includes(from) && t.to.includes(to);
  const forward = types.filter((t) => fits(t, firstKind, secondKind)).map((type): FittingType => ({ type, direction: 'forward' }));
  const reverse = types.filter((t) => fits(t, secondKind, firstKind)).map((type): FittingType => ({ type, direction: 'reverse' }));
  return [...forward, ...reverse];
}

/** Whether any relation type can join the two kinds, either way round. */
export function kindsCanRelate(types: readonly RelationTypeInfo[], a: string, b: string): boolean {
  return fittingRelationTypes(types, a, b).length > 0;
}
