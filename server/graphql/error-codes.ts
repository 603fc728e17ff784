import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from './api-errors.ts';

/** GraphQL Armor's rejections, by the messages it writes (with and without exposed limits). */
const ARMOR = /^Syntax Error: (Query Cost limit|Aliases limit|Query depth limit|Directives limit|Token limit|Query validation error)/;

/** Gives Armor's rejections the stable code QUERY_TOO_COMPLEX (Armor sets none). */
export function useComplexityCodes(): Plugin {
  const recode = (e: GraphQLError) =>
    ARMOR.test(e.message) && e.extensions?.code !== ErrorCode.QUERY_TOO_COMPLEX
      ? new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, extensions: { ...e.extensions, code: ErrorCode.QUERY_TOO_COMPLEX } })
      : e;
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !result || typeof result !== 'object' || !('errors' in result) || !result.errors) return;
      setResult({ ...result, errors: result.errors.map((e) => (e instanceof GraphQLError ? recode(e) : e)) });
    },
  };
}
