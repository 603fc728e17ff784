import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDiagnostic } from '../../server/ingest/diagnostics.ts';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { parseOntology } from '../../server/ingest/ontology.ts';
import { parseYamlSeed } from '../../server/ingest/parse-yaml-seed.ts';
import { validateSeed } from '../../server/ingest/validate-seed.ts';
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
      stance: 'supports',
      disputedBy: [],
    });
    expect(office.at).toEqual({ file: 'seed/data/a.yaml', line: 24, column: 5 });
  });

  it('shares one frozen empty list and property object among the facts that have none, so no holder can change another', () => {
    const seed = makeSeedDir({ 'a.yaml': SMALL_SEED });
    cleanup.push(seed.remove);
    const { relations } = loadSeed({ seedDir: seed.dir }).graph;
    const bare = relations.filter((r) => Object.keys(r.properties).length === 0);
    expect(bare.length).toBeGreaterThan(1);
    expect(new Set(bare.map((r) => r.properties)).size).toBe(1);
    expect(() => Object.assign(bare[0]!.properties, { role: 'x' })).toThrow(TypeError);
    const undisputed = relations.flatMap((r) => r.evidence).filter((e) => e.disputedBy.length === 0);
    expect(() => undisputed[0]!.disputedBy.push('huawei')).toThrow(TypeError);
  });

  it('suggests the id that was meant', () => {
    const errors = check({ 'a.yaml': SMALL_SEED.replace('clean-network EXCLUDES zte @ap', 'clean-network EXCLUDES huawai @ap') });
    expect(errors).toEqual(['seed/data/a.yaml:18:28: unknown entity id "huawai" (did you mean "huawei"?)']);
  });

  it('refuses a relation from an entity to itself, at its to id', () => {
    const errors = check({ 'a.yaml': SMALL_SEED.replace('clean-network EXCLUDES zte @ap', 'huawei OWNS huawei @ap') });
    expect(errors).toEqual([
      'seed/data/a.yaml:18:17: OWNS from huawei to itself (a relation links two entities; if OWNS may loop, set selfRelations: true on it in the ontology)',
    ]);
  });

  it('accepts a self-relation where the ontology marks its type selfRelations: true, and refuses a malformed flag', () => {
    const seed = makeSeedDir({ 'a.yaml': SMALL_SEED.replace('clean-network EXCLUDES zte @ap', 'huawei OWNS huawei @ap') });
    cleanup.push(seed.remove);
    const ontology = readFileSync(join(seed.dir, 'ontology.yaml'), 'utf8');
    writeFileSync(join(seed.dir, 'ontology.yaml'), ontology.replace('    phrase: owns\n', '    phrase: owns\n    selfRelations: true\n'));
    const loaded = loadSeed({ seedDir: seed.dir });
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.graph.relations.some((r) => r.from === 'huawei' && r.type === 'OWNS' && r.to === 'huawei')).toBe(true);
    writeFileSync(join(seed.dir, 'ontology.yaml'), ontology.replace('    phrase: owns\n', '    phrase: owns\n    selfRelations: "yes"\n'));
    expect(loadSeed({ seedDir: seed.dir }).diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^seed\/ontology\.yaml:\d+:20: OWNS\.selfRelations must be true or false, not /),
    ]);
  });

  it('refuses an evidence publication date in the future, partial dates by their first day', () => {
    const dated = (date: string) =>
      check({
        'a.yaml': SMALL_SEED.replace(
          'quote: unveiled by Secretary of State Mike Pompeo, date: 2020-09-08',
          `quote: unveiled by Secretary of State Mike Pompeo, date: ${date}`,
        ),
      });
    for (const date of ['2999', '2999-01', '2999-01-01']) {
      const errors = dated(date);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(
        new RegExp(
          `^seed/data/a\\.yaml:23:91: date: publication date ${date} is in the future \\(today is \\d{4}-\\d{2}-\\d{2}\\) \\(the date the outlet published it, not of the event\\)$`,
        ),
      );
    }
    // In a source too, at its line and column.
    expect(check({ 'a.yaml': SMALL_SEED.replace('    date: 2020-09-08\n', '    date: 2999-01-01\n') })[0]).toMatch(
      /^seed\/data\/a\.yaml:14:11: date: publication date 2999-01-01 is in the future/,
    );
  });

  it('compares a partial date with today sensibly: this year and this month are not the future', () => {
    const seed = makeSeedDir({});
    cleanup.push(seed.remove);
    const ontology = parseOntology('seed/ontology.yaml', readFileSync(join(seed.dir, 'ontology.yaml'), 'utf8'));
    const withDate = (date: string) => {
      const raw = parseYamlSeed('seed/data/a.yaml', SMALL_SEED.replace('    date: 2020-09-08\n', `    date: ${date}\n`));
      return validateSeed(ontology, [raw], { today: '2026-06-15' }).diagnostics.map(formatDiagnostic);
    };
    expect(withDate('2026')).toEqual([]);
    expect(withDate('2026-06')).toEqual([]);
    expect(withDate('2026-06-15')).toEqual([]);
    expect(withDate('2026-06-16')).toEqual([
      'seed/data/a.yaml:14:11: date: publication date 2026-06-16 is in the future (today is 2026-06-15) (the date the outlet published it, not of the event)',
    ]);
    expect(withDate('2026-07')).toEqual([
      'seed/data/a.yaml:14:11: date: publication date 2026-07 is in the future (today is 2026-06-15) (the date the outlet published it, not of the event)',
    ]);
    expect(withDate('2027')).toEqual([
      'seed/data/a.yaml:14:11: date: publication date 2027 is in the future (today is 2026-06-15) (the date the outlet published it, not of the event)',
    ]);
  });

  it("names an invisible U+FEFF inside a short-form relation's source id, and the id it probably means", () => {
    const errors = check({ 'a.yaml': SMALL_SEED.replace('clean-network EXCLUDES zte @ap', 'clean-network EXCLUDES zte @a\ufeffp') });
    expect(errors).toEqual(['seed/data/a.yaml:18:32: unknown source "a\ufeffp" (contains the invisible character U+FEFF; did you mean "ap"?)']);
  });

  it("names an invisible U+FEFF inside a short-form relation's entity id", () => {
    const errors = check({ 'a.yaml': SMALL_SEED.replace('clean-network EXCLUDES zte @ap', 'clean-network EXCLUDES z\ufeffte @ap') });
    expect(errors).toEqual([
      'seed/data/a.yaml:18:28: relation to "z\ufeffte" is not a valid id (contains the invisible character U+FEFF; did you mean "zte"?)',
    ]);
  });

  it('a short form it cannot read still names a look-alike character in it', () => {
    const errors = check({ 'a.yaml': SMALL_SEED.replace('clean-network EXCLUDES zte @ap', 'clean-network EXCLUDES\u200bzte') });
    expect(errors).toEqual([
      'seed/data/a.yaml:18:5: cannot read relation "clean-network EXCLUDES\u200bzte" (contains the invisible character U+200B; the short form is "from TYPE to @source")',
    ]);
  });
});
