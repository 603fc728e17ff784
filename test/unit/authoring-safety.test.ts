import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFilesAtomically } from '../../server/authoring/atomic-write.ts';
import { checkInputSizes, EditInputError } from '../../server/authoring/edit-inputs.ts';
import { fileVersion } from '../../server/authoring/file-version.ts';
import { applyFilePatch, fileDiff, parseSeedPatch } from '../../server/authoring/seed-diff-text.ts';
import { resolveSeedFile, SeedPathError } from '../../server/authoring/seed-paths.ts';
import { writeAccess } from '../../server/authoring/write-access.ts';
import { WriteMutex } from '../../server/authoring/write-mutex.ts';

const root = mkdtempSync(join(tmpdir(), 'splinternet-paths-'));
const seedDir = join(root, 'seed');
const outside = mkdtempSync(join(tmpdir(), 'splinternet-elsewhere-'));
mkdirSync(join(seedDir, 'data', 'topic'), { recursive: true });
writeFileSync(join(seedDir, 'data', 'uk.yaml'), 'entities:\n');
writeFileSync(join(outside, 'secret.yaml'), 'x: 1\n');
symlinkSync(outside, join(seedDir, 'data', 'out'));
symlinkSync(join(outside, 'secret.yaml'), join(seedDir, 'data', 'secret.yaml'));
symlinkSync(join(outside, 'missing.yaml'), join(seedDir, 'data', 'dangling.yaml'));
symlinkSync(join(seedDir, 'data', 'topic'), join(seedDir, 'data', 'inside'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('seed paths', () => {
  const refuse = (given: string, creating = false) => {
    try {
      resolveSeedFile(seedDir, root, given, { creating });
    } catch (err) {
      expect(err).toBeInstanceOf(SeedPathError);
      return (err as Error).message;
    }
    throw new Error(`${given} was accepted`);
  };

  it('accepts files under seed/data/, existing or new, and links that stay inside', () => {
    expect(resolveSeedFile(seedDir, root, 'seed/data/uk.yaml')).toEqual({ abs: join(seedDir, 'data', 'uk.yaml'), shown: 'seed/data/uk.yaml' });
    expect(resolveSeedFile(seedDir, root, 'seed/data/topic/new.yml', { creating: true }).shown).toBe('seed/data/topic/new.yml');
    expect(resolveSeedFile(seedDir, root, 'seed/data/inside/new.yaml', { creating: true }).shown).toBe('seed/data/inside/new.yaml');
    expect(resolveSeedFile(seedDir, root, 'seed/data/bulk.csv').shown).toBe('seed/data/bulk.csv');
  });

  it('refuses "..", absolute paths, other folders and extensions, and links out of seed/', () => {
    expect(refuse('../x.yaml')).toBe('the path may not contain ".."');
    expect(refuse('seed/data/../../etc/x.yaml')).toBe('the path may not contain ".."');
    expect(refuse('/etc/passwd.yaml')).toBe('give the path relative to the project (seed/data/…), not an absolute one');
    expect(refuse('C:/x.yaml')).toMatch(/not an absolute one/);
    expect(refuse('seed\\data\\x.yaml')).toMatch(/backslash/);
    expect(refuse('seed/ontology.yaml')).toBe('seed files are written under seed/data/ only');
    expect(refuse('seed/data/x.json')).toMatch(/only \.yaml, \.yml and \.csv/);
    expect(refuse('seed/data/x.csv', true)).toBe('a new seed file ends in .yaml or .yml');
    expect(refuse('seed/data/out/x.yaml', true)).toMatch(/leads out of the seed folder/);
    expect(refuse('seed/data/secret.yaml')).toMatch(/leads out of the seed folder/);
    expect(refuse('seed/data/dangling.yaml', true)).toMatch(/symbolic link that leads nowhere/);
    expect(refuse('seed/data/x\u0000.yaml')).toMatch(/control character/);
    expect(refuse('')).toMatch(/1 to 300 characters/);
  });
});

describe('versions, diffs and patches', () => {
  it('a version is a short hash of the bytes: a BOM or CRLF makes another version', () => {
    expect(fileVersion('a\n')).toMatch(/^[0-9a-f]{12}$/);
    expect(fileVersion('a\n')).toBe(fileVersion(Buffer.from('a\n')));
    expect(fileVersion('a\r\n')).not.toBe(fileVersion('a\n'));
    expect(fileVersion('\ufeffa\n')).not.toBe(fileVersion('a\n'));
  });

  it('diffs read like git diff and apply back exactly, CRLF and BOM included', () => {
    const before = '\ufeffa\r\nb\r\nc\r\n';
    const after = '\ufeffa\r\nb\r\nX\r\nc\r\n';
    const d = fileDiff('seed/data/x.yaml', before, after);
    expect(d).toBe('--- a/seed/data/x.yaml\n+++ b/seed/data/x.yaml\n@@ -1,3 +1,4 @@\n \ufeffa\r\n b\r\n+X\r\n c\r\n');
    const [p] = parseSeedPatch(d);
    expect(p).toMatchObject({ file: 'seed/data/x.yaml', creates: false, deletes: false });
    expect(applyFilePatch(before, p!.patch)).toBe(after);
    expect(applyFilePatch(before.replace('b', 'B'), p!.patch)).toBeNull();
    const created = fileDiff('seed/data/new.yaml', null, 'relations:\n');
    expect(created).toBe('--- /dev/null\n+++ b/seed/data/new.yaml\n@@ -0,0 +1,1 @@\n+relations:\n');
    expect(parseSeedPatch(created)[0]).toMatchObject({ file: 'seed/data/new.yaml', creates: true });
  });

  it('refuses renames and patches that name no file', () => {
    expect(() => parseSeedPatch('--- a/seed/data/a.yaml\n+++ b/seed/data/b.yaml\n@@ -1 +1 @@\n-a\n+b\n')).toThrow(/renames are not supported/);
    expect(() => parseSeedPatch('')).toThrow(/changes no file/);
  });
});

describe('who may write', () => {
  const at = (listenHost: string, env: NodeJS.ProcessEnv, authorization: string | null = null) =>
    writeAccess({ listenHost, authorization, hasSeed: true, env });
  it('loopback without a token; elsewhere only with the bearer token; never when read-only', () => {
    for (const host of ['127.0.0.1', '::1', 'localhost']) expect(at(host, {})).toEqual({ enabled: true, reason: null, tokenRequired: false });
    expect(at('0.0.0.0', {}).enabled).toBe(false);
    expect(at('192.168.1.4', { SPLINTERNET_EDIT_TOKEN: 's3cret' }, 'Bearer s3cret')).toEqual({ enabled: true, reason: null, tokenRequired: false });
    expect(at('192.168.1.4', { SPLINTERNET_EDIT_TOKEN: 's3cret' }, 'Bearer s3cre')).toEqual({
      enabled: false,
      reason: 'the bearer token is wrong',
      tokenRequired: true,
    });
    expect(at('192.168.1.4', { SPLINTERNET_EDIT_TOKEN: 's3cret' }, 's3cret').enabled).toBe(false);
    expect(at('192.168.1.4', { SPLINTERNET_EDIT_TOKEN: 's3cret' })).toEqual({
      enabled: false,
      reason: 'send SPLINTERNET_EDIT_TOKEN as "Authorization: Bearer <token>"',
      tokenRequired: true,
    });
    // No token configured on a public bind, or read-only: no token would help.
    expect(at('0.0.0.0', {}).tokenRequired).toBe(false);
    expect(at('0.0.0.0', { SPLINTERNET_READONLY: '1', SPLINTERNET_EDIT_TOKEN: 's' }).tokenRequired).toBe(false);
    expect(at('127.0.0.1', { SPLINTERNET_READONLY: '1' }).enabled).toBe(false);
    expect(at('0.0.0.0', { SPLINTERNET_READONLY: '1', SPLINTERNET_EDIT_TOKEN: 's' }, 'Bearer s').enabled).toBe(false);
    expect(writeAccess({ listenHost: '127.0.0.1', authorization: null, hasSeed: false, env: {} })).toEqual({
      enabled: false,
      reason: 'this server has no seed folder to edit',
      tokenRequired: false,
    });
  });
});

describe('inputs and writes', () => {
  it('caps string lengths and list sizes, naming the field', () => {
    expect(() => checkInputSizes({ evidence: Array.from({ length: 51 }, () => ({})) }, 'relation')).toThrow(
      new EditInputError('relation.evidence', 'give at most 50 items, got 51'),
    );
    expect(() => checkInputSizes({ aliases: ['x'.repeat(10_001)] }, 'entity')).toThrow(/entity\.aliases\[0\]: at most 10000 characters/);
    expect(() => checkInputSizes({ evidence: [{ date: 2020 }] }, 'relation')).toThrow(/relation\.evidence\[0\]\.date: expected a date as text/);
    expect(() => checkInputSizes({ name: 'ok', aliases: Array(100).fill('a') }, 'entity')).not.toThrow();
  });

  it('writes atomically through a temporary file in the same folder, leaving no temporary behind', () => {
    const dir = join(root, 'atomic');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.yaml'), 'old\n');
    writeFilesAtomically([
      { abs: join(dir, 'a.yaml'), text: 'new\r\n' },
      { abs: join(dir, 'sub', 'b.yaml'), text: '\ufeffb\n' },
    ]);
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe('new\r\n');
    expect(readFileSync(join(dir, 'sub', 'b.yaml'))).toEqual(Buffer.from('\ufeffb\n', 'utf8'));
    expect(readdirSync(dir).sort()).toEqual(['a.yaml', 'sub']);
    writeFilesAtomically([{ abs: join(dir, 'a.yaml'), text: null }]);
    expect(readdirSync(dir)).toEqual(['sub']);
  });

  it('the write mutex runs edits one at a time, in order, past failures', async () => {
    const m = new WriteMutex();
    const log: string[] = [];
    const step = (name: string, ms: number, fail = false) =>
      m.run(async () => {
        log.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([step('a', 30), step('b', 5, true), step('c', 1)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });
});
