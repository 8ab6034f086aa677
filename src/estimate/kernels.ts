/**
 * Register-blocked dot products between many long vectors (cross products of design
 * columns: the regressions' X'WX). Plain loops, 2 x 4 blocks: V8 keeps the eight
 * accumulators in registers, which roughly halves memory traffic against one dot product at
 * a time. The two largest products of a did run (the Wald pre-test's Gram and the outcome
 * step) are in WebAssembly SIMD instead: gram.ts, cross.ts, affine.ts.
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
