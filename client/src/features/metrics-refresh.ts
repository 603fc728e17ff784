/**
 * Keeps the metrics of drawn entities current. A seed change moves PageRank, betweenness and
 * communities across the whole graph, while a live update re-reads only the entities it
 * touches; so after every new version (OntologyState is refreshed with each one) the metrics of
 * everything drawn are read in one request and written in place, as no undo step, which
 * restyles "size by" / "colour by" and the legend.
 */
import type { GraphQLClient } from '../api/graphql-client.ts';
import { ENTITY_METRICS, type EntityMetrics, type EntitySummary } from '../api/operations.ts';
import type { Explorer } from '../graph/explorer.ts';
import type { OntologyState } from '../graph/ontology-state.ts';
import type { Feedback } from './feedback.ts';

export class MetricsRefresh {
  constructor(
    private readonly api: Pick<GraphQLClient, 'request'>,
    private readonly explorer: Explorer,
    ontology: OntologyState,
    private readonly feedback: Pick<Feedback, 'report'>,
  ) {
    ontology.subscribe(() => void this.refresh());
  }

  /** Reads the metrics of every drawn entity and writes those that changed. */
  async refresh(): Promise<void> {
    const view = this.explorer.view;
    const ids = view.entityIds();
    if (ids.length === 0) return;
    try {
      const { subgraph } = await this.api.request(ENTITY_METRICS, { ids });
      await this.explorer.run(
        'Refresh metrics',
        async () => {
          const changed = changedMetrics(view.cache.entities, subgraph.nodes).filter((e) => view.has(e.id));
          if (changed.length === 0) return;
          view.applyExternalChange({
            removeEntities: [],
            removeRelations: [],
            updateEntities: changed,
            updateRelations: [],
            addEntities: [],
            addRelations: [],
            highlight: [],
          });
        },
        { quiet: true },
      );
    } catch (error) {
      this.feedback.report(error, 'Refresh metrics');
    }
  }
}

/** The cached entities whose metrics differ from `fresh`, with the new metrics. */
export function changedMetrics(
  cache: ReadonlyMap<string, EntitySummary>,
  fresh: ReadonlyArray<{ id: string; metrics: EntityMetrics | null }>,
): EntitySummary[] {
  const out: EntitySummary[] = [];
  for (const { id, metrics } of fresh) {
    const cached = cache.get(id);
    if (!cached || sameMetrics(cached.metrics ?? null, metrics)) continue;
    out.push({ ...cached, metrics });
  }
  return out;
}

function sameMetrics(a: EntityMetrics | null, b: EntityMetrics | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.degree === b.degree &&
    a.inDegree === b.inDegree &&
    a.outDegree === b.outDegree &&
    a.pageRank === b.pageRank &&
    a.betweenness === b.betweenness &&
    a.community === b.community
  );
}
