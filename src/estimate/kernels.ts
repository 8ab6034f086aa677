/**
 * Register-blocked dense kernels for the two products that dominate large problems: dot
 * products between many long vectors (Gram blocks: the Wald pre-test's covariance, the
 * batched 2x2 outcome step) and a thin matrix times a small coefficient block. Plain loops,
 * 2 x 4 blocks: V8 keeps the eight accumulators in registers, which roughly halves memory
 * traffic against one dot product at a time.
 */

/**
 * out[a * nb + b] = sum_i x[ao[a] + i] * y[bo[b] + i] for i < n, where ao / bo are the start
 * offsets of the vectors. With lowerOnly (x and y the same set), only b <= a is computed
 * and the result is mirrored.
 */
export function dotProducts(x: Float64Array, ao: ArrayLike<number>, y: Float64Array, bo: ArrayLike<number>, n: number, lowerOnly = false): Float64Array {
  const na = ao.length;
  const nb = bo.length;
  const out = new Float64Array(na * nb);
  for (let a0 = 0; a0 < na; a0 += 2) dotRows(x, ao, y, bo, n, lowerOnly, out, a0);
  if (lowerOnly) for (let a = 0; a < na; a++) for (let b = a + 1; b < nb; b++) out[a * nb + b] = out[b * nb + a];
  return out;
}

/**
 * The blocks of dotProducts for rows a0 and a0 + 1 (every column, or up to the diagonal
 * with lowerOnly), into out (na x nb): one unit of work for worker threads (parallel.ts).
 */
export function dotRows(x: Float64Array, ao: ArrayLike<number>, y: Float64Array, bo: ArrayLike<number>, n: number, lowerOnly: boolean, out: Float64Array, a0: number): void {
  const na = ao.length;
  const nb = bo.length;
  {
    const ra = Math.min(2, na - a0);
    const bEnd = lowerOnly ? Math.min(nb, a0 + ra) : nb;
    for (let b0 = 0; b0 < bEnd; b0 += 4) {
      const rb = Math.min(4, bEnd - b0);
      // A short block repeats its first row / column (computed, not stored): one pass over
      // n for every block, and each stored sum is the same sequence of operations.
      const A0 = ao[a0];
      const A1 = ra > 1 ? ao[a0 + 1] : A0;
      const B0 = bo[b0];
      const B1 = rb > 1 ? bo[b0 + 1] : B0;
      const B2 = rb > 2 ? bo[b0 + 2] : B0;
      const B3 = rb > 3 ? bo[b0 + 3] : B0;
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      for (let i = 0; i < n; i++) {
        const x0 = x[A0 + i];
        const x1 = x[A1 + i];
        const y0 = y[B0 + i];
        const y1 = y[B1 + i];
        const y2 = y[B2 + i];
        const y3 = y[B3 + i];
        s00 += x0 * y0;
        s01 += x0 * y1;
        s02 += x0 * y2;
        s03 += x0 * y3;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s12 += x1 * y2;
        s13 += x1 * y3;
      }
      const r0 = a0 * nb + b0;
      out[r0] = s00;
      if (rb > 1) out[r0 + 1] = s01;
      if (rb > 2) out[r0 + 2] = s02;
      if (rb > 3) out[r0 + 3] = s03;
      if (ra > 1) {
        const r1 = r0 + nb;
        out[r1] = s10;
        if (rb > 1) out[r1 + 1] = s11;
        if (rb > 2) out[r1 + 2] = s12;
        if (rb > 3) out[r1 + 3] = s13;
      }
    }
  }
}

/**
 * For columns j < C: dst[j][dstOff[j] + index[i]] = scale * (alpha[i] * dy[j * n + i] - sum_r e[i * m + r] * coef[r * C + j]).
 * e is n x m row-major, coef m x C row-major, dy n x C column-major. Blocks of 2 rows x 4
 * columns, with each 4-column slice of coef transposed so its values sit together.
 */
export function affineColumns(
  e: Float64Array,
  m: number,
  coef: Float64Array,
  C: number,
  alpha: Float64Array,
  dy: Float64Array,
  n: number,
  dst: readonly Float64Array[],
  dstOff: ArrayLike<number>,
  index: Int32Array,
  scale: number,
): void {
  const ct = new Float64Array(4 * m);
  for (let j0 = 0; j0 < C; j0 += 4) {
    const cj = Math.min(4, C - j0);
    ct.fill(0);
    for (let r = 0; r < m; r++) for (let q = 0; q < cj; q++) ct[r * 4 + q] = coef[r * C + j0 + q];
    // Columns beyond C in the last block write to a scratch offset of column j0 (overwritten next).
    const A0 = dst[j0];
    const A1 = cj > 1 ? dst[j0 + 1] : A0;
    const A2 = cj > 2 ? dst[j0 + 2] : A0;
    const A3 = cj > 3 ? dst[j0 + 3] : A0;
    const D0 = dstOff[j0];
    const D1 = cj > 1 ? dstOff[j0 + 1] : D0;
    const D2 = cj > 2 ? dstOff[j0 + 2] : D0;
    const D3 = cj > 3 ? dstOff[j0 + 3] : D0;
    const Y0 = j0 * n;
    const Y1 = cj > 1 ? Y0 + n : Y0;
    const Y2 = cj > 2 ? Y0 + 2 * n : Y0;
    const Y3 = cj > 3 ? Y0 + 3 * n : Y0;
    let i = 0;
    for (; i + 1 < n; i += 2) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      const ei = i * m;
      const ej = ei + m;
      for (let r = 0; r < m; r++) {
        const v = e[ei + r];
        const w = e[ej + r];
        const cr = r * 4;
        const c0 = ct[cr];
        const c1 = ct[cr + 1];
        const c2 = ct[cr + 2];
        const c3 = ct[cr + 3];
        s0 += v * c0;
        s1 += v * c1;
        s2 += v * c2;
        s3 += v * c3;
        t0 += w * c0;
        t1 += w * c1;
        t2 += w * c2;
        t3 += w * c3;
      }
      let a = alpha[i];
      let u = index[i];
      // Written in reverse so that, in a short last block, column j0 gets its true value last.
      A3[D3 + u] = scale * (a * dy[Y3 + i] - s3);
      A2[D2 + u] = scale * (a * dy[Y2 + i] - s2);
      A1[D1 + u] = scale * (a * dy[Y1 + i] - s1);
      A0[D0 + u] = scale * (a * dy[Y0 + i] - s0);
      a = alpha[i + 1];
      u = index[i + 1];
      A3[D3 + u] = scale * (a * dy[Y3 + i + 1] - t3);
      A2[D2 + u] = scale * (a * dy[Y2 + i + 1] - t2);
      A1[D1 + u] = scale * (a * dy[Y1 + i + 1] - t1);
      A0[D0 + u] = scale * (a * dy[Y0 + i + 1] - t0);
    }
    for (; i < n; i++) {
      for (let q = cj - 1; q >= 0; q--) {
        let s = 0;
        for (let r = 0; r < m; r++) s += e[i * m + r] * ct[r * 4 + q];
        dst[j0 + q][dstOff[j0 + q] + index[i]] = scale * (alpha[i] * dy[(j0 + q) * n + i] - s);
      }
    }
  }
}
