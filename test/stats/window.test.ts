import { describe, expect, it } from 'vitest';
import { unitColumn, unitWindow, rowValues } from '../../src/stats/window';
import { makePanel } from './helpers';

// Unit 1: periods 10..15, unit 2: periods 12..14 with a missing value, unit 3: 20.
const panel = makePanel(
  [
    ...[10, 11, 12, 13, 14, 15].map((t) => ({ unit: 1, time: t, days: t - 10, sa: t % 2 })),
    { unit: 2, time: 12, days: 5, sa: 1 },
    { unit: 2, time: 13, days: NaN, sa: 0 },
    { unit: 2, time: 14, days: 7, sa: 1 },
    { unit: 3, time: 20, days: 9, sa: 0 },
  ],
  { meeting: [14, 15, NaN] },
);
const ref = panel.unitCols.meeting;

describe('unitWindow', () => {
  it('sums over the periods before each unit’s own reference month', () => {
    const s = unitWindow(panel, 'days', { ref, from: -3, to: -1 }, 'sum');
    expect(s[0]).toBe(1 + 2 + 3); // periods 11..13
    expect(s[1]).toBe(5 + 7); // periods 12..14, 13 missing
    expect(Number.isNaN(s[2])).toBe(true); // no reference month
  });

  it('intersects relative and calendar bounds ("since period 12, up to the meeting")', () => {
    const s = unitWindow(panel, 'days', { ref, to: -1, fromPeriod: 12 }, 'sum');
    expect(s[0]).toBe(2 + 3);
    expect(s[1]).toBe(5 + 7);
  });

  it('aggregates as mean, max, min, any, countPositive and last', () => {
    const w = { fromPeriod: 10, toPeriod: 15 };
    expect(Array.from(unitWindow(panel, 'days', w, 'mean')).slice(0, 2)).toEqual([2.5, 6]);
    expect(unitWindow(panel, 'days', w, 'max')[0]).toBe(5);
    expect(unitWindow(panel, 'days', w, 'min')[0]).toBe(0);
    expect(Array.from(unitWindow(panel, 'sa', w, 'any')).slice(0, 2)).toEqual([1, 1]);
    expect(unitWindow(panel, 'sa', w, 'countPositive')[0]).toBe(3);
    expect(unitWindow(panel, 'days', w, 'last')[1]).toBe(7);
    expect(Number.isNaN(unitWindow(panel, 'days', w, 'sum')[2])).toBe(true);
  });

  it('with `complete`, a unit missing a period of the window is NaN', () => {
    const s = unitWindow(panel, 'days', { fromPeriod: 12, toPeriod: 14, complete: true }, 'sum');
    expect(s[0]).toBe(2 + 3 + 4);
    expect(Number.isNaN(s[1])).toBe(true);
  });

  it('names the problem for unknown columns and misuse', () => {
    expect(() => unitWindow(panel, 'nope', {}, 'sum')).toThrow(/no row column "nope"/);
    expect(() => unitWindow(panel, 'meeting', {}, 'sum')).toThrow(/per-unit/);
    expect(() => unitWindow(panel, 'days', { from: -1 }, 'sum')).toThrow(/ref/);
    expect(() => unitColumn(panel, 'days')).toThrow(/row column/);
  });

  it('rowValues repeats a per-unit column on each row', () => {
    expect(Array.from(rowValues(panel, 'meeting')).slice(5, 8)).toEqual([14, 15, 15]);
    expect(rowValues(panel, 'days')).toBe(panel.cols.days);
  });
});
