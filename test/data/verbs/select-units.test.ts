import { describe, expect, it } from 'vitest';
import { selectUnits } from '../../../src/data/verbs';
import { expectValid, monthly } from './panel-fixture';

describe('selectUnits', () => {
  it('keeps the units passing a predicate, with their rows and attributes', async () => {
    const p = await monthly();
    const men = selectUnits(p, (u) => p.unitCols.woman[u] === 0);
    expectValid(men, expect);
    expect(Array.from(men.unitIds)).toEqual([2, 3]);
    expect(men.nRows).toBe(12);
    expect(men.cols.wage_kr[0]).toBe(2010);
    expect(men.cols.wage_kr[6]).toBe(3010);
    expect(Array.from(men.unitCols.arm)).toEqual([0, 1]);
    expect(p.nUnits).toBe(4);
  });

  it('takes a mask, and checks its length', async () => {
    const p = await monthly();
    expect(Array.from(selectUnits(p, [1, 0, 0, 1]).unitIds)).toEqual([1, 4]);
    expect(selectUnits(p, [false, false, false, false]).nRows).toBe(0);
    expect(() => selectUnits(p, [1, 0])).toThrow(/2 entries for 4 units/);
  });
});
