/**
 * Load (issue 6, section 5): the real server (`server/main.ts` as a child process) over the real
 * dataset, under autocannon (test/bench/api-loadgen.ts, in its own process) sending the client's
 * main operations — search, neighbourhood depth 1 and 2, paths, entity with relations — for
 * 60 s at 64 connections, three times. Every answer must be 2xx without GraphQL errors, and the
 * server's heap left after a full garbage collection must not grow from the second run to the
 * third beyond noise. Resident memory is reported, not judged: it grows when V8 or malloc keep
 * pages they may need again (CI saw +114 MB in one 10 s run with no growth after it).
 */
import { freePort } from '../../neo4j/local-neo4j.ts';
import { openDatabase } from '../../server/db/database.ts';
import type { LoadJob, LoadResult } from '../bench/api-loadgen.ts';
import { runLoadgen } from '../bench/run-loadgen.ts';
import { resetDatabase } from '../helpers/graph-state.ts';
import { clientWorkload, WORKLOAD_HEADERS } from './client-workload.ts';
import type { Drill, DrillRow } from './drill-types.ts';
import { startFetchLoad } from './fetch-load.ts';
import { startServerChild, type ServerChild } from './server-child.ts';

const DRILL = 'load';

/**
 * Growth of the collected heap between the last two of three equal runs that still counts as
 * noise. The first run fills what is meant to fill (the byte-bounded response cache, the driver's
 * pool, JIT code), so a leak shows as growth that goes on after it: a request that kept 1 kB would
 * add ~10 MB a run at the quick drill's ~1,100 req/s.
 */
const NOISE_MB = 4;
const NOISE_SHARE = 0.05;
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
    const memory = (m: { heapUsedMb: number; rssMb: number }) => `heap ${m.heapUsedMb.toFixed(1)} MB, RSS ${m.rssMb.toFixed(0)} MB`;
    const before = await server.heapAfterGc();
    options.log(`load: warmed up; server ${memory(before)}; ${sizes.durationS} s at ${sizes.connections} connections…`);
    const runs: LoadResult[] = [];
    const after: { heapUsedMb: number; rssMb: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(await runLoad(job(sizes.durationS)));
      await settle();
      after.push(await server.heapAfterGc());
      options.log(`load: run ${i + 1}: ${runs[i]!.reqPerSec.toFixed(0)} req/s, p99 ${runs[i]!.p99} ms; ${memory(after[i]!)}`);
    }
    const alive = server.exited() === undefined;
    const failures = (r: LoadResult) => r.non2xx + r.bodyErrors + r.socketErrors + r.timeouts;
    const total = runs.reduce((s, r) => s + r.requests, 0);
    const failed = runs.reduce((s, r) => s + failures(r), 0);
    const heap = after.map((m) => m.heapUsedMb);
    const growth = heap[RUNS - 1]! - heap[RUNS - 2]!;
    const noise = Math.max(NOISE_MB, heap[RUNS - 2]! * NOISE_SHARE);
    const mb = (n: number) => n.toFixed(1);
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
        case: `server heap after a full collection: no growth from run ${RUNS - 1} to run ${RUNS} beyond noise`,
        cases: 1,
        passed: growth <= noise ? 1 : 0,
        figure: `heap ${mb(before.heapUsedMb)} MB warm → ${heap.map((h, i) => `${mb(h)} MB after run ${i + 1}`).join(' → ')} (${growth >= 0 ? '+' : ''}${mb(growth)} MB, noise ≤ ${mb(noise)} MB); RSS ${[before, ...after].map((m) => m.rssMb.toFixed(0)).join(' → ')} MB`,
      },
    ];
    options.log(`load: ${total} requests, ${failed} failed`);
    return rows;
  } finally {
    await server?.stop(5_000);
    await db.close();
  }
};
