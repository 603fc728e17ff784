/**
 * `npm run bench:workers [-- --duration 15] [-- --connections 32] [-- --rounds 2]`: the real
 * server (`server/main.ts`, a child process) with SPLINTERNET_WORKERS=1 and =2, response cache
 * off and on, under the client's operations (search, neighbourhoods, paths, entity; the
 * drills' workload over the real dataset) from autocannon in its own process, on a throw-away
 * local Neo4j (or TEST_NEO4J_URI). Configurations alternate within each round. Prints a table
 * of medians with the CPU split (server processes / Neo4j / load generator / rest of the host)
 * and writes bench-results/workers.json; asserts nothing.
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { freePort, startLocalNeo4j } from '../../neo4j/local-neo4j.ts';
import { openDatabase } from '../../server/db/database.ts';
import { clientWorkload, WORKLOAD_HEADERS } from '../drills/client-workload.ts';
import { startServerChild, type ServerChild } from '../drills/server-child.ts';
import { resetDatabase } from '../helpers/graph-state.ts';
import type { LoadJob, LoadResult } from './api-loadgen.ts';
import { reportBench } from './bench-report.ts';
import { childPids, CLK_TCK, processCpuTicks, systemCpu } from './cpu-accounting.ts';
import { runLoadgen } from './run-loadgen.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '32' },
    rounds: { type: 'string', default: '2' },
  },
});
const durationS = Number(values.duration);
const connections = Number(values.connections);
const rounds = Number(values.rounds);
/** Before each measured run: JIT, Neo4j's query plans, the cache when on (3 s left the first run cold). */
const WARMUP_S = 8;

interface Config {
  workers: number;
  cache: boolean;
}
const CONFIGS: Config[] = [
  { workers: 1, cache: false },
  { workers: 2, cache: false },
  { workers: 1, cache: true },
  { workers: 2, cache: true },
];
const label = (c: Config) => `${c.workers} worker${c.workers > 1 ? 's' : ''}, cache ${c.cache ? 'on' : 'off'}`;

interface Measured {
  reqPerSec: number;
  p50: number;
  p99: number;
  failed: number;
  server: number;
  neo4j: number;
  loadgen: number;
  other: number;
  load: number;
}

const external = process.env.TEST_NEO4J_URI;
const local = external ? undefined : await startLocalNeo4j({ mode: 'ephemeral', heapMb: 1024, pageCacheMb: 256 });
const neo4j = {
  uri: external ?? local!.uri,
  username: process.env.TEST_NEO4J_USERNAME ?? 'neo4j',
  password: process.env.TEST_NEO4J_PASSWORD ?? 'neo4j',
};
const db = openDatabase(neo4j);
const results = new Map<string, Measured[]>();
try {
  await resetDatabase(db);
  for (let round = 0; round < rounds; round++) {
    // Rotated per round, so no configuration always runs first (or on a warmer Neo4j).
    const order = CONFIGS.map((_, i) => CONFIGS[(i + round) % CONFIGS.length]!);
    for (const config of order) {
      const m = await measure(config);
      (results.get(label(config)) ?? results.set(label(config), []).get(label(config))!).push(m);
      console.error(
        `  round ${round + 1}, ${label(config)}: ${m.reqPerSec.toFixed(0)} req/s, p99 ${m.p99} ms, ${m.failed} failed; CPU % of a core: server ${m.server.toFixed(0)}, neo4j ${m.neo4j.toFixed(0)}, loadgen ${m.loadgen.toFixed(0)}, other ${m.other.toFixed(0)}; load ${m.load.toFixed(2)}`,
      );
    }
  }
} finally {
  await db.close();
  await local?.stop();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const base = (cache: boolean) => median(results.get(label({ workers: 1, cache }))!.map((m) => m.reqPerSec));
reportBench(
  'workers',
  CONFIGS.map((config) => {
    const runs = results.get(label(config))!;
    const rps = median(runs.map((m) => m.reqPerSec));
    return {
      server: label(config),
      'req/s': Math.round(rps),
      '× 1 worker': Number((rps / base(config.cache)).toFixed(2)),
      'p50 ms': median(runs.map((m) => m.p50)),
      'p99 ms': median(runs.map((m) => m.p99)),
      failed: runs.reduce((s, m) => s + m.failed, 0),
      'cpu% srv/neo4j/gen/other': ['server', 'neo4j', 'loadgen', 'other'].map((k) => median(runs.map((m) => m[k as keyof Measured])).toFixed(0)).join('/'),
      'load avg': runs.map((m) => m.load.toFixed(1)).join(', '),
    };
  }),
  {
    machine: `${cpus().length} cores shared by Neo4j, the server's processes, the load generator and the host`,
    workload: `the client's operations over the real dataset (test/drills/client-workload.ts), ${connections} connections, ${durationS} s per run after a ${WARMUP_S} s warm-up, ${rounds} rounds; medians`,
    cpu: '% of one core during the measured run: srv = the server process and its workers, neo4j = the JVM, gen = autocannon, other = the rest of the host',
  },
);

async function measure(config: Config): Promise<Measured> {
  let server: ServerChild | undefined;
  try {
    server = await startServerChild({
      port: await freePort(),
      neo4j,
      env: { SPLINTERNET_WORKERS: String(config.workers), SPLINTERNET_RESPONSE_CACHE: config.cache ? '1' : '0', SPLINTERNET_LOG_LEVEL: 'info' },
    });
    // /readyz answers once one worker listens; the primary says when all of them do.
    const ready = Date.now() + 60_000;
    while (config.workers > 1 && !server.output().includes(`(${config.workers} workers;`)) {
      if (Date.now() > ready) throw new Error(`the workers did not all listen:\n${server.output().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const requests = await clientWorkload(db, 25);
    const job: LoadJob = {
      url: `${server.baseUrl}/graphql`,
      headers: WORKLOAD_HEADERS,
      bodies: requests.map((r) => r.body),
      connections,
      durationS,
      warmupS: 0,
      timeoutS: 30,
    };
    // Warm-up (JIT, query plans, the cache when on), then the measured run with its CPU ticks.
    await runLoadgen({ ...job, durationS: WARMUP_S }, { killAfterS: 120 });
    const pids = [server.pid, ...childPids(server.pid)];
    const sys0 = systemCpu();
    const srv0 = pids.reduce((s, p) => s + processCpuTicks(p), 0);
    const neo0 = processCpuTicks(local?.pid);
    const started = Date.now();
    const r: LoadResult = await runLoadgen(job, { killAfterS: durationS + 120 });
    const wallS = (Date.now() - started) / 1000;
    const sys1 = systemCpu();
    const srv = pids.reduce((s, p) => s + processCpuTicks(p), 0) - srv0;
    const neo = processCpuTicks(local?.pid) - neo0;
    const pct = (ticks: number) => (ticks / CLK_TCK / wallS) * 100;
    const machine = ((sys1.busy - sys0.busy) / (sys1.total - sys0.total)) * cpus().length * 100;
    const server_ = pct(srv);
    const neo4j_ = pct(neo);
    return {
      reqPerSec: r.reqPerSec,
      p50: r.p50,
      p99: r.p99,
      failed: r.non2xx + r.bodyErrors + r.socketErrors + r.timeouts,
      server: server_,
      neo4j: neo4j_,
      loadgen: r.loadgenCpuPct,
      other: Math.max(0, machine - server_ - neo4j_ - r.loadgenCpuPct),
      load: loadavg()[0]!,
    };
  } finally {
    await server?.stop(10_000);
  }
}
