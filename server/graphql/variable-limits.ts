import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from './api-errors.ts';

/**
 * No argument takes a longer list (ids: 100) or string (ids: 100, search text: 200): these sit
 * well above, so the arguments' own, more precise messages (validate-args.ts) still come first.
 */
export const MAX_VARIABLE_LIST = 1_000;
export const MAX_VARIABLE_STRING = 10_000;
/** applySeedPatch's `patch` (a unified diff) may be longer; the write API caps it itself. */
export const MAX_PATCH_VARIABLE = 1_000_000;
/** draftFromText's `text` (an article, ≤ 200 000 characters) too: its resolver says so precisely. */
export const MAX_TEXT_VARIABLE = 1_000_000;

/**
 * Refuses variables no argument could accept before graphql-js coerces them: a 100 000-item
 * list cost ~0.6 s of CPU to coerce and only then met the resolver's own limit. Argument
 * limits (validate-args.ts) still give the precise message for anything smaller.
 */
export function useVariableLimits(): Plugin {
  return {
    onParams({ params, setResult }) {
      const bad = oversized(params.variables, 'variables', 0);
      if (bad)
        setResult({
          errors: [
            new GraphQLError(
              `${bad} is too large for any argument of this API (lists up to ${MAX_VARIABLE_LIST} items, strings up to ${MAX_VARIABLE_STRING} characters).`,
              { extensions: { code: ErrorCode.BAD_USER_INPUT } },
            ),
          ],
        });
    },
  };
}

function oversized(value: unknown, path: string, depth: number): string | undefined {
  if (typeof value === 'string') {
    const max = path === 'variables.patch' ? MAX_PATCH_VARIABLE : path === 'variables.text' ? MAX_TEXT_VARIABLE : MAX_VARIABLE_STRING;
    return value.length > max ? `${path} (${value.length} characters)` : undefined;
  }
  if (!value || typeof value !== 'object' || depth > 8) return undefined;
  if (Array.isArray(value)) {
    if (value.length > MAX_VARIABLE_LIST) return `${path} (${value.length} items)`;
    for (let i = 0; i < value.length; i++) {
      const bad = oversized(value[i], `${path}[${i}]`, depth + 1);
      if (bad) return bad;
    }
    return undefined;
  }
  for (const [k, v] of Object.entries(value)) {
    const bad = oversized(v, `${path}.${k}`, depth + 1);
    if (bad) return bad;
  }
  return undefined;
}
