import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { denseCodes, feOls } from '../../src/estimate/fe-ols';
import { wildClusterBootstrap, type WildClusterInput } from '../../src/estimate/wild-cluster-bootstrap';
import { Rng } from '../../src/random/rng';
import { simulateClustered } from '../../src/simulate/clustered';

// test/fixtures/wild/reference.json: wildboottest 0.3.2 (Python), fixed effects as dummy
// columns, exact calls in make_reference.py beside it.
const ref = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'wild', 'reference.json'), 'utf8'));

function inputOf(name: string): { input: WildClusterInput; c: any } {
  const c = ref.cases[name];
  const d = ref.data[c.data];
  const col = (k: string) => Float64Array.from(d[k] as number[]);
  const unit = denseCodes(d.unit);
  const time = denseCodes(d.period);
  const names = c.fe ? ['d', 'x2'] : ['const', 'd', 'x2'];
  const x = c.fe ? [col('d'), col('x2')] : [new Float64Array(d.y.length).fill(1), col('d'), col('x2')];
  const input: WildClusterInput = {
    y: col('y'),
    x,
    names,
    coef: names.indexOf(c.param),
    cluster: d.cluster,
    absorb: c.fe ? { unit: unit.index, nUnits: unit.size, time: time.index, nTimes: time.size } : undefined,
    null: c.null,
    weights: c.weights,
    draws: c.B,
    k: c.k,
  };
  if (c.webbCodes) {
    const codes = (c.webbCodes as number[][]).flat();
    input.weightMatrix = { draws: c.webbCodes.length, values: Float64Array.from(codes, (v) => Math.sign(v) * Math.sqrt(Math.abs(v) / 2)) };
  }
  return { input, c };
}

describe('wildClusterBootstrap against wildboottest (WCR11)', () => {
  for (const name of Object.keys(ref.cases)) {
    it(name, () => {
      const { input, c } = inputOf(name);
      const res = wildClusterBootstrap(input);
      expect(Math.abs(res.estimate - c.beta)).toBeLessThan(1e-12);
      // CR1 t statistic with wildboottest's K (every dummy counted).
      expect(Math.abs(res.t - c.t)).toBeLessThan(1e-12 * Math.max(1, Math.abs(c.t)));
      expect(res.enumerated).toBe(c.enumerated);
      expect(res.draws).toBe(c.draws);
      const scale = Math.max(1, ...c.tBoot.map((v: number) => Math.abs(v)));
      if (c.enumerated) {
        // Same multiset of 2^G bootstrap t's (the order of enumeration is the same too, but sorting does not depend on it).
        const mine = Array.from(res.tBoot).sort((a, b) => a - b);
        const theirs = [...c.tBoot].sort((a: number, b: number) => a - b);
        mine.forEach((v, b) => expect(Math.abs(v - theirs[b])).toBeLessThan(1e-10 * scale));
        // Ties (the draws v = ±1) count as at least as extreme; wildboottest's own p counts a tie or not by rounding.
        expect(Math.abs(res.pValue - c.pvalueTiesCounted)).toBeLessThan(1e-12);
        expect(c.pvalue).toBeGreaterThanOrEqual(c.pvalueStrict);
        expect(c.pvalue).toBeLessThanOrEqual(c.pvalueTiesCounted);
        expect((res.pValue * res.draws) % 1).toBe(0);
      } else {
        // Webb: the same given draws in the same order; no ties, so the p-values agree exactly.
        res.tBoot.forEach((v, b) => expect(Math.abs(v - c.tBoot[b])).toBeLessThan(1e-10 * scale));
        expect(Math.abs(res.pValue - c.pvalue)).toBeLessThan(1e-12);
      }
    });
  }

  it('the default K is feOls/fixest\'s (nested fixed effects not counted): t equals feOls\'s CR1 t', () => {
    const { input } = inputOf('unbalanced-fe-d0-rademacher');
    const res = wildClusterBootstrap({ ...input, k: undefined });
    const cl = denseCodes(input.cluster);
    const fe = feOls({ y: input.y, index: input.absorb!, x: input.x, cluster: { index: cl.index, size: cl.size } });
    expect(Math.abs(res.estimate - fe.beta[0])).toBeLessThan(1e-12);
    expect(Math.abs(res.se - Math.sqrt(fe.vcov[0]))).toBeLessThan(1e-12);
    // The p-value does not depend on K (the factor scales t and every t* alike).
    const withRefK = wildClusterBootstrap(input);
    expect(res.pValue).toBe(withRefK.pValue);
  });
});

describe('wildClusterBootstrap: enumeration, draws, interval, errors', () => {
  const { input } = inputOf('balanced-fe-d0-rademacher');

  it('full enumeration is seed-free; random Rademacher draws (2^G > draws) follow the seed', () => {
    const a = wildClusterBootstrap({ ...input, seed: 1 });
    const b = wildClusterBootstrap({ ...input, seed: 2 });
    expect(a.enumerated).toBe(true);
    expect(a.pValue).toBe(b.pValue);
    const c = wildClusterBootstrap({ ...input, draws: 199, seed: 3 });
    const d = wildClusterBootstrap({ ...input, draws: 199, seed: 3 });
    const e = wildClusterBootstrap({ ...input, draws: 199, seed: 4 });
    expect(c.enumerated).toBe(false);
    expect(c.draws).toBe(199);
    expect(Array.from(c.tBoot)).toEqual(Array.from(d.tBoot));
    expect(Array.from(c.tBoot)).not.toEqual(Array.from(e.tBoot));
    const w = wildClusterBootstrap({ ...input, weights: 'webb', draws: 999, seed: 5 });
    expect(w.enumerated).toBe(false);
    expect(w.draws).toBe(999);
  });

  it('the interval is where the test does not reject: p > α just inside each end, ≤ α just outside', () => {
    for (const weights of ['rademacher', 'webb'] as const) {
      const res = wildClusterBootstrap({ ...input, weights, draws: weights === 'webb' ? 999 : 9999, ciAlpha: 0.05 });
      const { lower, upper } = res.ci!;
      expect(lower).toBeLessThan(res.estimate);
      expect(upper).toBeGreaterThan(res.estimate);
      const eps = 1e-6 * res.se;
      const p = (r: number) => wildClusterBootstrap({ ...input, weights, draws: weights === 'webb' ? 999 : 9999, null: r }).pValue;
      expect(p(lower + eps)).toBeGreaterThan(0.05);
      expect(p(lower - eps)).toBeLessThanOrEqual(0.05);
      expect(p(upper - eps)).toBeGreaterThan(0.05);
      expect(p(upper + eps)).toBeLessThanOrEqual(0.05);
    }
  });

  it('with 4 clusters the enumerated p-value cannot fall below 2/16 > 0.05, so the interval is unbounded', () => {
    const keep = input.cluster as number[];
    const rows = keep.flatMap((g, i) => (g <= 4 ? [i] : []));
    const pick = (v: Float64Array) => Float64Array.from(rows, (i) => v[i]);
    const unit = denseCodes(rows.map((i) => input.absorb!.unit[i]));
    const time = denseCodes(rows.map((i) => input.absorb!.time[i]));
    const res = wildClusterBootstrap({
      y: pick(input.y),
      x: input.x.map(pick),
      coef: 0,
      cluster: rows.map((i) => keep[i]),
      absorb: { unit: unit.index, nUnits: unit.size, time: time.index, nTimes: time.size },
      ciAlpha: 0.05,
    });
    expect(res.draws).toBe(16);
    expect(res.pValue).toBeGreaterThanOrEqual(2 / 16);
    expect(res.ci!.lower).toBe(-Infinity);
    expect(res.ci!.upper).toBe(Infinity);
  });

  it('bad input names the column and row', () => {
    const y = Float64Array.from(input.y);
    y[4] = NaN;
    expect(() => wildClusterBootstrap({ ...input, y })).toThrow(/y .*row 5/);
    const x2 = Float64Array.from(input.x[1]);
    x2[9] = Infinity;
    expect(() => wildClusterBootstrap({ ...input, x: [input.x[0], x2] })).toThrow(/regressor x2 .*row 10/);
    const cluster = Array.from(input.cluster);
    cluster[2] = NaN;
    expect(() => wildClusterBootstrap({ ...input, cluster })).toThrow(/cluster is missing in row 3/);
    const perUnit = new Float64Array(input.y.length);
    input.absorb!.unit.forEach((u, i) => (perUnit[i] = u % 3));
    expect(() => wildClusterBootstrap({ ...input, x: [input.x[0], perUnit], names: ['d', 'office'] })).toThrow(/regressor office has no variation left after the fixed effects/);
    expect(() => wildClusterBootstrap({ ...input, cluster: new Array(input.y.length).fill(1) })).toThrow(/at least 2 clusters/);
    expect(() => wildClusterBootstrap({ ...input, draws: 0 })).toThrow(/draws/);
    expect(() => wildClusterBootstrap({ ...input, coef: 2 })).toThrow(/coef/);
  });
});

describe('wildClusterBootstrap: size with 8 clusters (known truth)', () => {
  it('the WCR test rejects a true null near 5 %, the CR1 t test with normal critical values too often', () => {
    const design = { clusters: 8, unitsPerCluster: 10, periods: 6, starts: [3, 5, 0], effect: 1, clusterSd: 0.6, noiseSd: 1 };
    const rng = new Rng(2024);
    const reps = 400;
    let wcr = 0;
    let cr1 = 0;
    let first: ReturnType<typeof simulateClustered> | null = null;
    for (let r = 0; r < reps; r++) {
      const p = simulateClustered(design, rng);
      first ??= p;
      const unit = new Int32Array(p.nRows);
      const time = new Int32Array(p.nRows);
      const cluster = new Float64Array(p.nRows);
      const d = new Float64Array(p.nRows);
      for (let i = 0; i < p.nRows; i++) {
        const u = p.rowUnit[i];
        unit[i] = u;
        time[i] = p.rowPeriod[i];
        cluster[i] = p.unitCols.cluster[u];
        const g = p.unitCols.g[u];
        d[i] = g > 0 && p.rowTime[i] >= g ? 1 : 0;
      }
      const res = wildClusterBootstrap({ y: p.cols.y, x: [d], coef: 0, cluster, absorb: { unit, nUnits: p.nUnits, time, nTimes: p.periods.length }, null: design.effect, draws: 999 });
      expect(res.enumerated).toBe(true);
      if (res.pValue <= 0.05) wcr++;
      if (Math.abs(res.t) > 1.959963984540054) cr1++;
    }
    const mcSe = Math.sqrt((0.05 * 0.95) / reps);
    // Size of the WCR test within about 2.5 Monte Carlo SEs of 5 %, and clearly below the CR1 t test's.
    expect(Math.abs(wcr / reps - 0.05)).toBeLessThan(2.5 * mcSe);
    expect(cr1 / reps).toBeGreaterThan(0.05 + 3 * mcSe);
    expect(cr1).toBeGreaterThan(wcr);
  });
});
