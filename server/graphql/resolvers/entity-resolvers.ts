import type { GraphQLResolveInfo } from 'graphql';
import type { ApiContext } from '../context.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';
import type { EntityRef } from '../model.ts';
import { encodeCursor } from '../plan/cursor.ts';
import { HOP_FIELDS } from '../plan/hop-spec.ts';
import { checkAsOf, checkCursor, checkFirst, checkTypes } from '../validate-args.ts';
import { hopOf, otherEnd, relationRef } from './entity-hops.ts';

/** Concrete GraphQL types, by ontology kind; kinds without one resolve as OtherEntity. */
export const ENTITY_TYPES = ['Country', 'Company', 'App', 'Official', 'Person', 'Initiative', 'Organization', 'Outlet', 'Infrastructure', 'LegalAct'] as const;

const prop = (name: string) => (e: EntityRef) => {
  const v = e.node.props[name];
  return v === undefined || v === null ? null : (v as never);
};

/** Fields every entity type has. */
const base = {
  id: (e: EntityRef) => e.node.id,
  kind: (e: EntityRef) => e.node.kind,
  name: (e: EntityRef) => e.node.name,
  aliases: (e: EntityRef) => e.node.aliases,
  description: (e: EntityRef) => e.node.description,
  seedFile: (e: EntityRef) => e.node.seedFile,
  seedLine: (e: EntityRef) => e.node.seedLine,
  degree: (e: EntityRef) => e.node.degree,
  relations: async (
    e: EntityRef,
    args: { types?: string[] | null; direction?: 'OUT' | 'IN' | 'BOTH' | null; first?: number | null; after?: string | null; asOf?: string | null },
    ctx: ApiContext,
    info: GraphQLResolveInfo,
  ) => {
    const first = checkFirst(args.first ?? 50);
    const offset = checkCursor(args.after);
    const spec = { types: checkTypes(ctx.ontology, args.types), dir: args.direction ?? 'BOTH', asOf: checkAsOf(args.asOf) } as const;
    const hop = await hopOf(e, spec, offset + first + 1, ctx, info);
    return {
      items: hop.rels.slice(offset, offset + first).map((r) => relationRef(r, hop.fragment)),
      offset,
      totalCount: hop.total,
      hasNextPage: offset + first < hop.total,
    };
  },
};

/** Resolvers for the typed relation fields of one kind (HOP_FIELDS) and its own properties. */
function kindFields(kind: string, props: string[]) {
  const out: Record<string, unknown> = {};
  for (const p of props) out[p] = prop(p);
  for (const [field, hop] of Object.entries(HOP_FIELDS[kind] ?? {})) {
    out[field] = async (e: EntityRef, args: { first?: number | null; asOf?: string | null }, ctx: ApiContext, info: GraphQLResolveInfo) => {
      const first = hop.single ? 1 : checkFirst(args.first ?? 50);
      const spec = { types: hop.types, dir: hop.dir, asOf: checkAsOf(args.asOf) };
      const found = await hopOf(e, spec, first, ctx, info);
      const ends = found.rels.slice(0, first).map((r) => otherEnd(r, e.node.id, found.fragment));
      return hop.single ? (ends[0] ?? null) : ends;
    };
  }
  return { ...base, ...out };
}

export const entityResolvers: Resolvers = {
  Entity: {
    __resolveType: (e) => ((ENTITY_TYPES as readonly string[]).includes(e.node.kind) ? (e.node.kind as (typeof ENTITY_TYPES)[number]) : 'OtherEntity'),
  },
  Country: kindFields('Country', ['iso2', 'status']),
  Company: kindFields('Company', ['founded', 'website']),
  App: kindFields('App', ['launched']),
  Official: kindFields('Official', ['office']),
  Person: kindFields('Person', ['role']),
  Initiative: kindFields('Initiative', ['announced']),
  Organization: kindFields('Organization', ['founded']),
  Outlet: kindFields('Outlet', ['website']),
  Infrastructure: kindFields('Infrastructure', ['lengthKm']),
  LegalAct: kindFields('LegalAct', ['signed', 'reference']),
  OtherEntity: base,
  RelationConnection: {
    edges: (c) => c.items.map((node, i) => ({ cursor: encodeCursor(c.offset + i), node })),
    nodes: (c) => c.items,
    totalCount: (c) => c.totalCount,
    pageInfo: (c) => ({ hasNextPage: c.hasNextPage, endCursor: c.items.length > 0 ? encodeCursor(c.offset + c.items.length - 1) : null }),
  },
  EntityConnection: {
    edges: (c) => c.items.map((node, i) => ({ cursor: encodeCursor(c.offset + i), node })),
    nodes: (c) => c.items,
    totalCount: (c) => c.totalCount,
    pageInfo: (c) => ({ hasNextPage: c.hasNextPage, endCursor: c.items.length > 0 ? encodeCursor(c.offset + c.items.length - 1) : null }),
  },
};
