import { describe, expect, it } from 'vitest';
import { periodMeans, selectUnits } from '../../../src/data/verbs';
import { monthly } from './panel-fixture';

describe('periodMeans', () => {
  it('averages a column per period over all units', async () => {
    const p = await monthly();
    const m = periodMeans(p, 'wage_kr');
    expect(m.groups.length).toBe(1);
    expect(Array.from(m.mean[0])).toEqual([2510, 2520, 2530, 2540, 2550, 2560]);
    expect(Array.from(m.n[0])).toEqual([4, 4, 4, 4, 4, 4]);
  });

  it('averages by a per-unit group with its level names, skipping missing values', async () => {
    const p = await monthly();
    const m = periodMeans(p, 'wage_kr', { by: 'arm' });
    expect(m.groups).toEqual([0, 1]);
    expect(m.labels).toEqual(['T', 'C']);
    expect(m.mean[0][0]).toBe(1510);
    expect(m.mean[1][0]).toBe(3510);
    const s = periodMeans(p, 'sick_days', { by: 'woman' });
    expect(s.n[0][2]).toBe(1);
  });

  it('gives NaN with n = 0 for a period without values in a group', async () => {
    const p = selectUnits(await monthly(), [1, 1, 0, 0]);
    const m = periodMeans(p, 'sick_days', { by: 'woman' });
    // Men: only unit 2, whose September is missing.
    expect(m.mean[0][2]).toBeNaN();
    expect(m.n[0][2]).toBe(0);
  });
});
