/**
 * Drill 1, bad seed input: hand-written malformed files plus a fast-check fuzzer that mutates
 * the real seed files (wrong types, truncation, binary junk, huge strings, deep nesting, alias
 * bombs, look-alike ids, duplicate keys). Each bad seed goes through the path `npm run seed:sync`
 * takes (loadSeed, then syncSeed only when there is no diagnostic) against a Neo4j holding the
 * real dataset: it must be refused with a located error, in time, without a throw, and the
 * graph checksum must not move. Mutations that keep a file valid (byte-order mark, CRLF) must
 * load exactly the original graph.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { openDatabase } from '../../server/db/database.ts';
import { formatDiagnostic, type Diagnostic } from '../../server/ingest/diagnostics.ts';
import { loadSeed, type LoadedSeed } from '../../server/ingest/load-seed.ts';
import { syncSeed } from '../../server/ingest/sync-seed.ts';
import { graphChecksum, sameChecksum } from '../helpers/graph-state.ts';
import { SEED_DIR } from '../helpers/seed-fixture.ts';
import type { Drill, DrillRow } from './drill-types.ts';
import { Tally, loadRealDataset, ms } from './input-drill-support.ts';

/** Validation slower than this counts as a hang. */
const TIME_LIMIT_MS = 5_000;

/** One seed to try: data files to replace or add (name → content). */
interface SeedCase {
  name: string;
  files: Record<string, string | Buffer>;
  /** reject: refused with a located error in `file` (matching `message`); same-graph: loads the original graph. */
  expect: 'reject' | 'same-graph';
  file: string;
  message?: RegExp;
}

export const seedInputDrill: Drill = async ({ neo4j, quick, log }) => {
  const db = openDatabase(neo4j);
  const work = mkdtempSync(join(tmpdir(), 'splinternet-seed-drill-'));
  try {
    const seedDir = join(work, 'seed');
    cpSync(join(SEED_DIR, 'ontology.yaml'), join(seedDir, 'ontology.yaml'));
    cpSync(join(SEED_DIR, 'data'), join(seedDir, 'data'), { recursive: true });
    const originals = new Map(readdirSync(join(seedDir, 'data')).map((n) => [n, readFileSync(join(seedDir, 'data', n))]));

    await loadRealDataset(db);
    const base = loadSeed({ seedDir });
    if (base.diagnostics.length > 0) throw new Error(`the real seed is invalid: ${base.diagnostics.map(formatDiagnostic).join('; ')}`);
    const baseGraph = JSON.stringify(base.graph);
    let before = await graphChecksum(db);

    // DRILL_SEED=<the seed a failing row shows> replays the same cases.
    const seed = Number(process.env.DRILL_SEED ?? Date.now() % 1_000_000);
    const perKind = quick ? 10 : 60;
    log(`seed input: fast-check seed ${seed}, ${perKind} mutations per kind`);
    const groups: Array<[string, SeedCase[]]> = [['hand-written malformed files', handWrittenCases()], ...fuzzCases(originals, perKind, seed, quick)];

    const rows: DrillRow[] = [];
    for (const [group, cases] of groups) {
      const tally = new Tally('seed input', group);
      let groupMax = 0;
      for (const c of cases) {
        const outcome = await tryCase(c);
        groupMax = Math.max(groupMax, outcome.ms);
        tally.record(outcome.failure && `${c.name}: ${outcome.failure}`);
      }
      const verdict = cases[0]?.expect === 'same-graph' ? 'accepted, same graph' : 'refused with file:line:column';
      const replay = group.startsWith('fuzz') ? `; fast-check seed ${seed}` : '';
      rows.push(tally.row(`${verdict}; max validation ${ms(groupMax)}; DB checksum unchanged (${before.nodes} nodes, ${before.relationships} rels)${replay}`));
      log(`seed input: ${group}: ${tally.passed}/${tally.cases}`);
    }
    return rows;

    /** Writes the case's files over a fresh copy of the real data, tries it, and restores the copy. */
    async function tryCase(c: SeedCase): Promise<{ failure?: string; ms: number }> {
      for (const [name, text] of Object.entries(c.files)) writeFileSync(join(seedDir, 'data', name), text);
      try {
        return await judge(c);
      } finally {
        for (const name of Object.keys(c.files)) {
          const original = originals.get(name);
          if (original) writeFileSync(join(seedDir, 'data', name), original);
          else rmSync(join(seedDir, 'data', name), { force: true });
        }
      }
    }

    async function judge(c: SeedCase): Promise<{ failure?: string; ms: number }> {
      const started = performance.now();
      let loaded: LoadedSeed;
      try {
        loaded = loadSeed({ seedDir });
      } catch (err) {
        return { failure: `validator threw ${(err as Error).stack?.split('\n').slice(0, 3).join(' ') ?? String(err)}`, ms: performance.now() - started };
      }
      const took = performance.now() - started;
      // The sync path: `npm run seed:sync` stops at the first diagnostic, otherwise syncs.
      let synced = false;
      if (loaded.diagnostics.length === 0) {
        await syncSeed(db, loaded.graph);
        synced = true;
      }
      const after = await graphChecksum(db);
      const problems: string[] = [];
      if (took > TIME_LIMIT_MS) problems.push(`validation took ${ms(took)}`);
      if (!sameChecksum(before, after)) problems.push(`database changed (${before.nodes}/${before.relationships} → ${after.nodes}/${after.relationships})`);
      if (c.expect === 'reject') {
        if (synced) problems.push('accepted');
        else problems.push(...locationProblems(loaded.diagnostics, loaded.files, c));
      } else if (!synced) problems.push(`refused: ${loaded.diagnostics.slice(0, 2).map(formatDiagnostic).join('; ')}`);
      else if (JSON.stringify(loaded.graph) !== baseGraph) problems.push('loaded a different graph');
      if (synced && !sameChecksum(before, after)) {
        // Put the real dataset back so the next case starts from it.
        await syncSeed(db, base.graph);
        before = await graphChecksum(db);
      }
      return problems.length > 0 ? { failure: problems.join('; '), ms: took } : { ms: took };
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
    await db.close();
  }
};

/** Every diagnostic located in a real file; at least one in the broken file, saying what is wrong. */
function locationProblems(ds: Diagnostic[], files: string[], c: SeedCase): string[] {
  const problems: string[] = [];
  const known = new Set(files);
  const unlocated = ds.find((d) => !known.has(d.file) || !(d.line >= 1) || !(d.column >= 1));
  if (unlocated) problems.push(`unlocated error ${formatDiagnostic(unlocated)}`);
  const file = `seed/data/${c.file}`;
  const inFile = ds.filter((d) => d.file === file);
  if (inFile.length === 0) problems.push(`no error in ${file} (got ${ds.slice(0, 2).map(formatDiagnostic).join('; ')})`);
  else if (c.message && !inFile.some((d) => c.message!.test(`${d.message} (${d.hint ?? ''})`))) {
    problems.push(`expected ${c.message} in ${file}, got ${inFile.slice(0, 2).map(formatDiagnostic).join('; ')}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Hand-written cases: each added as seed/data/drill.yaml (or .csv) beside the real files.

function handWrittenCases(): SeedCase[] {
  const y = (name: string, text: string | Buffer, message?: RegExp): SeedCase => ({
    name,
    files: { 'drill.yaml': text },
    expect: 'reject',
    file: 'drill.yaml',
    ...(message ? { message } : {}),
  });
  const csv = (name: string, text: string | Buffer, message?: RegExp): SeedCase => ({
    name,
    files: { 'drill.csv': text },
    expect: 'reject',
    file: 'drill.csv',
    ...(message ? { message } : {}),
  });
  const ent = (body: string) => `entities:\n  - { ${body} }\n`;
  const rel = (line: string) => `relations:\n  - ${line}\n`;
  const CSV_HEAD = 'from,type,to,outlet,quote,url,date\n';
  const bomb = (levels: number) =>
    Array.from({ length: levels }, (_, i) => `l${i}: &l${i} [${i === 0 ? 'lol' : `*l${i - 1}`}${`, ${i === 0 ? 'lol' : `*l${i - 1}`}`.repeat(8)}]`).join('\n') +
    '\n';
  let manyKeys = 'entities:\n  -';
  for (let i = 0; i < 20_000; i++) manyKeys += `${i ? '    ' : ' '}k${i}: 1\n`;
  let deepBlock = 'entities:\n';
  for (let i = 0; i < 5_000; i++) deepBlock += `${' '.repeat(2 * i + 2)}-\n`;
  return [
    y('unclosed flow mapping', 'entities:\n  - { id: x, kind: Company\n', /YAML/),
    y('tab indentation', 'entities:\n\t- id: x\n', /Tabs/),
    y('top level is a list', '- huawei\n', /must be a mapping/),
    y('top level is a string', 'just text\n', /must be a mapping/),
    y('unknown top-level key', 'entites: []\n', /unknown top-level key/),
    y('entities is a number', 'entities: 42\n', /must be a list/),
    y('entity is a string', 'entities:\n  - huawei\n', /entity must be a mapping/),
    y('entity without id', ent('kind: Company, name: X'), /id is missing/),
    y('entity without kind', ent('id: drill-x, name: X'), /no kind/),
    y('upper-case id', ent('id: Drill-X, kind: Company, name: X'), /not a valid id/),
    y('unknown kind', ent('id: drill-x, kind: Compnay, name: X'), /unknown kind/),
    y('name is a mapping', ent('id: drill-x, kind: Company, name: { first: X }'), /name: expected a string/),
    y('founded is a word', ent('id: drill-x, kind: Company, name: X, founded: soon'), /malformed date/),
    y('lengthKm is a string', ent('id: drill-x, kind: Infrastructure, name: X, lengthKm: long'), /expected a number/),
    y('aliases is a mapping', ent('id: drill-x, kind: Company, name: X, aliases: { a: 1 }'), /aliases: expected a list/),
    y('duplicate id across files', ent('id: huawei, kind: Company, name: Huawei again'), /duplicate entity id "huawei"/),
    y('unknown relation type', rel('us BANS tiktok @ap-tiktok-ban'), /unknown relation type/),
    y('dangling id', rel('us PLANS_TO_BAN tiktk @ap-tiktok-ban'), /unknown entity id "tiktk".*did you mean "tiktok"/),
    y('relation without evidence', rel('us PLANS_TO_BAN tiktok'), /no evidence/),
    y('unknown source', rel('us PLANS_TO_BAN tiktok @ap-tiktok-bam'), /unknown source/),
    y('evidence without quote or url', rel('{ from: us, type: PLANS_TO_BAN, to: tiktok, evidence: { outlet: ap-news, date: 2020 } }'), /quote or a url/),
    y('month 13', rel('{ from: us, type: PLANS_TO_BAN, to: tiktok, since: 2020-13-01, evidence: ap-tiktok-ban }'), /month 13/),
    y('until before since', rel('{ from: us, type: PLANS_TO_BAN, to: tiktok, since: 2021-06-09, until: 2020-01-01, evidence: ap-tiktok-ban }'), /before since/),
    y(
      'javascript: URL',
      rel('{ from: us, type: PLANS_TO_BAN, to: tiktok, evidence: { outlet: ap-news, date: 2020, url: "javascript:alert(1)" } }'),
      /malformed URL/,
    ),
    y('duplicate key in a flow mapping', ent('id: drill-x, kind: Company, name: X, name: Y'), /duplicate key "name"/),
    y('duplicate top-level key', 'entities: []\nentities: []\n', /duplicate key "entities"/),
    y('billion laughs (9 levels)', bomb(9), /anchors|aliases/),
    y('merge key with an alias', 'entities:\n  - &base { id: drill-x, kind: Company, name: X }\n  - { <<: *base, id: drill-y }\n', /anchors|aliases/),
    y('100 000 nested brackets', `entities: ${nestedFlow('[', '', ']', 100_000)}\n`, /nested more than/),
    y('100 000 nested brackets on one line', `entities: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, /line is \d+ characters long/),
    y('5 000 nested block levels', deepBlock, /nested more than/),
    y('10 000 compact "- " levels', `entities:\n  ${'- '.repeat(10_000)}x\n`, /nested more than/),
    y('1 MB name', ent(`id: drill-x, kind: Company, name: ${'x'.repeat(1_000_000)}`), /line is 1000\d+ characters long/),
    y('12 000-character description', ent(`id: drill-x, kind: Company, name: X, description: ${'y'.repeat(12_000)}`), /value is 12000 characters long/),
    y('200-character id', ent(`id: ${'a'.repeat(200)}, kind: Company, name: X`), /not a valid id/),
    y('20 000 keys in one mapping', manyKeys, /id is missing/),
    y('PNG bytes', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), /UTF-8/),
    y('NUL in a name', ent('id: drill-x, kind: Company, name: X\u0000Y'), /NUL/),
    y('Latin-1 text', Buffer.from(ent('id: drill-x, kind: Company, name: Zürich'), 'latin1'), /invalid UTF-8/),
    y('UTF-16 with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ent('id: drill-x, kind: Company, name: X'), 'utf16le')]), /invalid UTF-8/),
    y('BEL in a name', ent('id: drill-x, kind: Company, name: X\u0007Y'), /control character U\+0007/),
    y('escape sequence in a quoted name', ent('id: drill-x, kind: Company, name: "X\\u001b[31mY"'), /control character|escape|characters/),
    y('old Mac line ends (CR only)', 'entities:\r  - { id: drill-x, kind: Company, name: X }\r', /carriage return/),
    y('Cyrillic а in an id', ent('id: drill-huаwei, kind: Company, name: X'), /U\+0430.*did you mean "drill-huawei"/),
    y('Greek ο in a relation end', rel('us PLANS_TO_BAN tiktοk @ap-tiktok-ban'), /U\+03BF.*did you mean "tiktok"/),
    y('zero-width space in an id', ent('id: drill\u200b-x, kind: Company, name: X'), /invisible character U\+200B/),
    y('full-width letters in an id', ent('id: ｄrill-x, kind: Company, name: X'), /U\+FF44.*did you mean "drill-x"/),
    y('two documents', 'entities: []\n---\nentities: []\n', /multiple documents/),
    y('unknown tag', ent('id: drill-x, kind: Company, name: !foo X'), /tag/),
    y('binary tag', ent('id: drill-x, kind: Company, name: !!binary aGVsbG8='), /expected a string/),
    csv('CSV missing column', 'from,type,to,outlet,url,date\nus,PLANS_TO_BAN,tiktok,ap-news,https://x.org,2020\n', /missing CSV column/),
    csv('CSV unclosed quote', `${CSV_HEAD}us,PLANS_TO_BAN,tiktok,ap-news,"oops,,2020\n`, /Quote Not Closed/),
    csv('CSV short row', `${CSV_HEAD}us,PLANS_TO_BAN,tiktok,ap-news\n`, /expected 7 fields/),
    csv('CSV Cyrillic id', `${CSV_HEAD}us,PLANS_TO_BAN,tiktоk,ap-news,q,,2020\n`, /U\+043E/),
    csv('CSV NUL', `${CSV_HEAD}us,PLANS_TO_BAN,tiktok,ap-news,q\u0000,,2020\n`, /NUL/),
    csv('CSV 20 000-character quote', `${CSV_HEAD}us,PLANS_TO_BAN,tiktok,ap-news,${'q'.repeat(20_000)},,2020\n`, /characters long/),
  ];
}

// ---------------------------------------------------------------------------------------------
// The fuzzer: fast-check picks a place in a real file and a way to break it.

/** A scalar value in a real YAML file, by the key it belongs to. */
interface Spot {
  file: string;
  start: number;
  end: number;
  key: string;
  value: string;
}

/** A key: value pair, where a duplicate of the key can go. */
interface PairSpot {
  file: string;
  key: string;
  keyStart: number;
  valueEnd: number;
  flow: boolean;
}

const ID_KEYS = new Set(['id', 'from', 'to', 'outlet', 'evidence', 'source']);
/** Latin letters and the Cyrillic or Greek letters that look like them. */
const LOOKALIKE: Record<string, string[]> = {
  a: ['а', 'α'],
  c: ['с'],
  e: ['е', 'ε'],
  i: ['і', 'ι'],
  j: ['ј'],
  k: ['к', 'κ'],
  o: ['о', 'ο'],
  p: ['р', 'ρ'],
  s: ['ѕ'],
  t: ['τ'],
  v: ['ν'],
  x: ['х', 'χ'],
  y: ['у'],
  h: ['һ'],
  d: ['ԁ'],
  w: ['ԝ'],
  '-': ['‐', '–'],
};
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u00ad', '\u2060', '\ufeff'];

function fuzzCases(originals: Map<string, Buffer>, n: number, seed: number, quick: boolean): Array<[string, SeedCase[]]> {
  const texts = new Map([...originals].map(([name, b]) => [name, b.toString('utf8')]));
  const yamlNames = [...texts.keys()].filter((f) => f.endsWith('.yaml'));
  const csvNames = [...texts.keys()].filter((f) => f.endsWith('.csv'));
  const scalars: Spot[] = [];
  const idSpots: Spot[] = [];
  const pairs: PairSpot[] = [];
  const flows: Array<{ file: string; start: number; end: number }> = [];
  for (const file of yamlNames) collectSpots(file, texts.get(file)!, scalars, idSpots, pairs, flows);
  for (const file of csvNames) collectCsvIds(file, texts.get(file)!, idSpots);

  const splice = (file: string, start: number, end: number, insert: string) => {
    const t = texts.get(file)!;
    return t.slice(0, start) + insert + t.slice(end);
  };
  const reject = (kind: string, file: string, content: string | Buffer, message?: RegExp, detail = ''): SeedCase => ({
    name: `${kind} in ${file}${detail}`,
    files: { [file]: content },
    expect: 'reject',
    file,
    ...(message ? { message } : {}),
  });
  // Values that are the wrong type for every seed field; lists are fine inside aliases, numbers for names.
  const wrongValue = (key: string) =>
    fc.constantFrom(...['{ x: 1 }', 'true', 'false', 'null', '~', '.inf', '.nan', '!!binary aGk=', ...(key === 'aliases' ? [] : ['[1, 2]'])]);

  const kinds: Array<[string, fc.Arbitrary<SeedCase>]> = [
    [
      'fuzz: wrong types',
      fc
        .constantFrom(...scalars)
        .chain((s) => wrongValue(s.key).map((v) => reject('wrong type', s.file, splice(s.file, s.start, s.end, v), undefined, ` (${s.key}: ${v})`))),
    ],
    [
      'fuzz: truncation',
      fc.oneof(
        // Inside a flow collection: the file ends before its closing bracket.
        fc
          .constantFrom(...flows)
          .chain((f) =>
            fc.integer({ min: f.start + 1, max: f.end - 1 }).map((at) => reject('truncation', f.file, texts.get(f.file)!.slice(0, at), /YAML/, ` at ${at}`)),
          ),
        // Inside a CSV row's from, type or to: the row loses its evidence columns, so it can never be
        // valid (a cut among the optional trailing columns leaves a valid row, and a valid, shorter seed).
        fc.constantFrom(...csvNames).chain((file) => {
          const lines = texts.get(file)!.split('\n');
          const thirdComma = (l: string) => l.split(',', 3).join(',').length;
          const rows = lines.map((l, i) => ({ l, i })).filter(({ l, i }) => i > 0 && l.length > 4 && thirdComma(l) > 1);
          return fc.constantFrom(...rows).chain(({ l, i }) =>
            fc.integer({ min: 1, max: thirdComma(l) }).map((cut) => {
              const at = lines.slice(0, i).join('\n').length + 1 + cut;
              return reject('truncation', file, texts.get(file)!.slice(0, at), undefined, ` at line ${i + 1}`);
            }),
          );
        }),
      ),
    ],
    [
      'fuzz: binary junk',
      fc
        .record({
          file: fc.constantFrom(...texts.keys()),
          where: fc.double({ min: 0, max: 1, noNaN: true }),
          before: fc.uint8Array({ maxLength: 32 }),
          bad: fc.constantFrom(0x00, 0x01, 0x07, 0x08, 0x0b, 0x0c, 0x1b, 0x7f, 0x80, 0x9f, 0xbf, 0xc0, 0xc1, 0xf5, 0xfe, 0xff),
          after: fc.uint8Array({ maxLength: 32 }),
        })
        .map(({ file, where, before, bad, after }) => {
          const bytes = originals.get(file)!;
          const at = Math.floor(where * bytes.length);
          // A space before the bad byte ends any multi-byte character the junk may have started.
          const junk = Buffer.concat([Buffer.from(before), Buffer.from([0x20, bad]), Buffer.from(after)]);
          return reject(
            'binary junk',
            file,
            Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at)]),
            /UTF-8|control character|NUL|carriage return/,
            ` at byte ${at}`,
          );
        }),
    ],
    [
      'fuzz: huge strings',
      fc
        .record({
          spot: fc.constantFrom(...scalars),
          length: fc.integer({ min: 10_001, max: quick ? 200_000 : 3_000_000 }),
          unit: fc.constantFrom('x', 'ab', 'zé', 'a b', '日本'),
        })
        .map(({ spot, length, unit }) =>
          reject(
            'huge string',
            spot.file,
            splice(spot.file, spot.start, spot.end, unit.repeat(Math.ceil(length / unit.length))),
            undefined,
            ` (${spot.key}, ${length} chars)`,
          ),
        ),
    ],
    [
      'fuzz: deep nesting',
      fc
        .record({
          spot: fc.constantFrom(...scalars),
          depth: fc.integer({ min: 40, max: quick ? 50_000 : 500_000 }),
          shape: fc.constantFrom<[string, string, string]>(['[', '', ']'], ['{a: ', '1', '}'], ['[{a: ', '1', '}]']),
        })
        .map(({ spot, depth, shape: [open, middle, close] }) =>
          reject(
            'deep nesting',
            spot.file,
            splice(spot.file, spot.start, spot.end, nestedFlow(open, middle, close, depth)),
            /nested more than/,
            ` (${depth} levels)`,
          ),
        ),
    ],
    [
      'fuzz: alias bombs',
      fc
        .record({ spot: fc.constantFrom(...scalars), levels: fc.integer({ min: 2, max: 12 }), width: fc.integer({ min: 2, max: 10 }) })
        .map(({ spot, levels, width }) => {
          const parts = Array.from(
            { length: levels },
            (_, i) => `&b${i} [${Array.from({ length: width }, () => (i === 0 ? 'lol' : `*b${i - 1}`)).join(', ')}]`,
          );
          return reject('alias bomb', spot.file, splice(spot.file, spot.start, spot.end, `[${parts.join(', ')}]`), /anchors|aliases/, ` (${levels}×${width})`);
        }),
    ],
    [
      'fuzz: look-alike Unicode in ids',
      fc
        .record({
          spot: fc.constantFrom(...idSpots),
          where: fc.double({ min: 0, max: 1, noNaN: true }),
          how: fc.constantFrom('homoglyph', 'invisible', 'fullwidth'),
          pick: fc.nat(),
        })
        .map(({ spot, where, how, pick }) => {
          const v = spot.value;
          let mutated: string;
          if (how === 'invisible') {
            const at = 1 + Math.floor(where * (v.length - 1));
            mutated = v.slice(0, at) + INVISIBLE[pick % INVISIBLE.length]! + v.slice(at);
          } else {
            const positions = [...v].map((ch, i) => ({ ch, i })).filter(({ ch }) => (how === 'homoglyph' ? LOOKALIKE[ch] : /[a-z0-9]/.test(ch)));
            const { ch, i } = positions[Math.floor(where * positions.length)] ?? { ch: v[0]!, i: 0 };
            const alike = how === 'homoglyph' ? (LOOKALIKE[ch]?.[pick % LOOKALIKE[ch]!.length] ?? 'а') : String.fromCodePoint(ch.codePointAt(0)! + 0xfee0);
            mutated = v.slice(0, i) + alike + v.slice(i + 1);
          }
          // Flagged: the error names the character or suggests the ASCII id.
          return reject(
            'look-alike id',
            spot.file,
            splice(spot.file, spot.start, spot.end, mutated),
            /U\+[0-9A-F]{4}|did you mean/,
            ` (${spot.key} "${v}" → ${JSON.stringify(mutated)}, ${how})`,
          );
        }),
    ],
    [
      'fuzz: duplicate keys',
      fc.record({ pair: fc.constantFrom(...pairs), value: fc.constantFrom('dup', '"dup"', '2020', '[dup]') }).map(({ pair, value }) => {
        const t = texts.get(pair.file)!;
        let at: number;
        let insert: string;
        if (pair.flow) {
          at = pair.valueEnd;
          insert = `, ${pair.key}: ${value}`;
        } else {
          const column = pair.keyStart - (t.lastIndexOf('\n', pair.keyStart - 1) + 1);
          const line = `${' '.repeat(column)}${pair.key}: ${value}`;
          if (t[pair.valueEnd - 1] === '\n') {
            at = pair.valueEnd;
            insert = `${line}\n`;
          } else {
            at = t.indexOf('\n', pair.valueEnd) === -1 ? t.length : t.indexOf('\n', pair.valueEnd);
            insert = `\n${line}`;
          }
        }
        return reject('duplicate key', pair.file, t.slice(0, at) + insert + t.slice(at), /duplicate key/, ` (${pair.key})`);
      }),
    ],
    [
      'fuzz: byte-order mark and CRLF (valid: same graph)',
      fc.record({ file: fc.constantFrom(...texts.keys()), bom: fc.boolean(), crlf: fc.boolean() }).map(({ file, bom, crlf }) => {
        const text = texts.get(file)!.replace(/^\ufeff/, '');
        const content = (bom || !crlf ? '\ufeff' : '') + (crlf ? text.replaceAll('\n', '\r\n') : text);
        return {
          name: `${bom || !crlf ? 'BOM ' : ''}${crlf ? 'CRLF ' : ''}${file}`,
          files: { [file]: content },
          expect: 'same-graph',
          file,
        } satisfies SeedCase;
      }),
    ],
  ];
  return kinds.map(([name, arb], i) => [name, fc.sample(arb, { numRuns: n, seed: seed + i })]);
}

/**
 * `depth` levels of flow nesting, broken into indented lines of 500 levels: one line would be
 * refused for its length before the nesting check could see it.
 */
function nestedFlow(open: string, middle: string, close: string, depth: number): string {
  const lines = (unit: string) => Array.from({ length: Math.ceil(depth / 500) }, (_, i) => unit.repeat(Math.min(500, depth - i * 500))).join('\n        ');
  return `${lines(open)}${middle}\n        ${lines(close)}`;
}

/** Walks a YAML file for scalar values (by key), id-like values, key/value pairs and flow collections. */
function collectSpots(
  file: string,
  text: string,
  scalars: Spot[],
  ids: Spot[],
  pairs: PairSpot[],
  flows: Array<{ file: string; start: number; end: number }>,
): void {
  const doc = parseDocument(text);
  const scalar = (node: Node, key: string) => {
    if (!isScalar(node) || !node.range || (typeof node.value !== 'string' && typeof node.value !== 'number')) return;
    const spot = { file, start: node.range[0], end: node.range[1], key, value: text.slice(node.range[0], node.range[1]) };
    scalars.push(spot);
    if (ID_KEYS.has(key) && /^[a-z0-9-]+$/.test(spot.value)) ids.push(spot);
    if (key === 'relations' && node.type === 'PLAIN' && typeof node.value === 'string') {
      // Short form "from TYPE to @source": the two ends and the source are ids.
      const words = [...node.value.matchAll(/\S+/g)];
      for (const w of [words[0], words[2], words[3]]) {
        if (!w) continue;
        const skip = w[0].startsWith('@') ? 1 : 0;
        const start = node.range[0] + w.index + skip;
        ids.push({ file, start, end: start + w[0].length - skip, key: 'short form', value: w[0].slice(skip) });
      }
    }
  };
  const walk = (node: unknown, key: string, underSources: boolean) => {
    if (isMap(node)) {
      if (node.flow && node.range) flows.push({ file, start: node.range[0], end: node.range[1] });
      for (const pair of node.items) {
        const k = isScalar(pair.key) ? String(pair.key.value) : '';
        const keyRange = isScalar(pair.key) ? pair.key.range : undefined;
        const value = pair.value as Node | null;
        if (keyRange && value?.range) pairs.push({ file, key: k, keyStart: keyRange[0], valueEnd: value.range[1], flow: !!node.flow });
        if (underSources && keyRange) ids.push({ file, start: keyRange[0], end: keyRange[1], key: 'source id', value: k });
        if (value && isScalar(value)) scalar(value, k);
        else walk(value, k, k === 'sources');
      }
    } else if (isSeq(node)) {
      if (node.flow && node.range) flows.push({ file, start: node.range[0], end: node.range[1] });
      for (const item of node.items) {
        if (isScalar(item)) scalar(item as Node, key);
        else walk(item, key, false);
      }
    }
  };
  walk(doc.contents, '', false);
}

/** The from, to and outlet cells of a CSV of relations. */
function collectCsvIds(file: string, text: string, ids: Spot[]): void {
  const lines = text.split('\n');
  const header = lines[0]!.split(',');
  let offset = lines[0]!.length + 1;
  for (const line of lines.slice(1)) {
    if (!line.includes('"')) {
      let col = offset;
      line.split(',').forEach((cell, i) => {
        if (['from', 'to', 'outlet'].includes(header[i] ?? '') && cell) ids.push({ file, start: col, end: col + cell.length, key: header[i]!, value: cell });
        col += cell.length + 1;
      });
    }
    offset += line.length + 1;
  }
}
