import { describe, expect, it } from 'vitest';
import { derive } from '../../../src/data/verbs';
import { monthly } from './panel-fixture';

describe('derive', () => {
  it('adds a row-level column from a formula, leaving the input alone', async () => {
    const p = await monthly();
    const d = derive(p, { high: (r, q) => (q.cols.wage_kr[r] > 2500 ? 1 : 0), k: Float64Array.from({ length: p.nRows }, (_, i) => i) });
    expect(Array.from(d.cols.high)).toEqual([0, 0, 1, 1].flatMap((x) => Array(6).fill(x)));
    expect(d.cols.k[23]).toBe(23);
    expect('high' in p.cols).toBe(false);
  });

  it('refuses a per-unit name and a wrong length', async () => {
    const p = await monthly();
    expect(() => derive(p, { woman: () => 1 })).toThrow(/per-unit/);
    expect(() => derive(p, { k: new Float64Array(2) })).toThrow(/2 values for 24 rows/);
  });
});
