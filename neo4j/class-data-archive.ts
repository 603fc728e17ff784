/**
 * The AppCDS archive of the launcher JVM: the ~13,000 classes a start loads (JDK, Neo4j, Netty,
 * Cypher, Scala), already parsed, verified and linked, mapped from one file instead of read from
 * 212 jars. It is written by the first start that finds none (the launcher dumps it on request
 * once Neo4j answers) and reused by every later start with the same jars and JDK.
 *
 * Files in `dir`, all named by the key (a hash of the JDK and of every jar's path, size, mtime):
 * `KEY.jsa` the archive, `KEY.json` its size and mtime when written (a file that no longer
 * matches is corrupt or half-copied and is rebuilt), `KEY.lock` the pid of the process writing
 * it (so concurrent starts do not all dump), `KEY.PID.N.tmp` an archive being written.
 * Archives of other keys are stale (the pom, the jars or the JDK changed) and are deleted.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClassDataFlags } from './jvm-options.ts';

/** Little-endian magic number at the start of a HotSpot dynamic (top) archive. */
const DYNAMIC_ARCHIVE_MAGIC = 0xf00baba8;

export type ClassDataStatus =
  /** The JVM mapped the archive. */
  | 'used'
  /** No archive yet: this start writes it (`written` says when and whether it worked). */
  | 'recording'
  /** The JVM refused the archive (see `reason`); it was deleted, the next start rebuilds it. */
  | 'rejected'
  /** Another live process is writing the archive; this start runs without one. */
  | 'busy'
  /** Class-data sharing is switched off. */
  | 'off';

export interface ClassDataPlan {
  key: string;
  dir: string;
  /** `used` here means "offered to the JVM"; checkArchiveWasMapped confirms it after the start. */
  status: ClassDataStatus;
  /** The archive's final path. */
  file: string;
  flags: ClassDataFlags;
  /** Set when `flags.mode` is `record`: where the launcher writes before the rename. */
  tmpFile?: string;
  /** Why a previous archive was thrown away before this start, if it was. */
  discarded?: string;
}

interface Sidecar {
  key: string;
  size: number;
  mtimeMs: number;
  createdAt: string;
}

/** A hash of everything the archive depends on: the JDK, and each jar by path, size and mtime. */
export function classDataKey(input: { javaIdentity: string; classpath: string[]; compressedOops: boolean }): string {
  const h = createHash('sha256').update(input.javaIdentity).update(`\0oops=${input.compressedOops}\0`);
  for (const jar of input.classpath) {
    const st = statSync(jar);
    h.update(`${jar}\0${st.size}\0${st.mtimeMs}\0`);
  }
  return h.digest('hex').slice(0, 20);
}

/** Decides whether this start uses, records or goes without the archive, and tidies `dir`. */
export function planClassData(o: { dir: string; key: string; dataDir: string; enabled: boolean }): ClassDataPlan {
  const file = join(o.dir, `${o.key}.jsa`);
  const base = { key: o.key, dir: o.dir, file };
  if (!o.enabled) return { ...base, status: 'off', flags: { mode: 'off' } };
  mkdirSync(o.dir, { recursive: true });
  pruneStale(o.dir, o.key);

  let discarded: string | undefined;
  if (existsSync(file)) {
    const why = sidecarMismatch(o.dir, o.key, file);
    if (!why) return { ...base, status: 'used', flags: { mode: 'use', file, logFile: join(o.dataDir, 'cds.log') } };
    discardArchive(o.dir, o.key);
    discarded = why;
  }
  const plan = (status: ClassDataStatus, flags: ClassDataFlags, tmpFile?: string): ClassDataPlan => ({
    ...base,
    status,
    flags,
    ...(tmpFile ? { tmpFile } : {}),
    ...(discarded ? { discarded } : {}),
  });
  if (!acquireLock(o.dir, o.key)) return plan('busy', { mode: 'off' });
  const tmpFile = join(o.dir, `${o.key}.${process.pid}.${Date.now()}.tmp`);
  return plan('recording', { mode: 'record', dumpLogFile: join(o.dataDir, 'cds-dump.log') }, tmpFile);
}

/**
 * Reads the JVM's CDS log after a start with the archive: `undefined` when the archive was
 * mapped, otherwise the JVM's reason. A refused archive is deleted so the next start rebuilds it.
 */
export function checkArchiveWasMapped(plan: ClassDataPlan): string | undefined {
  if (plan.flags.mode !== 'use') return undefined;
  let log = '';
  try {
    log = readFileSync(plan.flags.logFile, 'utf8');
  } catch {
    log = '';
  }
  const lines = log.split('\n');
  const refused = lines.find((l) => /Unable to use shared archive|\[error/.test(l));
  if (lines.some((l) => l.includes('Mapped dynamic region')) && !refused) return undefined;
  discardArchive(plan.dir, plan.key);
  // A header the JVM does not accept is only reported at info level, as "UseSharedSpaces: why".
  const why = refused ?? lines.findLast((l) => l.includes('UseSharedSpaces: '));
  return why?.replace(/^(\[[^\]]*\])+\s*/, '').trim() ?? 'the JVM did not map the archive (no "Mapped dynamic region" in its CDS log)';
}

/**
 * After the launcher reported the dump: keeps a complete archive under its final name, or
 * removes the attempt. Always releases the lock. Returns why it failed, or undefined.
 */
export function finishRecording(plan: ClassDataPlan, dumped: boolean): string | undefined {
  const { dir, tmpFile: tmp } = plan;
  try {
    if (!tmp) return 'nothing was recorded';
    if (!dumped || !existsSync(tmp)) return 'the launcher did not write the archive';
    if (!hasDynamicArchiveMagic(tmp)) return 'the written file is not a CDS archive';
    renameSync(tmp, plan.file);
    const st = statSync(plan.file);
    writeFileSync(
      join(dir, `${plan.key}.json`),
      JSON.stringify({ key: plan.key, size: st.size, mtimeMs: st.mtimeMs, createdAt: new Date().toISOString() } satisfies Sidecar),
    );
    return undefined;
  } finally {
    if (tmp) rmSync(tmp, { force: true });
    releaseLock(dir, plan.key);
  }
}

function hasDynamicArchiveMagic(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(4);
    return readSync(fd, buf, 0, 4, 0) === 4 && buf.readUInt32LE(0) === DYNAMIC_ARCHIVE_MAGIC;
  } finally {
    closeSync(fd);
  }
}

function sidecarMismatch(dir: string, key: string, file: string): string | undefined {
  let side: Sidecar;
  try {
    side = JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')) as Sidecar;
  } catch {
    return 'its record (.json) is missing or unreadable';
  }
  const st = statSync(file);
  if (side.key !== key || side.size !== st.size || side.mtimeMs !== st.mtimeMs) return 'the file changed since it was written';
  return undefined;
}

function discardArchive(dir: string, key: string): void {
  rmSync(join(dir, `${key}.jsa`), { force: true });
  rmSync(join(dir, `${key}.json`), { force: true });
}

/** Deletes archives of other keys and attempts whose writer is gone. */
function pruneStale(dir: string, key: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const [fileKey, second] = name.split('.');
    if (name.endsWith('.tmp')) {
      if (!alive(Number(second))) rmSync(path, { force: true });
    } else if (name.endsWith('.lock')) {
      if (!alive(lockOwner(path))) rmSync(path, { force: true });
    } else if (fileKey !== key && (name.endsWith('.jsa') || name.endsWith('.json'))) {
      rmSync(path, { force: true });
    }
  }
}

function acquireLock(dir: string, key: string): boolean {
  const lock = join(dir, `${key}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return false;
      if (alive(lockOwner(lock))) return false;
      rmSync(lock, { force: true });
    }
  }
  return false;
}

function releaseLock(dir: string, key: string): void {
  const lock = join(dir, `${key}.lock`);
  if (lockOwner(lock) === process.pid) rmSync(lock, { force: true });
}

function lockOwner(lock: string): number {
  try {
    return Number(readFileSync(lock, 'utf8').trim());
  } catch {
    return NaN;
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
