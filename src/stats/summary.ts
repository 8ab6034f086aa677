/**
 * Means, standard deviations and shares of one variable within one group, with the
 * denominators behind them. The core every descriptive and balance table uses.
 *
 * Input: unit-level values (Float64Array, NaN = missing) and a group mask (null = all).
 * Missing values are left out of the denominator and counted in `nMissing`.
 */
import { checkMask, type Mask } from './mask';
import { finiteOr, na, ok, type Value } from './na';

export interface Summary {
  /** Group members with a value: the denominator of the mean. */
  n: number;
  /** Group members whose value is missing. */
  nMissing: number;
  /**
   * Members with a non-zero value: those whose value a mean or share reveals (for a 0/1
   * variable, the persons with the attribute). Disclosure control uses it.
   */
  nNonZero: number;
  sum: number;
  /**
   * The largest and second largest absolute values in the group (0 when there are fewer):
   * the largest contributors to a sum or mean, for the dominance rules of disclosure control.
   */
  largest: [number, number];
  mean: Value;
  /** Sample variance (divisor n − 1). */
  variance: Value;
  /** Sample standard deviation (divisor n − 1). */
  sd: Value;
  min: Value;
  max: Value;
}

/** Why a group has no mean: nobody in it, or nobody with a value. */
function emptyCode(n: number, nMissing: number): 'empty-group' | 'all-missing' {
  return n === 0 && nMissing === 0 ? 'empty-group' : 'all-missing';
}

/** Mean, sample SD (n − 1), min and max of `values` over the group (two-pass, for accuracy). */
export function summarize(values: Float64Array, mask: Mask | null = null): Summary {
  checkMask(mask, values.length, 'summarize');
  let n = 0;
  let nMissing = 0;
  let nNonZero = 0;
  let sum = 0;
  let top1 = 0;
  let top2 = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (mask && !mask[i]) continue;
    const x = values[i];
    if (Number.isNaN(x)) {
      nMissing++;
      continue;
    }
    n++;
    if (x !== 0) nNonZero++;
    sum += x;
    const ax = Math.abs(x);
    if (ax > top1) {
      top2 = top1;
      top1 = ax;
    } else if (ax > top2) top2 = ax;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (n === 0) {
    const v = na(emptyCode(n, nMissing));
    return { n, nMissing, nNonZero, sum: 0, largest: [0, 0], mean: v, variance: v, sd: v, min: v, max: v };
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < values.length; i++) {
    if (mask && !mask[i]) continue;
    const x = values[i];
    if (Number.isNaN(x)) continue;
    ss += (x - mean) * (x - mean);
  }
  const variance = n < 2 ? na('too-few') : finiteOr(ss / (n - 1), 'too-few');
  return {
    n,
    nMissing,
    nNonZero,
    sum,
    largest: [top1, top2],
    mean: finiteOr(mean, 'all-missing'),
    variance,
    sd: variance.value === null ? variance : ok(Math.sqrt(variance.value)),
    min: ok(min),
    max: ok(max),
  };
}

export interface Share {
  /** Members with value 1: the numerator. */
  count: number;
  /** Members with a value (0 or 1): the denominator. */
  n: number;
  nMissing: number;
  /** count / n, a proportion in [0, 1]. */
  share: Value;
}

/** Share of 1s among the group's non-missing values; NA 'not-binary' if any value is not 0/1. */
export function shareOf(indicator: Float64Array, mask: Mask | null = null): Share {
  checkMask(mask, indicator.length, 'shareOf');
  let count = 0;
  let n = 0;
  let nMissing = 0;
  let binary = true;
  for (let i = 0; i < indicator.length; i++) {
    if (mask && !mask[i]) continue;
    const x = indicator[i];
    if (Number.isNaN(x)) {
      nMissing++;
      continue;
    }
    n++;
    if (x === 1) count++;
    else if (x !== 0) binary = false;
  }
  if (!binary) return { count, n, nMissing, share: na('not-binary') };
  if (n === 0) return { count, n, nMissing, share: na(emptyCode(n, nMissing)) };
  return { count, n, nMissing, share: ok(count / n) };
}

/** True when every non-missing value in the group is 0 or 1 (and there is at least one). */
export function isBinary(values: Float64Array, mask: Mask | null = null): boolean {
  checkMask(mask, values.length, 'isBinary');
  let seen = false;
  for (let i = 0; i < values.length; i++) {
    if (mask && !mask[i]) continue;
    const x = values[i];
    if (Number.isNaN(x)) continue;
    if (x !== 0 && x !== 1) return false;
    seen = true;
  }
  return seen;
}

/** `summarize` for each group mask in turn (e.g. [all, treated, control]). */
export function summarizeGroups(values: Float64Array, masks: readonly (Mask | null)[]): Summary[] {
  return masks.map((m) => summarize(values, m));
}
