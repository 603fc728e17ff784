import { afterEach, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../server/ingest/diagnostics.ts';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { SMALL_SEED, makeSeedDir } from '../helpers/seed-fixture.ts';

let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

function check(files: Record<string, string>): string[] {
  const seed = makeSeedDir(files);
  cleanup.push(seed.remove);
  return loadSeed({ seedDir: seed.dir }).diagnostics.map(formatDiagnostic);
}

describe('seed validation', () => {
  it('accepts a valid seed and builds the graph', () => {
    const seed = makeSeedDir({ 'a.yaml': SMALL_SEED });
    cleanup.push(seed.remove);
    const loaded = loadSeed({ seedDir: seed.dir });
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.graph.entities.map((e) => e.id)).toContain('huawei');
    const office = loaded.graph.relations.find((r) => r.type === 'HOLDS_OFFICE')!;
    expect(office).toMatchObject({ from: 'mike-pompeo', to: 'us', since: '2018-04-26', until: '2021-01-20', properties: { role: 'Secretary of State' } });
    expect(office.evidence[0]).toEqual({
      outlet: 'ap-news',
      url: 'https://apnews.com/article/clean-network',
      date: '2020-09-08',
      quote: 'seeks to exclude Chinese telecommunications companies like Huawei and ZTE',
    });
    expect(office.at).toEqual({ file: 'seed/data/a.yaml', line: 24, column: 5 });
  });

  it('suggests the id that was meant', () => {
    const errors = check({ 'a.yaml': SMALL_SEED.replace('clean-network EXCLUDES zte @ap', 'clean-network EXCLUDES huawai @ap') });
    expect(errors).toEqual(['seed/data/a.yaml:18:28: unknown entity id "huawai" (did you mean "huawei"?)']);
  });
});
