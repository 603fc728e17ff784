import type { Profiler } from 'node:inspector';
import { describe, expect, it } from 'vitest';
import { ownerOf, summariseProfile } from '../bench/cpu-profile-summary.ts';

const frame = (id: number, functionName: string, url: string, lineNumber = 0): Profiler.ProfileNode => ({
  id,
  callFrame: { functionName, url, lineNumber, columnNumber: 0, scriptId: String(id) },
});

describe('CPU profile summary (bench:api --profile)', () => {
  it('names the owner of a frame from its script URL', () => {
    expect(ownerOf('file:///w/node_modules/graphql/execution/execute.js', 'executeField')).toBe('graphql-js');
    expect(ownerOf('file:///w/node_modules/@envelop/core/cjs/orchestrator.js', 'f')).toBe('yoga/envelop/whatwg-node');
    expect(ownerOf('file:///w/node_modules/neo4j-driver-bolt-connection/lib/x.js', 'f')).toBe('neo4j-driver');
    expect(ownerOf('file:///w/server/graphql/plan/fragment.ts', 'f')).toBe('ours: server/graphql');
    expect(ownerOf('node:internal/streams/writable', 'write')).toBe('node internal');
    expect(ownerOf('', '(garbage collector)')).toBe('GC');
    expect(ownerOf('', '(idle)')).toBe('idle');
  });

  it('adds self time per owner and function from the sample gaps, idle left out of the shares', () => {
    const profile: Profiler.Profile = {
      nodes: [
        frame(1, '(root)', ''),
        frame(2, 'executeField', 'file:///w/node_modules/graphql/execution/execute.js', 9),
        frame(3, 'planNeighbourhood', 'file:///w/server/graphql/plan/neighbourhood.ts', 41),
        frame(4, '(idle)', ''),
      ],
      startTime: 0,
      endTime: 10_000,
      // The first delta is the gap from the start; each sample lasts until the next one.
      samples: [2, 2, 3, 4, 3, 2],
      timeDeltas: [5, 1000, 1000, 3000, 2000, 1000],
    };
    const s = summariseProfile(profile);
    // graphql: 1000 + 1000 + last sample (mean of the gaps after the first = 1600) = 3600 µs;
    // ours: 3000 + 1000 = 4000 µs; idle 2000 µs, not counted.
    expect(s.busyMs).toBe(8); // 7.6 ms rounded
    expect(s.byOwner.map((r) => r.name)).toEqual(['ours: server/graphql', 'graphql-js']);
    expect(s.byOwner[0]!.selfMs).toBe(4);
    expect(s.byOwner[1]!.selfMs).toBe(3.6);
    expect(s.byOwner[0]!.pct).toBeCloseTo(52.6, 1);
    expect(s.byFunction[0]!.name).toBe('planNeighbourhood plan/neighbourhood.ts:42');
  });
});
