import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng';
import { normalTwoSidedP, pValueNormal, tTwoSidedP, tQuantile, normalQuantile } from '../../src/stats/distributions';
import { tTest, tTestNote } from '../../src/stats/ttest';

const f = (xs: number[]) => Float64Array.from(xs);
const groups = (na: number, nb: number) => {
  const a = new Uint8Array(na + nb);
  const b = new Uint8Array(na + nb);
  for (let i = 0; i < na; i++) a[i] = 1;
  for (let i = na; i < na + nb; i++) b[i] = 1;
  return { a, b };
};

describe('t and normal distributions', () => {
  it('match closed forms for 1 and 2 degrees of freedom', () => {
    for (const t of [0.1, 0.7, 1.5, 4, 25]) {
      expect(tTwoSidedP(t, 1)).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(t), 12);
      expect(tTwoSidedP(-t, 2)).toBeCloseTo(1 - t / Math.sqrt(2 + t * t), 12);
    }
  });

  it('keeps relative precision in the far tail (no 1 − 1 cancellation)', () => {
    let prev = 1;
    for (let t = 0.5; t <= 40; t += 0.5) {
      const p = tTwoSidedP(t, 449);
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThan(prev);
      expect(p).toBeGreaterThanOrEqual(normalTwoSidedP(t));
      prev = p;
    }
    // Stable closed forms far out: df = 1, (2/π) atan(1/t); df = 2, 2 / (√(2+t²)(√(2+t²) + t)).
    for (const t of [30, 1e3, 1e6]) {
      expect(tTwoSidedP(t, 1) / ((2 / Math.PI) * Math.atan(1 / t))).toBeCloseTo(1, 12);
      const r = Math.sqrt(2 + t * t);
      expect(tTwoSidedP(t, 2) / (2 / (r * (r + t)))).toBeCloseTo(1, 12);
    }
  });

  it('approach the normal for large df, and p = 1 at t = 0', () => {
    expect(tTwoSidedP(1.959963984540054, 1e7)).toBeCloseTo(0.05, 6);
    expect(normalTwoSidedP(1.959963984540054)).toBeCloseTo(0.05, 10);
    expect(pValueNormal(-1.959963984540054 * 2, 2)).toBeCloseTo(0.05, 10);
    expect(tTwoSidedP(0, 5)).toBe(1);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(tTwoSidedP(tQuantile(0.975, 12), 12)).toBeCloseTo(0.05, 8);
  });

  it('give NaN (not a number pretending to be one) for impossible input', () => {
    expect(Number.isNaN(pValueNormal(1, 0))).toBe(true);
    expect(Number.isNaN(tTwoSidedP(1, 0))).toBe(true);
  });
});

describe('Welch t-test', () => {
  it('computes diff, SE, t and Welch–Satterthwaite df from the group moments', () => {
    const x = f([1, 2, 3, 4, 10, 12, 15, 11, 20]);
    const { a, b } = groups(4, 5);
    const r = tTest(x, a, b);
    const va = 5 / 3; // var(1, 2, 3, 4)
    const mb = (10 + 12 + 15 + 11 + 20) / 5;
    const vb = [10, 12, 15, 11, 20].reduce((s, v) => s + (v - mb) ** 2, 0) / 4;
    const se2 = va / 4 + vb / 5;
    expect(r.test).toBe('welch');
    expect(r.diff.value).toBeCloseTo(2.5 - mb, 12);
    expect(r.se.value).toBeCloseTo(Math.sqrt(se2), 12);
    expect(r.t.value).toBeCloseTo((2.5 - mb) / Math.sqrt(se2), 12);
    expect(r.df.value).toBeCloseTo(se2 ** 2 / ((va / 4) ** 2 / 3 + (vb / 5) ** 2 / 4), 10);
    expect(r.p.value).toBeCloseTo(tTwoSidedP(r.t.value!, r.df.value!), 14);
  });

  it('equals Student’s test when groups have equal size and variance', () => {
    const x = f([1, 2, 3, 5, 6, 7]);
    const { a, b } = groups(3, 3);
    const w = tTest(x, a, b);
    const s = tTest(x, a, b, { equalVariance: true });
    expect(s.test).toBe('student');
    expect(w.t.value).toBeCloseTo(s.t.value!, 12);
    expect(w.df.value).toBeCloseTo(4, 12);
    expect(s.df.value).toBe(4);
  });

  it('keeps its 5 % level with unequal variances and sizes, where Student’s does not', () => {
    const rng = new Rng(2024);
    const { a, b } = groups(8, 30);
    let welch = 0;
    let student = 0;
    const reps = 4000;
    const x = new Float64Array(38);
    for (let r = 0; r < reps; r++) {
      for (let i = 0; i < 8; i++) x[i] = rng.normal(0, 3);
      for (let i = 8; i < 38; i++) x[i] = rng.normal(0, 1);
      if (tTest(x, a, b).p.value! < 0.05) welch++;
      if (tTest(x, a, b, { equalVariance: true }).p.value! < 0.05) student++;
    }
    expect(Math.abs(welch / reps - 0.05)).toBeLessThan(0.015);
    expect(student / reps).toBeGreaterThan(0.1);
  });

  it('degenerate input gives NA with a reason, never NaN', () => {
    const { a, b } = groups(1, 3);
    const one = tTest(f([5, 1, 2, 3]), a, b);
    expect(one.diff.value).toBe(3);
    expect(one.t).toMatchObject({ value: null, na: { code: 'too-few' } });
    const g = groups(3, 3);
    expect(tTest(f([4, 4, 4, 4, 4, 4]), g.a, g.b).p.na?.code).toBe('constant');
    expect(tTest(f([1, 1, 1, 0, 0, 0]), g.a, g.b).p.na?.code).toBe('zero-variance');
    expect(tTest(f([NaN, NaN, NaN, 1, 2, 3]), g.a, g.b).diff.na?.code).toBe('all-missing');
    expect(tTest(f([1, 2, 3]), Uint8Array.from([0, 0, 0]), Uint8Array.from([1, 1, 1])).p.na?.code).toBe('empty-group');
    // Zero variance in one group only: still testable, df from the other group.
    const z = tTest(f([2, 2, 2, 1, 2, 3]), g.a, g.b);
    expect(z.df.value).toBeCloseTo(2, 12);
    expect(z.p.value).toBeGreaterThan(0);
  });

  it('states the test in both languages', () => {
    expect(tTestNote().en).toMatch(/Welch/);
    expect(tTestNote().sv).toMatch(/Welch/);
    expect(tTestNote({ equalVariance: true }).en).toMatch(/Student/);
  });
});
