/**
 * R23's balance tables print the difference as control − treatment ("Skillnad"), with the
 * t statistic of that difference. src/stats tests treatment − control; these cells turn the
 * sign of both so the printed difference and t agree.
 */
import { combinedContributors, starsFor, T_STAT_FORMAT, valueCell } from '../format/index';
import type { Cell, NumberFormat, StarRule } from '../report/model';
import { ok, type Value } from '../stats/na';
import type { TTest } from '../stats/ttest';

const negate = (v: Value): Value => (v.value === null ? v : ok(-v.value));

/**
 * [difference control − treatment, its t statistic (with the rule's stars if given)]; n = the
 * smaller group; `contributors` = the two groups' persons with a non-zero value, so that the
 * difference is withheld with a withheld mean.
 */
export function controlMinusTreatedCells(test: TTest, format: NumberFormat, n: number, rule?: StarRule, contributors?: readonly number[]): [Cell, Cell] {
  const c = contributors ? combinedContributors(contributors) : undefined;
  const t = valueCell(negate(test.t), { format: T_STAT_FORMAT, n, contributors: c });
  if (rule && t.value !== null) t.stars = starsFor(test.p.value, rule);
  return [valueCell(negate(test.diff), { format, n, contributors: c }), t];
}
