/** The numerical kernels: weighted logit (IRLS), weighted least squares, small inverses. */
import { describe, expect, it } from 'vitest';
import { fitLogit } from '../../src/estimate/logit';
import { wls, qrFactor, qrProjection } from '../../src/estimate/wls';
import { cholInverse, luInverse, rcond } from '../../src/estimate/linalg';
import { qnorm, chisqUpper, quantileType1Sorted } from '../../src/estimate/distributions';
import { Rng } from '../../src/random/rng';

function design(n: number, rng: Rng): { x: Float64Array; k: number } {
  const k = 3;
  const x = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    x[i * k] = 1;
    x[i * k + 1] = rng.normal();
    x[i * k + 2] = rng.bernoulli(0.4) * 1000 + rng.normal(0, 100); // large scale, as earnings
  }
  return { x, k };
}

describe('fitLogit', () => {
  it('solves the weighted score equations X\'W(y - p) = 0', () => {
    const rng = new Rng(1);
    const n = 2000;
    const { x, k } = design(n, rng);
    const y = new Float64Array(n);
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const eta = -0.5 + 0.8 * x[i * k + 1] + 0.001 * x[i * k + 2];
      y[i] = rng.bernoulli(1 / (1 + Math.exp(-eta)));
      w[i] = 0.5 + rng.uniform();
    }
    const fit = fitLogit(x, n, k, y, w);
    expect(fit.converged).toBe(true);
    for (let c = 0; c < k; c++) {
      let s = 0;
      let scale = 0;
      for (let i = 0; i < n; i++) {
        s += w[i] * (y[i] - fit.fitted[i]) * x[i * k + c];
        scale += Math.abs(w[i] * x[i * k + c]);
      }
      expect(Math.abs(s) / scale).toBeLessThan(1e-9);
    }
    expect(fit.coef[1]).toBeGreaterThan(0.5);
    expect(fit.coef[1]).toBeLessThan(1.1);
  });

  it('reports perfectly collinear covariates as rank deficient', () => {
    const n = 50;
    const x = new Float64Array(n * 3);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i * 3] = 1;
      x[i * 3 + 1] = i % 7;
      x[i * 3 + 2] = 2 * (i % 7);
      y[i] = i % 3 === 0 ? 1 : 0;
    }
    expect(fitLogit(x, n, 3, y, null).rankDeficient).toBe(true);
  });
});

describe('wls', () => {
  it('matches the normal equations on a well-conditioned design', () => {
    const rng = new Rng(2);
    const n = 500;
    const { x, k } = design(n, rng);
    const y = new Float64Array(n);
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = 2 + 3 * x[i * k + 1] - 0.01 * x[i * k + 2] + rng.normal();
      w[i] = 1 + rng.uniform();
    }
    const b = wls(x, n, k, y, w)!;
    // Normal equations residual X'W(y - Xb) = 0.
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let i = 0; i < n; i++) {
        let fit = 0;
        for (let q = 0; q < k; q++) fit += x[i * k + q] * b[q];
        s += w[i] * (y[i] - fit) * x[i * k + c];
      }
      expect(Math.abs(s)).toBeLessThan(1e-7);
    }
    // The projection form gives the same coefficients.
    const p = qrProjection(qrFactor(x, n, k, w)!);
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += p[c * n + i] * y[i];
      expect(s).toBeCloseTo(b[c], 10);
    }
  });

  it('returns null for a rank-deficient design', () => {
    const n = 20;
    const x = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      x[i * 2] = 1;
      x[i * 2 + 1] = 5; // constant: collinear with the intercept
    }
    expect(wls(x, n, 2, new Float64Array(n).fill(1), null)).toBeNull();
  });
});

describe('small matrices', () => {
  it('inverts and measures conditioning', () => {
    const a = Float64Array.from([4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2]);
    for (const inv of [cholInverse(a, 3)!, luInverse(a, 3)!]) {
      for (let r = 0; r < 3; r++) {
        for (let c = 0; c < 3; c++) {
          let s = 0;
          for (let q = 0; q < 3; q++) s += a[r * 3 + q] * inv[q * 3 + c];
          expect(s).toBeCloseTo(r === c ? 1 : 0, 12);
        }
      }
    }
    expect(rcond(a, 3)).toBeGreaterThan(0.1);
    expect(rcond(Float64Array.from([1, 2, 2, 4]), 2)).toBeLessThan(2.2e-16);
    expect(cholInverse(Float64Array.from([1, 2, 2, 4]), 2)).toBeNull();
  });
});

describe('distributions', () => {
  it('normal quantiles and chi-square tails agree with their defining identities', () => {
    expect(qnorm(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(qnorm(0.5)).toBe(0);
    expect(qnorm(1e-10)).toBeCloseTo(-6.361340902404056, 10);
    // chi-square(2) tail is exp(-x/2); chi-square(1) tail is 2 (1 - Phi(sqrt x)).
    for (const x of [0.1, 1, 5, 20]) expect(chisqUpper(x, 2)).toBeCloseTo(Math.exp(-x / 2), 13);
    expect(chisqUpper(qnorm(0.975) ** 2, 1)).toBeCloseTo(0.05, 12);
    expect(chisqUpper(0, 3)).toBe(1);
  });

  it("quantile type 1 picks R's order statistic", () => {
    const v = Float64Array.from({ length: 999 }, (_, i) => i + 1);
    expect(quantileType1Sorted(v, 0.95)).toBe(950);
    expect(quantileType1Sorted(v, 0.25)).toBe(250);
    expect(quantileType1Sorted(Float64Array.from([1, 2, 3, 4]), 0.5)).toBe(2);
  });
});
