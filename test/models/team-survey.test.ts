import { describe, expect, it } from 'vitest';
import { answerYear, binaryCut, sampleOutcome, sampleUnits, SURVEY_SAMPLES, surveyModels, surveyTwfe, waveAnswers } from '../../src/models/team-survey';
import { levelIndicator, nationalValues, publishedNationalValues, SURVEY_NATIONAL_ROWS } from '../../src/models/team-survey-background';
import { twfe } from '../../src/stats/twfe';
import { simulateSurvey } from '../tables/survey-helpers';

describe('team-survey model (R23 equation 1)', () => {
  const { panel, effect } = simulateSurvey(11);

  it('keeps the sample\'s waves and delays only', () => {
    const y = sampleOutcome(panel, 'q1', SURVEY_SAMPLES.within14);
    for (let r = 0; r < panel.nRows; r++) {
      const inside = panel.rowTime[r] <= 2 && panel.cols.delay_days[r] <= 14 && Number.isFinite(panel.cols.q1[r]);
      expect(Number.isFinite(y[r])).toBe(inside);
    }
  });

  it('cuts the binary outcome at 7 (Q4 at 1)', () => {
    expect(binaryCut('q1')).toBe(7);
    expect(binaryCut('q4')).toBe(1);
    expect(() => binaryCut('q9')).toThrow(/unknown survey question/);
    const y = sampleOutcome(panel, 'q4', SURVEY_SAMPLES.binary14);
    for (let r = 0; r < panel.nRows; r++) if (Number.isFinite(y[r])) expect(y[r]).toBe(panel.cols.q4[r] >= 1 ? 1 : 0);
  });

  it('equals a direct two-way FE fit with year-of-answer effects; the background is absorbed', () => {
    const m = surveyTwfe(panel, 'q1', SURVEY_SAMPLES.main);
    // Direct: same rows (education missing drops the person's answers), team only.
    const y = sampleOutcome(panel, 'q1', SURVEY_SAMPLES.main);
    const edu = panel.unitCols.education;
    for (let r = 0; r < panel.nRows; r++) if (Number.isNaN(edu[panel.rowUnit[r]])) y[r] = NaN;
    const direct = twfe({ y, unit: panel.rowUnit, time: answerYear(panel), x: [panel.cols.team], names: ['team'] });
    expect(m.effect.est.value).toBeCloseTo(direct.coef[0].est.value!, 10);
    expect(m.effect.se.value).toBeCloseTo(direct.coef[0].se.value!, 10);
    expect(m.observations).toBe(direct.n);
    expect(m.persons).toBe(direct.clusters);
    for (const c of m.fit.coef.slice(1)) expect(c.est.na?.code).toBe('collinear');
  });

  it('recovers the simulated effect', () => {
    const m = surveyTwfe(panel, 'q1', SURVEY_SAMPLES.allWaves);
    expect(Math.abs(m.effect.est.value! - effect)).toBeLessThan(3 * m.effect.se.value!);
    expect(m.effect.se.value!).toBeLessThan(0.3);
  });

  it('reports the wave-1 mean of the answers the model uses', () => {
    const m = surveyTwfe(panel, 'q1', SURVEY_SAMPLES.main, []);
    let s = 0;
    let n = 0;
    for (let r = 0; r < panel.nRows; r++) {
      if (panel.rowTime[r] === 1 && panel.cols.delay_days[r] <= 30 && Number.isFinite(panel.cols.q1[r])) {
        s += panel.cols.q1[r];
        n++;
      }
    }
    expect(m.wave1Mean.value).toBeCloseTo(s / n, 12);
  });

  it('runs every question in the given order', () => {
    const ms = surveyModels(panel, SURVEY_SAMPLES.main, ['q4', 'q1']);
    expect(ms.map((m) => m.question)).toEqual(['q4', 'q1']);
  });

  it('gives per-person wave answers and sample membership', () => {
    const w2 = waveAnswers(panel, 'q1', 2, 30);
    const inMain = sampleUnits(panel, SURVEY_SAMPLES.main);
    for (let u = 0; u < panel.nUnits; u++) {
      const rows = Array.from({ length: panel.rowStart[u + 1] - panel.rowStart[u] }, (_, k) => panel.rowStart[u] + k);
      const r2 = rows.find((r) => panel.rowTime[r] === 2 && panel.cols.delay_days[r] <= 30);
      if (r2 === undefined) expect(Number.isNaN(w2[u])).toBe(true);
      else expect(Object.is(w2[u], panel.cols.q1[r2])).toBe(true);
      expect(inMain[u]).toBe(rows.some((r) => panel.rowTime[r] <= 2 && panel.cols.delay_days[r] <= 30) ? 1 : 0);
    }
  });
});

describe('team-survey background (R23 Tables B2, B3)', () => {
  it('turns published per cent into shares and marks other years and the employment rate', () => {
    const v = nationalValues([
      { key: 'age', value: 41.6, unit: 'years', year: 2018 },
      { key: 'woman', value: 49.7, unit: 'percent', year: 2018 },
      { key: 'foreign_background', value: 25.9, unit: 'percent', year: 2020 },
      { key: 'earned_income_share', value: 82.6, unit: 'percent', year: 2018 },
    ]);
    expect(v.age).toEqual({ value: 41.6 });
    expect(v.woman.value).toBeCloseTo(0.497, 12);
    expect(v.foreign_background.marker).toBe('*');
    expect(v.earned_income_share.marker).toBe('**');
    // Every row of the published file matches a row of the table layout.
    const published = publishedNationalValues();
    for (const r of SURVEY_NATIONAL_ROWS) expect(published[r.key], r.key).toBeDefined();
  });

  it('codes category levels as 0/1 with missing kept missing, and refuses an unknown level', () => {
    const { panel } = simulateSurvey(3, 40);
    const ind = levelIndicator(panel, 'education', 'primary_9');
    panel.unitCols.education.forEach((e, u) => expect(Object.is(ind[u], Number.isNaN(e) ? NaN : e === 1 ? 1 : 0)).toBe(true));
    expect(() => levelIndicator(panel, 'education', 'doctorate')).toThrow(/no level "doctorate"/);
  });
});
