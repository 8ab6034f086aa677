import { describe, expect, it } from 'vitest';
import { DataError, didYouMean, editDistance, nearestName } from '../../src/data/errors';

describe('DataError and name suggestions', () => {
  it('puts file, line and column in the message and keeps them as fields', () => {
    const e = new DataError({ file: 'd/monthly.csv', column: 'wage_kr', line: 17 }, 'the value "x" is not a number');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('DataError');
    expect(e.message).toBe('d/monthly.csv, line 17, column "wage_kr": the value "x" is not a number');
    expect([e.file, e.column, e.line, e.detail]).toEqual(['d/monthly.csv', 'wage_kr', 17, 'the value "x" is not a number']);
    expect(new DataError({ file: 'f.csv' }, 'gone').message).toBe('f.csv: gone');
  });

  it('measures edit distance case-insensitively', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('Wage', 'wage')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests near names, prefixes, and nothing when nothing is near', () => {
    const names = ['id', 'month', 'wage_kr', 'sick_days'];
    expect(nearestName('wgae_kr', names)).toBe('wage_kr');
    expect(nearestName('Month', names)).toBe('month');
    expect(nearestName('wage', names)).toBe('wage_kr');
    expect(nearestName('education', names)).toBeUndefined();
    expect(didYouMean('sickdays', names)).toBe(' (did you mean "sick_days"?)');
    expect(didYouMean('zzz', names)).toBe('');
  });
});
