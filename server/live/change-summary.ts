import type { ChangedIdsModel } from './live-seed.ts';

export interface ChangeCounts {
  entities: ChangedIdsModel;
  relations: ChangedIdsModel;
  /** Files the change came from, relative to the project. */
  files: string[];
  ontologyChanged: boolean;
}

/** More files than this are counted ("in 5 files") rather than listed. */
const LISTED_FILES = 2;

/**
 * The sentence an explorer's toast and the server log show for one sync:
 * "2 relations added from seed/data/uk.yaml", "1 entity changed, 1 relation removed in
 * seed/data/x.yaml", "Ontology changed in seed/ontology.yaml".
 */
export function changeSummary({ entities, relations, files, ontologyChanged }: ChangeCounts): string {
  const parts: string[] = [];
  if (ontologyChanged) parts.push('ontology changed');
  const count = (n: number, one: string, many: string, verb: string) => {
    if (n > 0) parts.push(`${n.toLocaleString('en-GB')} ${n === 1 ? one : many} ${verb}`);
  };
  count(entities.created.length, 'entity', 'entities', 'added');
  count(entities.updated.length, 'entity', 'entities', 'changed');
  count(entities.removed.length, 'entity', 'entities', 'removed');
  count(relations.created.length, 'relation', 'relations', 'added');
  count(relations.updated.length, 'relation', 'relations', 'changed');
  count(relations.removed.length, 'relation', 'relations', 'removed');
  if (parts.length === 0) return 'No change';
  const onlyAdded = !ontologyChanged && parts.every((p) => p.endsWith(' added'));
  const where = files.length === 0 ? '' : files.length <= LISTED_FILES ? files.join(', ') : `${files.length.toLocaleString('en-GB')} files`;
  const text = where ? `${parts.join(', ')} ${onlyAdded ? 'from' : 'in'} ${where}` : parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
