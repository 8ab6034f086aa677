/**
 * Primary suppression: whether a cell itself reveals persons. Frequency rule (too few
 * persons behind it, or 1 to minPersons − 1 persons with a non-zero value in a mean or
 * share) and, for sums and means of amounts, the (n, k) dominance and p % rules on the
 * shares of the cell's total held by its largest contributors (`Cell.largest`, computed
 * in src/stats `summarize` and set by the table builders).
 */
import type { Cell } from '../report/model';
import { DEFAULT_RULES, type DisclosureRules } from './rules';

export type PrimaryReason = 'persons' | 'contributors' | 'dominance' | 'p-percent';

export function primaryReason(cell: Cell, rules: DisclosureRules = DEFAULT_RULES): PrimaryReason | null {
  const min = rules.minPersons;
  if (cell.n !== undefined && cell.n < min) return 'persons';
  if (cell.contributors !== undefined && cell.contributors > 0 && cell.contributors < min) return 'contributors';
  if (cell.largest && !cell.text && typeof cell.value === 'number') {
    const [one, two] = cell.largest;
    if (rules.dominance && (rules.dominance.n === 1 ? one : two) > rules.dominance.k) return 'dominance';
    // p % rule: the rest after the two largest, as a share of the total, below p × the largest.
    if (rules.pPercent !== null && one > 0 && 1 - two < rules.pPercent * one) return 'p-percent';
  }
  return null;
}

/**
 * `Cell.largest` from a group's sum and its largest and second largest absolute values
 * (src/stats Summary `sum`, `largest`); undefined when the sum is not positive (nothing
 * to dominate) or values can be negative (the rules are for non-negative amounts).
 */
export function largestShares(sum: number, largest: readonly [number, number], min: number): [number, number] | undefined {
  if (!(sum > 0) || !(min >= 0)) return undefined;
  return [largest[0] / sum, (largest[0] + largest[1]) / sum];
}
