/**
 * The WebAssembly SIMD products: the Wald pre-test's Gram (gram.ts) and the outcome step's
 * cross products (cross.ts). The Gram is equal to plain dot
 * products up to rounding, exact on integer data, the same bits however its block rows are
 * split (what worker threads rely on), and every shape (q odd, q < 4, n odd, n shorter than
 * a chunk, n spanning several chunks) handled.
 */
import { describe, expect, it } from 'vitest';
import { crossProducts } from '../../src/estimate/cross';
import { addLower, GRAM_CHUNK, GRAM_SEGMENT_ROWS, gram, gramSegment, gramSegments, mirrorLower, segmentStart } from '../../src/estimate/gram';
import { gramRun } from '../../src/estimate/parallel';
import { dotProducts } from '../../src/estimate/kernels';
import { simdKernel } from '../../src/estimate/wasm/kernel';

function columns(n: number, q: number, seed: number, integer = false): { x: Float64Array; o: number[] } {
  // Columns at scattered offsets (a gap between them), as the pre-treatment cells of attgt's n x K matrix.
  const gap = 3;
  const x = new Float64Array((n + gap) * q + gap);
  let s = seed;
  for (let i = 0; i < x.length; i++) {
    s = (s * 16807) % 2147483647;
    x[i] = integer ? Math.round((s / 2147483647 - 0.5) * 20) : s / 2147483647 - 0.5;
  }
  return { x, o: Array.from({ length: q }, (_, j) => gap + j * (n + gap)) };
}

function naive(x: Float64Array, o: number[], n: number): Float64Array {
  const q = o.length;
  const out = new Float64Array(q * q);
  for (let a = 0; a < q; a++)
    for (let b = 0; b < q; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += x[o[a] + i] * x[o[b] + i];
      out[a * q + b] = s;
    }
  return out;
}

describe('gram', () => {
  const shapes: [number, number][] = [
    [1, 1],
    [2, 3],
    [7, 5],
    [GRAM_CHUNK, 4],
    [GRAM_CHUNK + 1, 9],
    [3 * GRAM_CHUNK + 17, 22],
  ];
  it.each(shapes)('n = %i, q = %i: integer data exactly, real data to rounding, symmetric', (n, q) => {
    const ints = columns(n, q, 7, true);
    expect(Array.from(gram(ints.x, ints.o, n))).toEqual(Array.from(naive(ints.x, ints.o, n)));
    const real = columns(n, q, 11);
    const g = gram(real.x, real.o, n);
    const ref = naive(real.x, real.o, n);
    for (let a = 0; a < q; a++)
      for (let b = 0; b < q; b++) {
        expect(g[a * q + b]).toBe(g[b * q + a]);
        expect(Math.abs(g[a * q + b] - ref[a * q + b])).toBeLessThan(1e-12 * Math.max(1, n));
      }
  });

  it('cuts the rows into segments by n alone: even starts, covering every row once', () => {
    for (const n of [0, 1, 511, 512, 1025, 4096 + 3, 1_200_000]) {
      const S = gramSegments(n);
      expect(S).toBe(Math.min(8, Math.max(1, Math.floor(n / GRAM_SEGMENT_ROWS))));
      expect(segmentStart(n, S, 0)).toBe(0);
      expect(segmentStart(n, S, S)).toBe(n);
      for (let s = 0; s < S; s++) {
        expect(segmentStart(n, S, s) % 2).toBe(0);
        if (n > 0) expect(segmentStart(n, S, s + 1)).toBeGreaterThan(segmentStart(n, S, s));
      }
    }
  });

  it('gives the same bits whichever thread computes a segment, in whatever order', () => {
    const n = 3 * GRAM_SEGMENT_ROWS + GRAM_CHUNK - 5; // three segments, each over several chunks
    const q = 13;
    const { x, o } = columns(n, q, 5);
    const whole = gram(x, o, n);
    const S = gramSegments(n);
    expect(S).toBe(3);
    // As the worker threads do (parallelGram): each segment into its own part, in reverse
    // order here, then the parts added in row order.
    const parts = new Float64Array(S * q * q);
    for (let r = S - 1; r >= 0; r--) gramRun(x, o, n, parts, r);
    const out = new Float64Array(q * q);
    out.set(parts.subarray(0, q * q));
    for (let s = 1; s < S; s++) addLower(out, parts, q, s * q * q);
    mirrorLower(out, q);
    expect(Array.from(out)).toEqual(Array.from(whole));
    // And the segments are real: one pass over all rows sums in another order.
    const onePass = new Float64Array(q * q);
    gramSegment(x, o, 0, n, onePass);
    mirrorLower(onePass, q);
    const ref = naive(x, o, n);
    for (let e = 0; e < q * q; e++) {
      expect(Math.abs(whole[e] - ref[e])).toBeLessThan(1e-9);
      expect(Math.abs(onePass[e] - ref[e])).toBeLessThan(1e-9);
    }
  });

  it('has no columns: an empty matrix', () => {
    expect(gram(new Float64Array(5), [], 5).length).toBe(0);
  });

  it('carries NaN and infinity into the entries of their column only', () => {
    const n = 9;
    const q = 3;
    const { x, o } = columns(n, q, 3);
    x[o[1] + 4] = NaN;
    const g = gram(x, o, n);
    expect(Number.isNaN(g[1 * q + 1])).toBe(true);
    expect(Number.isNaN(g[0 * q + 1])).toBe(true);
    expect(Number.isFinite(g[0])).toBe(true);
    expect(Number.isFinite(g[2 * q + 2])).toBe(true);
    expect(Number.isFinite(g[2 * q + 0])).toBe(true);
  });
});

describe('crossProducts', () => {
  it.each([
    [1, 1, 1],
    [5, 3, 7],
    [GRAM_CHUNK + 3, 20, 64],
    [2 * GRAM_CHUNK, 2, 5],
  ])('n = %i, %i x %i vectors: integer data exactly, real data to rounding', (n, na, nb) => {
    const a = columns(n, na, 3, true);
    const b = columns(n, nb, 5, true);
    const ref = dotProducts(a.x, a.o, b.x, b.o, n);
    expect(Array.from(crossProducts(a.x, a.o, b.x, b.o, n))).toEqual(Array.from(ref));
    const ra = columns(n, na, 7);
    const rb = columns(n, nb, 9);
    const got = crossProducts(ra.x, ra.o, rb.x, rb.o, n);
    const want = dotProducts(ra.x, ra.o, rb.x, rb.o, n);
    for (let i = 0; i < got.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-12 * n);
  });

  it('gives each entry the same bits whatever the other vectors of the batch', () => {
    const n = GRAM_CHUNK + 9;
    const a = columns(n, 6, 3);
    const b = columns(n, 9, 5);
    const all = crossProducts(a.x, a.o, b.x, b.o, n);
    const one = crossProducts(a.x, [a.o[4]], b.x, [b.o[7]], n);
    expect(Object.is(one[0], all[4 * 9 + 7])).toBe(true);
  });
});

describe('simdKernel', () => {
  it('never detaches a memory: a larger request gets a new one (a detached buffer slows every typed array in V8)', () => {
    const small = simdKernel(1 << 16);
    const buffer = small.memory.buffer;
    const before = buffer.byteLength;
    expect(simdKernel(1 << 10)).toBe(small); // big enough: reused
    const big = simdKernel(before + (1 << 20));
    expect(big).not.toBe(small);
    expect(big.memory.buffer.byteLength).toBeGreaterThanOrEqual(before + (1 << 20));
    expect(buffer.byteLength).toBe(before); // still attached
  });
});
