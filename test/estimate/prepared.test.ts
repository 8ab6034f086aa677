/**
 * attgt in two steps (prepareAttgt, attgtPrepared): the same results as attgtMany, and the
 * preparation holds nothing of the input, so a caller can let go of its data in between
 * (the command line frees the panel's row columns before the cells run).
 */
import { describe, expect, it } from 'vitest';
import { attgtMany, attgtPrepared, prepareAttgt, prepareAttgtPanel, attgtPanel, staggeredInputFromPanel } from '../../src/estimate';
import { DEFAULT_DESIGN, simulateStaggered } from '../../src/simulate/staggered';
import { Rng } from '../../src/random/rng';

const panel = simulateStaggered({ ...DEFAULT_DESIGN, units: 500, periods: 7, groups: [3, 5, 6] }, new Rng(5));

function freshInput() {
  const { y, ...base } = staggeredInputFromPanel(panel, { y: 'y', group: 'g', covariates: ['x1'] });
  const y2 = Float64Array.from(y, (v, r) => (r % 97 === 0 ? NaN : 2 * v)); // another outcome group (other rows)
  return { ...base, rowUnit: Int32Array.from(base.rowUnit), rowTime: base.rowTime.slice(), ys: [Float64Array.from(y), y2] };
}

describe('prepareAttgt and attgtPrepared', () => {
  it.each(['never', 'notyet'] as const)('give attgtMany\'s results (%s-treated controls), two outcome groups', (control) => {
    const a = attgtMany(freshInput(), { control });
    const b = attgtPrepared(prepareAttgt(freshInput(), { control }));
    expect(b.map((r) => JSON.stringify(r))).toEqual(a.map((r) => JSON.stringify(r)));
    b.forEach((r, o) => expect(Array.from(r.detail.inf)).toEqual(Array.from(a[o].detail.inf)));
  });

  it('keeps nothing of the input: overwriting its arrays after preparing changes no result', () => {
    const ref = attgtMany(freshInput(), {});
    const input = freshInput();
    const prepared = prepareAttgt(input, {});
    input.ys.forEach((y) => y.fill(NaN));
    input.rowUnit.fill(0);
    input.rowTime.fill(-1);
    const res = attgtPrepared(prepared);
    expect(res.map((r) => JSON.stringify(r))).toEqual(ref.map((r) => JSON.stringify(r)));
  });

  it('estimates a preparation once', () => {
    const prepared = prepareAttgt(freshInput(), {});
    attgtPrepared(prepared);
    expect(() => attgtPrepared(prepared)).toThrow(/estimated already/);
  });

  it('on a panel: prepareAttgtPanel then attgtPrepared is attgtPanel', () => {
    const spec = { y: 'y', group: 'g', covariates: ['x1'], control: 'notyet' as const };
    expect(JSON.stringify(attgtPrepared(prepareAttgtPanel(panel, spec))[0])).toBe(JSON.stringify(attgtPanel(panel, spec)));
  });
});
