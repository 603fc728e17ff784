import DataLoader from 'dataloader';
import { cypher } from '../../db/cypher-queries.ts';
import { cypherParams } from '../../db/cypher-params.ts';
import type { Database } from '../../db/database.ts';
import { Fragment } from './fragment.ts';
import type { LevelPlan } from './plan-selection.ts';

/** Nodes of one level expanded further in the same query; the rest use the fallback. */
const FRONTIER_CAP = 2000;

const readTexts = new Map<string, string>();

/**
 * The text of one API read: a root part, the expansion (if any levels), the finish. Built once
 * per root and kept, so every request sends the same string (first-runs.ts looks each one up).
 */
export function apiReadText(root: string, expands: boolean): string {
  const key = `${root}/${expands}`;
  let text = readTexts.get(key);
  if (text === undefined) readTexts.set(key, (text = [cypher(root), cypher(expands ? 'expandLevels' : 'skipLevels'), cypher('finishSelection')].join('\n')));
  return text;
}

export interface PlannedResult {
  fragment: Fragment;
  rootIds: string[];
  rootRelIds: string[];
}

/**
 * Runs a root query completed by expandLevels (or skipLevels when the selection asks for no
 * relations) and finishSelection: ONE read transaction, ONE Cypher query per GraphQL root
 * field. Per request; keeps nothing between requests.
 */
export class PlannedReads {
  private readonly fallback: DataLoader<{ id: string; levels: string }, Fragment, string>;

  constructor(private readonly db: Database) {
    // Expansions the plan could not foresee (deeper than MAX_LEVELS, or below an outlet) are
    // batched: one query per distinct expansion per tick, never one per entity.
    this.fallback = new DataLoader(
      async (keys) => {
        const groups = new Map<string, string[]>();
        for (const k of keys) groups.set(k.levels, [...(groups.get(k.levels) ?? []), k.id]);
        const results = new Map<string, Fragment>();
        await Promise.all(
          [...groups].map(async ([levels, ids]) => {
            const r = await this.runRaw('rootEntitiesByIds', { ids: [...new Set(ids)] }, JSON.parse(levels) as unknown[]);
            results.set(levels, r.fragment);
          }),
        );
        return keys.map((k) => results.get(k.levels)!);
      },
      { cacheKeyFn: (k) => `${k.levels}\u0000${k.id}` },
    );
  }

  run(root: string, params: Record<string, unknown>, plan: LevelPlan): Promise<PlannedResult> {
    return this.runRaw(root, params, plan.toParam());
  }

  /** The fallback: expands one entity per `plan`, batched with others of the same tick. */
  expand(id: string, plan: LevelPlan): Promise<Fragment> {
    return this.fallback.load({ id, levels: JSON.stringify(plan.toParam()) });
  }

  private async runRaw(root: string, params: Record<string, unknown>, levels: unknown[]): Promise<PlannedResult> {
    const query = apiReadText(root, levels.length > 0);
    const result = await this.db.read((tx) => tx.run(query, cypherParams({ ...params, levels, frontierCap: FRONTIER_CAP }) as Record<string, unknown>));
    const rec = result.records[0];
    if (!rec) return { fragment: new Fragment({}), rootIds: [], rootRelIds: [] };
    const fragment = Fragment.fromRecord({ nodes: rec.get('nodes'), rels: rec.get('rels'), hops: rec.get('hops'), meta: rec.get('meta') });
    return { fragment, rootIds: rec.get('rootIds') as string[], rootRelIds: rec.get('rootRelIds') as string[] };
  }
}
