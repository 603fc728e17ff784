import { Kind, getArgumentValues, isObjectType, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { EntityMetricValues } from '../../metrics/compute-metrics.ts';
import { compareIds } from '../../metrics/metrics-graph.ts';
import { METRIC_PROPERTIES } from '../../metrics/store-metrics.ts';
import { subgraphMetricsCache, type SubgraphFilter } from '../../metrics/subgraph-metrics.ts';
import type { ApiContext } from '../context.ts';
import type { Metric, Resolvers } from '../generated/resolvers-types.ts';
import type { CommunityModel, EntityMetricsModel, EntityRef, KeyActorModel } from '../model.ts';
import { planRoot } from '../plan/plan-selection.ts';
import { checkAsOf, checkFirst, checkKinds, checkTypes } from '../validate-args.ts';
import { ENTITY_TYPES } from './entity-resolvers.ts';
import { entityRef } from './entity-hops.ts';

/** Caps: a list of key actors or communities is for reading, not for dumping the graph. */
export const METRIC_LIMITS = { keyActors: 200, communities: 100, members: 100 } as const;

const VALUE_OF: Record<Metric, 'degree' | 'pageRank' | 'betweenness'> = { DEGREE: 'degree', PAGERANK: 'pageRank', BETWEENNESS: 'betweenness' };
const RANK_OF: Record<Metric, 'rankDegree' | 'rankPageRank' | 'rankBetweenness'> = {
  DEGREE: 'rankDegree',
  PAGERANK: 'rankPageRank',
  BETWEENNESS: 'rankBetweenness',
};
const KEY_ACTORS_ROOT: Record<Metric, string> = {
  DEGREE: 'rootKeyActorsByDegree',
  PAGERANK: 'rootKeyActorsByPageRank',
  BETWEENNESS: 'rootKeyActorsByBetweenness',
};

/** The stored metrics of an entity, or null for one the sync did not compute (not from a seed file). */
export function storedMetrics(e: EntityRef): EntityMetricsModel | null {
  const props = e.node.props;
  if (typeof props.metricPageRank !== 'number') return null;
  const out = {} as EntityMetricValues;
  for (const [property, key] of METRIC_PROPERTIES) out[key] = Number(props[property] ?? 0);
  return out;
}

/** The filter of keyActors/communities, or null when the stored whole-graph metrics answer. */
function subgraphFilter(ctx: ApiContext, args: { relationTypes?: readonly string[] | null; asOf?: string | null }): SubgraphFilter | null {
  const types = checkTypes(ctx.ontology, args.relationTypes, 'relationTypes');
  const asOf = checkAsOf(args.asOf);
  return types === null && asOf === null ? null : { types, asOf };
}

/** The largest `members(first:)` selected below communities, so the one query fetches enough. */
function membersWanted(info: GraphQLResolveInfo): number {
  const type = info.schema.getType('Community');
  const def = type && isObjectType(type) ? type.getFields().members : undefined;
  let most = 0;
  const walk = (set: SelectionSetNode | undefined) => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet);
      else if (sel.kind === Kind.FRAGMENT_SPREAD) walk(info.fragments[sel.name.value]?.selectionSet);
      else if (sel.name.value === 'members' && def) {
        const first = Number(getArgumentValues(def, sel, info.variableValues).first ?? 5);
        most = Math.max(most, checkFirst(first, 'members.first', METRIC_LIMITS.members));
      }
    }
  };
  for (const field of info.fieldNodes) walk(field.selectionSet);
  return most;
}

/** Ids ordered by a value, highest first, ties by id: the order the stored indexes give too. */
function byValue(values: Map<string, number>, ids: Iterable<string>): string[] {
  return [...ids].sort((a, b) => values.get(b)! - values.get(a)! || compareIds(a, b));
}

/** Entities by id through the planned read, so whatever the operation selects below them resolves in one query. */
async function entitiesByIds(ctx: ApiContext, info: GraphQLResolveInfo, ids: string[], path: string[]): Promise<Map<string, EntityRef>> {
  if (ids.length === 0) return new Map();
  const { fragment } = await ctx.reads.run('rootEntitiesByIds', { ids }, planRoot(info, { entities: [path] }));
  return new Map(ids.filter((id) => fragment.node(id)).map((id) => [id, entityRef(id, fragment)]));
}

const metricsField = { metrics: (e: EntityRef) => storedMetrics(e) };

export const metricsResolvers: Resolvers = {
  ...Object.fromEntries([...ENTITY_TYPES, 'OtherEntity'].map((t) => [t, metricsField])),
  EntityMetrics: {
    rank: (m, { by }) => ({ position: m[RANK_OF[by]], of: m.rankOf }),
  },
  Community: {
    members: (c, { first }) => c.members.slice(0, checkFirst(first, 'first', METRIC_LIMITS.members)),
  },
  Query: {
    keyActors: async (_root, args, ctx, info): Promise<KeyActorModel[]> => {
      const first = checkFirst(args.first ?? 20, 'first', METRIC_LIMITS.keyActors);
      const kinds = checkKinds(ctx.ontology, args.kinds);
      const by = args.by ?? 'PAGERANK';
      const filter = subgraphFilter(ctx, args);
      if (filter === null) {
        const plan = planRoot(info, { entities: [['entity']] });
        const { fragment, rootIds } = await ctx.reads.run(KEY_ACTORS_ROOT[by], { kinds, limit: first }, plan);
        return rootIds.map((id, i) => {
          const entity = entityRef(id, fragment);
          return { entity, value: storedMetrics(entity)?.[VALUE_OF[by]] ?? 0, rank: i + 1 };
        });
      }
      const m = await subgraphMetricsCache.get(ctx.db, filter);
      const values = new Map([...m.byId].map(([id, v]) => [id, v[VALUE_OF[by]]]));
      const ids = byValue(
        values,
        [...m.byId.keys()].filter((id) => kinds === null || kinds.includes(m.kinds.get(id)!)),
      ).slice(0, first);
      const entities = await entitiesByIds(ctx, info, ids, ['entity']);
      return ids
        .flatMap((id) => (entities.has(id) ? [{ entity: entities.get(id)!, value: values.get(id)!, rank: 0 }] : []))
        .map((a, i) => ({ ...a, rank: i + 1 }));
    },

    communities: async (_root, args, ctx, info): Promise<CommunityModel[]> => {
      const first = checkFirst(args.first ?? 10, 'first', METRIC_LIMITS.communities);
      const members = membersWanted(info);
      const filter = subgraphFilter(ctx, args);
      if (filter === null) {
        const plan = planRoot(info, { entities: [['members']] });
        const { fragment } = await ctx.reads.run('rootCommunities', { first, members }, plan);
        const found = (fragment.meta.communities as Array<{ id: number; size: number; members: string[] }> | undefined) ?? [];
        return found.map((c) => ({ id: Number(c.id), size: Number(c.size), members: c.members.map((id) => entityRef(id, fragment)) }));
      }
      const m = await subgraphMetricsCache.get(ctx.db, filter);
      const groups = new Map<number, string[]>();
      for (const [id, v] of m.byId) (groups.get(v.community) ?? groups.set(v.community, []).get(v.community)!).push(id);
      const pageRank = new Map([...m.byId].map(([id, v]) => [id, v.pageRank]));
      const picked = [...groups.entries()]
        .sort(([a], [b]) => a - b)
        .slice(0, first)
        .map(([id, ids]) => ({ id, size: ids.length, top: byValue(pageRank, ids).slice(0, members) }));
      const entities = await entitiesByIds(
        ctx,
        info,
        picked.flatMap((c) => c.top),
        ['members'],
      );
      return picked.map((c) => ({ id: c.id, size: c.size, members: c.top.flatMap((id) => (entities.has(id) ? [entities.get(id)!] : [])) }));
    },
  },
};
