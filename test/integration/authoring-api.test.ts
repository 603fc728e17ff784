import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffLines, formatPatch, parsePatch, reversePatch } from 'diff';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { authoringClient, readTree, SEED_EDIT } from '../helpers/authoring-client.ts';
import { openTestDatabase, resetDatabase } from '../helpers/test-database.ts';
import { copySeedDir, testLiveSeed } from '../helpers/test-live-seed.ts';

let db: Database;
let copy: ReturnType<typeof copySeedDir>;
let api: ReturnType<typeof authoringClient>;
let live: ReturnType<typeof testLiveSeed>;

const UK_EXCLUDES_HUAWEI = {
  from: 'uk',
  type: 'EXCLUDES',
  to: 'huawei',
  since: '2020-07-14',
  evidence: [
    {
      newOutlet: { id: 'bbc-news', name: 'BBC News', website: 'https://www.bbc.co.uk/news', aliases: ['BBC'] },
      url: 'https://www.bbc.co.uk/news/technology-53403793',
      date: '2020-07-14',
      quote: 'Huawei: UK bans new 5G kit purchases: "by 2027" all of its kit must be removed #5G',
    },
  ],
};
const ADD_RELATION = `mutation($r: RelationInput!, $o: EditOptions) { addRelation(relation: $r, options: $o) { ${SEED_EDIT} } }`;

async function relationCount(from: string, type: string, to: string): Promise<number> {
  return db.read(async (tx) => {
    const r = await tx.run('MATCH (:Entity {id: $from})-[r]->(:Entity {id: $to}) WHERE type(r) = $type RETURN count(r) AS n', { from, type, to });
    return Number(r.records[0]!.get('n'));
  });
}

beforeAll(async () => {
  db = openTestDatabase();
});

beforeEach(async () => {
  copy?.remove();
  copy = copySeedDir();
  await resetDatabase(db);
  live = testLiveSeed(db, copy.seedDir, copy.root);
  await live.syncNow();
  api = authoringClient(db, live);
});

afterAll(async () => {
  copy?.remove();
  await db.close();
});

describe('addRelation', () => {
  it('adds "United Kingdom EXCLUDES Huawei" with a new outlet: exactly the new lines, every other byte unchanged, loaded into Neo4j', async () => {
    const before = readTree(copy.seedDir);
    const r = await api.query(ADD_RELATION, { r: UK_EXCLUDES_HUAWEI });
    expect(r.errors).toBeUndefined();
    const edit = r.data!.addRelation;
    expect(edit.applied).toBe(true);
    expect(edit.summary).toBe('Add relation United Kingdom excludes Huawei, with new outlet BBC News');
    expect(edit.graphVersion).toMatch(/^[0-9a-f]{12}$/);
    expect(edit.entities.created).toEqual(['bbc-news']);
    expect(edit.relations).toEqual({ created: ['uk|EXCLUDES|huawei|2020-07-14'], updated: [], removed: [] });
    expect(edit.files.map((f: { file: string }) => f.file).sort()).toEqual(['seed/data/countries.yaml', 'seed/data/outlets.yaml']);

    const after = readTree(copy.seedDir);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [name, bytes] of after) {
      if (name === 'data/countries.yaml' || name === 'data/outlets.yaml') continue;
      expect(bytes.equals(before.get(name)!), name).toBe(true);
    }
    // Only additions, and exactly these lines.
    const added = (name: string) => {
      const parts = diffLines(before.get(name)!.toString('utf8'), after.get(name)!.toString('utf8'));
      expect(parts.filter((p) => p.removed)).toEqual([]);
      return parts.filter((p) => p.added).map((p) => p.value);
    };
    expect(added('data/countries.yaml')).toEqual([
      [
        '  - from: uk',
        '    type: EXCLUDES',
        '    to: huawei',
        '    since: 2020-07-14',
        '    evidence:',
        '      outlet: bbc-news',
        '      url: https://www.bbc.co.uk/news/technology-53403793',
        '      date: 2020-07-14',
        '      quote: "Huawei: UK bans new 5G kit purchases: \\"by 2027\\" all of its kit must be removed #5G"',
        '',
      ].join('\n'),
    ]);
    expect(added('data/outlets.yaml')).toEqual([
      ['', '  - id: bbc-news', '    kind: Outlet', '    name: BBC News', '    aliases: [BBC]', '    website: https://www.bbc.co.uk/news', ''].join('\n'),
    ]);
    // The response's diff is the one on disk.
    expect(edit.diff).toContain('--- a/seed/data/countries.yaml\n+++ b/seed/data/countries.yaml\n');
    expect(edit.diff).toContain('+  - from: uk\n');

    const seed = loadSeed({ seedDir: copy.seedDir, displayRoot: copy.root });
    expect(seed.diagnostics).toEqual([]);
    const rel = seed.graph.relations.find((x) => x.key === 'uk|EXCLUDES|huawei|2020-07-14')!;
    expect(rel.evidence).toEqual([
      {
        outlet: 'bbc-news',
        url: UK_EXCLUDES_HUAWEI.evidence[0]!.url,
        date: '2020-07-14',
        quote: UK_EXCLUDES_HUAWEI.evidence[0]!.quote,
        stance: 'supports',
        disputedBy: [],
      },
    ]);
    expect(await relationCount('uk', 'EXCLUDES', 'huawei')).toBe(1);
  });

  it('evidence with a stance: disputes and who disputes it is written as the seed format has it, and the relation is CONTESTED', async () => {
    const r = await api.query(ADD_RELATION, {
      r: {
        from: 'uk',
        type: 'EXCLUDES',
        to: 'zte',
        evidence: [
          { source: 'ap-clean-network-exclusions' },
          { outlet: 'reuters', date: '2020-09-09', quote: 'ZTE denies it', stance: 'DISPUTES', disputedBy: ['zte', 'china'] },
        ],
      },
      o: { file: 'seed/data/clean-network.yaml' },
    });
    expect(r.errors).toBeUndefined();
    // Written in the file's own item style (flow mappings there), stance and disputers last.
    expect(r.data!.addRelation.files[0].diff).toContain(
      '+  - { from: uk, type: EXCLUDES, to: zte, evidence: [ap-clean-network-exclusions, { outlet: reuters, date: 2020-09-09, quote: ZTE denies it, stance: disputes, disputedBy: [zte, china] }] }\n',
    );
    const q = await api.query(`{ entity(id: "uk") { relations(types: ["EXCLUDES"]) { nodes { id status evidence { stance disputedBy { id } } } } } }`);
    const rel = (q.data!.entity.relations.nodes as Array<{ id: string }>).find((n) => n.id === 'uk|EXCLUDES|zte');
    expect(rel).toEqual({
      id: 'uk|EXCLUDES|zte',
      status: 'CONTESTED',
      evidence: [
        { stance: 'SUPPORTS', disputedBy: [] },
        { stance: 'DISPUTES', disputedBy: [{ id: 'zte' }, { id: 'china' }] },
      ],
    });
    // A disputer that does not exist is refused at its field, writing nothing.
    const bad = await api.query(ADD_RELATION, {
      r: {
        from: 'uk',
        type: 'EXCLUDES',
        to: 'huawei',
        evidence: [{ outlet: 'reuters', date: '2020-09-09', quote: 'x', stance: 'DISPUTES', disputedBy: ['huawai'] }],
      },
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad.errors?.[0]?.extensions?.diagnostics)).toMatch(/disputedBy: unknown entity id \\"huawai\\" \(did you mean \\"huawei\\"\?\)/);
  });

  it('short form for one source and nothing else; the file named in options', async () => {
    const r = await api.query(ADD_RELATION, {
      r: { from: 'uk', type: 'EXCLUDES', to: 'zte', evidence: [{ source: 'ap-clean-network-exclusions' }] },
      o: { file: 'seed/data/clean-network.yaml' },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data!.addRelation.files[0].diff).toMatch(/\n\+ {2}- uk EXCLUDES zte @ap-clean-network-exclusions\n/);
  });

  it('a new file under seed/data/ starts with the schema line', async () => {
    const relation = { from: 'uk', type: 'EXCLUDES', to: 'zte', evidence: [{ source: 'ap-clean-network-exclusion' }] };
    const wrong = await api.query(ADD_RELATION, { r: relation, o: { file: 'seed/data/uk/5g.yaml' } });
    expect(wrong.errors![0]!.extensions!.diagnostics).toEqual([
      {
        file: 'seed/data/uk/5g.yaml',
        line: 3,
        column: 21,
        message: 'unknown source "ap-clean-network-exclusion" (did you mean "ap-clean-network-exclusions"?)',
        text: 'seed/data/uk/5g.yaml:3:21: unknown source "ap-clean-network-exclusion" (did you mean "ap-clean-network-exclusions"?)',
        field: 'relation.evidence[0].source',
      },
    ]);
    relation.evidence[0]!.source = 'ap-clean-network-exclusions';
    const r = await api.query(ADD_RELATION, { r: relation, o: { file: 'seed/data/uk/5g.yaml' } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.addRelation.files[0]).toMatchObject({ file: 'seed/data/uk/5g.yaml', baseVersion: null, created: true });
    expect(readFileSync(join(copy.seedDir, 'data/uk/5g.yaml'), 'utf8')).toBe(
      '# yaml-language-server: $schema=../../schema/seed.schema.json\nrelations:\n  - uk EXCLUDES zte @ap-clean-network-exclusions\n',
    );
    expect(await relationCount('uk', 'EXCLUDES', 'zte')).toBe(1);
  });

  it('preview returns the diff and writes nothing', async () => {
    const before = readTree(copy.seedDir);
    const r = await api.query(ADD_RELATION, { r: UK_EXCLUDES_HUAWEI, o: { preview: true } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.addRelation).toMatchObject({ applied: false, graphVersion: null });
    expect(r.data!.addRelation.diff).toContain('+  - id: bbc-news\n');
    expect(readTree(copy.seedDir)).toEqual(before);
    expect(await relationCount('uk', 'EXCLUDES', 'huawei')).toBe(0);
  });

  it('an invalid relation is refused with seed:check diagnostics at the input field, writing nothing', async () => {
    const before = readTree(copy.seedDir);
    const r = await api.query(ADD_RELATION, { r: { ...UK_EXCLUDES_HUAWEI, to: 'huawai' } });
    expect(r.data).toBeNull();
    const e = r.errors![0]!;
    expect(e.extensions!.code).toBe('BAD_USER_INPUT');
    expect(e.message).toMatch(
      /^The edit would make the seed invalid: seed\/data\/countries\.yaml:\d+:\d+: unknown entity id "huawai" \(did you mean "huawei"\?\)/,
    );
    expect(e.extensions!.diagnostics).toEqual([
      expect.objectContaining({ file: 'seed/data/countries.yaml', message: 'unknown entity id "huawai" (did you mean "huawei"?)', field: 'relation.to' }),
    ]);
    expect(readTree(copy.seedDir)).toEqual(before);
  });
});

describe('base versions', () => {
  it('a stale base version is a CONFLICT and both versions stay intact', async () => {
    const preview = await api.query(ADD_RELATION, { r: UK_EXCLUDES_HUAWEI, o: { preview: true } });
    const baseVersions = preview.data!.addRelation.files.map((f: { file: string; baseVersion: string }) => ({ file: f.file, version: f.baseVersion }));
    // Someone edits countries.yaml by hand meanwhile.
    const path = join(copy.seedDir, 'data/countries.yaml');
    const hand = readFileSync(path, 'utf8') + '# a note saved by hand\n';
    writeFileSync(path, hand);
    const before = readTree(copy.seedDir);
    const r = await api.query(ADD_RELATION, { r: UK_EXCLUDES_HUAWEI, o: { baseVersions } });
    expect(r.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', file: 'seed/data/countries.yaml' });
    expect(r.errors![0]!.message).toMatch(/seed\/data\/countries\.yaml changed on disk since version [0-9a-f]{12}/);
    expect(readTree(copy.seedDir)).toEqual(before);
    expect(readFileSync(path, 'utf8')).toBe(hand);
    // Prepared again against the new version, it goes through.
    const again = await api.query(ADD_RELATION, { r: UK_EXCLUDES_HUAWEI, o: { preview: true } });
    const fresh = again.data!.addRelation.files.map((f: { file: string; baseVersion: string }) => ({ file: f.file, version: f.baseVersion }));
    const ok = await api.query(ADD_RELATION, { r: UK_EXCLUDES_HUAWEI, o: { baseVersions: fresh } });
    expect(ok.errors).toBeUndefined();
    expect(readFileSync(path, 'utf8')).toContain('# a note saved by hand\n');
    expect(readFileSync(path, 'utf8')).toContain('  - from: uk\n    type: EXCLUDES\n');
  });
});

describe('who may write', () => {
  const AUTHORING = '{ authoring { enabled reason } }';
  const env = { token: process.env.SPLINTERNET_EDIT_TOKEN, ro: process.env.SPLINTERNET_READONLY };
  afterAll(() => {
    if (env.token === undefined) delete process.env.SPLINTERNET_EDIT_TOKEN;
    else process.env.SPLINTERNET_EDIT_TOKEN = env.token;
    if (env.ro === undefined) delete process.env.SPLINTERNET_READONLY;
    else process.env.SPLINTERNET_READONLY = env.ro;
  });

  it('a non-loopback server without a token refuses writes with FORBIDDEN; the token opens them', async () => {
    delete process.env.SPLINTERNET_EDIT_TOKEN;
    const open = authoringClient(db, live, '0.0.0.0');
    expect((await open.query(AUTHORING)).data!.authoring).toEqual({
      enabled: false,
      reason: 'the server listens on 0.0.0.0, not loopback only, and no SPLINTERNET_EDIT_TOKEN is set',
    });
    const before = readTree(copy.seedDir);
    const refused = await open.query(ADD_RELATION, { r: UK_EXCLUDES_HUAWEI });
    expect(refused.errors![0]!).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(refused.errors![0]!.message).toMatch(/^Writes are refused: the server listens on 0\.0\.0\.0/);

    process.env.SPLINTERNET_EDIT_TOKEN = 'correct horse battery staple';
    const wrong = await open.query(ADD_RELATION, { r: UK_EXCLUDES_HUAWEI }, { authorization: 'Bearer wrong' });
    expect(wrong.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect((await open.query(AUTHORING, {}, { authorization: 'Bearer wrong' })).data!.authoring).toEqual({
      enabled: false,
      reason: 'the bearer token is wrong',
    });
    expect(readTree(copy.seedDir)).toEqual(before);

    const auth = { authorization: 'Bearer correct horse battery staple' };
    expect((await open.query(AUTHORING, {}, auth)).data!.authoring).toEqual({ enabled: true, reason: null });
    const ok = await open.query(ADD_RELATION, { r: UK_EXCLUDES_HUAWEI }, auth);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.addRelation.applied).toBe(true);
  });

  it('SPLINTERNET_READONLY=1 refuses every write, even on loopback, but still previews (for a patch to download)', async () => {
    process.env.SPLINTERNET_READONLY = '1';
    try {
      expect((await api.query(AUTHORING)).data!.authoring).toEqual({ enabled: false, reason: 'this is a read-only deployment (SPLINTERNET_READONLY=1)' });
      expect((await api.query('{ authoring { previews } }')).data!.authoring).toEqual({ previews: true });
      const before = readTree(copy.seedDir);
      const r = await api.query(ADD_RELATION, { r: UK_EXCLUDES_HUAWEI });
      expect(r.errors![0]!.extensions!.code).toBe('FORBIDDEN');
      const preview = await api.query(ADD_RELATION, { r: UK_EXCLUDES_HUAWEI, o: { preview: true } });
      expect(preview.errors).toBeUndefined();
      expect(preview.data!.addRelation.applied).toBe(false);
      expect(preview.data!.addRelation.diff).toMatch(/^\+.*huawei/m);
      expect(readTree(copy.seedDir)).toEqual(before);
    } finally {
      delete process.env.SPLINTERNET_READONLY;
    }
  });
});

describe('path safety', () => {
  it('refuses traversal, absolute paths, other extensions and symlinks out of seed/, writing nothing anywhere', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'splinternet-outside-'));
    try {
      mkdirSync(join(outside, 'dir'));
      symlinkSync(join(outside, 'dir'), join(copy.seedDir, 'data', 'linked-dir'));
      writeFileSync(join(outside, 'target.yaml'), 'entities:\n  - { id: outsider, kind: Company, name: Outsider }\n');
      symlinkSync(join(outside, 'target.yaml'), join(copy.seedDir, 'data', 'linked-file.yaml'));
      const before = readTree(outside);
      const cases: Array<[string, RegExp]> = [
        ['../x.yaml', /under seed\/data\/ only|"\.\."/],
        ['seed/data/../../x.yaml', /"\.\."/],
        ['seed/../seed/data/x.yaml', /"\.\."/],
        [join(copy.seedDir, 'data', 'x.yaml'), /not an absolute one/],
        ['seed/ontology.yaml', /under seed\/data\/ only/],
        ['seed/data/x.json', /\.yaml or \.yml/],
        ['seed/data/linked-dir/x.yaml', /leads out of the seed folder/],
        ['seed/data/linked-file.yaml', /leads out of the seed folder/],
      ];
      for (const [file, message] of cases) {
        const r = await api.query(ADD_RELATION, { r: UK_EXCLUDES_HUAWEI, o: { file } });
        expect(r.errors?.[0]?.extensions?.code, file).toBe('BAD_USER_INPUT');
        expect(r.errors![0]!.message, file).toMatch(message);
        expect(r.errors![0]!.extensions!.field, file).toBe('options.file');
      }
      // A fact read through a link that leads out is not written through it either.
      const edit = await api.query('mutation { updateEntity(id: "outsider", patch: { name: "Inside" }) { applied } }');
      expect(edit.errors![0]!.message).toMatch(/leads out of the seed folder/);
      expect(readTree(outside)).toEqual(before);
      expect(readdirSync(join(copy.root))).toEqual(['seed']);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('removeEntity', () => {
  it('is refused while relations use the entity, naming them', async () => {
    const r = await api.query(`mutation { removeEntity(id: "zte") { applied } }`);
    expect(r.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(r.errors![0]!.message).toMatch(/^ZTE is still used by \d+ relations: .*clean-network\|EXCLUDES\|zte/);
    const outlet = await api.query(`mutation { removeEntity(id: "ap-news") { applied } }`);
    expect(outlet.errors![0]!.message).toMatch(/^AP News is still used by \d+ relations/);
  });

  it('removes an unused entity, lines and all', async () => {
    const path = join(copy.seedDir, 'data/outlets.yaml');
    const original = readFileSync(path, 'utf8');
    const add = await api.query(`mutation { addOutlet(outlet: { id: "bbc-news", name: "BBC News", website: "https://www.bbc.co.uk/news" }) { applied } }`);
    expect(add.errors).toBeUndefined();
    const r = await api.query(`mutation { removeEntity(id: "bbc-news") { ${SEED_EDIT} } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data!.removeEntity.entities.removed).toEqual(['bbc-news']);
    expect(readFileSync(path, 'utf8')).toBe(original);
  });
});

describe('retract, edit and undo', () => {
  it('retract then applySeedPatch(the reverse diff) restores the files byte for byte, in YAML and CSV', async () => {
    const before = readTree(copy.seedDir);
    for (const id of ['clean-network|EXCLUDES|huawei', 'norway|PARTICIPATES_IN|clean-network|2020-06-25']) {
      const r = await api.query(`mutation($id: ID!) { retractRelation(id: $id) { ${SEED_EDIT} } }`, { id });
      expect(r.errors, id).toBeUndefined();
      expect(r.data!.retractRelation.relations.removed).toEqual([id]);
      expect(r.data!.retractRelation.diff).toMatch(/\n-/);
      const [from, type, to] = id.split('|');
      expect(await relationCount(from!, type!, to!)).toBe(0);
      const reverse = formatPatch(parsePatch(r.data!.retractRelation.diff).map((p) => reversePatch(p)));
      const undo = await api.query(`mutation($p: String!) { applySeedPatch(patch: $p) { ${SEED_EDIT} } }`, { p: reverse });
      expect(undo.errors, id).toBeUndefined();
      expect(undo.data!.applySeedPatch.relations.created).toEqual([id]);
      expect(readTree(copy.seedDir)).toEqual(before);
      expect(await relationCount(from!, type!, to!)).toBe(1);
    }
  });

  it('a patch whose context no longer matches is a CONFLICT', async () => {
    const r = await api.query(`mutation { retractRelation(id: "clean-network|EXCLUDES|huawei", options: { preview: true }) { diff } }`);
    const path = join(copy.seedDir, 'data/clean-network.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('clean-network EXCLUDES huawei', 'clean-network EXCLUDES  huawei'));
    const before = readTree(copy.seedDir);
    const p = await api.query(`mutation($p: String!) { applySeedPatch(patch: $p) { applied } }`, { p: r.data!.retractRelation.diff });
    expect(p.errors![0]!.extensions!.code).toBe('CONFLICT');
    expect(readTree(copy.seedDir)).toEqual(before);
  });

  it('updateEntity and updateRelation rewrite only their item', async () => {
    const path = join(copy.seedDir, 'data/countries.yaml');
    const original = readFileSync(path, 'utf8');
    const e = await api.query(
      `mutation { updateEntity(id: "uk", patch: { description: "Banned new Huawei 5G kit in July 2020.", aliases: ["UK", "Britain"] }) { ${SEED_EDIT} } }`,
    );
    expect(e.errors).toBeUndefined();
    expect(e.data!.updateEntity.entities.updated).toEqual(['uk']);
    const parts = diffLines(original, readFileSync(path, 'utf8'));
    expect(
      parts
        .filter((x) => x.removed)
        .map((x) => x.value)
        .join(''),
    ).toMatch(/^ {4}aliases: .*\n {4}description: .*\n$/);
    expect(
      parts
        .filter((x) => x.added)
        .map((x) => x.value)
        .join(''),
    ).toBe('    aliases: [UK, Britain]\n    description: Banned new Huawei 5G kit in July 2020.\n');

    const rel = await api.query(`mutation { updateRelation(id: "clean-network|EXCLUDES|huawei", patch: { confidence: MEDIUM }) { ${SEED_EDIT} } }`);
    expect(rel.errors).toBeUndefined();
    expect(rel.data!.updateRelation.relations.updated).toEqual(['clean-network|EXCLUDES|huawei']);
    const seed = loadSeed({ seedDir: copy.seedDir, displayRoot: copy.root });
    expect(seed.diagnostics).toEqual([]);
    expect(seed.graph.relations.find((x) => x.key === 'clean-network|EXCLUDES|huawei')!.confidence).toBe('medium');
    expect(seed.graph.entities.find((x) => x.id === 'uk')!.aliases).toEqual(['UK', 'Britain']);
  });

  it('unknown ids are NOT_FOUND', async () => {
    const r = await api.query(`mutation { retractRelation(id: "uk|EXCLUDES|nobody") { applied } }`);
    expect(r.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });
});

describe('sources, CSV rows and an unreachable Neo4j', () => {
  it('addSource goes under sources: where sources citing its outlet live; a relation can then cite it in short form', async () => {
    const s = await api.query(
      `mutation { addSource(source: { id: "ap-uk-huawei", outlet: "ap-news", url: "https://apnews.com/article/uk-huawei", date: "2020-07-14" }) { ${SEED_EDIT} } }`,
    );
    expect(s.errors).toBeUndefined();
    expect(s.data!.addSource.files[0].diff).toMatch(
      /\+ {2}ap-uk-huawei:\n\+ {4}outlet: ap-news\n\+ {4}url: https:\/\/apnews\.com\/article\/uk-huawei\n\+ {4}date: 2020-07-14\n/,
    );
    const r = await api.query(ADD_RELATION, { r: { from: 'uk', type: 'EXCLUDES', to: 'huawei', evidence: [{ source: 'ap-uk-huawei' }] } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.addRelation.diff).toContain('+  - uk EXCLUDES huawei @ap-uk-huawei\n');
  });

  it('a relation added to, edited in and retracted from a CSV file is one row', async () => {
    const path = join(copy.seedDir, 'data/bulk-relations.csv');
    const original = readFileSync(path, 'utf8');
    const add = await api.query(ADD_RELATION, {
      r: {
        from: 'uk',
        type: 'EXCLUDES',
        to: 'huawei',
        since: '2020-07-14',
        evidence: [{ outlet: 'ap-news', quote: 'bans Huawei, "by 2027"', date: '2020-07-14' }],
      },
      o: { file: 'seed/data/bulk-relations.csv' },
    });
    expect(add.errors).toBeUndefined();
    const row = 'uk,EXCLUDES,huawei,ap-news,"bans Huawei, ""by 2027""",,2020-07-14,2020-07-14,,';
    expect(readFileSync(path, 'utf8')).toBe(`${original}${row}\n`);
    const id = 'uk|EXCLUDES|huawei|2020-07-14';
    const upd = await api.query(`mutation($id: ID!) { updateRelation(id: $id, patch: { confidence: LOW }) { ${SEED_EDIT} } }`, { id });
    expect(upd.errors).toBeUndefined();
    expect(readFileSync(path, 'utf8')).toBe(`${original}${row}low\n`);
    const ret = await api.query(`mutation($id: ID!) { retractRelation(id: $id) { applied } }`, { id });
    expect(ret.errors).toBeUndefined();
    expect(readFileSync(path, 'utf8')).toBe(original);
  });

  it('while Neo4j is unreachable the file is saved and graphVersion is null (the sync retries)', async () => {
    const dead = openDatabase({ uri: 'bolt://127.0.0.1:1', username: 'neo4j', password: 'x' });
    try {
      const down = authoringClient(dead, testLiveSeed(dead, copy.seedDir, copy.root));
      const r = await down.query(ADD_RELATION, { r: UK_EXCLUDES_HUAWEI });
      expect(r.errors).toBeUndefined();
      expect(r.data!.addRelation).toMatchObject({ applied: true, graphVersion: null });
      expect(readFileSync(join(copy.seedDir, 'data/countries.yaml'), 'utf8')).toContain('  - from: uk\n    type: EXCLUDES\n    to: huawei\n');
      expect(loadSeed({ seedDir: copy.seedDir, displayRoot: copy.root }).diagnostics).toEqual([]);
    } finally {
      await dead.close();
    }
  });
});

describe('concurrent writes', () => {
  it('are serialised: both land, a duplicate of the first is refused, and the files stay valid', async () => {
    const zte = { from: 'uk', type: 'EXCLUDES', to: 'zte', evidence: [{ source: 'ap-clean-network-exclusions' }] };
    const [a, b, dup] = await Promise.all([
      api.query(ADD_RELATION, { r: UK_EXCLUDES_HUAWEI }),
      api.query(ADD_RELATION, { r: zte }),
      api.query(ADD_RELATION, { r: zte }),
    ]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(dup.errors![0]!.message).toMatch(/duplicate relation uk EXCLUDES zte/);
    expect(dup.errors![0]!.extensions!.diagnostics).toEqual([expect.objectContaining({ field: 'relation' })]);
    const text = readFileSync(join(copy.seedDir, 'data/countries.yaml'), 'utf8');
    expect(text.match(/- uk EXCLUDES zte @ap-clean-network-exclusions/g)).toHaveLength(1);
    expect(text).toContain('  - from: uk\n    type: EXCLUDES\n    to: huawei\n');
    expect(loadSeed({ seedDir: copy.seedDir, displayRoot: copy.root }).diagnostics).toEqual([]);
    expect(await relationCount('uk', 'EXCLUDES', 'zte')).toBe(1);
    expect(await relationCount('uk', 'EXCLUDES', 'huawei')).toBe(1);
  });
});

describe('a server without a seed folder', () => {
  it('refuses writes: it has no seed folder to edit', async () => {
    const { createGraphQLServer, CSRF_HEADER } = await import('../../server/graphql/create-yoga.ts');
    const yoga = createGraphQLServer({ db, ontology: live.ontology() });
    const res = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
      body: JSON.stringify({ query: '{ authoring { enabled reason } }' }),
    });
    expect(await res.json()).toEqual({ data: { authoring: { enabled: false, reason: 'this server has no seed folder to edit' } } });
  });
});
