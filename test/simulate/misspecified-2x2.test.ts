import { describe, expect, it } from 'vitest';
import { drdidPanel } from '../../src/estimate/index';
import { Rng } from '../../src/random/rng';
import { MISSPECIFICATIONS, simulateMisspecified2x2 } from '../../src/simulate/misspecified-2x2';

const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, v) => s + (v - m) ** 2, 0) / (xs.length - 1));
};

describe('Sant\'Anna–Zhao misspecification designs', () => {
  it('gives the analyst an intercept and four standardised covariates, about half treated', () => {
    const s = simulateMisspecified2x2(new Rng(1), 20000, 'none');
    expect(s.k).toBe(5);
    expect(s.trueAtt).toBe(0);
    for (let j = 1; j < 5; j++) {
      const col = Array.from({ length: s.n }, (_, i) => s.x[i * 5 + j]);
      expect(Math.abs(mean(col))).toBeLessThan(0.03);
      expect(Math.abs(sd(col) - 1)).toBeLessThan(0.05);
    }
    expect(s.nTreated / s.n).toBeGreaterThan(0.4);
    expect(s.nTreated / s.n).toBeLessThan(0.6);
    let intercept = true;
    for (let i = 0; i < s.n; i++) if (s.x[i * 5] !== 1) intercept = false;
    expect(intercept).toBe(true);
  });

  it('is reproducible from the seed', () => {
    const a = simulateMisspecified2x2(new Rng(7), 50, 'both');
    const b = simulateMisspecified2x2(new Rng(7), 50, 'both');
    expect(Array.from(a.y1)).toEqual(Array.from(b.y1));
    expect(Array.from(a.d)).toEqual(Array.from(b.d));
  });

  it('DR is unbiased when one working model is right; OR needs the outcome model, IPW the propensity model', () => {
    const rng = new Rng(2024);
    const reps = 60;
    const bias: Record<string, Record<string, number>> = {};
    for (const wrong of MISSPECIFICATIONS) {
      const est: Record<string, number[]> = { dr: [], reg: [], 'ipw-std': [] };
      for (let r = 0; r < reps; r++) {
        const s = simulateMisspecified2x2(rng, 1000, wrong);
        for (const m of Object.keys(est)) est[m].push(drdidPanel(m as 'dr' | 'reg' | 'ipw-std', s).att);
      }
      bias[wrong] = Object.fromEntries(Object.entries(est).map(([m, v]) => [m, mean(v)]));
    }
    // Both models right: all three near 0 (IPW is noisy: SD about 1.1, so 60 reps give MC SE about 0.15).
    expect(Math.abs(bias.none.dr)).toBeLessThan(0.1);
    expect(Math.abs(bias.none.reg)).toBeLessThan(0.1);
    expect(Math.abs(bias.none['ipw-std'])).toBeLessThan(0.5);
    // Propensity wrong: DR and OR stay unbiased, IPW does not.
    expect(Math.abs(bias.propensity.dr)).toBeLessThan(0.1);
    expect(Math.abs(bias.propensity.reg)).toBeLessThan(0.1);
    expect(bias.propensity['ipw-std']).toBeLessThan(-0.4);
    // Outcome wrong: DR stays unbiased (MC SE about 0.15), OR is biased.
    expect(Math.abs(bias.outcome.dr)).toBeLessThan(0.45);
    expect(bias.outcome.reg).toBeLessThan(-0.8);
    // Both wrong: all biased.
    for (const m of ['dr', 'reg', 'ipw-std']) expect(bias.both[m]).toBeLessThan(-2);
  });

  it('rejects bad arguments', () => {
    expect(() => simulateMisspecified2x2(new Rng(1), 5, 'none')).toThrow(/at least 10/);
    expect(() => simulateMisspecified2x2(new Rng(1), 100, 'neither' as never)).toThrow(/unknown misspecification/);
  });
});
