import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, loadRealDataset } from '../helpers/api-harness.ts';
import { openTestDatabase } from '../helpers/test-database.ts';

// The time reads over the real dataset in a real Neo4j: partial dates are periods, the
// histogram counts the whole graph, and "what changed" finds the revoked executive orders.
const db = openTestDatabase();
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  const dataset = await loadRealDataset(db);
  api = apiClient(db, dataset.ontology);
});
afterAll(() => db.close());

async function ask<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const r = await api.query<T>(query, variables);
  expect(r.errors).toBeUndefined();
  return r.data as T;
}

const ENDORSERS = `query($d: Date) { entity(id: "global-initiative-on-data-security") {
  relations(types: ["ENDORSES"], direction: IN, asOf: $d) { nodes { from { id } since } } } }`;

describe('asOf reads partial dates as periods', () => {
  it('keeps "since 2020-09" on 2020-09-01 (possibly in force) and drops it on 2020-08-31', async () => {
    const on = (await ask(ENDORSERS, { d: '2020-09-01' })).entity.relations.nodes;
    expect(on.map((r: any) => r.from.id).sort()).toEqual(['philippines', 'russia']);
    // The API keeps the precision the seed gave, so the client can tell a period from a day.
    expect(on.map((r: any) => r.since)).toEqual(['2020-09', '2020-09']);
    expect((await ask(ENDORSERS, { d: '2020-08-31' })).entity.relations.nodes).toEqual([]);
  });

  it('keeps "until 2022-12" through December 2022 and drops it in January 2023 (neighbourhood and subgraph too)', async () => {
    const q = `query($d: Date) {
      n: neighbourhood(ids: ["wang-yi"], relationTypes: ["HOLDS_OFFICE"], asOf: $d) { edges { id until } }
      s: subgraph(ids: ["wang-yi", "china"], relationTypes: ["HOLDS_OFFICE"], asOf: $d) { edges { id until } } }`;
    const mid = await ask(q, { d: '2022-12-15' });
    expect(mid.n.edges.map((e: any) => e.until)).toContain('2022-12');
    expect(mid.s.edges.map((e: any) => e.until)).toContain('2022-12');
    const after = await ask(q, { d: '2023-01-01' });
    expect(after.n.edges.map((e: any) => e.until)).not.toContain('2022-12');
    expect(after.s.edges.map((e: any) => e.until)).not.toContain('2022-12');
  });
});

describe('timeline', () => {
  it('counts starts and ends per year over the whole graph, every year present', async () => {
    const d = await ask(`{ timeline { buckets { period started ended } undated } stats { relations } }`);
    const buckets = d.timeline.buckets as Array<{ period: string; started: number; ended: number }>;
    const years = buckets.map((b) => Number(b.period));
    expect(years).toEqual(years.map((_, i) => years[0]! + i));
    const y2021 = buckets.find((b) => b.period === '2021')!;
    // The revoked orders' TARGETS end on 2021-06-09.
    expect(y2021.ended).toBeGreaterThanOrEqual(6);
    const dated = buckets.reduce((s, b) => s + b.started, 0);
    expect(dated + d.timeline.undated).toBeLessThanOrEqual(d.stats.relations);
    expect(dated).toBeGreaterThan(0);
  });
});

describe('changes between two dates', () => {
  const CHANGES = `query($a: Date!, $b: Date!) { changes(from: $a, to: $b) {
    from to truncated
    appeared { id type since from { id } to { id } }
    ended { id type until from { id } to { id } evidence { outlet { id } quote } }
    nodes { id } } }`;

  it('lists the revoked executive orders as ended in 2021, each with its evidence and ends', async () => {
    const d = (await ask(CHANGES, { a: '2021-12-31', b: '2021-01-01' })).changes;
    expect([d.from, d.to]).toEqual(['2021-01-01', '2021-12-31']);
    const ended = d.ended.filter((r: any) => r.type === 'TARGETS');
    expect(ended.map((r: any) => r.from.id).sort()).toEqual(expect.arrayContaining(['eo-13942', 'eo-13943']));
    for (const r of ended) {
      expect(r.until).toBe('2021-06-09');
      expect(r.evidence.length).toBeGreaterThan(0);
    }
    const nodeIds = new Set(d.nodes.map((n: any) => n.id));
    for (const r of [...d.ended, ...d.appeared]) expect(nodeIds.has(r.from.id) && nodeIds.has(r.to.id)).toBe(true);
    expect(d.appeared.map((r: any) => r.from.id)).toContain('league-of-arab-states');
  });

  it('window edges: a relation that starts on `from` did not appear, one ending the day before `to` ended', async () => {
    const d = (await ask(CHANGES, { a: '2021-06-09', b: '2021-06-10' })).changes;
    expect(d.appeared.map((r: any) => r.from.id)).not.toContain('eo-14034');
    expect(d.ended.filter((r: any) => r.type === 'TARGETS').length).toBeGreaterThan(0);
    const before = (await ask(CHANGES, { a: '2021-06-08', b: '2021-06-09' })).changes;
    expect(before.appeared.map((r: any) => r.from.id)).toContain('eo-14034');
    expect(before.ended.filter((r: any) => r.type === 'TARGETS')).toEqual([]);
  });

  it('a month-only since counts as a possible change in a window that holds part of the month', async () => {
    const d = (await ask(CHANGES, { a: '2020-09-15', b: '2020-10-15' })).changes;
    expect(
      d.appeared
        .filter((r: any) => r.type === 'ENDORSES')
        .map((r: any) => r.from.id)
        .sort(),
    ).toEqual(['philippines', 'russia']);
  });

  it('refuses partial bounds and cuts at `first`', async () => {
    const bad = await api.query(`{ changes(from: "2021", to: "2021-12-31") { truncated } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toMatch(/^from: give a full day/);
    const cut = (await ask(`{ changes(from: "1990-01-01", to: "2030-01-01", first: 2) { truncated appeared { id } ended { id } } }`)).changes;
    expect(cut.truncated).toBe(true);
    expect(cut.appeared).toHaveLength(2);
  });
});
