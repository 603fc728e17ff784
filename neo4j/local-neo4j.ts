import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j from 'neo4j-driver';
import { checkArchiveWasMapped, classDataKey, finishRecording, planClassData, type ClassDataPlan, type ClassDataStatus } from './class-data-archive.ts';
import { defaultTuning, launcherJvmArgs, type Neo4jTuning } from './jvm-options.ts';
import { compiledLauncher } from './launcher-jar.ts';
import { LocalNeo4jError } from './local-neo4j-error.ts';

export { LocalNeo4jError } from './local-neo4j-error.ts';
export type { Neo4jTuning } from './jvm-options.ts';
export type { ClassDataStatus } from './class-data-archive.ts';

const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = resolve(here, '..');
/** Prefix of every throw-away data folder; the orphan check looks for it. */
export const EPHEMERAL_PREFIX = 'splinternet-neo4j-';

/** True for the `ps` command line of a launcher JVM (the compiled jar's, or the older source-file form). */
export function isLauncherCommandLine(line: string): boolean {
  return /[\s/]Launcher(\.java)? --home /.test(line);
}

export interface LocalNeo4jOptions {
  /** `persistent` keeps data in `dataDir` across runs; `ephemeral` uses a temp folder it deletes. */
  mode: 'persistent' | 'ephemeral';
  /** @default `.data/neo4j` for persistent mode, a fresh temp folder for ephemeral mode */
  dataDir?: string;
  /** Bolt port on 127.0.0.1. @default 7687 (persistent) or a free port (ephemeral) */
  port?: number;
  /** @default 512 */
  heapMb?: number;
  /** @default 128 */
  pageCacheMb?: number;
  /** Cap on memory held by open transactions. @default 256 */
  txMemoryMb?: number;
  /** Keep transaction state off the JVM heap, up to this many MB (bulk loads). @default 0: on the heap */
  txStateOffHeapMb?: number;
  /** How long to wait for `RETURN 1` over Bolt. @default 180000 */
  timeoutMs?: number;
  /** Progress lines (Maven resolving, started in N ms). @default console.log */
  log?: (line: string) => void;
  /** JIT and GC choice (see jvm-options.ts). @default `quick-start` up to a 1 GB heap, else `throughput`; `NEO4J_LOCAL_TUNING` overrides */
  tuning?: Neo4jTuning;
  /** Map the launcher's classes from an AppCDS archive, writing it on the first start. @default true unless `NEO4J_LOCAL_CDS=0` */
  classDataSharing?: boolean;
  /** Classpath, compiled launcher and class-data archive. @default `.cache/neo4j` */
  cacheDir?: string;
}

export interface LocalNeo4jClassData {
  /** What the JVM did with the archive on this start. */
  status: ClassDataStatus;
  /** The archive's path (whether or not it exists yet). */
  archive: string;
  /** Why the archive was not used or thrown away, when it was. */
  reason?: string;
  /** Settles once a `recording` start has written the archive (true) or given up (false). */
  written: Promise<boolean>;
}

export interface LocalNeo4j {
  uri: string;
  port: number;
  dataDir: string;
  /** Milliseconds from spawn to the first successful `RETURN 1`; 0 when an instance was reused. */
  startMs: number;
  /** Pid of the JVM. */
  pid: number;
  /** True when an already-running instance of this data folder was reused. */
  reused: boolean;
  tuning: Neo4jTuning;
  classData: LocalNeo4jClassData;
  stop(): Promise<void>;
}

interface PidFile {
  pid: number;
  port: number;
}

/** Starts (or reuses) Neo4j Community from Maven Central jars, bound to 127.0.0.1 only. */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const log = options.log ?? ((line: string) => console.log(line));
  const java = findJava();
  const cacheDir = resolve(options.cacheDir ?? join(projectRoot, '.cache', 'neo4j'));
  const classpath = resolveClasspath(cacheDir, log);
  const launcherJar = compiledLauncher({ cacheDir, classpath, jdkBin: dirname(java.bin), javaIdentity: java.identity, log });

  const ephemeral = options.mode === 'ephemeral';
  const dataDir = resolve(options.dataDir ?? (ephemeral ? mkdtempSync(join(tmpdir(), EPHEMERAL_PREFIX)) : join(projectRoot, '.data', 'neo4j')));
  mkdirSync(dataDir, { recursive: true });
  const pidPath = join(dataDir, 'launcher.json');
  const heapMb = options.heapMb ?? 512;
  const tuning = options.tuning ?? defaultTuning(heapMb);

  if (!ephemeral) {
    const reused = await reuseRunning(pidPath);
    if (reused) {
      log(`neo4j: reusing running instance (pid ${reused.pid}) at bolt://127.0.0.1:${reused.port}`);
      const classData = { status: 'off' as const, archive: '', written: Promise.resolve(false) };
      return { ...reused, dataDir, startMs: 0, reused: true, tuning, classData, stop: async () => {} };
    }
  }

  const port = options.port ?? (ephemeral ? await freePort() : Number(process.env.NEO4J_LOCAL_PORT ?? 7687));
  if (!(await portIsFree(port))) {
    throw new LocalNeo4jError(`port ${port} on 127.0.0.1 is taken by another process; set NEO4J_LOCAL_PORT to another port, or NEO4J_URI to use that server`);
  }

  const fullClasspath = `${launcherJar}${delimiter}${classpath}`;
  const plan = planClassData({
    dir: join(cacheDir, 'cds'),
    key: classDataKey({ javaIdentity: java.identity, classpath: fullClasspath.split(delimiter), compressedOops: heapMb < 32 * 1024 }),
    dataDir,
    enabled: options.classDataSharing ?? process.env.NEO4J_LOCAL_CDS !== '0',
  });
  if (plan.discarded) log(`neo4j: rebuilding the class-data archive: ${plan.discarded}`);

  const logPath = join(dataDir, 'launcher.log');
  const logFd = openSync(logPath, 'w');
  const started = Date.now();
  const child = spawn(
    java.bin,
    [
      ...launcherJvmArgs({ heapMb, tuning, classData: plan.flags, runId: process.env.SPLINTERNET_RUN_ID }),
      '-cp',
      fullClasspath,
      'Launcher',
      '--home',
      dataDir,
      '--port',
      String(port),
      '--pagecache-mb',
      String(options.pageCacheMb ?? 128),
      '--tx-memory-mb',
      String(options.txMemoryMb ?? 256),
      '--tx-state-off-heap-mb',
      String(options.txStateOffHeapMb ?? 0),
      '--delete-on-exit',
      String(ephemeral),
    ],
    // stdin stays a pipe: the launcher exits when it closes, so the JVM dies with this process.
    { stdio: ['pipe', logFd, logFd], detached: false },
  );
  closeSync(logFd);
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const uri = `bolt://127.0.0.1:${port}`;
  try {
    await waitForBolt(uri, options.timeoutMs ?? 180_000, exited);
  } catch (err) {
    child.kill('SIGKILL');
    await exited;
    process.removeListener('exit', killOnExit);
    if (plan.status === 'recording') finishRecording(plan, false);
    const tail = tailOf(logPath, 25);
    if (ephemeral) rmSync(dataDir, { recursive: true, force: true });
    throw new LocalNeo4jError(`${(err as Error).message}\n--- last lines of ${logPath} ---\n${tail}`);
  }
  const startMs = Date.now() - started;
  const pid = child.pid ?? -1;
  if (!ephemeral) writeFileSync(pidPath, JSON.stringify({ pid, port } satisfies PidFile));
  const classData = settleClassData(plan, child, exited, logPath, log);
  const cds = classData.status === 'used' ? 'class-data archive' : `class-data archive ${classData.status}`;
  log(`neo4j: started ${uri} (${options.mode}, ${tuning}, ${cds}, pid ${pid}) in ${(startMs / 1000).toFixed(1)} s`);
  // On a first start the launcher writes its class-data archive now, and the JVM pauses for it:
  // no caller may send work before that (the drills' first queries timed out in the pause).
  if (classData.status === 'recording') {
    await classData.written;
    log(`neo4j: class-data archive written in ${((Date.now() - started - startMs) / 1000).toFixed(1)} s`);
  }

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // A dump in progress finishes first (a few seconds, once): stopping mid-dump would lose it.
      await classData.written;
      await stopChild(child, exited);
      process.removeListener('exit', killOnExit);
      if (ephemeral) rmSync(dataDir, { recursive: true, force: true });
      else rmSync(pidPath, { force: true });
    })());
  return { uri, port, dataDir, startMs, pid, reused: false, tuning, classData, stop };
}

/**
 * After Neo4j answered: confirms the JVM mapped the archive, or asks the launcher to write one
 * now (the classes of the start and of a Bolt query are loaded) and keeps it when it is whole.
 */
function settleClassData(
  plan: ClassDataPlan,
  child: ChildProcess,
  exited: Promise<number | null>,
  logPath: string,
  log: (line: string) => void,
): LocalNeo4jClassData {
  const base = { archive: plan.file };
  if (plan.status === 'used') {
    const refused = checkArchiveWasMapped(plan);
    if (!refused) return { ...base, status: 'used', written: Promise.resolve(false) };
    log(`neo4j: the JVM refused the class-data archive (${refused}); the next start rebuilds it`);
    return { ...base, status: 'rejected', reason: refused, written: Promise.resolve(false) };
  }
  if (plan.status !== 'recording' || !plan.tmpFile) {
    return { ...base, status: plan.status, ...(plan.status === 'busy' ? { reason: 'another start is writing it' } : {}), written: Promise.resolve(false) };
  }
  child.stdin?.write(`cds-dump ${plan.tmpFile}\n`);
  const written = waitForDump(logPath, plan.tmpFile, exited).then((ok) => {
    const failed = finishRecording(plan, ok);
    if (failed) log(`neo4j: no class-data archive this time: ${failed}`);
    return !failed;
  });
  return { ...base, status: 'recording', written };
}

/** Watches launcher.log for the launcher's answer to `cds-dump`. */
async function waitForDump(logPath: string, file: string, exited: Promise<number | null>, timeoutMs = 180_000): Promise<boolean> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    let text = '';
    try {
      text = readFileSync(logPath, 'utf8');
    } catch {
      return false;
    }
    if (text.includes(`neo4j-launcher: cds-dump written ${file}`)) return true;
    if (text.includes(`neo4j-launcher: cds-dump failed ${file}`)) return false;
    if (gone) return false;
    await new Promise((r) => setTimeout(r, 100).unref());
  }
  return false;
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.stdin?.end();
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

function requireTool(cmd: string, args: string[], what: string): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) throw new LocalNeo4jError(`'${cmd}' was not found on PATH: install ${what}, or set NEO4J_URI to use another Neo4j`);
  return `${r.stdout}${r.stderr}`;
}

/**
 * The `java` on PATH, resolved through symlinks (Debian's alternatives), and what identifies
 * that JDK for the caches: its real path and `java -version`.
 */
function findJava(): { bin: string; identity: string } {
  const version = requireTool('java', ['-version'], 'a JDK 17+ (Debian: apt-get install -y openjdk-17-jdk-headless)');
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, 'java'))
    .find((p) => existsSync(p));
  const bin = onPath ? realpathSync(onPath) : 'java';
  return { bin, identity: `${bin}\n${version.trim()}` };
}

/** Maven resolves the jars once; the classpath is cached per pom.xml so later starts skip Maven. */
function resolveClasspath(cacheDir: string, log: (line: string) => void): string {
  const pom = join(here, 'pom.xml');
  const hash = createHash('sha256').update(readFileSync(pom)).digest('hex').slice(0, 16);
  const cacheFile = join(cacheDir, `classpath-${hash}.txt`);
  if (existsSync(cacheFile)) {
    const cached = readFileSync(cacheFile, 'utf8').trim();
    // The Maven cache may have been wiped since; then resolve again.
    if (cached && cached.split(':').every((jar) => existsSync(jar))) return cached;
  }
  requireTool('mvn', ['-v'], 'Maven 3.8+ (Debian: apt-get install -y maven)');
  log('neo4j: resolving Neo4j jars from Maven Central (first run only)…');
  mkdirSync(dirname(cacheFile), { recursive: true });
  const r = spawnSync('mvn', ['-q', '-B', '-f', pom, 'dependency:build-classpath', `-Dmdep.outputFile=${cacheFile}`], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0 || !existsSync(cacheFile)) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
    throw new LocalNeo4jError(`Maven could not resolve Neo4j from Maven Central (exit ${r.status}):\n${out}`);
  }
  return readFileSync(cacheFile, 'utf8').trim();
}

async function reuseRunning(pidPath: string): Promise<{ uri: string; port: number; pid: number } | undefined> {
  if (!existsSync(pidPath)) return undefined;
  let pf: PidFile;
  try {
    pf = JSON.parse(readFileSync(pidPath, 'utf8')) as PidFile;
    process.kill(pf.pid, 0);
  } catch {
    rmSync(pidPath, { force: true });
    return undefined;
  }
  const uri = `bolt://127.0.0.1:${pf.port}`;
  return (await boltAnswers(uri)) ? { uri, port: pf.port, pid: pf.pid } : undefined;
}

/**
 * One bounded attempt: while Neo4j starts it accepts Bolt connections and then answers nothing
 * for a while, and an unbounded attempt (the driver retries for 30 s) would report it ready late.
 */
async function boltAnswers(uri: string, timeoutMs = 2000): Promise<boolean> {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', 'neo4j'), { connectionTimeout: timeoutMs, maxTransactionRetryTime: 0 });
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      driver.executeQuery('RETURN 1').then(() => true),
      new Promise<boolean>((res) => (timer = setTimeout(() => res(false), timeoutMs))),
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    // Not awaited: closing a connection that hangs in its handshake could itself hang.
    void driver.close().catch(() => {});
  }
}

async function waitForBolt(uri: string, timeoutMs: number, exited: Promise<number | null>): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new LocalNeo4jError(`Neo4j exited during start (exit code ${exitCode})`);
    if (await boltAnswers(uri)) return;
    // Connection refused costs microseconds, so poll often: a start is ready within 50 ms of it.
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new LocalNeo4jError(`Neo4j did not answer RETURN 1 on ${uri} within ${timeoutMs / 1000} s`);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((res) => {
    const srv = createServer();
    srv.once('error', () => res(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => res(true)));
  });
}

/** A port on 127.0.0.1 that is free right now. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

function tailOf(path: string, lines: number): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
