/**
 * attgtMany (several outcomes, one model) against one attgt call per outcome: every cell,
 * standard error, influence function, bootstrap draw, warning, NA cell and aggregation must
 * be bit for bit the same, also when outcomes have different missing values (and so
 * different samples), for degenerate cells, unbalanced panels and repeated cross sections.
 */
import { describe, expect, it } from 'vitest';
import { aggte, attgt, attgtMany, attgtPanel, attgtPanelMany, AttgtOptions, AttgtResult, StaggeredInput, staggeredInputFromPanel } from '../../src/estimate';
import { groupOutcomesByRows, usableRows } from '../../src/estimate/prepare';
import type { Panel } from '../../src/data/panel';
import { DEFAULT_DESIGN, simulateStaggered } from '../../src/simulate/staggered';
import { Rng } from '../../src/random/rng';

/** Typed arrays equal element by element (Object.is: NaN equals NaN, -0 differs from 0). */
function sameBits(a: ArrayLike<number> | null, b: ArrayLike<number> | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

const AGGREGATIONS = [
  { type: 'simple' },
  { type: 'group' },
  { type: 'dynamic' },
  { type: 'calendar' },
  { type: 'group', naRm: true },
  { type: 'dynamic', minE: -2, maxE: 1, naRm: true },
] as const;

function expectSame(many: AttgtResult, one: AttgtResult, label: string): void {
  expect(JSON.stringify(many), label).toBe(JSON.stringify(one));
  for (const key of ['att', 'se', 'inf', 'group', 'time', 'entGroup', 'entWeight', 'entId', 'groups', 'periods', 'draws'] as const) {
    expect(sameBits(many.detail[key], one.detail[key]), `${label}: detail.${key}`).toBe(true);
  }
  expect(sameBits(many.detail.clusterCode, one.detail.clusterCode), `${label}: clusterCode`).toBe(true);
  expect(many.detail.designsFitted, label).toBe(one.detail.designsFitted);
  for (const a of AGGREGATIONS) {
    let x: string;
    let y: string;
    try {
      x = JSON.stringify(aggte(many, a));
    } catch (err) {
      x = `error: ${(err as Error).message}`;
    }
    try {
      y = JSON.stringify(aggte(one, a));
    } catch (err) {
      y = `error: ${(err as Error).message}`;
    }
    expect(x, `${label}: aggte ${JSON.stringify(a)}`).toBe(y);
  }
  // The Wald pre-test is computed on first access and may add a warning.
  expect(JSON.stringify(many.wald), label).toBe(JSON.stringify(one.wald));
  expect(many.warnings, label).toEqual(one.warnings);
}

/** attgtMany over `ys` equals attgt per outcome. */
function expectManyEqualsSeparate(input: StaggeredInput, ys: Float64Array[], options: AttgtOptions, label: string): AttgtResult[] {
  const { y: _y, ...base } = input;
  const many = attgtMany({ ...base, ys }, options);
  expect(many.length).toBe(ys.length);
  ys.forEach((y, o) => expectSame(many[o], attgt({ ...base, y }, options), `${label}, outcome ${o}`));
  return many;
}

/** The default simulated design with a factor covariate and more outcomes. */
function panelWithOutcomes(seed: number): Panel {
  const p = simulateStaggered(DEFAULT_DESIGN, new Rng(seed));
  const rng = new Rng(seed + 100);
  const y = p.cols.y;
  const y2 = Float64Array.from(y, (v, r) => 2 * v + p.unitCols.x1[p.rowUnit[r]] + rng.normal());
  const y3 = Float64Array.from(y, (v, r) => (rng.uniform() < 0.3 ? 1 : 0) + 0.1 * p.rowTime[r]);
  const flat = Float64Array.from(y, () => 4);
  const region = Float64Array.from(p.unitCols.x1, (v) => (v < -0.5 ? 0 : v < 0.5 ? 1 : 2));
  const w = Float64Array.from(p.unitCols.x1, (v, u) => 0.5 + (u % 4) * 0.5);
  const cl = Float64Array.from(p.unitCols.x1, (_, u) => u % 37);
  return { ...p, cols: { y, y2, y3, flat }, unitCols: { ...p.unitCols, region, w, cl }, levels: { region: ['south', 'middle', 'north'] } };
}

const panel = panelWithOutcomes(7);
const OUTCOMES = ['y', 'y2', 'y3', 'flat'];
const covariates = ['x1', 'x2', 'factor(region)'];
const inputOf = (p: Panel, extra: Partial<Parameters<typeof staggeredInputFromPanel>[1]> = {}) =>
  staggeredInputFromPanel(p, { y: 'y', group: 'g', covariates, ...extra });
const columns = (p: Panel, names: string[]) => names.map((n) => p.cols[n]);

describe('attgtMany equals one attgt call per outcome', () => {
  for (const method of ['dr', 'ipw', 'reg'] as const) {
    for (const control of ['never', 'notyet'] as const) {
      for (const base of ['varying', 'universal'] as const) {
        it(`${method}, ${control}, ${base}`, () => {
          const many = expectManyEqualsSeparate(inputOf(panel), columns(panel, OUTCOMES), { method, control, base }, `${method} ${control} ${base}`);
          // The constant outcome: every cell 0 with no standard error (an outcome-specific NA).
          expect(many[3].cells.every((c) => c.se === null)).toBe(true);
          // (The universal base period's own cell is 0 with no standard error in every outcome.)
          expect(many[0].cells.filter((c) => c.att !== 0).every((c) => c.se !== null)).toBe(true);
        });
      }
    }
  }

  it('weights, a cluster variable and the seeded bootstrap (same draws)', () => {
    const inp = inputOf(panel, { weights: 'w', cluster: 'cl' });
    const many = expectManyEqualsSeparate(inp, columns(panel, OUTCOMES), { control: 'notyet', bootstrap: { draws: 199, seed: 11 } }, 'bootstrap');
    expect(many[0].uniform).toBe(true);
    expect(many[0].detail.draws).not.toBeNull();
  });

  it('anticipation and a time-varying covariate', () => {
    const xt = Float64Array.from(panel.cols.y, (_, r) => Math.sin(r) + panel.rowTime[r] * 0.1);
    const p2 = { ...panel, cols: { ...panel.cols, xt } };
    expectManyEqualsSeparate(staggeredInputFromPanel(p2, { y: 'y', group: 'g', covariates: ['x1', 'xt'] }), columns(p2, OUTCOMES), { anticipation: 1, control: 'notyet' }, 'anticipation');
  });

  it('unbalanced panels and repeated cross sections (shared preparation, cells per outcome)', () => {
    // Drop a few rows so the panel is unbalanced.
    const keep = Array.from(panel.cols.y.keys()).filter((r) => r % 23 !== 5);
    const sub = (v: Float64Array) => Float64Array.from(keep, (r) => v[r]);
    const full = inputOf(panel);
    const inp: StaggeredInput = { ...full, rowUnit: Int32Array.from(keep, (r) => full.rowUnit[r]), rowTime: Float64Array.from(keep, (r) => full.rowTime[r]), y: sub(full.y) };
    const ys = OUTCOMES.map((n) => sub(panel.cols[n]));
    const unb = expectManyEqualsSeparate(inp, ys, { unbalanced: true }, 'unbalanced');
    expect(unb[0].mode).toBe('unbalanced');
    const rcs = expectManyEqualsSeparate(inp, ys, { rcs: true, control: 'notyet' }, 'rcs');
    expect(rcs[0].mode).toBe('rcs');
  });

  // Most rows (left out rows skipped in place) and few rows (the selection gathered first).
  for (const [label, inside] of [
    ['most rows', (r: number) => panel.rowUnit[r] % 5 !== 0 && panel.rowTime[r] >= 2],
    ['few rows', (r: number) => panel.rowUnit[r] % 3 === 0 && panel.rowTime[r] >= 2],
  ] as const) {
    it(`a row selection (include, ${label}) equals cutting the data first, dropped-row count included`, () => {
      const include = Uint8Array.from(panel.cols.y, (_, r) => (inside(r) ? 1 : 0));
      const rows = Array.from(panel.cols.y.keys()).filter(inside);
      // y has a missing value inside the selection and one outside it.
      const y = Float64Array.from(panel.cols.y, (v, r) => (r === rows[7] || r === 0 ? NaN : v));
      // A row-level covariate and row-level weights are cut with the rows.
      const xt = Float64Array.from(panel.cols.y, (_, r) => Math.cos(r) + 0.1 * panel.rowTime[r]);
      const wr = Float64Array.from(panel.cols.y, (_, r) => 1 + (panel.rowUnit[r] % 3));
      const p2 = { ...panel, cols: { ...panel.cols, xt, wr } };
      const { y: _y, ...full } = staggeredInputFromPanel(p2, { y: 'y', group: 'g', covariates: ['x1', 'xt', 'factor(region)'], weights: 'wr' });
      const cutRow = (v: Float64Array) => Float64Array.from(rows, (r) => v[r]);
      const cut: StaggeredInput = {
        ...full,
        rowUnit: Int32Array.from(rows, (r) => full.rowUnit[r]),
        rowTime: Float64Array.from(rows, (r) => full.rowTime[r]),
        y: cutRow(y),
        covariates: full.covariates!.map((c) => ('row' in c.column ? { ...c, column: { row: cutRow(c.column.row) } } : c)),
        weights: { row: cutRow(wr) },
      };
      for (const control of ['never', 'notyet'] as const) {
        const many = attgtMany({ ...full, include, ys: [y, panel.cols.y2] }, { control });
        expectSame(many[0], attgt(cut, { control }), `include ${control}`);
        expectSame(many[1], attgt({ ...cut, y: cutRow(panel.cols.y2) }, { control }), `include ${control} y2`);
        expect(many[0].warnings).toContain('dropped 1 rows from original data due to missing or non-finite data');
      }
      expect(() => attgtMany({ ...full, include: include.subarray(1), ys: [y] })).toThrow(/row selection has/);
    });
  }

  it('attgtPanelMany equals attgtPanel per outcome', () => {
    const spec = { group: 'g', covariates, control: 'notyet' as const };
    const many = attgtPanelMany(panel, spec, OUTCOMES);
    OUTCOMES.forEach((y, o) => expectSame(many[o], attgtPanel(panel, { ...spec, y }), `panel ${y}`));
  });
});

describe('outcomes with different missing values', () => {
  // y: complete. yGap: one row missing for 5 units (dropped to balance the panel: a smaller
  // sample). yGap2: the same rows missing as yGap. yOther: other rows missing.
  const y = panel.cols.y;
  const gapRows = new Set([3, 40, 41, 300, 1207]);
  const yGap = Float64Array.from(y, (v, r) => (gapRows.has(r) ? NaN : v));
  const yGap2 = Float64Array.from(panel.cols.y2, (v, r) => (gapRows.has(r) ? NaN : v));
  const yOther = Float64Array.from(panel.cols.y3, (v, r) => (r % 97 === 1 ? NaN : v));
  const ys = [y, yGap, yOther, yGap2];

  it('groups outcomes by the rows they keep, in order of first appearance', () => {
    const usable = usableRows(inputOf(panel), { control: 'never', anticipation: 0, unbalanced: false, rcs: false });
    expect(groupOutcomesByRows(usable.keep, ys).map((g) => g.outcomes)).toEqual([[0], [1, 3], [2]]);
    // A missing covariate drops the same rows for every outcome: one group.
    expect(groupOutcomesByRows(usable.keep, [y, panel.cols.y2, panel.cols.flat]).map((g) => g.outcomes)).toEqual([[0, 1, 2]]);
  });

  for (const control of ['never', 'notyet'] as const) {
    it(`each outcome keeps its own sample, warnings and cells (${control})`, () => {
      const many = expectManyEqualsSeparate(inputOf(panel), ys, { control }, `missing ${control}`);
      expect(many[0].n).toBe(panel.nUnits);
      expect(many[1].n).toBe(panel.nUnits - 4); // rows 40 and 41 are the same unit
      expect(many[1].warnings).toContain('dropped 5 rows from original data due to missing or non-finite data');
      expect(many[1].warnings).toContain('4 units are missing in some periods. Converting to balanced panel by dropping them.');
      expect(many[0].warnings.some((w) => w.startsWith('dropped'))).toBe(false);
      expect(many[2].n).toBeLessThan(many[1].n);
    });
  }

  it('an unbalanced panel keeps every unit, with each outcome\'s own rows', () => {
    const many = expectManyEqualsSeparate(inputOf(panel), ys, { unbalanced: true }, 'missing unbalanced');
    expect(many[1].mode).toBe('unbalanced');
    expect(many[0].mode).toBe('panel');
  });

  it('an outcome with no usable value throws the error its own call throws', () => {
    const empty = new Float64Array(y.length).fill(NaN);
    const { y: _y, ...base } = inputOf(panel);
    expect(() => attgt({ ...base, y: empty })).toThrow(/all observations were dropped because of missing data/);
    expect(() => attgtMany({ ...base, ys: [y, empty] })).toThrow(/all observations were dropped because of missing data/);
    expect(() => attgtMany({ ...base, ys: [y, y.subarray(1)] })).toThrow(/outcome 2 has/);
    expect(attgtMany({ ...base, ys: [] })).toEqual([]);
  });
});

describe('degenerate cells are the same NA cells with the same warnings', () => {
  /** A small panel from per-unit groups, a covariate and outcome functions (periods 1..T). */
  function tiny(groups: number[], T: number, x: number[], fs: ((u: number, t: number) => number)[]): { input: StaggeredInput; ys: Float64Array[] } {
    const rowUnit: number[] = [];
    const rowTime: number[] = [];
    for (let u = 0; u < groups.length; u++) for (let t = 1; t <= T; t++) rowUnit.push(u), rowTime.push(t);
    const ys = fs.map((f) => Float64Array.from(rowUnit, (u, r) => f(u, rowTime[r])));
    return {
      input: {
        nUnits: groups.length,
        unitId: Float64Array.from(groups, (_, i) => i + 1),
        rowUnit: Int32Array.from(rowUnit),
        rowTime: Float64Array.from(rowTime),
        y: ys[0],
        group: { unit: Float64Array.from(groups) },
        covariates: [{ name: 'x', column: { unit: Float64Array.from(x) } }],
      },
      ys,
    };
  }
  const noise = (u: number, t: number) => Math.sin(u * 12.9898 + t * 78.233) * 0.5 + 0.01 * u;
  const other = (u: number, t: number) => Math.cos(u * 3.1 + t) + t * 0.2;

  it('no overlap: every cell NA with R\'s warning, for each outcome', () => {
    const groups = [...Array(40).fill(3), ...Array(40).fill(0)];
    const x = groups.map((g, i) => (g === 3 ? 5 + (i % 7) : -5 - (i % 5)));
    const { input, ys } = tiny(groups, 4, x, [noise, other]);
    const many = expectManyEqualsSeparate(input, ys, {}, 'overlap');
    for (const res of many) {
      expect(res.cells.every((c) => c.att === null)).toBe(true);
      expect(res.warnings).toContain('overlap condition violated for group 3 in time period 4');
    }
  });

  it('every comparison trimmed and a lone treated unit with its own covariate value', () => {
    const trimmed = tiny([...Array(997).fill(3), 5, 5, 5], 5, Array(1000).fill(0).map((_, i) => i % 3), [noise, other]);
    const a = expectManyEqualsSeparate(trimmed.input, trimmed.ys, { control: 'notyet' }, 'trimmed');
    expect(a[1].warnings.some((w) => /trimmed/.test(w))).toBe(true);
    const groups = [3, ...Array(20).fill(4), ...Array(40).fill(0)];
    const lone = tiny(groups, 5, groups.map((_, i) => (i === 0 ? 1 : 0)), [noise, other]);
    const b = expectManyEqualsSeparate(lone.input, lone.ys, {}, 'lone');
    expect(b[1].cells.filter((c) => c.group === 3).every((c) => c.att === null)).toBe(true);
  });
});
