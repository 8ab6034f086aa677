/**
 * aggte builds each event time's (period's, group's) influence function once and adds it
 * into the overall averages as it passes (aggte.ts, partsAndAverages). The averages' standard
 * errors must be those of the plain construction, bit for bit: the mean of the event-time
 * influence functions in their order, then sqrt(sum psi^2) / n.
 */
import { describe, expect, it } from 'vitest';
import { aggte, attgt, dynamicDetail, staggeredInputFromPanel } from '../../src/estimate';
import { DEFAULT_DESIGN, simulateStaggered } from '../../src/simulate/staggered';
import { Rng } from '../../src/random/rng';

const panel = simulateStaggered({ ...DEFAULT_DESIGN, units: 800, periods: 8, groups: [3, 5, 6] }, new Rng(11));
const input = staggeredInputFromPanel(panel, { y: 'y', group: 'g', covariates: ['x1'] });

function seOfMean(fs: Float64Array[], n: number): number {
  const psi = new Float64Array(n);
  for (const f of fs) for (let i = 0; i < n; i++) psi[i] += (1 / fs.length) * f[i];
  let ss = 0;
  for (let i = 0; i < n; i++) ss += psi[i] * psi[i];
  return Math.sqrt(ss) / n;
}

describe('aggregation averages from influence functions built once', () => {
  it.each(['never', 'notyet'] as const)('dynamic, %s-treated controls: post and pre averages as the plain sums, bit for bit', (control) => {
    const res = attgt(input, { control, method: 'dr' });
    const dyn = aggte(res, { type: 'dynamic' });
    const fs = dynamicDetail(dyn)!.influence;
    const post = dyn.by.map((r, q) => (r.e >= 0 ? q : -1)).filter((q) => q >= 0);
    const pre = dyn.by.map((r, q) => (r.e < 0 ? q : -1)).filter((q) => q >= 0);
    expect(post.length).toBeGreaterThan(1);
    expect(pre.length).toBeGreaterThan(1);
    expect(dyn.post!.se).toBe(seOfMean(post.map((q) => fs[q]), res.n));
    expect(dyn.pre!.se).toBe(seOfMean(pre.map((q) => fs[q]), res.n));
    // Each event time's own standard error from the same function.
    dyn.by.forEach((r, q) => expect(r.se).toBe(seOfMean([fs[q]], res.n)));
  });

  it('gives the same numbers however often and in whatever order the aggregations run', () => {
    const res = attgt(input, { control: 'never', method: 'dr' });
    const first = ['dynamic', 'calendar', 'group', 'simple'].map((type) => JSON.stringify(aggte(res, { type: type as 'dynamic' })));
    const again = ['simple', 'group', 'calendar', 'dynamic'].map((type) => JSON.stringify(aggte(res, { type: type as 'dynamic' }))).reverse();
    expect(again).toEqual(first);
  });
});
