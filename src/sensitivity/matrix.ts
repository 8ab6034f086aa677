/** Small dense row-major matrices (a few dozen rows): products, transposes, a PSD square root. */

export interface Mat {
  readonly r: number;
  readonly c: number;
  /** Row-major values. */
  readonly v: Float64Array;
}

export function mat(r: number, c: number, v?: ArrayLike<number>): Mat {
  return { r, c, v: v ? Float64Array.from(v) : new Float64Array(r * c) };
}

export function matMul(a: Mat, b: Mat): Mat {
  if (a.c !== b.r) throw new Error(`matMul: ${a.r}x${a.c} times ${b.r}x${b.c}`);
  const out = mat(a.r, b.c);
  for (let i = 0; i < a.r; i++) {
    for (let p = 0; p < a.c; p++) {
      const x = a.v[i * a.c + p];
      if (x === 0) continue;
      for (let j = 0; j < b.c; j++) out.v[i * b.c + j] += x * b.v[p * b.c + j];
    }
  }
  return out;
}

export function transpose(a: Mat): Mat {
  const out = mat(a.c, a.r);
  for (let i = 0; i < a.r; i++) for (let j = 0; j < a.c; j++) out.v[j * a.r + i] = a.v[i * a.c + j];
  return out;
}

export function matVecMul(a: Mat, x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(a.r);
  for (let i = 0; i < a.r; i++) {
    let s = 0;
    for (let j = 0; j < a.c; j++) s += a.v[i * a.c + j] * x[j];
    out[i] = s;
  }
  return out;
}

/** x'Ay for a square A. */
export function quad(x: ArrayLike<number>, a: Mat, y: ArrayLike<number> = x): number {
  let s = 0;
  for (let i = 0; i < a.r; i++) {
    if (x[i] === 0) continue;
    let t = 0;
    for (let j = 0; j < a.c; j++) t += a.v[i * a.c + j] * y[j];
    s += x[i] * t;
  }
  return s;
}

/** Rows `rows` and columns `cols` of a. */
export function sub(a: Mat, rows: readonly number[], cols: readonly number[]): Mat {
  const out = mat(rows.length, cols.length);
  rows.forEach((i, p) => cols.forEach((j, q) => (out.v[p * cols.length + q] = a.v[i * a.c + j])));
  return out;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * A lower-triangular L with L L' = A for a symmetric positive semi-definite A: Cholesky that
 * skips pivots at rounding level (moment covariances of the sensitivity analysis are often
 * singular, e.g. a row and its negative).
 */
export function psdCholesky(a: Mat): Mat {
  const k = a.r;
  const l = mat(k, k);
  let maxDiag = 0;
  for (let i = 0; i < k; i++) maxDiag = Math.max(maxDiag, a.v[i * k + i]);
  const tol = 1e-12 * maxDiag;
  for (let j = 0; j < k; j++) {
    let d = a.v[j * k + j];
    for (let p = 0; p < j; p++) d -= l.v[j * k + p] ** 2;
    if (d <= tol) continue;
    const ljj = Math.sqrt(d);
    l.v[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let s = a.v[i * k + j];
      for (let p = 0; p < j; p++) s -= l.v[i * k + p] * l.v[j * k + p];
      l.v[i * k + j] = s / ljj;
    }
  }
  return l;
}

/** Numerical rank by Gaussian elimination with partial pivoting. */
export function rank(a: Mat, tol = 1e-10): number {
  const m = Float64Array.from(a.v);
  let r = 0;
  let scale = 0;
  for (const x of m) scale = Math.max(scale, Math.abs(x));
  if (scale === 0) return 0;
  for (let c = 0; c < a.c && r < a.r; c++) {
    let p = r;
    for (let i = r + 1; i < a.r; i++) if (Math.abs(m[i * a.c + c]) > Math.abs(m[p * a.c + c])) p = i;
    if (Math.abs(m[p * a.c + c]) <= tol * scale) continue;
    for (let j = 0; j < a.c; j++) [m[r * a.c + j], m[p * a.c + j]] = [m[p * a.c + j], m[r * a.c + j]];
    for (let i = r + 1; i < a.r; i++) {
      const f = m[i * a.c + c] / m[r * a.c + c];
      for (let j = c; j < a.c; j++) m[i * a.c + j] -= f * m[r * a.c + j];
    }
    r++;
  }
  return r;
}
