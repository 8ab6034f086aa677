import { describe, expect, it } from 'vitest';
import { baconDecomposition, baconPanel } from '../../src/stats/bacon';
import { twfe } from '../../src/stats/twfe';
import { makePanel, simulateStaggered, type StaggeredData } from './helpers';

function twfeCoef(d: StaggeredData): number {
  return twfe({ y: d.y, unit: d.unit, time: d.time, x: [d.d], names: ['d'] }).coef[0].est.value!;
}

const sum = (xs: number[]) => xs.reduce((s, v) => s + v, 0);

describe('Goodman-Bacon decomposition', () => {
  const designs = {
    'three cohorts and never-treated, constant effect': {
      nT: 12,
      cohorts: [
        { start: 3, size: 40, level: 2, slope: 0 },
        { start: 6, size: 25, level: 2, slope: 0 },
        { start: 9, size: 33, level: 2, slope: 0 },
        { start: Infinity, size: 50, level: 0, slope: 0 },
      ],
    },
    'always-treated units and unequal cohorts': {
      nT: 9,
      cohorts: [
        { start: 0, size: 17, level: 1, slope: 0.3 },
        { start: 2, size: 29, level: 1, slope: 0.3 },
        { start: 7, size: 11, level: 1, slope: 0.3 },
        { start: Infinity, size: 23, level: 0, slope: 0 },
      ],
    },
    'no never-treated group': {
      nT: 10,
      cohorts: [
        { start: 2, size: 30, level: 0, slope: 1 },
        { start: 5, size: 30, level: 0, slope: 1 },
        { start: 8, size: 30, level: 0, slope: 1 },
      ],
    },
  };

  for (const [name, design] of Object.entries(designs)) {
    it(`weights sum to 1 and reproduce the TWFE coefficient exactly: ${name}`, () => {
      const d = simulateStaggered({ seed: 42, ...design });
      const b = baconDecomposition(d);
      expect(b.na).toBeUndefined();
      expect(Math.abs(sum(b.comparisons.map((c) => c.weight)) - 1)).toBeLessThan(1e-10);
      expect(b.comparisons.every((c) => c.weight > 0)).toBe(true);
      expect(Math.abs(b.estimate - twfeCoef(d))).toBeLessThan(1e-10);
      expect(Math.abs(sum(b.byType.map((t) => t.weight)) - 1)).toBeLessThan(1e-10);
      expect(Math.abs(sum(b.byType.map((t) => t.weight * t.estimate)) - b.estimate)).toBeLessThan(1e-10);
    });
  }

  it('lists every pair: k vs never for each cohort, both directions for each pair of cohorts', () => {
    const d = simulateStaggered({ seed: 1, ...designs['three cohorts and never-treated, constant effect'] });
    const b = baconDecomposition(d);
    expect(b.comparisons.filter((c) => c.type === 'treated-vs-never')).toHaveLength(3);
    expect(b.comparisons.filter((c) => c.type === 'earlier-vs-later')).toHaveLength(3);
    expect(b.comparisons.filter((c) => c.type === 'later-vs-earlier')).toHaveLength(3);
    expect(b.groupSizes.get('never')).toBe(50);
    expect(b.groupSizes.get(6)).toBe(25);
    const early = b.comparisons.find((c) => c.type === 'earlier-vs-later' && c.treated === 3 && c.control === 9)!;
    expect(early.estimate).toBeCloseTo(2, 0);
    // With a constant effect every 2×2 is unbiased and TWFE finds it.
    expect(Math.abs(b.estimate - 2)).toBeLessThan(0.15);
  });

  it('always-treated units enter only as controls of later cohorts', () => {
    const d = simulateStaggered({ seed: 3, ...designs['always-treated units and unequal cohorts'] });
    const b = baconDecomposition(d);
    const always = b.comparisons.filter((c) => c.control === 'always');
    expect(always.map((c) => c.type)).toEqual(['later-vs-always', 'later-vs-always']);
    expect(b.comparisons.some((c) => c.treated === 0)).toBe(false);
  });

  it('with heterogeneous dynamic effects TWFE has the wrong sign; the decomposition shows why', () => {
    // Effects are positive for every unit and period, growing with time since treatment, and
    // the early cohort's grow fastest: later-vs-earlier comparisons subtract that growth.
    const d = simulateStaggered({
      seed: 7,
      nT: 12,
      cohorts: [
        { start: 1, size: 100, level: 0, slope: 2 },
        { start: 9, size: 30, level: 0, slope: 0.2 },
        { start: Infinity, size: 5, level: 0, slope: 0 },
      ],
    });
    const b = baconDecomposition(d);
    const coef = twfeCoef(d);
    expect(d.trueAtt).toBeGreaterThan(5);
    expect(coef).toBeLessThan(0);
    expect(Math.abs(b.estimate - coef)).toBeLessThan(1e-10);
    const forbidden = b.byType.find((t) => t.type === 'later-vs-earlier')!;
    expect(forbidden.estimate).toBeLessThan(0);
    expect(forbidden.weight).toBeGreaterThan(0.5);
    for (const t of b.byType.filter((x) => x.type !== 'later-vs-earlier')) expect(t.estimate).toBeGreaterThan(0);
  });

  it('no variation in treatment: NA with a reason', () => {
    const d = simulateStaggered({ seed: 1, nT: 5, cohorts: [{ start: Infinity, size: 10, level: 0, slope: 0 }] });
    const b = baconDecomposition(d);
    expect(b.na?.code).toBe('no-treatment-variation');
    expect(b.comparisons).toEqual([]);
  });

  it('refuses unbalanced panels, reversible or non-0/1 treatment with a clear message', () => {
    const d = simulateStaggered({ seed: 1, nT: 4, cohorts: [{ start: 2, size: 3, level: 1, slope: 0 }, { start: Infinity, size: 3, level: 0, slope: 0 }] });
    expect(() => baconDecomposition({ ...d, y: d.y.slice(1), unit: d.unit.slice(1), time: d.time.slice(1), d: d.d.slice(1) })).toThrow(/not balanced/);
    const off = Float64Array.from(d.d);
    off[3] = 0; // unit 1: treated at 2, untreated again at 3
    expect(() => baconDecomposition({ ...d, d: off })).toThrow(/absorbing/);
    const two = Float64Array.from(d.d);
    two[2] = 2;
    expect(() => baconDecomposition({ ...d, d: two })).toThrow(/expected 0 or 1/);
    const y = Float64Array.from(d.y);
    y[0] = NaN;
    expect(() => baconDecomposition({ ...d, y })).toThrow(/row 1/);
  });

  it('runs on a Panel', () => {
    const d = simulateStaggered({ seed: 5, ...designs['no never-treated group'] });
    const panel = makePanel(Array.from(d.y, (y, i) => ({ unit: d.unit[i], time: d.time[i], y, d: d.d[i] })));
    expect(baconPanel(panel, 'y', 'd').estimate).toBeCloseTo(baconDecomposition(d).estimate, 12);
  });
});
