/**
 * Propensity-score pieces shared by the 2x2 estimators (DRDID 1.2.3): the logit fit with
 * the [0, 1 - 1e-6] cap and the trimming rule, and the asymptotically linear representation
 * of the logit coefficients, score_i' (X'WX / n)^-1, whose products with derivative vectors
 * give the propensity-score estimation effect in the influence functions.
 */
import { DegenerateError } from './errors';
import { cholInverse, rcond, luInverse, matVec, smallMatVec, weightedCrossprod } from './linalg';
import { fitLogit, LogitFit } from './logit';

export interface Pscore {
  /** Fitted scores, capped at 1 - 1e-6. */
  readonly ps: Float64Array;
  /** 1 if the unit keeps its weight: always for treated, ps < trim level for comparisons. */
  readonly keep: Float64Array;
  /**
   * The logit's asymptotically linear representation, score_i' (X'WX / n)^-1 with score_i =
   * iw_i (D_i - ps_i) x_i, kept factored: row i is scale[i] * x_i' hessian.
   */
  readonly scale: Float64Array;
  /** (X' diag(ps (1 - ps) iw) X)^-1 n, k x k (DRDID's Hessian.ps). */
  readonly hessian: Float64Array;
}

/** Normalises weights to mean one (DRDID does this inside every estimator). */
export function normaliseWeights(w: Float64Array | null, n: number): Float64Array {
  const out = new Float64Array(n);
  if (w === null) {
    out.fill(1);
    return out;
  }
  let s = 0;
  for (let i = 0; i < n; i++) {
    if (!(w[i] >= 0)) throw new DegenerateError('weights must be non-negative');
    s += w[i];
  }
  const m = s / n;
  if (!(m > 0)) throw new DegenerateError('weights sum to zero');
  for (let i = 0; i < n; i++) out[i] = w[i] / m;
  return out;
}

/** Logit propensity score with trimming (DRDID: ps capped at 1 - 1e-6, comparisons trimmed at ps >= trimLevel). */
export function logitPscore(x: Float64Array, n: number, k: number, d: Float64Array, iw: Float64Array, trimLevel: number, warnings: string[], given?: LogitFit): Pscore {
  const fit = given ?? fitLogit(x, n, k, d, iw);
  if (fit.rankDeficient) {
    throw new DegenerateError('propensity score model coefficients have NA components (collinear or constant covariates)');
  }
  if (!fit.converged) warnings.push('propensity score estimation did not converge');
  const ps = Float64Array.from(fit.fitted);
  const keep = new Float64Array(n);
  const wgt = new Float64Array(n);
  const scale = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (ps[i] > 1 - 1e-6) ps[i] = 1 - 1e-6;
    keep[i] = d[i] === 1 ? (ps[i] < 1.01 ? 1 : 0) : ps[i] < trimLevel ? 1 : 0;
    wgt[i] = ps[i] * (1 - ps[i]) * iw[i];
    scale[i] = iw[i] * (d[i] - ps[i]);
  }
  assertComparisonsKept(d, keep, trimLevel);
  const hessian = cholInverse(weightedCrossprod(x, n, k, wgt), k);
  if (hessian === null) throw new DegenerateError('propensity score information matrix is not positive definite');
  for (let q = 0; q < k * k; q++) hessian[q] *= n;
  return { ps, keep, scale, hessian };
}

/** R's estimate is 0/0 (NaN, so NA) when trimming removes every comparison unit; say why. */
export function assertComparisonsKept(d: Float64Array, keep: Float64Array, trimLevel: number): void {
  for (let i = 0; i < d.length; i++) if (d[i] === 0 && keep[i] === 1) return;
  throw new DegenerateError(`every comparison unit has a propensity score >= ${trimLevel} and is trimmed`);
}

/** Propensity-score estimation effect: row i of the linear representation times m, for all i. */
export function pscoreEffect(p: Pscore, x: Float64Array, n: number, k: number, m: ArrayLike<number>): Float64Array {
  const h = smallMatVec(p.hessian, k, m);
  const out = matVec(x, n, k, h);
  for (let i = 0; i < n; i++) out[i] *= p.scale[i];
  return out;
}

/**
 * (X' diag(v) X / n)^-1 for the least-squares linear representation, with DRDID's
 * singularity test rcond(.) < machine epsilon.
 */
export function olsInverse(x: Float64Array, n: number, k: number, v: Float64Array, what: string): Float64Array {
  const xpx = weightedCrossprod(x, n, k, v);
  for (let i = 0; i < k * k; i++) xpx[i] /= n;
  if (rcond(xpx, k) < 2.220446049250313e-16) {
    throw new DegenerateError(`the ${what} regression design matrix is singular (collinear or constant covariates)`);
  }
  const inv = luInverse(xpx, k);
  if (inv === null) throw new DegenerateError(`the ${what} regression design matrix is singular`);
  return inv;
}

/** Standard error of a 2x2 estimate from its influence function: sd(inf) sqrt(n-1) / n. */
export function seFromInf(inf: Float64Array): number {
  const n = inf.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += inf[i];
  m /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (inf[i] - m) * (inf[i] - m);
  return Math.sqrt(ss) / n;
}

/** Arithmetic mean. */
export function mean(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s / v.length;
}
