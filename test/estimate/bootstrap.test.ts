/** Seeded multiplier bootstrap: the blocked sums, determinism by seed, agreement with analytic SEs. */
import { describe, expect, it } from 'vitest';
import { aggte, attgtPanel } from '../../src/estimate';
import { drawMultipliers, multiplierSums } from '../../src/estimate/bootstrap';
import { qnorm } from '../../src/estimate/distributions';
import { DEFAULT_DESIGN, simulateStaggered } from '../../src/simulate/staggered';
import { Rng } from '../../src/random/rng';

describe('multiplier sums', () => {
  for (const kind of ['rademacher', 'mammen'] as const) {
    it(`${kind}: blocked sums equal sum_i U_bi v_ij`, () => {
      const n = 37;
      const m = 19;
      const B = 23;
      const rng = new Rng(3);
      const cols = Float64Array.from({ length: n * m }, () => rng.normal());
      const mult = drawMultipliers(n, B, 99, kind);
      const sums = multiplierSums(mult, cols, m);
      for (let b = 0; b < B; b++) {
        for (let j = 0; j < m; j++) {
          let s = 0;
          for (let i = 0; i < n; i++) {
            const bit = (mult.bits[b * mult.bytesPerDraw + (i >> 3)] >> (i & 7)) & 1;
            s += (mult.a + mult.c * bit) * cols[j * n + i];
          }
          expect(sums[b * m + j]).toBeCloseTo(s, 10);
        }
      }
    });
  }

  it('multipliers have mean 0 and variance 1 (and Mammen third moment 1)', () => {
    for (const kind of ['rademacher', 'mammen'] as const) {
      const n = 200000;
      const mult = drawMultipliers(n, 1, 5, kind);
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let i = 0; i < n; i++) {
        const u = mult.a + mult.c * ((mult.bits[i >> 3] >> (i & 7)) & 1);
        s1 += u;
        s2 += u * u;
        s3 += u * u * u;
      }
      expect(Math.abs(s1 / n)).toBeLessThan(0.01);
      expect(Math.abs(s2 / n - 1)).toBeLessThan(0.01);
      expect(Math.abs(s3 / n - (kind === 'mammen' ? 1 : 0))).toBeLessThan(0.03);
    }
  });
});

describe('bootstrapped attgt and aggte', () => {
  const panel = simulateStaggered({ ...DEFAULT_DESIGN, units: 1500 }, new Rng(8));
  const spec = { y: 'y', group: 'g', covariates: ['x1', 'x2'] };

  it('is reproducible by seed and changes with the seed', () => {
    const a = attgtPanel(panel, { ...spec, bootstrap: { draws: 199, seed: 1 } });
    const b = attgtPanel(panel, { ...spec, bootstrap: { draws: 199, seed: 1 } });
    const c = attgtPanel(panel, { ...spec, bootstrap: { draws: 199, seed: 2 } });
    expect(a.cells.map((x) => x.se)).toEqual(b.cells.map((x) => x.se));
    expect(a.critical).toBe(b.critical);
    expect(aggte(a, { type: 'dynamic' }).by.map((x) => x.se)).toEqual(aggte(b, { type: 'dynamic' }).by.map((x) => x.se));
    expect(a.cells.map((x) => x.se)).not.toEqual(c.cells.map((x) => x.se));
    expect(a.cells.map((x) => x.att)).toEqual(c.cells.map((x) => x.att));
  });

  it('bootstrap SEs are close to the analytic ones; the uniform band is wider than pointwise', () => {
    const analytic = attgtPanel(panel, spec);
    const boot = attgtPanel(panel, { ...spec, bootstrap: { draws: 999, seed: 11 } });
    boot.cells.forEach((c, j) => expect(Math.abs(c.se! / analytic.cells[j].se! - 1)).toBeLessThan(0.15));
    expect(boot.uniform).toBe(true);
    expect(boot.critical).toBeGreaterThan(qnorm(0.975));
    expect(boot.critical).toBeLessThan(4);
    for (const type of ['simple', 'group', 'dynamic', 'calendar'] as const) {
      const a = aggte(analytic, { type });
      const b = aggte(boot, { type });
      expect(Math.abs(b.se! / a.se! - 1)).toBeLessThan(0.15);
      if (type !== 'simple') {
        expect(b.uniform).toBe(true);
        expect(b.critical).toBeGreaterThan(qnorm(0.975));
        b.by.forEach((row, q) => expect(Math.abs(row.se! / a.by[q].se! - 1)).toBeLessThan(0.15));
      }
    }
    const dyn = aggte(boot, { type: 'dynamic' });
    expect(dyn.pre!.se).not.toBeNull();
    expect(dyn.post!.att).toBe(dyn.att);
  });

  it('clustered bootstrap resamples clusters', () => {
    const cl = Float64Array.from(panel.unitIds, (id) => id % 50);
    const p2 = { ...panel, unitCols: { ...panel.unitCols, cl } };
    const res = attgtPanel(p2, { ...spec, cluster: 'cl', bootstrap: { draws: 299, seed: 3 } });
    expect(res.detail.nBootRows).toBe(50);
    res.cells.forEach((c) => expect(c.se).not.toBeNull());
    expect(res.wald).toBeNull();
    expect(res.warnings.join(' ')).toMatch(/Wald pre-test is not reported/);
  });
});
