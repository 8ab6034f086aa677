/**
 * Sickness spells as Försäkringskassan's register records them: one row per spell with its
 * first and last day (R24 Table B4 "Sjukfall, dagar"). A spell is an unbroken period with
 * sickness or rehabilitation benefit; the monthly columns count its days per month
 * (`sickness_insurance_gross_days`), and the simulation starts a spell on a day of its first
 * month and ends it with the last day of its last month, so the spells are recovered from
 * them exactly. A spell still running at the extract's end (April 2024) has no last day; one
 * running when the simulated registers begin (January 2014) starts there.
 */
import { dayNumber } from '../csv-writer';
import { daysInMonth } from '../sampling';
import type { MonthlyColumns } from './derive';
import { KEEP_FIRST, MONTH_FIRST, MONTH_LAST } from './simulate';

export interface Spell {
  /** Days since 1970-01-01. */
  start: number;
  /** Last day (days since 1970-01-01); NaN while the spell is still running at the extract's end. */
  end: number;
}

const firstDay = (m: number) => dayNumber(Math.floor(m / 12), (m % 12) + 1, 1);

/** The person's spells that reach the extract (end on or after 1 January 2015), in order. */
export function sicknessSpells(c: MonthlyColumns): Spell[] {
  const days = c.sickness_insurance_gross_days;
  const out: Spell[] = [];
  let k = 0;
  const n = MONTH_LAST - KEEP_FIRST + 1;
  while (k < n) {
    if (!(days[k] > 0)) {
      k++;
      continue;
    }
    const m0 = KEEP_FIRST + k;
    const start = firstDay(m0) + daysInMonth(m0) - days[k];
    let j = k;
    while (j + 1 < n && days[j + 1] > 0) j++;
    const m1 = KEEP_FIRST + j;
    const end = j === n - 1 ? NaN : firstDay(m1) + daysInMonth(m1) - 1;
    if (Number.isNaN(end) || end >= firstDay(MONTH_FIRST)) out.push({ start, end });
    k = j + 1;
  }
  return out;
}
