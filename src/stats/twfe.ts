/**
 * Two-way fixed effects regression: y_it = x_it'β + α_i + λ_t + ε_it on an unbalanced
 * panel, with standard errors clustered by unit (or another cluster variable), matching
 * R fixest::feols(y ~ x | id + time, cluster = ~id) with its default small-sample rule.
 *
 * - Within transformation by alternating projections (demean.ts), then OLS on the
 *   demeaned data. Binary outcomes are fitted the same way (linear probability model).
 * - Rows with a missing y, x, unit, time or cluster are dropped (fixest does the same).
 * - Singletons (a unit observed once) are KEPT, as feols does by default
 *   (fixef.rm = "none"): they do not move β but count in N and G. `dropSingletons: true`
 *   removes them in one pass, as fixef.rm = "singleton" (and reghdfe) does.
 * - Regressors with no variation net of the fixed effects or collinear with earlier
 *   regressors are dropped and reported as NA 'collinear' (fixest drops them too).
 * - Clustered variance (CR1): V = G/(G−1) · (N−1)/(N−K) · A⁻¹ (Σ_g s_g s_g') A⁻¹ with
 *   A = X̃'X̃ and s_g = Σ_{i∈g} x̃_i e_i. K as fixest's ssc(fixef.K = "nested"): slopes + the
 *   fixed-effect parameters (nUnits + nTimes − 1) minus (levels − 1) for every fixed effect
 *   nested in the clusters; with units nested in the clusters that is K = slopes + nTimes.
 * - p-values from t with G − 1 degrees of freedom (fixest's t.df = "min").
 * - R² = 1 − RSS/Σ(y − ȳ)²; within R² = 1 − RSS/Σỹ² (ỹ: y after both fixed effects).
 */
import type { Panel } from '../data/panel';
import { cholesky, cholInverse } from '../estimate/linalg';
import { demeanTwoWay, type TwoWayIndex } from './demean';
import { tTwoSidedP } from './distributions';
import { reportWarningTexts } from '../data/warnings';
import { finiteOr, na, naOf, ok, type Na, type Value } from './na';
import { rowValues } from './window';

export interface TwfeInput {
  y: ArrayLike<number>;
  /** Unit identifier per row (any numbers; NaN = drop the row). */
  unit: ArrayLike<number>;
  /** Time identifier per row. */
  time: ArrayLike<number>;
  /** Regressors, one array per variable, each of length n. */
  x: readonly ArrayLike<number>[];
  names: readonly string[];
  /** Cluster identifier per row; default the unit. */
  cluster?: ArrayLike<number> | null;
  dropSingletons?: boolean;
  /** Demeaning tolerance (see demean.ts), default 1e-13. */
  tol?: number;
}

export interface TwfeCoef {
  name: string;
  est: Value;
  se: Value;
  t: Value;
  p: Value;
}

export interface TwfeResult {
  coef: TwfeCoef[];
  /** Observations used. */
  n: number;
  units: number;
  times: number;
  clusters: number;
  /** Parameters counted in the small-sample factor (see top). */
  k: number;
  /** G/(G−1) · (N−1)/(N−K). */
  sscFactor: number;
  /** Degrees of freedom of the t distribution behind the p-values (G − 1). */
  dfT: number;
  r2: Value;
  r2Within: Value;
  rss: number;
  /** y takes only the values 0 and 1: the model is a linear probability model. */
  lpm: boolean;
  /** Clustered covariance of the kept coefficients (row-major, in `coef` order, NaN for dropped). */
  vcov: Float64Array;
  dropped: { missing: number; singletons: number };
  /**
   * What a reader must be told, one sentence each with its count and reason: rows left out
   * and why, why a coefficient is NA (the same mechanism as the estimators' `warnings`).
   */
  warnings: string[];
  iterations: number;
  /** Why nothing could be estimated (e.g. no observations left). */
  na?: Na;
}

/** Dense 0-based codes of ids[rows[i]] and the number of distinct values. */
function denseIndex(ids: ArrayLike<number>, rows: Int32Array): { index: Int32Array; size: number } {
  const map = new Map<number, number>();
  const index = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const id = ids[rows[i]];
    let code = map.get(id);
    if (code === undefined) {
      code = map.size;
      map.set(id, code);
    }
    index[i] = code;
  }
  return { index, size: map.size };
}

/** Whether every level of `fe` lies within a single cluster (fixest's nesting check). */
function nestedIn(fe: Int32Array, feSize: number, cluster: Int32Array): boolean {
  const owner = new Int32Array(feSize).fill(-1);
  for (let i = 0; i < fe.length; i++) {
    const o = owner[fe[i]];
    if (o === -1) owner[fe[i]] = cluster[i];
    else if (o !== cluster[i]) return false;
  }
  return true;
}

function usableRows(input: TwfeInput, nRows: number): { rows: Int32Array; missing: number } {
  const keep: number[] = [];
  const cl = input.cluster ?? null;
  for (let i = 0; i < nRows; i++) {
    if (!Number.isFinite(input.y[i]) || !Number.isFinite(input.unit[i]) || !Number.isFinite(input.time[i])) continue;
    if (cl && !Number.isFinite(cl[i])) continue;
    let okRow = true;
    for (const x of input.x) if (!Number.isFinite(x[i])) okRow = false;
    if (okRow) keep.push(i);
  }
  return { rows: Int32Array.from(keep), missing: nRows - keep.length };
}

/** Rows whose unit or time appears only once among `rows` (one pass, as fixest). */
function withoutSingletons(input: TwfeInput, rows: Int32Array): Int32Array {
  const u = denseIndex(input.unit, rows);
  const t = denseIndex(input.time, rows);
  const cu = new Int32Array(u.size);
  const ct = new Int32Array(t.size);
  for (let i = 0; i < rows.length; i++) {
    cu[u.index[i]]++;
    ct[t.index[i]]++;
  }
  return rows.filter((_, i) => cu[u.index[i]] > 1 && ct[t.index[i]] > 1);
}

/**
 * Which regressors to keep: a column whose demeaned sum of squares is ≤ 1e-9 of its
 * centred raw sum of squares is absorbed by the fixed effects; a column whose Cholesky
 * pivot is ≤ 1e-9 of its diagonal is collinear with the columns kept before it.
 */
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

function emptyResult(names: readonly string[], reason: Na, missing: number, singletons: number): TwfeResult {
  const v: Value = { value: null, na: reason };
  return {
    coef: names.map((name) => ({ name, est: v, se: v, t: v, p: v })),
    n: 0,
    units: 0,
    times: 0,
    clusters: 0,
    k: 0,
    sscFactor: NaN,
    dfT: 0,
    r2: v,
    r2Within: v,
    rss: NaN,
    lpm: false,
    vcov: new Float64Array(names.length * names.length).fill(NaN),
    dropped: { missing, singletons },
    warnings: reported([...droppedWarnings(missing, singletons), `nothing to estimate: ${reason.reason.en}`]),
    iterations: 0,
    na: reason,
  };
}

/** Sentences for rows left out, counted. */
function droppedWarnings(missing: number, singletons: number): string[] {
  const out: string[] = [];
  const rows = (n: number) => `${n} row${n === 1 ? '' : 's'}`;
  if (missing > 0) out.push(`left out ${rows(missing)} with a missing or non-finite value in the outcome, a regressor, the unit, the period or the cluster`);
  if (singletons > 0) out.push(`left out ${rows(singletons)} of units observed only once (singletons)`);
  return out;
}

/** Why each NA coefficient is NA (one sentence per coefficient). */
function coefWarnings(coef: readonly TwfeCoef[]): string[] {
  const out: string[] = [];
  for (const c of coef) {
    const v = c.est.value === null ? c.est : c.se.value === null ? c.se : c.p.value === null ? c.p : undefined;
    if (v && v.value === null) out.push(`the ${c.est.value === null ? 'coefficient' : 'standard error'} of "${c.name}" is NA: ${v.na.reason.en}`);
  }
  return out;
}

export function twfe(input: TwfeInput): TwfeResult {
  const nRows = input.y.length;
  const p = input.x.length;
  if (input.names.length !== p) throw new RangeError(`twfe: ${p} regressors but ${input.names.length} names`);
  for (const [what, arr] of [['unit', input.unit], ['time', input.time], ['cluster', input.cluster]] as const) {
    if (arr && arr.length !== nRows) throw new RangeError(`twfe: ${what} has length ${arr.length}, y has ${nRows}`);
  }
  input.x.forEach((x, j) => {
    if (x.length !== nRows) throw new RangeError(`twfe: regressor "${input.names[j]}" has length ${x.length}, y has ${nRows}`);
  });

  const usable = usableRows(input, nRows);
  let rows = usable.rows;
  const beforeSingletons = rows.length;
  if (input.dropSingletons) rows = withoutSingletons(input, rows);
  const singletons = beforeSingletons - rows.length;
  const n = rows.length;
  if (n === 0) return emptyResult(input.names, naOf(usable.missing > 0 ? 'all-missing' : 'empty-group'), usable.missing, singletons);

  const unit = denseIndex(input.unit, rows);
  const time = denseIndex(input.time, rows);
  const cluster = input.cluster ? denseIndex(input.cluster, rows) : unit;
  const idx: TwoWayIndex = { unit: unit.index, nUnits: unit.size, time: time.index, nTimes: time.size };
  const G = cluster.size;

  const gather = (src: ArrayLike<number>): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = src[rows[i]];
    return out;
  };
  const y = gather(input.y);
  let lpm = true;
  let ySum = 0;
  for (let i = 0; i < n; i++) {
    ySum += y[i];
    if (y[i] !== 0 && y[i] !== 1) lpm = false;
  }
  const yMean = ySum / n;
  let tss = 0;
  for (let i = 0; i < n; i++) tss += (y[i] - yMean) * (y[i] - yMean);

  let iterations = 0;
  const demean = (v: Float64Array): Float64Array => {
    const d = demeanTwoWay(v, idx, { tol: input.tol });
    if (!d.converged) throw new Error('twfe: the within transformation did not converge');
    iterations = Math.max(iterations, d.iterations);
    return d.values;
  };
  const yt = demean(y);
  const rawSS = new Float64Array(p);
  const xt = input.x.map((src, j) => {
    const raw = gather(src);
    let m = 0;
    for (let i = 0; i < n; i++) m += raw[i];
    m /= n;
    for (let i = 0; i < n; i++) rawSS[j] += (raw[i] - m) * (raw[i] - m);
    return demean(raw);
  });

  // A = X̃'X̃ and X̃'ỹ over all regressors, then keep the independent ones.
  const a = new Float64Array(p * p);
  const xty = new Float64Array(p);
  for (let r = 0; r < p; r++) {
    for (let s = 0; s <= r; s++) {
      let acc = 0;
      const xr = xt[r];
      const xs = xt[s];
      for (let i = 0; i < n; i++) acc += xr[i] * xs[i];
      a[r * p + s] = acc;
      a[s * p + r] = acc;
    }
    let acc = 0;
    for (let i = 0; i < n; i++) acc += xt[r][i] * yt[i];
    xty[r] = acc;
  }
  const keepFlags = independentColumns(a, p, rawSS);
  const kept = keepFlags.flatMap((k, j) => (k ? [j] : []));
  const q = kept.length;
  const aq = new Float64Array(q * q);
  for (let r = 0; r < q; r++) for (let s = 0; s < q; s++) aq[r * q + s] = a[kept[r] * p + kept[s]];
  const aInv = q > 0 ? cholInverse(aq, q) : new Float64Array(0);
  if (aInv === null) throw new Error('twfe: X\'X is not positive definite after removing collinear columns');
  const beta = new Float64Array(q);
  for (let r = 0; r < q; r++) {
    let acc = 0;
    for (let s = 0; s < q; s++) acc += aInv[r * q + s] * xty[kept[s]];
    beta[r] = acc;
  }

  const e = Float64Array.from(yt);
  for (let r = 0; r < q; r++) {
    const xr = xt[kept[r]];
    for (let i = 0; i < n; i++) e[i] -= beta[r] * xr[i];
  }
  let rss = 0;
  let wss = 0;
  for (let i = 0; i < n; i++) {
    rss += e[i] * e[i];
    wss += yt[i] * yt[i];
  }

  // Cluster scores s_g = Σ_{i∈g} x̃_i e_i and the meat Σ_g s_g s_g'.
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

  // fixest's K with fixef.K = "nested" (see top).
  const unitNested = nestedIn(unit.index, unit.size, cluster.index);
  const timeNested = nestedIn(time.index, time.size, cluster.index);
  let k = q + unit.size + time.size - 1;
  if (unitNested && timeNested) k = q + 1;
  else {
    if (unitNested) k -= unit.size - 1;
    if (timeNested) k -= time.size - 1;
  }
  k = Math.max(k, q + 1);
  const factor = G > 1 && n > k ? (G / (G - 1)) * ((n - 1) / (n - k)) : NaN;

  const vq = new Float64Array(q * q);
  for (let r = 0; r < q; r++) {
    for (let s = 0; s < q; s++) {
      let acc = 0;
      for (let u = 0; u < q; u++) for (let v = 0; v < q; v++) acc += aInv[r * q + u] * meat[u * q + v] * aInv[v * q + s];
      vq[r * q + s] = factor * acc;
    }
  }
  const vcov = new Float64Array(p * p).fill(NaN);
  for (let r = 0; r < q; r++) for (let s = 0; s < q; s++) vcov[kept[r] * p + kept[s]] = vq[r * q + s];

  const dfT = G - 1;
  const coef: TwfeCoef[] = input.names.map((name, j) => {
    const r = kept.indexOf(j);
    if (r < 0) {
      const v = na('collinear');
      return { name, est: v, se: v, t: v, p: v };
    }
    const est = beta[r];
    const var_ = vq[r * q + r];
    if (!(var_ > 0)) {
      const v = na(G < 2 ? 'too-few' : 'constant');
      return { name, est: ok(est), se: v, t: v, p: v };
    }
    const se = Math.sqrt(var_);
    const t = est / se;
    return { name, est: ok(est), se: ok(se), t: ok(t), p: finiteOr(tTwoSidedP(t, dfT), 'too-few') };
  });

  return {
    coef,
    n,
    units: unit.size,
    times: time.size,
    clusters: G,
    k,
    sscFactor: factor,
    dfT,
    r2: tss > 0 ? finiteOr(1 - rss / tss, 'constant') : na('constant'),
    r2Within: wss > 0 ? finiteOr(1 - rss / wss, 'constant') : na('constant'),
    rss,
    lpm,
    vcov,
    dropped: { missing: usable.missing, singletons },
    warnings: reported([...droppedWarnings(usable.missing, singletons), ...coefWarnings(coef)]),
    iterations,
  };
}

/** The render collects every estimation's warnings per notebook (no-op elsewhere). */
function reported(warnings: string[]): string[] {
  reportWarningTexts('twfe', warnings);
  return warnings;
}

export interface TwfePanelSpec {
  y: string;
  x: readonly string[];
  /** Cluster column (row or per-unit, or the panel's time column); default the panel's unit. */
  cluster?: string;
  dropSingletons?: boolean;
}

function clusterValues(panel: Panel, name: string | undefined): ArrayLike<number> | null {
  if (name === undefined || name === panel.idName) return null;
  if (name === panel.timeName) return panel.rowTime;
  return rowValues(panel, name);
}

/** `twfe` on a Panel: unit and period fixed effects from the panel's own id and time. */
export function twfePanel(panel: Panel, spec: TwfePanelSpec): TwfeResult {
  return twfe({
    y: rowValues(panel, spec.y),
    unit: panel.rowUnit,
    time: panel.rowTime,
    x: spec.x.map((name) => rowValues(panel, name)),
    names: spec.x,
    cluster: clusterValues(panel, spec.cluster),
    dropSingletons: spec.dropSingletons,
  });
}
