/**
 * Drill 3, injection: fast-check strings made of quotes, backticks, comments, braces, Cypher and
 * Lucene syntax, Unicode and NUL go (a) through every string-like argument of the API (found
 * by walking the schema: String, ID, Date and enum arguments of Query and of every entity type)
 * and (b) into every string field of a seed file (names, descriptions, aliases, string and url
 * properties of every kind and relation type, evidence quotes and urls, CSV quotes).
 * (a) must answer data or BAD_USER_INPUT / NOT_FOUND, never anything else, and leave the graph
 * checksum unchanged; (b) must be refused with a located error exactly when the value breaks a
 * rule (control characters, empty, too long, not a URL), and otherwise read back from Neo4j
 * exactly as written (trimmed, CRLF as LF).
 */
import { join } from 'node:path';
import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { createGraphQLServer, CSRF_HEADER } from '../../server/graphql/create-yoga.ts';
import { formatDiagnostic } from '../../server/ingest/diagnostics.ts';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { loadOntologyFile, type Ontology, type PropertySpec } from '../../server/ingest/ontology.ts';
import { FORBIDDEN_IN_VALUES, MAX_STRING_LENGTH } from '../../server/ingest/seed-values.ts';
import { syncSeed } from '../../server/ingest/sync-seed.ts';
import { graphChecksum, sameChecksum } from '../helpers/graph-state.ts';
import { SEED_DIR, makeSeedDir } from '../helpers/seed-fixture.ts';
import type { Drill, DrillRow } from './drill-types.ts';
import { Tally, loadRealDataset, ms, percentile } from './input-drill-support.ts';

/** Pieces an attacker would try, glued together and mixed with arbitrary Unicode by fast-check. */
const PIECES = [
  "'",
  '"',
  '`',
  '\\',
  '//',
  '/*',
  '*/',
  '/* */',
  '--',
  ';',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '$',
  '${x}',
  '$ids',
  ':',
  '|',
  '&&',
  '||',
  '!',
  'MATCH (n) DETACH DELETE n',
  '} RETURN 1 //',
  "') RETURN n //",
  '"}) MATCH (n) DETACH DELETE n //',
  'CALL db.labels()',
  'LOAD CSV FROM "file:///etc/passwd" AS l',
  '*:*',
  '*:* OR name:*',
  'name:/.*/',
  'hua~',
  'a^100',
  'AND',
  'OR',
  'NOT',
  'TO',
  '[a TO z]',
  '+',
  '-',
  '?',
  '~2',
  '\u0000',
  '\u0007',
  '\r',
  '\n',
  '\r\n',
  '\t',
  '\u2028',
  '\u0085',
  '\u00a0',
  '\u202e',
  '\ufeff',
  '\u200b',
  '\ud83d\ude00',
  '\ud800',
  'ﬁ',
  'İ',
  'ß',
  '日本',
  'Ελλάδα',
  'huawei',
  'EXCLUDES',
  'Company',
  '2020-01-01',
  ' ',
  'null',
  'undefined',
  'NaN',
  '1e309',
  '<script>alert(1)</script>',
  '%00',
  '..%2f',
];

const nasty: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 6 }).map((xs) => xs.join('')),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }) },
);

const ALLOWED_API_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND']);

export const injectionDrill: Drill = async ({ neo4j, quick, log }) => {
  const db = openDatabase(neo4j);
  try {
    // DRILL_SEED=<the seed a failing row shows> replays the same cases.
    const seed = Number(process.env.DRILL_SEED ?? Date.now() % 1_000_000);
    log(`injection: fast-check seed ${seed}`);
    const rows = await apiInjection(db, quick ? 6 : 60, seed);
    rows.push(...(await seedInjection(db, quick ? 6 : 40, seed)));
    return rows;
  } finally {
    await db.close();
  }
};

// ---------------------------------------------------------------------------------------------
// (a) The API.

interface ArgSite {
  /** Query.search(text:), Company.relations(types:)… */
  name: string;
  query: string;
  /** The variable's value for a fuzzed value: the value itself, or a list holding it. */
  wrap: (v: unknown) => unknown;
  /** Int arguments (first, limit, depth…) get fast-check integers instead of strings. */
  int: boolean;
}

/** Integers at and around every edge a limit can have. */
const nastyInt: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.constantFrom(-2147483648, -1, 0, 1, 2, 3, 4, 6, 7, 10, 11, 100, 101, 500, 501, 5000, 5001, 2147483647),
);

async function apiInjection(db: Database, perSite: number, seed: number): Promise<DrillRow[]> {
  const { ontology, graph } = await loadRealDataset(db);
  const yoga = createGraphQLServer({ db, ontology, production: true });
  const sampleId = new Map<string, string>();
  for (const e of graph.entities) if (!sampleId.has(e.kind)) sampleId.set(e.kind, e.id);
  const sites = argumentSites(yoga.getEnveloped().schema as GraphQLSchema, sampleId);
  const before = await graphChecksum(db);
  const strings = sites.filter((s) => !s.int).length;
  const tally = new Tally('injection', `API: ${strings} string-like and ${sites.length - strings} Int arguments (walked from the schema)`);
  const latencies: number[] = [];
  const codes = new Map<string, number>();
  let slowest = { ms: 0, site: '' };
  for (const [i, site] of sites.entries()) {
    const values: unknown[] = site.int ? fc.sample(nastyInt, { numRuns: perSite, seed: seed + i }) : fc.sample(nasty, { numRuns: perSite, seed: seed + i });
    for (const s of values) {
      const started = performance.now();
      const res = await yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', [CSRF_HEADER]: '1' },
        body: JSON.stringify({ query: site.query, variables: { v: site.wrap(s) } }),
      });
      const took = performance.now() - started;
      latencies.push(took);
      if (took > slowest.ms) slowest = { ms: took, site: site.name };
      const text = await res.text();
      let body: { errors?: Array<{ message: string; extensions?: { code?: string } }> };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        tally.record(`${site.name} ${JSON.stringify(s)}: HTTP ${res.status}, not JSON`);
        continue;
      }
      const wrong = (body.errors ?? []).filter((e) => !ALLOWED_API_CODES.has(e.extensions?.code ?? ''));
      for (const e of body.errors ?? []) codes.set(e.extensions?.code ?? '(none)', (codes.get(e.extensions?.code ?? '(none)') ?? 0) + 1);
      tally.record(
        res.status >= 500 || wrong.length > 0
          ? `${site.name} ${JSON.stringify(s)}: HTTP ${res.status} ${wrong
              .map((e) => `${e.extensions?.code}: ${e.message}`)
              .join('; ')
              .slice(0, 160)}`
          : undefined,
      );
    }
  }
  const after = await graphChecksum(db);
  const unchanged = new Tally('injection', 'API: graph checksum after all injected requests');
  unchanged.record(sameChecksum(before, after) ? undefined : `checksum moved: ${before.nodes}/${before.relationships} → ${after.nodes}/${after.relationships}`);
  const codeList = [...codes].map(([c, n]) => `${c} ${n}`).join(', ') || 'none';
  return [
    tally.row(
      `only data or BAD_USER_INPUT/NOT_FOUND (errors seen: ${codeList}); p99 ${ms(percentile(latencies, 99))}, slowest ${ms(slowest.ms)} (${slowest.site}); fast-check seed ${seed}`,
    ),
    unchanged.row(`${before.nodes} nodes, ${before.relationships} rels, sha256 ${before.hash.slice(0, 12)}… unchanged`),
  ];
}

/** Every String, ID, Date or enum argument of Query and of each entity type, as a runnable query. */
function argumentSites(schema: GraphQLSchema, sampleId: Map<string, string>): ArgSite[] {
  const sites: ArgSite[] = [];
  const stringLike = (t: GraphQLNamedType) => (isScalarType(t) && ['String', 'ID', 'Date'].includes(t.name)) || isEnumType(t);
  const intLike = (t: GraphQLNamedType) => isScalarType(t) && t.name === 'Int';
  const selection = (field: GraphQLField<unknown, unknown>): string => {
    const t = getNamedType(field.type);
    if (!isObjectType(t) && !isInterfaceType(t)) return '';
    const fields = t.getFields();
    const leaf = ['id', 'totalCount', 'truncated', 'length', 'score'].find((f) => f in fields);
    return ` { ${leaf ?? '__typename'} }`;
  };
  const others = (field: GraphQLField<unknown, unknown>, skip: GraphQLArgument): string =>
    field.args
      .filter((a) => a !== skip && isNonNullType(a.type) && a.defaultValue === undefined)
      .map((a) => `${a.name}: ${isListType((a.type as { ofType: unknown }).ofType) ? '["huawei"]' : a.name === 'text' ? '"hua"' : '"huawei"'}`)
      .join(', ');
  const add = (owner: string, field: GraphQLField<unknown, unknown>, around: (inner: string) => string) => {
    for (const arg of field.args) {
      const named = getNamedType(arg.type);
      if (!stringLike(named) && !intLike(named)) continue;
      const rest = others(field, arg);
      const call = `${field.name}(${arg.name}: $v${rest ? `, ${rest}` : ''})${selection(field)}`;
      const list = isListType(isNonNullType(arg.type) ? arg.type.ofType : arg.type);
      sites.push({
        name: `${owner}.${field.name}(${arg.name}:)`,
        query: `query($v: ${String(arg.type)}) { ${around(call)} }`,
        wrap: (v) => (list ? [v] : v),
        int: intLike(named),
      });
    }
  };
  const query = schema.getQueryType()!;
  for (const field of Object.values(query.getFields())) add('Query', field, (inner) => inner);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !type.getInterfaces().some((i) => i.name === 'Entity')) continue;
    const id = sampleId.get(type.name);
    if (!id) continue; // OtherEntity: no entity of that type to reach it through
    for (const field of Object.values(type.getFields())) add(type.name, field, (inner) => `entity(id: "${id}") { ... on ${type.name} { ${inner} } }`);
  }
  return sites;
}

// ---------------------------------------------------------------------------------------------
// (b) Seed files.

interface SeedSite {
  name: string;
  /** The seed file (name → text) holding `value` at this site. */
  files: (value: string) => Record<string, string>;
  file: string;
  /** Reads the stored value back from Neo4j. */
  readBack: (db: Database) => Promise<unknown>;
  url: boolean;
  /** CSV cells are raw text (no escapes), and an empty cell is an absent value. */
  csv: boolean;
}

async function seedInjection(db: Database, perSite: number, seed: number): Promise<DrillRow[]> {
  const ontology = loadOntologyFile(join(SEED_DIR, 'ontology.yaml'));
  const sites = seedSites(ontology);
  const rows: DrillRow[] = [];
  const accepted = new Tally('injection', `seed: ${sites.length} string fields, accepted values read back exactly`);
  const refused = new Tally('injection', 'seed: values that break a rule refused with file:line:column');
  let longest = 0;
  for (const [i, site] of sites.entries()) {
    const values = fc.sample(nasty, { numRuns: perSite, seed: seed + 1000 + i }).map((s) => (site.url ? `https://example.org/${s}` : s));
    for (const raw of values) {
      // A file is UTF-8: a lone surrogate written raw (CSV) becomes U+FFFD; YAML gets it escaped.
      const value = site.csv ? raw.replace(/[\ud800-\udfff]/gu, '\ufffd') : raw;
      const expected = expectation(value, site);
      const dir = makeSeedDir(site.files(value));
      try {
        const started = performance.now();
        const loaded = loadSeed({ seedDir: dir.dir });
        longest = Math.max(longest, performance.now() - started);
        const shown = JSON.stringify(raw).slice(0, 60);
        if (expected.reject) {
          const inFile = loaded.diagnostics.filter((d) => d.file === `seed/data/${site.file}` && d.line >= 1 && d.column >= 1);
          refused.record(
            loaded.diagnostics.length === 0
              ? `${site.name} ${shown}: accepted (${expected.reject})`
              : inFile.length === 0
                ? `${site.name} ${shown}: ${loaded.diagnostics.map(formatDiagnostic).join('; ').slice(0, 120)}`
                : undefined,
          );
          continue;
        }
        if (loaded.diagnostics.length > 0) {
          accepted.record(`${site.name} ${shown}: refused: ${loaded.diagnostics.map(formatDiagnostic).join('; ').slice(0, 160)}`);
          continue;
        }
        await syncSeed(db, loaded.graph);
        const back = await site.readBack(db);
        accepted.record(
          back === expected.value
            ? undefined
            : `${site.name} ${shown}: read back ${JSON.stringify(back)?.slice(0, 60)}, expected ${JSON.stringify(expected.value).slice(0, 60)}`,
        );
      } catch (err) {
        (expected.reject ? refused : accepted).record(`${site.name} ${JSON.stringify(raw).slice(0, 60)}: threw ${(err as Error).message.slice(0, 160)}`);
      } finally {
        dir.remove();
      }
    }
  }
  rows.push(accepted.row(`validation max ${ms(longest)}; compared after a real sync; fast-check seed ${seed}`));
  rows.push(refused.row('control characters, unpaired surrogates, empty, > 10 000 chars, non-http URLs'));
  return rows;
}

/** What the product should do with `value` at `site`: the rule it breaks, or the value it stores. */
function expectation(value: string, site: SeedSite): { reject: string; value?: never } | { reject?: never; value: string } {
  // The file itself must be seed text (seed-text.ts). CSV cells are raw; JSON-quoted YAML escapes
  // C0 controls but leaves DEL, C1 controls and U+FFFE/U+FFFF raw.
  if (/[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/.test(value)) return { reject: 'not seed text' };
  if (site.csv && /[\u0000-\u0008\u000b\u000c\u000e-\u001f]|\r(?!\n)/.test(value)) return { reject: 'not seed text' };
  const v = value.replaceAll('\r\n', '\n').trim();
  if (v === '') return site.csv ? { value: '' } : { reject: 'empty' };
  if (v.length > MAX_STRING_LENGTH) return { reject: 'too long' };
  if (FORBIDDEN_IN_VALUES.test(v)) return { reject: 'control character or unpaired surrogate' };
  if (site.url) {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(v).protocol);
    } catch {
      ok = false;
    }
    if (!ok) return { reject: 'not a URL' };
  }
  return { value: v };
}

/** Every string-valued place of a seed file the ontology allows, each with how to read it back. */
function seedSites(ontology: Ontology): SeedSite[] {
  const q = (s: string) => JSON.stringify(s); // a JSON string is a YAML double-quoted scalar
  const filled = (props: Record<string, PropertySpec>, skip?: string) =>
    Object.entries(props)
      .filter(([k, p]) => p.required && k !== skip)
      .map(
        ([k, p]) =>
          `, ${k}: ${p.type === 'url' ? 'https://example.org' : p.type === 'date' ? '2020' : p.type === 'number' ? '1' : p.type === 'string[]' ? '[x]' : 'x'}`,
      )
      .join('');
  const outlet = '  - { id: inj-outlet, kind: Outlet, name: Outlet, website: https://example.org }\n';
  const entity = (id: string, kind: string, extra = '', name = 'X') =>
    `  - { id: ${id}, kind: ${kind}, name: ${name}${filled(ontology.kinds.get(kind)!.properties, extra.match(/^, (\w+):/)?.[1])}${extra} }\n`;
  const nodeProp = (id: string, key: string) => async (db: Database) =>
    db.read(async (tx) => (await tx.run('MATCH (n:Entity {id: $id}) RETURN n[$key] AS v', { id, key })).records[0]?.get('v') as unknown);
  const relProp = (key: string, index?: number) => async (db: Database) =>
    db.read(async (tx) => {
      const v = (await tx.run('MATCH (:Entity {id: "inj-a"})-[r]->(:Entity {id: "inj-b"}) RETURN r[$key] AS v', { key })).records[0]?.get('v') as unknown;
      return index === undefined ? v : (v as unknown[] | undefined)?.[index];
    });
  const sites: SeedSite[] = [
    {
      name: 'entity name',
      file: 'a.yaml',
      url: false,
      csv: false,
      files: (v) => ({ 'a.yaml': `entities:\n${entity('inj-a', 'Company', '', q(v))}` }),
      readBack: nodeProp('inj-a', 'name'),
    },
    {
      name: 'entity description',
      file: 'a.yaml',
      url: false,
      csv: false,
      files: (v) => ({ 'a.yaml': `entities:\n${entity('inj-a', 'Company', `, description: ${q(v)}`)}` }),
      readBack: nodeProp('inj-a', 'description'),
    },
    {
      name: 'entity alias',
      file: 'a.yaml',
      url: false,
      csv: false,
      files: (v) => ({ 'a.yaml': `entities:\n${entity('inj-a', 'Company', `, aliases: [${q(v)}]`)}` }),
      readBack: async (db) => ((await nodeProp('inj-a', 'aliases')(db)) as string[] | undefined)?.[0],
    },
  ];
  for (const [kind, spec] of ontology.kinds) {
    for (const [key, p] of Object.entries(spec.properties)) {
      if (p.type !== 'string' && p.type !== 'url' && p.type !== 'string[]') continue;
      const val = (v: string) => (p.type === 'string[]' ? `[${q(v)}]` : q(v));
      sites.push({
        name: `${kind}.${key}`,
        file: 'a.yaml',
        url: p.type === 'url',
        csv: false,
        files: (v) => ({ 'a.yaml': `entities:\n${kind === 'Outlet' ? '' : outlet}${entity('inj-a', kind, `, ${key}: ${val(v)}`)}` }),
        readBack: async (db) => {
          const got = await nodeProp('inj-a', key)(db);
          return p.type === 'string[]' ? (got as string[] | undefined)?.[0] : got;
        },
      });
    }
  }
  const relation = (type: string, relExtra: string, evidence: string) => {
    const spec = ontology.relations.get(type)!;
    return `entities:\n${outlet}${entity('inj-a', spec.from[0]!)}${entity('inj-b', spec.to[0]!)}relations:\n  - { from: inj-a, type: ${type}, to: inj-b${filled(spec.properties, relExtra.match(/^, (\w+):/)?.[1])}${relExtra}, evidence: ${evidence} }\n`;
  };
  // A relation type the CSV form can express: no required properties of its own.
  const someType = [...ontology.relations.values()].find((r) => !Object.values(r.properties).some((p) => p.required))!.type;
  for (const [type, spec] of ontology.relations) {
    for (const [key, p] of Object.entries(spec.properties)) {
      if (p.type !== 'string' && p.type !== 'url') continue;
      sites.push({
        name: `${type}.${key}`,
        file: 'a.yaml',
        url: p.type === 'url',
        csv: false,
        files: (v) => ({ 'a.yaml': relation(type, `, ${key}: ${q(v)}`, '{ outlet: inj-outlet, date: 2020, url: https://example.org }') }),
        readBack: relProp(key),
      });
    }
  }
  sites.push(
    {
      name: 'evidence quote',
      file: 'a.yaml',
      url: false,
      csv: false,
      files: (v) => ({ 'a.yaml': relation(someType, '', `{ outlet: inj-outlet, date: 2020, quote: ${q(v)} }`) }),
      readBack: relProp('evidenceQuotes', 0),
    },
    {
      name: 'evidence url',
      file: 'a.yaml',
      url: true,
      csv: false,
      files: (v) => ({ 'a.yaml': relation(someType, '', `{ outlet: inj-outlet, date: 2020, url: ${q(v)} }`) }),
      readBack: relProp('evidenceUrls', 0),
    },
    {
      name: 'source quote (sources:)',
      file: 'a.yaml',
      url: false,
      csv: false,
      files: (v) => ({ 'a.yaml': `${relation(someType, '', 'src')}sources:\n  src: { outlet: inj-outlet, date: 2020, quote: ${q(v)} }\n` }),
      readBack: relProp('evidenceQuotes', 0),
    },
    {
      name: 'CSV quote cell',
      file: 'r.csv',
      url: false,
      csv: true,
      files: (v) => ({
        'a.yaml': relation(someType, '', 'none').split('relations:')[0]!,
        'r.csv': `from,type,to,outlet,quote,url,date\ninj-a,${someType},inj-b,inj-outlet,"${v.replaceAll('"', '""')}",https://example.org,2020\n`,
      }),
      readBack: relProp('evidenceQuotes', 0),
    },
  );
  return sites;
}
