import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng';
import { groupMoments, standardisedMeanDifference, varianceRatio } from '../../src/stats/smd';

const f = (xs: number[]) => Float64Array.from(xs);
const m = (xs: number[]) => Uint8Array.from(xs);
const sampleVar = (xs: number[]) => {
  const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
  return xs.reduce((s, v) => s + (v - mean) ** 2, 0) / (xs.length - 1);
};

describe('standardised mean difference (cobalt, pooled SD)', () => {
  const T = [4, 6, 8, 10];
  const C = [1, 2, 3, 4, 5];
  const x = f([...T, ...C]);
  const treated = m([1, 1, 1, 1, 0, 0, 0, 0, 0]);
  const control = m([0, 0, 0, 0, 1, 1, 1, 1, 1]);

  it('continuous: (m_T − m_C) / sqrt((s²_T + s²_C)/2) with n − 1 variances', () => {
    const smd = standardisedMeanDifference(x, treated, control, { binary: false });
    expect(smd.value).toBeCloseTo((7 - 3) / Math.sqrt((sampleVar(T) + sampleVar(C)) / 2), 13);
  });

  it('binary: p(1 − p) variances without n − 1', () => {
    const b = f([1, 1, 0, 0, 1, 0, 0, 0]);
    const t = m([1, 1, 1, 1, 0, 0, 0, 0]);
    const c = m([0, 0, 0, 0, 1, 1, 1, 1]);
    const smd = standardisedMeanDifference(b, t, c, { binary: true });
    expect(smd.value).toBeCloseTo(0.25 / Math.sqrt((0.25 + 0.1875) / 2), 13);
    expect(varianceRatio(b, t, c, { binary: true }).value).toBeCloseTo(0.25 / 0.1875, 13);
  });

  it('is unchanged by a change of location and scale of the variable', () => {
    const y = x.map((v) => 1000 + 37 * v);
    expect(standardisedMeanDifference(y, treated, control, { binary: false }).value).toBeCloseTo(
      standardisedMeanDifference(x, treated, control, { binary: false }).value!,
      12,
    );
  });

  it('weighted: weights move the means, the denominator stays unweighted', () => {
    // Weighting the control at 5 up to 4 of 5 weight shifts its mean; SD denominator is fixed.
    const w = f([1, 1, 1, 1, 1, 1, 1, 1, 16]);
    const wmC = (1 + 2 + 3 + 4 + 16 * 5) / 20;
    const smd = standardisedMeanDifference(x, treated, control, { binary: false, weights: w });
    expect(smd.value).toBeCloseTo((7 - wmC) / Math.sqrt((sampleVar(T) + sampleVar(C)) / 2), 13);
    // Equal weights of any size give the unweighted numbers.
    const eq = f(Array(9).fill(3.5));
    expect(standardisedMeanDifference(x, treated, control, { binary: false, weights: eq }).value).toBeCloseTo(
      standardisedMeanDifference(x, treated, control, { binary: false }).value!,
      13,
    );
    expect(varianceRatio(x, treated, control, { binary: false, weights: eq }).value).toBeCloseTo(
      varianceRatio(x, treated, control, { binary: false }).value!,
      13,
    );
  });

  it('degenerate input: NA with a reason', () => {
    const constant = f([2, 2, 2, 2, 2, 2, 2, 2, 2]);
    expect(standardisedMeanDifference(constant, treated, control, { binary: false }).na?.code).toBe('constant');
    expect(varianceRatio(constant, treated, control, { binary: false }).na?.code).toBe('constant');
    const split = f([1, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect(standardisedMeanDifference(split, treated, control, { binary: true }).na?.code).toBe('zero-variance');
    const zeroControl = f([1, 2, 3, 4, 5, 5, 5, 5, 5]);
    expect(varianceRatio(zeroControl, treated, control, { binary: false }).na?.code).toBe('zero-variance');
    const onePerson = m([1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(standardisedMeanDifference(x, onePerson, control, { binary: false }).na?.code).toBe('too-few');
    const missing = f([NaN, NaN, NaN, NaN, 1, 2, 3, 4, 5]);
    expect(standardisedMeanDifference(missing, treated, control, { binary: false }).na?.code).toBe('all-missing');
    expect(varianceRatio(x, m([0, 0, 0, 0, 0, 0, 0, 0, 0]), control, { binary: false }).na?.code).toBe('empty-group');
  });
});

describe('groupMoments', () => {
  it('weighted variance uses reliability weights: Σw̃(x − m)² / (1 − Σw̃²)', () => {
    const rng = new Rng(5);
    const x = Float64Array.from({ length: 50 }, () => rng.normal());
    const w = Float64Array.from({ length: 50 }, () => rng.uniform() * 3);
    const g = groupMoments(x, null, w, false);
    const sw = w.reduce((s, v) => s + v, 0);
    const mean = x.reduce((s, v, i) => s + w[i] * v, 0) / sw;
    const num = x.reduce((s, v, i) => s + (w[i] / sw) * (v - mean) ** 2, 0);
    const den = 1 - w.reduce((s, v) => s + (v / sw) ** 2, 0);
    expect(g.mean.value).toBeCloseTo(mean, 13);
    expect(g.variance.value).toBeCloseTo(num / den, 13);
    expect(g.n).toBe(50);
  });

  it('skips zero weights and rejects negative ones', () => {
    const g = groupMoments(f([1, 2, 100]), null, f([1, 1, 0]), false);
    expect(g.mean.value).toBe(1.5);
    expect(g.n).toBe(2);
    expect(() => groupMoments(f([1, 2]), null, f([1, -1]), false)).toThrow(/negative weight/);
  });
});
