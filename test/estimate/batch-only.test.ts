/**
 * A DR 2x2 design built for batched outcome steps only (attgt's cells, batchOnly): the same
 * ATTs and influence functions as a full design's batch and one-column steps, and no
 * one-column step to call by mistake.
 */
import { describe, expect, it } from 'vitest';
import { panelDesign } from '../../src/estimate';
import { Rng } from '../../src/random/rng';

function design(n: number, seed: number) {
  const rng = new Rng(seed);
  const k = 3;
  const x = new Float64Array(n * k);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i * k] = 1;
    x[i * k + 1] = rng.normal();
    x[i * k + 2] = rng.uniform() < 0.4 ? 1 : 0;
    d[i] = rng.uniform() < 1 / (1 + Math.exp(0.5 - 0.8 * x[i * k + 1])) ? 1 : 0;
  }
  const C = 3;
  const dy = new Float64Array(n * C);
  for (let j = 0; j < C; j++) for (let i = 0; i < n; i++) dy[j * n + i] = 1 + 0.5 * x[i * k + 1] + (j + 1) * d[i] + rng.normal();
  return { inp: { x, n, k, d, weights: null }, dy, C };
}

describe('batchOnly DR designs', () => {
  it('give the full design\'s estimates bit for bit, and refuse the one-column step', () => {
    const n = 400;
    const { inp, dy, C } = design(n, 3);
    const full = panelDesign('dr', inp);
    const lean = panelDesign('dr', { ...inp, batchOnly: true });
    const run = (des: typeof full) => {
      const dst = Array.from({ length: C }, () => new Float64Array(n));
      const att = des.estimateMany!(dy.slice(), C, { dst, dstOff: new Array(C).fill(0), index: Int32Array.from({ length: n }, (_, i) => i), scale: 1 });
      return { att: Array.from(att), inf: dst.map((a) => Array.from(a)) };
    };
    const a = run(full);
    const b = run(lean);
    expect(b).toEqual(a);
    // And the batch is the one-column step's result to rounding (the folded form, ~1e-15).
    for (let j = 0; j < C; j++) {
      const one = full.estimate(dy.slice(j * n, (j + 1) * n));
      expect(Math.abs(one.att - a.att[j])).toBeLessThan(1e-12);
    }
    expect(() => lean.estimate(dy.slice(0, n))).toThrow(/batchOnly/);
  });
});
