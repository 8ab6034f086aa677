/**
 * Parity with the reference outputs of R did 2.5.1 / DRDID 1.2.3 in shared/reference:
 * every att and se to |delta| <= 1e-6 * max(1, |reference|).
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { aggte, AggteOptions, attgtPanel, drdidFromPanel } from '../../src/estimate';
import { panelFromCsv, readReferenceJson, REFERENCE_DIR } from '../helpers/csv-small';

function close(actual: number | null, expected: number | null, what: string): void {
  if (expected === null) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  const tol = 1e-6 * Math.max(1, Math.abs(expected));
  expect(Math.abs((actual as number) - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
}

const AGGTE_CALLS: Record<string, AggteOptions> = {
  simple: { type: 'simple' },
  group: { type: 'group' },
  dynamic: { type: 'dynamic' },
  calendar: { type: 'calendar' },
  'dynamic_min-3_max2': { type: 'dynamic', minE: -3, maxE: 2 },
  dynamic_balance1: { type: 'dynamic', balanceE: 1 },
};

describe('mpdta (R did 2.5.1 att_gt + aggte)', () => {
  const panel = panelFromCsv(path.join(REFERENCE_DIR, 'mpdta.csv'), 'countyreal', 'year');
  for (const [config, covariates] of [
    ['a', []],
    ['b_dr', ['lpop']],
  ] as const) {
    describe(`config ${config}`, () => {
      const ref = readReferenceJson(`mpdta_${config}.json`);
      const res = attgtPanel(panel, { y: 'lemp', group: 'first.treat', covariates, method: 'dr', control: 'never', base: 'varying' });

      it('has the same n and cells in the same order', () => {
        expect(res.n).toBe(ref.n);
        expect(res.cells.map((c) => [c.group, c.time])).toEqual(ref.att_gt.map((c: any) => [c.group, c.time]));
        expect(res.warnings).toEqual([]);
      });

      it('matches every ATT(g,t) and its standard error', () => {
        ref.att_gt.forEach((r: any, j: number) => {
          close(res.cells[j].att, r.att, `att(${r.group},${r.time})`);
          close(res.cells[j].se, r.se, `se(${r.group},${r.time})`);
        });
      });

      for (const [key, call] of Object.entries(AGGTE_CALLS)) {
        it(`matches aggte ${key}`, () => {
          const a = aggte(res, call);
          const r = ref.aggte[key];
          close(a.att, r.att, `${key} att`);
          close(a.se, r.se, `${key} se`);
          if (r.by) {
            expect(a.by.map((b) => b.e)).toEqual(r.by.map((b: any) => b.e));
            r.by.forEach((b: any, q: number) => {
              close(a.by[q].att, b.att, `${key} att[${b.e}]`);
              close(a.by[q].se, b.se, `${key} se[${b.e}]`);
            });
          } else {
            expect(a.by).toEqual([]);
          }
        });
      }
    });
  }
});

describe('LaLonde NSW-CPS (R DRDID::drdid, estMethod = "trad", panel = TRUE)', () => {
  it('matches ATT and SE of the traditional DR estimator', () => {
    const ref = readReferenceJson('lalonde_drdid.json');
    const panel = panelFromCsv(path.join(REFERENCE_DIR, 'lalonde_cps.csv'), 'id', 'year');
    const res = drdidFromPanel(panel, {
      y: 're',
      treated: 'experimental',
      covariates: ['age', 'educ', 'black', 'married', 'nodegree', 'hisp', 're74'],
      method: 'dr',
    });
    expect(res.n).toBe(ref.n);
    expect(res.nTreated).toBe(ref.n_treated);
    close(res.att, ref.drdid_trad.att, 'att');
    close(res.se, ref.drdid_trad.se, 'se');
  });
});
