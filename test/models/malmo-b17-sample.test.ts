/**
 * R23's Malmökraften models pinned on a small constructed panel: columns (1)–(4) of Tables
 * B12–B16 (which persons and months each keeps), and Table B17's sample rules: the income shares
 * (yearly in SCB's register) are estimated on the monthly panel with each month carrying
 * its year's share, January 2013–December 2020; medication January 2013–December 2021;
 * the start groups keep their months. Which persons and months each column keeps, and that
 * the engine estimates on exactly that sample.
 */
import { describe, expect, it } from 'vitest';
import { monthCode, type Panel } from '../../src/data/panel';
import { START_GROUPS } from '../../src/data/schemas/malmokraften';
import { fitDid } from '../../src/models/did-grid';
import { b17MedicationModel, b17ShareModel, MALMO_B17_SPEC, MALMO_GROUP, MALMO_SETTINGS, malmoStartGroups, pooledModels, separateKey, separateModels, withYearlyColumns } from '../../src/models/malmokraften';
import { modelSample } from '../../src/models/sample';
import { Rng } from '../../src/random/rng';
import { monthlyLayout } from '../helpers/monthly-panel';

const FIRST = monthCode(2012, 1);
const LAST = monthCode(2022, 7);
const MONTHS = LAST - FIRST + 1;
const PER_GROUP = 15;
const NEVER = 60;
const N = START_GROUPS.length * PER_GROUP + NEVER;
/** Person 3 has no recorded education; person 10 lacks medication in May 2016 (inside the window), person 11 in March 2022 (after it); person 12 has no 2017 in the yearly register. */
const NO_EDU = 3;
const MED_GAP = 10;
const MED_LATE_GAP = 11;
const NO_2017 = 12;
const startOf = (u: number) => (u < START_GROUPS.length * PER_GROUP ? START_GROUPS[Math.floor(u / PER_GROUP)].start : 0);

function monthlyPanel(): Panel {
  const rng = new Rng(5);
  const nRows = N * MONTHS;
  const med = new Float64Array(nRows);
  for (let u = 0, r = 0; u < N; u++)
    for (let p = 0; p < MONTHS; p++, r++) {
      const t = FIRST + p;
      med[r] = (u === MED_GAP && t === monthCode(2016, 5)) || (u === MED_LATE_GAP && t === monthCode(2022, 3)) ? NaN : rng.uniform() < 0.08 ? 1 : 0;
    }
  const unit = (f: (u: number) => number) => Float64Array.from({ length: N }, (_, u) => f(u));
  return {
    ...monthlyLayout(unit((u) => 101 + u), FIRST, MONTHS),
    cols: { psych_medication: med },
    unitCols: {
      [MALMO_GROUP]: unit(startOf),
      woman: unit(() => (rng.uniform() < 0.5 ? 1 : 0)),
      establishment: unit(() => (rng.uniform() < 0.3 ? 1 : 0)),
      disability: unit(() => (rng.uniform() < 0.2 ? 1 : 0)),
      social_assistance_list: unit(() => (rng.uniform() < 0.5 ? 1 : 0)),
      job450_list: unit(() => (rng.uniform() < 0.4 ? 1 : 0)),
      age: unit(() => 25 + Math.floor(rng.uniform() * 35)),
      job_days_list: unit(() => Math.floor(rng.uniform() * 900)),
      af_days_list: unit(() => Math.floor(rng.uniform() * 3000)),
      birth_region: unit((u) => u % 3),
      // Never-treated persons with an even index were in JOB in every list window (R23's pools).
      ...Object.fromEntries(START_GROUPS.map((_, k) => [`pool_g${k + 1}`, unit((u) => (startOf(u) === 0 && u % 2 === 0 ? 1 : 0))])),
      education: unit((u) => (u === NO_EDU ? NaN : u % 2)),
    },
    levels: { birth_region: ['sweden', 'europe', 'outside_europe'], education: ['primary_9', 'upper_secondary'] },
  };
}

/** The yearly register: 2013–2020, one share per person and year (person NO_2017 lacks 2017). */
function yearlyPanel(): Panel {
  const rng = new Rng(6);
  const years = Array.from({ length: 8 }, (_, k) => 2013 + k);
  const rowUnit: number[] = [];
  const rowTime: number[] = [];
  const share: number[] = [];
  const rowStart = [0];
  for (let u = 0; u < N; u++) {
    for (const y of years) {
      if (u === NO_2017 && y === 2017) continue;
      rowUnit.push(u);
      rowTime.push(y);
      share.push(Math.round(rng.uniform() * 1000) / 1000);
    }
    rowStart.push(rowUnit.length);
  }
  return {
    idName: 'id',
    timeName: 'year',
    periodKind: 'integer',
    nUnits: N,
    nRows: rowUnit.length,
    unitIds: Float64Array.from({ length: N }, (_, u) => 101 + u),
    rowStart: Int32Array.from(rowStart),
    rowUnit: Int32Array.from(rowUnit),
    rowTime: Int32Array.from(rowTime),
    periods: Int32Array.from(years),
    rowPeriod: Int32Array.from(rowTime, (y) => y - 2013),
    cols: { share_programme: Float64Array.from(share) },
    unitCols: {},
    levels: {},
  };
}

const monthly = monthlyPanel();
const yearly = yearlyPanel();
const panel = withYearlyColumns(monthly, yearly, ['share_programme']);
const all = Array.from({ length: N }, (_, u) => u);
const without = (...drop: number[]) => all.filter((u) => !drop.includes(u));

describe('R23 B17 on a monthly panel (constructed)', () => {
  it('each month carries its person\'s and year\'s share; none before 2013, after 2020 or in a year the register lacks', () => {
    const y = yearly.cols.share_programme;
    const v = panel.cols.share_programme;
    for (let u = 0; u < N; u += 7) {
      for (let r = panel.rowStart[u]; r < panel.rowStart[u + 1]; r++) {
        const year = Math.floor(panel.rowTime[r] / 12);
        let expected = NaN;
        for (let k = yearly.rowStart[u]; k < yearly.rowStart[u + 1]; k++) if (yearly.rowTime[k] === year) expected = y[k];
        expect(Object.is(v[r], expected) || v[r] === expected, `unit ${u} month ${panel.rowTime[r]}`).toBe(true);
      }
    }
    const r2017 = panel.rowStart[NO_2017] + (monthCode(2017, 6) - FIRST);
    expect(Number.isNaN(panel.cols.share_programme[r2017])).toBe(true);
    expect(Number.isNaN(panel.cols.share_programme[panel.rowStart[0] + (monthCode(2021, 1) - FIRST)])).toBe(true);
  });

  it('income shares: January 2013–December 2020 (96 months), without persons lacking education or a year of the register', () => {
    const s = modelSample(panel, b17ShareModel(), 'share_programme', MALMO_SETTINGS);
    expect([s.from, s.to, s.months]).toEqual([monthCode(2013, 1), monthCode(2020, 12), 96]);
    expect(s.lastGroupStart).toBeNull(); // never-treated comparisons: no month is cut at the last group's start
    expect(s.persons).toEqual(without(NO_EDU, NO_2017));
    expect(s.rows).toBe((N - 2) * 96);
  });

  it('medication: January 2013–December 2021 (108 months, R23: 2013–2021), a gap after the window does not matter', () => {
    expect(MALMO_B17_SPEC.medicationTo).toBe('2021-12');
    const s = modelSample(panel, b17MedicationModel(), 'psych_medication', MALMO_SETTINGS);
    expect([s.from, s.to, s.months]).toEqual([monthCode(2013, 1), monthCode(2021, 12), 108]);
    expect(s.persons).toEqual(without(NO_EDU, MED_GAP));
  });

  it('the start groups keep their months (five groups estimated), and the engine uses exactly the stated sample', () => {
    for (const [model, y] of [[b17ShareModel(), 'share_programme'], [b17MedicationModel(), 'psych_medication']] as const) {
      const s = modelSample(panel, model, y, MALMO_SETTINGS);
      const fit = fitDid(panel, model, y, MALMO_SETTINGS);
      expect([fit.n, fit.nObs], y).toEqual([s.persons.length, s.rows]);
      expect(fit.groupSizes.map((g) => g.group), y).toEqual(START_GROUPS.map((g) => g.start));
      expect([fit.from, fit.to], y).toEqual([s.from, s.to]);
    }
  });
});

describe('R23 B12–B16 columns (1)–(4) on the constructed panel', () => {
  const groups = malmoStartGroups(monthly);
  const models = [...pooledModels(monthly, groups), ...separateModels(monthly, groups)];
  const model = (key: string) => models.find((m) => m.key === key)!;
  const sample = (key: string) => modelSample(monthly, model(key), 'psych_medication', MALMO_SETTINGS);
  const never = all.filter((u) => startOf(u) === 0);
  it('(1) the main model: the whole panel, everyone with the covariates and the outcome in every month', () => {
    const s = sample('m1');
    expect([s.from, s.to, s.months, s.lastGroupStart]).toEqual([FIRST, LAST, MONTHS, null]);
    expect(s.persons).toEqual(without(NO_EDU, MED_GAP, MED_LATE_GAP));
  });
  it('(2) without covariates: the person without a recorded education is back', () => {
    expect(sample('m2').persons).toEqual(without(MED_GAP, MED_LATE_GAP));
  });
  it('(3) the not-yet-treated too: with never-treated persons no month is cut at the last group\'s start', () => {
    const s = sample('m3');
    expect([s.to, s.lastGroupStart]).toEqual([LAST, null]);
    expect(s.persons).toEqual(sample('m1').persons);
  });
  it('(4) one group against the never-treated of its list window, from the month before its start', () => {
    const g1 = START_GROUPS[0];
    const s = sample(separateKey('G1'));
    expect([s.from, s.to]).toEqual([g1.start - 1, LAST]);
    // G1 is persons 0–14: without education (3) and with a gap inside the window (11) they leave; the 2016 gap (10) is before it.
    const inG1 = all.filter((u) => startOf(u) === g1.start && u !== NO_EDU && u !== MED_LATE_GAP);
    expect(s.persons).toEqual([...inG1, ...never.filter((u) => u % 2 === 0)]);
  });
  it('the engine estimates each column on exactly the stated sample', () => {
    for (const key of ['m1', 'm2', 'm3', separateKey('G1')]) {
      const s = sample(key);
      const fit = fitDid(monthly, model(key), 'psych_medication', MALMO_SETTINGS);
      expect([fit.n, fit.nObs], key).toEqual([s.persons.length, s.rows]);
    }
  });
});
