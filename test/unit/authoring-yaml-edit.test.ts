import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { appendCsvRow, findCsvRow, removeCsvRow } from '../../server/authoring/csv-text-edit.ts';
import { yamlString } from '../../server/authoring/yaml-scalar.ts';
import { snippetMap } from '../../server/authoring/yaml-snippet.ts';
import { appendListItem, appendSource, findEntityItem, findListItem, removeListItem, replaceListItem } from '../../server/authoring/yaml-text-edit.ts';

const BBC = snippetMap([
  { key: 'id', value: 'bbc-news', field: 'outlet.id' },
  { key: 'kind', value: 'Outlet' },
  { key: 'name', value: 'BBC News' },
  { key: 'website', value: 'https://www.bbc.co.uk/news', field: 'outlet.website' },
]);

/** The text is `before` with `inserted` spliced in at one place: every other byte is unchanged. */
function insertedOnly(before: string, after: string): string {
  let i = 0;
  while (i < before.length && before[i] === after[i]) i++;
  let j = 0;
  while (j < before.length - i && before[before.length - 1 - j] === after[after.length - 1 - j]) j++;
  expect(after.slice(0, i) + after.slice(after.length - j)).toBe(before);
  return after.slice(i, after.length - j);
}

const FILE = `# yaml-language-server: $schema=../schema/seed.schema.json
# A header comment.

entities:
  # --- Outlets ---
  - id: ap-news   # the agency
    kind: Outlet
    name: 'AP News'
    website: https://apnews.com

  - { id: reuters, kind: Outlet, name: "Reuters", website: https://www.reuters.com }

# Relations follow.
relations:
  - clean-network EXCLUDES huawei @ap   # short
  - from: clean-network
    type: PROPOSED_BY
    to: mike-pompeo
    evidence: { outlet: ap-news, quote: "unveiled", date: 2020-09-08 }
`;

describe('appending keeps every other byte', () => {
  it('an entity goes after the last one, blank-separated like the others, in block style', () => {
    const r = appendListItem(FILE, 'entities', BBC, 'outlet');
    const reuters = 'website: https://www.reuters.com }\n';
    expect(r.text).toBe(FILE.replace(reuters, `${reuters}\n  - id: bbc-news\n    kind: Outlet\n    name: BBC News\n    website: https://www.bbc.co.uk/news\n`));
    expect(parse(r.text).entities[2]).toEqual({ id: 'bbc-news', kind: 'Outlet', name: 'BBC News', website: 'https://www.bbc.co.uk/news' });
    const website = r.spans.find((s) => s.field === 'outlet.website')!;
    expect(r.text.slice(website.start, website.end)).toBe('website: https://www.bbc.co.uk/news');
  });

  it('a short-form relation goes after the last relation, a flow item where most are flow', () => {
    const r = appendListItem(FILE, 'relations', 'uk EXCLUDES huawei @bbc');
    expect(insertedOnly(FILE, r.text)).toBe('  - uk EXCLUDES huawei @bbc\n');
    const flow = 'entities:\n  - { id: a, kind: Country, name: A }\n  - { id: b, kind: Country, name: B }\n';
    expect(insertedOnly(flow, appendListItem(flow, 'entities', BBC).text)).toBe(
      '  - { id: bbc-news, kind: Outlet, name: BBC News, website: https://www.bbc.co.uk/news }\n',
    );
  });

  it('CRLF files get CRLF lines; a BOM stays', () => {
    const crlf = '\ufeff' + FILE.replaceAll('\n', '\r\n');
    const r = appendListItem(crlf, 'entities', BBC);
    expect(r.text.startsWith('\ufeff# yaml-language-server')).toBe(true);
    const reuters = 'website: https://www.reuters.com }\r\n';
    expect(r.text).toBe(
      crlf.replace(reuters, `${reuters}\r\n  - id: bbc-news\r\n    kind: Outlet\r\n    name: BBC News\r\n    website: https://www.bbc.co.uk/news\r\n`),
    );
    expect(r.text.replaceAll('\r\n', '').includes('\n')).toBe(false);
  });

  it('a file lacking the key gets it at the end; an empty file gets just the key', () => {
    const noRelations = 'entities:\n  - id: a\n    kind: Country\n    name: A\n';
    expect(insertedOnly(noRelations, appendListItem(noRelations, 'relations', 'a T b @s').text)).toBe('\nrelations:\n  - a T b @s\n');
    expect(appendListItem('', 'relations', 'a T b @s').text).toBe('relations:\n  - a T b @s\n');
    const header = '# yaml-language-server: $schema=../schema/seed.schema.json\n';
    expect(appendListItem(header, 'entities', BBC).text).toBe(
      `${header}entities:\n  - id: bbc-news\n    kind: Outlet\n    name: BBC News\n    website: https://www.bbc.co.uk/news\n`,
    );
    const noEol = 'entities:\n  - { id: a, kind: Country, name: A }';
    expect(appendListItem(noEol, 'relations', 'a T b @s').text).toBe(`${noEol}\n\nrelations:\n  - a T b @s\n`);
  });

  it('an empty key (`relations:` or `relations: ~`) gets its first item; a flow list gets one more', () => {
    expect(appendListItem('relations:   # none yet\n', 'relations', 'a T b @s').text).toBe('relations:   # none yet\n  - a T b @s\n');
    expect(appendListItem('relations: ~\nentities: []\n', 'relations', 'a T b @s').text).toBe('relations:\n  - a T b @s\nentities: []\n');
    expect(appendListItem('relations: [a T b @s]\n', 'relations', 'c T d @s').text).toBe('relations: [a T b @s, c T d @s]\n');
  });

  it('a source goes under sources:, created when missing', () => {
    const ev = snippetMap([
      { key: 'outlet', value: 'bbc-news' },
      { key: 'date', value: '2020-07-14' },
      { key: 'quote', value: 'a "quote": with # signs' },
    ]);
    const withSources = 'sources:\n  ap:\n    outlet: ap-news\n\n  rt:\n    outlet: reuters\n';
    expect(insertedOnly(withSources, appendSource(withSources, 'bbc-1', ev).text)).toBe(
      '\n  bbc-1:\n    outlet: bbc-news\n    date: 2020-07-14\n    quote: "a \\"quote\\": with # signs"\n',
    );
    const r = appendSource(FILE, 'bbc-1', ev);
    expect(insertedOnly(FILE, r.text)).toBe('\nsources:\n  bbc-1:\n    outlet: bbc-news\n    date: 2020-07-14\n    quote: "a \\"quote\\": with # signs"\n');
    expect(parse(r.text).sources['bbc-1'].quote).toBe('a "quote": with # signs');
  });
});

describe('replacing and removing an item keeps every byte outside it', () => {
  it('a block entity is rewritten in place; its neighbours and comments stay', () => {
    const item = findEntityItem(FILE, 'ap-news')!;
    expect(item.style).toBe('block');
    const r = replaceListItem(
      FILE,
      item,
      snippetMap([
        { key: 'id', value: 'ap-news' },
        { key: 'kind', value: 'Outlet' },
        { key: 'name', value: 'AP' },
      ]),
      'block',
    );
    expect(r.text).toBe(
      FILE.replace(
        "id: ap-news   # the agency\n    kind: Outlet\n    name: 'AP News'\n    website: https://apnews.com\n",
        'id: ap-news\n    kind: Outlet\n    name: AP\n',
      ),
    );
  });

  it('a flow item stays a flow item; a short form can become the full form', () => {
    const flow = findEntityItem(FILE, 'reuters')!;
    const r = replaceListItem(
      FILE,
      flow,
      snippetMap([
        { key: 'id', value: 'reuters' },
        { key: 'name', value: 'Reuters' },
      ]),
      'flow',
    );
    expect(r.text).toBe(FILE.replace('{ id: reuters, kind: Outlet, name: "Reuters", website: https://www.reuters.com }', '{ id: reuters, name: Reuters }'));
    const short = findListItem(FILE, 'relations', 15, 5)!;
    expect(short.data).toBe('clean-network EXCLUDES huawei @ap');
    const full = replaceListItem(
      FILE,
      short,
      snippetMap([
        { key: 'from', value: 'clean-network' },
        { key: 'type', value: 'EXCLUDES' },
        { key: 'to', value: 'huawei' },
        { key: 'confidence', value: 'low' },
        { key: 'evidence', value: 'ap' },
      ]),
      'block',
    );
    expect(full.text).toBe(
      FILE.replace(
        '  - clean-network EXCLUDES huawei @ap   # short\n',
        '  - from: clean-network\n    type: EXCLUDES\n    to: huawei\n    confidence: low\n    evidence: ap   # short\n',
      ),
    );
  });

  it('removing an item takes its lines and one blank separator, nothing else', () => {
    expect(removeListItem(FILE, 'entities', findEntityItem(FILE, 'reuters')!).text).toBe(
      FILE.replace('\n  - { id: reuters, kind: Outlet, name: "Reuters", website: https://www.reuters.com }\n', ''),
    );
    expect(removeListItem(FILE, 'entities', findEntityItem(FILE, 'ap-news')!).text).toBe(
      FILE.replace("  - id: ap-news   # the agency\n    kind: Outlet\n    name: 'AP News'\n    website: https://apnews.com\n\n", ''),
    );
    const full = findListItem(FILE, 'relations', 16, 5)!;
    expect(removeListItem(FILE, 'relations', full).text).toBe(FILE.replace(/ {2}- from: clean-network\n[^]*$/, ''));
    const crlf = FILE.replaceAll('\n', '\r\n');
    expect(removeListItem(crlf, 'relations', findListItem(crlf, 'relations', 15, 5)!).text).toBe(
      crlf.replace('  - clean-network EXCLUDES huawei @ap   # short\r\n', ''),
    );
  });

  it('append then remove gives back the file byte for byte, whatever its layout', () => {
    const layouts = [FILE, FILE.replaceAll('\n', '\r\n'), '\ufeff' + FILE, 'entities:\n- id: a\n  kind: Country\n  name: A\n', 'relations: []\n', ''];
    for (const text of layouts) {
      const added = appendListItem(text, 'entities', BBC).text;
      const item = findEntityItem(added, 'bbc-news')!;
      expect(removeListItem(added, 'entities', item).text, JSON.stringify(text.slice(0, 30))).toBe(
        text === '' ? 'entities:\n' : text.replace(/^(relations: \[\]\n)$/, '$1\nentities:\n'),
      );
    }
  });
});

describe('generated scalars read back as the same string', () => {
  it('quotes what YAML would read otherwise', () => {
    expect(yamlString('Huawei')).toBe('Huawei');
    expect(yamlString('https://www.bbc.co.uk/news?a=1#top')).toBe('https://www.bbc.co.uk/news?a=1#top');
    for (const s of [
      'NO',
      'yes',
      'true',
      'null',
      '~',
      '1987',
      '0x1F',
      '1e3',
      '.inf',
      'a: b',
      'a #b',
      '#x',
      '- x',
      '@x',
      '[x]',
      'x, y',
      ' lead',
      '"q"',
      '',
      '*a',
      '&a',
      '!t',
      '%x',
      '|',
      '>',
    ]) {
      expect(yamlString(s), s).not.toBe(s);
    }
  });

  it('any string survives a round trip through a generated item (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const text = appendListItem('entities:\n', 'entities', snippetMap([{ key: 'name', value: s }])).text;
        const flow = appendListItem('relations: []\n', 'relations', snippetMap([{ key: 'name', value: s }])).text;
        expect(parse(text).entities[0].name).toBe(s);
        expect(parse(flow).relations[0].name).toBe(s);
      }),
      { numRuns: 300 },
    );
  });
});

describe('CSV rows', () => {
  const CSV = 'from,type,to,outlet,quote,url,date\r\na,T,b,o,"a ""quoted"", multi\r\nline",,2020\r\nc,T,d,o,q,,2021\r\n';
  it('are found by line, removed as whole rows, and appended with the file line ends and quoting', () => {
    // parse-csv-seed.ts counts the CRLF inside the quoted cell as two lines; rows are found by its count.
    const second = findCsvRow(CSV, 5)!;
    expect(second.cells.get('from')).toBe('c');
    expect(removeCsvRow(CSV, second)).toBe('from,type,to,outlet,quote,url,date\r\na,T,b,o,"a ""quoted"", multi\r\nline",,2020\r\n');
    const first = findCsvRow(CSV, 3)!;
    expect(removeCsvRow(CSV, first)).toBe('from,type,to,outlet,quote,url,date\r\nc,T,d,o,q,,2021\r\n');
    const cells = new Map([
      ['from', 'e'],
      ['type', 'T'],
      ['to', 'f'],
      ['outlet', 'o'],
      ['quote', 'say "x", then y'],
      ['date', '2022'],
    ]);
    expect(appendCsvRow(CSV, cells)).toBe(`${CSV}e,T,f,o,"say ""x"", then y",,2022\r\n`);
    expect(appendCsvRow('from,type,to,outlet,quote,url,date', cells)).toBe('from,type,to,outlet,quote,url,date\ne,T,f,o,"say ""x"", then y",,2022\n');
  });
});
