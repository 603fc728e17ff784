import { describe, expect, it } from 'vitest';
import type { EntityRow, RelationRow, SeedDiff } from '../../server/ingest/seed-diff.ts';
import type { SeedRelation } from '../../server/ingest/seed-model.ts';
import { changeSummary } from '../../server/live/change-summary.ts';
import { graphChange } from '../../server/live/graph-change.ts';

const ids = (created: string[] = [], updated: string[] = [], removed: string[] = []) => ({ created, updated, removed });

describe('change summary', () => {
  it('says what was added and where, for people', () => {
    expect(changeSummary({ entities: ids(), relations: ids(['a', 'b']), files: ['seed/data/uk.yaml'], ontologyChanged: false })).toBe(
      '2 relations added from seed/data/uk.yaml',
    );
    expect(changeSummary({ entities: ids(['x']), relations: ids(['a']), files: ['seed/data/uk.yaml'], ontologyChanged: false })).toBe(
      '1 entity added, 1 relation added from seed/data/uk.yaml',
    );
  });

  it('mixed changes read "in", singular and plural agree, long file lists are counted', () => {
    expect(changeSummary({ entities: ids([], ['x']), relations: ids([], [], ['r']), files: ['seed/data/x.yaml'], ontologyChanged: false })).toBe(
      '1 entity changed, 1 relation removed in seed/data/x.yaml',
    );
    expect(changeSummary({ entities: ids([], [], ['x', 'y']), relations: ids(), files: ['a', 'b'], ontologyChanged: false })).toBe(
      '2 entities removed in a, b',
    );
    const many = Array.from({ length: 1234 }, (_, i) => `r${i}`);
    expect(changeSummary({ entities: ids(), relations: ids(many), files: ['a', 'b', 'c'], ontologyChanged: false })).toBe('1,234 relations added from 3 files');
  });

  it('names an ontology change first, and "No change" when there is none', () => {
    expect(changeSummary({ entities: ids(), relations: ids(), files: ['seed/ontology.yaml'], ontologyChanged: true })).toBe(
      'Ontology changed in seed/ontology.yaml',
    );
    expect(changeSummary({ entities: ids(), relations: ids(), files: [], ontologyChanged: false })).toBe('No change');
  });
});

const at = (file: string) => ({ file, line: 1, column: 1 });
const entityRow = (id: string, file: string, oldFile: string | null): EntityRow => ({
  id,
  kind: 'Country',
  oldKind: null,
  oldFile,
  props: { id, seedFile: file },
});
const relationRow = (key: string, file: string, oldFile: string | null): RelationRow => {
  const [from = '', type = '', to = ''] = key.split('|');
  return { key, from, type, to, hash: 'h', oldFile, relation: { key, from, type, to, at: at(file) } as SeedRelation };
};

describe('graph change', () => {
  it('lists ids by what happened to them and every file involved, old and new', () => {
    const diff: SeedDiff = {
      entities: {
        create: [entityRow('uk', 'seed/data/uk.yaml', null)],
        update: [entityRow('us', 'seed/data/b.yaml', 'seed/data/a.yaml')],
        remove: [{ id: 'zte', file: 'seed/data/c.yaml' }],
        unchanged: 3,
      },
      relations: {
        create: [relationRow('uk|EXCLUDES|huawei', 'seed/data/uk.yaml', null)],
        update: [],
        remove: [{ key: 'zte|OWNS|x|2020', from: 'zte', to: 'x', file: 'seed/data/c.yaml' }],
        unchanged: 9,
      },
    };
    const change = graphChange({ diff, version: 'v2', previousVersion: 'v1', ontologyChanged: false, ontologyFile: 'seed/ontology.yaml' });
    expect(change).toEqual({
      version: 'v2',
      previousVersion: 'v1',
      files: ['seed/data/a.yaml', 'seed/data/b.yaml', 'seed/data/c.yaml', 'seed/data/uk.yaml'],
      entities: { created: ['uk'], updated: ['us'], removed: ['zte'] },
      relations: { created: ['uk|EXCLUDES|huawei'], updated: [], removed: ['zte|OWNS|x|2020'] },
      ontologyChanged: false,
      summary: '1 entity added, 1 entity changed, 1 entity removed, 1 relation added, 1 relation removed in 4 files',
    });
  });

  it('names the ontology file when the ontology changed', () => {
    const empty: SeedDiff = { entities: { create: [], update: [], remove: [], unchanged: 1 }, relations: { create: [], update: [], remove: [], unchanged: 1 } };
    const change = graphChange({ diff: empty, version: 'v2', previousVersion: null, ontologyChanged: true, ontologyFile: 'seed/ontology.yaml' });
    expect(change.files).toEqual(['seed/ontology.yaml']);
    expect(change.summary).toBe('Ontology changed in seed/ontology.yaml');
  });
});
