import { chmodSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalNeo4j, type LocalNeo4j } from '../../neo4j/local-neo4j.ts';

// Its own cache folder, so the project's archive is neither used nor disturbed.
const cacheDir = mkdtempSync(join(tmpdir(), 'splinternet-cds-it-'));
const started: LocalNeo4j[] = [];

async function start(): Promise<LocalNeo4j> {
  const db = await startLocalNeo4j({ mode: 'ephemeral', cacheDir, log: () => {} });
  started.push(db);
  return db;
}

async function answers(uri: string): Promise<number> {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', 'neo4j'));
  try {
    const { records } = await driver.executeQuery('RETURN 40 + 2 AS n');
    return records[0]!.get('n').toNumber();
  } finally {
    await driver.close();
  }
}

/** Overwrites `bytes` at `offset` of a file without changing its size. */
function scribble(path: string, offset: number, bytes: string): void {
  chmodSync(path, 0o644); // the JVM writes archives read-only
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.from(bytes), 0, bytes.length, offset);
  closeSync(fd);
}

afterAll(async () => {
  await Promise.all(started.map((db) => db.stop()));
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('the class-data archive of the local Neo4j', () => {
  let archive = '';

  it('is written by the first start and mapped by the next one', async () => {
    const first = await start();
    expect(first.classData.status).toBe('recording');
    expect(await first.classData.written).toBe(true);
    archive = first.classData.archive;
    expect(statSync(archive).size).toBeGreaterThan(10_000_000);
    expect(existsSync(archive.replace(/\.jsa$/, '.json'))).toBe(true);
    await first.stop();

    const second = await start();
    expect(second.classData).toMatchObject({ status: 'used', archive });
    expect(readFileSync(join(second.dataDir, 'cds.log'), 'utf8')).toContain('Mapped dynamic region');
    expect(await answers(second.uri)).toBe(42);
    await second.stop();
  }, 600_000);

  it('is rebuilt when the file changed since it was written, and the start still works', async () => {
    scribble(archive, 4096, 'corrupt');
    const db = await start();
    expect(db.classData.status).toBe('recording');
    expect(await answers(db.uri)).toBe(42);
    expect(await db.classData.written).toBe(true);
    await db.stop();
    // A new file, with a record that matches it again.
    expect(
      readFileSync(archive)
        .subarray(4096, 4096 + 'corrupt'.length)
        .toString(),
    ).not.toBe('corrupt');
    expect(JSON.parse(readFileSync(archive.replace(/\.jsa$/, '.json'), 'utf8'))).toMatchObject({
      size: statSync(archive).size,
      mtimeMs: statSync(archive).mtimeMs,
    });
  }, 600_000);

  it('is skipped when the JVM refuses it, and deleted so the next start rebuilds it', async () => {
    // A header from another JDK build; its record is made to match, so only the JVM can tell.
    scribble(archive, 8, 'XXXXXXXX');
    const sidecar = archive.replace(/\.jsa$/, '.json');
    const st = statSync(archive);
    writeFileSync(sidecar, JSON.stringify({ ...JSON.parse(readFileSync(sidecar, 'utf8')), size: st.size, mtimeMs: st.mtimeMs }));

    const refused = await start();
    expect(refused.classData.status).toBe('rejected');
    expect(refused.classData.reason).toMatch(/UseSharedSpaces|Unable to use shared archive/);
    expect(await answers(refused.uri)).toBe(42);
    expect(existsSync(archive)).toBe(false);
    await refused.stop();

    const rebuilt = await start();
    expect(rebuilt.classData.status).toBe('recording');
    expect(await rebuilt.classData.written).toBe(true);
    await rebuilt.stop();
    expect(existsSync(archive)).toBe(true);
  }, 900_000);
});
