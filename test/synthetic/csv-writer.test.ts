import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATE, INT, MONTH, TEXT, csvText, dayNumber, fixed, formatFixed, writeCsvColumns } from '../../data-synthetic/csv-writer';
import { monthCode } from '../../src/data/panel';

describe('csv-writer', () => {
  it('prints numbers with fixed decimals, no trailing zeros, no -0, NaN empty', () => {
    expect(formatFixed(1.5, 2)).toBe('1.5');
    expect(formatFixed(2, 2)).toBe('2');
    expect(formatFixed(-0.0001, 2)).toBe('0');
    expect(formatFixed(1234.5678, 0)).toBe('1235');
    expect(formatFixed(NaN, 3)).toBe('');
    expect(() => formatFixed(Infinity, 1)).toThrow(/Infinity/);
  });

  it('renders months, dates and quoted text', () => {
    const text = csvText([
      { name: 'id', format: INT, values: new Int32Array([1, 2]) },
      { name: 'month', format: MONTH, values: [monthCode(2019, 8), monthCode(2024, 4)] },
      { name: 'day', format: DATE, values: [dayNumber(2020, 2, 29), NaN] },
      { name: 'x', format: fixed(2), values: new Float64Array([0.125, -3]) },
      { name: 'label', format: TEXT, values: ['a,b', 'say "hi"'] },
    ]);
    expect(text).toBe('id,month,day,x,label\n1,2019-08,2020-02-29,0.13,"a,b"\n2,2024-04,,-3,"say ""hi"""\n');
  });

  it('rejects columns of unequal length and leaves no file behind', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csvw-'));
    const file = path.join(dir, 'a.csv');
    expect(() =>
      writeCsvColumns(file, [
        { name: 'a', format: INT, values: [1, 2] },
        { name: 'b', format: INT, values: [1] },
      ]),
    ).toThrow(/"b" has 1 values/);
    expect(fs.readdirSync(dir)).toEqual([]);
    const r = writeCsvColumns(file, [{ name: 'a', format: INT, values: [1, 2] }]);
    expect(r).toEqual({ rows: 2, bytes: 6 });
    expect(fs.readdirSync(dir)).toEqual(['a.csv']);
  });
});
