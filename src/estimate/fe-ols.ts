/**
 * OLS with unit and period fixed effects and cluster-robust (CRV1) covariance, on typed
 * arrays: the regression core of the event-study estimators in this folder (TWFE event
 * study, Sun & Abraham, the imputation estimator's pre-trend test).
 *
 * Same conventions as src/stats/twfe.ts (which matches fixest::feols(y ~ x | id + time,
 * cluster = ~id)): within transformation (exact, see withinTransform), regressors absorbed
 * by the fixed effects or collinear with earlier ones dropped (NaN), singletons kept, and
 * V = G/(G−1) · (N−1)/(N−K) · A⁻¹ (Σ_g s_g s_g') A⁻¹ with K = kept slopes + the fixed-effect
 * parameters not nested in the clusters (fixest's fixef.K = "nested"). It lives here, not
 * in stats, because estimate sits below stats in the layers; stats/twfe.ts adds the
 * report's NA values, R² and p-values on top of the same arithmetic.
 */
import { demeanTwoWay, type TwoWayIndex } from './demean';
import { cholesky, cholInverse } from './linalg';
import { twoWaySolver } from './two-way-solve';

/** Dense 0-based codes of `ids` (order of first appearance) and the number of levels. */
export function denseCodes(ids: ArrayLike<number>): { index: Int32Array; size: number; levels: number[] } {
  const map = new Map<number, number>();
  const levels: number[] = [];
  const index = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    let c = map.get(ids[i]);
    if (c === undefined) {
      c = map.size;
      map.set(ids[i], c);
      levels.push(ids[i]);
    }
    index[i] = c;
  }
  return { index, size: map.size, levels };
}

export interface FeOlsInput {
  y: Float64Array;
  /** Dense unit and period codes per row (see `denseCodes`). */
  index: TwoWayIndex;
  /** Regressors, one column of length n each. */
  x: readonly Float64Array[];
  /** Dense cluster codes per row; default the unit. */
  cluster?: { index: Int32Array; size: number };
}

export interface FeOlsResult {
  /** Coefficients (NaN for dropped regressors). */
  beta: Float64Array;
  /** CRV1 covariance with fixest's small-sample factor, p × p row-major (NaN rows for dropped). */
  vcov: Float64Array;
  /** The plain cluster sandwich without any factor (multiply by `clusterAdj` and `dofAdj` to get `vcov`). */
  vcovRaw: Float64Array;
  kept: boolean[];
  n: number;
  clusters: number;
  /** Parameters counted in N − K. */
  k: number;
  /** G/(G−1). */
  clusterAdj: number;
  /** (N−1)/(N−K). */
  dofAdj: number;
}

/** Keeps a column unless it is absorbed (demeaned SS ≤ 1e-9 of raw SS) or collinear (Cholesky pivot ≤ 1e-9 of its diagonal). */
function independentColumns(a: Float64Array, p: number, rawSS: Float64Array): boolean[] {
  const keep: boolean[] = [];
  const kept: number[] = [];
  for (let j = 0; j < p; j++) {
    const ajj = a[j * p + j];
    if (!(ajj > 1e-9 * rawSS[j]) || !(ajj > 0)) {
      keep.push(false);
      continue;
    }
    const trial = kept.concat([j]);
    const m = trial.length;
    const sub = new Float64Array(m * m);
    for (let r = 0; r < m; r++) for (let s = 0; s < m; s++) sub[r * m + s] = a[trial[r] * p + trial[s]];
    const l = cholesky(sub, m);
    const pivot = l === null ? 0 : l[m * m - 1] * l[m * m - 1];
    const independent = pivot > 1e-9 * ajj;
    keep.push(independent);
    if (independent) kept.push(j);
  }
  return keep;
}

/** For 0/1 columns with at most one 1 per row: the column holding each row's 1 (−1 for none); else null. */
function indicatorSet(x: readonly Float64Array[], n: number): Int32Array | null {
  if (x.length < 2) return null;
  const which = new Int32Array(n).fill(-1);
  for (let j = 0; j < x.length; j++) {
    const col = x[j];
    for (let i = 0; i < n; i++) {
      const v = col[i];
      if (v === 0) continue;
      if (v !== 1 || which[i] !== -1) return null;
      which[i] = j;
    }
  }
  return which;
}

/** True when every level of `fe` lies within one cluster (then its parameters do not count in fixest's K). */
export function nestedIn(fe: Int32Array, size: number, cluster: Int32Array): boolean {
  const owner = new Int32Array(size).fill(-1);
  for (let i = 0; i < fe.length; i++) {
    const o = owner[fe[i]];
    if (o === -1) owner[fe[i]] = cluster[i];
    else if (o !== cluster[i]) return false;
  }
  return true;
}

/** Periods up to which the within transformation is solved exactly (two-way-solve.ts) rather than by alternating projections. */
const EXACT_MAX_PERIODS = 200;

/**
 * The within transformation: exact for up to EXACT_MAX_PERIODS periods (alternating
 * projections stop on a tolerance, which on unbalanced panels leaves errors of about 1e-9
 * in SEs; the reference tests ask 1e-10), else alternating projections.
 */
export function withinTransform(idx: TwoWayIndex): (v: Float64Array) => Float64Array {
  if (idx.nTimes <= EXACT_MAX_PERIODS) {
    const solver = twoWaySolver(idx.unit, idx.time, idx.nUnits, idx.nTimes, 'feOls');
    return (v) => solver.residualize(v);
  }
  return (v) => {
    const d = demeanTwoWay(v, idx);
    if (!d.converged) throw new Error('feOls: the within transformation did not converge');
    return d.values;
  };
}

export function feOls(input: FeOlsInput): FeOlsResult {
  const { y, index: idx } = input;
  const n = y.length;
  const p = input.x.length;
  for (const x of input.x) if (x.length !== n) throw new RangeError(`feOls: a regressor has length ${x.length}, y has ${n}`);
  const cluster = input.cluster ?? { index: idx.unit, size: idx.nUnits };
  const demeaned = withinTransform(idx);
  const yt = demeaned(y);
  const rawSS = new Float64Array(p);
  const xt = input.x.map((raw, j) => {
    let m = 0;
    for (let i = 0; i < n; i++) m += raw[i];
    m /= n;
    for (let i = 0; i < n; i++) rawSS[j] += (raw[i] - m) * (raw[i] - m);
    return demeaned(raw);
  });
  const a = new Float64Array(p * p);
  const xty = new Float64Array(p);
  const which = indicatorSet(input.x, n);
  if (which) {
    // Disjoint 0/1 columns (event-time or cohort × event-time dummies): X̃'X̃ = X'X̃ and
    // X̃'ỹ = X'ỹ because X̃ is X minus its projection, so only the rows with a 1 are visited.
    for (let i = 0; i < n; i++) {
      const r = which[i];
      if (r < 0) continue;
      xty[r] += yt[i];
      for (let s = 0; s < p; s++) a[r * p + s] += xt[s][i];
    }
    for (let r = 0; r < p; r++)
      for (let s = 0; s < r; s++) {
        const v = 0.5 * (a[r * p + s] + a[s * p + r]);
        a[r * p + s] = v;
        a[s * p + r] = v;
      }
  } else {
    for (let r = 0; r < p; r++) {
      const xr = xt[r];
      for (let s = 0; s <= r; s++) {
        const xs = xt[s];
        let acc = 0;
        for (let i = 0; i < n; i++) acc += xr[i] * xs[i];
        a[r * p + s] = acc;
        a[s * p + r] = acc;
      }
      let acc = 0;
      for (let i = 0; i < n; i++) acc += xr[i] * yt[i];
      xty[r] = acc;
    }
  }
  const keep = independentColumns(a, p, rawSS);
  const kept = keep.flatMap((k, j) => (k ? [j] : []));
  const q = kept.length;
  const aq = new Float64Array(q * q);
  for (let r = 0; r < q; r++) for (let s = 0; s < q; s++) aq[r * q + s] = a[kept[r] * p + kept[s]];
  const aInv = q > 0 ? cholInverse(aq, q) : new Float64Array(0);
  if (aInv === null) throw new Error("feOls: X'X is not positive definite after removing collinear columns");
  const bq = new Float64Array(q);
  for (let r = 0; r < q; r++) for (let s = 0; s < q; s++) bq[r] += aInv[r * q + s] * xty[kept[s]];
  const e = Float64Array.from(yt);
  for (let r = 0; r < q; r++) {
    const xr = xt[kept[r]];
    for (let i = 0; i < n; i++) e[i] -= bq[r] * xr[i];
  }
  const G = cluster.size;
  const scores = new Float64Array(G * q);
  for (let i = 0; i < n; i++) {
    const o = cluster.index[i] * q;
    for (let r = 0; r < q; r++) scores[o + r] += xt[kept[r]][i] * e[i];
  }
  const meat = new Float64Array(q * q);
  for (let g = 0; g < G; g++) {
    const o = g * q;
    for (let r = 0; r < q; r++) for (let s = 0; s < q; s++) meat[r * q + s] += scores[o + r] * scores[o + s];
  }
  const unitNested = nestedIn(idx.unit, idx.nUnits, cluster.index);
  const timeNested = nestedIn(idx.time, idx.nTimes, cluster.index);
  let k = q + idx.nUnits + idx.nTimes - 1;
  if (unitNested && timeNested) k = q + 1;
  else {
    if (unitNested) k -= idx.nUnits - 1;
    if (timeNested) k -= idx.nTimes - 1;
  }
  k = Math.max(k, q + 1);
  const clusterAdj = G > 1 ? G / (G - 1) : NaN;
  const dofAdj = n > k ? (n - 1) / (n - k) : NaN;

  const beta = new Float64Array(p).fill(NaN);
  const vcov = new Float64Array(p * p).fill(NaN);
  const vcovRaw = new Float64Array(p * p).fill(NaN);
  for (let r = 0; r < q; r++) {
    beta[kept[r]] = bq[r];
    for (let s = 0; s < q; s++) {
      let acc = 0;
      for (let u = 0; u < q; u++) {
        const au = aInv[r * q + u];
        if (au === 0) continue;
        for (let v = 0; v < q; v++) acc += au * meat[u * q + v] * aInv[v * q + s];
      }
      vcovRaw[kept[r] * p + kept[s]] = acc;
      vcov[kept[r] * p + kept[s]] = clusterAdj * dofAdj * acc;
    }
  }
  return { beta, vcov, vcovRaw, kept: keep, n, clusters: G, k, clusterAdj, dofAdj };
}

/** Variance of the linear combination w'β from a p × p covariance (entries of w that are 0 ignore NaN rows). */
export function combinationVariance(vcov: Float64Array, p: number, w: ArrayLike<number>): number {
  let acc = 0;
  for (let r = 0; r < p; r++) {
    if (w[r] === 0) continue;
    for (let s = 0; s < p; s++) if (w[s] !== 0) acc += w[r] * vcov[r * p + s] * w[s];
  }
  return acc;
}
