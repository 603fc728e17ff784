import { afterAll, describe, expect, it } from 'vitest';
import { didYouMean, formatDiagnostic } from '../../server/ingest/diagnostics.ts';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { makeSeedDir, SMALL_SEED } from '../helpers/seed-fixture.ts';

// What the bad-seed drill (test/drills/seed-input-drill.ts) found, pinned down one case each.
const dirs: Array<() => void> = [];
afterAll(() => dirs.forEach((d) => d()));
const load = (files: Record<string, string | Buffer>) => {
  const seed = makeSeedDir({});
  dirs.push(seed.remove);
  for (const [name, text] of Object.entries(files)) seed.write(name, text as string);
  const loaded = loadSeed({ seedDir: seed.dir });
  return { ...loaded, messages: loaded.diagnostics.map(formatDiagnostic) };
};

describe('seed text that is not seed text is refused where it goes wrong', () => {
  it('invalid UTF-8, at its line and column', () => {
    const bytes = Buffer.concat([Buffer.from('entities:\n  - { id: x, kind: Company, name: Z'), Buffer.from([0xfc]), Buffer.from('rich }\n')]);
    expect(load({ 'a.yaml': bytes }).messages).toEqual(['seed/data/a.yaml:2:36: invalid UTF-8 (bytes fc 72 69 63) (a seed file must be UTF-8 text)']);
  });

  it('control characters, raw or escaped', () => {
    expect(load({ 'a.yaml': 'entities:\n  - { id: x, kind: Company, name: X\u0007 }\n' }).messages).toEqual([
      'seed/data/a.yaml:2:36: control character U+0007 is not allowed in a seed file (delete it; it is invisible in most editors)',
    ]);
    expect(load({ 'a.yaml': 'entities:\n  - { id: x, kind: Company, name: "X\\u001b[31m" }\n' }).messages).toEqual([
      'seed/data/a.yaml:2:35: name: contains the control character U+001B',
    ]);
  });

  it('a lone carriage return', () => {
    expect(load({ 'a.yaml': 'entities:\r  - { id: x, kind: Company, name: X }\r' }).messages).toEqual([
      'seed/data/a.yaml:1:10: a carriage return (CR) without a line feed (end lines with LF or CRLF)',
    ]);
  });

  it('a byte-order mark and CRLF load the same graph', () => {
    const plain = load({ 'a.yaml': SMALL_SEED });
    const windows = load({ 'a.yaml': `\ufeff${SMALL_SEED.replaceAll('\n', '\r\n')}` });
    expect(windows.messages).toEqual([]);
    // The facts are the same; only the record of the bytes read (the digest cache's key) differs.
    const facts = (g: typeof plain.graph) => ({ ...g, inputs: undefined });
    expect(facts(windows.graph)).toEqual(facts(plain.graph));
    expect(windows.graph?.inputs?.files).not.toEqual(plain.graph?.inputs?.files);
  });
});

describe('shapes that used to crash or stall the validator', () => {
  it('deep nesting is refused before the YAML parser can overflow its stack (20 000 levels crashed V8)', () => {
    const started = Date.now();
    expect(load({ 'a.yaml': `entities: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n` }).messages).toEqual([
      'seed/data/a.yaml:1:42: nested more than 32 levels deep (seed files need lists of mappings, a few levels at most)',
    ]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a source whose outlet is unknown is an error, not a ReferenceError', () => {
    const text = SMALL_SEED.replace('    outlet: ap-news\n', '    outlet: ap-newz\n');
    expect(load({ 'a.yaml': text }).messages[0]).toBe('seed/data/a.yaml:12:13: unknown outlet "ap-newz" (did you mean "ap-news"?)');
  });

  it('duplicate keys are found in linear time, at the second key', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `    k${i}: 1\n`).join('');
    const started = Date.now();
    expect(load({ 'a.yaml': `entities:\n  -\n${keys}    k7: 2\n` }).messages[0]).toBe(
      'seed/data/a.yaml:20003:5: duplicate key "k7" (first at line 10, column 5; a mapping\'s keys must be unique)',
    );
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('a line longer than any value may be is refused before parsing', () => {
    expect(load({ 'a.yaml': `entities:\n  - { id: x, kind: Company, name: ${'x'.repeat(3_000_000)} }\n` }).messages).toEqual([
      'seed/data/a.yaml:2:50001: line is 3000036 characters long; the limit is 50000 (no seed value may exceed 10000 characters)',
    ]);
  });

  it('"did you mean" stays fast for a huge misspelling', () => {
    const started = Date.now();
    expect(
      didYouMean(
        'x'.repeat(200_000),
        Array.from({ length: 200 }, (_, i) => `source-${i}`),
      ),
    ).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(500);
    expect(didYouMean('ap-newz', ['reuters', 'ap-news'])).toBe('did you mean "ap-news"?');
  });
});

describe('look-alike Unicode in ids is named', () => {
  it('a Cyrillic letter', () => {
    expect(load({ 'a.yaml': SMALL_SEED.replace('id: huawei', 'id: huаwei') }).messages[0]).toBe(
      'seed/data/a.yaml:7:11: entity id "huаwei" is not a valid id (contains U+0430, which looks like "a"; did you mean "huawei"?)',
    );
  });

  it('an invisible character in a reference', () => {
    expect(load({ 'a.yaml': SMALL_SEED.replace('EXCLUDES huawei', 'EXCLUDES hua\u200bwei') }).messages[0]).toBe(
      'seed/data/a.yaml:17:28: relation to "hua\u200bwei" is not a valid id (contains the invisible character U+200B; did you mean "huawei"?)',
    );
  });
});
