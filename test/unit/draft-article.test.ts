import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../server/ingest/diagnostics.ts';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { draftFromText } from '../../server/draft/draft-from-text.ts';
import { knownGraphFromSeed } from '../../server/draft/known-graph.ts';
import { PROJECT_ROOT, SEED_DIR } from '../helpers/seed-fixture.ts';

const seed = loadSeed({ seedDir: SEED_DIR });
const ontology = seed.ontology!;
const graph = knownGraphFromSeed(seed.graph);
const ARTICLE = readFileSync(join(PROJECT_ROOT, '..', 'shared', 'domain', 'article.txt'), 'utf8');
const UK_ARTICLE = readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'draft-uk-5g.txt'), 'utf8');

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

/** Diagnostics of the real seed with the draft saved beside it as seed/data/draft.yaml. */
function checkMerged(yaml: string): string[] {
  const root = mkdtempSync(join(tmpdir(), 'splinternet-draft-'));
  temps.push(root);
  cpSync(SEED_DIR, join(root, 'seed'), { recursive: true });
  writeFileSync(join(root, 'seed', 'data', 'draft.yaml'), yaml);
  return loadSeed({ seedDir: join(root, 'seed') }).diagnostics.map(formatDiagnostic);
}

describe('the article the project was made from', () => {
  const draft = draftFromText(ARTICLE, graph, ontology, { date: '2020-09-08', url: 'https://example.org/article' });

  it.each([
    ['Huawei', 'huawei'],
    ['ZTE', 'zte'],
    ['TikTok', 'tiktok'],
    ['Bytedance’s', 'bytedance'],
    ['WeChat', 'wechat'],
    ['Tencent’s', 'tencent'],
    ['Wang Yi', 'wang-yi'],
    ['Mike Pompeo', 'mike-pompeo'],
    ['Clean Network', 'clean-network'],
    ['Global Initiative on Data Security', 'global-initiative-on-data-security'],
    ['Great Firewall', 'great-firewall'],
    ['AP News', 'ap-news'],
    ['Reuters', 'reuters'],
    ['Wall Street Journal', 'wsj'],
    ['WSJ', 'wsj'],
  ])('resolves %s to %s', (surface, id) => {
    const m = draft.mentions.find((x) => x.text.includes(surface) && x.entityId === id);
    expect(m, `${surface} in ${draft.mentions.map((x) => `${x.text}→${x.entityId}`).join(', ')}`).toBeDefined();
    expect(['NAME', 'ALIAS', 'INFLECTION']).toContain(m!.resolution);
  });

  it.each([
    ['clean-network', 'EXCLUDES', 'huawei', 'ap-news'],
    ['clean-network', 'EXCLUDES', 'zte', 'ap-news'],
    ['bytedance', 'OWNS', 'tiktok', 'ap-news'],
    ['tencent', 'OWNS', 'wechat', 'ap-news'],
    ['great-firewall', 'RESTRICTS', 'twitter', 'reuters'],
    ['great-firewall', 'RESTRICTS', 'facebook', 'reuters'],
    ['great-firewall', 'RESTRICTS', 'google', 'reuters'],
    ['global-initiative-on-data-security', 'PROPOSED_BY', 'wang-yi', 'ap-news'],
  ])('proposes %s %s %s (or marks it known), from %s', (from, type, to, outlet) => {
    const r = draft.relations.find((x) => x.from === from && x.type === type && x.to === to);
    expect(r, draft.relations.map((x) => x.id).join('\n')).toBeDefined();
    expect(r!.outlet).toBe(outlet);
    expect(r!.date).toBe('2020-09-08');
    expect(r!.url).toBe('https://example.org/article');
    // Verbatim: the quote stands in the article as it is.
    expect(ARTICLE).toContain(r!.quote);
    const seeded = seed.graph.relations.find((x) => x.from === from && x.type === type && x.to === to)!;
    expect(r!.known).toEqual({ relationId: seeded.key, seedFile: seeded.at.file, seedLine: seeded.at.line });
  });

  it('writes a review YAML that validates with the whole seed', () => {
    expect(draft.yaml).toMatch(/# review: ".*" \(sentence \d+\)/);
    expect(draft.yaml).toMatch(/# already known \(seed\/data\/clean-network\.yaml:\d+\): clean-network EXCLUDES huawei; add to its evidence:/);
    expect(checkMerged(draft.yaml)).toEqual([]);
  });
});

describe('an article on another topic (general English)', () => {
  const draft = draftFromText(UK_ARTICLE, graph, ontology, { outlet: 'hindustan-times' });

  it('splits its sentences around "Dr." and takes the date from the text', () => {
    expect(draft.sentences.map((s) => s.text)).toContain(
      'Dr. Jane Smith of the Royal United Services Institute said the move "will slow the rollout by two or three years."',
    );
    expect(draft.warnings).toContain("date 2020-07-14 taken from the text ('July 14, 2020')");
  });

  it('finds what it states, from whom, and not what it denies', () => {
    const ex = draft.relations.find((r) => r.from === 'uk' && r.type === 'EXCLUDES' && r.to === 'huawei')!;
    expect(ex).toMatchObject({ outlet: 'hindustan-times', outletReason: 'the outlet given with the text', date: '2020-07-14', known: null });
    expect(draft.relations.some((r) => r.type === 'OWNS' && r.from === 'huawei')).toBe(false);
  });

  it('proposes the people and organisations the graph lacks, a title as the office', () => {
    const byName = new Map(draft.entities.map((e) => [e.name, e]));
    expect(byName.get('Oliver Dowden')).toMatchObject({ id: 'oliver-dowden', kind: 'Official', properties: [{ name: 'office', value: 'Culture Secretary' }] });
    expect(byName.get('Jane Smith')?.kind).toBe('Person');
    expect(byName.get('Royal United Services Institute')?.kind).toBe('Organization');
    expect(byName.get('ASML Holding')?.kind).toBe('Company');
    expect(byName.get('Vodafone')?.kind).toBe('Company');
    // Known ones are resolved, not proposed again.
    expect(byName.has('Huawei')).toBe(false);
    expect(draft.mentions.find((m) => m.text === 'Britain')?.entityId).toBe('uk');
  });

  it('writes a review YAML that validates with the whole seed', () => {
    expect(checkMerged(draft.yaml)).toEqual([]);
  });
});

describe('bounds', () => {
  it('stops reading at its time limit and says so, rather than running on', () => {
    const d = draftFromText(ARTICLE, graph, ontology, { date: '2020-09-08', timeLimitMs: 0 });
    expect(d.warnings.some((w) => /stopped after 0 of \d+ sentences/.test(w))).toBe(true);
    expect(d.relations).toEqual([]);
  });

  it('refuses more than 200 000 characters before reading any', () => {
    expect(() => draftFromText('x'.repeat(200_001), graph, ontology)).toThrow('text: at most 200000 characters, got 200001');
  });
});

describe('npm run seed:draft', () => {
  it('writes the review YAML to --out and nothing else, and refuses a missing file', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'splinternet-draft-out-')), 'draft.yaml');
    temps.push(dirname(out));
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'server', 'draft', 'cli.ts'), ...args], { encoding: 'utf8' });
    const ok = run([join(PROJECT_ROOT, 'test', 'fixtures', 'draft-uk-5g.txt'), '--outlet', 'reuters', '--url', 'https://example.org/uk', '--out', out]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/draft\.yaml: \d+ new entities, \d+ new relations, \d+ already known/);
    const yaml = readFileSync(out, 'utf8');
    expect(yaml).toContain('  - id: oliver-dowden');
    expect(yaml).toContain('    url: "https://example.org/uk"');
    expect(checkMerged(yaml)).toEqual([]);
    const missing = run(['/nonexistent/article.txt']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('/nonexistent/article.txt: no such file');
  }, 60_000);
});
