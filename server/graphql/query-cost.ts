import {
  GraphQLError,
  Kind,
  getArgumentValues,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  type DocumentNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from './api-errors.ts';
import { LIMITS } from './validate-args.ts';

/** The most an operation may cost: roughly, the number of values it could return. */
export const MAX_COST = 500_000;

const CAPS: Record<string, number> = { first: LIMITS.first, limit: LIMITS.neighbourhoodLimit, maxHops: LIMITS.maxHops };

/** Containers whose lists were already counted by the field that returned them (its first/limit). */
const COUNTED_BY_PARENT = /(Connection|Subgraph|Path)$/;

/** How many items a list field can return, from its arguments. */
function breadth(parentType: string, field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
  if (COUNTED_BY_PARENT.test(parentType)) return 1;
  // Clamped to what the resolvers accept: past that they refuse the argument itself
  // (BAD_USER_INPUT names it), which says more than "too complex".
  const num = (k: string, d: number) => (typeof args[k] === 'number' ? Math.min(args[k] as number, CAPS[k] ?? Infinity) : d);
  switch (field.name) {
    case 'neighbourhood':
      return num('limit', 200);
    case 'subgraph':
      return Array.isArray(args.ids) ? Math.min(args.ids.length, LIMITS.subgraphIds) : 1;
    case 'paths':
      return num('first', 3) * (num('maxHops', 4) + 1);
    default:
      // Lists without `first` are short by nature (evidence, counts, path steps).
      return 'first' in args ? num('first', 50) : isListType(getNullableType(field.type)) ? 5 : 1;
  }
}

/**
 * Cost = for every field, the product of the breadths of the lists above it. Unlike a
 * depth-based estimate, it sees that relations(first: 500) four levels deep asks for 500⁴.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName?: string | null): number {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops[0];
  if (!op) return 0;
  const fragments = Object.fromEntries(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [])));
  const root = op.operation === 'query' ? schema.getQueryType() : op.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  let total = 0;
  const walk = (set: SelectionSetNode, typeName: string, multiplier: number, depth: number) => {
    if (depth > 64 || total > MAX_COST) return;
    for (const sel of set.selections) {
      if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet, sel.typeCondition?.name.value ?? typeName, multiplier, depth + 1);
      else if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const f = fragments[sel.name.value];
        if (f) walk(f.selectionSet, f.typeCondition.name.value, multiplier, depth + 1);
      } else {
        const type = schema.getType(typeName);
        const def = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[sel.name.value] : undefined;
        total += multiplier;
        if (!def || !sel.selectionSet) continue;
        let args: Record<string, unknown> = {};
        try {
          args = getArgumentValues(def, sel, variables);
        } catch {
          // Invalid arguments are reported by execution with a proper message.
        }
        walk(sel.selectionSet, getNamedType(def.type).name, multiplier * Math.max(1, breadth(typeName, def, args)), depth + 1);
      }
    }
  };
  if (root) walk(op.selectionSet, root.name, 1, 0);
  return total;
}

/**
 * Refuses operations whose cost exceeds MAX_COST with QUERY_TOO_COMPLEX, before any query runs.
 * Subscriptions are checked too (graphql-js subscribes instead of executing them).
 */
export function useQueryCost(options: { exposeLimits: boolean }): Plugin {
  const refusal = (args: { schema: GraphQLSchema; document: DocumentNode; variableValues?: unknown; operationName?: string | null | undefined }) => {
    const cost = operationCost(args.schema, args.document, (args.variableValues ?? {}) as Record<string, unknown>, args.operationName);
    if (cost <= MAX_COST) return undefined;
    const message = options.exposeLimits ? `Query is too complex: cost ${Math.round(cost)} exceeds ${MAX_COST}.` : 'Query is too complex.';
    return { errors: [new GraphQLError(message, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX } })] };
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const refused = refusal(args);
      if (refused) setResultAndStopExecution(refused);
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refused = refusal(args);
      if (refused) setResultAndStopExecution(refused);
    },
  };
}
