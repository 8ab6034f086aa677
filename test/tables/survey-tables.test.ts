import { describe, expect, it } from 'vitest';
import { STARS_R23, starsFor } from '../../src/format/index';
import { SURVEY_SAMPLES, surveyModels } from '../../src/models/team-survey';
import { checkItem } from '../../src/report/validate';
import { tTest } from '../../src/stats/ttest';
import { surveyBalanceTable } from '../../src/tables/survey-balance';
import { waveMeansTable } from '../../src/tables/survey-means';
import { populationComparisonTable } from '../../src/tables/survey-national';
import { surveyEffectTable } from '../../src/tables/survey-twfe';
import { simulateSurvey } from './survey-helpers';

const L = (s: string) => ({ sv: s, en: s });

describe('surveyEffectTable (R23 Table 2 / B4)', () => {
  const { panel } = simulateSurvey(5);
  const main = surveyModels(panel, SURVEY_SAMPLES.main, ['q1', 'q4']);
  const bin = surveyModels(panel, SURVEY_SAMPLES.binary14, ['q1', 'q4']);
  const table = surveyEffectTable({
    id: 'x-survey',
    title: L('t'),
    columns: [
      { key: 'q1', label: L('(1)') },
      { key: 'q4', label: L('(2)') },
    ],
    panels: [
      { key: 'A', label: L('A'), models: main },
      { key: 'B', label: L('B'), models: bin, personsLabel: L('clusters') },
    ],
  });

  it('lays out one block of rows per panel with the models\' numbers', () => {
    checkItem(table);
    expect(table.rows.map((r) => r.key)).toEqual([
      'A:header', 'A:effect', 'A:mean', 'A:observations', 'A:r2', 'A:persons',
      'B:header', 'B:effect', 'B:mean', 'B:observations', 'B:r2', 'B:persons',
    ]);
    const eff = table.rows[1].cells[0];
    expect(eff.value).toBe(main[0].effect.est.value);
    expect(eff.se).toBe(main[0].effect.se.value);
    expect(eff.stars).toBe(starsFor(main[0].effect.p.value, STARS_R23));
    expect(table.rows[3].cells.map((c) => c.value)).toEqual(main.map((m) => m.observations));
    expect(table.rows[4].cells[1].value).toBe(main[1].fit.r2Within.value);
    expect(table.rows[5].cells.map((c) => c.value)).toEqual(main.map((m) => m.persons));
    expect(table.rows[11].label.en).toBe('clusters');
  });

  it('prints a binary mean with three decimals and the R23 star note', () => {
    expect(table.rows[8].cells[0].format).toEqual({ decimals: 3 });
    expect(table.notes.at(-1)).toEqual(STARS_R23.note);
  });

  it('refuses a panel with the wrong number of models', () => {
    expect(() => surveyEffectTable({ id: 'x', title: L('t'), columns: [{ key: 'a', label: L('a') }], panels: [{ key: 'A', models: main }] })).toThrow(/2 models for 1 columns/);
  });
});

describe('waveMeansTable (R23 Table 1)', () => {
  it('gives the mean of each question and the respondents', () => {
    const t = waveMeansTable({
      id: 'x-means',
      title: L('t'),
      column: L('All'),
      respondents: 3,
      questions: [{ key: 'q1', label: L('1. a'), values: Float64Array.from([1, 2, NaN, 6]) }],
    });
    checkItem(t);
    expect(t.rows[0].cells[0].value).toBeCloseTo(3, 12);
    expect(t.rows[0].cells[0].n).toBe(3);
    expect(t.rows[1]).toMatchObject({ key: 'respondents', cells: [{ value: 3, n: 3 }] });
  });
});

describe('surveyBalanceTable (R23 Table B3)', () => {
  const treated = Uint8Array.from([1, 1, 1, 0, 0, 0, 0]);
  const control = Uint8Array.from([0, 0, 0, 1, 1, 1, 0]);
  const age = Float64Array.from([30, 40, 50, 35, 45, 60, 99]);
  const none = Float64Array.from([0, 0, 0, 0, 0, 0, 0]);
  const t = surveyBalanceTable({
    id: 'x-b3',
    title: L('t'),
    treated,
    control,
    variables: [
      { key: 'age', label: L('Age'), values: age },
      { key: 'other', label: L('Other'), values: none },
    ],
  });

  it('prints means with SDs, control − treatment and the Welch t of that difference', () => {
    checkItem(t);
    const [all, tr, co, diff, tstat] = t.rows[0].cells;
    expect(all.value).toBeCloseTo((30 + 40 + 50 + 35 + 45 + 60) / 6, 12);
    expect(tr.value).toBe(40);
    expect(tr.se).toBeCloseTo(10, 12);
    expect(co.value).toBeCloseTo(140 / 3, 12);
    expect(diff.value).toBeCloseTo(140 / 3 - 40, 12);
    expect(tstat.value).toBeCloseTo(-tTest(age, treated, control).t.value!, 12);
  });

  it('gives a worded NA ("a") for a variable without spread', () => {
    expect(t.rows[1].cells[4].value).toBeNull();
    expect(t.rows[1].cells[4].na?.en).toBe('no variation');
  });

  it('ends with the group sizes', () => {
    expect(t.rows[2].cells.slice(0, 3).map((c) => c.value)).toEqual([6, 3, 3]);
  });
});

describe('populationComparisonTable (R23 Table B2)', () => {
  it('prints the participants\' shares next to the national values with markers', () => {
    const t = populationComparisonTable({
      id: 'x-b2',
      title: L('t'),
      columns: [L('P'), L('N')],
      participants: Uint8Array.from([1, 1, 1, 0]),
      rows: [
        { key: 'woman', label: L('Woman'), values: Float64Array.from([1, 0, 1, 1]), share: true, national: 0.497 },
        { key: 'fb', label: L('Foreign'), values: Float64Array.from([1, 0, 0, 1]), share: true, national: 0.259, marker: '*' },
        { key: 'age', label: L('Age'), values: Float64Array.from([30, 40, 50, 99]), share: false, national: null },
      ],
    });
    checkItem(t);
    expect(t.rows[0].cells[0].value).toBeCloseTo(2 / 3, 12);
    expect(t.rows[0].cells[0].format).toEqual({ decimals: 1, percent: true });
    expect(t.rows[1].cells[1].text).toEqual({ sv: '25,9\u00a0%*', en: '25.9%*' });
    expect(t.rows[2].cells[0].value).toBe(40);
    expect(t.rows[2].cells[1].na?.en).toBe('not available');
    expect(t.rows[3].cells[0].value).toBe(3);
  });
});
