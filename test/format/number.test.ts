import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng';
import { formatNumber, formatPercent, MINUS, NBSP, numberFormatFor, significantDecimals } from '../../src/format/number';

describe('formatNumber', () => {
  it('writes Swedish with decimal comma, no-break-space groups and U+2212 minus', () => {
    expect(formatNumber(1014.2, 'sv', { decimals: 1 })).toBe(`1${NBSP}014,2`);
    expect(formatNumber(-1234567.891, 'sv', { decimals: 2 })).toBe(`${MINUS}1${NBSP}234${NBSP}567,89`);
    expect(formatNumber(-0.0456, 'sv', { decimals: 4 })).toBe(`${MINUS}0,0456`);
    expect(formatNumber(541, 'sv', { decimals: 0 })).toBe('541');
  });

  it('writes English with decimal point and comma groups', () => {
    expect(formatNumber(1014.2, 'en', { decimals: 1 })).toBe('1,014.2');
    expect(formatNumber(-1234567.891, 'en', { decimals: 2 })).toBe(`${MINUS}1,234,567.89`);
    expect(formatNumber(999.96, 'en', { decimals: 1 })).toBe('1,000.0');
  });

  it('agrees with Intl sv-SE and en-GB on random numbers (minus aside)', () => {
    const rng = new Rng(3);
    for (let i = 0; i < 500; i++) {
      const x = (rng.uniform() - 0.5) * 10 ** rng.int(9);
      const decimals = rng.int(5);
      for (const [lang, locale] of [['sv', 'sv-SE'], ['en', 'en-GB']] as const) {
        const intl = new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals })
          .format(x)
          .replace(/^[-\u2212]/, MINUS)
          .replace(new RegExp(`^${MINUS}(?=[0.,\\s\u00a0]*$)`), '');
        expect(formatNumber(x, lang, { decimals })).toBe(intl);
      }
    }
  });

  it('prints a value that rounds to zero without a sign', () => {
    expect(formatNumber(-0.04, 'sv', { decimals: 1 })).toBe('0,0');
    expect(formatNumber(-0.0000001, 'en', { decimals: 3 })).toBe('0.000');
  });

  it('prints shares as per cent with the sign', () => {
    expect(formatNumber(0.59, 'sv', { decimals: 0, percent: true })).toBe(`59${NBSP}%`);
    expect(formatPercent(0.3512, 'en', 1)).toBe('35.1%');
    expect(formatPercent(12.5, 'sv')).toBe(`1${NBSP}250${NBSP}%`);
  });

  it('defaults to 0 decimals for integers and 2 otherwise; refuses NaN', () => {
    expect(formatNumber(12, 'en')).toBe('12');
    expect(formatNumber(1.23456, 'en')).toBe('1.23');
    expect(() => formatNumber(NaN, 'sv')).toThrow(/finite/);
    expect(() => formatNumber(Infinity, 'en')).toThrow(/finite/);
    expect(() => formatNumber(1, 'en', { decimals: -1 })).toThrow(/decimals/);
  });
});

describe('numberFormatFor', () => {
  it('chooses level decimals from the unit', () => {
    expect(numberFormatFor('kr')).toEqual({ decimals: 0 });
    expect(numberFormatFor('days')).toEqual({ decimals: 1 });
    expect(numberFormatFor('score')).toEqual({ decimals: 2 });
    expect(numberFormatFor('share')).toEqual({ decimals: 1, percent: true });
    expect(numberFormatFor('indicator')).toEqual({ decimals: 1, percent: true });
    expect(numberFormatFor('count')).toEqual({ decimals: 0 });
  });

  it('effects: kronor with one decimal, others three significant digits of the SE', () => {
    expect(formatNumber(1014.2, 'sv', numberFormatFor('kr', 'effect', 267.5))).toBe(`1${NBSP}014,2`);
    const f = numberFormatFor('indicator', 'effect', 0.0168);
    expect(f).toEqual({ decimals: 4 });
    expect(formatNumber(-0.0456, 'sv', f)).toBe(`${MINUS}0,0456`);
    expect(formatNumber(0.00623, 'en', numberFormatFor('indicator', 'effect', 0.00623))).toBe('0.00623');
    expect(formatNumber(-0.788, 'en', numberFormatFor('days', 'effect', 0.331))).toBe(`${MINUS}0.788`);
    expect(numberFormatFor('score', 'effect')).toEqual({ decimals: 3 });
  });

  it('significantDecimals clamps to 0..6 and falls back to 3', () => {
    expect(significantDecimals(12345, 3)).toBe(0);
    expect(significantDecimals(1e-9, 3)).toBe(6);
    expect(significantDecimals(0, 3)).toBe(3);
    expect(significantDecimals(NaN, 3)).toBe(3);
  });
});
