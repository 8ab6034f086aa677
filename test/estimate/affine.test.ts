/**
 * The SIMD outcome step (affine.ts) writes exactly what kernels.ts affineColumns writes, bit
 * for bit, for every shape (columns not a multiple of 4, rows not a multiple of the chunk,
 * scattered unit indices, several destination matrices), and leaves other entries alone.
 */
import { describe, expect, it } from 'vitest';
import { affineColumnsSimd } from '../../src/estimate/affine';
import { affineColumns } from '../../src/estimate/kernels';

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
