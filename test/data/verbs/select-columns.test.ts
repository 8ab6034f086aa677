import { describe, expect, it } from 'vitest';
import { selectColumns } from '../../../src/data/verbs';
import { monthly } from './panel-fixture';

describe('selectColumns', () => {
  it('keeps only the named row-level and per-unit columns, with their levels', async () => {
    const p = await monthly();
    const s = selectColumns(p, ['wage_kr', 'arm']);
    expect(Object.keys(s.cols)).toEqual(['wage_kr']);
    expect(Object.keys(s.unitCols)).toEqual(['arm']);
    expect(s.levels).toEqual({ arm: ['T', 'C'] });
    expect(s.cols.wage_kr).toBe(p.cols.wage_kr);
  });

  it('names the nearest column when one is unknown', async () => {
    const p = await monthly();
    expect(() => selectColumns(p, ['wage'])).toThrow(/no column "wage" \(did you mean "wage_kr"\?\)/);
  });
});
