/**
 * Normal-distribution functions the sensitivity analysis needs beyond the quantile: the
 * distribution function, the quantile of a truncated normal (the conditional test's critical
 * value) and the quantile of a folded normal |N(b, 1)| (the FLCI's critical value cv_alpha(b)).
 */
import { qnorm } from '../estimate/distributions';

const LOG_SQRT_2PI = 0.9189385332046727;

/** Upper tail 1 - Phi(x) for x >= 5 by the continued fraction of Mills' ratio (relative accuracy). */
function upperTail(x: number): number {
  let f = x;
  for (let k = 80; k >= 1; k--) f = x + k / f;
  return Math.exp(-0.5 * x * x - LOG_SQRT_2PI) / f;
}

/**
 * Standard normal distribution function. Marsaglia's (2004) Taylor series for |x| < 5
 * (absolute error about 1e-16), the continued fraction beyond (relative accuracy in the tails).
 */
export function pnorm(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= -5) return x === -Infinity ? 0 : upperTail(-x);
  if (x >= 5) return x === Infinity ? 1 : 1 - upperTail(x);
  let s = x;
  let t = 0;
  let b = x;
  const q = x * x;
  let i = 1;
  while (s !== t) {
    t = s;
    i += 2;
    b *= q / i;
    s = t + b;
  }
  return 0.5 + s * Math.exp(-0.5 * q - LOG_SQRT_2PI);
}

/**
 * Quantile p of N(0, 1) truncated to [lower, upper] (either may be infinite), as HonestDiD's
 * norminvp_generalized: Phi^-1(Phi(l) + p (Phi(u) - Phi(l))), clamped to the interval.
 */
export function truncatedNormalQuantile(p: number, lower: number, upper: number): number {
  if (p <= 0) return lower;
  if (p >= 1) return upper;
  if (lower === -Infinity && upper === Infinity) return qnorm(p);
  const pl = lower === -Infinity ? 0 : pnorm(lower);
  const pu = upper === Infinity ? 1 : pnorm(upper);
  const pt = pl + p * (pu - pl);
  if (pt <= pl) return lower;
  if (pt >= pu) return upper;
  return qnorm(pt);
}

/** Distribution function of |N(mu, 1)| at x >= 0. */
function foldedCdf(x: number, mu: number): number {
  return pnorm(x - mu) - pnorm(-x - mu);
}

/**
 * Quantile p of the folded normal |N(mu, 1)|: cv_alpha(mu) of Armstrong & Kolesár and
 * Rambachan & Roth with p = 1 - alpha. Bisection to full precision (the function is monotone).
 */
export function foldedNormalQuantile(p: number, mu: number): number {
  const m = Math.abs(mu);
  if (m === 0) return qnorm(0.5 + p / 2);
  let hi = m + 8;
  while (foldedCdf(hi, m) < p) hi *= 2;
  let lo = 0;
  for (let it = 0; it < 200 && hi - lo > 1e-15 * Math.max(1, hi); it++) {
    const mid = 0.5 * (lo + hi);
    if (foldedCdf(mid, m) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
