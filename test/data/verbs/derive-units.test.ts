import { describe, expect, it } from 'vitest';
import { deriveUnits } from '../../../src/data/verbs';
import { monthly } from './panel-fixture';

describe('deriveUnits', () => {
  it('adds a per-unit column from a formula', async () => {
    const p = await monthly();
    const d = deriveUnits(p, { age_2019: (u, q) => 2019 - q.unitCols.birth_year[u] });
    expect(Array.from(d.unitCols.age_2019)).toEqual([44, 29, 39, 34]);
    expect('age_2019' in p.unitCols).toBe(false);
  });

  it('refuses a row-level name and a wrong length', async () => {
    const p = await monthly();
    expect(() => deriveUnits(p, { wage_kr: () => 1 })).toThrow(/row-level/);
    expect(() => deriveUnits(p, { a: new Float64Array(5) })).toThrow(/5 values for 4 units/);
  });
});
