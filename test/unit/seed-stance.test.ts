import { afterEach, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../server/ingest/diagnostics.ts';
import { loadSeed } from '../../server/ingest/load-seed.ts';
import { SMALL_SEED, makeSeedDir } from '../helpers/seed-fixture.ts';

let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

function load(files: Record<string, string>) {
  const seed = makeSeedDir(files);
  cleanup.push(seed.remove);
  const loaded = loadSeed({ seedDir: seed.dir });
  return { graph: loaded.graph, errors: loaded.diagnostics.map(formatDiagnostic) };
}

/** SMALL_SEED plus one relation whose evidence list is `evidence` (YAML, indented for the list). */
const withClaim = (evidence: string) => `${SMALL_SEED}  - from: huawei\n    type: SPIES_FOR\n    to: china\n    evidence:\n${evidence}`;
const SUPPORTS = `      - { outlet: reuters, date: 2019-05-23, quote: "puts American information at risk" }\n`;

describe('evidence stance in YAML', () => {
  it('defaults to supports; disputes with disputedBy (one id or a list) is kept per evidence', () => {
    const { graph, errors } = load({
      'a.yaml': withClaim(
        SUPPORTS +
          `      - { outlet: reuters, date: 2019-05-23, quote: "denied", stance: disputes, disputedBy: huawei }\n` +
          `      - { source: ap, stance: disputes, disputedBy: [china, huawei] }\n`,
      ),
    });
    expect(errors).toEqual([]);
    const claim = graph.relations.find((r) => r.type === 'SPIES_FOR')!;
    expect(claim.evidence.map((e) => [e.stance, e.disputedBy])).toEqual([
      ['supports', []],
      ['disputes', ['huawei']],
      ['disputes', ['china', 'huawei']],
    ]);
    expect(graph.relations.find((r) => r.type === 'EXCLUDES')!.evidence[0]).toMatchObject({ stance: 'supports', disputedBy: [] });
  });

  it('an unknown stance is an error at its value, with the stance meant', () => {
    const { errors } = load({ 'a.yaml': withClaim(`      - { outlet: reuters, date: 2019-05-23, quote: "x", stance: disputs }\n`) });
    expect(errors).toEqual(['seed/data/a.yaml:35:66: unknown stance "disputs" (did you mean "disputes"?)']);
  });

  it('a disputing entity must exist: the unknown id is named where it stands, with the id meant', () => {
    const { errors } = load({
      'a.yaml': withClaim(`      - { outlet: reuters, date: 2019-05-23, quote: "x", stance: disputes, disputedBy: [china, huawai] }\n`),
    });
    expect(errors).toEqual(['seed/data/a.yaml:35:96: disputedBy: unknown entity id "huawai" (did you mean "huawei"?)']);
  });

  it('disputedBy on supporting evidence, a malformed id and a repeated one are errors', () => {
    const { errors } = load({
      'a.yaml': withClaim(
        `      - outlet: reuters\n        date: 2019-05-23\n        quote: "x"\n        disputedBy: huawei\n` +
          `      - { outlet: reuters, date: 2019-05-23, quote: "y", stance: disputes, disputedBy: Huawei }\n` +
          `      - { outlet: reuters, date: 2019-05-23, quote: "z", stance: disputes, disputedBy: [china, china] }\n`,
      ),
    });
    expect(errors).toEqual([
      'seed/data/a.yaml:38:9: disputedBy names who disputes the claim, but this evidence supports it (add "stance: disputes")',
      'seed/data/a.yaml:39:88: disputedBy "Huawei" is not a valid id (did you mean "huawei"?)',
      'seed/data/a.yaml:40:96: disputedBy names "china" twice',
    ]);
  });

  it('a source may carry a stance, and evidence citing it may override it', () => {
    const seed = SMALL_SEED.replace(
      'sources:\n',
      'sources:\n  denial: { outlet: reuters, date: 2019-05-23, quote: "denied", stance: disputes, disputedBy: huawei }\n',
    );
    const { errors } = load({
      'a.yaml': `${seed}  - from: huawei\n    type: SPIES_FOR\n    to: china\n    evidence: [denial, { source: denial, stance: supports, disputedBy: [] }]\n`,
    });
    // An empty disputedBy list says nothing: refused like any empty value would be.
    expect(errors).toEqual(['seed/data/a.yaml:35:72: disputedBy: expected an entity id or a list of them, not an empty list']);
    const ok = load({ 'a.yaml': `${seed}  - huawei SPIES_FOR china @denial\n` });
    expect(ok.errors).toEqual([]);
    expect(ok.graph.relations.find((r) => r.type === 'SPIES_FOR')!.evidence[0]).toMatchObject({ stance: 'disputes', disputedBy: ['huawei'] });
  });
});

describe('evidence stance in CSV', () => {
  const header = 'from,type,to,outlet,quote,url,date,stance,disputedBy';
  const entities = SMALL_SEED.slice(0, SMALL_SEED.indexOf('sources:'));

  it('reads stance and disputedBy columns (ids separated by ";")', () => {
    const { graph, errors } = load({
      'a.yaml': entities,
      'b.csv': `${header}\nhuawei,SPIES_FOR,china,reuters,"denied",,2019-05-23,disputes,china; huawei\nclean-network,EXCLUDES,zte,ap-news,"q",,2020-09-08,,\n`,
    });
    expect(errors).toEqual([]);
    expect(graph.relations.map((r) => [r.type, r.evidence[0]!.stance, r.evidence[0]!.disputedBy])).toEqual([
      ['SPIES_FOR', 'disputes', ['china', 'huawei']],
      ['EXCLUDES', 'supports', []],
    ]);
  });

  it('an unknown stance and an unknown disputing entity are errors at their file:line:column', () => {
    const { errors } = load({
      'a.yaml': entities,
      'b.csv': `${header}\nhuawei,SPIES_FOR,china,reuters,"denied",,2019-05-23,dispute,china\nhuawei,SPIES_FOR,china,reuters,"x",,2019-05-24,disputes,"china;chna"\n`,
    });
    expect(errors).toEqual([
      'seed/data/b.csv:2:53: unknown stance "dispute" (did you mean "disputes"?)',
      'seed/data/b.csv:3:64: disputedBy: unknown entity id "chna" (did you mean "china"?)',
    ]);
  });
});
