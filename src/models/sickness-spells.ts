/**
 * Days in sickness spells per person-month, derived from Försäkringskassan's spell records
 * (first and last day of each spell; sickness_spells.csv of team-rct): R24 Table B4's
 * "Sjukfall, dagar" counts the calendar days of the spells, from a spell's first day to its
 * last, which the monthly benefit days of one benefit need not equal (a spell runs on
 * through rehabilitation benefit, and it is the register's own record of start and end).
 * A spell without a last day (still running when the extract ends) runs to the end of
 * every month of the panel.
 */
import type { Panel } from '../data/panel';
import { findUnit } from '../data/unit-table';
import { derive } from '../data/verbs/derive';

/** Days since 1970-01-01 of the first day of a month code. */
function monthStartDay(month: number): number {
  const y = Math.floor(month / 12);
  return Math.round(Date.UTC(y, month - 12 * y, 1) / 86_400_000);
}

/**
 * Per row of `monthly`: calendar days of the row's month inside any of the person's spells
 * (`spells`: a panel with `spell_start` and `spell_end` as day numbers, one row per spell).
 * Overlapping spells count a day once.
 */
export function spellDaysByMonth(monthly: Panel, spells: Panel): Float64Array {
  if (monthly.periodKind !== 'month') throw new RangeError('spellDaysByMonth: the first panel must be monthly');
  const start = spells.cols.spell_start;
  const end = spells.cols.spell_end;
  if (!start || !end) throw new RangeError('spellDaysByMonth: the spell panel needs the columns spell_start and spell_end');
  const out = new Float64Array(monthly.nRows);
  for (let u = 0; u < monthly.nUnits; u++) {
    const j = findUnit(spells.unitIds, monthly.unitIds[u]);
    if (j < 0) continue; // no spells: 0 days in every month
    const list: [number, number][] = [];
    for (let k = spells.rowStart[j]; k < spells.rowStart[j + 1]; k++) {
      if (!Number.isFinite(start[k])) throw new RangeError(`spellDaysByMonth: person ${spells.unitIds[j]}, spell ${spells.rowTime[k]} has no first day`);
      list.push([start[k], Number.isFinite(end[k]) ? end[k] : Infinity]);
    }
    list.sort((a, b) => a[0] - b[0]);
    for (let r = monthly.rowStart[u]; r < monthly.rowStart[u + 1]; r++) {
      const lo = monthStartDay(monthly.rowTime[r]);
      const hi = monthStartDay(monthly.rowTime[r] + 1) - 1;
      let days = 0;
      let covered = lo - 1; // last day already counted (overlaps count once)
      for (const [a, b] of list) {
        const from = Math.max(a, lo, covered + 1);
        const to = Math.min(b, hi);
        if (to >= from) {
          days += to - from + 1;
          covered = to;
        }
      }
      out[r] = days;
    }
  }
  return out;
}

/** The monthly panel with `sickness_spell_days` (spellDaysByMonth) added. */
export function withSpellDays(monthly: Panel, spells: Panel, column = 'sickness_spell_days'): Panel {
  return derive(monthly, { [column]: spellDaysByMonth(monthly, spells) });
}
