import type { Resolvers } from '../generated/resolvers-types.ts';
import { draftResolvers } from './draft-resolvers.ts';
import { entityResolvers } from './entity-resolvers.ts';
import { liveResolvers } from './live-resolvers.ts';
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
  Query: { ...queryResolvers.Query, ...liveResolvers.Query, ...mutationResolvers.Query, ...timelineResolvers.Query, ...draftResolvers.Query },
  Mutation: { ...mutationResolvers.Mutation, ...draftResolvers.Mutation },
};
