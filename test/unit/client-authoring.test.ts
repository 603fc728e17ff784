import { readFileSync } from 'node:fs';
import { applyPatch, createTwoFilesPatch, parsePatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { SeedEdit } from '../../client/src/api/authoring-operations.ts';
import { ApiError } from '../../client/src/api/graphql-client.ts';
import type { PropertyInfo, RelationTypeInfo } from '../../client/src/api/operations.ts';
import { diagnosticsOf, formKeyOf, placeDiagnostics } from '../../client/src/features/authoring/diagnostic-fields.ts';
import { baseVersionsOf, EditSession, type SessionState } from '../../client/src/features/authoring/edit-session.ts';
import { editToastText } from '../../client/src/features/authoring/edit-summary.ts';
import { entityInput, entityPatch, type EntityDraft } from '../../client/src/features/authoring/entity-draft.ts';
import { isEntityId, suggestEntityId } from '../../client/src/features/authoring/entity-id.ts';
import { dateProblem, propertyProblem, urlProblem } from '../../client/src/features/authoring/field-checks.ts';
import { emptyEvidence, relationInput, relationPatch, type RelationDraft } from '../../client/src/features/authoring/relation-draft.ts';
import { fittingRelationTypes, kindsCanRelate } from '../../client/src/features/authoring/relation-types-fit.ts';
import { reverseSeedDiff } from '../../client/src/features/authoring/reverse-patch.ts';

/** The project's own relation types, as the Bootstrap query gives them. */
function relationTypes(): RelationTypeInfo[] {
  const ontology = parse(readFileSync('seed/ontology.yaml', 'utf8')) as {
    relations: Record<
      string,
      { from: string[]; to: string[]; phrase: string; inverse: string; properties?: Record<string, { type: string; required?: boolean }> }
    >;
  };
  return Object.entries(ontology.relations).map(([name, r]) => ({
    name,
    phrase: r.phrase,
    inverse: r.inverse,
    from: r.from,
    to: r.to,
    properties: Object.entries(r.properties ?? {}).map(([p, spec]) => ({ name: p, type: spec.type, required: spec.required ?? false, description: null })),
  }));
}

describe('relation types that fit two kinds', () => {
  const types = relationTypes();

  it('offers the types whose ends fit, this way round first, then the other way', () => {
    const fits = fittingRelationTypes(types, 'Country', 'Company');
    const forward = fits.filter((f) => f.direction === 'forward').map((f) => f.type.name);
    const reverse = fits.filter((f) => f.direction === 'reverse').map((f) => f.type.name);
    expect(forward).toEqual(['EXCLUDES', 'OWNS', 'PLANS_TO_BAN', 'LABELS_THREAT', 'RESTRICTS', 'TARGETS']);
    expect(forward).not.toContain('PARTICIPATES_IN');
    expect(fits.findIndex((f) => f.direction === 'reverse')).toBeGreaterThanOrEqual(forward.length);
    for (const f of fits) {
      const [from, to] = f.direction === 'forward' ? ['Country', 'Company'] : ['Company', 'Country'];
      expect(f.type.from).toContain(from);
      expect(f.type.to).toContain(to);
    }
    expect(reverse.every((t) => types.find((x) => x.name === t)!.from.includes('Company'))).toBe(true);
  });

  it('offers a type only the other way round as reverse (swap)', () => {
    const fits = fittingRelationTypes(types, 'Company', 'Country');
    expect(fits.some((f) => f.type.name === 'EXCLUDES' && f.direction === 'reverse')).toBe(true);
    expect(fits.some((f) => f.type.name === 'EXCLUDES' && f.direction === 'forward')).toBe(false);
  });

  it('offers nothing for kinds no type joins', () => {
    expect(fittingRelationTypes(types, 'Outlet', 'Outlet')).toEqual([]);
    expect(kindsCanRelate(types, 'Outlet', 'App')).toBe(false);
    expect(kindsCanRelate(types, 'App', 'Country')).toBe(true);
  });
});

describe('entity ids and typed fields', () => {
  it('suggests ids from names', () => {
    expect(suggestEntityId('United Kingdom')).toBe('united-kingdom');
    expect(suggestEntityId('  BBC News — Technology ')).toBe('bbc-news-technology');
    expect(suggestEntityId('Société Générale')).toBe('societe-generale');
    expect(suggestEntityId("Reuters' & AP")).toBe('reuters-and-ap');
    expect(suggestEntityId('任正非')).toBe('');
    expect(isEntityId('united-kingdom')).toBe(true);
    expect(isEntityId('United Kingdom')).toBe(false);
    expect(isEntityId('-uk')).toBe(false);
  });

  it('checks dates, links and numbers as typed', () => {
    expect(dateProblem('2020')).toBeNull();
    expect(dateProblem('2020-07')).toBeNull();
    expect(dateProblem('2020-07-14')).toBeNull();
    expect(dateProblem('')).toBeNull();
    expect(dateProblem('14/07/2020')).toMatch(/YYYY/);
    expect(dateProblem('2020-13')).toMatch(/month 13/);
    expect(dateProblem('2021-02-29')).toMatch(/day 29/);
    expect(urlProblem('https://www.bbc.com/news/technology-53403793')).toBeNull();
    expect(urlProblem('javascript:alert(1)')).toMatch(/http/);
    const spec = (type: string, required = false): PropertyInfo => ({ name: 'p', type, required, description: null });
    expect(propertyProblem(spec('number'), '1200')).toBeNull();
    expect(propertyProblem(spec('number'), '12 km')).toMatch(/number/);
    expect(propertyProblem(spec('string', true), ' ')).toMatch(/required/);
    expect(propertyProblem(spec('url'), 'www.bbc.com')).toMatch(/http/);
  });
});

describe('form state → mutation input', () => {
  const draft = (): RelationDraft => ({
    from: 'united-kingdom',
    type: 'EXCLUDES',
    to: 'huawei',
    since: ' 2020-07-14 ',
    until: '',
    confidence: '',
    properties: {},
    evidence: {
      ...emptyEvidence(),
      outletMode: 'new',
      newOutlet: { id: 'bbc', name: 'BBC', website: 'https://www.bbc.com' },
      quote: 'Huawei to be removed from UK 5G networks by 2027',
      url: 'https://www.bbc.com/news/technology-53403793',
      date: '2020-07-14',
    },
  });

  it('builds addRelation input with a new outlet, dropping empty fields', () => {
    expect(relationInput(draft(), [])).toEqual({
      from: 'united-kingdom',
      type: 'EXCLUDES',
      to: 'huawei',
      since: '2020-07-14',
      evidence: [
        {
          newOutlet: { id: 'bbc', name: 'BBC', website: 'https://www.bbc.com' },
          quote: 'Huawei to be removed from UK 5G networks by 2027',
          url: 'https://www.bbc.com/news/technology-53403793',
          date: '2020-07-14',
        },
      ],
    });
  });

  it('uses an existing outlet, a confidence and typed properties (lists split on commas)', () => {
    const d = draft();
    d.evidence.outletMode = 'existing';
    d.evidence.outletId = 'reuters';
    d.confidence = 'MEDIUM';
    d.properties = { stake: ' 51% ', tags: 'a, b,,c', empty: '  ' };
    const specs: PropertyInfo[] = [
      { name: 'stake', type: 'string', required: false, description: null },
      { name: 'tags', type: 'string[]', required: false, description: null },
      { name: 'empty', type: 'string', required: false, description: null },
    ];
    const input = relationInput(d, specs);
    expect(input.evidence).toEqual([
      { outlet: 'reuters', quote: 'Huawei to be removed from UK 5G networks by 2027', url: 'https://www.bbc.com/news/technology-53403793', date: '2020-07-14' },
    ]);
    expect(input.confidence).toBe('MEDIUM');
    expect(input.properties).toEqual([
      { name: 'stake', value: '51%' },
      { name: 'tags', values: ['a', 'b', 'c'] },
    ]);
  });

  it('sends only what an edit changed; cleared fields as null; evidence only when touched', () => {
    const initial = draft();
    const edited = structuredClone(initial);
    expect(relationPatch(initial, edited, [])).toEqual({});
    edited.since = '';
    edited.until = '2024';
    edited.confidence = 'LOW';
    expect(relationPatch(initial, edited, [])).toEqual({ since: null, until: '2024', confidence: 'LOW' });
    edited.evidence.quote = 'another quote';
    expect(relationPatch(initial, edited, []).evidence).toEqual([{ ...relationInput(edited, []).evidence[0] }]);
  });

  it('builds addEntity input and an entity patch', () => {
    const specs: PropertyInfo[] = [
      { name: 'founded', type: 'date', required: false, description: null },
      { name: 'website', type: 'url', required: false, description: null },
    ];
    const d: EntityDraft = {
      id: ' bbc ',
      kind: 'Outlet',
      name: 'BBC ',
      aliases: 'British Broadcasting Corporation, ',
      description: '',
      properties: { website: 'https://www.bbc.com' },
    };
    expect(entityInput(d, specs)).toEqual({
      id: 'bbc',
      kind: 'Outlet',
      name: 'BBC',
      aliases: ['British Broadcasting Corporation'],
      properties: [{ name: 'website', value: 'https://www.bbc.com' }],
    });
    const edited = { ...structuredClone(d), description: 'UK public broadcaster', properties: { website: '', founded: '1922' } };
    expect(entityPatch(d, edited, specs)).toEqual({
      description: 'UK public broadcaster',
      properties: [
        { name: 'founded', value: '1922' },
        { name: 'website', value: null },
      ],
    });
  });
});

describe('diagnostics → form fields', () => {
  it('maps input paths to the form keys', () => {
    expect(formKeyOf('relation.to', [])).toBe('to');
    expect(formKeyOf('relation.evidence[0].quote', [])).toBe('evidence.quote');
    expect(formKeyOf('relation.evidence[0].newOutlet.id', [])).toBe('evidence.newOutlet.id');
    expect(formKeyOf('relation.evidence[0]', [])).toBe('evidence.outlet');
    expect(formKeyOf('relation.properties[1]', ['stake', 'role'])).toBe('property:role');
    expect(formKeyOf('relation.properties[5]', ['stake'])).toBeNull();
    expect(formKeyOf('entity.name', [])).toBe('name');
    expect(formKeyOf('patch.since', [])).toBe('since');
    expect(formKeyOf('outlet.id', [])).toBe('evidence.newOutlet.id');
    expect(formKeyOf(null, [])).toBeNull();
  });

  it('places diagnostics at known fields and the rest above the diff, as file:line:column', () => {
    const placed = placeDiagnostics(
      [
        {
          file: 'seed/data/countries.yaml',
          line: 40,
          column: 9,
          message: 'unknown entity id "huawai"',
          text: 'seed/data/countries.yaml:40:9: unknown entity id "huawai"',
          field: 'relation.to',
        },
        {
          file: 'seed/data/countries.yaml',
          line: 41,
          column: 9,
          message: 'date in the future',
          text: 'seed/data/countries.yaml:41:9: date in the future',
          field: 'relation.evidence[0].date',
        },
        { file: 'seed/data/outlets.yaml', line: 3, column: 1, message: 'duplicate id', text: 'seed/data/outlets.yaml:3:1: duplicate id', field: null },
        { file: 'seed/data/x.yaml', line: 1, column: 1, message: 'odd', text: 'seed/data/x.yaml:1:1: odd', field: 'relation.somethingElse' },
      ],
      [],
      (key) => ['to', 'evidence.date'].includes(key),
    );
    expect(Object.fromEntries(placed.byField)).toEqual({ to: ['unknown entity id "huawai"'], 'evidence.date': ['date in the future'] });
    expect(placed.general).toEqual(['seed/data/outlets.yaml:3:1: duplicate id', 'seed/data/x.yaml:1:1: odd']);
  });

  it('reads diagnostics from a refused write, and a field refused before validation', () => {
    const listed = diagnosticsOf([
      {
        message: 'the seed would not validate',
        extensions: {
          code: 'BAD_USER_INPUT',
          diagnostics: [{ file: 'seed/data/a.yaml', line: 2, column: 3, message: 'm', text: 'seed/data/a.yaml:2:3: m', field: 'relation.to' }],
        },
      },
    ]);
    expect(listed).toEqual([{ file: 'seed/data/a.yaml', line: 2, column: 3, message: 'm', text: 'seed/data/a.yaml:2:3: m', field: 'relation.to' }]);
    const early = diagnosticsOf([
      { message: 'relation.evidence[0].quote: at most 10000 characters', extensions: { code: 'BAD_USER_INPUT', field: 'relation.evidence[0].quote' } },
    ]);
    expect(early).toEqual([
      {
        file: '',
        line: 0,
        column: 0,
        message: 'at most 10000 characters',
        text: 'relation.evidence[0].quote: at most 10000 characters',
        field: 'relation.evidence[0].quote',
      },
    ]);
  });
});

describe('undo: the reverse patch', () => {
  const before = '# Countries\nentities:\n  - id: united-kingdom\n    kind: Country\n    name: United Kingdom\n\nrelations: []\n';
  const after = before.replace('relations: []\n', 'relations:\n  - from: united-kingdom\n    type: EXCLUDES\n    to: huawei\n');

  it('turns an edit back, byte for byte', () => {
    const diff = createTwoFilesPatch('a/seed/data/countries.yaml', 'b/seed/data/countries.yaml', before, after).replace(/^=+\n/, '');
    const reverse = reverseSeedDiff(diff);
    const [patch] = parsePatch(reverse);
    expect(patch!.oldFileName).toBe('b/seed/data/countries.yaml');
    expect(patch!.newFileName).toBe('a/seed/data/countries.yaml');
    expect(applyPatch(after, reverse, { fuzzFactor: 0 })).toBe(before);
    // …and refuses to apply to a file that changed since (the context no longer matches).
    expect(applyPatch(after.replace('United Kingdom', 'UK'), reverse, { fuzzFactor: 0 })).toBe(false);
  });

  it('deletes a file the edit created, and reverses every file of a multi-file edit', () => {
    const created = createTwoFilesPatch('/dev/null', 'b/seed/data/uk.yaml', '', 'entities: []\n');
    const changed = createTwoFilesPatch('a/seed/data/countries.yaml', 'b/seed/data/countries.yaml', before, after);
    const reverse = parsePatch(reverseSeedDiff(`${created}${changed}`));
    // The files come in reverse order (the last change is undone first); each is reversed.
    expect(reverse.map((p) => [p.oldFileName, p.newFileName])).toEqual([
      ['b/seed/data/countries.yaml', 'a/seed/data/countries.yaml'],
      ['b/seed/data/uk.yaml', '/dev/null'],
    ]);
  });

  it('refuses an empty diff', () => {
    expect(() => reverseSeedDiff('')).toThrow(/nothing to undo/);
  });
});

describe('after saving', () => {
  const edit: SeedEdit = {
    applied: true,
    files: [{ file: 'seed/data/countries.yaml', baseVersion: 'abc', version: 'def', diff: '', created: false }],
    diff: '',
    summary: 'Add relation United Kingdom excludes Huawei',
    graphVersion: null,
    entities: { created: [], updated: [], removed: [] },
    relations: { created: [], updated: [], removed: [] },
  };

  it('says what was saved, and where', () => {
    expect(editToastText(edit)).toBe('Added: United Kingdom excludes Huawei — seed/data/countries.yaml');
    expect(editToastText({ ...edit, summary: 'Retract relation United Kingdom excludes Huawei' })).toBe(
      'Retracted: United Kingdom excludes Huawei — seed/data/countries.yaml',
    );
    expect(editToastText({ summary: 'Something else', files: [] })).toBe('Something else');
  });

  it('saves against the base versions of the files the preview changes (not of files it creates)', () => {
    const preview: SeedEdit = {
      ...edit,
      applied: false,
      files: [...edit.files, { file: 'seed/data/new.yaml', baseVersion: null, version: 'x', diff: '', created: true }],
    };
    expect(baseVersionsOf(preview)).toEqual([{ file: 'seed/data/countries.yaml', version: 'abc' }]);
  });

  it('on CONFLICT refreshes the preview and keeps the request; saves with the new base version', async () => {
    const calls: Array<{ preview: boolean | undefined; baseVersions: unknown }> = [];
    let version = 'v1';
    const states: SessionState[] = [];
    const session = new EditSession({ request: () => Promise.reject(new Error('not used')) }, (s) => states.push(s), 0);
    session.update({
      key: 'k',
      propertyNames: [],
      run: (_api, options) => {
        calls.push({ preview: options.preview, baseVersions: options.baseVersions });
        if (options.preview) return Promise.resolve({ ...edit, applied: false, files: [{ ...edit.files[0]!, baseVersion: version }] });
        const given = (options.baseVersions ?? [])[0]?.version;
        if (given !== 'v2') {
          version = 'v2';
          return Promise.reject(
            new ApiError({
              kind: 'graphql',
              code: 'CONFLICT',
              message: 'stale',
              operation: 'AddRelation',
              errors: [{ message: 'stale', extensions: { code: 'CONFLICT', file: 'seed/data/countries.yaml' } }],
            }),
          );
        }
        return Promise.resolve(edit);
      },
    });
    await session.previewNow();
    expect(session.state.phase).toBe('ready');
    expect(await session.save()).toBeNull();
    expect(session.state.phase).toBe('ready');
    expect(session.state.message).toMatch(/seed\/data\/countries.yaml changed on disk/);
    expect(session.state.preview?.files[0]?.baseVersion).toBe('v2');
    expect(await session.save()).toBe(edit);
    expect(calls.map((c) => [c.preview ?? false, c.baseVersions])).toEqual([
      [true, undefined],
      [false, [{ file: 'seed/data/countries.yaml', version: 'v1' }]],
      [true, undefined],
      [false, [{ file: 'seed/data/countries.yaml', version: 'v2' }]],
    ]);
    session.dispose();
  });
});
