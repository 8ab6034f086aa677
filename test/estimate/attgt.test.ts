/**
 * attgt options against an independent brute-force construction of each 2x2 comparison
 * (R did's rules written out directly), plus weights, clusters, unbalanced panels, repeated
 * cross sections, data without a never-treated group, factors and the Wald pre-test.
 */
import { describe, expect, it } from 'vitest';
import { aggte, attgt, AttgtOptions, drdidPanel, PanelMethod, StaggeredInput, staggeredInputFromPanel } from '../../src/estimate';
import { DEFAULT_DESIGN, simulateStaggered, StaggeredDesign } from '../../src/simulate/staggered';
import { Rng } from '../../src/random/rng';

function sample(seed: number, design: StaggeredDesign = DEFAULT_DESIGN): StaggeredInput {
  return staggeredInputFromPanel(simulateStaggered(design, new Rng(seed)), { y: 'y', group: 'g', covariates: ['x1', 'x2'] });
}

const unitCol = (inp: StaggeredInput, name: string): Float64Array => {
  const c = inp.covariates!.find((v) => v.name === name)!.column;
  return 'unit' in c ? c.unit : new Float64Array(0);
};

/** ATT(g,t) and SE by constructing every 2x2 comparison by hand. */
function bruteForce(inp: StaggeredInput, opts: { method: 'dr' | 'ipw' | 'reg'; control: 'never' | 'notyet'; base: 'varying' | 'universal'; anticipation: number }) {
  const periods = Array.from(new Set(Array.from(inp.rowTime))).sort((a, b) => a - b);
  const T = periods.length;
  const n = inp.nUnits;
  const g = (inp.group as { unit: Float64Array }).unit;
  const x1 = unitCol(inp, 'x1');
  const x2 = unitCol(inp, 'x2');
  const yAt = (u: number, p: number) => inp.y[u * T + p]; // rows are unit-major, periods 1..T
  const groups = Array.from(new Set(Array.from(g).filter((v) => v > 0))).sort((a, b) => a - b);
  const method: PanelMethod = opts.method === 'ipw' ? 'ipw-std' : opts.method;
  const out: { group: number; time: number; att: number; se: number }[] = [];
  for (const gr of groups) {
    let pretG = -1;
    for (let p = 0; p < T; p++) if (periods[p] + opts.anticipation < gr) pretG = p;
    const ts = opts.base === 'varying' ? periods.slice(1).map((_, q) => q + 1) : periods.map((_, q) => q);
    for (const cur of ts) {
      const post = gr <= periods[cur];
      const base = opts.base === 'universal' || post ? pretG : cur - 1;
      if (base === cur) {
        out.push({ group: gr, time: periods[cur], att: 0, se: NaN });
        continue;
      }
      const cutoff = Math.max(periods[cur], periods[base]) + opts.anticipation;
      const units: number[] = [];
      for (let u = 0; u < n; u++) {
        const isCtrl = g[u] === 0 || (opts.control === 'notyet' && g[u] > cutoff && g[u] !== gr);
        if (g[u] === gr || isCtrl) units.push(u);
      }
      const n1 = units.length;
      const x = new Float64Array(n1 * 3);
      units.forEach((u, i) => {
        x[i * 3] = 1;
        x[i * 3 + 1] = x1[u];
        x[i * 3 + 2] = x2[u];
      });
      const r = drdidPanel(method, {
        x,
        n: n1,
        k: 3,
        d: Float64Array.from(units, (u) => (g[u] === gr ? 1 : 0)),
        y1: Float64Array.from(units, (u) => yAt(u, cur)),
        y0: Float64Array.from(units, (u) => yAt(u, base)),
        weights: null,
      });
      let ss = 0;
      for (const v of r.inf) ss += ((n / n1) * v) ** 2;
      out.push({ group: gr, time: periods[cur], att: r.att, se: Math.sqrt(ss) / n });
    }
  }
  return out;
}

describe('attgt cells match a brute-force construction of every 2x2 comparison', () => {
  const inp = sample(5);
  const combos: AttgtOptions[] = [];
  for (const method of ['dr', 'ipw', 'reg'] as const)
    for (const control of ['never', 'notyet'] as const)
      for (const base of ['varying', 'universal'] as const) combos.push({ method, control, base, anticipation: 0 });
  combos.push({ method: 'dr', control: 'notyet', base: 'varying', anticipation: 1 });
  combos.push({ method: 'dr', control: 'never', base: 'universal', anticipation: 1 });
  for (const o of combos) {
    it(`${o.method}, ${o.control}, ${o.base}, anticipation ${o.anticipation}`, () => {
      const res = attgt(inp, o);
      const ref = bruteForce(inp, o as Parameters<typeof bruteForce>[1]);
      expect(res.cells.map((c) => [c.group, c.time])).toEqual(ref.map((c) => [c.group, c.time]));
      res.cells.forEach((c, j) => {
        expect(c.att).not.toBeNull();
        expect(c.att!).toBeCloseTo(ref[j].att, 10);
        if (Number.isNaN(ref[j].se)) expect(c.se).toBeNull();
        else expect(c.se!).toBeCloseTo(ref[j].se, 10);
      });
    });
  }
});

describe('attgt options', () => {
  const inp = sample(7);

  it('equal weights change nothing; integer weights act as replicated units', () => {
    const base = attgt(inp, {});
    const w2 = attgt({ ...inp, weights: { unit: new Float64Array(inp.nUnits).fill(2) } }, {});
    base.cells.forEach((c, j) => {
      expect(w2.cells[j].att!).toBeCloseTo(c.att!, 12);
      expect(w2.cells[j].se!).toBeCloseTo(c.se!, 12);
    });
    // Unit 0 with weight 2 = unit 0 twice.
    const w = new Float64Array(inp.nUnits).fill(1);
    w[0] = 2;
    const weighted = attgt({ ...inp, weights: { unit: w } }, {});
    const T = 6;
    const dup: StaggeredInput = {
      ...inp,
      nUnits: inp.nUnits + 1,
      unitId: Float64Array.from([...inp.unitId, 1e6]),
      rowUnit: Int32Array.from([...inp.rowUnit, ...Array(T).fill(inp.nUnits)]),
      rowTime: Float64Array.from([...inp.rowTime, ...inp.rowTime.slice(0, T)]),
      y: Float64Array.from([...inp.y, ...inp.y.slice(0, T)]),
      group: { unit: Float64Array.from([...(inp.group as { unit: Float64Array }).unit, (inp.group as { unit: Float64Array }).unit[0]]) },
      covariates: inp.covariates!.map((c) => ({ name: c.name, column: { unit: Float64Array.from([...(c.column as { unit: Float64Array }).unit, (c.column as { unit: Float64Array }).unit[0]]) } })),
    };
    const replicated = attgt(dup, {});
    weighted.cells.forEach((c, j) => expect(c.att!).toBeCloseTo(replicated.cells[j].att!, 10));
  });

  it('clustering on the unit gives the unit-level SEs; coarser clusters use cluster sums', () => {
    const base = attgt(inp, {});
    const byUnit = attgt({ ...inp, cluster: { unit: Float64Array.from(inp.unitId) } }, {});
    base.cells.forEach((c, j) => expect(byUnit.cells[j].se!).toBeCloseTo(c.se!, 12));
    const code = Float64Array.from(inp.unitId, (id) => id % 40);
    const cl = attgt({ ...inp, cluster: { unit: code } }, {});
    const d = cl.detail;
    const j = 3;
    const sums = new Map<number, number>();
    for (let e = 0; e < cl.n; e++) {
      const c = code[d.entId[e] - 1];
      sums.set(c, (sums.get(c) ?? 0) + d.inf[j * cl.n + e]);
    }
    let ss = 0;
    for (const v of sums.values()) ss += v * v;
    expect(cl.cells[j].se!).toBeCloseTo(Math.sqrt(ss) / cl.n, 12);
    expect(cl.cells[j].se).not.toBeCloseTo(base.cells[j].se!, 6);
    expect(aggte(cl, { type: 'simple' }).se).not.toBeNull();
  });

  it('an unbalanced panel: dropped units by default, kept with unbalanced (RC estimators)', () => {
    const drop = new Set([3, 10, 20, 33]); // rows to remove: some units miss a period
    const keep = Array.from(inp.y.keys()).filter((r) => !drop.has(r));
    const unb: StaggeredInput = { ...inp, rowUnit: Int32Array.from(keep, (r) => inp.rowUnit[r]), rowTime: Float64Array.from(keep, (r) => inp.rowTime[r]), y: Float64Array.from(keep, (r) => inp.y[r]) };
    const dropped = attgt(unb, {});
    expect(dropped.mode).toBe('panel');
    expect(dropped.n).toBe(inp.nUnits - 4);
    expect(dropped.warnings.join(' ')).toMatch(/4 units are missing in some periods/);
    const kept = attgt(unb, { unbalanced: true });
    expect(kept.mode).toBe('unbalanced');
    expect(kept.n).toBe(inp.nUnits);
    expect(kept.nObs).toBe(inp.y.length - 4);
    kept.cells.forEach((c) => expect(c.se).not.toBeNull());
    // A balanced panel with unbalanced = true is estimated as a panel.
    const bal = attgt(inp, { unbalanced: true });
    expect(bal.mode).toBe('panel');
    expect(bal.cells[0].att).toBe(attgt(inp, {}).cells[0].att);
  });

  it('repeated cross sections: one entity per row', () => {
    const rcs = attgt(inp, { rcs: true });
    expect(rcs.mode).toBe('rcs');
    expect(rcs.n).toBe(inp.y.length);
    rcs.cells.forEach((c) => expect(c.att).not.toBeNull());
    expect(aggte(rcs, { type: 'simple' }).att).not.toBeNull();
  });

  it('drops rows with missing values with a warning', () => {
    const y = Float64Array.from(inp.y);
    y[0] = NaN;
    const res = attgt({ ...inp, y }, {});
    expect(res.warnings[0]).toBe('dropped 1 rows from original data due to missing or non-finite data');
    expect(res.n).toBe(inp.nUnits - 1);
  });

  it('factor(x) equals hand-made dummies', () => {
    const panel = simulateStaggered(DEFAULT_DESIGN, new Rng(9));
    const cat = Float64Array.from(panel.unitIds, (id) => id % 3);
    const p2 = { ...panel, unitCols: { ...panel.unitCols, cat, d1: Float64Array.from(cat, (v) => (v === 1 ? 1 : 0)), d2: Float64Array.from(cat, (v) => (v === 2 ? 1 : 0)) } };
    const a = attgt(staggeredInputFromPanel(p2, { y: 'y', group: 'g', covariates: ['x1', 'factor(cat)'] }), {});
    const b = attgt(staggeredInputFromPanel(p2, { y: 'y', group: 'g', covariates: ['x1', 'd1', 'd2'] }), {});
    expect(a.options.covariates).toEqual(['x1', 'cat=1', 'cat=2']);
    a.cells.forEach((c, j) => expect(c.att).toBe(b.cells[j].att));
  });

  it('Wald pre-test equals n b\'V^-1 b over the pre-treatment cells', () => {
    const res = attgt(inp, {});
    const w = res.wald!;
    const d = res.detail;
    const pre = res.cells.map((c, j) => (c.group > c.time ? j : -1)).filter((j) => j >= 0);
    expect(w.df).toBe(pre.length);
    const q = pre.length;
    const n = res.n;
    // Solve V c = b by Gaussian elimination, V = psi'psi / n.
    const a: number[][] = pre.map((j) => pre.map((l) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += d.inf[j * n + i] * d.inf[l * n + i];
      return s / n;
    }));
    const b = pre.map((j) => d.att[j]);
    const m = a.map((row, r) => [...row, b[r]]);
    for (let c = 0; c < q; c++) for (let r = c + 1; r < q; r++) {
      const f = m[r][c] / m[c][c];
      for (let s = c; s <= q; s++) m[r][s] -= f * m[c][s];
    }
    const sol = new Array(q).fill(0);
    for (let r = q - 1; r >= 0; r--) {
      let s = m[r][q];
      for (let c = r + 1; c < q; c++) s -= m[r][c] * sol[c];
      sol[r] = s / m[r][r];
    }
    const stat = n * b.reduce((acc, v, r) => acc + v * sol[r], 0);
    expect(w.stat).toBeCloseTo(stat, 8);
    expect(w.p).toBeGreaterThan(0);
    expect(w.p).toBeLessThanOrEqual(1);
  });
});

describe('R did data rules', () => {
  it('without a never-treated group, notyet uses the last cohort as comparison and drops its periods', () => {
    const design: StaggeredDesign = { ...DEFAULT_DESIGN, periods: 8, groups: [3, 5, 7], sharesX0: [0.3, 0.3, 0.4, 0], sharesX1: [0.3, 0.3, 0.4, 0] };
    const inp = sample(3, design);
    const res = attgt(inp, { control: 'notyet' });
    expect(res.periods).toEqual([1, 2, 3, 4, 5, 6]);
    expect(res.groupSizes.map((g) => g.group)).toEqual([3, 5]);
    expect(res.cells.length).toBe(2 * 5);
    expect(res.warnings).toEqual([]);
    const never = attgt(inp, { control: 'never' });
    expect(never.warnings[0]).toMatch(/No never-treated group is available/);
    expect(never.cells.length).toBe(2 * 5);
  });

  it('drops units treated in the first period', () => {
    const panel = simulateStaggered(DEFAULT_DESIGN, new Rng(4));
    const g = Float64Array.from(panel.unitCols.g);
    g[0] = 1;
    g[1] = 1;
    const res = attgt(staggeredInputFromPanel({ ...panel, unitCols: { ...panel.unitCols, g } }, { y: 'y', group: 'g' }), {});
    expect(res.warnings).toContain('Dropped 2 units that were already treated in the first period.');
    expect(res.n).toBe(panel.nUnits - 2);
  });

  it('treats groups starting after the last period as never treated', () => {
    const panel = simulateStaggered(DEFAULT_DESIGN, new Rng(6));
    const g = Float64Array.from(panel.unitCols.g, (v) => (v === 0 ? 99 : v));
    const a = attgt(staggeredInputFromPanel({ ...panel, unitCols: { ...panel.unitCols, g } }, { y: 'y', group: 'g' }), {});
    const b = attgt(staggeredInputFromPanel(panel, { y: 'y', group: 'g' }), {});
    a.cells.forEach((c, j) => expect(c.att).toBe(b.cells[j].att));
  });
});
