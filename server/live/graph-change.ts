import type { SeedDiff } from '../ingest/seed-diff.ts';
import { changeSummary } from './change-summary.ts';
import type { GraphChangeModel } from './live-seed.ts';

export interface GraphChangeInput {
  diff: SeedDiff;
  version: string;
  previousVersion: string | null;
  ontologyChanged: boolean;
  /** The ontology's path relative to the project (named among the files when it changed). */
  ontologyFile: string;
}

/**
 * What one sync changed, by id (Entity.id; Relation.id is the relation key), with the files it
 * came from: where created and updated facts are now, and where updated and removed ones were.
 */
export function graphChange({ diff, version, previousVersion, ontologyChanged, ontologyFile }: GraphChangeInput): GraphChangeModel {
  const files = new Set<string>();
  const from = (...names: Array<string | null>) => {
    for (const name of names) if (name !== null) files.add(name);
  };
  if (ontologyChanged) from(ontologyFile);
  const entities = {
    created: diff.entities.create.map((e) => (from(String(e.props.seedFile)), e.id)),
    updated: diff.entities.update.map((e) => (from(String(e.props.seedFile), e.oldFile), e.id)),
    removed: diff.entities.remove.map((e) => (from(e.file), e.id)),
  };
  const relations = {
    created: diff.relations.create.map((r) => (from(r.relation.at.file), r.key)),
    updated: diff.relations.update.map((r) => (from(r.relation.at.file, r.oldFile), r.key)),
    removed: diff.relations.remove.map((r) => (from(r.file), r.key)),
  };
  const sorted = [...files].sort();
  return {
    version,
    previousVersion,
    files: sorted,
    entities,
    relations,
    ontologyChanged,
    summary: changeSummary({ entities, relations, files: sorted, ontologyChanged }),
  };
}
