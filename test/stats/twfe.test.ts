import * as fs from 'node:fs';
import { inverse, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random/rng';
import { demeanTwoWay } from '../../src/stats/demean';
import { twfe, twfePanel } from '../../src/stats/twfe';
import { makePanel } from './helpers';

import { REFERENCE_DIR as REF } from '../helpers/reference';

function readCsv(file: string): Record<string, number[]> {
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const cols: Record<string, number[]> = Object.fromEntries(header.map((h) => [h, []]));
  for (const line of lines.slice(1)) line.split(',').forEach((v, i) => cols[header[i]].push(Number(v)));
  return cols;
}

/** Unbalanced panel: each unit observed in a random subset of periods, some only once. */
function simulate(seed: number, nUnits = 60, nT = 5) {
  const rng = new Rng(seed);
  const y: number[] = [];
  const unit: number[] = [];
  const time: number[] = [];
  const x1: number[] = [];
  const x2: number[] = [];
  const lambda = Array.from({ length: nT }, () => rng.normal());
  for (let u = 0; u < nUnits; u++) {
    const alpha = rng.normal(0, 2);
    const only = u % 9 === 0 ? rng.int(nT) : -1; // every 9th unit a singleton
    for (let t = 0; t < nT; t++) {
      if (only >= 0 ? t !== only : rng.uniform() < 0.25) continue;
      const a = rng.normal() + 0.5 * alpha;
      const b = rng.bernoulli(0.4);
      unit.push(1000 + 7 * u);
      time.push(2015 + t);
      x1.push(a);
      x2.push(b);
      y.push(alpha + lambda[t] + 1.5 * a - 0.8 * b + rng.normal(0, 1 + u / nUnits));
    }
  }
  return { y, unit, time, x1, x2 };
}

/** OLS with unit and time dummies, then CR1 by unit with K = slopes + nTimes (fixest's rule). */
function dummyRegression(d: ReturnType<typeof simulate>) {
  const units = Array.from(new Set(d.unit));
  const times = Array.from(new Set(d.time)).sort();
  const n = d.y.length;
  const p = 2;
  const cols = p + units.length + times.length - 1;
  const z = new Matrix(n, cols);
  for (let i = 0; i < n; i++) {
    z.set(i, 0, d.x1[i]);
    z.set(i, 1, d.x2[i]);
    z.set(i, p + units.indexOf(d.unit[i]), 1);
    const t = times.indexOf(d.time[i]);
    if (t > 0) z.set(i, p + units.length + t - 1, 1);
  }
  const zt = z.transpose();
  const bread = inverse(zt.mmul(z));
  const beta = bread.mmul(zt).mmul(Matrix.columnVector(d.y));
  const e = Matrix.columnVector(d.y).sub(z.mmul(beta));
  const meat = Matrix.zeros(cols, cols);
  for (const u of units) {
    const s = Matrix.zeros(1, cols);
    for (let i = 0; i < n; i++) if (d.unit[i] === u) s.add(z.getRowVector(i).mul(e.get(i, 0)));
    meat.add(s.transpose().mmul(s));
  }
  const G = units.length;
  const K = p + times.length;
  const v = bread.mmul(meat).mmul(bread).mul(((G / (G - 1)) * (n - 1)) / (n - K));
  return { beta: [beta.get(0, 0), beta.get(1, 0)], se: [Math.sqrt(v.get(0, 0)), Math.sqrt(v.get(1, 1))] };
}

describe('twfe: parity with fixest (survey_twfe.json)', () => {
  it('matches coefficients, clustered SEs, R², within R², N and persons to 1e-6', () => {
    const d = readCsv(`${REF}/survey_panel.csv`);
    const ref = JSON.parse(fs.readFileSync(`${REF}/survey_twfe.json`, 'utf8'));
    const r = twfe({ y: d.y, unit: d.id, time: d.year, x: [d.team, d.x1, d.x2], names: ['team', 'x1', 'x2'] });
    let maxDiff = 0;
    for (const c of r.coef) {
      maxDiff = Math.max(maxDiff, Math.abs(c.est.value! - ref.coef[c.name]), Math.abs(c.se.value! - ref.se[c.name]));
    }
    maxDiff = Math.max(maxDiff, Math.abs(r.r2.value! - ref.r2), Math.abs(r.r2Within.value! - ref.r2_within));
    expect(maxDiff).toBeLessThan(1e-6);
    expect(r.n).toBe(ref.N);
    expect(r.units).toBe(ref.n_persons);
    expect(r.clusters).toBe(ref.small_sample.G);
    expect(r.k).toBe(ref.small_sample.K);
    expect(r.sscFactor).toBeCloseTo(ref.small_sample.factor, 12);
    expect(r.dfT).toBe(449);
    expect(r.lpm).toBe(false);
    const team = r.coef[0];
    expect(team.t.value).toBeCloseTo(team.est.value! / team.se.value!, 12);
    expect(team.p.value).toBeLessThan(1e-5);
  });
});

describe('twfe on simulated unbalanced panels', () => {
  it('equals OLS with unit and time dummies plus CR1 by unit, singletons included', () => {
    for (const seed of [1, 2, 3]) {
      const d = simulate(seed);
      const r = twfe({ y: d.y, unit: d.unit, time: d.time, x: [d.x1, d.x2], names: ['x1', 'x2'] });
      const ref = dummyRegression(d);
      expect(r.n).toBe(d.y.length);
      r.coef.forEach((c, j) => {
        expect(Math.abs(c.est.value! - ref.beta[j])).toBeLessThan(1e-9);
        expect(Math.abs(c.se.value! - ref.se[j])).toBeLessThan(1e-9);
      });
    }
  });

  it('recovers the true slopes in a large panel', () => {
    const d = simulate(9, 3000, 6);
    const r = twfe({ y: d.y, unit: d.unit, time: d.time, x: [d.x1, d.x2], names: ['x1', 'x2'] });
    expect(Math.abs(r.coef[0].est.value! - 1.5)).toBeLessThan(4 * r.coef[0].se.value!);
    expect(Math.abs(r.coef[1].est.value! + 0.8)).toBeLessThan(4 * r.coef[1].se.value!);
    expect(r.coef[0].se.value!).toBeLessThan(0.05);
  });

  it('keeps singletons by default (as feols) and drops them on request, leaving β unchanged', () => {
    const d = simulate(4);
    const keep = twfe({ y: d.y, unit: d.unit, time: d.time, x: [d.x1, d.x2], names: ['x1', 'x2'] });
    const drop = twfe({ y: d.y, unit: d.unit, time: d.time, x: [d.x1, d.x2], names: ['x1', 'x2'], dropSingletons: true });
    const singletons = Array.from(new Set(d.unit)).filter((u) => d.unit.filter((v) => v === u).length === 1).length;
    expect(singletons).toBeGreaterThan(0);
    expect(drop.dropped.singletons).toBe(singletons);
    expect(keep.n - drop.n).toBe(singletons);
    expect(keep.units - drop.units).toBe(singletons);
    expect(Math.abs(keep.coef[0].est.value! - drop.coef[0].est.value!)).toBeLessThan(1e-10);
    expect(keep.coef[0].se.value).not.toBeCloseTo(drop.coef[0].se.value!, 12);
  });

  it('drops rows with missing values and counts them', () => {
    const d = simulate(5);
    const y = d.y.slice();
    y[3] = NaN;
    const x1 = d.x1.slice();
    x1[10] = NaN;
    const r = twfe({ y, unit: d.unit, time: d.time, x: [x1, d.x2], names: ['x1', 'x2'] });
    expect(r.n).toBe(d.y.length - 2);
    expect(r.dropped.missing).toBe(2);
  });

  it('a regressor absorbed by the fixed effects is NA "collinear", the others still estimated', () => {
    const d = simulate(6);
    const perUnit = d.unit.map((u) => (u % 3) * 1.7);
    const twice = d.x1.map((v) => 2 * v);
    const r = twfe({ y: d.y, unit: d.unit, time: d.time, x: [d.x1, perUnit, twice, d.x2], names: ['x1', 'unitconst', 'twice', 'x2'] });
    expect(r.coef[1].est.na?.code).toBe('collinear');
    expect(r.coef[2].est.na?.code).toBe('collinear');
    const ref = twfe({ y: d.y, unit: d.unit, time: d.time, x: [d.x1, d.x2], names: ['x1', 'x2'] });
    expect(r.coef[0].est.value).toBeCloseTo(ref.coef[0].est.value!, 10);
    expect(r.coef[3].se.value).toBeCloseTo(ref.coef[1].se.value!, 10);
    expect(r.k).toBe(ref.k);
  });

  it('binary outcome: a linear probability model, flagged', () => {
    const d = simulate(7);
    const yb = d.y.map((v) => (v > 0 ? 1 : 0));
    const r = twfe({ y: yb, unit: d.unit, time: d.time, x: [d.x1], names: ['x1'] });
    expect(r.lpm).toBe(true);
    expect(r.coef[0].est.value).toBeGreaterThan(0);
  });

  it('clustering on a coarser variable: units nested, K and G follow fixest', () => {
    const d = simulate(8);
    const region = d.unit.map((u) => Math.floor(u / 70));
    const r = twfe({ y: d.y, unit: d.unit, time: d.time, x: [d.x1, d.x2], names: ['x1', 'x2'], cluster: region });
    expect(r.clusters).toBe(new Set(region).size);
    expect(r.k).toBe(2 + r.times);
    expect(r.dfT).toBe(r.clusters - 1);
    // Clustering on time: the time FE is nested, the unit FE is not.
    const byTime = twfe({ y: d.y, unit: d.unit, time: d.time, x: [d.x1, d.x2], names: ['x1', 'x2'], cluster: d.time });
    expect(byTime.k).toBe(2 + byTime.units);
  });

  it('degenerate input: NA with reasons, never NaN', () => {
    const none = twfe({ y: [NaN, NaN], unit: [1, 2], time: [1, 1], x: [[1, 2]], names: ['x'] });
    expect(none.na?.code).toBe('all-missing');
    expect(none.coef[0].est.na?.code).toBe('all-missing');
    const d = simulate(10);
    const constY = d.y.map(() => 3);
    const c = twfe({ y: constY, unit: d.unit, time: d.time, x: [d.x1], names: ['x1'] });
    expect(c.r2.na?.code).toBe('constant');
    expect(c.r2Within.na?.code).toBe('constant');
    expect(c.coef[0].est.value).toBeCloseTo(0, 10);
    // One unit with four periods: the time effects absorb x.
    const oneUnit = twfe({ y: [1, 2, 3, 5], unit: [1, 1, 1, 1], time: [1, 2, 3, 4], x: [[0, 1, 0, 2]], names: ['x'] });
    expect(oneUnit.coef[0].est.na?.code).toBe('collinear');
    // One cluster: a coefficient but no clustered SE.
    const one = twfe({
      y: [1, 2, 3, 5, 2, 2, 4, 6],
      unit: [1, 1, 1, 1, 2, 2, 2, 2],
      time: [1, 2, 3, 4, 1, 2, 3, 4],
      x: [[0, 1, 0, 2, 1, 1, 0, 0]],
      names: ['x'],
      cluster: [7, 7, 7, 7, 7, 7, 7, 7],
    });
    expect(one.clusters).toBe(1);
    expect(Number.isFinite(one.coef[0].est.value)).toBe(true);
    expect(one.coef[0].se.na?.code).toBe('too-few');
    expect(() => twfe({ y: [1], unit: [1], time: [1], x: [[1, 2]], names: ['x'] })).toThrow(/length/);
  });
});

describe('twfePanel', () => {
  it('runs on a Panel with row and per-unit columns and gives the same as the arrays', () => {
    const d = simulate(11);
    const rows = d.y.map((y, i) => ({ unit: d.unit[i], time: d.time[i], y, x1: d.x1[i], x2: d.x2[i] }));
    const panel = makePanel(rows);
    const a = twfePanel(panel, { y: 'y', x: ['x1', 'x2'] });
    const b = twfe({ y: d.y, unit: d.unit, time: d.time, x: [d.x1, d.x2], names: ['x1', 'x2'] });
    expect(a.coef[0].est.value).toBeCloseTo(b.coef[0].est.value!, 12);
    expect(a.coef[1].se.value).toBeCloseTo(b.coef[1].se.value!, 12);
    const byTime = twfePanel(panel, { y: 'y', x: ['x1', 'x2'], cluster: 'time' });
    expect(byTime.clusters).toBe(panel.periods.length);
  });
});

describe('demeanTwoWay', () => {
  it('leaves unit means exactly 0 and time means within tolerance on an unbalanced panel', () => {
    const d = simulate(12);
    const units = Array.from(new Set(d.unit));
    const times = Array.from(new Set(d.time));
    const idx = {
      unit: Int32Array.from(d.unit, (u) => units.indexOf(u)),
      nUnits: units.length,
      time: Int32Array.from(d.time, (t) => times.indexOf(t)),
      nTimes: times.length,
    };
    const r = demeanTwoWay(Float64Array.from(d.y), idx);
    expect(r.converged).toBe(true);
    const scale = Math.max(...d.y.map(Math.abs));
    for (const [index, size, tol] of [[idx.unit, units.length, 1e-12], [idx.time, times.length, 1e-12]] as const) {
      const sums = new Float64Array(size);
      const counts = new Float64Array(size);
      r.values.forEach((v, i) => {
        sums[index[i]] += v;
        counts[index[i]]++;
      });
      for (let g = 0; g < size; g++) expect(Math.abs(sums[g] / counts[g])).toBeLessThan(tol * scale);
    }
  });

  it('converges in at most two sweeps on a balanced panel', () => {
    const unit = Int32Array.from({ length: 40 }, (_, i) => Math.floor(i / 4));
    const time = Int32Array.from({ length: 40 }, (_, i) => i % 4);
    const rng = new Rng(1);
    const r = demeanTwoWay(Float64Array.from({ length: 40 }, () => rng.normal()), { unit, nUnits: 10, time, nTimes: 4 });
    expect(r.iterations).toBeLessThanOrEqual(2);
  });
});
