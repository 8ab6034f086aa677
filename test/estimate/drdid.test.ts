/**
 * The 2x2 estimators: closed forms without covariates, and influence functions checked
 * against the jackknife (n - 1)(theta - theta_(-i)) ~ psi_i, for panel and repeated
 * cross-section versions, with sampling weights.
 */
import { describe, expect, it } from 'vitest';
import { drdidPanel, PANEL_METHODS, PanelInput, drdidRc, RC_METHODS, RcInput, DegenerateError } from '../../src/estimate';
import { Rng } from '../../src/random/rng';

function panelData(n: number, seed: number, k = 3, weighted = true): PanelInput {
  const rng = new Rng(seed);
  const x = new Float64Array(n * k);
  const d = new Float64Array(n);
  const y0 = new Float64Array(n);
  const y1 = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i * k] = 1;
    for (let c = 1; c < k; c++) x[i * k + c] = rng.normal();
    const eta = -0.7 + (k > 1 ? 0.6 * x[i * k + 1] : 0);
    d[i] = rng.bernoulli(1 / (1 + Math.exp(-eta)));
    y0[i] = (k > 1 ? x[i * k + 1] : 0) + rng.normal();
    y1[i] = y0[i] + 0.5 + (k > 1 ? 0.3 * x[i * k + 1] : 0) + 1.0 * d[i] + rng.normal();
    w[i] = 0.5 + rng.uniform();
  }
  return { x, n, k, d, y0, y1, weights: weighted ? w : null };
}

function dropUnit(inp: PanelInput, j: number): PanelInput {
  const keep = (v: Float64Array, width = 1) => {
    const out = new Float64Array((inp.n - 1) * width);
    let q = 0;
    for (let i = 0; i < inp.n; i++) if (i !== j) for (let c = 0; c < width; c++) out[q++] = v[i * width + c];
    return out;
  };
  return { ...inp, n: inp.n - 1, x: keep(inp.x, inp.k), d: keep(inp.d), y0: keep(inp.y0), y1: keep(inp.y1), weights: inp.weights && keep(inp.weights) };
}

describe('panel 2x2 estimators', () => {
  it('without covariates all equal the difference of mean changes', () => {
    const inp = panelData(400, 3, 1, false);
    let sT = 0;
    let nT = 0;
    let sC = 0;
    let nC = 0;
    for (let i = 0; i < inp.n; i++) {
      const dy = inp.y1[i] - inp.y0[i];
      if (inp.d[i] === 1) {
        sT += dy;
        nT++;
      } else {
        sC += dy;
        nC++;
      }
    }
    const did = sT / nT - sC / nC;
    for (const m of PANEL_METHODS) expect(drdidPanel(m, inp).att, m).toBeCloseTo(did, 10);
  });

  for (const m of PANEL_METHODS) {
    it(`${m}: influence function agrees with the jackknife`, () => {
      const inp = panelData(300, 11);
      const full = drdidPanel(m, inp);
      let mean = 0;
      for (const v of full.inf) mean += v;
      expect(Math.abs(mean / inp.n)).toBeLessThan(1e-8 * (1 + Math.abs(full.att)));
      for (const j of [0, 7, 42, 150, 299]) {
        const jack = (inp.n - 1) * (full.att - drdidPanel(m, dropUnit(inp, j)).att);
        // Weights are renormalised without unit j, which shifts every influence value by a
        // common O(1/n) amount; compare up to a generous tolerance relative to the spread.
        expect(Math.abs(jack - full.inf[j])).toBeLessThan(0.05 * (1 + Math.abs(full.inf[j])));
      }
      expect(full.se).toBeGreaterThan(0);
    });
  }

  it('throws DegenerateError without comparison units', () => {
    const inp = panelData(50, 5);
    expect(() => drdidPanel('dr', { ...inp, d: new Float64Array(50).fill(1) })).toThrow(DegenerateError);
  });
});

function rcData(n: number, seed: number): RcInput {
  const rng = new Rng(seed);
  const k = 2;
  const x = new Float64Array(n * k);
  const d = new Float64Array(n);
  const post = new Float64Array(n);
  const y = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i * k] = 1;
    x[i * k + 1] = rng.normal();
    d[i] = rng.bernoulli(1 / (1 + Math.exp(0.5 - 0.5 * x[i * k + 1])));
    post[i] = rng.bernoulli(0.5);
    y[i] = x[i * k + 1] + post[i] * (0.4 + 0.2 * x[i * k + 1]) + d[i] * 0.3 + d[i] * post[i] * 1.5 + rng.normal();
    w[i] = 0.5 + rng.uniform();
  }
  return { y, post, d, x, n, k, weights: w };
}

describe('repeated cross-section 2x2 estimators', () => {
  it('without covariates all equal the difference in differences of the four cell means', () => {
    const inp = rcData(500, 4);
    const sums = [0, 0, 0, 0];
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < inp.n; i++) {
      const c = inp.d[i] * 2 + inp.post[i];
      sums[c] += inp.y[i];
      counts[c]++;
    }
    const m = sums.map((v, c) => v / counts[c]);
    const did = m[3] - m[2] - (m[1] - m[0]);
    const x = new Float64Array(inp.n).fill(1);
    for (const meth of RC_METHODS) expect(drdidRc(meth, { ...inp, x, k: 1, weights: null }).att, meth).toBeCloseTo(did, 10);
  });

  for (const m of RC_METHODS) {
    it(`${m}: influence function agrees with the jackknife; estimate near the truth`, () => {
      const inp = rcData(600, 21);
      const full = drdidRc(m, inp);
      expect(Math.abs(full.att - 1.5)).toBeLessThan(4 * full.se);
      for (const j of [1, 100, 333, 599]) {
        const keep = (v: Float64Array, width = 1) => Float64Array.from({ length: (inp.n - 1) * width }, (_, q) => v[(Math.floor(q / width) >= j ? Math.floor(q / width) + 1 : Math.floor(q / width)) * width + (q % width)]);
        const less: RcInput = { ...inp, n: inp.n - 1, y: keep(inp.y), post: keep(inp.post), d: keep(inp.d), x: keep(inp.x, inp.k), weights: keep(inp.weights!) };
        const jack = (inp.n - 1) * (full.att - drdidRc(m, less).att);
        expect(Math.abs(jack - full.inf[j])).toBeLessThan(0.05 * (1 + Math.abs(full.inf[j])));
      }
    });
  }
});
