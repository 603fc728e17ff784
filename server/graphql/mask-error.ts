import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import { isDatabaseOutage } from '../db/database-errors.ts';
import { ErrorCode } from './api-errors.ts';
import { CursorError } from './plan/cursor.ts';

const OURS = new Set<string>(Object.values(ErrorCode));

/**
 * Error masking: our coded errors pass as they are, database outages become
 * DATABASE_UNAVAILABLE, anything else becomes yoga's "Unexpected error." and is logged.
 */
export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  if (error instanceof GraphQLError) {
    const code = error.extensions?.code;
    if (typeof code === 'string' && OURS.has(code)) return error;
    const original = error.originalError;
    // Variables of the wrong type: the client's mistake, coded in error-codes.ts; not worth a log line.
    if (original instanceof GraphQLError && /^Variable "\$[^"]*" got invalid value/.test(error.message)) return error;
    if (original instanceof GraphQLError && typeof original.extensions?.code === 'string' && OURS.has(original.extensions.code)) {
      return new GraphQLError(original.message, { nodes: error.nodes, path: error.path, extensions: original.extensions });
    }
    if (isDatabaseOutage(original)) {
      return new GraphQLError('The graph database is unavailable; try again shortly.', {
        nodes: error.nodes,
        path: error.path,
        extensions: { code: ErrorCode.DATABASE_UNAVAILABLE },
      });
    }
    if (original instanceof CursorError) {
      return new GraphQLError(`after: ${original.message}`, {
        nodes: error.nodes,
        path: error.path,
        extensions: { code: ErrorCode.BAD_USER_INPUT, argument: 'after' },
      });
    }
    if (original) console.error('graphql: unexpected error', original);
  }
  return yogaMaskError(error, message, isDev);
}
