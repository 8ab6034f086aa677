import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng';
import { eventRows } from '../../src/simulate/event-rows';
import { simulateStaggered } from '../../src/simulate/staggered';
import { exampleDesign, type ExampleParameters } from '../../src/simulate/teaching-example';
import { sampleTruth } from '../../src/simulate/sample-truth';
import { eventTime } from '../../src/data/index';
import { twfe } from '../../src/stats/twfe';

const P: ExampleParameters = { units: 60, periods: 12, starts: [3, 6, 9], shares: [0.3, 0.3, 0.3, 0.1], effectAtStart: 0.25, growth: [0.8, 0.4, 0.1], noiseSd: 1, individualEffectSd: 0.5 };

describe('the method chapter example design', () => {
  it('effect at the start plus growth per period since the start, per group', () => {
    const d = exampleDesign(P);
    expect(d.effect(3, 5)).toBeCloseTo(0.25 + 0.8 * 2, 12);
    expect(d.effect(9, 9)).toBeCloseTo(0.25, 12);
    const byGroup = exampleDesign({ ...P, effectAtStart: [3, 2, 1], growth: [0, 0, 0] });
    expect(byGroup.effect(6, 12)).toBe(2);
  });
  it('fails with a sentence naming the parameter when lists do not fit the start groups', () => {
    expect(() => exampleDesign({ ...P, starts: [3, 5, 7, 9] })).toThrow(/growth must have one rate per start group: 4 starts \(3, 5, 7, 9\) but 3 growth rates/);
    expect(() => exampleDesign({ ...P, effectAtStart: [1, 2] })).toThrow(/effectAtStart must be one number or one per start group/);
    expect(() => exampleDesign({ ...P, shares: [0.5, 0.5, 0.1] })).toThrow(/sharesX0 must have 4 entries/);
  });
  it('eventRows cuts the periods after lastPeriod', () => {
    const p = simulateStaggered(exampleDesign(P), new Rng(1));
    const r = eventRows(p, { lastPeriod: 8 });
    expect(r.y.length).toBe(60 * 8);
    expect(Math.max(...Array.from(r.time))).toBe(8);
  });
});

describe('claim 4 of issue 17: how effects differ decides what TWFE does', () => {
  const twfeVsTruth = (params: ExampleParameters, seed: number) => {
    const design = exampleDesign(params);
    const p = simulateStaggered(design, new Rng(seed));
    const d = Float64Array.from(eventTime(p, 'g'), (e) => (e >= 0 ? 1 : 0));
    const c = twfe({ y: p.cols.y, unit: p.rowUnit, time: p.rowTime, x: [d], names: ['d'] }).coef[0];
    return { est: c.est.value!, se: c.se.value!, truth: sampleTruth(design, p).simple };
  };
  it('effects that differ between groups but are constant over time: re-weighted, same sign, off the truth', () => {
    const r = twfeVsTruth({ ...P, units: 4000, effectAtStart: [3, 2, 1], growth: [0, 0, 0] }, 11);
    expect(Math.sign(r.est)).toBe(Math.sign(r.truth));
    expect(Math.abs(r.est - r.truth)).toBeGreaterThan(3 * r.se);
  });
  it('effects that grow with time since the start: the sign flips', () => {
    const r = twfeVsTruth({ ...P, units: 4000 }, 12);
    expect(Math.sign(r.est)).toBe(-Math.sign(r.truth));
  });
});
