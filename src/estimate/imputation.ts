/**
 * The imputation estimator of Borusyak, Jaravel & Spiess (2024): fit unit and period
 * effects on the untreated observations only (never treated, and the treated before their
 * start), impute Y(0) = α̂_i + λ̂_t for every treated observation, and average
 * τ̂_it = Y_it − Ŷ_it(0) with the estimand's weights (all treated observations equally for
 * the ATT; those at event time e for the event study).
 *
 * - The fixed effects are solved exactly, not iterated: the unit effects are eliminated and
 *   the periods' normal equations (T − 1 unknowns after fixing one period) solved by
 *   Cholesky, so estimates are exact to rounding.
 * - Standard error: the paper's Theorem 3 conservative variance, Σ_clusters (Σ v_it ε̃_it)²
 *   with v_it = w_it for treated and v = −Z₀(Z₀'Z₀)⁻¹Z₁'w₁ for untreated observations (the
 *   estimate is Σ v_it Y_it), ε̃ = the Y(0) residual for untreated and τ̂_it − τ̄_gt for
 *   treated observations, τ̄_gt the v²-weighted mean of τ̂ in the observation's cohort ×
 *   period; no small-sample factor (Stata/R did_imputation's default). `seLeaveOut` leaves
 *   the own unit out of τ̄ (Stata's `leaveout`, the authors' recommendation).
 * - Pre-trend test (the paper's Test 1): on the untreated observations only, regress Y on
 *   dummies for 1..K periods before the start with unit and period effects (CRV1, fixest
 *   conventions); a Wald test of the leads jointly. It does not use the imputation.
 * Reference: test/fixtures/reference/bjs_imputation_mpdta.json. Clusters are units.
 */
import { chisqUpper } from './distributions';
import { cholInverse } from './linalg';
import { twoWaySolver } from './two-way-solve';
import { prepareEventPanel, subsetEventPanel, type EventEstimate, type EventPanel, type EventPanelInput, type OverallEstimate } from './event-panel';
import { reportWarningTexts } from '../data/warnings';
import { EstimateOptionError } from './errors';
import { feOls } from './fe-ols';

export interface ImputationOptions {
  /** Event times to estimate (default: every observed e ≥ 0). */
  horizons?: readonly number[];
  /** Number of leads in the pre-trend test (0 = no test), default 0. */
  pretrends?: number;
}

export interface ImputationPretrend {
  leads: { e: number; est: number; se: number }[];
  wald: { stat: number; df: number; p: number };
  n: number;
}

export interface ImputationResult {
  estimator: 'imputation';
  att: OverallEstimate & { seLeaveOut: number };
  events: (EventEstimate & { seLeaveOut: number })[];
  pretrend: ImputationPretrend | null;
  nTreated: number;
  nUntreated: number;
  warnings: string[];
}

export function imputation(input: EventPanelInput, options: ImputationOptions = {}): ImputationResult {
  let p: EventPanel = prepareEventPanel(input, 'imputation');
  const warnings = [...p.warnings];
  // Units without any untreated observation cannot be imputed (their α is not identified).
  const hasUntreated = new Uint8Array(p.index.nUnits);
  for (let r = 0; r < p.n; r++) if (!(p.rel[r] >= 0)) hasUntreated[p.index.unit[r]] = 1;
  let lost = 0;
  for (let r = 0; r < p.n; r++) if (!hasUntreated[p.index.unit[r]]) lost++;
  if (lost > 0) {
    warnings.push(`imputation: ${lost} rows of units with no untreated observation dropped`);
    p = subsetEventPanel(p, (r) => hasUntreated[p.index.unit[r]] === 1);
  }
  const { n, y } = p;
  const { unit, time, nUnits, nTimes } = p.index;
  const treated = new Uint8Array(n);
  let n1 = 0;
  for (let r = 0; r < n; r++)
    if (p.rel[r] >= 0) {
      treated[r] = 1;
      n1++;
    }
  const n0 = n - n1;
  if (n1 === 0) throw new EstimateOptionError('imputation: no treated observations');
  const u0 = new Int32Array(n0);
  const t0 = new Int32Array(n0);
  const rows0 = new Int32Array(n0);
  for (let r = 0, j = 0; r < n; r++)
    if (!treated[r]) {
      u0[j] = unit[r];
      t0[j] = time[r];
      rows0[j++] = r;
    }
  const untreatedAt = new Uint8Array(nTimes);
  for (let j = 0; j < n0; j++) untreatedAt[t0[j]] = 1;
  for (let r = 0; r < n; r++)
    if (treated[r] && !untreatedAt[time[r]]) throw new EstimateOptionError(`imputation: period ${p.time[r]} has no untreated observation, so Y(0) cannot be imputed there`);

  // Y(0) model on the untreated observations.
  const ry = new Float64Array(nUnits);
  const sy = new Float64Array(nTimes);
  for (let j = 0; j < n0; j++) {
    ry[u0[j]] += y[rows0[j]];
    sy[t0[j]] += y[rows0[j]];
  }
  const solver = twoWaySolver(u0, t0, nUnits, nTimes, 'imputation');
  const fe = solver.solve(ry, sy);
  const resid = new Float64Array(n); // Y − Ŷ(0): ε for untreated, τ̂ for treated
  for (let r = 0; r < n; r++) resid[r] = y[r] - fe.alpha[unit[r]] - fe.lambda[time[r]];

  // Cohort × period cells of the treated observations (for τ̄).
  const cellOf = new Int32Array(n).fill(-1);
  const cellMap = new Map<string, number>();
  for (let r = 0; r < n; r++) {
    if (!treated[r]) continue;
    const key = `${p.cohort[r]}:${p.time[r]}`;
    let c = cellMap.get(key);
    if (c === undefined) {
      c = cellMap.size;
      cellMap.set(key, c);
    }
    cellOf[r] = c;
  }
  const nCells = cellMap.size;

  const estimand = (w: Float64Array): { est: number; se: number; seLeaveOut: number } => {
    let est = 0;
    const rw = new Float64Array(nUnits);
    const sw = new Float64Array(nTimes);
    for (let r = 0; r < n; r++)
      if (w[r] !== 0) {
        est += w[r] * resid[r];
        rw[unit[r]] += w[r];
        sw[time[r]] += w[r];
      }
    const g = solver.solve(rw, sw);
    const v = new Float64Array(n);
    for (let r = 0; r < n; r++) v[r] = treated[r] ? w[r] : 0;
    for (let j = 0; j < n0; j++) v[rows0[j]] = -(g.alpha[u0[j]] + g.lambda[t0[j]]);
    // τ̄ per cell, v²-weighted.
    const s2 = new Float64Array(nCells);
    const s2tau = new Float64Array(nCells);
    for (let r = 0; r < n; r++)
      if (treated[r]) {
        const c = cellOf[r];
        s2[c] += v[r] * v[r];
        s2tau[c] += v[r] * v[r] * resid[r];
      }
    const byUnit = new Float64Array(nUnits);
    const byUnitLo = new Float64Array(nUnits);
    for (let r = 0; r < n; r++) {
      if (v[r] === 0) continue;
      let eps = resid[r];
      let epsLo = eps;
      if (treated[r]) {
        const c = cellOf[r];
        eps = resid[r] - s2tau[c] / s2[c];
        const vv = v[r] * v[r];
        epsLo = s2[c] - vv > 0 ? (eps * s2[c]) / (s2[c] - vv) : NaN;
      }
      byUnit[unit[r]] += v[r] * eps;
      byUnitLo[unit[r]] += v[r] * epsLo;
    }
    let var_ = 0;
    let varLo = 0;
    for (let u = 0; u < nUnits; u++) {
      var_ += byUnit[u] * byUnit[u];
      varLo += byUnitLo[u] * byUnitLo[u];
    }
    return { est, se: Math.sqrt(var_), seLeaveOut: Math.sqrt(varLo) };
  };

  const wAll = new Float64Array(n);
  for (let r = 0; r < n; r++) if (treated[r]) wAll[r] = 1 / n1;
  const att = { ...estimand(wAll), n: n1 };

  const observed = [...new Set(Array.from({ length: n }, (_, r) => (treated[r] ? p.rel[r] : NaN)).filter(Number.isFinite))].sort((a, b) => a - b);
  const horizons = options.horizons ?? observed;
  const events = horizons.map((e) => {
    if (!(e >= 0) || !Number.isInteger(e)) throw new EstimateOptionError(`imputation: horizons must be integers ≥ 0, got ${e}`);
    let ne = 0;
    for (let r = 0; r < n; r++) if (treated[r] && p.rel[r] === e) ne++;
    if (ne === 0) return { e, est: NaN, se: NaN, seLeaveOut: NaN, n: 0 };
    const w = new Float64Array(n);
    for (let r = 0; r < n; r++) if (treated[r] && p.rel[r] === e) w[r] = 1 / ne;
    return { e, ...estimand(w), n: ne };
  });

  const pretrend = options.pretrends ? pretrendTest(p, treated, options.pretrends) : null;
  reportWarningTexts('imputation', warnings); // the render's per-notebook warnings channel, as attgt and twfe
  return { estimator: 'imputation', att, events, pretrend, nTreated: n1, nUntreated: n0, warnings };
}

/** BJS Test 1 on the untreated observations (see top). */
function pretrendTest(p: EventPanel, treated: Uint8Array, k: number): ImputationPretrend {
  if (!Number.isInteger(k) || k < 1) throw new EstimateOptionError(`imputation: pretrends must be a positive integer, got ${k}`);
  const sub = subsetEventPanel(p, (r) => !treated[r]);
  const x = Array.from({ length: k }, () => new Float64Array(sub.n));
  for (let r = 0; r < sub.n; r++) {
    const e = sub.rel[r];
    if (e < 0 && e >= -k) x[-e - 1][r] = 1;
  }
  const fit = feOls({ y: sub.y, index: sub.index, x });
  const leads = x.map((_, j) => ({ e: -(j + 1), est: fit.beta[j], se: Math.sqrt(fit.vcov[j * k + j]) }));
  const keptIdx = fit.kept.flatMap((kk, j) => (kk ? [j] : []));
  const q = keptIdx.length;
  const vq = new Float64Array(q * q);
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) vq[a * q + b] = fit.vcov[keptIdx[a] * k + keptIdx[b]];
  const inv = q > 0 ? cholInverse(vq, q) : null;
  let stat = NaN;
  if (inv) {
    stat = 0;
    for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) stat += fit.beta[keptIdx[a]] * inv[a * q + b] * fit.beta[keptIdx[b]];
  }
  return { leads, wald: { stat, df: q, p: Number.isFinite(stat) ? chisqUpper(stat, q) : NaN }, n: sub.n };
}
