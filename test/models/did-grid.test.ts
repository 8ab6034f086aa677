/**
 * fitGrid fits each model's outcomes in one attgtMany call on a cut of only the columns the
 * model reads; every fit must equal the one-outcome path (fitOnPanel on the full cut panel),
 * apart from the wall time `ms`.
 */
import { describe, expect, it } from 'vitest';
import type { Panel } from '../../src/data/panel';
import { fitDid, fitGrid, fitOnPanel, gridFit, modelPanel, type DidFit, type DidModel, type DidSettings } from '../../src/models/did-grid';
import { DEFAULT_DESIGN, simulateStaggered } from '../../src/simulate/staggered';
import { Rng } from '../../src/random/rng';

function withoutMs(fit: DidFit): string {
  const { ms, ...rest } = fit;
  expect(ms).toBeGreaterThanOrEqual(0);
  return JSON.stringify(rest);
}

function panelWith(seed: number): Panel {
  const p = simulateStaggered({ ...DEFAULT_DESIGN, periods: 8, groups: [3, 5, 7] }, new Rng(seed));
  const rng = new Rng(seed + 1);
  const y = p.cols.y;
  const y2 = Float64Array.from(y, (v) => v + rng.normal(0, 2));
  // Missing in a few rows: a smaller sample for this outcome only.
  const yGap = Float64Array.from(y, (v, r) => (r % 211 === 3 ? NaN : 0.5 * v));
  const woman = Float64Array.from(p.unitCols.x1, (_, u) => u % 2);
  const region = Float64Array.from(p.unitCols.x1, (v) => (v < 0 ? 0 : 1));
  const unused = Float64Array.from(y, () => rng.normal());
  return { ...p, cols: { y, y2, yGap, unused }, unitCols: { ...p.unitCols, woman, region }, levels: { region: ['a', 'b'] } };
}

const panel = panelWith(3);
const settings: DidSettings = { group: 'g', event: { minE: -3, maxE: 2 }, options: { method: 'dr', control: 'notyet' } };
const models: DidModel[] = [
  { key: 'all', label: { sv: 'alla', en: 'all' } },
  { key: 'cov', label: { sv: 'kov', en: 'cov' }, covariates: ['x1', 'factor(region)'], options: { control: 'never' } },
  // A unit test reading a column the model does not use, and a window.
  { key: 'women', label: { sv: 'kvinnor', en: 'women' }, units: (u, p) => p.unitCols.woman[u] === 1, covariates: ['x2'], from: 2, to: 7 },
  { key: 'mask', label: { sv: 'mask', en: 'mask' }, units: Uint8Array.from({ length: panel.nUnits }, (_, u) => (u % 3 === 0 ? 0 : 1)), options: { method: 'ipw' } },
];
const outcomes = ['y', 'y2', 'yGap'];

describe('fitGrid', () => {
  const grid = fitGrid(panel, models, outcomes, settings);

  it('gives every model and outcome the fit of the one-outcome path', () => {
    for (const m of models) {
      const cut = modelPanel(panel, m);
      for (const y of outcomes) {
        const fit = gridFit(grid, m.key, y);
        expect(withoutMs(fit), `${m.key} ${y}`).toBe(withoutMs(fitOnPanel(cut, m, y, settings)));
        expect(withoutMs(fitDid(panel, m, y, settings)), `fitDid ${m.key} ${y}`).toBe(withoutMs(fit));
      }
    }
  });

  it('keeps each outcome\'s own sample when missing values differ', () => {
    const full = gridFit(grid, 'all', 'y');
    const gap = gridFit(grid, 'all', 'yGap');
    expect(gap.n).toBeLessThan(full.n);
    expect(gap.warnings.some((w) => /dropped \d+ rows/.test(w))).toBe(true);
    expect(full.warnings.some((w) => /dropped \d+ rows/.test(w))).toBe(false);
    expect(gridFit(grid, 'women', 'y').n).toBeLessThan(full.n);
  });

  it('names a missing column with the panel\'s columns, as the one-outcome path does', () => {
    const bad: DidModel = { key: 'bad', label: { sv: 'x', en: 'x' }, covariates: ['nope'] };
    let one = '';
    try {
      fitDid(panel, bad, 'y', settings);
    } catch (err) {
      one = (err as Error).message;
    }
    expect(one).toMatch(/covariate column "nope" not found.*columns: y, y2, yGap, unused/);
    expect(() => fitGrid(panel, [bad], outcomes, settings)).toThrow(one);
    expect(() => fitGrid(panel, models, ['y', 'x1'], settings)).toThrow(/outcome column "x1".*per-unit column/);
  });
});
