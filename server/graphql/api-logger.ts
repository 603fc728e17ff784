import { createLogger, type YogaLogger } from '@graphql-yoga/logger';
import { GraphQLError } from 'graphql';
import { isDatabaseOutage } from '../db/database-errors.ts';

/** How often, at most, an outage is reported while it lasts. */
const OUTAGE_REPORT_MS = 10_000;

/** What yoga hands the logger: the masked GraphQLError, or the error itself. */
const underlying = (arg: unknown): unknown => (arg instanceof GraphQLError ? arg.originalError : arg);

/**
 * yoga's logger, except for database outages: yoga logs every error it masks with its stack, and
 * while Neo4j is down that is every request (in the fault drill ~20 a second, ~20 lines each),
 * costing the CPU the restarting Neo4j needs. An outage is one line at most every 10 s, with how many answers it
 * turned into DATABASE_UNAVAILABLE; any other error is logged as yoga logs it.
 */
export function createApiLogger(level: 'info' | 'warn', now: () => number = Date.now, print: (line: string) => void = (l) => console.error(l)): YogaLogger {
  const yoga = createLogger(level);
  let unreported = 0;
  let lastReport = Number.NEGATIVE_INFINITY;
  return {
    ...yoga,
    error(...args: unknown[]) {
      const reason = args.map(underlying).find(isDatabaseOutage);
      if (!reason) return yoga.error(...args);
      unreported += 1;
      if (now() - lastReport < OUTAGE_REPORT_MS) return;
      print(`graphql: Neo4j unavailable, ${unreported} answer${unreported === 1 ? '' : 's'} DATABASE_UNAVAILABLE since the last report: ${reason.message}`);
      unreported = 0;
      lastReport = now();
    },
  };
}
