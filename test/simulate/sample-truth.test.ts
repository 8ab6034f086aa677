import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng';
import { sampleTruth } from '../../src/simulate/sample-truth';
import { DEFAULT_DESIGN, simulateStaggered, staggeredTruth, validateDesign, type StaggeredDesign } from '../../src/simulate/staggered';
import { aggte, attgtPanel } from '../../src/estimate/index';

describe('sample truth of a staggered design', () => {
  const design: StaggeredDesign = { ...DEFAULT_DESIGN, units: 400 };
  const panel = simulateStaggered(design, new Rng(3));
  const truth = sampleTruth(design, panel);
  const g = panel.unitCols.g;

  it('counts the drawn group sizes and averages the individual effects (group effect + own deviation h_i) over treated unit-periods', () => {
    const sizes = design.groups.map((gg) => Array.from(g).filter((v) => v === gg).length);
    expect(truth.groupSizes).toEqual(sizes);
    const h = panel.unitCols.h;
    let num = 0;
    let den = 0;
    let numGroup = 0;
    for (let i = 0; i < panel.nUnits; i++) {
      if (g[i] === 0) continue;
      for (let t = g[i]; t <= design.periods; t++) {
        num += design.effect(g[i], t) + h[i];
        numGroup += design.effect(g[i], t);
        den++;
      }
    }
    expect(truth.simple).toBeCloseTo(num / den, 12);
    expect(truth.cells).toBe(den);
    // the deviations matter in one sample: the truth is not the group effects' mean
    expect(Math.abs(truth.simple - numGroup / den)).toBeGreaterThan(1e-6);
    expect(truth.excluded).toEqual([]);
  });

  it('gives the event-study truth from the groups observed at each event time (0 before the start)', () => {
    expect(truth.events).toEqual([-4, -3, -2, -1, 0, 1, 2, 3]);
    expect(truth.dynamic(-2)).toBe(0);
    const [n3, n4, n5] = truth.groupSizes;
    const h = panel.unitCols.h;
    const hMean = (gg: number) => Array.from(h).filter((_, i) => g[i] === gg).reduce((a, b) => a + b, 0);
    expect(truth.dynamic(0)).toBeCloseTo((n3 * design.effect(3, 3) + n4 * design.effect(4, 4) + n5 * design.effect(5, 5) + hMean(3) + hMean(4) + hMean(5)) / (n3 + n4 + n5), 12);
    expect(truth.dynamic(3)).toBeCloseTo(design.effect(3, 6) + hMean(3) / n3, 12); // only the first group is seen 3 periods after its start
    expect(Number.isNaN(truth.dynamic(4))).toBe(true);
  });

  it('is close to the population truth in a large sample', () => {
    const big = sampleTruth({ ...design, units: 20000 }, simulateStaggered({ ...design, units: 20000 }, new Rng(4)));
    expect(Math.abs(big.simple - staggeredTruth(design).simple)).toBeLessThan(0.02);
  });

  it('without never-treated units: the identified truth (last group only a comparison, its periods cut) is what CS not-yet-treated estimates', () => {
    const noNever: StaggeredDesign = { ...DEFAULT_DESIGN, units: 6000, trendX2: 0, sharesX0: [0.3, 0.3, 0.4, 0], sharesX1: [0.3, 0.3, 0.4, 0] };
    const p = simulateStaggered(noNever, new Rng(5));
    const t = sampleTruth(noNever, p);
    expect(t.hasNever).toBe(false);
    expect(t.identifiedGroups).toEqual([3, 4]);
    expect(t.lastPeriod).toBe(4);
    expect(t.excluded.length).toBe(1);
    const cs = aggte(attgtPanel(p, { y: 'y', group: 'g', control: 'notyet' }), { type: 'simple' });
    expect(Math.abs(cs.att! - t.simple)).toBeLessThan(4 * cs.se!);
    // the old target averaged cells nobody can estimate and lay far from the estimate
    let num = 0;
    let den = 0;
    for (let i = 0; i < p.nUnits; i++) for (let tt = p.unitCols.g[i]; tt <= noNever.periods; tt++) ((num += noNever.effect(p.unitCols.g[i], tt)), den++);
    expect(Math.abs(cs.att! - num / den)).toBeGreaterThan(10 * cs.se!);
  });

  it('a start in the first period is dropped from the truth as the engine drops it', () => {
    const early: StaggeredDesign = { ...DEFAULT_DESIGN, units: 4000, trendX2: 0, groups: [1, 3, 5] };
    const p = simulateStaggered(early, new Rng(6));
    const t = sampleTruth(early, p);
    expect(t.identifiedGroups).toEqual([3, 5]);
    const cs = aggte(attgtPanel(p, { y: 'y', group: 'g', control: 'never' }), { type: 'simple' });
    expect(Math.abs(cs.att! - t.simple)).toBeLessThan(4 * cs.se!);
  });

  it('anticipation: the estimator’s anticipation shifts the cut; the DGP’s anticipation effect is the pre-period truth', () => {
    const ant: StaggeredDesign = { ...DEFAULT_DESIGN, anticipation: { periods: 1, effect: -0.4 } };
    const p = simulateStaggered(ant, new Rng(7));
    const t = sampleTruth(ant, p, { anticipation: 1 });
    expect(t.dynamic(-1)).toBeCloseTo(-0.4, 12);
    expect(t.dynamic(-2)).toBe(0);
    // CS that allows for one period of anticipation recovers the truth; CS that ignores it is off by about the anticipation effect
    const big: StaggeredDesign = { ...ant, units: 6000, trendX2: 0 };
    const pb = simulateStaggered(big, new Rng(8));
    const tb = sampleTruth(big, pb, { anticipation: 1 });
    const allow = aggte(attgtPanel(pb, { y: 'y', group: 'g', control: 'never', anticipation: 1 }), { type: 'simple' });
    const ignore = aggte(attgtPanel(pb, { y: 'y', group: 'g', control: 'never' }), { type: 'simple' });
    expect(Math.abs(allow.att! - tb.simple)).toBeLessThan(4 * allow.se!);
    expect(ignore.att! - sampleTruth(big, pb).simple).toBeGreaterThan(0.25);
  });

  it('names a missing group column', () => {
    expect(() => sampleTruth(design, panel, 'start')).toThrow(/no per-unit column "start"/);
  });
});

describe('validateDesign', () => {
  it('names the bad parameter before anything is drawn', () => {
    const bad = (d: Partial<StaggeredDesign>) => () => validateDesign({ ...DEFAULT_DESIGN, ...d });
    expect(bad({ groups: [3, 4, 5, 6] })).toThrow(/sharesX0 must have 5 entries/);
    expect(bad({ sharesX0: [0.5, 0.5, 0.5, -0.5] })).toThrow(/sharesX0\[3\] must be ≥ 0/);
    expect(bad({ sharesX1: [0.2, 0.2, 0.2, 0.2] })).toThrow(/sharesX1 must sum to 1/);
    expect(bad({ groups: [3, 3, 5] })).toThrow(/ascending/);
    expect(bad({ groups: [3, 4, 9] })).toThrow(/after the last period 6/);
    expect(bad({ units: 10.5 })).toThrow(/units must be a whole number/);
    expect(bad({ effect: (g) => [1, 2][g - 3] })).toThrow(/effect\(5, 5\) is undefined/);
    expect(bad({ noiseSd: -1 })).toThrow(/noiseSd must be ≥ 0/);
    expect(bad({ anticipation: { periods: -1, effect: 0 } })).toThrow(/anticipation.periods/);
    expect(() => simulateStaggered({ ...DEFAULT_DESIGN, groups: [3, 4, 5, 6] }, new Rng(1))).toThrow(/sharesX0/);
  });
});
