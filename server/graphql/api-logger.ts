import type { YogaLogger } from '@graphql-yoga/logger';
import { GraphQLError } from 'graphql';
import { pino, type DestinationStream, type Logger } from 'pino';
import { isDatabaseOutage } from '../db/database-errors.ts';

/** How often, at most, an outage is reported while it lasts. */
const OUTAGE_REPORT_MS = 10_000;

/** What yoga hands the logger: the masked GraphQLError, or the error itself. */
const underlying = (arg: unknown): unknown => (arg instanceof GraphQLError ? arg.originalError : arg);

export interface ServerLoggerOptions {
  /** @default SPLINTERNET_LOG_LEVEL, else 'warn' under vitest and 'info' otherwise */
  level?: string | undefined;
  /** Human-readable lines (pino-pretty) instead of JSON. @default stderr is a TTY and not production */
  pretty?: boolean | undefined;
  production?: boolean | undefined;
  /** Where the JSON lines go (tests collect them). @default stderr */
  destination?: DestinationStream | undefined;
}

/**
 * The server's log: JSON lines (pino) a pipeline can read — one per request (request-log.ts),
 * plus errors — or pino-pretty's lines in a terminal during development. Headers that carry
 * secrets are never logged, nor are query texts (see request-log.ts for what a line holds).
 */
export function createServerLogger({ level, pretty, production, destination }: ServerLoggerOptions = {}): Logger {
  const lvl = level ?? process.env.SPLINTERNET_LOG_LEVEL ?? (process.env.VITEST ? 'warn' : 'info');
  const base = { level: lvl, base: { pid: process.pid }, redact: ['req.headers.authorization', 'req.headers.cookie'] };
  if (destination) return pino(base, destination);
  const usePretty = pretty ?? (!production && process.stderr.isTTY === true);
  if (usePretty) return pino({ ...base, transport: { target: 'pino-pretty', options: { destination: 2, ignore: 'pid,hostname' } } });
  // Asynchronous writes: a line per request must not cost each request a write system call.
  return pino(base, pino.destination({ dest: 2, sync: false }));
}

/**
 * yoga's logger over pino, except for database outages: yoga logs every error it masks with its
 * stack, and while Neo4j is down that is every request (in the fault drill ~20 a second),
 * costing the CPU the restarting Neo4j needs. An outage is one line at most every 10 s, with how
 * many answers it turned into DATABASE_UNAVAILABLE; any other error is logged with its stack.
 */
export function createApiLogger(logger: Logger, now: () => number = Date.now): YogaLogger {
  let unreported = 0;
  let lastReport = Number.NEGATIVE_INFINITY;
  const message = (args: unknown[]) => args.filter((a) => typeof a === 'string').join(' ');
  return {
    debug: (...args: unknown[]) => logger.debug(message(args)),
    info: (...args: unknown[]) => logger.info(message(args)),
    warn: (...args: unknown[]) => logger.warn(message(args)),
    error(...args: unknown[]) {
      const reason = args.map(underlying).find(isDatabaseOutage);
      if (!reason) {
        const err = args.map(underlying).find((a): a is Error => a instanceof Error);
        logger.error({ err }, message(args) || err?.message || 'error');
        return;
      }
      unreported += 1;
      if (now() - lastReport < OUTAGE_REPORT_MS) return;
      logger.error(
        { code: 'DATABASE_UNAVAILABLE', answers: unreported },
        `graphql: Neo4j unavailable, ${unreported} answer${unreported === 1 ? '' : 's'} DATABASE_UNAVAILABLE since the last report: ${reason.message}`,
      );
      unreported = 0;
      lastReport = now();
    },
  };
}
