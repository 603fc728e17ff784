/**
 * Summaries of a V8 CPU profile (the `.cpuprofile` of `--cpu-prof` or of node:inspector's
 * Profiler): self time per function and per owner (our server, graphql-js, yoga/envelop,
 * neo4j-driver, Node itself, GC…), so a bench can print where a server's CPU went beside its
 * throughput. Pure: takes the profile object, returns rows.
 */
import type { Profiler } from 'node:inspector';

export interface ProfileRow {
  name: string;
  selfMs: number;
  /** Share of the profile's sampled time, idle excluded, in %. */
  pct: number;
}

/** Who a frame belongs to, from its script URL: the owners a reader of a server profile asks about. */
export function ownerOf(url: string, functionName: string): string {
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(program)') return 'V8/native (program)';
  if (functionName === '(idle)') return 'idle';
  if (!url) return 'V8/native';
  if (url.startsWith('node:')) return `node ${url.slice(5).split('/')[0]}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) {
    const name = pkg[1]!;
    if (name === 'graphql') return 'graphql-js';
    if (name.startsWith('@envelop/') || name.startsWith('@graphql-yoga/') || name === 'graphql-yoga' || name.startsWith('@whatwg-node/'))
      return 'yoga/envelop/whatwg-node';
    if (name.startsWith('@graphql-tools/')) return 'graphql-tools';
    if (name.startsWith('neo4j-driver')) return 'neo4j-driver';
    return name;
  }
  const ours = /\/(server|test)\/(.+)$/.exec(url);
  if (ours) return ours[1] === 'server' ? `ours: server/${ours[2]!.split('/')[0]}` : 'bench/test harness';
  return url;
}

function rows(selfUs: Map<string, number>, totalUs: number, top: number): ProfileRow[] {
  return [...selfUs]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, selfMs: Math.round(us / 100) / 10, pct: totalUs > 0 ? Math.round((us / totalUs) * 1000) / 10 : 0 }));
}

/**
 * Self time per owner and per function (`name file:line`), largest first. Sample intervals
 * come from `timeDeltas`; idle samples are left out of the total, so shares are of busy time.
 */
export function summariseProfile(profile: Profiler.Profile, top = 15): { busyMs: number; byOwner: ProfileRow[]; byFunction: ProfileRow[] } {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUsByNode = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // A sample's time is the gap to the next one (the last gets the mean of the rest).
    const next = deltas[i + 1];
    const us = next ?? (deltas.length > 1 ? deltas.slice(1).reduce((s, d) => s + d, 0) / (deltas.length - 1) : 0);
    selfUsByNode.set(samples[i]!, (selfUsByNode.get(samples[i]!) ?? 0) + Math.max(0, us));
  }
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busyUs = 0;
  for (const [id, us] of selfUsByNode) {
    const frame = nodes.get(id)?.callFrame;
    if (!frame) continue;
    const owner = ownerOf(frame.url, frame.functionName);
    if (owner === 'idle') continue;
    busyUs += us;
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + us);
    const file = frame.url ? frame.url.split('/').slice(-2).join('/') : '';
    const fn = `${frame.functionName || '(anonymous)'}${file ? ` ${file}:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  return { busyMs: Math.round(busyUs / 1000), byOwner: rows(byOwner, busyUs, top), byFunction: rows(byFunction, busyUs, top) };
}
