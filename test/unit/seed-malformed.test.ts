import { afterAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../server/ingest/diagnostics.ts';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { makeSeedDir } from '../helpers/seed-fixture.ts';

// Each malformed input, with the exact messages and locations `npm run seed:check` prints.
const BASE = `entities:
  - { id: ap-news, kind: Outlet, name: AP News, website: https://apnews.com }
  - { id: us, kind: Country, name: United States }
  - { id: china, kind: Country, name: China }
  - { id: huawei, kind: Company, name: Huawei }
  - { id: tiktok, kind: App, name: TikTok }
  - { id: eo-13942, kind: LegalAct, name: EO 13942, signed: 2020-08-06 }
sources:
  ap: { outlet: ap-news, url: https://apnews.com/x, date: 2020-09-08 }
`;
const rel = (line: string) => `${BASE}relations:\n${line}\n`;

const cases: Array<[string, Record<string, string>, string[]]> = [
  [
    'YAML syntax error',
    { 'a.yaml': 'entities:\n  - { id: us, kind: Country\n' },
    ['seed/data/a.yaml:3:1: YAML: Flow map in block collection must be sufficiently indented and end with a }'],
  ],
  ['tab indentation', { 'a.yaml': 'entities:\n\t- id: us\n' }, ['seed/data/a.yaml:2:1: YAML: Tabs are not allowed as indentation']],
  [
    'duplicate YAML key',
    { 'a.yaml': 'entities: []\nentities: []\n' },
    ['seed/data/a.yaml:2:1: duplicate key "entities" (first at line 1, column 1; a mapping\'s keys must be unique)'],
  ],
  ['top level is a list', { 'a.yaml': '- us\n' }, ['seed/data/a.yaml:1:1: a seed file must be a mapping with entities, sources, relations, not a list']],
  [
    'unknown top-level key',
    { 'a.yaml': 'entites: []\n' },
    ['seed/data/a.yaml:1:1: unknown top-level key "entites" (expected one of entities, sources, relations)'],
  ],
  ['entities not a list', { 'a.yaml': 'entities: us\n' }, ['seed/data/a.yaml:1:11: entities must be a list, not a string']],
  [
    'unknown kind',
    { 'a.yaml': 'entities:\n  - { id: x, kind: Compnay, name: X }\n' },
    ['seed/data/a.yaml:2:20: unknown kind "Compnay" (did you mean "Company"?)'],
  ],
  ['missing name', { 'a.yaml': 'entities:\n  - { id: x, kind: Company }\n' }, ['seed/data/a.yaml:2:5: entity has no name']],
  [
    'bad id',
    { 'a.yaml': 'entities:\n  - { id: Huawei, kind: Company, name: Huawei }\n' },
    ['seed/data/a.yaml:2:11: entity id "Huawei" is not a valid id (did you mean "huawei"?)'],
  ],
  [
    'missing required property',
    { 'a.yaml': 'entities:\n  - { id: x, kind: Official, name: X }\n' },
    ['seed/data/a.yaml:2:5: Official requires property "office"'],
  ],
  [
    'unknown property',
    { 'a.yaml': 'entities:\n  - { id: x, kind: Company, name: X, fonded: 1990 }\n' },
    ['seed/data/a.yaml:2:38: Company has no property "fonded" (did you mean "founded"?)'],
  ],
  [
    'property of the wrong type',
    { 'a.yaml': 'entities:\n  - { id: x, kind: Infrastructure, name: X, lengthKm: long }\n' },
    ['seed/data/a.yaml:2:55: lengthKm: expected a number, not "long"'],
  ],
  [
    'duplicate id across files',
    { 'a.yaml': BASE, 'b.yaml': 'entities:\n  - { id: huawei, kind: Company, name: Huawei 2 }\n' },
    ['seed/data/b.yaml:2:11: duplicate entity id "huawei" (first declared at seed/data/a.yaml:5:5)'],
  ],
  [
    'unknown relation type',
    { 'a.yaml': rel('  - us PLANS_TO_BAM tiktok @ap') },
    ['seed/data/a.yaml:11:8: unknown relation type "PLANS_TO_BAM" (did you mean "PLANS_TO_BAN"?)'],
  ],
  [
    'unknown relation type, nothing close',
    { 'a.yaml': rel('  - us BANS tiktok @ap') },
    [
      'seed/data/a.yaml:11:8: unknown relation type "BANS" (types: EXCLUDES, PROPOSED_BY, OWNS, PARTICIPATES_IN, PLANS_TO_BAN, LABELS_THREAT, RESTRICTS, COUNTERS, HOLDS_OFFICE, ENDORSES, TARGETS, REVOKES, HEADQUARTERED_IN, PART_OF, LEADS, ISSUED_BY, BLOCKS, FOUNDED_BY, INVESTS_IN, LANDS_IN, MERGED_INTO, MEMBER_OF, SPIES_FOR)',
    ],
  ],
  ['dangling id', { 'a.yaml': rel('  - us PLANS_TO_BAN tiktk @ap') }, ['seed/data/a.yaml:11:21: unknown entity id "tiktk" (did you mean "tiktok"?)']],
  [
    'relation end of a forbidden kind',
    { 'a.yaml': rel('  - huawei REVOKES eo-13942 @ap') },
    ['seed/data/a.yaml:11:5: REVOKES cannot start at huawei, a Company (allowed: LegalAct)'],
  ],
  [
    'relation target of a forbidden kind',
    { 'a.yaml': rel('  - eo-13942 REVOKES us @ap') },
    ['seed/data/a.yaml:11:22: REVOKES cannot end at us, a Country (allowed: LegalAct)'],
  ],
  [
    'missing evidence',
    { 'a.yaml': rel('  - us PLANS_TO_BAN tiktok') },
    ['seed/data/a.yaml:11:5: relation has no evidence (add "@source" or an evidence: mapping with outlet, date and quote or url)'],
  ],
  ['unknown source', { 'a.yaml': rel('  - us PLANS_TO_BAN tiktok @apx') }, ['seed/data/a.yaml:11:28: unknown source "apx" (did you mean "ap"?)']],
  [
    'evidence without quote or url',
    { 'a.yaml': rel('  - { from: us, type: PLANS_TO_BAN, to: tiktok, evidence: { outlet: ap-news, date: 2020-09-08 } }') },
    ['seed/data/a.yaml:11:59: evidence needs a quote or a url'],
  ],
  [
    'evidence outlet is not an Outlet',
    { 'a.yaml': rel('  - { from: us, type: PLANS_TO_BAN, to: tiktok, evidence: { outlet: huawei, url: https://x.org, date: 2020 } }') },
    ['seed/data/a.yaml:11:69: "huawei" is a Company, not an Outlet'],
  ],
  [
    'malformed date',
    { 'a.yaml': rel('  - { from: us, type: PLANS_TO_BAN, to: tiktok, since: 2020-13-01, evidence: ap }') },
    ['seed/data/a.yaml:11:56: since: malformed date "2020-13-01": month 13 does not exist'],
  ],
  [
    'impossible day',
    { 'a.yaml': rel('  - { from: us, type: PLANS_TO_BAN, to: tiktok, since: 2021-02-29, evidence: ap }') },
    ['seed/data/a.yaml:11:56: since: malformed date "2021-02-29": day 29 does not exist in 2021-02'],
  ],
  [
    'until before since',
    { 'a.yaml': rel('  - { from: us, type: PLANS_TO_BAN, to: tiktok, since: 2021-06-09, until: 2020-08-06, evidence: ap }') },
    ['seed/data/a.yaml:11:75: until 2020-08-06 is before since 2021-06-09'],
  ],
  [
    'bad confidence',
    { 'a.yaml': rel('  - { from: us, type: PLANS_TO_BAN, to: tiktok, confidence: sure, evidence: ap }') },
    ['seed/data/a.yaml:11:61: confidence must be high, medium or low, not "sure"'],
  ],
  [
    'duplicate relation',
    { 'a.yaml': rel('  - us PLANS_TO_BAN tiktok @ap\n  - us PLANS_TO_BAN tiktok @ap') },
    ['seed/data/a.yaml:12:5: duplicate relation us PLANS_TO_BAN tiktok (first declared at seed/data/a.yaml:11:5)'],
  ],
  [
    'unreadable short form',
    { 'a.yaml': rel('  - us PLANS_TO_BAN') },
    ['seed/data/a.yaml:11:5: cannot read relation "us PLANS_TO_BAN" (the short form is "from TYPE to @source")'],
  ],
  [
    'YAML alias',
    {
      'a.yaml': `${BASE}relations:\n  - { from: us, type: PLANS_TO_BAN, to: tiktok, evidence: &e { outlet: ap-news, url: https://x.org, date: 2020 } }\n  - { from: us, type: LABELS_THREAT, to: tiktok, evidence: *e }\n`,
    },
    [
      'seed/data/a.yaml:11:62: YAML anchors (&e) are not allowed in seed files (put shared evidence under sources: and refer to it by id)',
      'seed/data/a.yaml:12:60: YAML aliases (*e) are not allowed in seed files (put shared evidence under sources: and refer to it by id)',
    ],
  ],
  [
    'CSV missing column',
    { 'a.yaml': BASE, 'r.csv': 'from,type,to,outlet,url,date\nus,PLANS_TO_BAN,tiktok,ap-news,https://x.org,2020\n' },
    ['seed/data/r.csv:1:1: missing CSV column "quote" (the header needs from, type, to, outlet, quote, url, date)'],
  ],
  [
    'CSV unclosed quote',
    { 'a.yaml': BASE, 'r.csv': 'from,type,to,outlet,quote,url,date\nus,PLANS_TO_BAN,tiktok,ap-news,"oops,,2020\n' },
    ['seed/data/r.csv:2:1: CSV: Quote Not Closed: the parsing is finished with an opening quote at line 2'],
  ],
  [
    'CSV wrong field count',
    { 'a.yaml': BASE, 'r.csv': 'from,type,to,outlet,quote,url,date\nus,PLANS_TO_BAN,tiktok,ap-news\n' },
    ['seed/data/r.csv:2:1: expected 7 fields, found 4'],
  ],
  [
    'CSV bad date',
    { 'a.yaml': BASE, 'r.csv': 'from,type,to,outlet,quote,url,date\nus,PLANS_TO_BAN,tiktok,ap-news,q,,8/9/2020\n' },
    ['seed/data/r.csv:2:35: date: malformed date "8/9/2020": expected YYYY, YYYY-MM or YYYY-MM-DD'],
  ],
  ['binary junk', { 'a.yaml': 'entities:\u0000\u0001\u0002' }, ['seed/data/a.yaml:1:10: binary content (NUL bytes): a seed file must be UTF-8 text']],
];

const dirs: Array<() => void> = [];
afterAll(() => dirs.forEach((d) => d()));

describe('malformed seed input: every problem located, nothing loaded', () => {
  it.each(cases)('%s', (_name, files, expected) => {
    const seed = makeSeedDir(files);
    dirs.push(seed.remove);
    const loaded = loadSeed({ seedDir: seed.dir });
    expect(loaded.diagnostics.map(formatDiagnostic)).toEqual(expected);
    expect(loaded.graph).toEqual({ entities: [], relations: [] });
  });

  it('reports all errors at once, across files, sorted', () => {
    const seed = makeSeedDir({
      'a.yaml': rel('  - us BANS tiktok @ap\n  - us PLANS_TO_BAN tiktk @ap'),
      'b.yaml': 'entities:\n  - { id: x, kind: Compnay, name: X }\n',
    });
    dirs.push(seed.remove);
    expect(loadSeed({ seedDir: seed.dir }).diagnostics.map(formatDiagnostic)).toEqual([
      'seed/data/a.yaml:11:8: unknown relation type "BANS" (types: EXCLUDES, PROPOSED_BY, OWNS, PARTICIPATES_IN, PLANS_TO_BAN, LABELS_THREAT, RESTRICTS, COUNTERS, HOLDS_OFFICE, ENDORSES, TARGETS, REVOKES, HEADQUARTERED_IN, PART_OF, LEADS, ISSUED_BY, BLOCKS, FOUNDED_BY, INVESTS_IN, LANDS_IN, MERGED_INTO, MEMBER_OF, SPIES_FOR)',
      'seed/data/a.yaml:12:21: unknown entity id "tiktk" (did you mean "tiktok"?)',
      'seed/data/b.yaml:2:20: unknown kind "Compnay" (did you mean "Company"?)',
    ]);
  });
});
