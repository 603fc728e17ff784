import { readFileSync, rmSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGraphQLServer, CSRF_HEADER } from '../../server/graphql/create-yoga.ts';
import { readSeedVersion } from '../../server/ingest/sync-seed.ts';
import { createLiveSeed, type LiveSeedHandle } from '../../server/live/create-live-seed.ts';
import type { GraphQLResponse } from '../helpers/api-harness.ts';
import { copyRealSeed, recordEvents, waitUntil } from '../helpers/live-seed-harness.ts';
import { graphChecksum, openTestDatabase, resetDatabase } from '../helpers/test-database.ts';

// A LiveSeed watching a throw-away copy of the real seed/, synced into the run's Neo4j; the API
// in-process through yoga.fetch, as the explorer calls it.
const db = openTestDatabase();
afterAll(() => db.close());

let seed: ReturnType<typeof copyRealSeed>;
let live: LiveSeedHandle;
let logs: string[];
let errors: string[];
let recorder: ReturnType<typeof recordEvents>;
const others: LiveSeedHandle[] = [];
const folders: Array<ReturnType<typeof copyRealSeed>> = [];

beforeEach(async () => {
  await resetDatabase(db);
  seed = copyRealSeed();
  logs = [];
  errors = [];
  live = await createLiveSeed({ db, seedDir: seed.dir, displayRoot: seed.root, watch: true, log: (l) => logs.push(l), logError: (l) => errors.push(l) });
  recorder = recordEvents(live);
  await waitUntil('the first status', () => recorder.events.length > 0);
});
afterEach(async () => {
  await recorder.stop();
  await live.close();
  for (const o of others.splice(0)) await o.close();
  for (const f of folders.splice(0)) f.remove();
  seed.remove();
});

function api() {
  const yoga = createGraphQLServer({ db, ontology: live.ontology(), live });
  return async <T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> => {
    const res = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse<T>;
  };
}

const UK_EXCLUDES_HUAWEI = `# The UK's decision of 14 July 2020.
relations:
  - from: uk
    type: EXCLUDES
    to: huawei
    since: 2020-07-14
    evidence:
      outlet: reuters
      quote: Britain ordered Huawei equipment to be purged from its 5G network by 2027
      date: 2020-07-14
`;
const KEY = 'uk|EXCLUDES|huawei|2020-07-14';
const EDGES = `query ($ids: [ID!]!) { subgraph(ids: $ids) { edges { id type } } }`;
const STATUS = `{ seedStatus { version state message watching diagnostics { file line column message text field } } }`;

describe('live seed sync', () => {
  it('starts synced, with a version Neo4j holds too, watching', async () => {
    const status = live.status();
    expect(status).toMatchObject({ state: 'SYNCED', watching: true, diagnostics: [], message: null });
    expect(status.version).toMatch(/^[0-9a-f]{12}$/);
    expect(await readSeedVersion(db)).toBe(status.version);
    expect(recorder.events[0]).toEqual({ status, change: null });
    expect(logs.at(-1)).toMatch(/^seed: .*entities added.*relations added.* \([0-9a-f]{12}\) in \d+ ms$/);
    const r = await api()(STATUS);
    expect(r.data?.seedStatus).toEqual({ ...status, diagnostics: [] });
  });

  it('a saved file adds its relation: one event with its id, the file and the summary; the API answers with it', async () => {
    const query = api();
    const before = live.status().version;
    const seen = recorder.events.length;
    seed.write('data/uk.yaml', UK_EXCLUDES_HUAWEI);
    const event = await recorder.waitFor('the change', (e) => e.change !== null, seen);
    expect(event.change).toEqual({
      version: live.status().version,
      previousVersion: before,
      files: ['seed/data/uk.yaml'],
      entities: { created: [], updated: [], removed: [] },
      relations: { created: [KEY], updated: [], removed: [] },
      ontologyChanged: false,
      summary: '1 relation added from seed/data/uk.yaml',
    });
    expect(event.status).toMatchObject({ state: 'SYNCED', version: event.change!.version, diagnostics: [] });
    expect(event.change!.version).not.toBe(before);
    const r = await query(EDGES, { ids: ['uk', 'huawei'] });
    expect(r.data?.subgraph.edges).toContainEqual({ id: KEY, type: 'EXCLUDES' });
    expect(logs.at(-1)).toMatch(/^seed: 1 relation added from seed\/data\/uk\.yaml \([0-9a-f]{12}\) in \d+ ms$/);
    // One save, one event: give a second one time to show up, then count.
    await new Promise((r) => setTimeout(r, 300));
    expect(recorder.events.slice(seen)).toHaveLength(1);
  });

  it('a bad edit: INVALID with every diagnostic at file:line:column, the graph and version unchanged, the API answering; the fix clears it', async () => {
    const query = api();
    const version = live.status().version;
    const checksum = await graphChecksum(db);
    const seen = recorder.events.length;
    seed.write('data/uk.yaml', UK_EXCLUDES_HUAWEI.replace('to: huawei', 'to: huawai').replace('type: EXCLUDES', 'type: EXCLUDE'));
    const invalid = await recorder.waitFor('INVALID', (e) => e.status.state === 'INVALID', seen);
    expect(invalid.change).toBeNull();
    expect(invalid.status.version).toBe(version);
    const texts = invalid.status.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}`);
    expect(texts).toEqual(['seed/data/uk.yaml:4:11', 'seed/data/uk.yaml:5:9']);
    expect(invalid.status.diagnostics.map((d) => d.message).join('\n')).toMatch(/EXCLUDE[\s\S]*huawai/);
    expect(invalid.status.message).toMatch(/^2 problems in the seed files; nothing was loaded/);
    expect(await graphChecksum(db)).toEqual(checksum);

    const r = await query(`{ seedStatus { state version diagnostics { text field } } stats { relations } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data?.seedStatus.state).toBe('INVALID');
    expect(r.data?.seedStatus.version).toBe(version);
    expect(r.data?.seedStatus.diagnostics[1]).toEqual({
      text: expect.stringMatching(/^seed\/data\/uk\.yaml:5:9: .*huawai.*did you mean "huawei"/),
      field: null,
    });
    expect(r.data?.stats.relations).toBeGreaterThan(100);
    expect(errors.join('\n')).toContain('seed/data/uk.yaml:5:9:');

    const after = recorder.events.length;
    seed.write('data/uk.yaml', UK_EXCLUDES_HUAWEI);
    const fixed = await recorder.waitFor('the fix', (e) => e.status.state === 'SYNCED', after);
    expect(fixed.status.diagnostics).toEqual([]);
    expect(fixed.change?.relations.created).toEqual([KEY]);
    expect((await query(STATUS)).data?.seedStatus).toMatchObject({ state: 'SYNCED', diagnostics: [], version: fixed.change!.version });
  });

  it('an ontology change (a colour) takes effect without a restart: ontologyChanged, and the ontology query shows it', async () => {
    const query = api();
    const kinds = `{ ontology { kinds { name color } } }`;
    expect((await query(kinds)).data?.ontology.kinds).toContainEqual({ name: 'Country', color: '#4e79a7' });
    const seen = recorder.events.length;
    seed.write('ontology.yaml', readFileSync(seed.path('ontology.yaml'), 'utf8').replace('color: "#4e79a7"', 'color: "#123abc"'));
    const event = await recorder.waitFor('the ontology change', (e) => e.change !== null, seen);
    expect(event.change).toMatchObject({
      ontologyChanged: true,
      files: ['seed/ontology.yaml'],
      summary: 'Ontology changed in seed/ontology.yaml',
      entities: { created: [], updated: [], removed: [] },
      relations: { created: [], updated: [], removed: [] },
    });
    expect((await query(kinds)).data?.ontology.kinds).toContainEqual({ name: 'Country', color: '#123abc' });
    expect(live.ontology().kinds.get('Country')?.color).toBe('#123abc');
  });

  it('a broken ontology: INVALID at its line, the last good ontology still served', async () => {
    const query = api();
    const text = readFileSync(seed.path('ontology.yaml'), 'utf8');
    const seen = recorder.events.length;
    seed.write('ontology.yaml', text.replace('color: "#4e79a7"', 'color: "blue"'));
    const event = await recorder.waitFor('INVALID', (e) => e.status.state === 'INVALID', seen);
    expect(event.status.diagnostics).toEqual([
      expect.objectContaining({ file: 'seed/ontology.yaml', line: text.split('\n').indexOf('    color: "#4e79a7"') + 1 }),
    ]);
    expect((await query(`{ ontology { kinds { name color } } }`)).data?.ontology.kinds).toContainEqual({ name: 'Country', color: '#4e79a7' });
    expect(live.ontology().kinds.get('Country')?.color).toBe('#4e79a7');
  });

  it('a deleted file: its facts are removed', async () => {
    const query = api();
    const csv = readFileSync(seed.path('data/bulk-relations.csv'), 'utf8');
    const first = csv.split('\n')[1]!.split(',');
    const rows = csv.trim().split('\n').length - 1;
    const stats = `{ stats { relations } }`;
    const before = (await query(stats)).data?.stats.relations as number;
    const seen = recorder.events.length;
    rmSync(seed.path('data/bulk-relations.csv'));
    const event = await recorder.waitFor('the removal', (e) => e.change !== null, seen);
    expect(event.change?.files).toEqual(['seed/data/bulk-relations.csv']);
    expect(event.change?.relations.removed).toHaveLength(rows);
    // from|TYPE|to|since, since is the CSV's 8th column.
    expect(event.change?.relations.removed).toContain(`${first[0]}|${first[1]}|${first[2]}|${first[7]}`);
    expect(event.change?.summary).toBe(`${rows.toLocaleString('en-GB')} relations removed in seed/data/bulk-relations.csv`);
    expect((await query(stats)).data?.stats.relations).toBe(before - rows);
  });

  it('the version is the same for the same content (a second process agrees) and moves with a change', async () => {
    const copy = copyRealSeed();
    folders.push(copy);
    const quiet: string[] = [];
    const second = await createLiveSeed({ db, seedDir: copy.dir, displayRoot: copy.root, log: (l) => quiet.push(l), logError: (l) => quiet.push(l) });
    others.push(second);
    expect(second.status()).toMatchObject({ version: live.status().version, state: 'SYNCED', watching: false });
    expect(quiet).toEqual([expect.stringMatching(/^seed: up to date, \d+ entities and \d+ relations/)]);

    // A server that does not watch still syncs on request (the write API's syncNow).
    copy.write('data/uk.yaml', UK_EXCLUDES_HUAWEI);
    const synced = await second.syncNow();
    expect(synced.state).toBe('SYNCED');
    expect(synced.version).not.toBe(live.status().version);
    expect(await readSeedVersion(db)).toBe(synced.version);
    // The watching one sees the same content after the same save: the same version.
    const seen = recorder.events.length;
    seed.write('data/uk.yaml', UK_EXCLUDES_HUAWEI);
    const event = await recorder.waitFor('the same version', (e) => e.status.version === synced.version, seen);
    expect(event.status.state).toBe('SYNCED');
  });

  it('a burst of saves is one sync, of the last content saved', async () => {
    const seen = recorder.events.length;
    for (let i = 0; i < 5; i++) seed.write('data/uk.yaml', UK_EXCLUDES_HUAWEI.replace('by 2027', `by ${2027 + i}`));
    const event = await recorder.waitFor('the burst', (e) => e.change !== null, seen);
    expect(event.change?.relations.created).toEqual([KEY]);
    await new Promise((r) => setTimeout(r, 300));
    expect(recorder.changes().filter((c) => c.relations.created.includes(KEY))).toHaveLength(1);
    const r = await api()(`{ entity(id: "uk") { relations(types: ["EXCLUDES"]) { edges { node { id evidence { quote } } } } } }`);
    expect(r.data?.entity.relations.edges).toEqual([{ node: { id: KEY, evidence: [{ quote: expect.stringMatching(/by 2031$/) }] } }]);
  });
});

describe('seedStatus and seedEvents without a live seed (tests, drills)', () => {
  it('SYNCED, not watching, with the version the last sync wrote; the stream sends that one status and completes', async () => {
    await live.close();
    const yoga = createGraphQLServer({ db, ontology: live.ontology() });
    const version = await readSeedVersion(db);
    expect(version).toBe(live.status().version);
    const res = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
      body: JSON.stringify({ query: `{ seedStatus { version state watching diagnostics { text } message } }` }),
    });
    expect(((await res.json()) as GraphQLResponse).data?.seedStatus).toEqual({ version, state: 'SYNCED', watching: false, diagnostics: [], message: null });
    await resetDatabase(db);
    const sse = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', [CSRF_HEADER]: '1' },
      body: JSON.stringify({ query: `subscription { seedEvents { status { version state watching } change { version } } }` }),
    });
    const text = await sse.text();
    expect(text).toContain(`event: next\ndata: {"data":{"seedEvents":{"status":{"version":"unversioned","state":"SYNCED","watching":false},"change":null}}}`);
    expect(text).toContain('event: complete');
  });
});
