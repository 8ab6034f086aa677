/**
 * Degenerate cells give NA (null) with a warning naming group and time, where R did gives
 * NA; never a crash and never a silent number.
 */
import { describe, expect, it } from 'vitest';
import { aggte, attgt, StaggeredInput, staggeredInputFromPanel } from '../../src/estimate';
import { DEFAULT_DESIGN, simulateStaggered } from '../../src/simulate/staggered';
import { Rng } from '../../src/random/rng';

/** A small panel from explicit per-unit groups and outcomes y(u, t) (periods 1..T). */
function tiny(groups: number[], T: number, y: (u: number, t: number) => number, extra: Record<string, number[]> = {}): StaggeredInput {
  const n = groups.length;
  const rowUnit: number[] = [];
  const rowTime: number[] = [];
  const ys: number[] = [];
  for (let u = 0; u < n; u++) {
    for (let t = 1; t <= T; t++) {
      rowUnit.push(u);
      rowTime.push(t);
      ys.push(y(u, t));
    }
  }
  return {
    nUnits: n,
    unitId: Float64Array.from(groups, (_, i) => i + 1),
    rowUnit: Int32Array.from(rowUnit),
    rowTime: Float64Array.from(rowTime),
    y: Float64Array.from(ys),
    group: { unit: Float64Array.from(groups) },
    covariates: Object.entries(extra).map(([name, v]) => ({ name, column: { unit: Float64Array.from(v) } })),
  };
}

const noise = (u: number, t: number): number => Math.sin(u * 12.9898 + t * 78.233) * 0.5 + 0.01 * u;

describe('degenerate cells', () => {
  it('a singular covariate matrix: every cell NA with R\'s warning naming group and time', () => {
    const panel = simulateStaggered(DEFAULT_DESIGN, new Rng(1));
    const twice = Float64Array.from(panel.unitCols.x1, (v) => 2 * v);
    const inp = staggeredInputFromPanel({ ...panel, unitCols: { ...panel.unitCols, twice } }, { y: 'y', group: 'g', covariates: ['x1', 'twice'] });
    const res = attgt(inp, {});
    for (const c of res.cells) {
      expect(c.att).toBeNull();
      expect(c.se).toBeNull();
      expect(res.warnings).toContain(`Covariate matrix for control units is singular or numerically ill-conditioned for group ${c.group} in time period ${c.time}; consider centering/rescaling covariates or removing collinear terms`);
    }
    expect(res.wald).toBeNull();
    const a = aggte(res, { type: 'dynamic' });
    expect(a.att).toBeNull();
    expect(a.warnings[0]).toMatch(/Missing values/);
  });

  it('all comparison propensity scores trimmed: NA with a warning', () => {
    // Group 3 has 997 units, the last cohort (5, the not-yet-treated comparison) 3: the
    // propensity score 0.997 is above the 0.995 trimming level for every comparison unit.
    const groups = [...Array(997).fill(3), 5, 5, 5];
    const res = attgt(tiny(groups, 5, noise), { control: 'notyet' });
    expect(res.cells.length).toBe(3);
    for (const c of res.cells) {
      expect(c.att).toBeNull();
      expect(res.warnings.some((w) => w.includes(`(g, t) = (3, ${c.time})`) && /trimmed/.test(w))).toBe(true);
    }
    expect(res.warnings.join(' ')).toMatch(/Some groups in your dataset have very few observations/);
  });

  it('no overlap (a covariate predicts treatment): NA with R\'s overlap warning', () => {
    const groups = [...Array(40).fill(3), ...Array(40).fill(0)];
    const x = groups.map((g, i) => (g === 3 ? 5 + (i % 7) : -5 - (i % 5)));
    const res = attgt(tiny(groups, 4, noise, { x }), {});
    for (const c of res.cells) {
      expect(c.att).toBeNull();
      expect(res.warnings).toContain(`overlap condition violated for group 3 in time period ${c.time}`);
    }
  });

  it('no comparison units in a period (unbalanced panel): NA naming group and time', () => {
    const groups = [...Array(30).fill(3), ...Array(30).fill(0)];
    const full = tiny(groups, 4, noise);
    // Never-treated units are not observed in period 4.
    const keep = Array.from(full.y.keys()).filter((r) => !(groups[full.rowUnit[r]] === 0 && full.rowTime[r] === 4));
    const inp: StaggeredInput = { ...full, rowUnit: Int32Array.from(keep, (r) => full.rowUnit[r]), rowTime: Float64Array.from(keep, (r) => full.rowTime[r]), y: Float64Array.from(keep, (r) => full.y[r]) };
    const res = attgt(inp, { unbalanced: true });
    const c4 = res.cells.find((c) => c.time === 4)!;
    expect(c4.att).toBeNull();
    expect(res.warnings).toContain('No available control units for group 3 in time period 4');
    const c3 = res.cells.find((c) => c.time === 3)!;
    expect(c3.att).not.toBeNull();
    // Aggregating drops the NA cell only when asked to.
    expect(aggte(res, { type: 'simple' }).att).toBeNull();
    expect(aggte(res, { type: 'simple', naRm: true }).att).toBeCloseTo(c3.att!, 12);
  });

  it('a group of one unit: estimated (as R does) with R\'s small-group warning', () => {
    const groups = [3, ...Array(20).fill(4), ...Array(40).fill(0)];
    const res = attgt(tiny(groups, 5, noise), {});
    const cells = res.cells.filter((c) => c.group === 3);
    for (const c of cells) {
      expect(c.att).not.toBeNull();
      expect(Number.isFinite(c.att)).toBe(true);
    }
    expect(res.warnings.join(' ')).toMatch(/very few observations.*Check groups: 3/);
    expect(res.groupSizes.find((g) => g.group === 3)!.n).toBe(1);
  });

  it('a group of one unit with a covariate it alone has: NA, not a number', () => {
    const groups = [3, ...Array(20).fill(4), ...Array(40).fill(0)];
    const x = groups.map((_, i) => (i === 0 ? 1 : 0)); // only the lone treated unit has x = 1
    const res = attgt(tiny(groups, 5, noise, { x }), {});
    for (const c of res.cells.filter((c) => c.group === 3)) {
      expect(c.att).toBeNull();
      expect(res.warnings.some((w) => w.includes(`group 3 in time period ${c.time}`))).toBe(true);
    }
  });

  it('a never-treated group too small for never-treated controls is an error, as in R', () => {
    const groups = [...Array(30).fill(3), 0, 0];
    expect(() => attgt(tiny(groups, 4, noise), {})).toThrow(/never-treated group is too small/);
  });
});
