/**
 * restrictPeriods: keep the rows in a period window, inclusive (e.g. Model 2's
 * months 2019-01 to 2022-12). Bounds are period codes or, for month panels, "YYYY-MM";
 * either may be omitted (null). Units left without rows are dropped.
 *
 *   const model2 = restrictPeriods(monthly, '2019-01', '2022-12');
 */
import { Panel, parseMonth } from '../panel';
import { subsetPanel } from './subset';

export type PeriodBound = number | string | null | undefined;

function code(p: Panel, b: PeriodBound, fallback: number): number {
  if (b === null || b === undefined) return fallback;
  if (typeof b === 'number') return b;
  const v = p.periodKind === 'month' ? parseMonth(b) : Number(b);
  if (!Number.isInteger(v)) throw new Error(`restrictPeriods: "${b}" is not a ${p.periodKind === 'month' ? 'month (YYYY-MM)' : 'whole number'}`);
  return v;
}

/** The inclusive window of period codes restrictPeriods keeps (for callers that filter rows themselves). */
export function periodWindow(p: Panel, from: PeriodBound, to: PeriodBound): { lo: number; hi: number } {
  const lo = code(p, from, -Infinity);
  const hi = code(p, to, Infinity);
  if (lo > hi) throw new Error(`restrictPeriods: the window starts (${from}) after it ends (${to})`);
  return { lo, hi };
}

export function restrictPeriods(p: Panel, from: PeriodBound, to: PeriodBound): Panel {
  const { lo, hi } = periodWindow(p, from, to);
  const keep = new Uint8Array(p.nRows);
  for (let r = 0; r < p.nRows; r++) keep[r] = p.rowTime[r] >= lo && p.rowTime[r] <= hi ? 1 : 0;
  return subsetPanel(p, null, keep);
}
