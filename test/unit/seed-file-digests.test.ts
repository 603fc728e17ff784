import { afterEach, describe, expect, it } from 'vitest';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { seedFilesOf } from '../../server/ingest/seed-files.ts';
import { SMALL_SEED, makeSeedDir } from '../helpers/seed-fixture.ts';

let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

const SOURCES = `entities:
  - { id: wire, kind: Outlet, name: Wire, website: https://wire.example }
sources:
  ap2: { outlet: wire, url: "https://apnews.com/a", date: 2020-09-08 }
`;
const CITES = `relations:
  - us EXCLUDES huawei @ap2
`;

/** Digest by file name of a temporary seed holding `files`. */
function digests(files: Record<string, string>): Record<string, string> {
  const seed = makeSeedDir(files);
  cleanup.push(seed.remove);
  const loaded = loadSeed({ seedDir: seed.dir });
  expect(loaded.diagnostics).toEqual([]);
  return Object.fromEntries([...seedFilesOf(loaded.graph).values()].map((f) => [f.path.replace('seed/data/', ''), f.digest]));
}

describe('seed file digests', () => {
  it('one per file that declares facts, computed once per graph and independent of the order facts are listed in', () => {
    const seed = makeSeedDir({ 'a.yaml': SMALL_SEED, 'b.yaml': SOURCES, 'c.yaml': CITES });
    cleanup.push(seed.remove);
    const { graph, diagnostics } = loadSeed({ seedDir: seed.dir });
    expect(diagnostics).toEqual([]);
    const files = seedFilesOf(graph);
    expect([...files.keys()]).toEqual(['seed/data/a.yaml', 'seed/data/b.yaml', 'seed/data/c.yaml']);
    expect(seedFilesOf(graph)).toBe(files);
    const reversed = seedFilesOf({ entities: [...graph.entities].reverse(), relations: [...graph.relations].reverse() });
    expect([...reversed.values()].map((f) => [f.path, f.digest]).sort()).toEqual([...files.values()].map((f) => [f.path, f.digest]).sort());
    expect(files.get('seed/data/c.yaml')!.relations.map((r) => r.key)).toEqual(['us|EXCLUDES|huawei']);
  });

  it('change for the file whose fact changed, and for the files citing a source edited elsewhere — no other', () => {
    const base = digests({ 'a.yaml': SMALL_SEED, 'b.yaml': SOURCES, 'c.yaml': CITES });
    const renamed = digests({ 'a.yaml': SMALL_SEED.replace('name: ZTE }', 'name: ZTE Corp }'), 'b.yaml': SOURCES, 'c.yaml': CITES });
    expect(renamed['a.yaml']).not.toBe(base['a.yaml']);
    expect([renamed['b.yaml'], renamed['c.yaml']]).toEqual([base['b.yaml'], base['c.yaml']]);
    const source = digests({ 'a.yaml': SMALL_SEED, 'b.yaml': SOURCES.replace('apnews.com/a', 'apnews.com/b'), 'c.yaml': CITES });
    // b.yaml declares the source but no relation: its facts (the outlet) are unchanged.
    expect(source['a.yaml']).toBe(base['a.yaml']);
    expect(source['b.yaml']).toBe(base['b.yaml']);
    expect(source['c.yaml']).not.toBe(base['c.yaml']);
    const comment = digests({ 'a.yaml': SMALL_SEED, 'b.yaml': SOURCES, 'c.yaml': `${CITES}# reviewed\n` });
    expect(comment).toEqual(base);
  });
});
