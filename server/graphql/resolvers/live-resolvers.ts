import type { ApiContext } from '../context.ts';
import type { Resolvers, SeedEvent, SeedStatus } from '../generated/resolvers-types.ts';
import { readSeedVersion } from '../../ingest/sync-seed.ts';
import { UNVERSIONED } from '../../live/graph-version.ts';
import type { SeedEventModel, SeedStatusModel } from '../../live/live-seed.ts';
import { toSeedDiagnostic } from './seed-diagnostic.ts';

function toSeedStatus(s: SeedStatusModel): SeedStatus {
  return { ...s, diagnostics: s.diagnostics.map((d) => toSeedDiagnostic(d)) };
}

function toSeedEvent(e: SeedEventModel): SeedEvent {
  return { status: toSeedStatus(e.status), change: e.change };
}

/**
 * Without a live seed (tests, drills, a server that does not watch): Neo4j holds what the last
 * sync left, so the status is SYNCED with the version that sync wrote.
 */
async function staticStatus(ctx: ApiContext): Promise<SeedStatusModel> {
  const version = (await readSeedVersion(ctx.db)) ?? UNVERSIONED;
  return { version, state: 'SYNCED', diagnostics: [], message: null, watching: false };
}

/**
 * Without a live seed nothing can change, so the stream sends the one status and completes;
 * its `watching: false` tells a client not to reconnect.
 */
async function* oneStatus(ctx: ApiContext): AsyncGenerator<SeedEventModel> {
  yield { status: await staticStatus(ctx), change: null };
}

export const liveResolvers: Resolvers = {
  Query: {
    seedStatus: async (_root, _args, ctx) => toSeedStatus(ctx.live ? ctx.live.status() : await staticStatus(ctx)),
  },
  Subscription: {
    seedEvents: {
      // The stream ends when the client goes away: yoga returns the iterator, which ends the
      // subscription and removes its listener (seed-event-hub.ts).
      subscribe: (_root, _args, ctx) => (ctx.live ? ctx.live.events(ctx.request.signal) : oneStatus(ctx)),
      resolve: (event: SeedEventModel) => toSeedEvent(event),
    },
  },
};
