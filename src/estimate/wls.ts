/**
 * Weighted least squares by Householder QR of sqrt(w) X, as R's lm/fastglm do (QR, not
 * normal equations, so covariates on very different scales keep their precision). The
 * factorisation is separate from the solve so that one design serves many outcomes: the
 * control-group regressions of all periods of a group share their design.
 */

export interface QrFactor {
  /** Householder vectors on and below the diagonal, R above it (column-major n x k). */
  readonly a: Float64Array;
  readonly tau: Float64Array;
  readonly rdiag: Float64Array;
  /** sqrt of the weights, applied to each outcome before solving. */
  readonly sw: Float64Array;
  readonly n: number;
  readonly k: number;
}

/** A column counts as dependent when its residual norm is below this share of its norm. */
const RANK_TOL = 1e-13;

/**
 * Householder QR of sqrt(w) X (X row-major n x k; w null = unit weights), or null when X is
 * rank deficient (R's pivoted QR would alias a column and report an NA coefficient). The
 * estimators additionally apply R's stricter rcond() < eps test to the cross product.
 */
export function qrFactor(x: Float64Array, n: number, k: number, w: Float64Array | null): QrFactor | null {
  const a = new Float64Array(n * k);
  const sw = new Float64Array(n);
  for (let i = 0; i < n; i++) sw[i] = w === null ? 1 : Math.sqrt(w[i]);
  const colNorm0 = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const o = i * k;
    for (let c = 0; c < k; c++) {
      const v = x[o + c] * sw[i];
      a[c * n + i] = v;
      colNorm0[c] += v * v;
    }
  }
  const tau = new Float64Array(k);
  const rdiag = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const off = c * n;
    let norm = 0;
    for (let i = c; i < n; i++) norm += a[off + i] * a[off + i];
    norm = Math.sqrt(norm);
    if (!(norm > RANK_TOL * Math.sqrt(colNorm0[c]))) return null;
    const alpha = a[off + c] > 0 ? -norm : norm;
    a[off + c] -= alpha;
    let vnorm2 = 0;
    for (let i = c; i < n; i++) vnorm2 += a[off + i] * a[off + i];
    tau[c] = vnorm2 > 0 ? 2 / vnorm2 : 0;
    rdiag[c] = alpha;
    let j = c + 1;
    for (; j + 1 < k; j += 2) reflectPair(a, off, tau[c], a, j * n, (j + 1) * n, c, n);
    if (j < k) reflect(a, off, tau[c], a, j * n, c, n);
  }
  return { a, tau, rdiag, sw, n, k };
}

/** Coefficients of the weighted regression of y (length n) on the factored design. */
export function qrSolve(f: QrFactor, y: ArrayLike<number>): Float64Array {
  const { a, tau, rdiag, sw, n, k } = f;
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = y[i] * sw[i];
  for (let c = 0; c < k; c++) {
    const off = c * n;
    let s = 0;
    for (let i = c; i < n; i++) s += a[off + i] * z[i];
    s *= tau[c];
    if (s === 0) continue;
    for (let i = c; i < n; i++) z[i] -= s * a[off + i];
  }
  const b = new Float64Array(k);
  for (let r = k - 1; r >= 0; r--) {
    let s = z[r];
    for (let c = r + 1; c < k; c++) s -= a[c * n + r] * b[c];
    b[r] = s / rdiag[r];
  }
  return b;
}

/**
 * The k x n matrix P with beta = P y for any outcome y: R^-1 Q' diag(sqrt w), from the
 * factorisation (one multiplication per coefficient and unit thereafter).
 */
export function qrProjection(f: QrFactor): Float64Array {
  const { a, tau, rdiag, sw, n, k } = f;
  // Rows of Q' : apply the reflections in reverse to unit vectors e_r (r < k) to get Q e_r.
  // A reflection c > r leaves e_r unchanged (e_r is zero from row c on), so vector r starts
  // at reflection r; reflection c is applied to every vector r >= c while its column is hot.
  const q = new Float64Array(k * n);
  for (let r = 0; r < k; r++) q[r * n + r] = 1;
  for (let c = k - 1; c >= 0; c--) {
    const off = c * n;
    const t = tau[c];
    let r = c;
    for (; r + 1 < k; r += 2) reflectPair(a, off, t, q, r * n, (r + 1) * n, c, n);
    if (r < k) reflect(a, off, t, q, r * n, c, n);
  }
  // P = R^-1 (Q' diag(sw)): back substitution on the k rows.
  const p = new Float64Array(k * n);
  for (let r = k - 1; r >= 0; r--) {
    const pr = p.subarray(r * n, (r + 1) * n);
    for (let i = 0; i < n; i++) pr[i] = q[r * n + i] * sw[i];
    for (let c = r + 1; c < k; c++) {
      const rc = a[c * n + r];
      if (rc === 0) continue;
      const pc = p.subarray(c * n, (c + 1) * n);
      for (let i = 0; i < n; i++) pr[i] -= rc * pc[i];
    }
    const dr = rdiag[r];
    for (let i = 0; i < n; i++) pr[i] /= dr;
  }
  return p;
}

/** v <- (I - tau u u') v for the Householder vector u = a[off + c .. off + n) and v = q[vo + c ..). */
function reflect(a: Float64Array, off: number, tau: number, q: Float64Array, vo: number, c: number, n: number): void {
  let s = 0;
  for (let i = c; i < n; i++) s += a[off + i] * q[vo + i];
  s *= tau;
  if (s === 0) return;
  for (let i = c; i < n; i++) q[vo + i] -= s * a[off + i];
}

/** reflect() on two vectors in one pass over the Householder vector (the same arithmetic per vector). */
function reflectPair(a: Float64Array, off: number, tau: number, q: Float64Array, v1: number, v2: number, c: number, n: number): void {
  let s1 = 0;
  let s2 = 0;
  for (let i = c; i < n; i++) {
    const u = a[off + i];
    s1 += u * q[v1 + i];
    s2 += u * q[v2 + i];
  }
  s1 *= tau;
  s2 *= tau;
  if (s1 !== 0 && s2 !== 0) {
    for (let i = c; i < n; i++) {
      const u = a[off + i];
      q[v1 + i] -= s1 * u;
      q[v2 + i] -= s2 * u;
    }
  } else if (s1 !== 0) {
    for (let i = c; i < n; i++) q[v1 + i] -= s1 * a[off + i];
  } else if (s2 !== 0) {
    for (let i = c; i < n; i++) q[v2 + i] -= s2 * a[off + i];
  }
}

/** Weighted least squares coefficients of y on X, or null if X is rank deficient. */
export function wls(x: Float64Array, n: number, k: number, y: ArrayLike<number>, w: Float64Array | null): Float64Array | null {
  const f = qrFactor(x, n, k, w);
  return f === null ? null : qrSolve(f, y);
}
