import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { authoringClient, readTree, SEED_EDIT } from '../helpers/authoring-client.ts';
import { PROJECT_ROOT } from '../helpers/seed-fixture.ts';
import { openTestDatabase, resetDatabase } from '../helpers/test-database.ts';
import { copySeedDir, testLiveSeed } from '../helpers/test-live-seed.ts';

// draftFromText and saveDraft against the real Neo4j, on a temporary copy of the real seed.
let db: Database;
let copy: ReturnType<typeof copySeedDir>;
let api: ReturnType<typeof authoringClient>;

const ARTICLE = readFileSync(join(PROJECT_ROOT, '..', 'shared', 'domain', 'article.txt'), 'utf8');
const DRAFT = `query($text: String!, $outlet: ID, $date: Date, $url: String) {
  draftFromText(text: $text, outlet: $outlet, date: $date, url: $url) {
    sentences { index span { start end } text }
    mentions { text span { start end } sentence resolution entityId candidates explanation }
    entities { id kind name properties { name value } confidence mentions }
    relations { id from type to phrase cue cueSpan { start end } sentence quote confidence notes outlet outletReason date url
      known { relationId seedFile seedLine } properties { name value } }
    yaml warnings
  }
}`;
const SAVE = `mutation($input: DraftSaveInput!, $o: EditOptions) { saveDraft(input: $input, options: $o) { ${SEED_EDIT} } }`;

/** What Neo4j holds, to prove a draft changes nothing there. */
async function graphState(): Promise<string> {
  return db.read(async (tx) => {
    const r = await tx.run('MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS n, count(r) AS r, collect(DISTINCT r.seedHash)[0..500] AS h');
    return JSON.stringify(r.records[0]!.toObject());
  });
}

async function evidenceQuotes(from: string, type: string, to: string): Promise<string[]> {
  return db.read(async (tx) => {
    const r = await tx.run('MATCH (:Entity {id: $from})-[r]->(:Entity {id: $to}) WHERE type(r) = $type RETURN r.evidenceQuotes AS q', { from, type, to });
    return (r.records[0]?.get('q') as string[] | undefined) ?? [];
  });
}

beforeAll(() => {
  db = openTestDatabase();
});

beforeEach(async () => {
  copy?.remove();
  copy = copySeedDir();
  await resetDatabase(db);
  const live = testLiveSeed(db, copy.seedDir, copy.root);
  await live.syncNow();
  api = authoringClient(db, live);
});

afterAll(async () => {
  copy?.remove();
  await db.close();
});

describe('draftFromText', () => {
  it('drafts the article against the graph Neo4j holds, and writes nothing', async () => {
    const files = readTree(copy.seedDir);
    const before = await graphState();
    const r = await api.query(DRAFT, { text: ARTICLE, date: '2020-09-08', url: 'https://example.org/a' });
    expect(r.errors).toBeUndefined();
    const d = r.data!.draftFromText;
    expect(d.sentences[0]).toMatchObject({ index: 0, span: { start: 0 }, text: 'China Presents Global Security Initiative to Counter U.S. Plan' });
    const ids = new Set(d.mentions.map((m: { entityId: string | null }) => m.entityId));
    for (const id of [
      'huawei',
      'zte',
      'tiktok',
      'bytedance',
      'wechat',
      'tencent',
      'wang-yi',
      'mike-pompeo',
      'clean-network',
      'global-initiative-on-data-security',
      'great-firewall',
      'ap-news',
      'reuters',
      'wsj',
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
    for (const m of d.mentions) expect(ARTICLE.slice(m.span.start, m.span.end)).toBe(m.text);
    const ex = d.relations.find((x: { id: string }) => x.id.startsWith('clean-network|EXCLUDES|huawei|'));
    expect(ex).toMatchObject({
      from: 'clean-network',
      type: 'EXCLUDES',
      to: 'huawei',
      phrase: 'excludes',
      outlet: 'ap-news',
      date: '2020-09-08',
      url: 'https://example.org/a',
    });
    expect(ex.known.seedFile).toBe('seed/data/clean-network.yaml');
    expect(ex.known.relationId).toBe('clean-network|EXCLUDES|huawei');
    expect(ARTICLE.slice(ex.cueSpan.start, ex.cueSpan.end)).toBe(ex.cue);
    const office = d.relations.find((x: { type: string }) => x.type === 'HOLDS_OFFICE');
    expect(office.properties).toEqual([{ name: 'role', value: 'Foreign Minister' }]);
    expect(d.yaml).toContain('# already known (seed/data/clean-network.yaml:');
    // A draft writes nothing: not the seed files, not Neo4j.
    expect(await graphState()).toBe(before);
    const after = readTree(copy.seedDir);
    expect([...after.keys()]).toEqual([...files.keys()]);
    for (const [name, bytes] of after) expect(bytes.equals(files.get(name)!), name).toBe(true);
  });

  it('refuses a text over 200 000 characters with BAD_USER_INPUT, naming the argument', async () => {
    const r = await api.query(DRAFT, { text: 'x'.repeat(200_001) });
    expect(r.data).toBeNull();
    expect(r.errors![0]!.message).toBe('text: at most 200000 characters, got 200001: split the article or send its text without markup');
    expect(r.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'text' });
  });

  it('accepts HTML and says its spans refer to the extracted text', async () => {
    const r = await api.query(DRAFT, { text: '<p>According to Reuters, Tencent&#8217;s WeChat is popular.</p>', date: '2020-09-08' });
    expect(r.errors).toBeUndefined();
    const d = r.data!.draftFromText;
    expect(d.sentences[0].text).toBe('According to Reuters, Tencent’s WeChat is popular.');
    expect(d.warnings[0]).toContain('HTML');
    expect(d.relations.find((x: { type: string }) => x.type === 'OWNS')).toMatchObject({ from: 'tencent', to: 'wechat', outlet: 'reuters' });
  });
});

const NEW_OFFICIAL = { id: 'oliver-dowden', kind: 'Official', name: 'Oliver Dowden', properties: [{ name: 'office', value: 'Culture Secretary' }] };
const EVIDENCE = { outlet: 'reuters', date: '2020-07-14', quote: 'Britain banned Huawei from its 5G networks', url: 'https://example.org/uk' };
const INPUT = {
  entities: [NEW_OFFICIAL],
  relations: [{ from: 'oliver-dowden', type: 'HOLDS_OFFICE', to: 'uk', properties: [{ name: 'role', value: 'Culture Secretary' }], evidence: [EVIDENCE] }],
  evidence: [{ relationId: 'clean-network|EXCLUDES|huawei', evidence: EVIDENCE }],
  rejected: ['uk COUNTERS china: "reversing a decision it made in January"'],
};

describe('saveDraft', () => {
  it('previews the accepted candidates as one diff and writes nothing', async () => {
    const files = readTree(copy.seedDir);
    const r = await api.query(SAVE, { input: INPUT, o: { preview: true } });
    expect(r.errors).toBeUndefined();
    const edit = r.data!.saveDraft;
    expect(edit.applied).toBe(false);
    expect(edit.summary).toBe('Save draft: 1 entity, 1 relation, evidence for 1 known relation (1 rejected kept as a comment)');
    expect(edit.diff).toContain('+  - id: oliver-dowden');
    expect(edit.diff).toContain('+# Rejected draft candidates (saveDraft, ');
    expect(edit.diff).toContain('Britain banned Huawei from its 5G networks');
    const after = readTree(copy.seedDir);
    for (const [name, bytes] of after) expect(bytes.equals(files.get(name)!), name).toBe(true);
  });

  it('applies them: the new entity and relation reach Neo4j, the known relation gains the evidence instead of a duplicate', async () => {
    const before = await evidenceQuotes('clean-network', 'EXCLUDES', 'huawei');
    const r = await api.query(SAVE, { input: INPUT });
    expect(r.errors).toBeUndefined();
    const edit = r.data!.saveDraft;
    expect(edit.applied).toBe(true);
    expect(edit.entities.created).toEqual(['oliver-dowden']);
    expect(edit.relations.created).toEqual(['oliver-dowden|HOLDS_OFFICE|uk']);
    expect(edit.relations.updated).toEqual(['clean-network|EXCLUDES|huawei']);
    const quotes = await evidenceQuotes('clean-network', 'EXCLUDES', 'huawei');
    expect(quotes).toEqual([...before, 'Britain banned Huawei from its 5G networks']);
    const all = edit.files.map((f: { file: string }) => readFileSync(join(copy.root, f.file), 'utf8')).join('\n');
    expect(all).toContain('#   - uk COUNTERS china: "reversing a decision it made in January"');
  });

  it('refuses what would not validate, with diagnostics, writing nothing', async () => {
    const files = readTree(copy.seedDir);
    const bad = { relations: [{ from: 'nobody-here', type: 'OWNS', to: 'tiktok', evidence: [EVIDENCE] }] };
    const r = await api.query(SAVE, { input: bad });
    expect(r.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.message).toContain('nobody-here');
    for (const [name, bytes] of readTree(copy.seedDir)) expect(bytes.equals(files.get(name)!), name).toBe(true);
  });

  it('is a CONFLICT when a file changed since the preview', async () => {
    const preview = await api.query(SAVE, { input: INPUT, o: { preview: true } });
    const baseVersions = preview.data!.saveDraft.files.map((f: { file: string; baseVersion: string }) => ({ file: f.file, version: f.baseVersion }));
    appendFileSync(join(copy.root, baseVersions[0].file), '\n# edited by hand meanwhile\n');
    const r = await api.query(SAVE, { input: INPUT, o: { baseVersions } });
    expect(r.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT' });
  });

  it('is FORBIDDEN from a server on another address without the edit token (previews stay open)', async () => {
    const live = testLiveSeed(db, copy.seedDir, copy.root);
    const open = authoringClient(db, live, '0.0.0.0');
    const r = await open.query(SAVE, { input: INPUT });
    expect(r.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const p = await open.query(SAVE, { input: INPUT, o: { preview: true } });
    expect(p.errors).toBeUndefined();
  });
});
