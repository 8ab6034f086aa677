/**
 * Summaries of a Monte Carlo experiment: replications of an estimator on data with a known
 * truth. Each replication gives an estimate, a standard error and a confidence interval
 * (analytic or bootstrap); a failed replication is NaN and counted apart, never averaged.
 */

export interface Replications {
  readonly estimate: ArrayLike<number>;
  readonly se: ArrayLike<number>;
  /** Interval limits; when omitted, estimate ∓ critical · se. */
  readonly lower?: ArrayLike<number>;
  readonly upper?: ArrayLike<number>;
}

export interface ReplicationSummary {
  /** Replications with a finite estimate, SE and interval. */
  readonly reps: number;
  /** Replications left out because the estimator gave no number. */
  readonly failed: number;
  readonly truth: number;
  readonly mean: number;
  readonly bias: number;
  /** SD of the estimates over replications (n − 1). */
  readonly sd: number;
  readonly rmse: number;
  /** Mean of the estimated standard errors: close to `sd` when the SEs are right. */
  readonly meanSe: number;
  /** Share of intervals containing the truth. */
  readonly coverage: number;
  /** Monte Carlo standard error of the coverage, √(c(1 − c)/reps). */
  readonly coverageMcse: number;
  /** Monte Carlo standard error of the bias, sd/√reps. */
  readonly biasMcse: number;
}

/** Summarises replications against the truth; `critical` (default 1.96) builds missing intervals. */
export function summariseReplications(r: Replications, truth: number, critical = 1.959963984540054): ReplicationSummary {
  const n = r.estimate.length;
  if (r.se.length !== n || (r.lower && r.lower.length !== n) || (r.upper && r.upper.length !== n)) {
    throw new RangeError('summariseReplications: estimate, se and interval arrays differ in length');
  }
  // Which replications count: a finite estimate, SE and interval; whether the interval covers.
  const used = new Uint8Array(n);
  let reps = 0;
  let sum = 0;
  let sumSe = 0;
  let covered = 0;
  for (let i = 0; i < n; i++) {
    const est = r.estimate[i];
    const se = r.se[i];
    const lo = r.lower ? r.lower[i] : est - critical * se;
    const hi = r.upper ? r.upper[i] : est + critical * se;
    if (!Number.isFinite(est) || !Number.isFinite(se) || !Number.isFinite(lo) || !Number.isFinite(hi)) continue;
    used[i] = 1;
    reps++;
    sum += est;
    sumSe += se;
    if (lo <= truth && truth <= hi) covered++;
  }
  if (reps === 0) {
    return { reps, failed: n, truth, mean: NaN, bias: NaN, sd: NaN, rmse: NaN, meanSe: NaN, coverage: NaN, coverageMcse: NaN, biasMcse: NaN };
  }
  const mean = sum / reps;
  let ss = 0;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    if (!used[i]) continue;
    ss += (r.estimate[i] - mean) ** 2;
    sq += (r.estimate[i] - truth) ** 2;
  }
  const sd = reps > 1 ? Math.sqrt(ss / (reps - 1)) : NaN;
  const coverage = covered / reps;
  return {
    reps,
    failed: n - reps,
    truth,
    mean,
    bias: mean - truth,
    sd,
    rmse: Math.sqrt(sq / reps),
    meanSe: sumSe / reps,
    coverage,
    coverageMcse: Math.sqrt((coverage * (1 - coverage)) / reps),
    biasMcse: sd / Math.sqrt(reps),
  };
}
