import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng';
import { sampleTruth } from '../../src/simulate/sample-truth';
import { DEFAULT_DESIGN, simulateStaggered, staggeredTruth, type StaggeredDesign } from '../../src/simulate/staggered';

describe('sample truth of a staggered design', () => {
  const design: StaggeredDesign = { ...DEFAULT_DESIGN, units: 400 };
  const panel = simulateStaggered(design, new Rng(3));
  const truth = sampleTruth(design, panel);
  const g = panel.unitCols.g;

  it('counts the drawn group sizes and weights ATT(g,t) by them', () => {
    const sizes = design.groups.map((gg) => Array.from(g).filter((v) => v === gg).length);
    expect(truth.groupSizes).toEqual(sizes);
    let num = 0;
    let den = 0;
    for (let i = 0; i < panel.nUnits; i++) {
      if (g[i] === 0) continue;
      for (let t = g[i]; t <= design.periods; t++) {
        num += design.effect(g[i], t);
        den++;
      }
    }
    expect(truth.simple).toBeCloseTo(num / den, 12);
  });

  it('gives the event-study truth from the groups observed at each event time (0 before the start)', () => {
    expect(truth.events).toEqual([-4, -3, -2, -1, 0, 1, 2, 3]);
    expect(truth.dynamic(-2)).toBe(0);
    const [n3, n4, n5] = truth.groupSizes;
    expect(truth.dynamic(0)).toBeCloseTo((n3 * design.effect(3, 3) + n4 * design.effect(4, 4) + n5 * design.effect(5, 5)) / (n3 + n4 + n5), 12);
    expect(truth.dynamic(3)).toBeCloseTo(design.effect(3, 6), 12); // only the first group is seen 3 periods after its start
    expect(Number.isNaN(truth.dynamic(4))).toBe(true);
  });

  it('is close to the population truth in a large sample', () => {
    const big = sampleTruth({ ...design, units: 20000 }, simulateStaggered({ ...design, units: 20000 }, new Rng(4)));
    expect(Math.abs(big.simple - staggeredTruth(design).simple)).toBeLessThan(0.02);
  });

  it('names a missing group column', () => {
    expect(() => sampleTruth(design, panel, 'start')).toThrow(/no per-unit column "start"/);
  });
});
