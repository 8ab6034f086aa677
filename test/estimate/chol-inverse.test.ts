/**
 * cholInverse solves four unit vectors at a time; each column must be exactly what
 * choleskySolve gives for its unit vector (then symmetrised), bit for bit, for every order
 * (tails of one to three columns included).
 */
import { expect, it } from 'vitest';
import { cholesky, cholInverse, choleskySolve } from '../../src/estimate/linalg';

function spd(k: number, seed: number): Float64Array {
  const n = k + 7;
  const x = new Float64Array(n * k);
  let s = seed;
  for (let i = 0; i < x.length; i++) {
    s = (s * 16807) % 2147483647;
    x[i] = s / 2147483647 - 0.5;
  }
  const a = new Float64Array(k * k);
  for (let r = 0; r < k; r++)
    for (let c = 0; c < k; c++) {
      let v = 0;
      for (let i = 0; i < n; i++) v += x[i * k + r] * x[i * k + c];
      a[r * k + c] = v;
    }
  return a;
}

it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 37])('order %i: the columns of choleskySolve, symmetrised, bit for bit', (k) => {
  const a = spd(k, 97 + k);
  const l = cholesky(a, k)!;
  const ref = new Float64Array(k * k);
  for (let c = 0; c < k; c++) {
    const e = new Float64Array(k);
    e[c] = 1;
    const col = choleskySolve(l, k, e);
    for (let r = 0; r < k; r++) ref[r * k + c] = col[r];
  }
  for (let r = 0; r < k; r++)
    for (let c = r + 1; c < k; c++) {
      const v = 0.5 * (ref[r * k + c] + ref[c * k + r]);
      ref[r * k + c] = v;
      ref[c * k + r] = v;
    }
  const inv = cholInverse(a, k)!;
  for (let i = 0; i < k * k; i++) expect(Object.is(inv[i], ref[i]), `entry ${i}`).toBe(true);
});

it('is null for a matrix that is not positive definite', () => {
  expect(cholInverse(new Float64Array([1, 2, 2, 1]), 2)).toBeNull();
});
