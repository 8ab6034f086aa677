import { describe, expect, it } from 'vitest';
import { broadcast } from '../../../src/data/verbs';
import { monthly } from './panel-fixture';

describe('broadcast', () => {
  it('repeats a per-unit value on every row of the unit', async () => {
    const p = await monthly();
    const w = broadcast(p, 'woman');
    expect(w.length).toBe(p.nRows);
    expect(Array.from(w)).toEqual([1, 0, 0, 1].flatMap((x) => Array(6).fill(x)));
    expect(Array.from(broadcast(p, Float64Array.from([1, 2, 3, 4])).slice(5, 7))).toEqual([1, 2]);
  });

  it('refuses a row-level column and a wrong length', async () => {
    const p = await monthly();
    expect(() => broadcast(p, 'wage_kr')).toThrow(/varies over time/);
    expect(() => broadcast(p, new Float64Array(3))).toThrow(/3 values for 4 units/);
  });
});
