import { describe, expect, it } from 'vitest';
import { aggte, attgt } from '../../src/estimate/index';
import { Rng } from '../../src/random/rng';
import { effectProfile, simulateTrial, trueWindowEffect, type TrialDesign } from '../../src/simulate/trial-panel';

const design: TrialDesign = { groupStarts: [10, 13, 16, 20], groupSizes: [30, 25, 35, 20], firstPeriod: 5, lastPeriod: 19 };
const noise = { mean: 2000, personSd: 1500, arCoef: 0.8, innovationSd: 1000 };

describe('staggered trial simulation', () => {
  it('lays out one row per person and period with the coded start as group', () => {
    const p = simulateTrial(new Rng(1), design, noise, { size: 0, rampMonths: 0 });
    expect(p.nUnits).toBe(110);
    expect(p.y.length).toBe(110 * 15);
    expect(p.rowTime[0]).toBe(5);
    expect(p.rowTime[14]).toBe(19);
    expect(p.rowUnit[15]).toBe(1);
    const g = (p.group as { unit: Float64Array }).unit;
    expect(g[0]).toBe(10);
    expect(g[30]).toBe(13);
    expect(g[109]).toBe(20);
  });

  it('adds exactly the effect profile from each group\'s start (same draws with and without effect)', () => {
    const effect = { size: 500, rampMonths: 4 };
    const a = simulateTrial(new Rng(3), design, noise, { size: 0, rampMonths: 0 });
    const b = simulateTrial(new Rng(3), design, noise, effect);
    const g = (a.group as { unit: Float64Array }).unit;
    for (let r = 0; r < a.y.length; r++) {
      const e = a.rowTime[r] - g[a.rowUnit[r]];
      expect(b.y[r] - a.y[r]).toBeCloseTo(500 * effectProfile(e, 4), 8);
    }
    expect(effectProfile(-1, 4)).toBe(0);
    expect(effectProfile(0, 4)).toBe(0.25);
    expect(effectProfile(3, 4)).toBe(1);
    expect(effectProfile(0, 0)).toBe(1);
    expect(trueWindowEffect(effect, 4)).toBeCloseTo((500 * (0.25 + 0.5 + 0.75 + 1)) / 4, 12);
    expect(trueWindowEffect(effect, 8)).toBeCloseTo((500 * (2.5 + 4)) / 8, 12);
  });

  it('has the variance and autocorrelation of the noise model', () => {
    const big: TrialDesign = { groupStarts: [200, 201], groupSizes: [1000, 1000], firstPeriod: 1, lastPeriod: 200 };
    const p = simulateTrial(new Rng(5), big, noise, { size: 0, rampMonths: 0 });
    const nT = 200;
    let v1 = 0;
    let v0 = 0;
    let n1 = 0;
    let n0 = 0;
    for (let u = 0; u < p.nUnits; u++) {
      let m = 0;
      for (let t = 0; t < nT; t++) m += p.y[u * nT + t] / nT;
      for (let t = 0; t < nT; t++) {
        const d = p.y[u * nT + t] - m;
        v0 += d * d;
        n0++;
        if (t > 0) {
          v1 += d * (p.y[u * nT + t - 1] - m);
          n1++;
        }
      }
    }
    const stationary = noise.innovationSd ** 2 / (1 - noise.arCoef ** 2);
    expect(v0 / n0 / stationary).toBeGreaterThan(0.93);
    expect(v0 / n0 / stationary).toBeLessThan(1.03);
    expect(v1 / n1 / (v0 / n0)).toBeGreaterThan(0.77);
    expect(v1 / n1 / (v0 / n0)).toBeLessThan(0.82);
  });

  it('shifts the engine\'s dynamic estimate by exactly the true window effect and leaves its SE unchanged', () => {
    const effect = { size: 800, rampMonths: 3 };
    const a = simulateTrial(new Rng(11), design, noise, { size: 0, rampMonths: 0 });
    const b = simulateTrial(new Rng(11), design, noise, effect);
    for (const followUp of [1, 3, 5]) {
      const ra = aggte(attgt(a, { control: 'notyet' }), { type: 'dynamic', minE: 0, maxE: followUp - 1 });
      const rb = aggte(attgt(b, { control: 'notyet' }), { type: 'dynamic', minE: 0, maxE: followUp - 1 });
      expect(rb.att! - ra.att!).toBeCloseTo(trueWindowEffect(effect, followUp), 6);
      expect(Math.abs(rb.se! - ra.se!)).toBeLessThan(1e-8 * ra.se!);
    }
  });

  it('without covariates DR and outcome regression give the same estimates and SEs (the notebook uses the faster one)', () => {
    const p = simulateTrial(new Rng(21), design, noise, { size: 300, rampMonths: 2 });
    const dr = attgt(p, { control: 'notyet', method: 'dr' });
    const reg = attgt(p, { control: 'notyet', method: 'reg' });
    for (const f of [1, 4]) {
      const a = aggte(dr, { type: 'dynamic', minE: 0, maxE: f - 1 });
      const b = aggte(reg, { type: 'dynamic', minE: 0, maxE: f - 1 });
      expect(Math.abs(a.att! - b.att!)).toBeLessThan(1e-9 * Math.abs(a.att!) + 1e-9);
      expect(Math.abs(a.se! - b.se!)).toBeLessThan(1e-9 * a.se!);
    }
  });

  it('rejects designs it cannot simulate', () => {
    const e = { size: 0, rampMonths: 0 };
    expect(() => simulateTrial(new Rng(1), { ...design, groupStarts: [10] , groupSizes: [5] }, noise, e)).toThrow(/two start groups/);
    expect(() => simulateTrial(new Rng(1), { ...design, groupStarts: [10, 9, 16, 20] }, noise, e)).toThrow(/must increase/);
    expect(() => simulateTrial(new Rng(1), { ...design, groupSizes: [30, 0, 35, 20] }, noise, e)).toThrow(/size 0/);
    expect(() => simulateTrial(new Rng(1), { ...design, firstPeriod: 10 }, noise, e)).toThrow(/before the first start/);
    expect(() => simulateTrial(new Rng(1), design, { ...noise, arCoef: 1 }, e)).toThrow(/arCoef/);
    expect(() => trueWindowEffect(e, 0)).toThrow(/followUp/);
  });
});
