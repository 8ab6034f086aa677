import { describe, expect, it } from 'vitest';
import { formatCell, formatCellInline, valueCell } from '../../src/format/cell';
import { MINUS, NBSP } from '../../src/format/number';
import { STARS_R23, STARS_R24 } from '../../src/format/stars';
import { na } from '../../src/stats/na';

describe('formatCell', () => {
  it('value with stars and SE in parentheses, per language', () => {
    const cell = { value: 1014.2, se: 267.5, stars: '***', format: { decimals: 1 } };
    expect(formatCell(cell, 'sv')).toEqual({ main: `1${NBSP}014,2***`, se: '(267,5)' });
    expect(formatCellInline(cell, 'en')).toBe('1,014.2*** (267.5)');
  });

  it('percent cells print the SE as per cent too', () => {
    expect(formatCellInline({ value: -0.0456, se: 0.0168, format: { decimals: 2, percent: true } }, 'en')).toBe(`${MINUS}4.56% (1.68%)`);
  });

  it('suppressed cells print "..", whatever else they hold', () => {
    expect(formatCell({ value: 3, suppressed: true, text: { sv: 'x', en: 'x' } }, 'sv')).toEqual({ main: '..' });
  });

  it('a missing value prints its NA reason (or nothing); a text cell its text', () => {
    expect(formatCell({ value: null, na: { sv: 'för få observationer', en: 'too few observations' } }, 'en').main).toBe('too few observations');
    expect(formatCell({ value: null }, 'sv').main).toBe('');
    expect(formatCell({ value: NaN }, 'sv').main).toBe('');
    expect(formatCell({ value: null, text: { sv: '48 / 52', en: '48 / 52' } }, 'en').main).toBe('48 / 52');
  });

  it('leaves out a missing or non-finite SE', () => {
    expect(formatCell({ value: 2, se: null }, 'en')).toEqual({ main: '2' });
    expect(formatCell({ value: 2, se: NaN }, 'en')).toEqual({ main: '2' });
  });
});

describe('valueCell', () => {
  it('turns a statistic into a cell: number, SE, p, stars and n', () => {
    const c = valueCell({ value: 0.664 }, { format: { decimals: 3 }, se: { value: 0.33 }, p: { value: 0.044 }, rule: STARS_R23, n: 446 });
    expect(c).toEqual({ value: 0.664, format: { decimals: 3 }, se: 0.33, p: 0.044, stars: '**', n: 446 });
    expect(formatCellInline(c, 'sv')).toBe('0,664** (0,330)');
  });

  it('an NA statistic becomes a cell printing its reason', () => {
    const c = valueCell(na('too-few'), { se: na('too-few'), p: na('too-few'), rule: STARS_R24 });
    expect(c.value).toBeNull();
    expect(c.stars).toBeUndefined();
    expect(formatCell(c, 'en').main).toBe('too few observations');
    expect(formatCell(c, 'sv').main).toBe('för få observationer');
  });
});
