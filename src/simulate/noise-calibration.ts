/**
 * Estimates the noise of a monthly outcome for the trial simulation (trial-panel.ts):
 * a person level plus stationary AR(1) deviations,
 *   y_it = mean + a_i + u_it,  u_it = ρ u_i,t−1 + e_it.
 *
 * A DiD estimate compares a person's outcome k months after a base month with the base
 * month, so what matters for its noise is how much a person's outcome changes over k
 * months. Under the model the mean squared k-month change is
 *   V_k = E (y_it − y_i,t−k)² = 2 σ_u² (1 − ρ^k),   σ_u² = σ_e² / (1 − ρ²),
 * free of the person level. ρ and σ_u² are fitted to the observed V_1 .. V_K by least
 * squares (ρ on a fine grid, σ_u² in closed form for each ρ), so the fitted model
 * reproduces the changes over the horizons a follow-up of K months uses; the person-level
 * variance is what is left of the total variance, σ_a² = max(0, var(y) − σ_u²).
 */
import type { Panel } from '../data/panel';
import type { TrialNoise } from './trial-panel';

export interface NoiseCalibration extends TrialNoise {
  /** Observed mean squared k-month changes, k = 1 .. maxLag (NaN if no pair). */
  readonly changes: Float64Array;
  /** The fitted model's 2 σ_u² (1 − ρ^k) for the same k. */
  readonly fittedChanges: Float64Array;
  /** Units and unit-months used. */
  readonly units: number;
  readonly observations: number;
  /** Total variance of y over the unit-months used. */
  readonly variance: number;
}

export interface CalibrationOptions {
  /** Period codes of the window (inclusive): months before anybody is treated. */
  readonly from: number;
  readonly to: number;
  /** Longest change fitted, in periods (default 24). */
  readonly maxLag?: number;
  /**
   * Per unit (panel order), the first period NOT used, e.g. the unit's treatment start, so
   * that only untreated months enter; NaN or missing = the window's end.
   */
  readonly unitEnd?: ArrayLike<number>;
}

function fail(message: string): never {
  const err = new Error(`noise calibration: ${message}`);
  err.name = 'DataError';
  throw err;
}

/** Fits ρ ∈ [0, 0.999] and σ_u² to V_k = 2 σ_u² (1 − ρ^k) by least squares. */
export function fitAr1Changes(changes: Float64Array): { arCoef: number; deviationVar: number } {
  let best = { arCoef: 0, deviationVar: 0, sse: Infinity };
  for (let step = 0; step <= 999; step++) {
    const rho = step / 1000;
    // With f_k = 2 (1 − ρ^k): σ² = Σ f V / Σ f².
    let sfv = 0;
    let sff = 0;
    let pow = 1;
    for (let k = 1; k <= changes.length; k++) {
      pow *= rho;
      const v = changes[k - 1];
      if (!Number.isFinite(v)) continue;
      const f = 2 * (1 - pow);
      sfv += f * v;
      sff += f * f;
    }
    if (!(sff > 0)) continue;
    const s2 = Math.max(0, sfv / sff);
    let sse = 0;
    pow = 1;
    for (let k = 1; k <= changes.length; k++) {
      pow *= rho;
      const v = changes[k - 1];
      if (!Number.isFinite(v)) continue;
      const r = v - 2 * s2 * (1 - pow);
      sse += r * r;
    }
    if (sse < best.sse) best = { arCoef: rho, deviationVar: s2, sse };
  }
  return { arCoef: best.arCoef, deviationVar: best.deviationVar };
}

/** Calibrates TrialNoise to a row-level column of a panel over a window of periods. */
export function calibrateNoise(panel: Panel, column: string, opts: CalibrationOptions): NoiseCalibration {
  const values = panel.cols[column];
  if (!values) fail(`the panel has no row-level column "${column}"`);
  const maxLag = opts.maxLag ?? 24;
  if (!(Number.isInteger(maxLag) && maxLag >= 2)) fail(`maxLag must be a whole number ≥ 2, got ${maxLag}`);
  if (!(opts.to - opts.from >= maxLag)) fail(`the window ${opts.from}..${opts.to} is shorter than maxLag + 1 = ${maxLag + 1} periods`);
  if (opts.unitEnd && opts.unitEnd.length !== panel.nUnits) fail(`unitEnd has ${opts.unitEnd.length} values for ${panel.nUnits} units`);
  const width = opts.to - opts.from + 1;
  const row = new Float64Array(width);
  const sumSq = new Float64Array(maxLag);
  const pairs = new Float64Array(maxLag);
  let n = 0;
  let sum = 0;
  let sum2 = 0;
  let units = 0;
  for (let u = 0; u < panel.nUnits; u++) {
    row.fill(NaN);
    let any = false;
    const end = opts.unitEnd && Number.isFinite(opts.unitEnd[u]) ? opts.unitEnd[u] : Infinity;
    for (let r = panel.rowStart[u]; r < panel.rowStart[u + 1]; r++) {
      const t = panel.rowTime[r];
      if (t < opts.from || t > opts.to || t >= end) continue;
      const v = values[r];
      if (!Number.isFinite(v)) continue;
      row[t - opts.from] = v;
      n++;
      sum += v;
      sum2 += v * v;
      any = true;
    }
    if (!any) continue;
    units++;
    for (let k = 1; k <= maxLag; k++) {
      for (let t = k; t < width; t++) {
        const a = row[t];
        const b = row[t - k];
        if (Number.isFinite(a) && Number.isFinite(b)) {
          sumSq[k - 1] += (a - b) * (a - b);
          pairs[k - 1]++;
        }
      }
    }
  }
  if (n < 2 || units < 2) fail(`column "${column}" has fewer than two units with values in the window`);
  const mean = sum / n;
  const variance = (sum2 - n * mean * mean) / (n - 1);
  if (!(variance > 0)) fail(`column "${column}" is constant in the window`);
  const changes = new Float64Array(maxLag);
  for (let k = 0; k < maxLag; k++) changes[k] = pairs[k] > 0 ? sumSq[k] / pairs[k] : NaN;
  const { arCoef, deviationVar } = fitAr1Changes(changes);
  const fittedChanges = new Float64Array(maxLag);
  for (let k = 1; k <= maxLag; k++) fittedChanges[k - 1] = 2 * deviationVar * (1 - arCoef ** k);
  return {
    mean,
    personSd: Math.sqrt(Math.max(0, variance - deviationVar)),
    arCoef,
    innovationSd: Math.sqrt(deviationVar * (1 - arCoef * arCoef)),
    changes,
    fittedChanges,
    units,
    observations: n,
    variance,
  };
}
