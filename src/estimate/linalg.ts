/**
 * Small dense linear algebra on row-major Float64Array matrices (k x k, k small: the
 * number of covariates). Only what the 2x2 estimators need: weighted cross products,
 * Cholesky and LU inverses, and the 1-norm reciprocal condition number R's rcond() reports.
 */
import { dotProducts } from './kernels';

/**
 * X' diag(w) X for row-major X (n x k); w null means unit weights. Returns k x k. Row by
 * row, skipping zero products (dummies are mostly zero); crossprodColumns gives the same
 * numbers from column-major X, faster for dense X used many times (the logit's iterations).
 */
export function weightedCrossprod(x: Float64Array, n: number, k: number, w: Float64Array | null): Float64Array {
  const out = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    const wi = w === null ? 1 : w[i];
    if (wi === 0) continue;
    const o = i * k;
    for (let a = 0; a < k; a++) {
      const xa = x[o + a] * wi;
      if (xa === 0) continue;
      const ra = a * k;
      for (let b = 0; b <= a; b++) out[ra + b] += xa * x[o + b];
    }
  }
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) out[a * k + b] = out[b * k + a];
  return out;
}

/** Column-major copy of a row-major n x k matrix. */
export function toColumnMajor(x: Float64Array, n: number, k: number): Float64Array {
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const o = i * k;
    for (let c = 0; c < k; c++) out[c * n + i] = x[o + c];
  }
  return out;
}

/** out[c * n + i] = xc[c * n + i] * w[i]: the columns of diag(w) X (column-major). */
export function weightColumns(xc: Float64Array, n: number, k: number, w: Float64Array, out: Float64Array): Float64Array {
  for (let c = 0; c < k; c++) {
    const off = c * n;
    for (let i = 0; i < n; i++) out[off + i] = xc[off + i] * w[i];
  }
  return out;
}

/**
 * X' diag(w) X from the column-major columns of diag(w) X and of X: entry (a, b) is
 * sum_i (x_ia w_i) x_ib, summed over i in order (so the same number as the row-by-row sum),
 * computed in register blocks for the lower triangle and mirrored.
 */
export function crossprodColumns(xw: Float64Array, xc: Float64Array, n: number, k: number): Float64Array {
  const off = Array.from({ length: k }, (_, c) => c * n);
  return dotProducts(xw, off, xc, off, n, true);
}

/** Column means of diag(v) X for row-major X (n x k): (1/n) sum_i v_i x_i. */
export function weightedColMeans(x: Float64Array, n: number, k: number, v: Float64Array): Float64Array {
  const out = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const vi = v[i];
    if (vi === 0) continue;
    const o = i * k;
    for (let a = 0; a < k; a++) out[a] += vi * x[o + a];
  }
  for (let a = 0; a < k; a++) out[a] /= n;
  return out;
}

/** y = X b for row-major X (n x k). */
export function matVec(x: Float64Array, n: number, k: number, b: ArrayLike<number>, out = new Float64Array(n)): Float64Array {
  for (let i = 0; i < n; i++) {
    const o = i * k;
    let s = 0;
    for (let a = 0; a < k; a++) s += x[o + a] * b[a];
    out[i] = s;
  }
  return out;
}

/** y = A v for a k x k matrix A. */
export function smallMatVec(a: Float64Array, k: number, v: ArrayLike<number>): Float64Array {
  const out = new Float64Array(k);
  for (let r = 0; r < k; r++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += a[r * k + c] * v[c];
    out[r] = s;
  }
  return out;
}

/** Lower Cholesky factor of a symmetric positive definite k x k matrix, or null if not PD. */
export function cholesky(a: Float64Array, k: number): Float64Array | null {
  const l = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    let d = a[j * k + j];
    for (let p = 0; p < j; p++) d -= l[j * k + p] * l[j * k + p];
    if (!(d > 0)) return null;
    const ljj = Math.sqrt(d);
    l[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let s = a[i * k + j];
      for (let p = 0; p < j; p++) s -= l[i * k + p] * l[j * k + p];
      l[i * k + j] = s / ljj;
    }
  }
  return l;
}

/** Solves L L' x = b given the lower Cholesky factor. */
export function choleskySolve(l: Float64Array, k: number, b: ArrayLike<number>): Float64Array {
  const y = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = b[i];
    for (let p = 0; p < i; p++) s -= l[i * k + p] * y[p];
    y[i] = s / l[i * k + i];
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = y[i];
    for (let p = i + 1; p < k; p++) s -= l[p * k + i] * y[p];
    y[i] = s / l[i * k + i];
  }
  return y;
}

/** Inverse of a symmetric positive definite matrix (R: chol2inv(chol(A))), or null if not PD. */
export function cholInverse(a: Float64Array, k: number): Float64Array | null {
  const l = cholesky(a, k);
  if (l === null) return null;
  // choleskySolve for each unit vector, four at a time (four independent chains of additions
  // keep the processor busy; the Wald pre-test inverts ~350 x 350), with L' stored row by row
  // for the back substitution: each column gets the same operations in the same order, so
  // the same bits. Forward terms before a column's 1 are skipped: they add exact zeros.
  const lt = new Float64Array(k * k);
  for (let r = 0; r < k; r++) for (let c = 0; c <= r; c++) lt[c * k + r] = l[r * k + c];
  const inv = new Float64Array(k * k);
  const y = new Float64Array(4 * k);
  for (let c0 = 0; c0 < k; c0 += 4) {
    const m = Math.min(4, k - c0);
    y.fill(0);
    for (let i = c0; i < k; i++) {
      const li = i * k;
      let s0 = i === c0 ? 1 : 0;
      let s1 = i === c0 + 1 ? 1 : 0;
      let s2 = i === c0 + 2 ? 1 : 0;
      let s3 = i === c0 + 3 ? 1 : 0;
      for (let p = c0; p < i; p++) {
        const v = l[li + p];
        s0 -= v * y[p];
        s1 -= v * y[k + p];
        s2 -= v * y[2 * k + p];
        s3 -= v * y[3 * k + p];
      }
      const d = l[li + i];
      y[i] = s0 / d;
      y[k + i] = s1 / d;
      y[2 * k + i] = s2 / d;
      y[3 * k + i] = s3 / d;
    }
    for (let i = k - 1; i >= 0; i--) {
      const ti = i * k;
      let s0 = y[i];
      let s1 = y[k + i];
      let s2 = y[2 * k + i];
      let s3 = y[3 * k + i];
      for (let p = i + 1; p < k; p++) {
        const v = lt[ti + p];
        s0 -= v * y[p];
        s1 -= v * y[k + p];
        s2 -= v * y[2 * k + p];
        s3 -= v * y[3 * k + p];
      }
      const d = l[ti + i];
      y[i] = s0 / d;
      y[k + i] = s1 / d;
      y[2 * k + i] = s2 / d;
      y[3 * k + i] = s3 / d;
    }
    for (let q = 0; q < m; q++) for (let r = 0; r < k; r++) inv[r * k + c0 + q] = y[q * k + r];
  }
  // Symmetrise: the two triangles differ only by rounding.
  for (let r = 0; r < k; r++) {
    for (let c = r + 1; c < k; c++) {
      const v = 0.5 * (inv[r * k + c] + inv[c * k + r]);
      inv[r * k + c] = v;
      inv[c * k + r] = v;
    }
  }
  return inv;
}

/** Inverse by LU with partial pivoting (R: solve(A)), or null if a pivot is exactly zero. */
export function luInverse(a: Float64Array, k: number): Float64Array | null {
  const m = Float64Array.from(a);
  const inv = new Float64Array(k * k);
  for (let i = 0; i < k; i++) inv[i * k + i] = 1;
  for (let c = 0; c < k; c++) {
    let p = c;
    let best = Math.abs(m[c * k + c]);
    for (let r = c + 1; r < k; r++) {
      const v = Math.abs(m[r * k + c]);
      if (v > best) {
        best = v;
        p = r;
      }
    }
    if (!(best > 0) || !Number.isFinite(best)) return null;
    if (p !== c) {
      for (let j = 0; j < k; j++) {
        let t = m[c * k + j];
        m[c * k + j] = m[p * k + j];
        m[p * k + j] = t;
        t = inv[c * k + j];
        inv[c * k + j] = inv[p * k + j];
        inv[p * k + j] = t;
      }
    }
    const piv = m[c * k + c];
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = m[r * k + c] / piv;
      if (f === 0) continue;
      for (let j = 0; j < k; j++) {
        m[r * k + j] -= f * m[c * k + j];
        inv[r * k + j] -= f * inv[c * k + j];
      }
    }
  }
  for (let r = 0; r < k; r++) {
    const piv = m[r * k + r];
    for (let j = 0; j < k; j++) inv[r * k + j] /= piv;
  }
  return inv;
}

function norm1(a: Float64Array, k: number): number {
  let best = 0;
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let r = 0; r < k; r++) s += Math.abs(a[r * k + c]);
    if (s > best) best = s;
  }
  return best;
}

/** 1 / (||A||_1 ||A^-1||_1) from a known inverse; 0 if either norm is not finite and positive. */
export function rcondFromInverse(a: Float64Array, inv: Float64Array, k: number): number {
  const na = norm1(a, k);
  const ni = norm1(inv, k);
  if (!(na > 0) || !(ni > 0) || !Number.isFinite(na) || !Number.isFinite(ni)) return 0;
  return 1 / (na * ni);
}

/**
 * Reciprocal condition number in the 1-norm, 1 / (||A||_1 ||A^-1||_1), as R's rcond()
 * (which estimates the same quantity through LAPACK). 0 for a singular or non-finite matrix.
 */
export function rcond(a: Float64Array, k: number): number {
  for (let i = 0; i < k * k; i++) if (!Number.isFinite(a[i])) return 0;
  const na = norm1(a, k);
  if (!(na > 0)) return 0;
  const inv = luInverse(a, k);
  if (inv === null) return 0;
  const ni = norm1(inv, k);
  if (!Number.isFinite(ni) || !(ni > 0)) return 0;
  return 1 / (na * ni);
}

