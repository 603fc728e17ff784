import { describe, expect, it } from 'vitest';
import { changeBetween, forceOn, mayBeInForce, nextDay, periodEnd, periodStart, previousDay } from '../../client/src/graph/as-of-date.ts';

describe('date periods: how a relation stands on a day', () => {
  it('full dates: in force from since to until, both days included', () => {
    expect(forceOn('2020-08-06', '2021-06-09', '2020-08-05')).toBe('not-in-force');
    expect(forceOn('2020-08-06', '2021-06-09', '2020-08-06')).toBe('in-force');
    expect(forceOn('2020-08-06', '2021-06-09', '2021-06-09')).toBe('in-force');
    expect(forceOn('2020-08-06', '2021-06-09', '2021-06-10')).toBe('not-in-force');
    expect(forceOn(null, null, '1900-01-01')).toBe('in-force');
  });

  it('a month-only since is uncertain through that month, in force after it', () => {
    expect(forceOn('2020-09', null, '2020-08-31')).toBe('not-in-force');
    expect(forceOn('2020-09', null, '2020-09-01')).toBe('uncertain');
    expect(forceOn('2020-09', null, '2020-09-30')).toBe('in-force');
    expect(forceOn('2020-09', null, '2020-09-29')).toBe('uncertain');
  });

  it('a year-only until is uncertain through that year, not in force after it', () => {
    expect(forceOn(null, '2021', '2020-12-31')).toBe('in-force');
    expect(forceOn(null, '2021', '2021-01-01')).toBe('in-force');
    expect(forceOn(null, '2021', '2021-07-01')).toBe('uncertain');
    expect(forceOn(null, '2021', '2021-12-31')).toBe('uncertain');
    expect(forceOn(null, '2021', '2022-01-01')).toBe('not-in-force');
    expect(mayBeInForce(null, '2021', '2021-07-01')).toBe(true);
  });

  it('a year-only since and a month-only until', () => {
    expect(forceOn('2019', '2020-03', '2018-12-31')).toBe('not-in-force');
    expect(forceOn('2019', '2020-03', '2019-06-15')).toBe('uncertain');
    expect(forceOn('2019', '2020-03', '2020-01-15')).toBe('in-force');
    expect(forceOn('2019', '2020-03', '2020-03-15')).toBe('uncertain');
    expect(forceOn('2019', '2020-03', '2020-04-01')).toBe('not-in-force');
  });

  it('February ends on the 29th in a leap year, the 28th otherwise', () => {
    expect(periodEnd('2020-02')).toBe('2020-02-29');
    expect(periodEnd('2021-02')).toBe('2021-02-28');
    expect(periodEnd('1900-02')).toBe('1900-02-28');
    expect(periodEnd('2000-02')).toBe('2000-02-29');
    expect(forceOn('2020-02', null, '2020-02-29')).toBe('in-force');
    expect(forceOn('2020-02', null, '2020-02-28')).toBe('uncertain');
    expect(forceOn(null, '2021-02', '2021-03-01')).toBe('not-in-force');
    expect(forceOn(null, '2020-02', '2020-02-29')).toBe('uncertain');
    expect(nextDay('2020-02-28')).toBe('2020-02-29');
    expect(nextDay('2021-02-28')).toBe('2021-03-01');
    expect(previousDay('2020-03-01')).toBe('2020-02-29');
    expect(periodStart('2020-02')).toBe('2020-02-01');
  });
});

describe('date periods: what changed between two days', () => {
  it('a revoked order (full dates) ended inside the window, and appeared before it', () => {
    expect(changeBetween('2020-08-06', '2021-06-09', '2021-01-01', '2021-12-31')).toEqual({ appeared: false, ended: true, uncertain: false });
    expect(changeBetween('2020-08-06', '2021-06-09', '2020-01-01', '2020-12-31')).toEqual({ appeared: true, ended: false, uncertain: false });
    expect(changeBetween('2020-08-06', '2021-06-09', '2020-01-01', '2021-12-31')).toEqual({ appeared: true, ended: true, uncertain: false });
  });

  it('reads the window either way round and leaves undated ends alone', () => {
    expect(changeBetween('2020-08-06', null, '2020-12-31', '2020-01-01')).toEqual({ appeared: true, ended: false, uncertain: false });
    expect(changeBetween(null, null, '2000-01-01', '2030-01-01')).toEqual({ appeared: false, ended: false, uncertain: false });
  });

  it('the window edges: appeared after `from`, on or before `to`; ended on or after `from`, before `to`', () => {
    expect(changeBetween('2020-08-06', null, '2020-08-06', '2020-09-01').appeared).toBe(false);
    expect(changeBetween('2020-08-06', null, '2020-08-05', '2020-08-06').appeared).toBe(true);
    expect(changeBetween(null, '2021-06-09', '2021-06-09', '2021-06-10').ended).toBe(true);
    expect(changeBetween(null, '2021-06-09', '2021-06-01', '2021-06-09').ended).toBe(false);
  });

  it('a partial date that straddles an edge is a possible change, marked uncertain', () => {
    expect(changeBetween('2020-09', null, '2020-09-15', '2020-12-31')).toEqual({ appeared: true, ended: false, uncertain: true });
    expect(changeBetween('2020-09', null, '2020-08-31', '2020-09-30')).toEqual({ appeared: true, ended: false, uncertain: false });
    expect(changeBetween('2020-09', null, '2020-09-30', '2020-12-31').appeared).toBe(false);
    expect(changeBetween(null, '2021', '2021-07-01', '2022-07-01')).toEqual({ appeared: false, ended: true, uncertain: true });
  });
});
