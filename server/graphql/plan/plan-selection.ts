import { Kind, getArgumentValues, getNamedType, isObjectType, isInterfaceType, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { checkCursor, checkFirst } from '../validate-args.ts';
import { HOP_FIELDS, hopKey, type HopSpec, type LevelSpec } from './hop-spec.ts';

/** How deep one query follows relations; deeper selections fall back to a batched query. */
export const MAX_LEVELS = 4;

/**
 * The relation expansions a GraphQL selection needs, per level below its roots, merged so each
 * distinct hop runs once with the largest cap asked for. Built by looking ahead at the
 * requested fields, as @neo4j/graphql does, so the whole operation is one Cypher query.
 */
export class LevelPlan {
  private readonly levels: Array<Map<string, LevelSpec>> = [];

  add(level: number, spec: HopSpec, cap: number): void {
    if (level >= MAX_LEVELS) return;
    while (this.levels.length <= level) this.levels.push(new Map());
    const key = hopKey(spec);
    const have = this.levels[level]!.get(key);
    if (!have || have.cap < cap) this.levels[level]!.set(key, { ...spec, key, cap });
  }

  /** The `$levels` parameter of expandLevels (empty: skipLevels is sent instead). */
  toParam(): LevelSpec[][] {
    const out = this.levels.map((m) => [...m.values()]);
    while (out.length > 0 && out[out.length - 1]!.length === 0) out.pop();
    return out;
  }
}

interface Walk {
  info: GraphQLResolveInfo;
  plan: LevelPlan;
}

/** Fields of a selection set with the type they are selected on (fragments flattened). */
function* fieldsOf(w: Walk, set: SelectionSetNode | undefined, typeName: string): Generator<{ field: FieldNode; typeName: string }> {
  if (!set) return;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) yield { field: sel, typeName };
    else if (sel.kind === Kind.INLINE_FRAGMENT) yield* fieldsOf(w, sel.selectionSet, sel.typeCondition?.name.value ?? typeName);
    else {
      const frag = w.info.fragments[sel.name.value];
      if (frag) yield* fieldsOf(w, frag.selectionSet, frag.typeCondition.name.value);
    }
  }
}

function argsOf(w: Walk, typeName: string, field: FieldNode): Record<string, unknown> {
  const type = w.info.schema.getType(typeName);
  if (!type || !(isObjectType(type) || isInterfaceType(type))) return {};
  const def = type.getFields()[field.name.value];
  return def ? getArgumentValues(def, field, w.info.variableValues) : {};
}

function returnTypeName(w: Walk, typeName: string, field: FieldNode): string {
  const type = w.info.schema.getType(typeName);
  if (!type || !(isObjectType(type) || isInterfaceType(type))) return 'Entity';
  const def = type.getFields()[field.name.value];
  return def ? getNamedType(def.type).name : 'Entity';
}

/** An Entity selection whose entities sit at `level` (roots are level 0). */
function planEntity(w: Walk, set: SelectionSetNode | undefined, typeName: string, level: number): void {
  for (const { field, typeName: on } of fieldsOf(w, set, typeName)) {
    const name = field.name.value;
    if (name === 'relations') {
      const a = argsOf(w, on, field);
      const spec: HopSpec = {
        types: (a.types as string[] | null | undefined) ?? null,
        dir: (a.direction as HopSpec['dir']) ?? 'BOTH',
        asOf: (a.asOf as string | null | undefined) ?? null,
      };
      // +1 tells whether there is a next page.
      // Checked here, not only in the resolver: the plan's LIMIT is computed from them first, and
      // first: 2147483647 overflowed Neo4j's integer LIMIT (an internal error, found by the injection drill).
      w.plan.add(level, spec, checkCursor(a.after as string | undefined) + checkFirst(Number(a.first ?? 50)) + 1);
      for (const { field: conn } of fieldsOf(w, field.selectionSet, 'RelationConnection')) {
        if (conn.name.value === 'nodes') planRelation(w, conn.selectionSet, [level, level + 1]);
        if (conn.name.value === 'edges') {
          for (const { field: edge } of fieldsOf(w, conn.selectionSet, 'RelationEdge')) {
            if (edge.name.value === 'node') planRelation(w, edge.selectionSet, [level, level + 1]);
          }
        }
      }
      continue;
    }
    const hop = HOP_FIELDS[on]?.[name];
    if (hop) {
      const a = argsOf(w, on, field);
      w.plan.add(
        level,
        { types: hop.types, dir: hop.dir, asOf: (a.asOf as string | null | undefined) ?? null },
        hop.single ? 1 : checkFirst(Number(a.first ?? 50)),
      );
      planEntity(w, field.selectionSet, returnTypeName(w, on, field), level + 1);
    }
  }
}

/** A Relation selection; its endpoints sit at the given levels. */
function planRelation(w: Walk, set: SelectionSetNode | undefined, endpointLevels: number[]): void {
  for (const { field } of fieldsOf(w, set, 'Relation')) {
    const name = field.name.value;
    if (name === 'from' || name === 'to') for (const level of endpointLevels) planEntity(w, field.selectionSet, 'Entity', level);
  }
}

/** Where, below a root field, its entities and relations are selected. */
export type RootShape =
  | { entities: string[][]; relations?: undefined } // paths to Entity selections, e.g. [['edges','node'], ['nodes']]
  | { entities: string[][]; relations: string[][] };

function descend(w: Walk, set: SelectionSetNode | undefined, typeName: string, path: string[], visit: (s: SelectionSetNode | undefined) => void): void {
  if (path.length === 0) return visit(set);
  const [head, ...rest] = path;
  for (const { field, typeName: on } of fieldsOf(w, set, typeName)) {
    if (field.name.value === head) descend(w, field.selectionSet, returnTypeName(w, on, field), rest, visit);
  }
}

/** Plans a root field: its entities (and root relations) are level 0. */
export function planRoot(info: GraphQLResolveInfo, shape: RootShape): LevelPlan {
  const w: Walk = { info, plan: new LevelPlan() };
  const rootType = getNamedType(info.returnType).name;
  for (const field of info.fieldNodes) {
    for (const path of shape.entities) descend(w, field.selectionSet, rootType, path, (s) => planEntity(w, s, 'Entity', 0));
    for (const path of shape.relations ?? []) descend(w, field.selectionSet, rootType, path, (s) => planRelation(w, s, [0]));
  }
  return w.plan;
}

/** Plans the rest of a selection below one field of an entity at level 0 (the fallback path). */
export function planBelow(info: GraphQLResolveInfo, typeName: string): LevelPlan {
  const w: Walk = { info, plan: new LevelPlan() };
  for (const field of info.fieldNodes) {
    // Re-plan the field itself on a fresh root: its own hop is level 0.
    planEntity(w, { kind: Kind.SELECTION_SET, selections: [field] }, typeName, 0);
  }
  return w.plan;
}
