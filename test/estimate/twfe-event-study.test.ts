import { describe, expect, it } from 'vitest';
import { twfeEventStudy } from '../../src/estimate/twfe-event-study';
import { twfe } from '../../src/stats/twfe';
import { readJson, readMpdta } from './mpdta-rows';

// Tolerance from test/fixtures/reference/README.md: 1e-10 for estimates and SEs.
const TOL = 1e-10;

describe('twfeEventStudy against twfe_es_mpdta.json (fixest/pyfixest)', () => {
  const ref = readJson('twfe_es_mpdta.json');
  const d = readMpdta();
  const res = twfeEventStudy(d);

  it('leads and lags e = −4..3 (ref −1): estimates and CRV1 SEs in all three conventions', () => {
    expect(res.events.map((r) => r.e)).toEqual(ref.event_study.map((r: any) => r.e));
    ref.event_study.forEach((r: any, j: number) => {
      expect(Math.abs(res.events[j].est - r.estimate)).toBeLessThan(TOL);
      expect(Math.abs(res.events[j].se - r.se)).toBeLessThan(TOL);
      expect(Math.abs(res.seNoSsc.get(r.e)! - r.se_no_ssc)).toBeLessThan(TOL);
      expect(Math.abs(res.seClusterAdjOnly.get(r.e)! - r.se_cluster_adj_only)).toBeLessThan(TOL);
    });
    expect(res.n).toBe(ref.n_obs);
    expect(res.clusters).toBe(ref.n_clusters);
  });

  it('static TWFE coefficient and SE', () => {
    expect(Math.abs(res.att.est - ref.static_twfe_att.estimate)).toBeLessThan(TOL);
    expect(Math.abs(res.att.se - ref.static_twfe_att.se)).toBeLessThan(TOL);
  });

  it('agrees with the project TWFE (src/stats/twfe.ts) on the same dummies', () => {
    const d1 = Float64Array.from(d.cohort, (g, r) => (g > 0 && d.time[r] >= g ? 1 : 0));
    const s = twfe({ y: d.y, unit: d.unit, time: d.time, x: [d1], names: ['D'] }).coef[0];
    expect(Math.abs(s.est.value! - res.att.est)).toBeLessThan(1e-12);
    expect(Math.abs(s.se.value! - res.att.se)).toBeLessThan(1e-12);
  });

  it('without never-treated units the collinear dummies are NA with a warning; binning the endpoints identifies the rest', () => {
    const keep: number[] = [];
    d.cohort.forEach((g, r) => g > 0 && keep.push(r));
    const sub = {
      y: Float64Array.from(keep, (r) => d.y[r]),
      unit: Float64Array.from(keep, (r) => d.unit[r]),
      time: Float64Array.from(keep, (r) => d.time[r]),
      cohort: Float64Array.from(keep, (r) => d.cohort[r]),
    };
    const all = twfeEventStudy(sub);
    expect(all.events.some((r) => Number.isNaN(r.est))).toBe(true);
    expect(all.warnings.join(' ')).toMatch(/collinear/);
    const binned = twfeEventStudy(sub, { minE: -3, maxE: 2 });
    expect(binned.events.filter((r) => Number.isNaN(r.est)).length).toBeLessThanOrEqual(1);
  });

  it('rejects bad input naming the row', () => {
    const bad = { ...d, cohort: Float64Array.from(d.cohort) };
    bad.cohort[1] = 2004; // unit 8001 has 2007 in row 1
    expect(() => twfeEventStudy(bad)).toThrow(/constant within unit.*row 2/);
    expect(() => twfeEventStudy({ ...d, time: d.time.subarray(1) })).toThrow(/time has 2499 rows/);
  });
});
