import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng';
import { summariseReplications } from '../../src/simulate/monte-carlo';
import { minimumDetectableEffect, normalPower, powerCurve, rejectionRate, simulatedMde } from '../../src/simulate/power';

describe('replication summaries', () => {
  it('computes bias, SD, RMSE, mean SE and coverage by hand on a small case', () => {
    const s = summariseReplications({ estimate: [1, 2, 3, NaN], se: [1, 1, 0.2, 1] }, 2);
    expect(s.reps).toBe(3);
    expect(s.failed).toBe(1);
    expect(s.mean).toBe(2);
    expect(s.bias).toBe(0);
    expect(s.sd).toBeCloseTo(1, 12);
    expect(s.rmse).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(s.meanSe).toBeCloseTo(2.2 / 3, 12);
    // Intervals 1 ± 1.96 and 2 ± 1.96 cover 2; 3 ± 0.39 does not.
    expect(s.coverage).toBeCloseTo(2 / 3, 12);
    expect(s.coverageMcse).toBeCloseTo(Math.sqrt((2 / 3) * (1 / 3) / 3), 12);
  });

  it('uses given interval limits (e.g. bootstrap) instead of estimate ± 1.96 SE', () => {
    const s = summariseReplications({ estimate: [0, 0], se: [1, 1], lower: [-0.5, 0.5], upper: [0.5, 1.5] }, 0);
    expect(s.coverage).toBe(0.5);
  });

  it('gives 95 % coverage for correct normal intervals (within Monte Carlo error)', () => {
    const rng = new Rng(4);
    const n = 4000;
    const est = Float64Array.from({ length: n }, () => rng.normal(5, 2));
    const s = summariseReplications({ estimate: est, se: new Float64Array(n).fill(2) }, 5);
    expect(Math.abs(s.coverage - 0.95)).toBeLessThan(3 * s.coverageMcse);
    expect(Math.abs(s.sd - 2)).toBeLessThan(0.1);
  });

  it('returns NaNs (not a crash) when every replication failed', () => {
    const s = summariseReplications({ estimate: [NaN, NaN], se: [1, 1] }, 0);
    expect(s.reps).toBe(0);
    expect(s.failed).toBe(2);
    expect(Number.isNaN(s.coverage)).toBe(true);
  });

  it('rejects arrays of different lengths', () => {
    expect(() => summariseReplications({ estimate: [1, 2], se: [1] }, 0)).toThrow(/length/);
  });
});

describe('power', () => {
  it('has size alpha at no effect and the textbook power at the MDE', () => {
    expect(normalPower(0, 1)).toBeCloseTo(0.05, 6);
    expect(minimumDetectableEffect(1)).toBeCloseTo(1.959964 + 0.841621, 5);
    expect(normalPower(minimumDetectableEffect(100), 100)).toBeCloseTo(0.8, 3);
    expect(normalPower(-minimumDetectableEffect(100), 100)).toBeCloseTo(0.8, 3);
    expect(minimumDetectableEffect(1, 0.05, 0.9)).toBeCloseTo(1.959964 + 1.281552, 5);
    expect(Number.isNaN(normalPower(1, 0))).toBe(true);
    expect(Number.isNaN(minimumDetectableEffect(0))).toBe(true);
  });

  it('simulated rejection rates follow the normal power curve for normal estimates', () => {
    const rng = new Rng(8);
    const n = 5000;
    const est = Float64Array.from({ length: n }, () => rng.normal(0, 10));
    const se = new Float64Array(n).fill(10);
    for (const shift of [0, 10, 20, 28, 40]) {
      const p = normalPower(shift, 10);
      expect(Math.abs(rejectionRate(est, se, shift) - p)).toBeLessThan(3 * Math.sqrt((p * (1 - p)) / n) + 1e-3);
    }
  });

  it('skips failed replications', () => {
    expect(rejectionRate([NaN, 5, 0], [1, 1, 0], 0)).toBe(1);
    expect(Number.isNaN(rejectionRate([NaN], [1], 0))).toBe(true);
  });
});

describe('power curves', () => {
  it('scales the window effect by the ramp share and reports size, MDE and power at the MDE', () => {
    const rng = new Rng(12);
    const n = 4000;
    const est = Float64Array.from({ length: n }, () => rng.normal(0, 50));
    const se = new Float64Array(n).fill(50);
    const c = powerCurve(est, se, { followUp: 6, windowShare: 0.5, effects: [0, 100, 200, 300] });
    expect(c.reps).toBe(n);
    expect(c.meanSe).toBe(50);
    expect(Math.abs(c.sd - 50)).toBeLessThan(2);
    expect(c.mde).toBeCloseTo(minimumDetectableEffect(50), 10);
    // Normal estimates with a known SE: the simulated MDE is close to the normal one.
    expect(Math.abs(c.mdeSimulated / c.mde - 1)).toBeLessThan(0.04);
    expect(c.mdeFull).toBeCloseTo(2 * c.mdeSimulated, 10);
    expect(c.normal[2]).toBeCloseTo(normalPower(100, 50), 12); // full effect 200 = window effect 100
    expect(c.simulated[2]).toBe(rejectionRate(est, se, 100));
    expect(Math.abs(c.size - 0.05)).toBeLessThan(0.015);
    expect(Math.abs(c.powerAtMde - 0.8)).toBeLessThan(0.03);
  });

  it('finds a larger simulated MDE when the SE itself is noisy', () => {
    const rng = new Rng(13);
    const n = 4000;
    const est = Float64Array.from({ length: n }, () => rng.normal(0, 1));
    const se = Float64Array.from({ length: n }, () => Math.exp(rng.normal(0, 0.35)) / Math.exp(0.35 ** 2 / 2));
    const c = powerCurve(est, se, { followUp: 1, windowShare: 1, effects: [0] });
    expect(c.mdeSimulated).toBeGreaterThan(c.mde);
    expect(simulatedMde(est, se, { step: 0.01, max: 0.5 })).toBeNaN();
  });

  it('is NA (NaN), not a crash, without usable replications', () => {
    const c = powerCurve([NaN], [1], { followUp: 3, windowShare: 1, effects: [0] });
    expect(c.reps).toBe(0);
    expect(Number.isNaN(c.mde)).toBe(true);
    expect(Number.isNaN(c.simulated[0])).toBe(true);
  });
});
