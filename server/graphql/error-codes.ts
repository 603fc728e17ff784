import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from './api-errors.ts';
import { CSRF_HEADER } from './csrf-header.ts';

/**
 * Rejections that come without our code, by the messages their authors write (yoga, its CSRF
 * plugin, GraphQL Armor, graphql-js), with a clearer message where theirs does not say what to do.
 */
const RECODE: Array<[RegExp, ErrorCode, string?]> = [
  // GraphQL Armor's limits (with and without exposed limits).
  [/^Syntax Error: (Query Cost limit|Aliases limit|Query depth limit|Directives limit|Token limit|Query validation error)/, ErrorCode.QUERY_TOO_COMPLEX],
  // graphql-js gives up comparing fields past its complexity budget (thousands of repeated fields).
  [/^Validation aborted\.$/, ErrorCode.QUERY_TOO_COMPLEX],
  // Introspection nested in cycles (__schema { types { fields { type { ofType { … }}}}}).
  [/^Maximum introspection depth exceeded/, ErrorCode.QUERY_TOO_COMPLEX],
  // The schema has no mutations or subscriptions; graphql-js reports it at execution, without a code.
  [/^Schema is not configured to execute /, ErrorCode.GRAPHQL_VALIDATION_FAILED],
  // Variables that do not fit their declared types (a string for an Int, a word for an enum).
  [/^Variable "\$[^"]*" got invalid value/, ErrorCode.BAD_USER_INPUT],
  [/^Required CSRF header/, ErrorCode.FORBIDDEN, `Cross-site request refused: send the header ${CSRF_HEADER} (any value) or a JSON content type.`],
];

/**
 * Gives every refusal a stable code (QUERY_TOO_COMPLEX, BAD_USER_INPUT, FORBIDDEN…) where its
 * author set none or a vague one. Done on the result, not in maskError: yoga logs every error
 * maskError replaces, and a flood of refused requests must not become a flood of log lines.
 */
export function useErrorCodes(): Plugin {
  const recode = (e: GraphQLError) => {
    const [, code, message] = RECODE.find(([re]) => re.test(e.message)) ?? [];
    return code && e.extensions?.code !== code
      ? new GraphQLError(message ?? e.message, { nodes: e.nodes, source: e.source, positions: e.positions, extensions: { ...e.extensions, code } })
      : e;
  };
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !result || typeof result !== 'object' || !('errors' in result) || !result.errors) return;
      setResult({ ...result, errors: result.errors.map((e) => (e instanceof GraphQLError ? recode(e) : e)) });
    },
  };
}
