/**
 * A small closed-loop load generator for the fault drills: N workers post the workload's
 * bodies one after another and record every outcome with its time, so a drill can say which
 * answers failed, how, and when. (The load drill uses autocannon instead, for throughput.)
 */
import type { WorkloadRequest } from './client-workload.ts';

export interface Outcome {
  /** When the request was sent and when its answer (or failure) arrived, in ms since the epoch. */
  sent: number;
  done: number;
  op: string;
  /** HTTP status, or 0 when no HTTP answer came (connection refused, reset, timeout). */
  status: number;
  /** 2xx, a JSON body, and no `errors`. */
  ok: boolean;
  /** extensions.code of every GraphQL error in the body. */
  codes: string[];
  /** The network error or unparsable body, when there was one. */
  failure?: string;
}

export interface FetchLoad {
  outcomes: Outcome[];
  /** Stops sending and waits for the answers in flight. */
  stop(): Promise<Outcome[]>;
}

export function startFetchLoad(options: {
  url: string;
  headers: Record<string, string>;
  requests: readonly WorkloadRequest[];
  workers: number;
  /** Per-request timeout. @default 20000 (the client's) */
  timeoutMs?: number;
  /** Pause after a failed request, as a client would before retrying. @default 50 */
  backoffMs?: number;
}): FetchLoad {
  const outcomes: Outcome[] = [];
  let running = true;
  let next = 0;
  const one = (req: WorkloadRequest) => sendOne(options.url, options.headers, req, options.timeoutMs ?? 20_000);
  const worker = async () => {
    while (running) {
      const o = await one(options.requests[next++ % options.requests.length]!);
      outcomes.push(o);
      if (!o.ok) await new Promise((r) => setTimeout(r, options.backoffMs ?? 50));
    }
  };
  const workers = Array.from({ length: options.workers }, worker);
  return {
    outcomes,
    async stop() {
      running = false;
      await Promise.all(workers);
      return outcomes;
    },
  };
}

/** One POST with the client's timeout; every failure becomes an Outcome, never a throw. */
export async function sendOne(url: string, headers: Record<string, string>, req: WorkloadRequest, timeoutMs = 20_000): Promise<Outcome> {
  const sent = Date.now();
  try {
    const res = await fetch(url, { method: 'POST', headers, body: req.body, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let json: { errors?: Array<{ extensions?: { code?: unknown } }> } | undefined;
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      return { sent, done: Date.now(), op: req.op, status: res.status, ok: false, codes: [], failure: `not JSON: ${text.slice(0, 120)}` };
    }
    const codes = (json?.errors ?? []).map((e) => String(e.extensions?.code ?? 'NO_CODE'));
    return { sent, done: Date.now(), op: req.op, status: res.status, ok: res.ok && !json?.errors, codes };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { sent, done: Date.now(), op: req.op, status: 0, ok: false, codes: [], failure: cause?.code ?? (error as Error).name };
  }
}

/** Percentile of a list of numbers (nearest rank); NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
