import { createLogger, type YogaLogger } from '@graphql-yoga/logger';
import { GraphQLError } from 'graphql';
import { DatabaseFailure } from '../db/database-errors.ts';

/** How often, at most, an outage is reported while it lasts. */
const OUTAGE_REPORT_MS = 10_000;

const isOutage = (arg: unknown): boolean => {
  const original = arg instanceof GraphQLError ? arg.originalError : arg;
  return original instanceof DatabaseFailure && (original.kind === 'UNAVAILABLE' || original.kind === 'AUTH');
};

/**
 * yoga's logger, except for database outages: yoga logs every error it masks with its stack, and
 * while Neo4j is down that is every request, thousands of lines a second, costing the CPU the
 * restarting Neo4j needs. An outage is one line at most every 10 s, with how many answers it
 * turned into DATABASE_UNAVAILABLE; any other error is logged as yoga logs it.
 */
export function createApiLogger(level: 'info' | 'warn', now: () => number = Date.now, print: (line: string) => void = (l) => console.error(l)): YogaLogger {
  const yoga = createLogger(level);
  let unreported = 0;
  let lastReport = Number.NEGATIVE_INFINITY;
  return {
    ...yoga,
    error(...args: unknown[]) {
      if (!args.some(isOutage)) return yoga.error(...args);
      unreported += 1;
      if (now() - lastReport < OUTAGE_REPORT_MS) return;
      const reason = args.map((a) => (a instanceof GraphQLError ? a.originalError : a)).find(isOutage) as DatabaseFailure;
      print(`graphql: Neo4j unavailable, ${unreported} answer${unreported === 1 ? '' : 's'} DATABASE_UNAVAILABLE since the last report: ${reason.message}`);
      unreported = 0;
      lastReport = now();
    },
  };
}
