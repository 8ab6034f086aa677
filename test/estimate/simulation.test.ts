/** Estimates on simulated staggered panels land near the known truth (src/simulate/staggered.ts). */
import { describe, expect, it } from 'vitest';
import { aggte, attgtPanel } from '../../src/estimate';
import { DEFAULT_DESIGN, simulateStaggered, staggeredTruth, StaggeredDesign } from '../../src/simulate/staggered';
import { Rng } from '../../src/random/rng';

describe('known truth', () => {
  const design: StaggeredDesign = { ...DEFAULT_DESIGN, units: 3000 };
  const truth = staggeredTruth(design);
  const panel = simulateStaggered(design, new Rng(2024));

  for (const method of ['dr', 'ipw', 'reg'] as const) {
    it(`${method} with covariates: cells and aggregates within 4 SEs of the truth`, () => {
      const res = attgtPanel(panel, { y: 'y', group: 'g', covariates: ['x1', 'x2'], method });
      for (const c of res.cells) expect(Math.abs(c.att! - truth.attgt(c.group, c.time)), `(${c.group},${c.time})`).toBeLessThan(4 * c.se!);
      const simple = aggte(res, { type: 'simple' });
      expect(Math.abs(simple.att! - truth.simple)).toBeLessThan(4 * simple.se!);
      const dyn = aggte(res, { type: 'dynamic' });
      for (const b of dyn.by) expect(Math.abs(b.att! - truth.dynamic(b.e))).toBeLessThan(4 * b.se!);
      expect(Math.abs(dyn.att! - truth.dynamicOverall)).toBeLessThan(4 * dyn.se!);
      expect(Math.abs(dyn.pre!.att!)).toBeLessThan(4 * dyn.pre!.se!);
      const grp = aggte(res, { type: 'group' });
      for (const b of grp.by) expect(Math.abs(b.att! - truth.group(b.e))).toBeLessThan(4 * b.se!);
    });
  }

  it('not-yet-treated controls and the universal base period also recover the truth', () => {
    const res = attgtPanel(panel, { y: 'y', group: 'g', covariates: ['x1', 'x2'], control: 'notyet', base: 'universal' });
    const dyn = aggte(res, { type: 'dynamic' });
    for (const b of dyn.by) expect(Math.abs(b.att! - truth.dynamic(b.e))).toBeLessThan(4 * (b.se ?? 1e-9) + 1e-12);
  });

  it('ignoring the confounding covariate biases the estimate (the DGP is not trivially unconfounded)', () => {
    const strong: StaggeredDesign = { ...design, trendX2: 1.5, units: 4000 };
    const p = simulateStaggered(strong, new Rng(7));
    const t = staggeredTruth(strong);
    const naive = aggte(attgtPanel(p, { y: 'y', group: 'g' }), { type: 'simple' });
    const adjusted = aggte(attgtPanel(p, { y: 'y', group: 'g', covariates: ['x1', 'x2'] }), { type: 'simple' });
    expect(Math.abs(naive.att! - t.simple)).toBeGreaterThan(5 * naive.se!);
    expect(Math.abs(adjusted.att! - t.simple)).toBeLessThan(4 * adjusted.se!);
  });
});
