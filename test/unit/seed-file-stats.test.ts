import { describe, expect, it } from 'vitest';
import { addFileStats, hasFileStats, seedFileStats } from '../../server/ingest/seed-file-stats.ts';
import type { SeedEntity, SeedRelation } from '../../server/ingest/seed-model.ts';

const at = { file: 'seed/data/x.yaml', line: 1, column: 1 };
const entity = (id: string, kind: string): SeedEntity => ({ id, kind, name: id, aliases: [], description: undefined, properties: {}, at });
const relation = (type: string, since?: string, until?: string): SeedRelation => ({
  key: `a|${type}|b${since ? `|${since}` : ''}`,
  from: 'a',
  type,
  to: 'b',
  since,
  until,
  confidence: 'high',
  evidence: [],
  properties: {},
  at,
});

describe('seed file figures (what stats adds up)', () => {
  it('counts a file’s entities per kind and relations per type, and spans its dates as strings compare', () => {
    const s = seedFileStats(
      [entity('a', 'Country'), entity('b', 'Company'), entity('c', 'Country')],
      [relation('BANS', '2020-08'), relation('BANS', undefined, '2021'), relation('OWNS', '2019-12-31', '2020-01')],
    );
    expect(s).toEqual({
      kinds: ['Country', 'Company'],
      kindCounts: [2, 1],
      types: ['BANS', 'OWNS'],
      typeCounts: [2, 1],
      earliest: '2019-12-31',
      latest: '2021',
    });
    expect(seedFileStats([], [relation('OWNS')])).toMatchObject({ earliest: null, latest: null });
  });

  it('adds files up: counts summed by name, dates widened, absent lists and dates ignored', () => {
    const a = seedFileStats([entity('a', 'Country')], [relation('BANS', '2020')]);
    const b = seedFileStats([entity('b', 'Country'), entity('c', 'App')], [relation('BANS'), relation('OWNS', '2018-05', '2022-01-02')]);
    expect(addFileStats([a, b, { earliest: null }])).toEqual({
      byKind: [
        { name: 'Country', count: 2 },
        { name: 'App', count: 1 },
      ],
      byType: [
        { name: 'BANS', count: 2 },
        { name: 'OWNS', count: 1 },
      ],
      earliest: '2018-05',
      latest: '2022-01-02',
    });
    expect(addFileStats([])).toEqual({ byKind: [], byType: [], earliest: null, latest: null });
    expect([a, {}, { kinds: ['Country'] }].map(hasFileStats)).toEqual([true, false, false]);
  });
});
