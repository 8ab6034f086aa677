/**
 * The SIMD outcome step (affine.ts) writes exactly what the plain scalar loop below (the
 * engine's outcome step before it moved to WebAssembly) writes, bit for bit, for every shape (columns not a multiple of 4, rows not a multiple of the chunk,
 * scattered unit indices, several destination matrices), and leaves other entries alone.
 */
import { describe, expect, it } from 'vitest';
import { affineColumnsSimd } from '../../src/estimate/affine';

function rand(len: number, seed: number): Float64Array {
  const out = new Float64Array(len);
  let s = seed;
  for (let i = 0; i < len; i++) {
    s = (s * 16807) % 2147483647;
    out[i] = (s / 2147483647 - 0.5) * 1000;
  }
  return out;
}

describe('affineColumnsSimd', () => {
  it.each([
    [1, 1, 1],
    [3, 2, 5],
    [127, 20, 7],
    [129, 20, 64],
    [300, 9, 13],
  ])('n = %i, m = %i, C = %i: the bits of affineColumns', (n, m, C) => {
    const eRow = rand(n * m, 3);
    const eCol = new Float64Array(n * m);
    for (let i = 0; i < n; i++) for (let r = 0; r < m; r++) eCol[r * n + i] = eRow[i * m + r];
    eRow[0] = -0; // signed zeros and exact zeros take the same path
    eCol[0] = -0;
    const coef = rand(m * C, 5);
    const alpha = rand(n, 7);
    const dy = rand(n * C, 11);
    const N = 2 * n + 3;
    // Units scattered over a larger population; two destination matrices, alternating.
    const index = Int32Array.from({ length: n }, (_, i) => 2 * i + (i % 2));
    const want = [new Float64Array(N * C).fill(9), new Float64Array(N * C).fill(9)];
    const got = [new Float64Array(N * C).fill(9), new Float64Array(N * C).fill(9)];
    const off = Array.from({ length: C }, (_, j) => j * N);
    const pick = (d: Float64Array[]): Float64Array[] => Array.from({ length: C }, (_, j) => d[j % 2]);
    affineColumns(eRow, m, coef, C, alpha, dy, n, pick(want), off, index, 1.7);
    affineColumnsSimd(eCol, m, coef, C, alpha, dy, n, pick(got), off, index, 1.7);
    for (let d = 0; d < 2; d++) for (let i = 0; i < N * C; i++) expect(Object.is(got[d][i], want[d][i]), `matrix ${d} entry ${i}`).toBe(true);
  });
});

/** The scalar reference, row-major e (2 rows x 4 columns per block, as the engine ran it). */
function affineColumns(e: Float64Array, m: number, coef: Float64Array, C: number, alpha: Float64Array, dy: Float64Array, n: number, dst: readonly Float64Array[], dstOff: ArrayLike<number>, index: Int32Array, scale: number): void {
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
