/**
 * The load generator of the API benchmark, run as a child process (autocannon is
 * single-threaded and must not share the servers' event loop). Gets one job over IPC, runs a
 * warm-up and then the measured run, sends back the numbers and exits.
 */
import autocannon from 'autocannon';

export interface LoadJob {
  url: string;
  headers: Record<string, string>;
  /** Request bodies, cycled in order across all connections. */
  bodies: string[];
  /**
   * When given, the order to send `bodies` in (indexes into it, cycled): a Zipf workload repeats
   * a few bodies thousands of times, and the peer's depth-2 query is 196 KB, so 5,000 copies of
   * it would not fit in one message to this process.
   */
  order?: number[];
  connections: number;
  durationS: number;
  warmupS: number;
  timeoutS: number;
}

export interface LoadResult {
  requests: number;
  reqPerSec: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  /** 2xx responses whose JSON body has an "errors" member. */
  bodyErrors: number;
  /** Socket errors and timeouts. */
  socketErrors: number;
  timeouts: number;
  bytesPerSec: number;
  durationS: number;
  /** CPU time the load generator itself used during the measured run, in % of one core. */
  loadgenCpuPct: number;
}

function run(job: LoadJob, durationS: number, count: { bodyErrors: number }): Promise<autocannon.Result> {
  let next = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: job.url,
        connections: job.connections,
        duration: durationS,
        timeout: job.timeoutS,
        requests: [
          {
            method: 'POST',
            headers: job.headers,
            setupRequest: (req) => ({ ...req, body: job.order ? job.bodies[job.order[next++ % job.order.length]!]! : job.bodies[next++ % job.bodies.length]! }),
            onResponse: (status, body) => {
              if (status >= 200 && status < 300 && body.includes('"errors":')) count.bodyErrors++;
            },
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    process.once('SIGTERM', () => instance.stop());
  });
}

process.once('message', (job: LoadJob) => {
  void (async () => {
    try {
      if (job.warmupS > 0) await run(job, job.warmupS, { bodyErrors: 0 });
      const count = { bodyErrors: 0 };
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const r = await run(job, job.durationS, count);
      const wallMs = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const result: LoadResult = {
        requests: r.requests.total,
        reqPerSec: r.requests.average,
        p50: r.latency.p50,
        p90: r.latency.p90,
        p99: r.latency.p99,
        max: r.latency.max,
        non2xx: r.non2xx,
        bodyErrors: count.bodyErrors,
        socketErrors: r.errors,
        timeouts: r.timeouts,
        bytesPerSec: r.throughput.average,
        durationS: r.duration,
        loadgenCpuPct: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
      };
      process.send!({ ok: true, result }, () => process.exit(0));
    } catch (err) {
      process.send!({ ok: false, error: String((err as Error).stack ?? err) }, () => process.exit(1));
    }
  })();
});
