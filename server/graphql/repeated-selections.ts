import { BREAK, GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from './api-errors.ts';

/** More than this many copies of one field (or fragment) in one selection set is refused. */
export const MAX_REPEATED_SELECTIONS = 20;

/**
 * Refuses `{ stats { entities entities entities … } }` before validation: graphql-js compares
 * repeated fields pairwise (quadratic) and only gives up, as "Validation aborted.", after tens of
 * milliseconds of CPU per request. Counting them first costs one pass over the document.
 */
export function useRepeatedSelectionLimit(max = MAX_REPEATED_SELECTIONS): Plugin {
  return {
    onValidate({ params, setResult }) {
      const found = firstRepeated(params.documentAST, max);
      if (found) {
        setResult([
          new GraphQLError(`Query is too complex: "${found.key}" is selected ${found.count} times in one selection set (at most ${max}).`, {
            extensions: { code: ErrorCode.QUERY_TOO_COMPLEX },
          }),
        ]);
      }
    },
  };
}

function firstRepeated(document: DocumentNode, max: number): { key: string; count: number } | undefined {
  let found: { key: string; count: number } | undefined;
  visit(document, {
    SelectionSet(node) {
      const counts = new Map<string, number>();
      for (const sel of node.selections) {
        const key =
          sel.kind === Kind.FIELD
            ? (sel.alias ?? sel.name).value
            : sel.kind === Kind.FRAGMENT_SPREAD
              ? `...${sel.name.value}`
              : `... on ${sel.typeCondition?.name.value ?? ''}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      for (const [key, count] of counts) {
        if (count > max) {
          found = { key, count };
          return BREAK;
        }
      }
      return undefined;
    },
  });
  return found;
}
