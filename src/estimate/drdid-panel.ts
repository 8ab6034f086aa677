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
import { smallMatVec, weightedColMeans } from './linalg';
import { fitLogit, logitLinkinv, LogitFit } from './logit';
import { logitPscore, mean, normaliseWeights, olsInverse, rowDot, seFromInf } from './pscore';
import { qrFactor, qrSolve, QrFactor } from './wls';
import { cholesky, choleskySolve, weightedCrossprod } from './linalg';

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
}

export interface PanelDesign {
  readonly method: PanelMethod;
  readonly n: number;
  /** Warnings from the design step (e.g. non-convergence of the propensity score). */
  readonly warnings: readonly string[];
  /** ATT and influence function for the outcome change dy = y1 - y0. */
  estimate(dy: Float64Array): { att: number; inf: Float64Array };
}

export interface TwoByTwoResult {
  readonly att: number;
  readonly se: number;
  /** Influence function, one value per unit (R: att.inf.func). */
  readonly inf: Float64Array;
  readonly n: number;
  readonly warnings: readonly string[];
}

interface ControlRegression {
  readonly qr: QrFactor;
  readonly controls: Int32Array;
  predict(dy: Float64Array): Float64Array;
}

/** Weighted least squares of dy on X among the comparison units, predicted for all units. */
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
  const yc = new Float64Array(nc);
  return {
    qr,
    controls,
    predict(dy: Float64Array): Float64Array {
      for (let q = 0; q < nc; q++) yc[q] = dy[controls[q]];
      const beta = qrSolve(qr, yc);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const o = i * k;
        let s = 0;
        for (let c = 0; c < k; c++) s += x[o + c] * beta[c];
        out[i] = s;
      }
      return out;
    },
  };
}

/** Least-squares linear-representation weights: wols_i = iw_i (1 - D_i) and a_i = x_i' XpX^-1 M. */
function olsProjection(x: Float64Array, n: number, k: number, d: Float64Array, iw: Float64Array, ms: Float64Array[]): { wols: Float64Array; a: Float64Array[] } {
  const wols = new Float64Array(n);
  for (let i = 0; i < n; i++) wols[i] = iw[i] * (1 - d[i]);
  const inv = olsInverse(x, n, k, wols, 'outcome');
  return { wols, a: ms.map((m) => rowDot(x, n, k, smallMatVec(inv, k, m))) };
}

function drDesign(inp: TwoByTwoDesignInput, iw: Float64Array, trim: number, warnings: string[]): PanelDesign['estimate'] {
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
  const [a1, a3] = a;
  const tmp = new Float64Array(n);
  return (dy) => {
    const out = reg.predict(dy);
    const r = new Float64Array(n);
    let st = 0;
    let sc = 0;
    for (let i = 0; i < n; i++) {
      r[i] = dy[i] - out[i];
      st += wTreat[i] * r[i];
      sc += wCont[i] * r[i];
    }
    const etaTreat = st / n / mwTreat;
    const etaCont = sc / n / mwCont;
    for (let i = 0; i < n; i++) tmp[i] = wCont[i] * (r[i] - etaCont);
    const m2 = weightedColMeans(x, n, k, tmp);
    const inf = rowDot(p.linRep, n, k, m2);
    for (let i = 0; i < n; i++) {
      const lr = wols[i] * r[i];
      const infTreat = (wTreat[i] * r[i] - wTreat[i] * etaTreat - lr * a1[i]) / mwTreat;
      const infCont = (wCont[i] * r[i] - wCont[i] * etaCont + inf[i] - lr * a3[i]) / mwCont;
      inf[i] = infTreat - infCont;
    }
    return { att: etaTreat - etaCont, inf };
  };
}

function ipwDesign(inp: TwoByTwoDesignInput, iw: Float64Array, trim: number, warnings: string[], normalised: boolean): PanelDesign['estimate'] {
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
  const tmp = new Float64Array(n);
  if (normalised) {
    return (dy) => {
      let st = 0;
      let sc = 0;
      for (let i = 0; i < n; i++) {
        st += wTreat[i] * dy[i];
        sc += wCont[i] * dy[i];
      }
      const etaTreat = st / n / mwTreat;
      const etaCont = sc / n / mwCont;
      for (let i = 0; i < n; i++) tmp[i] = wCont[i] * (dy[i] - etaCont);
      const inf = rowDot(p.linRep, n, k, weightedColMeans(x, n, k, tmp));
      for (let i = 0; i < n; i++) {
        const infTreat = (wTreat[i] * dy[i] - wTreat[i] * etaTreat) / mwTreat;
        const infCont = (wCont[i] * dy[i] - wCont[i] * etaCont + inf[i]) / mwCont;
        inf[i] = infTreat - infCont;
      }
      return { att: etaTreat - etaCont, inf };
    };
  }
  return (dy) => {
    let st = 0;
    let sc = 0;
    for (let i = 0; i < n; i++) {
      st += wTreat[i] * dy[i];
      sc += wCont[i] * dy[i];
      tmp[i] = wCont[i] * dy[i];
    }
    const att = st / n / mD - sc / n / mD;
    const inf = rowDot(p.linRep, n, k, weightedColMeans(x, n, k, tmp));
    for (let i = 0; i < n; i++) {
      inf[i] = (wTreat[i] * dy[i] - wCont[i] * dy[i] - inf[i] - iw[i] * d[i] * att) / mD;
    }
    return { att, inf };
  };
}

function regDesign(inp: TwoByTwoDesignInput, iw: Float64Array): PanelDesign['estimate'] {
  const { x, n, k, d } = inp;
  const reg = controlRegression(x, n, k, d, iw);
  const wTreat = new Float64Array(n);
  for (let i = 0; i < n; i++) wTreat[i] = iw[i] * d[i];
  const mw = mean(wTreat);
  const m1 = weightedColMeans(x, n, k, wTreat);
  const { wols, a } = olsProjection(x, n, k, d, iw, [m1]);
  const a1 = a[0];
  return (dy) => {
    const out = reg.predict(dy);
    let st = 0;
    let sc = 0;
    for (let i = 0; i < n; i++) {
      st += wTreat[i] * dy[i];
      sc += wTreat[i] * out[i];
    }
    const etaTreat = st / n / mw;
    const etaCont = sc / n / mw;
    const inf = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const infTreat = (wTreat[i] * dy[i] - wTreat[i] * etaTreat) / mw;
      const infCont = (wTreat[i] * out[i] - wTreat[i] * etaCont + wols[i] * (dy[i] - out[i]) * a1[i]) / mw;
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

function drImpDesign(inp: TwoByTwoDesignInput, iw: Float64Array, trim: number, warnings: string[]): PanelDesign['estimate'] {
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
  const reg = controlRegression(x, n, k, d, wReg);
  const mD = sumD / n;
  return (dy) => {
    const out = reg.predict(dy);
    const summand = new Float64Array(n);
    let s = 0;
    for (let i = 0; i < n; i++) {
      summand[i] = keep[i] * (1 - (1 - d[i]) / (1 - ps[i])) * (dy[i] - out[i]);
      s += iw[i] * summand[i];
    }
    const att = s / n / mD;
    const inf = new Float64Array(n);
    for (let i = 0; i < n; i++) inf[i] = (iw[i] * keep[i] * (summand[i] - d[i] * att)) / mD;
    return { att, inf };
  };
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
  let estimate: PanelDesign['estimate'];
  switch (method) {
    case 'dr':
      estimate = drDesign(inp, iw, trim, warnings);
      break;
    case 'dr-imp':
      estimate = drImpDesign(inp, iw, trim, warnings);
      break;
    case 'ipw-std':
      estimate = ipwDesign(inp, iw, trim, warnings, true);
      break;
    case 'ipw':
      estimate = ipwDesign(inp, iw, trim, warnings, false);
      break;
    case 'reg':
      estimate = regDesign(inp, iw);
      break;
    default:
      throw new DegenerateError(`unknown method ${String(method)}`);
  }
  return { method, n, warnings, estimate };
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
