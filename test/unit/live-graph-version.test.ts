import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { graphVersion, ontologyFingerprint } from '../../server/live/graph-version.ts';
import { SMALL_SEED, makeSeedDir } from '../helpers/seed-fixture.ts';

let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

/** The version of a temporary seed holding `files`, after `edit` of its folder. */
function versionOf(files: Record<string, string>, edit?: (dir: string) => void): string {
  const seed = makeSeedDir(files);
  cleanup.push(seed.remove);
  edit?.(seed.dir);
  const loaded = loadSeed({ seedDir: seed.dir });
  expect(loaded.diagnostics).toEqual([]);
  return graphVersion(loaded.graph, loaded.ontology!);
}

const EXTRA = `relations:\n  - us EXCLUDES huawei @ap\n`;

describe('graph version', () => {
  it('is 12 hex characters, the same for the same content in another folder (another process)', () => {
    const a = versionOf({ 'a.yaml': SMALL_SEED });
    expect(a).toMatch(/^[0-9a-f]{12}$/);
    expect(versionOf({ 'a.yaml': SMALL_SEED })).toBe(a);
  });

  it('does not depend on the order the graph lists its facts in', () => {
    const seed = makeSeedDir({ 'a.yaml': SMALL_SEED });
    cleanup.push(seed.remove);
    const { graph, ontology } = loadSeed({ seedDir: seed.dir });
    const reversed = { entities: [...graph.entities].reverse(), relations: [...graph.relations].reverse() };
    expect(graphVersion(reversed, ontology!)).toBe(graphVersion(graph, ontology!));
  });

  it('changes with a fact: an added relation, a changed quote', () => {
    const base = versionOf({ 'a.yaml': SMALL_SEED });
    expect(versionOf({ 'a.yaml': SMALL_SEED + `  - us EXCLUDES huawei @ap\n` })).not.toBe(base);
    expect(versionOf({ 'a.yaml': SMALL_SEED.replace('unveiled by Secretary', 'announced by Secretary') })).not.toBe(base);
  });

  it('changes when a fact moves to another file or line (its provenance), not for a trailing comment', () => {
    const base = versionOf({ 'a.yaml': SMALL_SEED, 'b.yaml': EXTRA });
    expect(versionOf({ 'a.yaml': SMALL_SEED, 'c.yaml': EXTRA })).not.toBe(base);
    expect(versionOf({ 'a.yaml': SMALL_SEED, 'b.yaml': `\n${EXTRA}` })).not.toBe(base);
    expect(versionOf({ 'a.yaml': SMALL_SEED, 'b.yaml': `${EXTRA}# reviewed\n` })).toBe(base);
  });

  it('changes with the ontology (a colour), and the ontology fingerprint with it', () => {
    const recolour = (dir: string) => {
      const path = join(dir, 'ontology.yaml');
      writeFileSync(path, readFileSync(path, 'utf8').replace('color: "#4e79a7"', 'color: "#123456"'));
    };
    expect(versionOf({ 'a.yaml': SMALL_SEED }, recolour)).not.toBe(versionOf({ 'a.yaml': SMALL_SEED }));
    const plain = makeSeedDir({ 'a.yaml': SMALL_SEED });
    const other = makeSeedDir({ 'a.yaml': SMALL_SEED });
    cleanup.push(plain.remove, other.remove);
    recolour(other.dir);
    const fp = (dir: string) => ontologyFingerprint(loadSeed({ seedDir: dir }).ontology!);
    expect(fp(plain.dir)).not.toBe(fp(other.dir));
    expect(fp(plain.dir)).toBe(fp(plain.dir));
  });
});
