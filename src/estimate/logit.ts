/**
 * Weighted logistic regression by iteratively reweighted least squares, following R's
 * glm.fit / fastglm step for step (same starting values, same deviance-based stopping
 * rule, same clamping of the inverse link), so that fitted propensity scores agree with
 * R's to the last few digits rather than only at convergence.
 */
import { cholesky, choleskySolve, crossprodColumns, toColumnMajor, weightColumns } from './linalg';

export interface LogitFit {
  readonly coef: Float64Array;
  /** Fitted probabilities. */
  readonly fitted: Float64Array;
  readonly converged: boolean;
  readonly iterations: number;
  /** X'WX was singular at some step: coefficients of dependent columns were set to 0. */
  readonly rankDeficient: boolean;
}

export interface LogitOptions {
  /** Relative deviance change that stops the iteration (fastglm's default 1e-8). */
  readonly tol?: number;
  readonly maxit?: number;
}

const EPS = 2.220446049250313e-16;
const THRESH = 30;
const MTHRESH = -30;
const INVEPS = 1 / EPS;

/** R's binomial()$linkinv (C_logit_linkinv), with its clamping at |eta| > 30. */
export function logitLinkinv(eta: number): number {
  const t = eta < MTHRESH ? EPS : eta > THRESH ? INVEPS : Math.exp(eta);
  return t / (1 + t);
}

function logitMuEta(eta: number): number {
  const e = Math.exp(eta);
  const opexp = 1 + e;
  return eta > THRESH || eta < MTHRESH ? EPS : e / (opexp * opexp);
}

function deviance(y: Float64Array, mu: Float64Array, w: Float64Array | null): number {
  let dev = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w === null ? 1 : w[i];
    if (wi === 0) continue;
    const yi = y[i];
    const m = mu[i];
    // 2 w (y log(y/mu) + (1-y) log((1-y)/(1-mu))), with 0 log 0 = 0.
    let d = 0;
    if (yi > 0) d += yi * Math.log(yi / m);
    if (yi < 1) d += (1 - yi) * Math.log((1 - yi) / (1 - m));
    dev += 2 * wi * d;
  }
  return dev;
}

/**
 * Solves (X'WX) b = X'Wz. Falls back to dropping numerically dependent columns (their
 * coefficient 0), which leaves the fitted values those of any generalised inverse.
 * `xc` is X column-major and `xw` a buffer of its size (X'WX is formed from the columns).
 */
function solveNormal(x: Float64Array, xc: Float64Array, xw: Float64Array, n: number, k: number, wt: Float64Array, z: Float64Array): { b: Float64Array; deficient: boolean } {
  const xtwx = crossprodColumns(weightColumns(xc, n, k, wt, xw), xc, n, k);
  const xtwz = crossVector(xc, n, k, wt, z);
  const l = cholesky(xtwx, k);
  if (l !== null) {
    let ok = true;
    for (let a = 0; a < k; a++) if (!(l[a * k + a] > 1e-10 * Math.sqrt(xtwx[a * k + a]))) ok = false;
    if (ok) return { b: choleskySolve(l, k, xtwz), deficient: false };
  }
  // Greedy column selection: keep a column only if it is not (numerically) spanned by
  // the kept ones, then solve the reduced system.
  const keep: number[] = [];
  for (let c = 0; c < k; c++) {
    const trial = keep.concat([c]);
    const m = trial.length;
    const sub = new Float64Array(m * m);
    for (let r = 0; r < m; r++) for (let s = 0; s < m; s++) sub[r * m + s] = xtwx[trial[r] * k + trial[s]];
    const lf = cholesky(sub, m);
    if (lf !== null && lf[(m - 1) * m + (m - 1)] > 1e-7 * Math.sqrt(xtwx[c * k + c])) keep.push(c);
  }
  const m = keep.length;
  const b = new Float64Array(k);
  if (m === 0) return { b, deficient: true };
  const sub = new Float64Array(m * m);
  const rhs = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    rhs[r] = xtwz[keep[r]];
    for (let s = 0; s < m; s++) sub[r * m + s] = xtwx[keep[r] * k + keep[s]];
  }
  const lf = cholesky(sub, m);
  if (lf !== null) {
    const bs = choleskySolve(lf, m, rhs);
    for (let r = 0; r < m; r++) b[keep[r]] = bs[r];
  }
  return { b, deficient: true };
}

/** X' (w z) from column-major X, each sum over i in order (zero terms skipped, as row by row). */
function crossVector(xc: Float64Array, n: number, k: number, w: Float64Array, z: Float64Array): Float64Array {
  const out = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    const off = a * n;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const v = w[i] * z[i];
      if (v !== 0) s += xc[off + i] * v;
    }
    out[a] = s;
  }
  return out;
}

/** The IRLS working response z and weights wt at the current eta and mu. */
function workingResponse(eta: Float64Array, mu: Float64Array, y: Float64Array, w: Float64Array | null, z: Float64Array, wt: Float64Array): void {
  for (let i = 0; i < eta.length; i++) {
    const me = logitMuEta(eta[i]);
    const v = mu[i] * (1 - mu[i]);
    z[i] = eta[i] + (y[i] - mu[i]) / me;
    wt[i] = ((w === null ? 1 : w[i]) * me * me) / v;
  }
}

/** eta = X b and mu = linkinv(eta) (row-major X). */
function linearPredictor(x: Float64Array, k: number, b: Float64Array, eta: Float64Array, mu: Float64Array): void {
  for (let i = 0; i < eta.length; i++) {
    const o = i * k;
    let s = 0;
    for (let a = 0; a < k; a++) s += x[o + a] * b[a];
    eta[i] = s;
    mu[i] = logitLinkinv(s);
  }
}

/**
 * Logit of y (0/1) on the columns of X (row-major n x k, include the intercept column
 * yourself), with prior weights w (null = 1).
 */
export function fitLogit(x: Float64Array, n: number, k: number, y: Float64Array, w: Float64Array | null, opts: LogitOptions = {}): LogitFit {
  const tol = opts.tol ?? 1e-8;
  const maxit = opts.maxit ?? 100;
  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  // binomial()$initialize: mustart = (w y + 0.5) / (w + 1).
  for (let i = 0; i < n; i++) {
    const wi = w === null ? 1 : w[i];
    const yi = wi === 0 ? 0 : y[i];
    const m = (wi * yi + 0.5) / (wi + 1);
    eta[i] = Math.log(m / (1 - m));
    mu[i] = m;
  }
  let dev = deviance(y, mu, w);
  let devold = dev;
  let beta: Float64Array = new Float64Array(k);
  let betaPrev: Float64Array = new Float64Array(k);
  const z = new Float64Array(n);
  const wt = new Float64Array(n);
  const xc = toColumnMajor(x, n, k);
  const xw = new Float64Array(n * k);
  let converged = false;
  let deficient = false;
  let iter = 0;
  const update = (b: Float64Array): void => linearPredictor(x, k, b, eta, mu);
  for (iter = 0; iter < maxit; iter++) {
    workingResponse(eta, mu, y, w, z, wt);
    betaPrev = beta;
    const sol = solveNormal(x, xc, xw, n, k, wt, z);
    if (sol.deficient) deficient = true;
    beta = sol.b;
    update(beta);
    devold = dev;
    dev = deviance(y, mu, w);
    // Step halving on a non-finite deviance (as glm.fit / fastglm).
    let halvings = 0;
    while (!Number.isFinite(dev) && halvings < maxit) {
      for (let a = 0; a < k; a++) beta[a] = 0.5 * (beta[a] + betaPrev[a]);
      update(beta);
      dev = deviance(y, mu, w);
      halvings++;
    }
    // Step halving on an increasing deviance (fastglm does this after the first step).
    if (iter > 0 && (dev - devold) / (0.1 + Math.abs(dev)) >= tol) {
      halvings = 0;
      while ((dev - devold) / (0.1 + Math.abs(dev)) >= -tol && halvings < maxit) {
        for (let a = 0; a < k; a++) beta[a] = 0.5 * (beta[a] + betaPrev[a]);
        update(beta);
        dev = deviance(y, mu, w);
        halvings++;
      }
    }
    if (Math.abs(dev - devold) / (0.1 + Math.abs(dev)) < tol) {
      converged = true;
      break;
    }
  }
  return { coef: beta, fitted: Float64Array.from(mu), converged, iterations: Math.min(iter + 1, maxit), rankDeficient: deficient };
}
