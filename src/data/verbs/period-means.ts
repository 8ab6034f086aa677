/**
 * periodMeans: the mean of a column in each period, overall or by a per-unit group (raw
 * trends of treated vs control, or by start group). Missing values are skipped; a period
 * with no value in a group gets NaN and n = 0.
 *
 *   const trends = periodMeans(monthly, 'wage_kr', { by: 'arm' });
 *   trends.groups  // [0, 1]; trends.labels ['T', 'C'] for a category column
 *   trends.mean[g][t], trends.n[g][t]   // t indexes trends.periods
 */
import { Panel } from '../panel';
import { rowColumn, unitColumn } from './column';

export interface PeriodMeans {
  periods: Int32Array;
  /** Group values (ascending), [NaN] when not grouped. Units with a missing group are left out. */
  groups: number[];
  /** Level names of the groups when `by` is a category column. */
  labels?: string[];
  mean: Float64Array[];
  n: Int32Array[];
}

export function periodMeans(p: Panel, column: string, opts: { by?: string } = {}): PeriodMeans {
  const v = rowColumn(p, column);
  const T = p.periods.length;
  const by = opts.by ? unitColumn(p, opts.by) : undefined;
  const groups = by ? Array.from(new Set(Array.from(by).filter((g) => g === g))).sort((a, b) => a - b) : [NaN];
  const groupOf = new Int32Array(p.nUnits);
  if (by) {
    const at = new Map(groups.map((g, k) => [g, k]));
    for (let u = 0; u < p.nUnits; u++) groupOf[u] = by[u] === by[u] ? at.get(by[u])! : -1;
  }
  const sum = groups.map(() => new Float64Array(T));
  const n = groups.map(() => new Int32Array(T));
  for (let r = 0; r < p.nRows; r++) {
    const g = groupOf[p.rowUnit[r]];
    const x = v[r];
    if (g < 0 || x !== x) continue;
    sum[g][p.rowPeriod[r]] += x;
    n[g][p.rowPeriod[r]]++;
  }
  const mean = sum.map((s, g) => s.map((x, t) => (n[g][t] > 0 ? x / n[g][t] : NaN)));
  const levels = opts.by ? p.levels[opts.by] : undefined;
  return { periods: p.periods, groups, labels: levels ? groups.map((g) => levels[g]) : undefined, mean, n };
}
