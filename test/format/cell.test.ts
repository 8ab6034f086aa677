import { describe, expect, it } from 'vitest';
import { formatCell, formatCellInline } from '../../src/format/cell';
import { MINUS, NBSP } from '../../src/format/number';

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
