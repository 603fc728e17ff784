import type { Resolvers } from '../generated/resolvers-types.ts';
import { draftResolvers } from './draft-resolvers.ts';
import { ENTITY_TYPES, entityResolvers } from './entity-resolvers.ts';
import { liveResolvers } from './live-resolvers.ts';
import { metricsResolvers } from './metrics-resolvers.ts';
import { mutationResolvers } from './mutation-resolvers.ts';
import { queryResolvers } from './query-resolvers.ts';
import { relationResolvers } from './relation-resolvers.ts';
import { timelineResolvers } from './timeline-resolvers.ts';

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
  Query: {
    ...queryResolvers.Query,
    ...liveResolvers.Query,
    ...mutationResolvers.Query,
    ...timelineResolvers.Query,
    ...draftResolvers.Query,
    ...metricsResolvers.Query,
  },
  Mutation: { ...mutationResolvers.Mutation, ...draftResolvers.Mutation },
};
