/**
 * Two-period repeated cross-section DiD estimators of Sant'Anna & Zhao (2020), as R DRDID
 * 1.2.3 computes them, with influence functions. These are the ones R did 2.5.1 runs for
 * `panel = FALSE` and for unbalanced panels (`allow_unbalanced_panel = TRUE`):
 *   'dr'      locally efficient doubly robust (drdid_rc)
 *   'ipw-std' normalised IPW                   (std_ipw_did_rc; did's "ipw")
 *   'reg'     outcome regression               (reg_did_rc)
 */
import { DegenerateError } from './errors';
import type { LogitFit } from './logit';
import { matVec, weightedColMeans, smallMatVec } from './linalg';
import { logitPscore, mean, normaliseWeights, olsInverse, pscoreEffect, seFromInf } from './pscore';
import { wls } from './wls';

export type RcMethod = 'dr' | 'ipw-std' | 'reg';

export const RC_METHODS: readonly RcMethod[] = ['dr', 'ipw-std', 'reg'];

export interface RcInput {
  readonly y: Float64Array;
  /** 1 = observation from the later period. */
  readonly post: Float64Array;
  /** 1 = treated group, 0 = comparison. */
  readonly d: Float64Array;
  /** Covariates including the intercept column, row-major n x k. */
  readonly x: Float64Array;
  readonly n: number;
  readonly k: number;
  readonly weights: Float64Array | null;
  readonly trim?: number;
  /** A logit fit of d on x with these weights, if the caller has one (see TwoByTwoDesignInput). */
  readonly pscoreFit?: LogitFit;
}

interface SubsetFit {
  /** Fitted values for every observation. */
  readonly fitted: Float64Array;
  /** Least-squares weights iw * 1{in subset}. */
  readonly wols: Float64Array;
  /** (X' diag(wols) X / n)^-1 */
  readonly inv: Float64Array;
  /** y - fitted */
  readonly resid: Float64Array;
}

/** Weighted OLS of y on X within the observations where sel is true, as DRDID's per-cell regressions. */
function subsetFit(inp: RcInput, iw: Float64Array, sel: (i: number) => boolean, what: string): SubsetFit {
  const { x, y, n, k } = inp;
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (sel(i)) rows.push(i);
  const m = rows.length;
  const xs = new Float64Array(m * k);
  const ys = new Float64Array(m);
  const ws = new Float64Array(m);
  rows.forEach((i, j) => {
    ys[j] = y[i];
    ws[j] = iw[i];
    for (let c = 0; c < k; c++) xs[j * k + c] = x[i * k + c];
  });
  const beta = m > 0 ? wls(xs, m, k, ys, ws) : null;
  if (beta === null) throw new DegenerateError(`outcome regression model coefficients have NA components (${what})`);
  const fitted = new Float64Array(n);
  const resid = new Float64Array(n);
  const wols = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += x[i * k + c] * beta[c];
    fitted[i] = s;
    resid[i] = y[i] - s;
  }
  for (const i of rows) wols[i] = iw[i];
  const inv = olsInverse(x, n, k, wols, what);
  return { fitted, wols, inv, resid };
}

/** Least-squares estimation effect: wols_i resid_i x_i' inv m, for each observation. */
function olsEffect(f: SubsetFit, inp: RcInput, m: Float64Array): Float64Array {
  const a = matVec(inp.x, inp.n, inp.k, smallMatVec(f.inv, inp.k, m));
  for (let i = 0; i < inp.n; i++) a[i] *= f.wols[i] * f.resid[i];
  return a;
}

function scaled(v: Float64Array, s: number): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i] * s;
  return out;
}

function drRc(inp: RcInput, iw: Float64Array, trim: number, warnings: string[]): { att: number; inf: Float64Array } {
  const { x, y, post, d, n, k } = inp;
  const p = logitPscore(x, n, k, d, iw, trim, warnings, inp.pscoreFit);
  const contPre = subsetFit(inp, iw, (i) => d[i] === 0 && post[i] === 0, 'comparison group, earlier period');
  const contPost = subsetFit(inp, iw, (i) => d[i] === 0 && post[i] === 1, 'comparison group, later period');
  const treatPre = subsetFit(inp, iw, (i) => d[i] === 1 && post[i] === 0, 'treated group, earlier period');
  const treatPost = subsetFit(inp, iw, (i) => d[i] === 1 && post[i] === 1, 'treated group, later period');
  const outCont = new Float64Array(n);
  const wTreatPre = new Float64Array(n);
  const wTreatPost = new Float64Array(n);
  const wContPre = new Float64Array(n);
  const wContPost = new Float64Array(n);
  const wD = new Float64Array(n);
  const wDt1 = new Float64Array(n);
  const wDt0 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    outCont[i] = post[i] * contPost.fitted[i] + (1 - post[i]) * contPre.fitted[i];
    const base = p.keep[i] * iw[i];
    const odds = (p.keep[i] * iw[i] * p.ps[i] * (1 - d[i])) / (1 - p.ps[i]);
    wTreatPre[i] = base * d[i] * (1 - post[i]);
    wTreatPost[i] = base * d[i] * post[i];
    wContPre[i] = odds * (1 - post[i]);
    wContPost[i] = odds * post[i];
    wD[i] = base * d[i];
    wDt1[i] = base * d[i] * post[i];
    wDt0[i] = base * d[i] * (1 - post[i]);
  }
  const mTP = mean(wTreatPre);
  const mTQ = mean(wTreatPost);
  const mCP = mean(wContPre);
  const mCQ = mean(wContPost);
  const mD = mean(wD);
  const mD1 = mean(wDt1);
  const mD0 = mean(wDt0);
  const etaTreatPre = new Float64Array(n);
  const etaTreatPost = new Float64Array(n);
  const etaContPre = new Float64Array(n);
  const etaContPost = new Float64Array(n);
  const etaDPost = new Float64Array(n);
  const etaDt1Post = new Float64Array(n);
  const etaDPre = new Float64Array(n);
  const etaDt0Pre = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const rc = y[i] - outCont[i];
    etaTreatPre[i] = (wTreatPre[i] * rc) / mTP;
    etaTreatPost[i] = (wTreatPost[i] * rc) / mTQ;
    etaContPre[i] = (wContPre[i] * rc) / mCP;
    etaContPost[i] = (wContPost[i] * rc) / mCQ;
    const dPost = treatPost.fitted[i] - contPost.fitted[i];
    const dPre = treatPre.fitted[i] - contPre.fitted[i];
    etaDPost[i] = (wD[i] * dPost) / mD;
    etaDt1Post[i] = (wDt1[i] * dPost) / mD1;
    etaDPre[i] = (wD[i] * dPre) / mD;
    etaDt0Pre[i] = (wDt0[i] * dPre) / mD0;
  }
  const attTreatPre = mean(etaTreatPre);
  const attTreatPost = mean(etaTreatPost);
  const attContPre = mean(etaContPre);
  const attContPost = mean(etaContPost);
  const attDPost = mean(etaDPost);
  const attDt1Post = mean(etaDt1Post);
  const attDPre = mean(etaDPre);
  const attDt0Pre = mean(etaDt0Pre);
  const att = attTreatPost - attTreatPre - (attContPost - attContPre) + (attDPost - attDt1Post) - (attDPre - attDt0Pre);

  // Estimation effects of the outcome regressions and of the propensity score.
  const m1Post = scaled(weightedColMeans(x, n, k, wTreatPost.map((v, i) => v * post[i])), -1 / mTQ);
  const m1Pre = scaled(weightedColMeans(x, n, k, wTreatPre.map((v, i) => v * (1 - post[i]))), -1 / mTP);
  const infTreatOr = olsEffect(contPost, inp, m1Post);
  const infTreatOrPre = olsEffect(contPre, inp, m1Pre);
  const tmpPre = new Float64Array(n);
  const tmpPost = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    tmpPre[i] = wContPre[i] * (y[i] - outCont[i] - attContPre);
    tmpPost[i] = wContPost[i] * (y[i] - outCont[i] - attContPost);
  }
  const m2Pre = scaled(weightedColMeans(x, n, k, tmpPre), 1 / mCP);
  const m2Post = scaled(weightedColMeans(x, n, k, tmpPost), 1 / mCQ);
  const m2 = new Float64Array(k);
  for (let c = 0; c < k; c++) m2[c] = m2Post[c] - m2Pre[c];
  const infContPs = pscoreEffect(p, x, n, k, m2);
  const m3Post = scaled(weightedColMeans(x, n, k, wContPost.map((v, i) => v * post[i])), -1 / mCQ);
  const m3Pre = scaled(weightedColMeans(x, n, k, wContPre.map((v, i) => v * (1 - post[i]))), -1 / mCP);
  const infContOrPost = olsEffect(contPost, inp, m3Post);
  const infContOrPre = olsEffect(contPre, inp, m3Pre);
  const momPostW = new Float64Array(n);
  const momPreW = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    momPostW[i] = wD[i] / mD - wDt1[i] / mD1;
    momPreW[i] = wD[i] / mD - wDt0[i] / mD0;
  }
  const momPost = weightedColMeans(x, n, k, momPostW);
  const momPre = weightedColMeans(x, n, k, momPreW);
  const orPostTreat = olsEffect(treatPost, inp, momPost);
  const orPostCont = olsEffect(contPost, inp, momPost);
  const orPreTreat = olsEffect(treatPre, inp, momPre);
  const orPreCont = olsEffect(contPre, inp, momPre);

  const inf = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const infTreatPre = etaTreatPre[i] - (wTreatPre[i] * attTreatPre) / mTP;
    const infTreatPost = etaTreatPost[i] - (wTreatPost[i] * attTreatPost) / mTQ;
    const infContPre = etaContPre[i] - (wContPre[i] * attContPre) / mCP;
    const infContPost = etaContPost[i] - (wContPost[i] * attContPost) / mCQ;
    const eff1 = etaDPost[i] - (wD[i] * attDPost) / mD;
    const eff2 = etaDt1Post[i] - (wDt1[i] * attDt1Post) / mD1;
    const eff3 = etaDPre[i] - (wD[i] * attDPre) / mD;
    const eff4 = etaDt0Pre[i] - (wDt0[i] * attDt0Pre) / mD0;
    const infEff = eff1 - eff2 - (eff3 - eff4);
    const infOr = orPostTreat[i] - orPostCont[i] - (orPreTreat[i] - orPreCont[i]);
    const infTreat = infTreatPost - infTreatPre + infTreatOr[i] + infTreatOrPre[i];
    const infCont = infContPost - infContPre + infContPs[i] + infContOrPost[i] + infContOrPre[i];
    inf[i] = infTreat - infCont + infEff + infOr;
  }
  return { att, inf };
}

function regRc(inp: RcInput, iw: Float64Array): { att: number; inf: Float64Array } {
  const { x, y, post, d, n, k } = inp;
  const pre = subsetFit(inp, iw, (i) => d[i] === 0 && post[i] === 0, 'comparison group, earlier period');
  const pst = subsetFit(inp, iw, (i) => d[i] === 0 && post[i] === 1, 'comparison group, later period');
  const wTreatPre = new Float64Array(n);
  const wTreatPost = new Float64Array(n);
  const wCont = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    wTreatPre[i] = iw[i] * d[i] * (1 - post[i]);
    wTreatPost[i] = iw[i] * d[i] * post[i];
    wCont[i] = iw[i] * d[i];
  }
  const mTP = mean(wTreatPre);
  const mTQ = mean(wTreatPost);
  const mC = mean(wCont);
  let sPre = 0;
  let sPost = 0;
  let sCont = 0;
  for (let i = 0; i < n; i++) {
    sPre += wTreatPre[i] * y[i];
    sPost += wTreatPost[i] * y[i];
    sCont += wCont[i] * (pst.fitted[i] - pre.fitted[i]);
  }
  const etaTreatPre = sPre / n / mTP;
  const etaTreatPost = sPost / n / mTQ;
  const etaCont = sCont / n / mC;
  const att = etaTreatPost - etaTreatPre - etaCont;
  const m1 = weightedColMeans(x, n, k, wCont);
  const effPost = olsEffect(pst, inp, m1);
  const effPre = olsEffect(pre, inp, m1);
  const inf = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const infTreat = (wTreatPost[i] * y[i] - wTreatPost[i] * etaTreatPost) / mTQ - (wTreatPre[i] * y[i] - wTreatPre[i] * etaTreatPre) / mTP;
    const cont1 = wCont[i] * (pst.fitted[i] - pre.fitted[i]) - wCont[i] * etaCont;
    const infControl = (cont1 + effPost[i] - effPre[i]) / mC;
    inf[i] = infTreat - infControl;
  }
  return { att, inf };
}

function stdIpwRc(inp: RcInput, iw: Float64Array, trim: number, warnings: string[]): { att: number; inf: Float64Array } {
  const { x, y, post, d, n, k } = inp;
  const p = logitPscore(x, n, k, d, iw, trim, warnings, inp.pscoreFit);
  const wTP = new Float64Array(n);
  const wTQ = new Float64Array(n);
  const wCP = new Float64Array(n);
  const wCQ = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const odds = (p.keep[i] * iw[i] * p.ps[i] * (1 - d[i])) / (1 - p.ps[i]);
    wTP[i] = p.keep[i] * iw[i] * d[i] * (1 - post[i]);
    wTQ[i] = p.keep[i] * iw[i] * d[i] * post[i];
    wCP[i] = odds * (1 - post[i]);
    wCQ[i] = odds * post[i];
  }
  const mTP = mean(wTP);
  const mTQ = mean(wTQ);
  const mCP = mean(wCP);
  const mCQ = mean(wCQ);
  let aTP = 0;
  let aTQ = 0;
  let aCP = 0;
  let aCQ = 0;
  for (let i = 0; i < n; i++) {
    aTP += (wTP[i] * y[i]) / mTP;
    aTQ += (wTQ[i] * y[i]) / mTQ;
    aCP += (wCP[i] * y[i]) / mCP;
    aCQ += (wCQ[i] * y[i]) / mCQ;
  }
  aTP /= n;
  aTQ /= n;
  aCP /= n;
  aCQ /= n;
  const att = aTQ - aTP - (aCQ - aCP);
  const tPre = new Float64Array(n);
  const tPost = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    tPre[i] = wCP[i] * (y[i] - aCP);
    tPost[i] = wCQ[i] * (y[i] - aCQ);
  }
  const m2Pre = scaled(weightedColMeans(x, n, k, tPre), 1 / mCP);
  const m2Post = scaled(weightedColMeans(x, n, k, tPost), 1 / mCQ);
  const m2 = new Float64Array(k);
  for (let c = 0; c < k; c++) m2[c] = m2Post[c] - m2Pre[c];
  const ps = pscoreEffect(p, x, n, k, m2);
  const inf = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const infTreat = (wTQ[i] * y[i]) / mTQ - (wTQ[i] * aTQ) / mTQ - ((wTP[i] * y[i]) / mTP - (wTP[i] * aTP) / mTP);
    const infCont = (wCQ[i] * y[i]) / mCQ - (wCQ[i] * aCQ) / mCQ - ((wCP[i] * y[i]) / mCP - (wCP[i] * aCP) / mCP) + ps[i];
    inf[i] = infTreat - infCont;
  }
  return { att, inf };
}

export interface RcResult {
  readonly att: number;
  readonly se: number;
  readonly inf: Float64Array;
  readonly n: number;
  readonly warnings: readonly string[];
}

/** One 2x2 repeated cross-section estimate with its analytic SE (R: DRDID::*_rc(boot = FALSE)). */
export function drdidRc(method: RcMethod, inp: RcInput): RcResult {
  const { n, d, post } = inp;
  const cellCount = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    if ((d[i] !== 0 && d[i] !== 1) || (post[i] !== 0 && post[i] !== 1)) {
      throw new DegenerateError('treatment and period indicators must be 0 or 1');
    }
    cellCount[d[i] * 2 + post[i]]++;
  }
  if (cellCount.some((c) => c === 0)) throw new DegenerateError('a treatment-by-period cell has no observations');
  const iw = normaliseWeights(inp.weights, n);
  const warnings: string[] = [];
  const trim = inp.trim ?? 0.995;
  let r: { att: number; inf: Float64Array };
  if (method === 'dr') r = drRc(inp, iw, trim, warnings);
  else if (method === 'reg') r = regRc(inp, iw);
  else if (method === 'ipw-std') r = stdIpwRc(inp, iw, trim, warnings);
  else throw new DegenerateError(`unknown method ${String(method)}`);
  return { att: r.att, se: seFromInf(r.inf), inf: r.inf, n, warnings };
}
