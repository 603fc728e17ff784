/**
 * Scale-out (issue 16, point 6): two real servers (`server/main.ts` as child processes, response
 * cache on, sharing nothing) on one Neo4j, each under load, answer the same questions
 * identically before and after every sync — a sync neither of them made (as `npm run seed:sync`
 * from elsewhere would), so each learns of it from Neo4j alone. Checked immediately after each
 * sync commits, with no retry: an answer cached under the old version that survived would show.
 * The last sync restores the first seed, whose answers must come back exactly (a version that
 * returns must not revive an entry cached while another version was current).
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from '../../neo4j/local-neo4j.ts';
import { ENTITY_DETAIL, SEARCH } from '../../client/src/api/operations.ts';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { sha256Hex } from '../../server/graphql/persisted-documents.ts';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { syncSeed } from '../../server/ingest/sync-seed.ts';
import { graphVersion } from '../../server/live/graph-version.ts';
import { resetDatabase } from '../helpers/graph-state.ts';
import { SEED_DIR } from '../helpers/seed-fixture.ts';
import { clientWorkload, WORKLOAD_HEADERS } from './client-workload.ts';
import type { Drill, DrillRow } from './drill-types.ts';
import { startFetchLoad, type FetchLoad, type Outcome } from './fetch-load.ts';
import { startServerChild, type ServerChild } from './server-child.ts';

const DRILL = 'scale-out';

/**
 * A seed folder: the real seed/, plus (for round > 0) one entity that exists in that round only.
 * Each is `<parent>/<round>/seed`, so its files read `seed/data/…` as the servers' own sync wrote
 * them, and only the drill entity differs between rounds.
 */
function seedVariant(parent: string, round: number): string {
  const dir = join(parent, String(round), 'seed');
  cpSync(SEED_DIR, dir, { recursive: true });
  if (round > 0) writeFileSync(join(dir, 'data', 'drill.yaml'), `entities:\n  - id: drill-${round}\n    kind: Company\n    name: Drill Company ${round}\n`);
  return dir;
}

/** Syncs a folder into Neo4j with its graph version, as `npm run seed:sync` does; returns the version. */
async function syncFolder(db: Database, dir: string): Promise<string> {
  const seed = loadSeed({ seedDir: dir, displayRoot: dirname(dir) });
  if (!seed.ontology || seed.diagnostics.length > 0) throw new Error(`drill seed invalid: ${JSON.stringify(seed.diagnostics[0])}`);
  const version = graphVersion(seed.graph, seed.ontology);
  await syncSeed(db, seed.graph, { version });
  return version;
}

interface Probe {
  name: string;
  ask(baseUrl: string, headers?: Record<string, string>): Promise<Response>;
}

const post = (query: string) => (baseUrl: string) =>
  fetch(`${baseUrl}/graphql`, { method: 'POST', headers: WORKLOAD_HEADERS, body: JSON.stringify({ query }) });
const persisted =
  (op: { name: string; query: string }, variables: unknown) =>
  (baseUrl: string, headers: Record<string, string> = {}) =>
    fetch(
      `${baseUrl}/graphql?${new URLSearchParams({
        operationName: op.name,
        variables: JSON.stringify(variables),
        extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256Hex(op.query) } }),
      }).toString()}`,
      { headers: { accept: WORKLOAD_HEADERS.accept!, ...headers } },
    );

/**
 * Asks until the answer is not DATABASE_UNAVAILABLE (a Neo4j too busy to answer in time, on a
 * loaded machine): an outage is not a stale answer — a stale answer is a successful one, so
 * retrying an outage can never hide one. Returns the status, the ETag and the body.
 */
async function askThroughOutages(ask: () => Promise<Response>): Promise<{ status: number; etag: string | null; text: string; outages: number }> {
  for (let outages = 0; ; outages++) {
    const res = await ask();
    const text = await res.text();
    if (outages < 20 && text.includes('"DATABASE_UNAVAILABLE"')) {
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    return { status: res.status, etag: res.headers.get('etag'), text, outages };
  }
}

export const scaleOutDrill: Drill = async (options) => {
  const sizes = options.quick ? { rounds: 2, workers: 2 } : { rounds: 6, workers: 16 };
  const db = openDatabase(options.neo4j);
  const parent = mkdtempSync(join(tmpdir(), 'splinternet-scale-out-'));
  const servers: ServerChild[] = [];
  const loads: FetchLoad[] = [];
  try {
    await resetDatabase(db);
    const served = seedVariant(parent, 0);
    // One after the other: both sync the same files at start; the second finds nothing to do.
    for (let i = 0; i < 2; i++) servers.push(await startServerChild({ port: await freePort(), neo4j: options.neo4j, env: { SPLINTERNET_SEED_DIR: served } }));
    const requests = await clientWorkload(db, 15);
    for (const s of servers) loads.push(startFetchLoad({ url: `${s.baseUrl}/graphql`, headers: WORKLOAD_HEADERS, requests, workers: sizes.workers }));

    const probesFor = (round: number): Probe[] => [
      { name: 'stats', ask: post('{ stats { entities relations version } }') },
      { name: 'entity of this round', ask: post(`{ entity(id: "drill-${round}") { id name } }`) },
      { name: 'entity of the last round', ask: post(`{ entity(id: "drill-${Math.max(0, round - 1)}") { id name } }`) },
      { name: 'search "Drill Company" (persisted GET)', ask: persisted(SEARCH, { text: 'Drill Company', first: 10 }) },
      { name: 'Huawei in the inspector (persisted GET)', ask: persisted(ENTITY_DETAIL, { id: 'huawei', first: 50 }) },
    ];
    let cases = 0;
    let identical = 0;
    let fresh = 0;
    let freshCases = 0;
    let revalidated = 0;
    let revalidateCases = 0;
    let outages = 0;
    const firstAnswers = new Map<string, string>();
    const etags: Array<string | null> = [];
    let version = (await db.read((tx) => tx.run("MATCH (v:SeedVersion {name: 'seed'}) RETURN v.version AS v"))).records[0]?.get('v') as string;
    const versions = [version];
    const syncMs: number[] = [];

    // Round 0: the seed both servers started with; rounds 1…n: another entity each; the last:
    // the first seed again.
    const plan = [...Array.from({ length: sizes.rounds + 1 }, (_, i) => i), 0];
    for (const [step, round] of plan.entries()) {
      if (step > 0) {
        const t = performance.now();
        version = await syncFolder(db, seedVariant(parent, round));
        syncMs.push(performance.now() - t);
        versions.push(version);
      }
      // Twice per server: the first may fill the cache, the second is answered from it.
      for (const probe of probesFor(round)) {
        const texts: string[] = [];
        for (const s of servers)
          for (let k = 0; k < 2; k++) {
            const r = await askThroughOutages(() => probe.ask(s.baseUrl));
            outages += r.outages;
            texts.push(r.text);
          }
        cases += texts.length;
        identical += texts.filter((t) => t === texts[0]).length;
        const answer = JSON.parse(texts[0]!) as { data?: any; errors?: unknown };
        freshCases += 1;
        const ok =
          !answer.errors &&
          (probe.name === 'stats'
            ? answer.data.stats.version === version
            : probe.name === 'entity of this round'
              ? round === 0
                ? answer.data.entity === null
                : answer.data.entity?.name === `Drill Company ${round}`
              : probe.name === 'entity of the last round'
                ? answer.data.entity === null
                : probe.name.startsWith('search')
                  ? answer.data.search.some((h: { entity: { id: string } }) => h.entity.id === `drill-${round}`) === round > 0
                  : answer.data.entity?.id === 'huawei');
        if (ok) fresh += 1;
        else options.log(`scale-out: round ${round}: ${probe.name} is stale or wrong: ${texts[0]!.slice(0, 200)}`);
        if (step === 0) firstAnswers.set(probe.name, texts[0]!);
        if (step === plan.length - 1 && firstAnswers.has(probe.name)) {
          freshCases += 1;
          if (firstAnswers.get(probe.name) === texts[0]) fresh += 1;
          else options.log(`scale-out: after restoring the first seed, ${probe.name} differs from the first answer`);
        }
      }
      // The ETag of the previous version must not be answered 304 by either server.
      if (step > 0 && etags.length > 0) {
        for (const s of servers) {
          revalidateCases += 1;
          const res = await askThroughOutages(() => persisted(SEARCH, { text: 'huawei', first: 10 })(s.baseUrl, { 'if-none-match': etags[etags.length - 1]! }));
          if (res.status === 200 && res.etag !== null && res.etag !== etags[etags.length - 1]) revalidated += 1;
        }
      }
      const tag = (await askThroughOutages(() => persisted(SEARCH, { text: 'huawei', first: 10 })(servers[0]!.baseUrl))).etag;
      etags.push(tag);
      for (const s of servers) {
        revalidateCases += 1;
        const res = await askThroughOutages(() => persisted(SEARCH, { text: 'huawei', first: 10 })(s.baseUrl, { 'if-none-match': tag ?? '' }));
        if (res.status === 304) revalidated += 1;
      }
    }

    const outcomes = await Promise.all(loads.splice(0).map((l) => l.stop()));
    // The load only keeps both servers busy; on a loaded machine Neo4j may not answer in time
    // (DATABASE_UNAVAILABLE, or the client's 20 s timeout), which is no cache fault. Any other
    // failure counts.
    const outage = (o: Outcome) => !o.ok && (o.codes.length > 0 ? o.codes.every((c) => c === 'DATABASE_UNAVAILABLE') : o.status === 0);
    const loadFigure = outcomes
      .map((o, i) => {
        const span = o.length > 1 ? (o[o.length - 1]!.done - o[0]!.sent) / 1000 : 1;
        return `server ${i + 1}: ${o.length} requests (${(o.length / span).toFixed(0)}/s), ${o.filter((x) => !x.ok && !outage(x)).length} failed, ${o.filter(outage).length} outages or timeouts`;
      })
      .join('; ');
    const loadCases = outcomes.reduce((s, o) => s + o.length, 0);
    const loadPassed = outcomes.reduce((s, o) => s + o.filter((x) => x.ok || outage(x)).length, 0);
    const alive = servers.every((s) => s.exited() === undefined);
    const rows: DrillRow[] = [
      {
        drill: DRILL,
        case: `two servers answer identically, before and after each of ${plan.length - 1} syncs neither made`,
        cases,
        passed: alive ? identical : 0,
        figure: `${cases} answers (${probesFor(0).length} questions × 2 servers × 2, per graph version), versions ${versions.join(' → ')}; sync ${syncMs.map((m) => m.toFixed(0)).join('/')} ms; ${outages} DATABASE_UNAVAILABLE answers asked again`,
      },
      {
        drill: DRILL,
        case: 'the first answer after a sync is of the new version (no retry); the first seed restored gives the first answers',
        cases: freshCases,
        passed: fresh,
        figure: `${freshCases - fresh} stale or wrong answers`,
      },
      {
        drill: DRILL,
        case: 'ETag of the current version → 304 on both; of the previous version → 200 with a new ETag',
        cases: revalidateCases,
        passed: revalidated,
        figure: `${revalidateCases} conditional GETs`,
      },
      {
        drill: DRILL,
        case: `load on both during the syncs (${sizes.workers} clients each, the client's operations): no failure but Neo4j outages`,
        cases: loadCases,
        passed: loadPassed,
        figure: loadFigure,
      },
    ];
    return rows;
  } finally {
    await Promise.all(loads.map((l) => l.stop()));
    await Promise.all(servers.map((s) => s.stop(5_000)));
    await db.close();
    rmSync(parent, { recursive: true, force: true });
  }
};
