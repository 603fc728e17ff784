import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkArchiveWasMapped, classDataKey, finishRecording, planClassData } from '../../neo4j/class-data-archive.ts';
import { defaultTuning, launcherJvmArgs } from '../../neo4j/jvm-options.ts';
import { isLauncherCommandLine } from '../../neo4j/local-neo4j.ts';

/** A file that starts like a HotSpot dynamic archive (magic 0xf00baba8, little-endian). */
function fakeArchive(path: string, bytes = 64): void {
  const buf = Buffer.alloc(bytes, 7);
  buf.writeUInt32LE(0xf00baba8, 0);
  writeFileSync(path, buf);
}

describe('the launcher JVM command line', () => {
  it('starts small heaps quickly (C1, SerialGC) and leaves large ones to the JVM defaults', () => {
    expect(defaultTuning(512, {})).toBe('quick-start');
    expect(defaultTuning(1024, {})).toBe('quick-start');
    expect(defaultTuning(1025, {})).toBe('throughput');
    expect(defaultTuning(8192, { NEO4J_LOCAL_TUNING: 'quick-start' })).toBe('quick-start');
    expect(defaultTuning(512, { NEO4J_LOCAL_TUNING: 'throughput' })).toBe('throughput');
    expect(() => defaultTuning(512, { NEO4J_LOCAL_TUNING: 'fast' })).toThrow('NEO4J_LOCAL_TUNING must be "quick-start" or "throughput", not "fast"');
  });

  it('sets heap, JIT, GC and the archive flags for each case', () => {
    expect(launcherJvmArgs({ heapMb: 768, tuning: 'quick-start', classData: { mode: 'use', file: '/c/k.jsa', logFile: '/d/cds.log' }, runId: '42' })).toEqual([
      '-Xms256m',
      '-Xmx768m',
      '-XX:+ExitOnOutOfMemoryError',
      '-Dfile.encoding=UTF-8',
      '-Dlog4j2.disable.jmx=true',
      '--add-opens=java.base/java.nio=ALL-UNNAMED',
      '--add-opens=java.base/java.io=ALL-UNNAMED',
      '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
      '-Dio.netty.tryReflectionSetAccessible=true',
      '-XX:TieredStopAtLevel=1',
      '-XX:+UseSerialGC',
      '-Xshare:auto',
      '-XX:SharedArchiveFile=/c/k.jsa',
      '-Xlog:cds=info,cds+dynamic=info:file=/d/cds.log',
      '-Dsplinternet.run=42',
    ]);
    const big = launcherJvmArgs({ heapMb: 8192, tuning: 'throughput', classData: { mode: 'record', dumpLogFile: '/d/dump.log' } });
    expect(big).toEqual([
      '-Xms256m',
      '-Xmx8192m',
      '-XX:+ExitOnOutOfMemoryError',
      '-Dfile.encoding=UTF-8',
      '-Dlog4j2.disable.jmx=true',
      '--add-opens=java.base/java.nio=ALL-UNNAMED',
      '--add-opens=java.base/java.io=ALL-UNNAMED',
      '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
      '-Dio.netty.tryReflectionSetAccessible=true',
      '-XX:+RecordDynamicDumpInfo',
      '-Xlog:cds*=off',
      '-Xlog:cds*=warning:file=/d/dump.log',
    ]);
    expect(launcherJvmArgs({ heapMb: 128, tuning: 'throughput', classData: { mode: 'off' } }).join(' ')).toBe(
      '-Xms128m -Xmx128m -XX:+ExitOnOutOfMemoryError -Dfile.encoding=UTF-8 -Dlog4j2.disable.jmx=true --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true',
    );
  });
});

describe('the orphan check', () => {
  it('recognises launcher JVMs, compiled or source-file, and nothing else', () => {
    expect(
      isLauncherCommandLine(
        '123 /usr/lib/jvm/java-17/bin/java -Xmx768m -Dsplinternet.run=9 -cp /c/launcher-ab.jar:/m/neo4j.jar Launcher --home /tmp/splinternet-neo4j-x --port 1',
      ),
    ).toBe(true);
    expect(isLauncherCommandLine('123 java -Xmx512m -cp /m/neo4j.jar /w/neo4j/Launcher.java --home /tmp/splinternet-neo4j-x --port 1')).toBe(true);
    expect(isLauncherCommandLine('456 java -jar neo4j.jar --home /tmp/x')).toBe(false);
    expect(isLauncherCommandLine('789 vim neo4j/Launcher.java')).toBe(false);
  });
});

describe('the class-data archive', () => {
  let dir: string;
  let dataDir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'splinternet-cds-unit-'));
    dataDir = mkdtempSync(join(tmpdir(), 'splinternet-cds-data-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is keyed by the JDK and by every jar, so a changed jar or JDK means a new archive', () => {
    const jar = join(dir, 'a.jar');
    writeFileSync(jar, 'x');
    const key = () => classDataKey({ javaIdentity: '/usr/lib/jvm/17/bin/java\nopenjdk 17.0.15', classpath: [jar], compressedOops: true });
    const k1 = key();
    expect(k1).toMatch(/^[0-9a-f]{20}$/);
    expect(key()).toBe(k1);
    writeFileSync(jar, 'xy');
    const k2 = key();
    expect(k2).not.toBe(k1);
    utimesSync(jar, new Date(2000, 0, 1), new Date(2000, 0, 1));
    expect(key()).not.toBe(k2);
    expect(classDataKey({ javaIdentity: 'openjdk 21', classpath: [jar], compressedOops: true })).not.toBe(key());
    expect(classDataKey({ javaIdentity: 'openjdk 21', classpath: [jar], compressedOops: false })).not.toBe(
      classDataKey({ javaIdentity: 'openjdk 21', classpath: [jar], compressedOops: true }),
    );
  });

  it('records when there is none, lets only one start record, and uses it once written', () => {
    const first = planClassData({ dir, key: 'k1', dataDir, enabled: true });
    expect(first.status).toBe('recording');
    expect(first.flags).toEqual({ mode: 'record', dumpLogFile: join(dataDir, 'cds-dump.log') });
    expect(readFileSync(join(dir, 'k1.lock'), 'utf8')).toBe(String(process.pid));

    // A second start while this (live) process records goes without.
    expect(planClassData({ dir, key: 'k1', dataDir, enabled: true })).toMatchObject({ status: 'busy', flags: { mode: 'off' } });

    fakeArchive(first.tmpFile!);
    expect(finishRecording(first, true)).toBeUndefined();
    expect(existsSync(join(dir, 'k1.lock'))).toBe(false);
    expect(existsSync(first.tmpFile!)).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'k1.json'), 'utf8'))).toMatchObject({ key: 'k1', size: 64 });

    expect(planClassData({ dir, key: 'k1', dataDir, enabled: true })).toMatchObject({
      status: 'used',
      flags: { mode: 'use', file: join(dir, 'k1.jsa'), logFile: join(dataDir, 'cds.log') },
    });
    expect(planClassData({ dir, key: 'k1', dataDir, enabled: false })).toMatchObject({ status: 'off', flags: { mode: 'off' } });
  });

  it('keeps nothing that is not a whole archive', () => {
    const plan = planClassData({ dir, key: 'k2', dataDir, enabled: true });
    writeFileSync(plan.tmpFile!, 'not an archive');
    expect(finishRecording(plan, true)).toBe('the written file is not a CDS archive');
    expect(readdirSync(dir)).toEqual([]);

    const again = planClassData({ dir, key: 'k2', dataDir, enabled: true });
    fakeArchive(again.tmpFile!);
    expect(finishRecording(again, false)).toBe('the launcher did not write the archive');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('rebuilds an archive that changed since it was written (corrupt, half-copied)', () => {
    fakeArchive(join(dir, 'k3.jsa'));
    writeFileSync(join(dir, 'k3.json'), JSON.stringify({ key: 'k3', size: 64, mtimeMs: 1, createdAt: '' }));
    const plan = planClassData({ dir, key: 'k3', dataDir, enabled: true });
    expect(plan).toMatchObject({ status: 'recording', discarded: 'the file changed since it was written' });
    expect(existsSync(join(dir, 'k3.jsa'))).toBe(false);

    fakeArchive(join(dir, 'k4.jsa'));
    expect(planClassData({ dir, key: 'k4', dataDir, enabled: true })).toMatchObject({
      status: 'recording',
      discarded: 'its record (.json) is missing or unreadable',
    });
  });

  it('deletes archives of other keys and attempts of processes that are gone', () => {
    fakeArchive(join(dir, 'old.jsa'));
    writeFileSync(join(dir, 'old.json'), '{}');
    writeFileSync(join(dir, 'k5.999999999.1.tmp'), 'half');
    writeFileSync(join(dir, 'k5.lock'), '999999999');
    writeFileSync(join(dir, `k5.${process.pid}.2.tmp`), 'mine');
    const plan = planClassData({ dir, key: 'k5', dataDir, enabled: true });
    // The dead process's lock was taken over.
    expect(plan.status).toBe('recording');
    expect(readdirSync(dir).sort()).toEqual([`k5.${process.pid}.2.tmp`, 'k5.lock']);
  });

  it('confirms from the JVM log that the archive was mapped, and deletes one the JVM refused', () => {
    fakeArchive(join(dir, 'k6.jsa'));
    const plan = {
      key: 'k6',
      dir,
      file: join(dir, 'k6.jsa'),
      status: 'used' as const,
      flags: { mode: 'use' as const, file: join(dir, 'k6.jsa'), logFile: join(dataDir, 'cds.log') },
    };
    writeFileSync(plan.flags.logFile, '[0.02s][info][cds] Mapped dynamic region #0 at base 0x7f (ReadWrite)\n');
    expect(checkArchiveWasMapped(plan)).toBeUndefined();
    expect(existsSync(plan.file)).toBe(true);

    const refusals: Array<[log: string, reason: string | RegExp]> = [
      [
        '[0.02s][info][cds] Mapped dynamic region #0 at base 0x7f (ReadWrite)\n[0.15s][warning][cds,dynamic] Unable to use shared archive. The top archive failed to load: /c/k6.jsa\n',
        'Unable to use shared archive. The top archive failed to load: /c/k6.jsa',
      ],
      [
        '[0.03s][info][cds] _version expected: 11\n[0.03s][info][cds] UseSharedSpaces: The shared archive file has the wrong version.\n',
        'UseSharedSpaces: The shared archive file has the wrong version.',
      ],
      ['', /did not map the archive/],
    ];
    for (const [log, reason] of refusals) {
      fakeArchive(plan.file);
      writeFileSync(plan.flags.logFile, log);
      expect(checkArchiveWasMapped(plan)).toMatch(reason);
      expect(existsSync(plan.file)).toBe(false);
    }
  });
});
