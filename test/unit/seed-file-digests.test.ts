import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { relationHash } from '../../server/ingest/seed-diff.ts';
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

  it('reuse the last digest of a file whose bytes, cited sources and ontology are unchanged, without reading its facts', () => {
    const seed = makeSeedDir({ 'a.yaml': SMALL_SEED, 'b.yaml': SOURCES, 'c.yaml': CITES });
    cleanup.push(seed.remove);
    const load = () => {
      const loaded = loadSeed({ seedDir: seed.dir });
      expect(loaded.diagnostics).toEqual([]);
      return loaded.graph;
    };
    const digestOf = (graph: ReturnType<typeof load>) => seedFilesOf(graph).get('seed/data/c.yaml')!.digest;
    const base = digestOf(load());
    // A fact changed in memory behind the files' back: only a digest read from the facts sees it.
    const tampered = () => {
      const graph = load();
      const r = graph.relations.find((x) => x.at.file === 'seed/data/c.yaml')!;
      r.evidence = [{ ...r.evidence[0]!, quote: 'changed in memory' }];
      return graph;
    };
    expect(digestOf(tampered())).toBe(base);
    const noInputs = tampered();
    delete noInputs.inputs;
    expect(digestOf(noInputs)).not.toBe(base);
    // Each input, changed without changing c.yaml's facts, makes them be read again.
    expect(digestOf(load())).toBe(base);
    seed.write('b.yaml', `${SOURCES}  unused: { outlet: wire, url: "https://wire.example/u", date: 2021-01-01 }\n`);
    expect(digestOf(tampered())).not.toBe(base);
    seed.write('b.yaml', SOURCES);
    expect(digestOf(load())).toBe(base);
    const ontology = join(seed.dir, 'ontology.yaml');
    writeFileSync(ontology, `${readFileSync(ontology, 'utf8')}\n# reviewed\n`);
    expect(digestOf(tampered())).not.toBe(base);
  });

  it('hand the diff each relation’s hash, in the file’s order, when they were made from them', () => {
    // Bytes no other test loads, so no digest of theirs is reused (the hashes come with a computed one).
    const seed = makeSeedDir({ 'a.yaml': `# hashes\n${SMALL_SEED}`, 'b.yaml': `# hashes\n${CITES}`, 'c.yaml': SOURCES });
    cleanup.push(seed.remove);
    const loaded = loadSeed({ seedDir: seed.dir });
    expect(loaded.diagnostics).toEqual([]);
    const files = [...seedFilesOf(loaded.graph).values()].filter((f) => f.relations.length > 0);
    expect(files.length).toBe(2);
    for (const f of files) expect(f.relationHashes).toEqual(f.relations.map(relationHash));
  });
});
