/**
 * Propensity scores and ATT weights for balance tables (R23 Table B11): a logit of
 * treatment on chosen unit-level variables, then weights that make the controls resemble
 * the treated: treated 1, controls p/(1 − p).
 *
 * The logit itself is the DiD engine's (src/estimate/logit.ts, R glm.fit step for step).
 */
import { fitLogit } from '../estimate/logit';
import { checkMask, type Mask } from './mask';
import { naOf, type Na } from './na';

export interface PropensityFit {
  /** Fitted P(treated | x) per unit; NaN outside the sample or with a missing covariate. */
  ps: Float64Array;
  /** Intercept first, then one coefficient per covariate. */
  coef: Float64Array;
  /** Units the logit was fitted on. */
  n: number;
  converged: boolean;
  /** Why the scores should not be used (separation, no convergence, one group empty). */
  na?: Na;
}

/**
 * Logit of membership in `treated` on `covariates` (unit-level columns), fitted on the
 * units in treated ∪ control that have every covariate.
 */
export function propensityScores(treated: Mask, control: Mask, covariates: readonly Float64Array[]): PropensityFit {
  const nUnits = treated.length;
  checkMask(control, nUnits, 'propensityScores');
  for (const c of covariates) {
    if (c.length !== nUnits) throw new RangeError(`propensityScores: a covariate has length ${c.length}, expected ${nUnits}`);
  }
  const k = covariates.length + 1;
  const rows: number[] = [];
  let nT = 0;
  for (let u = 0; u < nUnits; u++) {
    if (!treated[u] && !control[u]) continue;
    if (treated[u] && control[u]) throw new RangeError(`propensityScores: unit ${u} is in both groups`);
    if (covariates.some((c) => Number.isNaN(c[u]))) continue;
    rows.push(u);
    if (treated[u]) nT++;
  }
  const n = rows.length;
  const ps = new Float64Array(nUnits).fill(NaN);
  if (nT === 0 || nT === n) {
    return { ps, coef: new Float64Array(k).fill(NaN), n, converged: false, na: naOf(n === 0 ? 'empty-group' : 'no-treatment-variation') };
  }
  const x = new Float64Array(n * k);
  const y = new Float64Array(n);
  rows.forEach((u, i) => {
    x[i * k] = 1;
    covariates.forEach((c, j) => {
      x[i * k + j + 1] = c[u];
    });
    y[i] = treated[u] ? 1 : 0;
  });
  const fit = fitLogit(x, n, k, y, null);
  let separated = false;
  rows.forEach((u, i) => {
    const p = fit.fitted[i];
    ps[u] = p;
    if (p < 1e-10 || p > 1 - 1e-10) separated = true;
  });
  const problem = !fit.converged ? naOf('not-converged') : separated ? naOf('separation') : undefined;
  return { ps, coef: fit.coef, n, converged: fit.converged, na: problem };
}

/**
 * ATT weights: 1 for treated units, p/(1 − p) for controls, rescaled so the control weights
 * sum to the number of controls with a score (the weighted means are unchanged by the
 * scale; this keeps the weights readable). Units outside both groups or without a score: 0.
 */
export function attWeights(ps: Float64Array, treated: Mask, control: Mask): Float64Array {
  checkMask(treated, ps.length, 'attWeights');
  checkMask(control, ps.length, 'attWeights');
  const w = new Float64Array(ps.length);
  let sum = 0;
  let nC = 0;
  for (let u = 0; u < ps.length; u++) {
    const p = ps[u];
    if (Number.isNaN(p)) continue;
    if (treated[u]) w[u] = 1;
    else if (control[u]) {
      w[u] = p / (1 - p);
      sum += w[u];
      nC++;
    }
  }
  if (sum > 0) {
    const scale = nC / sum;
    for (let u = 0; u < ps.length; u++) if (control[u] && !treated[u]) w[u] *= scale;
  }
  return w;
}
