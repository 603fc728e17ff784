import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { makeSeedDir, SMALL_SEED } from '../helpers/seed-fixture.ts';

const seed = makeSeedDir({ 'small.yaml': SMALL_SEED, 'b.yaml': 'relations:\n  - clean-network EXCLUDES zte @ap\n'.replace('zte', 'huawei') });
afterAll(() => seed.remove());
const root = join(seed.dir, '..');

describe('loadSeed overrides (the write API validates an edit before writing it)', () => {
  it('without overrides reads the disk', () => {
    const r = loadSeed({ seedDir: seed.dir, displayRoot: root });
    expect(r.files).toEqual(['seed/data/b.yaml', 'seed/data/small.yaml']);
    expect(r.diagnostics.map((d) => d.message)).toEqual(['duplicate relation clean-network EXCLUDES huawei']);
  });

  it('replaces a text, deletes a file and adds a new one, in the order the disk would list them', () => {
    const overrides = new Map<string, string | null>([
      [join(seed.dir, 'data', 'b.yaml'), null],
      [join(seed.dir, 'data', 'a', 'new.yaml'), 'relations:\n  - us PLANS_TO_BAN huawei @ap\n'],
      [join(seed.dir, 'data', 'small.yaml'), SMALL_SEED.replace('name: ZTE', 'name: ZTE Corporation')],
    ]);
    const r = loadSeed({ seedDir: seed.dir, displayRoot: root, overrides });
    expect(r.diagnostics).toEqual([]);
    expect(r.files).toEqual(['seed/data/a/new.yaml', 'seed/data/small.yaml']);
    expect(r.graph.entities.find((e) => e.id === 'zte')!.name).toBe('ZTE Corporation');
    expect(r.graph.relations.find((x) => x.key === 'us|PLANS_TO_BAN|huawei')!.at).toEqual({ file: 'seed/data/a/new.yaml', line: 2, column: 5 });
  });

  it('reports an overridden text like a file on disk', () => {
    const overrides = new Map([[join(seed.dir, 'data', 'b.yaml'), 'relations:\n  - clean-network EXCLUDES huawai @ap\n']]);
    const r = loadSeed({ seedDir: seed.dir, displayRoot: root, overrides });
    expect(r.diagnostics).toEqual([{ file: 'seed/data/b.yaml', line: 2, column: 28, message: 'unknown entity id "huawai"', hint: 'did you mean "huawei"?' }]);
  });
});
