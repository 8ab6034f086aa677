import { describe, expect, it } from 'vitest';
import { monthCode, type Panel } from '../../src/data/panel';
import { spellDaysByMonth, withSpellDays } from '../../src/models/sickness-spells';
import { monthlyLayout } from '../helpers/monthly-panel';

const day = (y: number, m: number, d: number) => Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
const MONTHS = [monthCode(2015, 1), monthCode(2015, 2), monthCode(2015, 3), monthCode(2015, 4)];

/** Three persons (ids 1, 2, 3) observed January–April 2015. */
function monthly(): Panel {
  return {
    ...monthlyLayout([1, 2, 3], MONTHS[0], MONTHS.length),
    cols: {},
    unitCols: {},
    levels: {},
  };
}

/** Spells: person 1 one from before 2015 into January, one across February/March and an overlapping one in March; person 2 an open one from 15 April; person 3 none. */
function spells(): Panel {
  const rows: [number, number, number, number][] = [
    [0, 1, day(2014, 12, 20), day(2015, 1, 10)],
    [0, 2, day(2015, 2, 27), day(2015, 3, 2)],
    [0, 3, day(2015, 3, 1), day(2015, 3, 5)],
    [1, 1, day(2015, 4, 15), NaN],
  ];
  return {
    idName: 'id',
    timeName: 'spell',
    periodKind: 'integer',
    nUnits: 2,
    nRows: rows.length,
    unitIds: Float64Array.from([1, 2]),
    rowStart: Int32Array.from([0, 3, 4]),
    rowUnit: Int32Array.from(rows.map((r) => r[0])),
    rowTime: Int32Array.from(rows.map((r) => r[1])),
    periods: Int32Array.from([1, 2, 3]),
    rowPeriod: Int32Array.from(rows.map((r) => r[1] - 1)),
    cols: { spell_start: Float64Array.from(rows.map((r) => r[2])), spell_end: Float64Array.from(rows.map((r) => r[3])) },
    unitCols: {},
    levels: {},
  };
}

describe('days in sickness spells per month (R24 B4 "Sjukfall, dagar")', () => {
  it('counts each calendar day of a spell once, in the month it falls in; an open spell runs to the end of every month', () => {
    const d = spellDaysByMonth(monthly(), spells());
    // Person 1: 1–10 January; 27–28 February; 1–5 March (two overlapping spells, counted once); none in April.
    expect(Array.from(d.subarray(0, 4))).toEqual([10, 2, 5, 0]);
    // Person 2: 15–30 April (open spell).
    expect(Array.from(d.subarray(4, 8))).toEqual([0, 0, 0, 16]);
    // Person 3: no spells.
    expect(Array.from(d.subarray(8, 12))).toEqual([0, 0, 0, 0]);
  });
  it('adds the column to the monthly panel and names a spell without a first day', () => {
    expect(Array.from(withSpellDays(monthly(), spells()).cols.sickness_spell_days.subarray(0, 2))).toEqual([10, 2]);
    const broken = spells();
    broken.cols.spell_start[3] = NaN;
    expect(() => spellDaysByMonth(monthly(), broken)).toThrow(/person 2, spell 1 has no first day/);
  });
});
