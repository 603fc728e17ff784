import type { Resolvers } from '../generated/resolvers-types.ts';
import { cypher } from '../../db/cypher-queries.ts';
import { notFound } from '../api-errors.ts';
import type { EntityRef } from '../model.ts';
import { planRoot } from '../plan/plan-selection.ts';
import type { PlannedResult } from '../plan/planned-reads.ts';
import { toLuceneQuery } from '../search-query.ts';
import { LIMITS, checkAsOf, checkCursor, checkFirst, checkId, checkIds, checkKinds, checkRange, checkTypes } from '../validate-args.ts';
import { entityRef, relationRef } from './entity-hops.ts';
import { badUserInput } from '../api-errors.ts';
import { UNVERSIONED } from '../../live/graph-version.ts';
import { addFileStats, hasFileStats, type GraphStats, type SeedFileStats } from '../../ingest/seed-file-stats.ts';
import type { Database } from '../../db/database.ts';

/** A Subgraph from a root read (rootNeighbourhood, rootSubgraph): its roots, its root relations. */
function toSubgraph({ fragment, rootIds, rootRelIds }: PlannedResult) {
  return {
    nodes: rootIds.map((id) => entityRef(id, fragment)),
    edges: rootRelIds.map((rid) => relationRef(fragment.rels.get(rid)!, fragment)),
    truncated: Boolean(fragment.meta.truncated),
  };
}

export const queryResolvers: Resolvers = {
  Query: {
    entity: async (_root, { id }, ctx, info) => {
      checkId(id);
      const { fragment, rootIds } = await ctx.reads.run('rootEntity', { id }, planRoot(info, { entities: [[]] }));
      return rootIds[0] ? entityRef(rootIds[0], fragment) : null;
    },

    entities: async (_root, args, ctx, info) => {
      const first = checkFirst(args.first ?? 50);
      const offset = checkCursor(args.after);
      const kinds = checkKinds(ctx.ontology, args.kinds);
      const plan = planRoot(info, { entities: [['edges', 'node'], ['nodes']] });
      const { fragment, rootIds } = await ctx.reads.run('rootEntities', { kinds, offset, limit: first + 1 }, plan);
      return {
        items: rootIds.slice(0, first).map((id) => entityRef(id, fragment)),
        offset,
        totalCount: Number(fragment.meta.totalCount ?? 0),
        hasNextPage: rootIds.length > first,
      };
    },

    search: async (_root, args, ctx, info) => {
      const first = checkFirst(args.first ?? 10, 'first', 100);
      const text = args.text.trim();
      if (text.length === 0 || text.length > LIMITS.searchText) throw badUserInput('text', `give 1 to ${LIMITS.searchText} characters`);
      const lucene = toLuceneQuery(text);
      if (!lucene) return [];
      const kinds = checkKinds(ctx.ontology, args.kinds);
      const { fragment, rootIds } = await ctx.reads.run('rootSearch', { lucene, kinds, limit: first }, planRoot(info, { entities: [['entity']] }));
      const scores = (fragment.meta.scores as number[] | undefined) ?? [];
      return rootIds.map((id, i) => ({ entity: entityRef(id, fragment), score: scores[i] ?? 0 }));
    },

    neighbourhood: async (_root, args, ctx, info) => {
      const ids = checkIds(args.ids);
      const params = {
        ids,
        depth: checkRange(args.depth ?? 1, 'depth', 1, 3),
        types: checkTypes(ctx.ontology, args.relationTypes, 'relationTypes'),
        dir: args.direction ?? 'BOTH',
        asOf: checkAsOf(args.asOf),
        limit: checkRange(args.limit ?? 200, 'limit', 1, LIMITS.neighbourhoodLimit),
      };
      const plan = planRoot(info, { entities: [['nodes']], relations: [['edges']] });
      const result = await ctx.reads.run('rootNeighbourhood', params, plan);
      const missing = ids.filter((id) => !result.rootIds.includes(id));
      if (missing.length > 0) throw notFound(`entity ${missing.map((m) => `"${m.slice(0, 60)}"`).join(', ')}`);
      return toSubgraph(result);
    },

    subgraph: async (_root, args, ctx, info) => {
      const params = {
        ids: checkIds(args.ids, 'ids', LIMITS.subgraphIds),
        types: checkTypes(ctx.ontology, args.relationTypes, 'relationTypes'),
        asOf: checkAsOf(args.asOf),
      };
      const plan = planRoot(info, { entities: [['nodes']], relations: [['edges']] });
      return toSubgraph(await ctx.reads.run('rootSubgraph', params, plan));
    },

    paths: async (_root, args, ctx, info) => {
      const params = {
        from: checkId(args.from, 'from'),
        to: checkId(args.to, 'to'),
        maxHops: checkRange(args.maxHops ?? 4, 'maxHops', 1, LIMITS.maxHops),
        types: checkTypes(ctx.ontology, args.relationTypes, 'relationTypes'),
        first: checkFirst(args.first ?? 3, 'first', LIMITS.pathsFirst),
      };
      const plan = planRoot(info, { entities: [['nodes']], relations: [['edges']] });
      // One query per hop bound (cypher/api-paths.cypher): the bound must be a literal in the pattern.
      const { fragment } = await ctx.reads.run(`rootPaths${params.maxHops}`, params, plan);
      if (!fragment.meta.fromFound) throw notFound(`entity "${args.from.slice(0, 60)}"`);
      if (!fragment.meta.toFound) throw notFound(`entity "${args.to.slice(0, 60)}"`);
      const paths = (fragment.meta.paths as Array<{ nodes: string[]; rels: string[] }>) ?? [];
      return paths.map((p) => ({
        length: p.rels.length,
        nodes: p.nodes.map((id): EntityRef => entityRef(id, fragment)),
        edges: p.rels.map((rid) => relationRef(fragment.rels.get(rid)!, fragment)),
      }));
    },

    ontology: (_root, _args, ctx) => ({
      kinds: [...ctx.ontology.kinds.values()].map((k) => ({
        name: k.name,
        description: k.description,
        color: k.color,
        shape: k.shape,
        properties: Object.entries(k.properties).map(([name, p]) => ({ name, type: p.type, required: p.required, description: p.description ?? null })),
      })),
      relationTypes: [...ctx.ontology.relations.values()].map((t) => ({
        name: t.type,
        phrase: t.phrase,
        inverse: t.inverse,
        from: t.from,
        to: t.to,
        properties: Object.entries(t.properties).map(([name, p]) => ({ name, type: p.type, required: p.required, description: p.description ?? null })),
      })),
    }),

    stats: async (_root, _args, ctx) => {
      const rec = (await ctx.db.read((tx) => tx.run(cypher('stats')))).records[0]!;
      const files = rec.get('files') as Array<Partial<SeedFileStats>>;
      // No file figures (nothing synced, or synced by an older version): count the graph itself.
      const figures = files.length > 0 && files.every(hasFileStats) ? addFileStats(files) : await statsByScan(ctx.db);
      const order = (a: { name: string; count: number }, b: { name: string; count: number }) => b.count - a.count || a.name.localeCompare(b.name);
      const byKind = figures.byKind.sort(order);
      const byType = figures.byType.sort(order);
      return {
        entities: byKind.reduce((s, k) => s + k.count, 0),
        relations: byType.reduce((s, t) => s + t.count, 0),
        byKind,
        byType,
        earliestDate: figures.earliest,
        latestDate: figures.latest,
        version: (rec.get('version') as string | null) ?? UNVERSIONED,
      };
    },
  },
};

async function statsByScan(db: Database): Promise<GraphStats> {
  const rec = (await db.read((tx) => tx.run(cypher('statsByScan')))).records[0]!;
  return {
    byKind: rec.get('byKind') as GraphStats['byKind'],
    byType: rec.get('byType') as GraphStats['byType'],
    earliest: (rec.get('earliest') as string | null) ?? null,
    latest: (rec.get('latest') as string | null) ?? null,
  };
}
