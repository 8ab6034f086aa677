import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng';
import { balanceRow } from '../../src/stats/balance';
import { maskEquals } from '../../src/stats/mask';
import { attWeights, propensityScores } from '../../src/stats/propensity';

/** Treated drawn from a logit in (age, socialAssistance): treated are older and more often on SA. */
function simulate(seed: number, n: number) {
  const rng = new Rng(seed);
  const age = Float64Array.from({ length: n }, () => rng.normal(40, 10));
  const sa = Float64Array.from({ length: n }, () => rng.bernoulli(0.4));
  const treat = Float64Array.from({ length: n }, (_, i) => rng.bernoulli(1 / (1 + Math.exp(-(-1.5 + 0.05 * (age[i] - 40) + 1.2 * sa[i])))));
  return { age, sa, treated: maskEquals(treat, 1), control: maskEquals(treat, 0) };
}

describe('propensity scores and ATT weights', () => {
  const d = simulate(17, 6000);
  const fit = propensityScores(d.treated, d.control, [d.age, d.sa]);

  it('recovers the logit coefficients', () => {
    expect(fit.na).toBeUndefined();
    expect(fit.converged).toBe(true);
    expect(fit.n).toBe(6000);
    expect(fit.coef[1]).toBeCloseTo(0.05, 1);
    expect(Math.abs(fit.coef[2] - 1.2)).toBeLessThan(0.2);
    expect(fit.ps.every((p) => p > 0 && p < 1)).toBe(true);
  });

  it('weights: treated 1, controls p/(1 − p) rescaled to sum to the number of controls', () => {
    const w = attWeights(fit.ps, d.treated, d.control);
    let sumC = 0;
    let nC = 0;
    let ratio = NaN;
    for (let i = 0; i < w.length; i++) {
      if (d.treated[i]) expect(w[i]).toBe(1);
      else {
        sumC += w[i];
        nC++;
        const odds = fit.ps[i] / (1 - fit.ps[i]);
        if (Number.isNaN(ratio)) ratio = w[i] / odds;
        else expect(w[i] / odds).toBeCloseTo(ratio, 10);
      }
    }
    expect(sumC).toBeCloseTo(nC, 8);
  });

  it('weighting removes the imbalance the selection created (R23 Table B11)', () => {
    const w = attWeights(fit.ps, d.treated, d.control);
    for (const x of [d.age, d.sa]) {
      const r = balanceRow(x, d.treated, d.control, { weights: w });
      expect(Math.abs(r.smd.value!)).toBeGreaterThan(0.2);
      expect(Math.abs(r.weighted!.smd.value!)).toBeLessThan(0.05);
      expect(Math.abs(r.weighted!.varianceRatio.value! - 1)).toBeLessThan(Math.abs(r.varianceRatio.value! - 1) + 0.05);
    }
  });

  it('units with a missing covariate get no score and weight 0', () => {
    const age = Float64Array.from(d.age);
    age[0] = NaN;
    const f = propensityScores(d.treated, d.control, [age, d.sa]);
    expect(f.n).toBe(5999);
    expect(Number.isNaN(f.ps[0])).toBe(true);
    expect(attWeights(f.ps, d.treated, d.control)[0]).toBe(0);
  });

  it('degenerate input: one group empty, or a covariate that separates, gives an NA reason', () => {
    const none = propensityScores(d.control.map(() => 0), d.control, [d.age]);
    expect(none.na?.code).toBe('no-treatment-variation');
    const treat = Float64Array.from({ length: 200 }, (_, i) => (i < 100 ? 1 : 0));
    const sep = Float64Array.from(treat, (t, i) => t * 10 + (i % 7));
    const f = propensityScores(maskEquals(treat, 1), maskEquals(treat, 0), [sep]);
    expect(['separation', 'not-converged']).toContain(f.na?.code);
  });
});
