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
  for (let a0 = 0; a0 < na; a0 += 2) {
    const ra = Math.min(2, na - a0);
    const bEnd = lowerOnly ? Math.min(nb, a0 + ra) : nb;
    for (let b0 = 0; b0 < bEnd; b0 += 4) {
      const rb = Math.min(4, bEnd - b0);
      if (ra === 2 && rb === 4) {
        const A0 = ao[a0];
        const A1 = ao[a0 + 1];
        const B0 = bo[b0];
        const B1 = bo[b0 + 1];
        const B2 = bo[b0 + 2];
        const B3 = bo[b0 + 3];
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
        const r1 = r0 + nb;
        out[r0] = s00;
        out[r0 + 1] = s01;
        out[r0 + 2] = s02;
        out[r0 + 3] = s03;
        out[r1] = s10;
        out[r1 + 1] = s11;
        out[r1 + 2] = s12;
        out[r1 + 3] = s13;
      } else {
        for (let u = 0; u < ra; u++) {
          for (let v = 0; v < rb; v++) {
            const oa = ao[a0 + u];
            const ob = bo[b0 + v];
            let s = 0;
            for (let i = 0; i < n; i++) s += x[oa + i] * y[ob + i];
            out[(a0 + u) * nb + b0 + v] = s;
          }
        }
      }
    }
  }
  if (lowerOnly) for (let a = 0; a < na; a++) for (let b = a + 1; b < nb; b++) out[a * nb + b] = out[b * nb + a];
  return out;
}

/**
 * For columns j < C: dst[dstOff[j] + index[i]] = scale * (alpha[i] * dy[j * n + i] - sum_r e[i * m + r] * coef[r * C + j]).
 * e is n x m row-major, coef m x C row-major, dy n x C column-major.
 */
export function affineColumns(
  e: Float64Array,
  m: number,
  coef: Float64Array,
  C: number,
  alpha: Float64Array,
  dy: Float64Array,
  n: number,
  dst: Float64Array,
  dstOff: ArrayLike<number>,
  index: Int32Array,
  scale: number,
): void {
  for (let j0 = 0; j0 < C; j0 += 4) {
    const cj = Math.min(4, C - j0);
    if (cj === 4) {
      const D0 = dstOff[j0];
      const D1 = dstOff[j0 + 1];
      const D2 = dstOff[j0 + 2];
      const D3 = dstOff[j0 + 3];
      const Y0 = j0 * n;
      const Y1 = Y0 + n;
      const Y2 = Y1 + n;
      const Y3 = Y2 + n;
      for (let i = 0; i < n; i++) {
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        const ei = i * m;
        for (let r = 0; r < m; r++) {
          const v = e[ei + r];
          const cr = r * C + j0;
          s0 += v * coef[cr];
          s1 += v * coef[cr + 1];
          s2 += v * coef[cr + 2];
          s3 += v * coef[cr + 3];
        }
        const a = alpha[i];
        const u = index[i];
        dst[D0 + u] = scale * (a * dy[Y0 + i] - s0);
        dst[D1 + u] = scale * (a * dy[Y1 + i] - s1);
        dst[D2 + u] = scale * (a * dy[Y2 + i] - s2);
        dst[D3 + u] = scale * (a * dy[Y3 + i] - s3);
      }
    } else {
      for (let q = 0; q < cj; q++) {
        const j = j0 + q;
        const D = dstOff[j];
        const Y = j * n;
        for (let i = 0; i < n; i++) {
          let s = 0;
          const ei = i * m;
          for (let r = 0; r < m; r++) s += e[ei + r] * coef[r * C + j];
          dst[D + index[i]] = scale * (alpha[i] * dy[Y + i] - s);
        }
      }
    }
  }
}
