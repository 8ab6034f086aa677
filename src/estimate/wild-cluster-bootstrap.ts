/**
 * Wild cluster restricted bootstrap (WCR) of the cluster-robust t statistic of one linear
 * coefficient: Cameron, Gelbach & Miller (2008), computed with the closed forms of Roodman,
 * MacKinnon, Nielsen & Webb (2019, "Fast and wild", WCR11). With few clusters the CR1 t
 * test over-rejects; the WCR test imposes the null on the bootstrap data, so its size stays
 * near the nominal level with as few as 6–10 clusters.
 *
 * Model: y = Xβ + D·fe + u with D the unit and period dummies (partialled out exactly, as
 * feOls does) or nothing (then X carries its own constant). H0: β_k = r.
 *
 * Why the closed forms: every bootstrap sample is y* = Xβ̃ + D·fẽ + v_g ũ (v one weight per
 * cluster, ũ the restricted residuals), so the bootstrap coefficient and its cluster scores
 * are linear in v. With c = X̃(X̃'X̃)⁻¹e_k (β̂_k = c'y):
 *   numerator  β*_k − r = Σ_g v_g C_g,             C_g = Σ_{i∈g} c_i ũ_i
 *   score      z_h = Σ_{i∈h} c_i (M_Z u*)_i = Σ_g v_g M_hg,
 *              M_hg = Σ_{i∈g} f^{(h)}_i ũ_i − d_h'(X̃'X̃)⁻¹ s_g,
 *              f^{(h)} = M_D(c·1_h), d_h = Σ_{i∈h} c_i x̃_i, s_g = Σ_{i∈g} x̃_i ũ_i,
 * and t*_b = Σ_g v_g C_g / sqrt(ssc · Σ_h z_h²). The M_D term matters: period effects are
 * not nested in clusters, and a bootstrap that only partialled them out once would use
 * residuals v·ũ that are no longer orthogonal to the period dummies (the re-estimated
 * regression, with its fixed effects, removes that part; so does this formula).
 *
 * ũ(r) = ê + c(β̂_k − r)/a_k is affine in the null r, so C and M are too; a confidence
 * interval by test inversion therefore costs O(draws) per trial value of r.
 *
 * p-value: the share of draws with |t*| ≥ |t|. With Rademacher weights and 2^G ≤ draws
 * every sign vector is enumerated (the p-value is then deterministic, a multiple of 2^−G);
 * the draws v = ±1 reproduce the sample's |t| exactly (set so, not left to rounding), and
 * ties (|t*| within 1e-10 relative of |t|) count as at least as extreme, so the test is exact-conservative and its
 * p-value never 0 (wildboottest counts only |t*| > |t|, which for these two draws depends
 * on rounding).
 */
import type { TwoWayIndex } from './demean';
import { EstimateOptionError } from './errors';
import { nestedIn, withinTransform } from './fe-ols';
import { cholInverse } from './linalg';
import { Rng } from '../random/rng';

export type WildWeights = 'rademacher' | 'webb';

export interface WildClusterInput {
  y: Float64Array;
  /** Regressors, one column of length n each (without fixed effects: include a constant). */
  x: readonly Float64Array[];
  /** Names of the regressors, for error messages (default x1, x2, …). */
  names?: readonly string[];
  /** Index in `x` of the tested coefficient. */
  coef: number;
  /** Cluster id per row (any numbers); clusters are ordered by id. */
  cluster: ArrayLike<number>;
  /** Unit and period codes per row: both sets of fixed effects are partialled out exactly. */
  absorb?: TwoWayIndex;
  /** H0: β_coef = null. Default 0. */
  null?: number;
  /** Default 'rademacher'. */
  weights?: WildWeights;
  /** Bootstrap draws. Default 9999; Rademacher with 2^G ≤ draws enumerates all 2^G. */
  draws?: number;
  /** Seed of the project's Rng for random draws. Default 1. */
  seed?: number;
  /** Given draws (row-major draws × G, clusters in id order) instead of generated ones; for tests against other software. */
  weightMatrix?: { draws: number; values: Float64Array };
  /**
   * Parameters K in the small-sample factor G/(G−1)·(N−1)/(N−K). Default: as feOls (fixest's
   * fixef.K = "nested": slopes plus the fixed effects not nested in the clusters), or the
   * number of regressors without `absorb`.
   */
  k?: number;
  /** Confidence interval by test inversion at this level (e.g. 0.05); omitted = no interval. */
  ciAlpha?: number;
}

export interface WildClusterResult {
  estimate: number;
  /** CR1 standard error (the small-sample factor above). */
  se: number;
  /** (estimate − null) / se. */
  t: number;
  /** Wild cluster restricted bootstrap p-value of H0 (two-sided, symmetric). */
  pValue: number;
  null: number;
  clusters: number;
  draws: number;
  enumerated: boolean;
  weights: WildWeights;
  /** Bootstrap t statistics at the null, one per draw. */
  tBoot: Float64Array;
  /** The WCR interval {r : p(r) > ciAlpha}, its ends found by bisection from the estimate outward; ±Infinity when p never falls to ciAlpha (possible with very few clusters). */
  ci?: { lower: number; upper: number; alpha: number };
}

const TIE = 1e-10;
const WEBB = [-Math.sqrt(1.5), -1, -Math.sqrt(0.5), Math.sqrt(0.5), 1, Math.sqrt(1.5)];

/** Largest G enumerated (2^G sign vectors). */
const MAX_ENUMERATE = 20;

function fail(msg: string): never {
  throw new EstimateOptionError(`wildClusterBootstrap: ${msg}`);
}

function validate(input: WildClusterInput): void {
  const n = input.y.length;
  const names = input.names;
  const name = (j: number) => names?.[j] ?? `x${j + 1}`;
  if (n === 0) fail('no rows');
  if (input.x.length === 0) fail('no regressors');
  if (!Number.isInteger(input.coef) || input.coef < 0 || input.coef >= input.x.length) fail(`coef must index one of the ${input.x.length} regressors, got ${input.coef}`);
  for (let i = 0; i < n; i++) if (!Number.isFinite(input.y[i])) fail(`y is not a finite number in row ${i + 1} (${input.y[i]})`);
  input.x.forEach((col, j) => {
    if (col.length !== n) fail(`regressor ${name(j)} has ${col.length} rows, y has ${n}`);
    for (let i = 0; i < n; i++) if (!Number.isFinite(col[i])) fail(`regressor ${name(j)} is not a finite number in row ${i + 1} (${col[i]})`);
  });
  if (input.cluster.length !== n) fail(`cluster has ${input.cluster.length} rows, y has ${n}`);
  for (let i = 0; i < n; i++) if (!Number.isFinite(input.cluster[i])) fail(`cluster is missing in row ${i + 1}`);
  if (input.absorb && (input.absorb.unit.length !== n || input.absorb.time.length !== n)) fail(`absorb has ${input.absorb.unit.length} unit and ${input.absorb.time.length} period codes for ${n} rows`);
  const draws = input.draws ?? 9999;
  if (!Number.isInteger(draws) || draws < 1) fail(`draws must be a whole number ≥ 1, got ${draws}`);
  const w = input.weights ?? 'rademacher';
  if (w !== 'rademacher' && w !== 'webb') fail(`weights must be 'rademacher' or 'webb', got '${w}'`);
  if (input.null !== undefined && !Number.isFinite(input.null)) fail(`null must be a finite number, got ${input.null}`);
  if (input.ciAlpha !== undefined && !(input.ciAlpha > 0 && input.ciAlpha < 1)) fail(`ciAlpha must lie in (0, 1), got ${input.ciAlpha}`);
}

/** Cluster codes 0..G−1 in ascending order of the ids. */
function clusterCodes(ids: ArrayLike<number>): { index: Int32Array; size: number } {
  const levels = Array.from(new Set(Array.from(ids))).sort((a, b) => a - b);
  const code = new Map(levels.map((v, c) => [v, c] as [number, number]));
  const index = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) index[i] = code.get(ids[i])!;
  return { index, size: levels.length };
}

/** The draws × G weight matrix (row-major) and whether it enumerates all sign vectors. */
function weightDraws(input: WildClusterInput, G: number): { v: Float64Array; B: number; enumerated: boolean } {
  if (input.weightMatrix) {
    const { draws, values } = input.weightMatrix;
    if (values.length !== draws * G) fail(`weightMatrix has ${values.length} values, expected draws × clusters = ${draws} × ${G}`);
    return { v: values, B: draws, enumerated: false };
  }
  const draws = input.draws ?? 9999;
  const type = input.weights ?? 'rademacher';
  if (type === 'rademacher' && G <= MAX_ENUMERATE && 2 ** G <= draws) {
    // Every sign vector, in the order of itertools.product([-1, 1], repeat = G): cluster 0 varies slowest.
    const B = 2 ** G;
    const v = new Float64Array(B * G);
    for (let b = 0; b < B; b++) for (let g = 0; g < G; g++) v[b * G + g] = (b >> (G - 1 - g)) & 1 ? 1 : -1;
    return { v, B, enumerated: true };
  }
  const rng = new Rng(input.seed ?? 1);
  const v = new Float64Array(draws * G);
  for (let i = 0; i < v.length; i++) v[i] = type === 'rademacher' ? (rng.uint32() & 1 ? 1 : -1) : WEBB[rng.int(6)];
  return { v, B: draws, enumerated: false };
}

export function wildClusterBootstrap(input: WildClusterInput): WildClusterResult {
  validate(input);
  const n = input.y.length;
  const p = input.x.length;
  const k = input.coef;
  const r0 = input.null ?? 0;
  const names = input.names;
  const name = (j: number) => names?.[j] ?? `x${j + 1}`;
  const cl = clusterCodes(input.cluster);
  const G = cl.size;
  if (G < 2) fail(`needs at least 2 clusters, got ${G}`);

  // Partial out the fixed effects (M_D), exactly as feOls does.
  const md = input.absorb ? withinTransform(input.absorb) : (v: Float64Array) => Float64Array.from(v);
  const yt = md(input.y);
  const xt = input.x.map((col) => md(col));
  const xtx = new Float64Array(p * p);
  const xty = new Float64Array(p);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b <= a; b++) {
      let acc = 0;
      for (let i = 0; i < n; i++) acc += xt[a][i] * xt[b][i];
      xtx[a * p + b] = acc;
      xtx[b * p + a] = acc;
    }
    let acc = 0;
    for (let i = 0; i < n; i++) acc += xt[a][i] * yt[i];
    xty[a] = acc;
  }
  for (let j = 0; j < p; j++) {
    let raw = 0;
    let m = 0;
    for (let i = 0; i < n; i++) m += input.x[j][i];
    m /= n;
    for (let i = 0; i < n; i++) raw += (input.x[j][i] - m) ** 2;
    const ok = input.absorb ? raw > 0 && xtx[j * p + j] > 1e-9 * raw : xtx[j * p + j] > 0;
    if (!ok) fail(`regressor ${name(j)} has no variation left after the fixed effects`);
  }
  const A = cholInverse(xtx, p);
  if (A === null) fail(`the regressors (${input.x.map((_, j) => name(j)).join(', ')}) are collinear after the fixed effects`);
  const beta = new Float64Array(p);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) beta[a] += A[a * p + b] * xty[b];
  const e = Float64Array.from(yt);
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) e[i] -= beta[j] * xt[j][i];
  // c = X̃ A e_k: β̂_k = c'ỹ.
  const aK = new Float64Array(p);
  for (let j = 0; j < p; j++) aK[j] = A[j * p + k];
  const c = new Float64Array(n);
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) c[i] += xt[j][i] * aK[j];

  let K = input.k ?? p;
  if (input.k === undefined && input.absorb) {
    const idx = input.absorb;
    const unitNested = nestedIn(idx.unit, idx.nUnits, cl.index);
    const timeNested = nestedIn(idx.time, idx.nTimes, cl.index);
    K = p + idx.nUnits + idx.nTimes - 1;
    if (unitNested && timeNested) K = p + 1;
    else {
      if (unitNested) K -= idx.nUnits - 1;
      if (timeNested) K -= idx.nTimes - 1;
    }
    K = Math.max(K, p + 1);
  }
  if (!(n > K)) fail(`${n} rows leave no degrees of freedom for ${K} parameters`);
  const ssc = (G / (G - 1)) * ((n - 1) / (n - K));

  const score = new Float64Array(G);
  for (let i = 0; i < n; i++) score[cl.index[i]] += c[i] * e[i];
  let meat = 0;
  for (let g = 0; g < G; g++) meat += score[g] * score[g];
  const se = Math.sqrt(ssc * meat);
  const estimate = beta[k];

  // ũ(r) = ê + c (β̂_k − r)/a_k = u0 + r·u1; C and M are linear in ũ, so each has an r-free
  // part (from u0) and a slope (from u1).
  const akk = A[k * p + k];
  const u0 = new Float64Array(n);
  const u1 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    u0[i] = e[i] + (c[i] * estimate) / akk;
    u1[i] = -c[i] / akk;
  }
  const part = () => ({ C: new Float64Array(G), M: new Float64Array(G * G) });
  const P0 = part();
  const P1 = part();
  // s_g = Σ_{i∈g} x̃_i ũ_i, d_h = Σ_{i∈h} c_i x̃_i; M_hg −= (A d_h)'s_g.
  const s0 = new Float64Array(G * p);
  const s1 = new Float64Array(G * p);
  const d = new Float64Array(G * p);
  for (let i = 0; i < n; i++) {
    const g = cl.index[i];
    P0.C[g] += c[i] * u0[i];
    P1.C[g] += c[i] * u1[i];
    for (let j = 0; j < p; j++) {
      const x = xt[j][i];
      s0[g * p + j] += x * u0[i];
      s1[g * p + j] += x * u1[i];
      d[g * p + j] += c[i] * x;
    }
  }
  for (let h = 0; h < G; h++) {
    const ad = new Float64Array(p);
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) ad[a] += A[a * p + b] * d[h * p + b];
    for (let g = 0; g < G; g++) {
      let a0 = 0;
      let a1 = 0;
      for (let j = 0; j < p; j++) {
        a0 += ad[j] * s0[g * p + j];
        a1 += ad[j] * s1[g * p + j];
      }
      P0.M[h * G + g] -= a0;
      P1.M[h * G + g] -= a1;
    }
  }
  // M_hg += Σ_{i∈g} f^{(h)}_i ũ_i with f^{(h)} = M_D(c·1_h): one cluster's f at a time, so
  // memory stays O(n) however many clusters. Without fixed effects f^{(h)} = c·1_h.
  const ch = new Float64Array(n);
  for (let h = 0; h < G; h++) {
    if (!input.absorb) {
      P0.M[h * G + h] += P0.C[h];
      P1.M[h * G + h] += P1.C[h];
      continue;
    }
    ch.fill(0);
    for (let i = 0; i < n; i++) if (cl.index[i] === h) ch[i] = c[i];
    const f = md(ch);
    for (let i = 0; i < n; i++) {
      const o = h * G + cl.index[i];
      P0.M[o] += f[i] * u0[i];
      P1.M[o] += f[i] * u1[i];
    }
  }

  const { v, B, enumerated } = weightDraws(input, G);
  // Per draw: numerator n0 + r n1, Σ_h z_h² = q00 + 2r q01 + r² q11.
  const n0 = new Float64Array(B);
  const n1 = new Float64Array(B);
  const q00 = new Float64Array(B);
  const q01 = new Float64Array(B);
  const q11 = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    const o = b * G;
    let a0 = 0;
    let a1 = 0;
    for (let g = 0; g < G; g++) {
      a0 += v[o + g] * P0.C[g];
      a1 += v[o + g] * P1.C[g];
    }
    n0[b] = a0;
    n1[b] = a1;
    let s00 = 0;
    let s01 = 0;
    let s11 = 0;
    for (let h = 0; h < G; h++) {
      let z0 = 0;
      let z1 = 0;
      const oh = h * G;
      for (let g = 0; g < G; g++) {
        z0 += P0.M[oh + g] * v[o + g];
        z1 += P1.M[oh + g] * v[o + g];
      }
      s00 += z0 * z0;
      s01 += z0 * z1;
      s11 += z1 * z1;
    }
    q00[b] = s00;
    q01[b] = s01;
    q11[b] = s11;
  }
  // A draw with one weight for all clusters (v = ±1 among the Rademacher ones) rescales ũ
  // as a whole, so its |t*| is exactly |t| at every r; set it so, rather than leave the tie
  // to rounding (which grows with |r| in the quadratic form above).
  const constant = new Int8Array(B);
  for (let b = 0; b < B; b++) {
    const v0 = v[b * G];
    let same = v0 !== 0;
    for (let g = 1; g < G && same; g++) same = v[b * G + g] === v0;
    if (same) constant[b] = v0 > 0 ? 1 : -1;
  }
  const tBootAt = (r: number, out: Float64Array) => {
    const t = (estimate - r) / se;
    for (let b = 0; b < B; b++) out[b] = constant[b] !== 0 ? constant[b] * t : (n0[b] + r * n1[b]) / Math.sqrt(ssc * (q00[b] + 2 * r * q01[b] + r * r * q11[b]));
    return out;
  };
  const scratch = new Float64Array(B);
  const pAt = (r: number): number => {
    const t = Math.abs((estimate - r) / se);
    tBootAt(r, scratch);
    let hit = 0;
    const cut = t * (1 - TIE);
    for (let b = 0; b < B; b++) if (Math.abs(scratch[b]) >= cut) hit++;
    return hit / B;
  };
  const tBoot = tBootAt(r0, new Float64Array(B));
  const result: WildClusterResult = {
    estimate,
    se,
    t: (estimate - r0) / se,
    pValue: pAt(r0),
    null: r0,
    clusters: G,
    draws: B,
    enumerated,
    weights: input.weights ?? 'rademacher',
    tBoot,
  };
  if (input.ciAlpha !== undefined) {
    const alpha = input.ciAlpha;
    const end = (dir: -1 | 1): number => {
      // Step out from the estimate (p = 1 there) until the test rejects, then bisect.
      let inside = estimate;
      let step = se;
      let outside = NaN;
      for (let it = 0; it < 60; it++) {
        const r = estimate + dir * step;
        if (pAt(r) <= alpha) {
          outside = r;
          break;
        }
        inside = r;
        step *= 2;
      }
      if (Number.isNaN(outside)) return dir * Infinity;
      for (let it = 0; it < 200 && Math.abs(outside - inside) > 1e-10 * se; it++) {
        const mid = 0.5 * (inside + outside);
        if (pAt(mid) > alpha) inside = mid;
        else outside = mid;
      }
      return 0.5 * (inside + outside);
    };
    result.ci = { lower: end(-1), upper: end(1), alpha };
  }
  return result;
}
