import { describe, expect, it } from 'vitest';
import { eventTime, unitMeans } from '../../../src/data/verbs';
import { monthly } from './panel-fixture';

describe('unitMeans', () => {
  it('averages each unit over its rows, skipping missing values', async () => {
    const p = await monthly();
    const w = unitMeans(p, 'wage_kr');
    expect(Array.from(w.mean)).toEqual([1035, 2035, 3035, 4035]);
    const s = unitMeans(p, 'sick_days');
    expect(s.n[1]).toBe(5);
    // Unit 2: (2 + m) % 5 for m = 1..6 without m = 3: 3, 4, 1, 2, 3.
    expect(s.mean[1]).toBeCloseTo(13 / 5, 12);
  });

  it('averages over the rows passing a test, NaN with n = 0 where none pass', async () => {
    const p = await monthly();
    const e = eventTime(p, 'start_month');
    const pre = unitMeans(p, 'wage_kr', (r) => e[r] < 0);
    expect(pre.mean[0]).toBe(1015);
    expect(Array.from(pre.n)).toEqual([2, 4, 6, 0]);
    expect(pre.mean[3]).toBeNaN();
  });
});
