import type { GraphQLResolveInfo } from 'graphql';
import type { ApiContext } from '../context.ts';
import type { EntityRef, RelationRef } from '../model.ts';
import type { FragmentRel } from '../plan/fragment.ts';
import type { HopSpec } from '../plan/hop-spec.ts';
import { planBelow } from '../plan/plan-selection.ts';

/**
 * The relations of an entity for one hop, read from the planned result; when the plan did not
 * cover this hop (deeper than it looks ahead), one batched fallback query fetches it.
 */
export async function hopOf(
  e: EntityRef,
  spec: HopSpec,
  need: number,
  ctx: ApiContext,
  info: GraphQLResolveInfo,
): Promise<{ total: number; rels: FragmentRel[]; fragment: EntityRef['fragment'] }> {
  const found = e.fragment.hop(e.node.id, spec, need);
  if (found) return { ...found, fragment: e.fragment };
  const fragment = await ctx.reads.expand(e.node.id, planBelow(info, info.parentType.name));
  const again = fragment.hop(e.node.id, spec, need);
  if (!again) throw new Error(`expansion of ${e.node.id} did not return the hop it was planned for`);
  return { ...again, fragment };
}

/** The entity at the other end of `rel`, seen from `fromId`. */
export function otherEnd(rel: FragmentRel, fromId: string, fragment: EntityRef['fragment']): EntityRef {
  const id = rel.from === fromId ? rel.to : rel.from;
  const node = fragment.node(id);
  if (!node) throw new Error(`relation ${rel.key} names ${id}, which the result does not hold`);
  return { node, fragment };
}

export function relationRef(rel: FragmentRel, fragment: EntityRef['fragment']): RelationRef {
  return { rel, fragment };
}

export function entityRef(id: string, fragment: EntityRef['fragment']): EntityRef {
  const node = fragment.node(id);
  if (!node) throw new Error(`the result does not hold entity ${id}`);
  return { node, fragment };
}
