import { describe, expect, it } from 'vitest';
import { CellProblem } from '../../src/data/csv';
import { makeConverter, makeTimeConverter, parseDate, isMissingText } from '../../src/data/convert';
import { monthCode } from '../../src/data/panel';

function problem(f: () => unknown): CellProblem {
  try {
    f();
  } catch (e) {
    if (e instanceof CellProblem) return e;
    throw e;
  }
  throw new Error('expected a CellProblem');
}

const detail = (p: CellProblem) => (typeof p.detail === 'string' ? p.detail : p.detail((r) => r + 2));

describe('cell conversion', () => {
  it('reads numbers, treats empty and NA-like cells as missing, never as 0', () => {
    const c = makeConverter({ name: 'y', type: 'number', required: false }, false);
    expect(c.convert('1.5', 0)).toBe(1.5);
    expect(c.convert('-3e2', 0)).toBe(-300);
    expect(c.convert('0', 0)).toBe(0);
    for (const s of ['', ' ', 'NA', 'NaN', '.', 'NULL']) expect(c.convert(s, 0)).toBeNaN();
    expect(isMissingText(' NA ')).toBe(true);
    expect(detail(problem(() => c.convert('12a', 4)))).toBe('the value "12a" is not a number');
    expect(detail(problem(() => c.convert('Infinity', 4)))).toMatch(/not a number/);
  });

  it('rejects missing cells in required columns, naming the record and column', () => {
    const c = makeConverter({ name: 'y', type: 'number', required: true }, false);
    const p = problem(() => c.convert('', 7));
    expect(p.record).toBe(7);
    expect(p.column).toBe('y');
    expect(detail(p)).toMatch(/empty, but the column is required/);
    expect(detail(problem(() => c.convert('NaN', 7)))).toMatch(/missing \("NaN"\), but the column is required/);
  });

  it('reads decimal commas only when the delimiter is not a comma', () => {
    expect(makeConverter({ name: 'y', type: 'number', required: true }, true).convert('2,5', 0)).toBe(2.5);
    expect(() => makeConverter({ name: 'y', type: 'number', required: true }, false).convert('2,5', 0)).toThrow(CellProblem);
  });

  it('checks whole numbers, binaries, identifiers and ranges', () => {
    const int = makeConverter({ name: 'd', type: 'integer', required: true, range: [0, 31] }, false);
    expect(int.convert('31', 0)).toBe(31);
    expect(detail(problem(() => int.convert('2.5', 0)))).toMatch(/not a whole number/);
    expect(detail(problem(() => int.convert('32', 0)))).toBe('the value 32 is outside the allowed range 0 to 31');
    const bin = makeConverter({ name: 'b', type: 'binary', required: true }, false);
    expect(bin.convert('1', 0)).toBe(1);
    expect(detail(problem(() => bin.convert('2', 0)))).toMatch(/not 0 or 1/);
    const id = makeConverter({ name: 'id', type: 'id', required: true }, false);
    expect(detail(problem(() => id.convert('-4', 0)))).toMatch(/not a whole number written in digits/);
  });

  it('reads months as month codes, 0 as "none", and shows ranges as months', () => {
    const m = makeConverter({ name: 's', type: 'month', required: false, range: [monthCode(2019, 8), monthCode(2020, 12)], zeroIsNone: true }, false);
    expect(m.convert('2019-08', 0)).toBe(monthCode(2019, 8));
    expect(m.convert('202003', 0)).toBe(monthCode(2020, 3));
    expect(m.convert('0', 0)).toBe(0);
    // An empty treatment start stays NaN here: the group rule (group-rule.ts) reads it as
    // never treated and counts it.
    expect(m.convert('', 0)).toBeNaN();
    expect(m.convert('NA', 0)).toBeNaN();
    const optional = makeConverter({ name: 'o', type: 'month', required: false }, false);
    expect(optional.convert('', 0)).toBeNaN();
    expect(detail(problem(() => m.convert('2019-08-15', 0)))).toMatch(/not a whole month/);
    expect(detail(problem(() => m.convert('2021-01', 0)))).toBe('the value 2021-01 is outside the allowed range 2019-08 to 2020-12');
  });

  it('reads dates as days since 1970 and rejects impossible dates', () => {
    expect(parseDate('1970-01-02')).toBe(1);
    expect(parseDate('2020-02-29')).toBe(Date.UTC(2020, 1, 29) / 86400000);
    expect(parseDate('2021-02-29')).toBeNaN();
    const d = makeConverter({ name: 'd', type: 'date', required: true }, false);
    expect(detail(problem(() => d.convert('2021-13-01', 0)))).toMatch(/not a date/);
  });

  it('codes categories by the dictionary levels, or by the sorted levels found', () => {
    const fixed = makeConverter({ name: 'arm', type: 'category', required: true, levels: ['T', 'C'] }, false);
    expect(fixed.convert('C', 0)).toBe(1);
    expect(fixed.convert(' T ', 0)).toBe(0);
    expect(detail(problem(() => fixed.convert('X', 0)))).toBe('the value "X" is not one of the levels (T, C)');
    const found = makeConverter({ name: 'k', type: 'category', required: false }, false);
    const seen = ['10', '2', '', '10', '1'].map((s) => found.convert(s, 0));
    const remap = found.finish!()!;
    expect(found.levels).toEqual(['1', '2', '10']);
    expect(seen.map((v) => (v === v ? found.levels![remap[v]] : 'NA'))).toEqual(['10', '2', 'NA', '10', '1']);
  });

  it('reads period columns as whole months, whole years or whole numbers', () => {
    expect(makeTimeConverter('t', 'month').convert('2019-08', 0)).toBe(monthCode(2019, 8));
    expect(detail(problem(() => makeTimeConverter('t', 'month').convert('2019-8-15', 0)))).toMatch(/not a whole month/);
    expect(makeTimeConverter('t', 'year').convert('2019', 0)).toBe(2019);
    expect(detail(problem(() => makeTimeConverter('t', 'year').convert('2019.5', 0)))).toMatch(/not a whole year/);
    expect(detail(problem(() => makeTimeConverter('t', 'integer').convert('3.5', 0)))).toMatch(/not a whole number/);
    expect(detail(problem(() => makeTimeConverter('t', 'integer').convert('', 0)))).toMatch(/time is missing/);
    expect(detail(problem(() => makeTimeConverter('t', 'year', [2014, 2023]).convert('2024', 0)))).toMatch(/outside the allowed range 2014 to 2023/);
  });
});
