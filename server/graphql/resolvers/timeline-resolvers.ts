import type { Resolvers } from '../generated/resolvers-types.ts';
import { cypher } from '../../db/cypher-queries.ts';
import { badUserInput } from '../api-errors.ts';
import { planRoot } from '../plan/plan-selection.ts';
import { checkAsOf, checkFirst } from '../validate-args.ts';
import { entityRef, relationRef } from './entity-hops.ts';

const DAY_MS = 86_400_000;

/** The day `days` after (or before) a YYYY-MM-DD day, in UTC so no time zone shifts it. */
function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A `changes` bound: a full day, since a window edge must be one day, not a period. */
function checkDay(value: string, argument: string): string {
  const day = checkAsOf(value, argument)!;
  if (day.length !== 10) throw badUserInput(argument, `give a full day (YYYY-MM-DD), got "${day}"`);
  return day;
}

export const timelineResolvers: Resolvers = {
  Query: {
    timeline: async (_root, _args, ctx) => {
      const r = await ctx.db.read((tx) => tx.run(cypher('timeline')));
      const rec = r.records[0]!;
      const started = new Map((rec.get('started') as Array<{ period: string; count: number }>).map((b) => [b.period, b.count]));
      const ended = new Map((rec.get('ended') as Array<{ period: string; count: number }>).map((b) => [b.period, b.count]));
      const years = [...started.keys(), ...ended.keys()].map(Number);
      // Every year from the first to the last, empty ones included, so bars line up with a slider.
      const buckets = [];
      if (years.length > 0) {
        for (let y = Math.min(...years); y <= Math.max(...years); y++) {
          const period = String(y).padStart(4, '0');
          buckets.push({ period, started: started.get(period) ?? 0, ended: ended.get(period) ?? 0 });
        }
      }
      return { buckets, undated: Number(rec.get('undated')) };
    },

    changes: async (_root, args, ctx, info) => {
      const a = checkDay(args.from, 'from');
      const b = checkDay(args.to, 'to');
      const [from, to] = a <= b ? [a, b] : [b, a];
      const limit = checkFirst(args.first ?? 200);
      const params = { from, to, afterFrom: shiftDay(from, 1), beforeTo: shiftDay(to, -1), limit };
      const plan = planRoot(info, { entities: [['nodes']], relations: [['appeared'], ['ended']] });
      const { fragment, rootIds } = await ctx.reads.run('rootChanges', params, plan);
      const rels = (ids: unknown) => ((ids as string[] | undefined) ?? []).map((id) => relationRef(fragment.rels.get(id)!, fragment));
      return {
        from,
        to,
        appeared: rels(fragment.meta.appeared),
        ended: rels(fragment.meta.ended),
        nodes: rootIds.map((id) => entityRef(id, fragment)),
        truncated: Boolean(fragment.meta.truncated),
      };
    },
  },
};
