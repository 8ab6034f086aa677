/**
 * Two-period panel DiD estimators of Sant'Anna & Zhao (2020), as R DRDID 1.2.3 computes
 * them, each with its influence function:
 *   'dr'      traditional doubly robust   (drdid_panel)
 *   'dr-imp'  improved doubly robust      (drdid_imp_panel, inverse probability tilting)
 *   'ipw'     Horvitz-Thompson IPW        (ipw_did_panel)
 *   'ipw-std' normalised (Hajek) IPW      (std_ipw_did_panel; what R did's est_method "ipw" runs)
 *   'reg'     outcome regression          (reg_did_panel)
 *
 * Each estimator is split into a design step (everything that depends on treatment status,
 * covariates and weights: propensity score, control-group regression factorisation,
 * derivative vectors) and an outcome step that is linear-time in n. attgt reuses one design
 * for every period that shares the same units, covariates and weights; the numbers are the
 * same as a fresh fit because the design step is deterministic.
 */
import { DegenerateError } from './errors';
import { crossProducts } from './cross';
import { affineColumnsSimd } from './affine';
import { cholesky, choleskySolve, matVec, smallMatVec, weightedColMeans, weightedCrossprod } from './linalg';
import { fitLogit, logitLinkinv, LogitFit } from './logit';
import { assertComparisonsKept, logitPscore, mean, normaliseWeights, olsInverse, seFromInf } from './pscore';
import { qrFactor, qrProjection } from './wls';

export type PanelMethod = 'dr' | 'dr-imp' | 'ipw' | 'ipw-std' | 'reg';

export const PANEL_METHODS: readonly PanelMethod[] = ['dr', 'dr-imp', 'ipw', 'ipw-std', 'reg'];

export interface TwoByTwoDesignInput {
  /** Covariates including the intercept column, row-major n x k. */
  readonly x: Float64Array;
  readonly n: number;
  readonly k: number;
  /** 1 = treated, 0 = comparison. */
  readonly d: Float64Array;
  /** Sampling weights (normalised to mean 1 inside), or null. */
  readonly weights: Float64Array | null;
  /** Comparison units with propensity score >= trim get zero weight (DRDID default 0.995). */
  readonly trim?: number;
  /**
   * A logit fit of d on x with these same weights, if the caller already has one (attgt's
   * overlap check fits the unweighted model; with unit weights it is the same fit).
   */
  readonly pscoreFit?: LogitFit;
  /**
   * The caller runs only the batched outcome step where the method has one (attgt's cells):
   * the one-column step is then not built, and the arrays only it reads (covariates by
   * column, the weights, the propensity score's pieces: about 230 MB per design at a million
   * units) are not held while the design waits for its cells. `estimate` then throws.
   */
  readonly batchOnly?: boolean;
}

export interface PanelDesign {
  readonly method: PanelMethod;
  readonly n: number;
  /** Warnings from the design step (e.g. non-convergence of the propensity score). */
  readonly warnings: readonly string[];
  /**
   * ATT and influence function for the outcome change dy = y1 - y0. The influence function
   * is written into `out` when given (length n), else into a new array.
   */
  estimate(dy: Float64Array, out?: Float64Array): { att: number; inf: Float64Array };
  /** The same for several outcome columns at once, where the method has a batched form (dr). */
  readonly estimateMany: Batch | null;
}

export interface TwoByTwoResult {
  readonly att: number;
  readonly se: number;
  /** Influence function, one value per unit (R: att.inf.func). */
  readonly inf: Float64Array;
  readonly n: number;
  readonly warnings: readonly string[];
}

/**
 * Weighted least squares of dy on X among the comparison units, as a k x nc projection
 * P = R^-1 Q' diag(sqrt w) from the QR of the weighted control design: beta = P dy_c.
 */
interface ControlRegression {
  readonly controls: Int32Array;
  readonly proj: Float64Array;
}

function controlRegression(x: Float64Array, n: number, k: number, d: Float64Array, w: Float64Array): ControlRegression {
  let nc = 0;
  for (let i = 0; i < n; i++) if (d[i] === 0) nc++;
  const controls = new Int32Array(nc);
  const xc = new Float64Array(nc * k);
  const wc = new Float64Array(nc);
  let j = 0;
  for (let i = 0; i < n; i++) {
    if (d[i] !== 0) continue;
    controls[j] = i;
    wc[j] = w[i];
    for (let c = 0; c < k; c++) xc[j * k + c] = x[i * k + c];
    j++;
  }
  const qr = nc > 0 ? qrFactor(xc, nc, k, wc) : null;
  if (qr === null) {
    throw new DegenerateError('outcome regression model coefficients have NA components (collinear or constant covariates among comparison units)');
  }
  return { controls, proj: qrProjection(qr) };
}

/** Coefficients beta = P dy over the comparison units. */
function regress(reg: ControlRegression, k: number, dy: Float64Array): Float64Array {
  const { controls, proj } = reg;
  const nc = controls.length;
  const beta = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const off = c * nc;
    let s = 0;
    for (let q = 0; q < nc; q++) s += proj[off + q] * dy[controls[q]];
    beta[c] = s;
  }
  return beta;
}

/** Column-major copy of a row-major n x k matrix (the outcome steps loop over columns). */
function toColumns(x: Float64Array, n: number, k: number): Float64Array {
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) out[c * n + i] = x[i * k + c];
  return out;
}

/** out = X v for column-major X. */
function colMatVec(xc: Float64Array, n: number, k: number, v: Float64Array, out: Float64Array): Float64Array {
  out.fill(0);
  for (let c = 0; c < k; c++) {
    const b = v[c];
    if (b === 0) continue;
    const off = c * n;
    for (let i = 0; i < n; i++) out[i] += b * xc[off + i];
  }
  return out;
}

/** X' t / n for column-major X. */
function colCrossVec(xc: Float64Array, n: number, k: number, t: Float64Array): Float64Array {
  const m = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const off = c * n;
    let s = 0;
    for (let i = 0; i < n; i++) s += t[i] * xc[off + i];
    m[c] = s / n;
  }
  return m;
}

/** Least-squares linear-representation weights: wols_i = iw_i (1 - D_i) and a_i = x_i' XpX^-1 M. */
function olsProjection(x: Float64Array, n: number, k: number, d: Float64Array, iw: Float64Array, ms: Float64Array[]): { wols: Float64Array; a: Float64Array[] } {
  const wols = new Float64Array(n);
  for (let i = 0; i < n; i++) wols[i] = iw[i] * (1 - d[i]);
  const inv = olsInverse(x, n, k, wols, 'outcome');
  return { wols, a: ms.map((m) => matVec(x, n, k, smallMatVec(inv, k, m))) };
}

/** x_i . v */
function dotRow(x: Float64Array, i: number, k: number, v: Float64Array): number {
  const o = i * k;
  let s = 0;
  for (let c = 0; c < k; c++) s += x[o + c] * v[c];
  return s;
}

type Estimator = (dy: Float64Array, out?: Float64Array) => { att: number; inf: Float64Array };

/** Where a batch writes its influence functions: dst[j][dstOff[j] + index[i]] = scale * inf_j[i]. */
export interface BatchTarget {
  /** Array of each column (columns may share one). */
  readonly dst: readonly Float64Array[];
  readonly dstOff: ArrayLike<number>;
  readonly index: Int32Array;
  readonly scale: number;
}

/** Outcome step for C columns of dy (n x C column-major); returns the C ATTs. */
export type Batch = (dy: Float64Array, C: number, target: BatchTarget) => Float64Array;

/** A design's outcome step, one column at a time and (dr) batched. */
interface Steps {
  readonly one: Estimator;
  readonly many?: Batch;
}

/*
 * The outcome steps below fold DRDID's influence-function pieces per unit into
 *   inf_i = alpha_i r_i + (constants) - ps-effect_i,
 * which is the same sum in a different order (identical to about 1e-15 relative).
 */

function drDesign(inp: TwoByTwoDesignInput, iw: Float64Array, trim: number, warnings: string[]): Steps {
  const { x, n, k, d } = inp;
  const p = logitPscore(x, n, k, d, iw, trim, warnings, inp.pscoreFit);
  const reg = controlRegression(x, n, k, d, iw);
  const wTreat = new Float64Array(n);
  const wCont = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    wTreat[i] = p.keep[i] * iw[i] * d[i];
    wCont[i] = (p.keep[i] * iw[i] * p.ps[i] * (1 - d[i])) / (1 - p.ps[i]);
  }
  const mwTreat = mean(wTreat);
  const mwCont = mean(wCont);
  const m1 = weightedColMeans(x, n, k, wTreat);
  const m3 = weightedColMeans(x, n, k, wCont);
  const { wols, a } = olsProjection(x, n, k, d, iw, [m1, m3]);
  // inf_i = alpha_i r_i - bT_i etaTreat + bC_i etaCont - scale_i x_i'h / mwCont
  const alpha = new Float64Array(n);
  const bT = new Float64Array(n);
  const bC = new Float64Array(n);
  const sc = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    alpha[i] = (wTreat[i] - wols[i] * a[0][i]) / mwTreat - (wCont[i] - wols[i] * a[1][i]) / mwCont;
    bT[i] = wTreat[i] / mwTreat;
    bC[i] = wCont[i] / mwCont;
    sc[i] = p.scale[i] / mwCont;
  }
  const many = drBatch(inp, reg, p.hessian, wTreat, wCont, mwTreat, mwCont, alpha, bT, bC, sc);
  if (inp.batchOnly) return { one: notBuilt, many };
  const xc = toColumns(x, n, k);
  const r = new Float64Array(n);
  const t = new Float64Array(n);
  const xh = new Float64Array(n);
  const one: Estimator = (dy, out) => {
    colMatVec(xc, n, k, regress(reg, k, dy), r);
    let st = 0;
    let sw = 0;
    for (let i = 0; i < n; i++) {
      const ri = dy[i] - r[i];
      r[i] = ri;
      st += wTreat[i] * ri;
      sw += wCont[i] * ri;
    }
    const etaTreat = st / n / mwTreat;
    const etaCont = sw / n / mwCont;
    for (let i = 0; i < n; i++) t[i] = wCont[i] * (r[i] - etaCont);
    colMatVec(xc, n, k, smallMatVec(p.hessian, k, colCrossVec(xc, n, k, t)), xh);
    const inf = out ?? new Float64Array(n);
    for (let i = 0; i < n; i++) inf[i] = alpha[i] * r[i] - bT[i] * etaTreat + bC[i] * etaCont - sc[i] * xh[i];
    return { att: etaTreat - etaCont, inf };
  };
  return { one, many };
}

/**
 * The DR outcome step for C outcome columns at once. Everything is linear in dy given the
 * design: with F = [wT; wC; (wC x)'; P] (P the control-regression projection), A = F DY gives
 * per column the sums, X'(wC dy) and beta; eta's and the propensity direction h follow in
 * O(k^2), and inf = alpha dy - [alpha X, sc X, bT, -bC] [beta; h; etaT; etaC] (affine.ts).
 */
function drBatch(
  inp: TwoByTwoDesignInput,
  reg: ControlRegression,
  hessian: Float64Array,
  wTreat: Float64Array,
  wCont: Float64Array,
  mwTreat: number,
  mwCont: number,
  alpha: Float64Array,
  bT: Float64Array,
  bC: Float64Array,
  sc: Float64Array,
): Batch {
  const { x, n, k } = inp;
  const mF = 2 + 2 * k;
  const f = new Float64Array(mF * n);
  f.set(wTreat, 0);
  f.set(wCont, n);
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) f[(2 + c) * n + i] = wCont[i] * x[i * k + c];
  const nc = reg.controls.length;
  for (let c = 0; c < k; c++) {
    const row = (2 + k + c) * n;
    for (let q = 0; q < nc; q++) f[row + reg.controls[q]] = reg.proj[c * nc + q];
  }
  const fOff = Array.from({ length: mF }, (_, r) => r * n);
  const vT = weightedColMeans(x, n, k, wTreat).map((v) => v * n);
  const vC = weightedColMeans(x, n, k, wCont).map((v) => v * n);
  const g = weightedCrossprod(x, n, k, wCont);
  const mE = 2 * k + 2;
  // Column-major (column r at r * n), as affineColumnsSimd reads it.
  const e = new Float64Array(n * mE);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      e[c * n + i] = alpha[i] * x[i * k + c];
      e[(k + c) * n + i] = sc[i] * x[i * k + c];
    }
    e[2 * k * n + i] = bT[i];
    e[(2 * k + 1) * n + i] = -bC[i];
  }
  return (dy, C, target) => {
    const dyOff = Array.from({ length: C }, (_, j) => j * n);
    const a = crossProducts(f, fOff, dy, dyOff, n);
    const coef = new Float64Array(mE * C);
    const att = new Float64Array(C);
    const beta = new Float64Array(k);
    const mv = new Float64Array(k);
    for (let j = 0; j < C; j++) {
      for (let c = 0; c < k; c++) beta[c] = a[(2 + k + c) * C + j];
      let dT = 0;
      let dC = 0;
      for (let c = 0; c < k; c++) {
        dT += vT[c] * beta[c];
        dC += vC[c] * beta[c];
      }
      const etaTreat = (a[j] - dT) / n / mwTreat;
      const etaCont = (a[C + j] - dC) / n / mwCont;
      for (let c = 0; c < k; c++) {
        let gb = 0;
        for (let q = 0; q < k; q++) gb += g[c * k + q] * beta[q];
        mv[c] = (a[(2 + c) * C + j] - gb - etaCont * vC[c]) / n;
      }
      const h = smallMatVec(hessian, k, mv);
      for (let c = 0; c < k; c++) {
        coef[c * C + j] = beta[c];
        coef[(k + c) * C + j] = h[c];
      }
      coef[2 * k * C + j] = etaTreat;
      coef[(2 * k + 1) * C + j] = etaCont;
      att[j] = etaTreat - etaCont;
    }
    affineColumnsSimd(e, mE, coef, C, alpha, dy, n, target.dst, target.dstOff, target.index, target.scale);
    return att;
  };
}

function ipwDesign(inp: TwoByTwoDesignInput, iw: Float64Array, trim: number, warnings: string[], normalised: boolean): Estimator {
  const { x, n, k, d } = inp;
  const p = logitPscore(x, n, k, d, iw, trim, warnings, inp.pscoreFit);
  const wTreat = new Float64Array(n);
  const wCont = new Float64Array(n);
  let sumD = 0;
  for (let i = 0; i < n; i++) {
    wTreat[i] = p.keep[i] * iw[i] * d[i];
    wCont[i] = (p.keep[i] * iw[i] * p.ps[i] * (1 - d[i])) / (1 - p.ps[i]);
    sumD += iw[i] * d[i];
  }
  const mwTreat = mean(wTreat);
  const mwCont = mean(wCont);
  const mD = sumD / n;
  const t = new Float64Array(n);
  const xc = toColumns(x, n, k);
  const xh = new Float64Array(n);
  const effect = (): Float64Array => colMatVec(xc, n, k, smallMatVec(p.hessian, k, colCrossVec(xc, n, k, t)), xh);
  if (normalised) {
    return (dy, out) => {
      let st = 0;
      let sc = 0;
      for (let i = 0; i < n; i++) {
        st += wTreat[i] * dy[i];
        sc += wCont[i] * dy[i];
      }
      const etaTreat = st / n / mwTreat;
      const etaCont = sc / n / mwCont;
      for (let i = 0; i < n; i++) t[i] = wCont[i] * (dy[i] - etaCont);
      effect();
      const inf = out ?? new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const infTreat = (wTreat[i] * dy[i] - wTreat[i] * etaTreat) / mwTreat;
        const infCont = (wCont[i] * dy[i] - wCont[i] * etaCont + p.scale[i] * xh[i]) / mwCont;
        inf[i] = infTreat - infCont;
      }
      return { att: etaTreat - etaCont, inf };
    };
  }
  return (dy, out) => {
    let st = 0;
    let sc = 0;
    for (let i = 0; i < n; i++) {
      st += wTreat[i] * dy[i];
      sc += wCont[i] * dy[i];
      t[i] = wCont[i] * dy[i];
    }
    const att = st / n / mD - sc / n / mD;
    effect();
    const inf = out ?? new Float64Array(n);
    for (let i = 0; i < n; i++) {
      inf[i] = (wTreat[i] * dy[i] - wCont[i] * dy[i] - p.scale[i] * xh[i] - iw[i] * d[i] * att) / mD;
    }
    return { att, inf };
  };
}

function regDesign(inp: TwoByTwoDesignInput, iw: Float64Array): Estimator {
  const { x, n, k, d } = inp;
  const reg = controlRegression(x, n, k, d, iw);
  const wTreat = new Float64Array(n);
  for (let i = 0; i < n; i++) wTreat[i] = iw[i] * d[i];
  const mw = mean(wTreat);
  const m1 = weightedColMeans(x, n, k, wTreat);
  const { wols, a } = olsProjection(x, n, k, d, iw, [m1]);
  const a1 = a[0];
  const fit = new Float64Array(n);
  const xc = toColumns(x, n, k);
  return (dy, out) => {
    colMatVec(xc, n, k, regress(reg, k, dy), fit);
    let st = 0;
    let sc = 0;
    for (let i = 0; i < n; i++) {
      st += wTreat[i] * dy[i];
      sc += wTreat[i] * fit[i];
    }
    const etaTreat = st / n / mw;
    const etaCont = sc / n / mw;
    const inf = out ?? new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const infTreat = (wTreat[i] * dy[i] - wTreat[i] * etaTreat) / mw;
      const infCont = (wTreat[i] * fit[i] - wTreat[i] * etaCont + wols[i] * (dy[i] - fit[i]) * a1[i]) / mw;
      inf[i] = infTreat - infCont;
    }
    return { att: etaTreat - etaCont, inf };
  };
}

/**
 * Inverse probability tilting propensity score (Graham, Pinto & Egel 2012) as DRDID's
 * pscore.cal: minimises -mean(iw (D x'g - (1 - D) exp(x'g))) from the logit estimate,
 * here by Newton's method with step halving (the problem is convex).
 */
function iptPscore(x: Float64Array, n: number, k: number, d: Float64Array, iw: Float64Array, warnings: string[]): Float64Array {
  const init = fitLogit(x, n, k, d, iw);
  let g = Float64Array.from(init.coef);
  const loss = (gam: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let c = 0; c < k; c++) v += x[i * k + c] * gam[c];
      s += iw[i] * (d[i] === 1 ? v : -Math.exp(v));
    }
    return -s / n;
  };
  let f = loss(g);
  let converged = false;
  const ev = new Float64Array(n);
  for (let iter = 0; iter < 200 && Number.isFinite(f); iter++) {
    const grad = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let c = 0; c < k; c++) v += x[i * k + c] * g[c];
      const e = Math.exp(v);
      ev[i] = d[i] === 1 ? 0 : e * iw[i];
      const gi = iw[i] * (d[i] === 1 ? 1 : -e);
      for (let c = 0; c < k; c++) grad[c] -= (gi * x[i * k + c]) / n;
    }
    const hess = weightedCrossprod(x, n, k, ev);
    for (let q = 0; q < k * k; q++) hess[q] /= n;
    const l = cholesky(hess, k);
    if (l === null) break;
    const step = choleskySolve(l, k, grad);
    let gmax = 0;
    for (let c = 0; c < k; c++) gmax = Math.max(gmax, Math.abs(grad[c]));
    let t = 1;
    let next = new Float64Array(k);
    let fn = Infinity;
    for (let h = 0; h < 60; h++) {
      for (let c = 0; c < k; c++) next[c] = g[c] - t * step[c];
      fn = loss(next);
      if (Number.isFinite(fn) && fn <= f) break;
      t /= 2;
    }
    if (!(fn <= f)) break;
    const change = f - fn;
    g = next;
    next = new Float64Array(k);
    f = fn;
    if (gmax < 1e-12 || change <= 1e-15 * (1 + Math.abs(f))) {
      converged = true;
      break;
    }
  }
  if (!converged) {
    warnings.push('inverse probability tilting did not converge; used the logit propensity score');
    g = Float64Array.from(init.coef);
  }
  const ps = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let c = 0; c < k; c++) v += x[i * k + c] * g[c];
    ps[i] = logitLinkinv(v);
    if (!Number.isFinite(ps[i])) throw new DegenerateError('propensity score has NA components');
  }
  return ps;
}

function drImpDesign(inp: TwoByTwoDesignInput, iw: Float64Array, trim: number, warnings: string[]): Estimator {
  const { x, n, k, d } = inp;
  const ps = iptPscore(x, n, k, d, iw, warnings);
  const keep = new Float64Array(n);
  const wReg = new Float64Array(n);
  let sumD = 0;
  for (let i = 0; i < n; i++) {
    if (ps[i] > 1 - 1e-6) ps[i] = 1 - 1e-6;
    keep[i] = d[i] === 1 ? 1 : ps[i] < trim ? 1 : 0;
    wReg[i] = (iw[i] * ps[i]) / (1 - ps[i]);
    sumD += d[i] * iw[i];
  }
  assertComparisonsKept(d, keep, trim);
  const reg = controlRegression(x, n, k, d, wReg);
  const mD = sumD / n;
  const summand = new Float64Array(n);
  return (dy, out) => {
    const beta = regress(reg, k, dy);
    let s = 0;
    for (let i = 0; i < n; i++) {
      summand[i] = keep[i] * (1 - (1 - d[i]) / (1 - ps[i])) * (dy[i] - dotRow(x, i, k, beta));
      s += iw[i] * summand[i];
    }
    const att = s / n / mD;
    const inf = out ?? new Float64Array(n);
    for (let i = 0; i < n; i++) inf[i] = (iw[i] * keep[i] * (summand[i] - d[i] * att)) / mD;
    return { att, inf };
  };
}

/** The one-column step of a design built with batchOnly. */
function notBuilt(): never {
  throw new Error('this 2x2 design was built for batched outcome steps only (batchOnly): use estimateMany');
}

/** Builds the design step of a 2x2 panel estimator. Throws DegenerateError where R stops. */
export function panelDesign(method: PanelMethod, inp: TwoByTwoDesignInput): PanelDesign {
  const { n, d } = inp;
  const trim = inp.trim ?? 0.995;
  let nt = 0;
  for (let i = 0; i < n; i++) {
    if (d[i] !== 0 && d[i] !== 1) throw new DegenerateError(`treatment indicator must be 0 or 1, got ${d[i]}`);
    nt += d[i];
  }
  if (nt === 0) throw new DegenerateError('no treated units');
  if (nt === n) throw new DegenerateError('no comparison units');
  const iw = normaliseWeights(inp.weights, n);
  const warnings: string[] = [];
  let steps: Steps;
  switch (method) {
    case 'dr':
      steps = drDesign(inp, iw, trim, warnings);
      break;
    case 'dr-imp':
      steps = { one: drImpDesign(inp, iw, trim, warnings) };
      break;
    case 'ipw-std':
      steps = { one: ipwDesign(inp, iw, trim, warnings, true) };
      break;
    case 'ipw':
      steps = { one: ipwDesign(inp, iw, trim, warnings, false) };
      break;
    case 'reg':
      steps = { one: regDesign(inp, iw) };
      break;
    default:
      throw new DegenerateError(`unknown method ${String(method)}`);
  }
  return { method, n, warnings, estimate: steps.one, estimateMany: steps.many ?? null };
}

export interface PanelInput extends TwoByTwoDesignInput {
  readonly y1: Float64Array;
  readonly y0: Float64Array;
}

/** One 2x2 panel estimate with its analytic standard error (R: DRDID::*_panel(boot = FALSE)). */
export function drdidPanel(method: PanelMethod, inp: PanelInput): TwoByTwoResult {
  const design = panelDesign(method, inp);
  const dy = new Float64Array(inp.n);
  for (let i = 0; i < inp.n; i++) dy[i] = inp.y1[i] - inp.y0[i];
  const { att, inf } = design.estimate(dy);
  return { att, se: seFromInf(inf), inf, n: inp.n, warnings: design.warnings };
}
