import { describe, expect, it } from 'vitest';
import { STARS_R23, starsFor } from '../../src/format/index';
import { malmoPanel } from '../../src/models/malmokraften';
import {
  careRows,
  demographicsRows,
  incomeRows,
  malmoGroups,
  medicationRows,
  registrationRows,
  sicknessRows,
  weightingCovariates,
  weightingRows,
  type BalanceLayoutRow,
} from '../../src/models/malmokraften-balance';
import { checkItem } from '../../src/report/validate';
import { balanceRow } from '../../src/stats/balance';
import { attWeights, propensityScores } from '../../src/stats/propensity';
import { tTest } from '../../src/stats/ttest';
import { malmoBalanceTable, weightingBalanceTable } from '../../src/tables/malmo-balance';
import { makePanel } from '../stats/helpers';
import { MINI_MONTHS, miniMalmo } from './malmo-helpers';

const L = (s: string) => ({ sv: s, en: s });
const v = (key: string, values: number[], decimals?: number): BalanceLayoutRow => ({ kind: 'variable', key, label: L(key), values: Float64Array.from(values), decimals });

describe('malmoBalanceTable (R23 B5–B10)', () => {
  const treated = Uint8Array.from([1, 1, 1, 1, 0, 0, 0, 0, 0]);
  const control = Uint8Array.from([0, 0, 0, 0, 1, 1, 1, 1, 1]);
  const age = [30, 44, 50, 56, 30, 35, 38, 40, 42];
  const t = malmoBalanceTable({
    id: 'x-b5',
    title: L('t'),
    treated,
    control,
    rows: [{ kind: 'header', key: 'h', label: L('H') }, v('age', age, 1), v('flat', [1, 1, 1, 1, 1, 1, 1, 1, 1]), v('cond', [NaN, 2, NaN, 4, 1, NaN, 1, NaN, 1])],
  });

  it('prints control mean and N, participants\' mean and N, control − participants and t with R23 stars', () => {
    checkItem(t);
    const [cm, cn, tm, tn, diff, tstat] = t.rows[1].cells;
    expect(cm.value).toBeCloseTo(37, 12);
    expect(cn.value).toBe(5);
    expect(tm.value).toBe(45);
    expect(tn.value).toBe(4);
    expect(diff.value).toBeCloseTo(-8, 12);
    const test = tTest(Float64Array.from(age), treated, control);
    expect(tstat.value).toBeCloseTo(-test.t.value!, 12);
    expect(tstat.stars).toBe(starsFor(test.p.value, STARS_R23));
    expect(t.rows[0]).toMatchObject({ header: true, cells: [] });
  });

  it('gives a worded NA when a row cannot be tested, and N over the persons with a value', () => {
    expect(t.rows[2].cells[5]).toMatchObject({ value: null, na: { en: 'no variation' } });
    expect(t.rows[3].cells[1].value).toBe(3);
    expect(t.rows[3].cells[3].value).toBe(2);
  });
});

describe('Malmökraften balance rows', () => {
  const mini = miniMalmo({ seed: 5, sizes: [30, 20, 10, 20, 20], controls: 100, ...MINI_MONTHS });
  const p = malmoPanel(mini.panel);
  const cols = ['social_assistance', 'social_assistance_family_kr', 'social_assistance_kr', 'wage_kr', 'psych_medication', 'n06a_ddd_days', 'n05b_ddd_days', 'n05c_ddd_days', 'outpatient_visits', 'inpatient_stays', 'inpatient_days', 'sickness_spell_days', 'sickness_benefit_days', 'sickness_comp_days', 'activity_comp_days'];
  const withOutcomes = { ...p, cols: Object.fromEntries(cols.map((c, i) => [c, p.cols.y.map((y, r) => (c === 'social_assistance' || c === 'psych_medication' ? (y > 0 ? 1 : 0) : Math.max(0, Math.round((y + i) * 3) - 8 + (r % 3))))])) };

  it('lays out every table with its header rows and one value per person', () => {
    const yearlyRows = Array.from({ length: p.nUnits * 2 }, (_, i) => ({ unit: Math.floor(i / 2) + 1, time: 2016 + (i % 2), disposable_income_kr: 120000 + i, share_programme: 0.3, share_social_assistance: 0.2, share_earned: 0.2, share_unemployment: 0.1, share_sickness: 0.05, share_care: 0.05, share_studies: 0.05, share_other: 0.05 }));
    const yearly = makePanel(yearlyRows);
    const sets = [demographicsRows(withOutcomes), incomeRows(withOutcomes, yearly), registrationRows(withOutcomes), sicknessRows(withOutcomes), medicationRows(withOutcomes), careRows(withOutcomes), weightingRows(withOutcomes)];
    expect(sets.map((s) => s.length)).toEqual([16, 17, 24, 19, 12, 16, 30]);
    for (const s of sets) for (const r of s) if (r.kind === 'variable') expect(r.values.length).toBe(p.nUnits);
    const income = sets[1];
    const disposable = income.find((r) => r.key === 'disposable_income')!;
    expect(disposable.kind === 'variable' && disposable.values[0]).toBeCloseTo(120001 / 12, 9);
    // "if > 0" rows keep only the persons with a positive amount.
    const wage = income.find((r) => r.key === 'wage_kr')!;
    const wagePos = income.find((r) => r.key === 'wage_kr_pos')!;
    if (wage.kind === 'variable' && wagePos.kind === 'variable') wage.values.forEach((w, u) => expect(Object.is(wagePos.values[u], w > 0 ? w : NaN)).toBe(true));
    expect(() => incomeRows(withOutcomes, makePanel(yearlyRows.slice(2)))).toThrow(/different persons/);
  });

  it('gives the weighted columns of B11 from balanceRow with ATT weights', () => {
    const { treated, control } = malmoGroups(p);
    const ps = propensityScores(treated, control, weightingCovariates(p));
    const weights = attWeights(ps.ps, treated, control);
    const rows = weightingRows(withOutcomes);
    const t = weightingBalanceTable({ id: 'x-b11', title: L('t'), rows, treated, control, weights });
    checkItem(t);
    const age = rows.find((r) => r.key === 'age')!;
    if (age.kind !== 'variable') throw new Error('age');
    const b = balanceRow(age.values, treated, control, { weights });
    const cells = t.rows.find((r) => r.key === 'age')!.cells;
    expect(cells.map((c) => c.value)).toEqual([b.smd.value, b.weighted!.smd.value, b.varianceRatio.value, b.weighted!.varianceRatio.value]);
  });
});
