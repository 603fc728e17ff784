import { describe, expect, it } from 'vitest';
import { NO_FILTERS } from '../../client/src/graph/filters.ts';
import { decodeViewState, encodeViewState, MAX_POSITIONED_ENTITIES, type ViewState } from '../../client/src/graph/url-state.ts';

const state: ViewState = {
  entities: [
    { id: 'clean-network', x: 0, y: 0 },
    { id: 'huawei', x: 140.4, y: -60.6 },
    { id: 'odd id,with;chars@&=%', x: 1, y: 2 },
  ],
  pinned: ['huawei'],
  selected: 'clean-network|EXCLUDES|huawei',
  filters: { hiddenKinds: ['Outlet'], hiddenTypes: ['OWNS', 'HEADQUARTERED_IN'], asOf: '2021-06-10', hideStranded: false },
  layout: 'concentric',
};

describe('URL state', () => {
  it('round-trips a view (positions rounded)', () => {
    const hash = encodeViewState(state);
    const back = decodeViewState(`#${hash}`);
    expect(back).toEqual({
      ...state,
      entities: [
        { id: 'clean-network', x: 0, y: 0 },
        { id: 'huawei', x: 140, y: -61 },
        { id: 'odd id,with;chars@&=%', x: 1, y: 2 },
      ],
    });
  });

  it('writes a short, readable hash for the usual view', () => {
    const hash = encodeViewState({
      entities: [
        { id: 'clean-network', x: 0, y: 0 },
        { id: 'huawei', x: 140, y: -60 },
      ],
      pinned: [],
      selected: 'huawei',
      filters: NO_FILTERS,
      layout: 'fcose',
    });
    expect(hash).toBe('e=clean-network@0,0;huawei@140,-60&s=huawei');
  });

  it('leaves positions out of big views', () => {
    const entities = Array.from({ length: MAX_POSITIONED_ENTITIES + 1 }, (_, i) => ({ id: `n${i}`, x: i, y: i }));
    const back = decodeViewState(encodeViewState({ ...state, entities, pinned: [] }));
    expect(back?.entities[0]).toEqual({ id: 'n0' });
    expect(back?.entities).toHaveLength(MAX_POSITIONED_ENTITIES + 1);
  });

  it('returns null for a hash without a view and drops malformed parts', () => {
    expect(decodeViewState('')).toBeNull();
    expect(decodeViewState('#foo=bar')).toBeNull();
    const back = decodeViewState('#e=a;a;b@1,x;%E0%A4%A&p=zzz&d=2021-02-30&l=spiral');
    expect(back).toEqual({
      entities: [{ id: 'a' }, { id: 'b@1,x' }],
      pinned: [],
      selected: null,
      filters: NO_FILTERS,
      layout: 'fcose',
    });
  });
});
