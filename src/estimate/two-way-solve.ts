/**
 * Exact least squares on unit and period fixed effects: the normal equations
 * Σ_{obs of unit i} (α_i + λ_t) = r_i and Σ_{obs at t} (α_i + λ_t) = s_t, solved by
 * eliminating the unit effects and factorising the periods' (T − 1) × (T − 1) Schur
 * complement once (λ of the first period fixed at 0; α_i + λ_t does not depend on that).
 * Used where alternating projections' stopping rule is not exact enough (the imputation
 * estimator's weights, SEs to 1e-10) and T is moderate: building the matrix costs
 * Σ_i n_i² and the factorisation T³/3.
 */
import { EstimateOptionError } from './errors';
import { cholesky, choleskySolve } from './linalg';

export interface TwoWaySolver {
  /** α and λ solving the normal equations for the right-hand sides r (per unit) and s (per period). */
  solve(r: Float64Array, s: Float64Array): { alpha: Float64Array; lambda: Float64Array };
  /** x minus its least-squares fit on the two fixed effects (the within transformation, exact). */
  residualize(x: Float64Array): Float64Array;
}

export function twoWaySolver(unit: Int32Array, time: Int32Array, nUnits: number, nTimes: number, who = 'twoWaySolver'): TwoWaySolver {
  const nObs = unit.length;
  const nU = new Float64Array(nUnits);
  for (let i = 0; i < nObs; i++) nU[unit[i]]++;
  const start = new Int32Array(nUnits + 1);
  for (let i = 0; i < nObs; i++) start[unit[i] + 1]++;
  for (let u = 0; u < nUnits; u++) start[u + 1] += start[u];
  const fill = start.slice(0, nUnits);
  const times = new Int32Array(nObs);
  for (let i = 0; i < nObs; i++) times[fill[unit[i]]++] = time[i];
  // M_ts = m_t δ_ts − Σ_i 1{t, s ∈ S_i} / n_i
  const m = new Float64Array(nTimes * nTimes);
  for (let u = 0; u < nUnits; u++) {
    if (nU[u] === 0) continue;
    const inv = 1 / nU[u];
    for (let a = start[u]; a < start[u + 1]; a++) {
      const ta = times[a];
      m[ta * nTimes + ta] += 1;
      for (let b = start[u]; b < start[u + 1]; b++) m[ta * nTimes + times[b]] -= inv;
    }
  }
  const q = nTimes - 1;
  const mq = new Float64Array(q * q);
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) mq[a * q + b] = m[(a + 1) * nTimes + b + 1];
  const l = cholesky(mq, q);
  if (l === null) throw new EstimateOptionError(`${who}: the observations do not connect all periods through common units (or a period has no observation)`);

  const solve = (r: Float64Array, s: Float64Array) => {
    const rhs = Float64Array.from(s);
    for (let u = 0; u < nUnits; u++) {
      if (nU[u] === 0) continue;
      const ru = r[u] / nU[u];
      for (let a = start[u]; a < start[u + 1]; a++) rhs[times[a]] -= ru;
    }
    const lambda = new Float64Array(nTimes);
    lambda.set(choleskySolve(l, q, rhs.subarray(1)), 1);
    const alpha = new Float64Array(nUnits);
    for (let u = 0; u < nUnits; u++) {
      if (nU[u] === 0) continue;
      let acc = r[u];
      for (let a = start[u]; a < start[u + 1]; a++) acc -= lambda[times[a]];
      alpha[u] = acc / nU[u];
    }
    return { alpha, lambda };
  };
  const residualize = (x: Float64Array) => {
    const r = new Float64Array(nUnits);
    const s = new Float64Array(nTimes);
    for (let i = 0; i < nObs; i++) {
      r[unit[i]] += x[i];
      s[time[i]] += x[i];
    }
    const fe = solve(r, s);
    const out = new Float64Array(nObs);
    for (let i = 0; i < nObs; i++) out[i] = x[i] - fe.alpha[unit[i]] - fe.lambda[time[i]];
    return out;
  };
  return { solve, residualize };
}
