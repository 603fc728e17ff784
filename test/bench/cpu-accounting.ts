/**
 * CPU accounting for the benchmarks, from /proc: what the machine did during a measured run
 * (2 cores shared by everything), and what each process of it used.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times (USER_HZ, 100 on Linux). */
export const CLK_TCK = 100;

/** Ticks the whole machine spent busy, and in all, since boot. */
export function systemCpu(): { busy: number; total: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = f[3]! + (f[4] ?? 0);
  const total = f.reduce((s, x) => s + x, 0);
  return { busy: total - idle, total };
}

/** User + system ticks of one process (0 when it is gone or unknown). */
export function processCpuTicks(pid: number | undefined): number {
  if (!pid || pid < 0) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(rest[11]) + Number(rest[12]); // utime, stime
  } catch {
    return 0;
  }
}

/** A process's direct children (a cluster's workers), from /proc. */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
