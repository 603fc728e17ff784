import type { Resolvers } from '../generated/resolvers-types.ts';
import { ENTITY_TYPES, entityResolvers } from './entity-resolvers.ts';
import { liveResolvers } from './live-resolvers.ts';
import { metricsResolvers } from './metrics-resolvers.ts';
import { mutationResolvers } from './mutation-resolvers.ts';
import { queryResolvers } from './query-resolvers.ts';
import { relationResolvers } from './relation-resolvers.ts';

export const resolvers: Resolvers = {
  ...queryResolvers,
  ...entityResolvers,
  ...relationResolvers,
  ...liveResolvers,
  ...mutationResolvers,
  ...metricsResolvers,
  // Entity types get their fields from entityResolvers and `metrics` from metricsResolvers.
  ...Object.fromEntries(
    [...ENTITY_TYPES, 'OtherEntity'].map((t) => [t, { ...(entityResolvers as Record<string, object>)[t], ...(metricsResolvers as Record<string, object>)[t] }]),
  ),
  Query: { ...queryResolvers.Query, ...liveResolvers.Query, ...mutationResolvers.Query, ...metricsResolvers.Query },
};
