import { describe, expect, it } from 'vitest';
import { sunAbraham } from '../../src/estimate/sun-abraham';
import { readJson, readMpdta, subsetRows } from './mpdta-rows';

// Tolerance from test/fixtures/reference/README.md: 1e-10 for estimates and SEs.
const TOL = 1e-10;
const ref = readJson('sunab_mpdta.json');
const d = readMpdta();

const cases = [
  { key: 'never_treated_control', run: () => sunAbraham(d) },
  { key: 'last_treated_control_plus_never', run: () => sunAbraham(d, { control: 'last' }) },
  { key: 'last_treated_control_only', run: () => sunAbraham(subsetRows(d, (r) => d.cohort[r] > 0), { control: 'last' }) },
];

describe('sunAbraham against sunab_mpdta.json (fixest sunab / pyfixest)', () => {
  for (const c of cases) {
    it(`${c.key}: cells, event-time aggregates with their cohort weights, overall ATT, three SE conventions`, () => {
      const v = ref.variants[c.key];
      const res = c.run();
      expect(res.n).toBe(v.n_obs);
      expect(res.clusters).toBe(v.n_clusters);
      expect(res.cells.length).toBe(v.cohort_period_coefficients.length);
      for (const rc of v.cohort_period_coefficients) {
        const cell = res.cells.find((x) => x.cohort === rc.cohort && x.e === rc.e)!;
        expect(cell, `${rc.cohort}:${rc.e}`).toBeDefined();
        expect(cell.n).toBe(rc.n_obs);
        expect(Math.abs(cell.est - rc.estimate)).toBeLessThan(TOL);
        expect(Math.abs(cell.se - rc.se)).toBeLessThan(TOL);
        expect(Math.abs(res.se.noSsc.get(`${rc.cohort}:${rc.e}`)! - rc.se_no_ssc)).toBeLessThan(TOL);
        expect(Math.abs(res.se.clusterAdjOnly.get(`${rc.cohort}:${rc.e}`)! - rc.se_cluster_adj_only)).toBeLessThan(TOL);
      }
      expect(res.events.map((r) => r.e)).toEqual(v.event_study.map((r: any) => r.e));
      v.event_study.forEach((r: any, j: number) => {
        const ev = res.events[j];
        expect(Math.abs(ev.est - r.estimate)).toBeLessThan(TOL);
        expect(Math.abs(ev.se - r.se)).toBeLessThan(TOL);
        expect(Math.abs(res.se.noSsc.get(String(r.e))! - r.se_no_ssc)).toBeLessThan(TOL);
        for (const [g, w] of Object.entries(r.cohort_weights)) expect(Math.abs(ev.weights.get(Number(g))! - (w as number))).toBeLessThan(1e-15);
      });
      expect(Math.abs(res.att.est - v.overall_att.estimate)).toBeLessThan(TOL);
      expect(Math.abs(res.att.se - v.overall_att.se)).toBeLessThan(TOL);
      expect(Math.abs(res.se.clusterAdjOnly.get('att')! - v.overall_att.se_cluster_adj_only)).toBeLessThan(TOL);
    });
  }

  it('post cells equal Callaway–Sant’Anna ATT(g,t) of mpdta_a.json (never treated, no covariates)', () => {
    const cs = readJson('mpdta_a.json');
    const res = sunAbraham(d);
    for (const cell of res.cells.filter((c) => c.e >= 0)) {
      const r = cs.att_gt.find((x: any) => x.group === cell.cohort && x.time === cell.cohort + cell.e);
      expect(Math.abs(cell.est - r.att)).toBeLessThan(1e-12);
    }
  });

  it('needs never-treated units for control "never" and two cohorts for "last"', () => {
    expect(() => sunAbraham(subsetRows(d, (r) => d.cohort[r] > 0))).toThrow(/no never-treated units/);
    expect(() => sunAbraham(subsetRows(d, (r) => d.cohort[r] === 0 || d.cohort[r] === 2004), { control: 'last' })).toThrow(/two treated cohorts/);
  });
});
