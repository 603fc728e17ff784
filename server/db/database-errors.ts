import { Neo4jError, isRetryableError } from 'neo4j-driver';

/**
 * The one module that translates Neo4j driver errors. Everything above it sees a
 * `DatabaseFailure` with a stable kind, never a raw driver error.
 */
export type DatabaseFailureKind = 'UNAVAILABLE' | 'AUTH' | 'CONSTRAINT' | 'TIMEOUT' | 'QUERY';

export class DatabaseFailure extends Error {
  override name = 'DatabaseFailure';
  constructor(
    readonly kind: DatabaseFailureKind,
    message: string,
    /** Neo4j's own status code, e.g. Neo.ClientError.Schema.ConstraintValidationFailed */
    readonly neo4jCode: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Neo4j cannot be used at all (down, or refusing our credentials): the API says DATABASE_UNAVAILABLE. */
export function isDatabaseOutage(err: unknown): err is DatabaseFailure {
  return err instanceof DatabaseFailure && (err.kind === 'UNAVAILABLE' || err.kind === 'AUTH');
}

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

export function toDatabaseFailure(err: unknown): DatabaseFailure {
  if (err instanceof DatabaseFailure) return err;
  if (err instanceof Neo4jError) {
    const code = err.code;
    // No connection to be had within connectionAcquisitionTimeout (the pool is full of requests
    // waiting on a Neo4j that does not answer) is an outage too, though the driver gives it no code.
    const acquisition = /^Connection acquisition timed out/.test(err.message);
    if (
      UNAVAILABLE_CODES.has(code) ||
      acquisition ||
      code.startsWith('Neo.TransientError.General') ||
      (/connect|ECONNREFUSED|ECONNRESET/i.test(err.message) && isRetryableError(err))
    ) {
      return new DatabaseFailure('UNAVAILABLE', `Neo4j is unavailable: ${err.message}`, code, { cause: err });
    }
    if (code.startsWith('Neo.ClientError.Security')) {
      return new DatabaseFailure('AUTH', `Neo4j refused the credentials: ${err.message}`, code, { cause: err });
    }
    if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
      return new DatabaseFailure('CONSTRAINT', err.message, code, { cause: err });
    }
    if (code.includes('TransactionTimedOut') || code.includes('Timeout')) {
      return new DatabaseFailure('TIMEOUT', err.message, code, { cause: err });
    }
    return new DatabaseFailure('QUERY', err.message, code, { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new DatabaseFailure('QUERY', message, undefined, { cause: err });
}
