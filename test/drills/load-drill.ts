/**
 * Load (issue 6, section 5): the real server (`server/main.ts` as a child process) over the real
 * dataset, under autocannon (test/bench/api-loadgen.ts, in its own process) sending the client's
 * main operations — search, neighbourhood depth 1 and 2, paths, entity with relations — for
 * 60 s at 64 connections, three times. Every answer must be 2xx without GraphQL errors, and the
 * server's resident memory must not grow from the second run to the third beyond noise.
 */
import { freePort } from '../../neo4j/local-neo4j.ts';
import { openDatabase } from '../../server/db/database.ts';
import type { LoadJob, LoadResult } from '../bench/api-loadgen.ts';
import { runLoadgen } from '../bench/run-loadgen.ts';
import { resetDatabase } from '../helpers/graph-state.ts';
import { clientWorkload, WORKLOAD_HEADERS } from './client-workload.ts';
import type { Drill, DrillRow } from './drill-types.ts';
import { startFetchLoad } from './fetch-load.ts';
import { residentMb, startServerChild, type ServerChild } from './server-child.ts';

const DRILL = 'load';

/**
 * Growth of resident memory between the last two of three equal runs that still counts as noise.
 * The first run only sizes V8's heap for the load (measured: +17 MB then +31 MB while the
 * throughput rose 65 %), so a leak shows as growth that goes on after it.
 */
const NOISE_MB = 24;
const NOISE_SHARE = 0.1;
/** Equal measured runs after the warm-up. */
const RUNS = 3;

/** One autocannon run in a child process, killed if it outlives its job by two minutes. */
const runLoad = (job: LoadJob): Promise<LoadResult> => runLoadgen(job, { killAfterS: job.durationS + job.warmupS + 120 });

export const loadDrill: Drill = async (options) => {
  const sizes = options.quick ? { durationS: 10, connections: 16, warmupS: 3 } : { durationS: 60, connections: 64, warmupS: 5 };
  const db = openDatabase(options.neo4j);
  let server: ServerChild | undefined;
  try {
    // The server syncs seed/ at start: the real dataset, in a graph that holds nothing else.
    await resetDatabase(db);
    server = await startServerChild({ port: await freePort(), neo4j: options.neo4j });
    const requests = await clientWorkload(db, 25);
    const url = `${server.baseUrl}/graphql`;

    // Every request once, alone, with its body read: the load runs below only count errors.
    const check = startFetchLoad({ url, headers: WORKLOAD_HEADERS, requests, workers: 1 });
    while (check.outcomes.length < requests.length) await new Promise((r) => setTimeout(r, 20));
    const checked = (await check.stop()).slice(0, requests.length);
    const badChecks = checked.filter((o) => !o.ok);
    if (badChecks.length > 0) options.log(`load: failing requests: ${JSON.stringify(badChecks.slice(0, 3))}`);
    const ops = [...new Set(requests.map((r) => r.op))];

    const job = (durationS: number): LoadJob => ({
      url,
      headers: WORKLOAD_HEADERS,
      bodies: requests.map((r) => r.body),
      connections: sizes.connections,
      durationS,
      warmupS: 0,
      timeoutS: 30,
    });
    const settle = () => new Promise((r) => setTimeout(r, 2_000));
    await runLoad(job(sizes.warmupS));
    await settle();
    const pid = server.pid;
    const before = residentMb(pid);
    options.log(`load: warmed up; server RSS ${before.toFixed(0)} MB; ${sizes.durationS} s at ${sizes.connections} connections…`);
    const runs: LoadResult[] = [];
    const rss: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(await runLoad(job(sizes.durationS)));
      await settle();
      rss.push(residentMb(pid));
      options.log(`load: run ${i + 1}: ${runs[i]!.reqPerSec.toFixed(0)} req/s, p99 ${runs[i]!.p99} ms; RSS ${rss[i]!.toFixed(0)} MB`);
    }
    const alive = server.exited() === undefined;
    const failures = (r: LoadResult) => r.non2xx + r.bodyErrors + r.socketErrors + r.timeouts;
    const total = runs.reduce((s, r) => s + r.requests, 0);
    const failed = runs.reduce((s, r) => s + failures(r), 0);
    const [after1, after2, after3] = rss as [number, number, number];
    const growth = after3 - after2;
    const noise = Math.max(NOISE_MB, after2 * NOISE_SHARE);
    const fig = (r: LoadResult) =>
      `${r.reqPerSec.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms (${r.non2xx} non-2xx, ${r.bodyErrors} GraphQL errors, ${r.socketErrors + r.timeouts} socket errors)`;
    const rows: DrillRow[] = [
      {
        drill: DRILL,
        case: `each request of the workload once (${ops.join(', ')})`,
        cases: checked.length,
        passed: checked.length - badChecks.length,
        figure: `${requests.length} distinct requests over ${requests.filter((r) => r.op === 'Search').length} entities${badChecks.length ? `; first failure ${JSON.stringify(badChecks[0]).slice(0, 120)}` : ''}`,
      },
      ...runs.map((r, i) => ({
        drill: DRILL,
        case: `run ${i + 1}: ${sizes.durationS} s at ${sizes.connections} connections: 0 non-2xx, 0 GraphQL errors`,
        cases: r.requests,
        passed: i === runs.length - 1 && !alive ? 0 : r.requests - failures(r),
        figure: fig(r),
      })),
      {
        drill: DRILL,
        case: `server resident memory: no growth from run 2 to run ${RUNS} beyond noise`,
        cases: 1,
        passed: growth <= noise ? 1 : 0,
        figure: `VmRSS ${before.toFixed(0)} MB warm → ${after1.toFixed(0)} MB after run 1 → ${after2.toFixed(0)} MB after run 2 → ${after3.toFixed(0)} MB after run 3 (${growth >= 0 ? '+' : ''}${growth.toFixed(0)} MB, noise ≤ ${noise.toFixed(0)} MB)`,
      },
    ];
    options.log(`load: ${total} requests, ${failed} failed`);
    return rows;
  } finally {
    await server?.stop(5_000);
    await db.close();
  }
};
