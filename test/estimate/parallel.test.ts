/**
 * Worker threads change nothing: attgt / attgtMany with the cells and the Wald pre-test's
 * covariance spread over threads (FINSAM_THREADS=2, FINSAM_PARALLEL_MIN=0 so that small
 * data go parallel too) give the serial run's cells, influence functions, warnings (same
 * words, same order), NA cells, Wald test and aggregations bit for bit. The statistics
 * counter shows that a worker did take groups and blocks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggte, attgtMany, AttgtOptions, AttgtResult, staggeredInputFromPanel } from '../../src/estimate';
import { parallelStats, workersReady } from '../../src/estimate/parallel';
import type { Panel } from '../../src/data/panel';
import { DEFAULT_DESIGN, simulateStaggered } from '../../src/simulate/staggered';
import { Rng } from '../../src/random/rng';

function sameBits(a: ArrayLike<number> | null, b: ArrayLike<number> | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function expectSame(par: AttgtResult, ser: AttgtResult, label: string): void {
  expect(JSON.stringify(par), label).toBe(JSON.stringify(ser));
  for (const key of ['att', 'se', 'inf', 'group', 'time', 'entGroup', 'entWeight', 'draws'] as const) {
    expect(sameBits(par.detail[key], ser.detail[key]), `${label}: detail.${key}`).toBe(true);
  }
  expect(par.detail.designsFitted, label).toBe(ser.detail.designsFitted);
  expect(JSON.stringify(par.wald), label).toBe(JSON.stringify(ser.wald));
  for (const a of [{ type: 'simple' }, { type: 'group' }, { type: 'dynamic' }, { type: 'calendar' }, { type: 'dynamic', naRm: true }] as const) {
    expect(JSON.stringify(aggte(par, a)), `${label} ${a.type}`).toBe(JSON.stringify(aggte(ser, a)));
  }
  expect(par.warnings, label).toEqual(ser.warnings);
}

function panelWithOutcomes(seed: number): Panel {
  const p = simulateStaggered({ ...DEFAULT_DESIGN, units: 1500, periods: 10, groups: [3, 5, 7, 8], sharesX0: [0.1, 0.1, 0.1, 0.1, 0.6], sharesX1: [0.15, 0.15, 0.1, 0.1, 0.5] }, new Rng(seed));
  const rng = new Rng(seed + 100);
  const y = p.cols.y;
  const y2 = Float64Array.from(y, (v, r) => 2 * v + p.unitCols.x1[p.rowUnit[r]] + rng.normal());
  const flat = Float64Array.from(y, () => 4); // every cell NA-like (no standard error): warnings per cell
  const w = Float64Array.from(p.unitCols.x1, (_, u) => 0.5 + (u % 4) * 0.5);
  return { ...p, cols: { y, y2, flat }, unitCols: { ...p.unitCols, w } };
}

const panel = panelWithOutcomes(3);
const saved = { threads: process.env.FINSAM_THREADS, min: process.env.FINSAM_PARALLEL_MIN };

function run(threads: '1' | '2', options: AttgtOptions, weights?: string): AttgtResult[] {
  process.env.FINSAM_THREADS = threads;
  process.env.FINSAM_PARALLEL_MIN = '0';
  const { y: _y, ...base } = staggeredInputFromPanel(panel, { y: 'y', group: 'g', covariates: ['x1', 'x2'], weights });
  const res = attgtMany({ ...base, ys: ['y', 'y2', 'flat'].map((n) => panel.cols[n]) }, options);
  // The Wald pre-test is computed on first access: under the same thread setting.
  for (const r of res) void r.wald;
  return res;
}

describe('worker threads give the serial numbers', () => {
  beforeAll(async () => {
    process.env.FINSAM_THREADS = '2';
    expect(await workersReady()).toBe(1);
  });
  afterAll(() => {
    for (const [k, v] of [['FINSAM_THREADS', saved.threads], ['FINSAM_PARALLEL_MIN', saved.min]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  for (const method of ['dr', 'ipw', 'reg'] as const) {
    for (const control of ['never', 'notyet'] as const) {
      it(`${method}, ${control}`, () => {
        const before = { ...parallelStats };
        const par = run('2', { method, control });
        const after = { ...parallelStats };
        const ser = run('1', { method, control });
        par.forEach((r, o) => expectSame(r, ser[o], `${method} ${control} outcome ${o}`));
        expect(after.cellJobs).toBe(before.cellJobs + 1);
        expect(after.gramJobs).toBeGreaterThan(before.gramJobs);
        expect(par[2].cells.every((c) => c.se === null)).toBe(true);
      });
    }
  }

  it('weights and the bootstrap', () => {
    const opts: AttgtOptions = { control: 'notyet', bootstrap: { draws: 99, seed: 5 } };
    const par = run('2', opts, 'w');
    const ser = run('1', opts, 'w');
    par.forEach((r, o) => expectSame(r, ser[o], `weighted outcome ${o}`));
  });

  it('the workers take part', () => {
    // Over the runs above the worker thread estimated some groups and Gram blocks itself.
    expect(parallelStats.groupsByWorkers).toBeGreaterThan(0);
    expect(parallelStats.gramRunsByWorkers).toBeGreaterThan(0);
  });
});
