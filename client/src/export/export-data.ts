/**
 * What an export contains: the entities and relations visible in the view (filters applied),
 * with the full records from the cache. Shared by the JSON and CSV exports.
 */
import type { Core } from 'cytoscape';
import type { EntitySummary } from '../api/operations.ts';
import type { CachedRelation, EntityCache } from '../graph/entity-cache.ts';

export interface ExportData {
  entities: EntitySummary[];
  relations: CachedRelation[];
}

/** The visible part of the drawing, as full records. */
export function collectExportData(cy: Core, cache: EntityCache): ExportData {
  const entities: EntitySummary[] = [];
  cy.nodes().forEach((n) => {
    if (n.hasClass('filtered')) return;
    const entity = cache.entities.get(n.id());
    if (entity) entities.push(entity);
  });
  const relations: CachedRelation[] = [];
  cy.edges().forEach((e) => {
    if (e.hasClass('filtered') || e.source().hasClass('filtered') || e.target().hasClass('filtered')) return;
    const relation = cache.relations.get(e.id());
    if (relation) relations.push(relation);
  });
  return { entities, relations };
}
