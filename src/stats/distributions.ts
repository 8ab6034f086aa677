/**
 * The t and normal distributions, typed, with two-sided p-values.
 *
 * The normal tail and the t quantile come from jstat (the one place that touches it; it
 * ships no type declarations), the normal quantile from the engine's AS 241. The t tail is computed here: jstat's incomplete beta stops at a relative
 * change of 3e-7, which leaves p-values off in the 8th digit; the continued fraction below
 * runs to double precision: relative error ~1e-13 (up to ~1e-9 for df beyond 1e5, from
 * log-gamma cancellation).
 */
import { qnorm } from '../estimate/distributions';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const jStat = require('jstat') as {
  studentt: { inv(p: number, df: number): number };
  normal: { cdf(x: number, mean: number, sd: number): number };
  gammaln(x: number): number;
};

/** Continued fraction of the incomplete beta (modified Lentz), to double precision. */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (!(x >= 0 && x <= 1) || !(a > 0) || !(b > 0)) return NaN;
  if (x === 0 || x === 1) return x;
  const front = Math.exp(jStat.gammaln(a + b) - jStat.gammaln(a) - jStat.gammaln(b) + a * Math.log(x) + b * Math.log1p(-x));
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(x, a, b)) / a
    : 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** P(|T| ≥ |t|) for Student's t with `df` degrees of freedom (df may be fractional, as in Welch). */
export function tTwoSidedP(t: number, df: number): number {
  if (!Number.isFinite(t) || !(df > 0)) return NaN;
  if (df > 1e7) return normalTwoSidedP(t);
  // P(|T| ≥ t) = I_{df/(df+t²)}(df/2, 1/2): accurate in relative terms however small.
  // Near t = 0, where it is close to 1, 1 − I_{t²/(df+t²)}(1/2, df/2) keeps the digits.
  const t2 = t * t;
  let p = incompleteBeta(df / (df + t2), df / 2, 0.5);
  if (p > 0.5) p = 1 - incompleteBeta(t2 / (df + t2), 0.5, df / 2);
  return Math.min(1, Math.max(0, p));
}

/** P(|Z| ≥ |z|) for a standard normal Z. */
export function normalTwoSidedP(z: number): number {
  if (!Number.isFinite(z)) return NaN;
  const p = 2 * jStat.normal.cdf(-Math.abs(z), 0, 1);
  return Math.min(1, Math.max(0, p));
}

/** Two-sided normal p-value of an estimate with standard error `se` (NaN if se ≤ 0). */
export function pValueNormal(estimate: number, se: number): number {
  if (!(se > 0) || !Number.isFinite(estimate)) return NaN;
  return normalTwoSidedP(estimate / se);
}

/** Quantile of Student's t, e.g. tQuantile(0.975, df) for a 95 % interval. */
export function tQuantile(p: number, df: number): number {
  return jStat.studentt.inv(p, df);
}

/** Quantile of the standard normal, e.g. normalQuantile(0.975) ≈ 1.96 (the engine's AS 241). */
export function normalQuantile(p: number): number {
  return qnorm(p);
}
