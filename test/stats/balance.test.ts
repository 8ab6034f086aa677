import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng';
import { balanceNote, balanceRow } from '../../src/stats/balance';
import { maskEquals } from '../../src/stats/mask';
import { summarize } from '../../src/stats/summary';
import { tTest } from '../../src/stats/ttest';

function sample(seed: number, n: number) {
  const rng = new Rng(seed);
  const treat = Float64Array.from({ length: n }, () => rng.bernoulli(0.6));
  const age = Float64Array.from(treat, (t) => rng.normal(40 + 3 * t, 12));
  const woman = Float64Array.from({ length: n }, () => rng.bernoulli(0.59));
  return { treat, age, woman, treated: maskEquals(treat, 1), control: maskEquals(treat, 0) };
}

describe('balanceRow', () => {
  const d = sample(11, 541);

  it('puts together group summaries, the Welch test, SMD and variance ratio', () => {
    const r = balanceRow(d.age, d.treated, d.control);
    expect(r.binary).toBe(false);
    expect(r.all.n).toBe(541);
    expect(r.treated.n + r.control.n).toBe(541);
    expect(r.all.mean.value).toBeCloseTo(summarize(d.age).mean.value!, 12);
    expect(r.test.test).toBe('welch');
    expect(r.test.p.value).toBe(tTest(d.age, d.treated, d.control).p.value);
    expect(r.test.diff.value).toBeCloseTo(r.treated.mean.value! - r.control.mean.value!, 12);
    expect(r.smd.value).toBeGreaterThan(0);
    expect(r.varianceRatio.value).toBeGreaterThan(0.7);
    expect(r.weighted).toBeUndefined();
  });

  it('detects 0/1 variables as binary (shares) unless told otherwise', () => {
    expect(balanceRow(d.woman, d.treated, d.control).binary).toBe(true);
    expect(balanceRow(d.woman, d.treated, d.control, { binary: false }).binary).toBe(false);
  });

  it('adds the weighted block when weights are given, equal to unweighted for equal weights', () => {
    const w = new Float64Array(541).fill(2);
    const r = balanceRow(d.age, d.treated, d.control, { weights: w });
    expect(r.weighted!.smd.value).toBeCloseTo(r.smd.value!, 12);
    expect(r.weighted!.varianceRatio.value).toBeCloseTo(r.varianceRatio.value!, 12);
    expect(r.weighted!.diff.value).toBeCloseTo(r.test.diff.value!, 12);
  });

  it('a group with one person and a variable missing in one group give NA with reasons', () => {
    const treat = Float64Array.from([1, 0, 0, 0]);
    const x = Float64Array.from([5, 1, 2, 3]);
    const one = balanceRow(x, maskEquals(treat, 1), maskEquals(treat, 0));
    expect(one.treated.mean.value).toBe(5);
    expect(one.test.p.na?.code).toBe('too-few');
    expect(one.smd.na?.code).toBe('too-few');
    const allMissing = balanceRow(Float64Array.from([NaN, 1, 2, 3]), maskEquals(treat, 1), maskEquals(treat, 0));
    expect(allMissing.treated.mean.na?.code).toBe('all-missing');
    expect(allMissing.test.diff.na?.code).toBe('all-missing');
    expect(allMissing.all.n).toBe(3);
  });

  it('note states the test and, when asked, the SMD convention and the weights', () => {
    expect(balanceNote()).toHaveLength(1);
    const notes = balanceNote({ smd: true, weighted: true });
    expect(notes).toHaveLength(3);
    expect(notes[1].en).toMatch(/unweighted variances/);
    expect(notes[2].sv).toMatch(/p\/\(1 − p\)/);
  });
});
