/**
 * Parity with honest_mpdta.json (moderndid 0.4.1, the Python port of R HonestDiD): first the
 * inputs (event-study estimates and sigma = IF'IF/n^2 with the reference period dropped) to
 * 1e-8, then the original interval and the FLCI (Delta^SD) bounds to 1e-4 and the C-LF
 * (Delta^RM) bounds to 2e-3, the tolerances of the reference's README.
 */
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { aggte, attgtPanel } from '../../src/estimate';
import { flciIntervals, honestInputs, inputsFromArrays, loadSolver, originalInterval, rmConfidenceSet, targetWeights, SensitivityInputError } from '../../src/sensitivity/index';
import { panelFromCsv, readReferenceJson, REFERENCE_DIR } from '../helpers/csv-small';

const ref = readReferenceJson('honest_mpdta.json');
const hi = ref.honest_inputs;

describe('honest_mpdta.json (Rambachan-Roth on the mpdta event study)', () => {
  beforeAll(async () => {
    await loadSolver();
  });
  const panel = panelFromCsv(path.join(REFERENCE_DIR, 'mpdta.csv'), 'countyreal', 'year');
  const res = attgtPanel(panel, { y: 'lemp', group: 'first.treat', covariates: ['lpop'], method: 'dr', control: 'never', base: 'universal' });
  const dyn = aggte(res, { type: 'dynamic' });

  it('builds the inputs: betahat and sigma = IFIF/n^2, reference e = -1 dropped, to 1e-8', () => {
    const inp = honestInputs(dyn);
    expect(inp.eventTimes).toEqual(hi.event_times);
    expect(inp.numPre).toBe(hi.numPrePeriods);
    expect(inp.numPost).toBe(hi.numPostPeriods);
    hi.betahat.forEach((b: number, i: number) => expect(Math.abs(inp.betahat[i] - b), `betahat[${i}]`).toBeLessThanOrEqual(1e-8));
    const k = hi.betahat.length;
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) expect(Math.abs(inp.sigma.v[i * k + j] - hi.sigma[i][j]), `sigma[${i}][${j}]`).toBeLessThanOrEqual(1e-8);
    // the diagonal is the squared SE of the aggregation (the same influence functions)
    const post0 = dyn.by.find((r) => r.e === 0)!;
    expect(Math.sqrt(inp.sigma.v[3 * k + 3])).toBeCloseTo(post0.se!, 12);
  });

  it('refuses a varying base period and names the reason', () => {
    const varying = aggte(attgtPanel(panel, { y: 'lemp', group: 'first.treat', method: 'dr', control: 'never', base: 'varying' }), { type: 'dynamic' });
    expect(() => honestInputs(varying)).toThrow(SensitivityInputError);
    expect(() => honestInputs(varying)).toThrow(/universal base period/);
    expect(() => honestInputs(aggte(res, { type: 'group' }))).toThrow(/dynamic/);
  });

  const inp = inputsFromArrays(hi.event_times, hi.betahat, hi.sigma.flat());
  const l = targetWeights(inp, { e: 0 });

  it('original interval to 1e-4', () => {
    const o = originalInterval(inp, l, hi.alpha);
    expect(Math.abs(o.lb - ref.original_cs.lb)).toBeLessThanOrEqual(1e-4);
    expect(Math.abs(o.ub - ref.original_cs.ub)).toBeLessThanOrEqual(1e-4);
  });

  it('FLCI bounds under Delta^SD(M), M = 0 ... 0.04, to 1e-4', () => {
    const rows = ref.smoothness.rows;
    const got = flciIntervals(inp, l, rows.map((r: any) => r.m), hi.alpha);
    rows.forEach((r: any, i: number) => {
      expect(Math.abs(got[i].lb - r.lb), `lb at M = ${r.m}`).toBeLessThanOrEqual(1e-4);
      expect(Math.abs(got[i].ub - r.ub), `ub at M = ${r.m}`).toBeLessThanOrEqual(1e-4);
    });
    // the interval widens with M and contains the original-scale estimator's centre
    for (let i = 1; i < got.length; i++) expect(got[i].ub - got[i].lb).toBeGreaterThan(got[i - 1].ub - got[i - 1].lb);
  });

  for (const preChanges of ['all', 'python'] as const) {
    it(`C-LF bounds under Delta^RM(Mbar), Mbar = 0 ... 2, to 2e-3 (the reference's 100-point grid; pre-period changes: ${preChanges})`, () => {
      for (const r of ref.relative_magnitude.rows) {
        const got = rmConfidenceSet(inp, l, r.Mbar, { gridPoints: 100, alpha: hi.alpha, preChanges });
        expect(Math.abs(got.lb! - r.lb), `lb at Mbar = ${r.Mbar}`).toBeLessThanOrEqual(2e-3);
        expect(Math.abs(got.ub! - r.ub), `ub at Mbar = ${r.Mbar}`).toBeLessThanOrEqual(2e-3);
      }
    });
  }

  it('C-LF on the finer default grid (1000 points) stays within one coarse grid step of the reference', () => {
    const step = (r: any) => (r.ub - r.lb) / 20; // generous: the coarse grid spans the set +- 20 sd in 99 steps
    for (const r of ref.relative_magnitude.rows.slice(0, 3)) {
      const got = rmConfidenceSet(inp, l, r.Mbar, { alpha: hi.alpha });
      expect(Math.abs(got.lb! - r.lb)).toBeLessThanOrEqual(Math.max(5e-3, step(r)));
      expect(Math.abs(got.ub! - r.ub)).toBeLessThanOrEqual(Math.max(5e-3, step(r)));
      expect(got.lb!).toBeLessThan(got.ub!);
    }
  });
});
