/**
 * Two-sample t-test of a difference in means.
 *
 * Default: Welch's test (unequal variances, Welch–Satterthwaite degrees of freedom), as R's
 * t.test and Stata's `ttest, unequal` do: the groups being compared (treatment/control,
 * women/men, participants/a large register control group) differ in size and spread, and
 * Welch keeps its level then, while costing almost nothing when variances are equal.
 * `equalVariance: true` gives Student's pooled test instead.
 */
import type { Label } from '../i18n/label';
import { tTwoSidedP } from './distributions';
import type { Mask } from './mask';
import { finiteOr, na, ok, type Value } from './na';
import { summarize, type Summary } from './summary';

export interface TTest {
  test: 'welch' | 'student';
  /** mean(a) − mean(b). */
  diff: Value;
  se: Value;
  t: Value;
  df: Value;
  /** Two-sided p-value. */
  p: Value;
}

export interface TTestOptions {
  equalVariance?: boolean;
}

/** The t-test from two group summaries (n, mean and sample variance of each). */
export function tTestFromSummaries(a: Summary, b: Summary, opts: TTestOptions = {}): TTest {
  const test = opts.equalVariance ? 'student' : 'welch';
  if (a.mean.value === null || b.mean.value === null) {
    const v = a.mean.value === null ? a.mean : b.mean;
    return { test, diff: v, se: v, t: v, df: v, p: v };
  }
  const d = a.mean.value - b.mean.value;
  const diff = ok(d);
  if (a.variance.value === null || b.variance.value === null) {
    const v = na('too-few');
    return { test, diff, se: v, t: v, df: v, p: v };
  }
  const va = a.variance.value;
  const vb = b.variance.value;
  let se2: number;
  let df: number;
  if (opts.equalVariance) {
    df = a.n + b.n - 2;
    const pooled = ((a.n - 1) * va + (b.n - 1) * vb) / df;
    se2 = pooled * (1 / a.n + 1 / b.n);
  } else {
    const qa = va / a.n;
    const qb = vb / b.n;
    se2 = qa + qb;
    df = (se2 * se2) / ((qa * qa) / (a.n - 1) + (qb * qb) / (b.n - 1));
  }
  if (!(se2 > 0)) {
    // No spread within either group: the same constant everywhere, or two different constants.
    const v = na(d === 0 ? 'constant' : 'zero-variance');
    return { test, diff, se: v, t: v, df: v, p: v };
  }
  const se = Math.sqrt(se2);
  const t = d / se;
  return {
    test,
    diff,
    se: ok(se),
    t: ok(t),
    df: finiteOr(df, 'too-few'),
    p: finiteOr(tTwoSidedP(t, df), 'too-few'),
  };
}

/** t-test of mean(values | a) − mean(values | b); NaN values are left out. */
export function tTest(values: Float64Array, a: Mask, b: Mask, opts: TTestOptions = {}): TTest {
  return tTestFromSummaries(summarize(values, a), summarize(values, b), opts);
}

/** The sentence a table note uses to state the test. */
export function tTestNote(opts: TTestOptions = {}): Label {
  return opts.equalVariance
    ? {
        sv: 'Skillnaden testas med Students t-test för två oberoende stickprov (lika varianser antas).',
        en: "Differences are tested with Student's two-sample t-test (equal variances assumed).",
      }
    : {
        sv: 'Skillnaden testas med Welchs t-test för två oberoende stickprov (olika varianser tillåts).',
        en: "Differences are tested with Welch's two-sample t-test (unequal variances allowed).",
      };
}
