import { GraphQLError } from 'graphql';

/**
 * The one module that names API errors. Clients may rely on these codes; anything else an
 * operation throws is masked as INTERNAL_SERVER_ERROR.
 */
export const ErrorCode = {
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  /** The document does not parse, or asks for what the schema does not have (e.g. a mutation). */
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  /** The HTTP request itself is wrong: bad JSON, a batch, a mutation over GET, a method other than GET or POST. */
  BAD_REQUEST: 'BAD_REQUEST',
  /** A request a browser could have sent cross-site: no CSRF header (see CSRF_HEADER). */
  FORBIDDEN: 'FORBIDDEN',
  /** The request body is over MAX_REQUEST_BODY_BYTES (HTTP 413; set by yoga itself). */
  REQUEST_ENTITY_TOO_LARGE: 'REQUEST_ENTITY_TOO_LARGE',
  /** A persisted (trusted) document id the server does not know: resend the query text. */
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  /** A write prepared against a version of a seed file that has changed on disk since. */
  CONFLICT: 'CONFLICT',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function apiError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

/** A bad argument: names it, so clients can point at the input. */
export function badUserInput(argument: string, message: string): GraphQLError {
  return apiError(ErrorCode.BAD_USER_INPUT, `${argument}: ${message}`, { argument });
}

export function notFound(what: string): GraphQLError {
  return apiError(ErrorCode.NOT_FOUND, `${what} was not found`);
}

export function databaseUnavailable(): GraphQLError {
  return apiError(ErrorCode.DATABASE_UNAVAILABLE, 'The graph database is unavailable; try again shortly.');
}
