import { describe, expect, it } from 'vitest';
import { monthCode } from '../../../src/data/panel';
import { restrictPeriods } from '../../../src/data/verbs';
import { expectValid, monthly } from './panel-fixture';

describe('restrictPeriods', () => {
  it('keeps the rows in an inclusive window given as YYYY-MM or codes', async () => {
    const p = await monthly();
    const w = restrictPeriods(p, '2019-09', '2019-10');
    expectValid(w, expect);
    expect(Array.from(w.periods)).toEqual([monthCode(2019, 9), monthCode(2019, 10)]);
    expect(w.nRows).toBe(8);
    expect(Array.from(w.cols.wage_kr.slice(0, 2))).toEqual([1030, 1040]);
    const same = restrictPeriods(p, monthCode(2019, 9), monthCode(2019, 10));
    expect(same.cols).toEqual(w.cols);
  });

  it('leaves a side open with null, and rejects a reversed or malformed window', async () => {
    const p = await monthly();
    expect(restrictPeriods(p, '2019-11', null).nRows).toBe(8);
    expect(restrictPeriods(p, null, null)).toBe(p);
    expect(() => restrictPeriods(p, '2019-12', '2019-01')).toThrow(/starts/);
    expect(() => restrictPeriods(p, '2019-13', null)).toThrow(/not a month/);
  });

  it('drops units left without rows', async () => {
    const p = await monthly();
    expect(restrictPeriods(p, '2021-01', '2021-12').nUnits).toBe(0);
  });
});
