/**
 * Outcomes by period are stored in the narrowest type that holds them exactly (prepare.ts,
 * byPeriodLayout): whole numbers within 32 bits as Int32Array, anything else as doubles.
 * The estimator must give the same numbers either way.
 */
import { describe, expect, it } from 'vitest';
import { aggte, attgt, staggeredInputFromPanel } from '../../src/estimate';
import { wholeNumbers } from '../../src/estimate/prepare';
import { DEFAULT_DESIGN, simulateStaggered } from '../../src/simulate/staggered';
import { Rng } from '../../src/random/rng';

describe('narrowest exact outcome storage', () => {
  it('takes 32-bit whole numbers only: not decimals, -0, NaN, infinities or 2^31', () => {
    const all = (v: number[]) => wholeNumbers(Float64Array.from(v), Int32Array.from(v.keys()));
    expect(all([0, 1, -1, 2147483647, -2147483648, 125000])).toBe(true);
    expect(all([0, 1.5])).toBe(false);
    expect(all([0, -0])).toBe(false);
    expect(all([0, NaN])).toBe(false);
    expect(all([0, Infinity])).toBe(false);
    expect(all([2147483648])).toBe(false);
    expect(all([-2147483649])).toBe(false);
    // Only the rows asked about count.
    expect(wholeNumbers(Float64Array.from([1.5, 2, 3]), Int32Array.from([1, 2]))).toBe(true);
  });

  it.each(['never', 'notyet'] as const)('gives the same bits as doubles (%s-treated controls)', (control) => {
    const p = simulateStaggered({ ...DEFAULT_DESIGN, units: 600, periods: 7, groups: [3, 5, 6] }, new Rng(21));
    // Kronor-like whole numbers, and the same shifted by a half (stored as doubles): the
    // outcome changes, hence every estimate and influence function, are the same exactly.
    const yInt = Float64Array.from(p.cols.y, (v) => Math.round(v * 1000) || 0); // || 0: no -0
    // Every value whole: the Int32 layout is the one taken (the doubles' is for yHalf).
    expect(wholeNumbers(yInt, Int32Array.from(yInt.keys()))).toBe(true);
    const yHalf = Float64Array.from(yInt, (v) => v + 0.5);
    const run = (y: Float64Array) => {
      const panel = { ...p, cols: { ...p.cols, y } };
      return attgt(staggeredInputFromPanel(panel, { y: 'y', group: 'g', covariates: ['x1'] }), { control, method: 'dr' });
    };
    const a = run(yInt);
    const b = run(yHalf);
    expect(JSON.stringify(a.cells)).toBe(JSON.stringify(b.cells));
    expect(Array.from(a.detail.inf)).toEqual(Array.from(b.detail.inf));
    expect(JSON.stringify(aggte(a, { type: 'dynamic' }))).toBe(JSON.stringify(aggte(b, { type: 'dynamic' })));
    expect(JSON.stringify(a.wald)).toBe(JSON.stringify(b.wald));
  });
});
