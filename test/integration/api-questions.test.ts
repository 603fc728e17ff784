import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { apiClient, countingDatabase, loadRealDataset } from '../helpers/api-harness.ts';
import { openTestDatabase } from '../helpers/test-database.ts';

// Analyst questions answered exactly by the API, in-process, over the real dataset in a real Neo4j.
const base = openTestDatabase();
const counted = countingDatabase(base);
let api: ReturnType<typeof apiClient>;
let dataset: Awaited<ReturnType<typeof loadRealDataset>>;

beforeAll(async () => {
  dataset = await loadRealDataset(base);
  api = apiClient(counted.db, dataset.ontology);
});
afterAll(() => base.close());

const ids = (xs: Array<{ id: string }>) => xs.map((x) => x.id).sort();

async function ask<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const r = await api.query<T>(query, variables);
  expect(r.errors).toBeUndefined();
  return r.data as T;
}

describe('analyst questions', () => {
  it('which companies does the Clean Network exclude — and on whose word?', async () => {
    const d = await ask(`{ entity(id: "clean-network") { relations(types: ["EXCLUDES"], direction: OUT) {
      totalCount nodes { phrase to { id kind } evidence { outlet { id name } quote publishedAt } seedFile seedLine } } } }`);
    const rels = d.entity.relations.nodes;
    expect(d.entity.relations.totalCount).toBe(2);
    expect(ids(rels.map((r: any) => r.to))).toEqual(['huawei', 'zte']);
    for (const r of rels) {
      expect(r.phrase).toBe('excludes');
      expect(r.to.kind).toBe('Company');
      expect(r.evidence[0]).toMatchObject({ outlet: { id: 'ap-news', name: 'AP News' }, publishedAt: '2020-09-08' });
      expect(r.evidence[0].quote).toContain('seeks to exclude Chinese telecommunications companies like Huawei and ZTE');
      expect(r.seedFile).toBe('seed/data/clean-network.yaml');
      expect(r.seedLine).toBeGreaterThan(0);
    }
  });

  it('who proposed the Global Initiative on Data Security?', async () => {
    const d = await ask(`{ entity(id: "global-initiative-on-data-security") { name ... on Initiative { proposedBy { id } } } }`);
    expect(ids(d.entity.proposedBy)).toEqual(['china', 'wang-yi']);
  });

  it('who unveiled the Clean Network, and what is part of it?', async () => {
    const d = await ask(`{ entity(id: "clean-network") { ... on Initiative { proposedBy { id } parts { id } } } }`);
    expect(ids(d.entity.proposedBy)).toEqual(['mike-pompeo', 'us']);
    expect(ids(d.entity.parts)).toEqual(['clean-apps', 'clean-cable', 'clean-carrier', 'clean-cloud', 'clean-path', 'clean-store']);
  });

  it('what does ByteDance own?', async () => {
    const d = await ask(`{ entity(id: "bytedance") { ... on Company { owns { id } headquarters { id } founders { name } } } }`);
    expect(ids(d.entity.owns)).toEqual(['douyin', 'musical-ly', 'tiktok']);
    expect(d.entity.headquarters.id).toBe('china');
    expect(d.entity.founders.map((f: any) => f.name).sort()).toEqual(['Liang Rubo', 'Zhang Yiming']);
  });

  it('who owns WeChat, and who labelled it a threat?', async () => {
    const d = await ask(
      `{ entity(id: "wechat") { ... on App { owner { id } } relations(types: ["LABELS_THREAT"], direction: IN) { nodes { inversePhrase from { id } } } } }`,
    );
    expect(d.entity.owner.id).toBe('tencent');
    expect(ids(d.entity.relations.nodes.map((r: any) => r.from))).toEqual(['clean-store', 'us']);
    expect(d.entity.relations.nodes[0].inversePhrase).toBe('labelled a threat by');
  });

  it('what counters what?', async () => {
    const d = await ask(`{ entity(id: "global-initiative-on-data-security") { relations(types: ["COUNTERS"]) { nodes { from { id } to { id } } } } }`);
    const pairs = d.entity.relations.nodes.map((r: any) => `${r.from.id} → ${r.to.id}`).sort();
    expect(pairs).toEqual(['global-initiative-on-data-security → clean-network', 'global-initiative-on-data-security → us']);
  });

  it('the shortest path from TikTok to the Clean Network', async () => {
    const d = await ask(`{ paths(from: "tiktok", to: "clean-network", maxHops: 4, first: 3) { length nodes { id } edges { type } } }`);
    expect(d.paths.length).toBe(3);
    expect(d.paths.every((p: any) => p.length === 2)).toBe(true);
    expect(d.paths.map((p: any) => p.nodes.map((n: any) => n.id).join(' ')).sort()).toEqual([
      'tiktok clean-store clean-network',
      'tiktok us clean-network',
      'tiktok us clean-network',
    ]);
  });

  it('paths honour the relation-type filter', async () => {
    const d = await ask(`{ paths(from: "tiktok", to: "clean-network", relationTypes: ["LABELS_THREAT", "PART_OF"]) { length edges { type } } }`);
    expect(d.paths).toEqual([{ length: 2, edges: [{ type: 'LABELS_THREAT' }, { type: 'PART_OF' }] }]);
  });

  it('which executive orders still targeted anyone on 2021-07-01, and which on 2021-01-10?', async () => {
    const q = `query($d: Date) { entities(kinds: ["LegalAct"]) { nodes { id ... on LegalAct { targets(asOf: $d) { id } } } } }`;
    const inForce = async (d: string) =>
      Object.fromEntries((await ask(q, { d })).entities.nodes.filter((n: any) => n.targets.length > 0).map((n: any) => [n.id, ids(n.targets)]));
    expect(await inForce('2021-07-01')).toEqual({ 'tiktok-divestment-order': ['bytedance', 'musical-ly', 'tiktok'] });
    expect(await inForce('2021-01-10')).toEqual({
      'eo-13942': ['bytedance', 'tiktok'],
      'eo-13943': ['tencent', 'wechat'],
      'eo-13971': ['china'],
      'tiktok-divestment-order': ['bytedance', 'musical-ly', 'tiktok'],
    });
  });

  it('what did EO 14034 revoke, and who issued it?', async () => {
    const d = await ask(`{ entity(id: "eo-14034") { ... on LegalAct { signed revokes { id } issuedBy { id } } } }`);
    expect(d.entity).toEqual({
      signed: '2021-06-09',
      revokes: [{ id: 'eo-13942' }, { id: 'eo-13943' }, { id: 'eo-13971' }],
      issuedBy: [{ id: 'joe-biden' }, { id: 'us' }],
    });
  });

  it('what does the Great Firewall restrict?', async () => {
    const d = await ask(
      `{ entity(id: "great-firewall") { relations(types: ["RESTRICTS"], direction: OUT) { nodes { to { id } evidence { outlet { id } } } } } }`,
    );
    expect(ids(d.entity.relations.nodes.map((r: any) => r.to))).toEqual(['facebook', 'google', 'twitter']);
    expect(d.entity.relations.nodes.every((r: any) => r.evidence.some((e: any) => e.outlet.id === 'reuters'))).toBe(true);
  });

  it('which countries took part in the Clean Network by 2020-07-01, and how many by 2020-12-31?', async () => {
    const q = `query($d: Date) { entity(id: "clean-network") { ... on Initiative { participants(asOf: $d) { id kind } } } }`;
    const july = (await ask(q, { d: '2020-07-01' })).entity.participants;
    expect(ids(july)).toEqual([
      'australia',
      'czech-republic',
      'denmark',
      'estonia',
      'greece',
      'israel',
      'japan',
      'latvia',
      'new-zealand',
      'norway',
      'poland',
      'romania',
    ]);
    const december = (await ask(q, { d: '2020-12-31' })).entity.participants.filter((p: any) => p.kind === 'Country');
    expect(december.length).toBeGreaterThanOrEqual(25);
  });

  it('who was China’s foreign minister on 2020-09-08?', async () => {
    const d = await ask(
      `{ entity(id: "china") { relations(types: ["HOLDS_OFFICE"], direction: IN, asOf: "2020-09-08") { nodes { from { id } properties { name value } since until } } } }`,
    );
    const ministers = d.entity.relations.nodes.filter((r: any) => r.properties.some((p: any) => p.name === 'role' && p.value === 'Foreign Minister'));
    expect(ministers.map((r: any) => r.from.id)).toEqual(['wang-yi']);
    // "until: 2022-12" in the seed is a period (to some day of that month): the API keeps it as written.
    expect(ministers[0]).toMatchObject({ since: '2013-03-16', until: '2022-12' });
  });

  it('search finds prefixes and typos, best first', async () => {
    const hua = await ask(`{ search(text: "hua") { entity { id } } }`);
    expect(hua.search[0].entity.id).toBe('huawei');
    const typo = await ask(`{ search(text: "Bytedanse") { entity { id } score } }`);
    expect(typo.search[0].entity.id).toBe('bytedance');
    const alias = await ask(`{ search(text: "GIDS") { entity { id } } }`);
    expect(alias.search[0].entity.id).toBe('global-initiative-on-data-security');
    const kinds = await ask(`{ search(text: "clean", kinds: ["Country"]) { entity { id } } }`);
    expect(kinds.search).toEqual([]);
  });

  it('what surrounds TikTok within two steps — and is the answer cut?', async () => {
    const small = await ask(`{ neighbourhood(ids: ["tiktok"], depth: 2, limit: 5) { truncated nodes { id } } }`);
    expect(small.neighbourhood.truncated).toBe(true);
    expect(small.neighbourhood.nodes).toHaveLength(6); // tiktok + 5
    const d = await ask(`{ neighbourhood(ids: ["tiktok"], depth: 1) { truncated nodes { id } edges { type from { id } to { id } } } }`);
    expect(d.neighbourhood.truncated).toBe(false);
    const n = new Set(d.neighbourhood.nodes.map((x: any) => x.id));
    expect([...n]).toEqual(expect.arrayContaining(['tiktok', 'bytedance', 'us', 'clean-store', 'eo-13942']));
    for (const e of d.neighbourhood.edges) expect(n.has(e.from.id) && n.has(e.to.id)).toBe(true);
  });

  it('reopening a shared view: the listed entities, every relation among them, and no error for one since removed', async () => {
    const listed = ['huawei', 'zte', 'clean-network', 'us', 'no-such-entity'];
    const key = (r: { from: string; type: string; to: string }) => `${r.from} ${r.type} ${r.to}`;
    const among = dataset.graph.relations.filter((r) => listed.includes(r.from) && listed.includes(r.to));
    expect(among.length).toBeGreaterThan(3);
    const q = `query($ids: [ID!]!, $t: [String!]) { subgraph(ids: $ids, relationTypes: $t) { truncated nodes { id } edges { type from { id } to { id } } } }`;
    const d = await ask(q, { ids: listed });
    expect(ids(d.subgraph.nodes)).toEqual(['clean-network', 'huawei', 'us', 'zte']);
    expect(d.subgraph.truncated).toBe(false);
    const got = d.subgraph.edges.map((e: any) => key({ from: e.from.id, type: e.type, to: e.to.id })).sort();
    expect(got).toEqual(among.map(key).sort());
    const excludes = await ask(q, { ids: listed, t: ['EXCLUDES'] });
    expect(excludes.subgraph.edges.map((e: any) => key({ from: e.from.id, type: e.type, to: e.to.id })).sort()).toEqual([
      'clean-network EXCLUDES huawei',
      'clean-network EXCLUDES zte',
    ]);
    // Only ids that name nothing (the injection drill's strings): an empty subgraph, not an error.
    expect((await ask(q, { ids: ['?/) ', 'NaNca--'] })).subgraph).toEqual({ truncated: false, nodes: [], edges: [] });
    const tooMany = await api.query(q, { ids: Array.from({ length: 1001 }, (_, i) => `e${i}`) });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('stats and ontology agree with the seed files', async () => {
    const d = await ask(`{ stats { entities relations byKind { name count } } ontology { relationTypes { name phrase inverse } kinds { name color shape } } }`);
    expect(d.stats.entities).toBe(dataset.graph.entities.length);
    expect(d.stats.relations).toBe(dataset.graph.relations.length);
    const companies = dataset.graph.entities.filter((e) => e.kind === 'Company').length;
    expect(d.stats.byKind.find((k: any) => k.name === 'Company').count).toBe(companies);
    expect(d.ontology.relationTypes.find((t: any) => t.name === 'EXCLUDES')).toEqual({ name: 'EXCLUDES', phrase: 'excludes', inverse: 'excluded by' });
    expect(d.ontology.kinds.map((k: any) => k.name)).toEqual([...dataset.ontology.kinds.keys()]);
  });

  it('pages through entities with cursors and a total', async () => {
    const first = await ask(`{ entities(kinds: ["Country"], first: 5) { totalCount pageInfo { hasNextPage endCursor } nodes { name } } }`);
    const countries = dataset.graph.entities
      .filter((e) => e.kind === 'Country')
      .map((e) => e.name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(first.entities.totalCount).toBe(countries.length);
    expect(first.entities.nodes.map((n: any) => n.name)).toEqual(countries.slice(0, 5));
    const next = await ask(`query($a: String) { entities(kinds: ["Country"], first: 5, after: $a) { nodes { name } } }`, {
      a: first.entities.pageInfo.endCursor,
    });
    expect(next.entities.nodes.map((n: any) => n.name)).toEqual(countries.slice(5, 10));
  });
});

describe('one Cypher round trip per operation', () => {
  const operations: Array<[string, string]> = [
    [
      'entity with typed fields and evidence',
      `{ entity(id: "bytedance") { name ... on Company { owns { name ... on App { owner { name } } } headquarters { name } } relations { totalCount nodes { phrase from { name } to { name } evidence { outlet { name } quote } } } } }`,
    ],
    [
      'nested four hops deep',
      `{ entity(id: "tiktok") { relations(first: 5) { nodes { to { relations(first: 5) { nodes { to { relations(first: 5) { nodes { to { relations(first: 5) { nodes { type to { name degree } } } } } } } } } } } } } }`,
    ],
    ['search with neighbours', `{ search(text: "hua") { score entity { name relations(first: 3) { nodes { to { name } } } } } }`],
    [
      'neighbourhood depth 2 with nested fields',
      `{ neighbourhood(ids: ["clean-network", "global-initiative-on-data-security"], depth: 2) { truncated nodes { id name kind degree ... on Initiative { proposedBy { name } } } edges { id type phrase from { id } to { id } evidence { outlet { name } quote url publishedAt } seedFile seedLine } } }`,
    ],
    ['paths with evidence', `{ paths(from: "tiktok", to: "clean-network") { length nodes { name } edges { type evidence { outlet { name } } } } }`],
    [
      'entities page with relations',
      `{ entities(kinds: ["LegalAct"], first: 10) { totalCount nodes { name ... on LegalAct { targets { name } revokedBy { name } } } } }`,
    ],
  ];
  it.each(operations)('%s: 1 query', async (_name, query) => {
    counted.queries.length = 0;
    const r = await api.query(query);
    expect(r.errors).toBeUndefined();
    expect(counted.queries).toHaveLength(1);
  });

  it('a selection deeper than the plan looks ahead costs one batched query per extra level, not one per item', async () => {
    counted.queries.length = 0;
    const r = await api.query(
      `{ entity(id: "clean-network") { relations(first: 10) { nodes { to { relations(first: 10) { nodes { to { relations(first: 10) { nodes { to { relations(first: 10) { nodes { to { relations(first: 3) { totalCount } } } } } } } } } } } } } } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(counted.queries).toHaveLength(2);
  });
});
