/**
 * The command line of the launcher JVM, as a pure function so the choices are testable and
 * written down in one place (neo4j/README.md explains each).
 */

/**
 * `quick-start`: C1 only and SerialGC. Half of a start's CPU is C2 compiling methods that a small
 * dev or test database runs a few hundred times, and G1's concurrent threads compete with the
 * start on a 2-core machine. `throughput`: the JVM's defaults (tiered C1+C2, G1), for a large heap
 * where a long load pays the compilation back.
 */
export type Neo4jTuning = 'quick-start' | 'throughput';

/** Heaps above this are benchmarks and bulk loads; at or below, dev and test instances. */
export const QUICK_START_MAX_HEAP_MB = 1024;

/** `NEO4J_LOCAL_TUNING` overrides the choice by heap size. */
export function defaultTuning(heapMb: number, env: Record<string, string | undefined> = process.env): Neo4jTuning {
  const forced = env.NEO4J_LOCAL_TUNING?.trim();
  if (forced === 'quick-start' || forced === 'throughput') return forced;
  if (forced) throw new Error(`NEO4J_LOCAL_TUNING must be "quick-start" or "throughput", not "${forced}"`);
  return heapMb <= QUICK_START_MAX_HEAP_MB ? 'quick-start' : 'throughput';
}

/** What to do with the AppCDS archive on this start (see class-data-archive.ts). */
export type ClassDataFlags = { mode: 'use'; file: string; logFile: string } | { mode: 'record'; dumpLogFile: string } | { mode: 'off' };

export interface JvmOptions {
  heapMb: number;
  tuning: Neo4jTuning;
  classData: ClassDataFlags;
  /** Tags the JVM with the test run that started it, so the orphan check finds only its own. */
  runId?: string | undefined;
}

const JDK_OPENS = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
];

export function launcherJvmArgs(o: JvmOptions): string[] {
  return [
    `-Xms${Math.min(o.heapMb, 256)}m`,
    `-Xmx${o.heapMb}m`,
    '-XX:+ExitOnOutOfMemoryError',
    '-Dfile.encoding=UTF-8',
    // Log4j registers JMX beans for every logger context at start; nobody reads them here.
    '-Dlog4j2.disable.jmx=true',
    // What Neo4j's own neo4j.conf passes: without java.nio open, Neo4j cannot build direct
    // buffers over its own memory and silently keeps transaction state on the heap (debug.log:
    // "OFF_HEAP ... Defaulting to ON_HEAP"), and Netty (Bolt) falls back to its slower buffers.
    ...JDK_OPENS,
    ...(o.tuning === 'quick-start' ? ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'] : []),
    ...classDataArgs(o.classData),
    ...(o.runId ? [`-Dsplinternet.run=${o.runId}`] : []),
  ];
}

function classDataArgs(c: ClassDataFlags): string[] {
  switch (c.mode) {
    case 'use':
      // -Xshare:auto (the default) is the safety net: an archive the JVM rejects (other JDK,
      // changed jars, corrupt file) is skipped with a warning and the start goes on without it.
      // The info lines go to their own file, where the start checks that the archive was mapped.
      return ['-Xshare:auto', `-XX:SharedArchiveFile=${c.file}`, `-Xlog:cds=info,cds+dynamic=info:file=${c.logFile}`];
    case 'record':
      // Lets the launcher write the archive on request once Neo4j answers (VM.cds dynamic_dump);
      // the dump's thousand "skipping class" warnings go to a file instead of launcher.log.
      return ['-XX:+RecordDynamicDumpInfo', '-Xlog:cds*=off', `-Xlog:cds*=warning:file=${c.dumpLogFile}`];
    case 'off':
      return [];
  }
}
