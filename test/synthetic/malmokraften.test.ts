/**
 * Synthetic Malmökraften data: exact counts, the list quotas, the consistency rules of the
 * dictionary, the truth file, determinism, and loading through the project's loader.
 * Generated once into a temporary directory.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateMalmokraften, type MalmokraftenTruth } from '../../data-synthetic/malmokraften';
import { daysInMonth } from '../../data-synthetic/sampling';
import { GROUP_SIZES, N_CONTROL, N_TREATED, PUBLISHED } from '../../data-synthetic/malmokraften/params';
import { loadStudy, monthCode, type Panel, type Study, type UnitTable } from '../../src/data';
import { daysSince2013, INCOME_SHARE_SOURCES, START_GROUPS, dateTag } from '../../src/data/schemas/malmokraften';

const SEED = 7;
let dir: string;
let study: Study;
let u: UnitTable;
let m: Panel;
let y: Panel;
let truth: MalmokraftenTruth;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'malmokraften-'));
  await generateMalmokraften(dir, SEED);
  study = await loadStudy('malmokraften', dir);
  u = study.units;
  m = study.panels.monthly;
  y = study.panels.yearly;
  truth = JSON.parse(fs.readFileSync(path.join(dir, 'truth.json'), 'utf8'));
}, 120_000);

/** Number of i in 0..n-1 for which f(i) holds. */
function countWhere(n: number, f: (i: number) => boolean): number {
  let c = 0;
  for (let i = 0; i < n; i++) if (f(i)) c++;
  return c;
}

function meanWhere(values: ArrayLike<number>, keep: (i: number) => boolean): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    if (!keep(i) || values[i] !== values[i]) continue;
    s += values[i];
    c++;
  }
  return s / c;
}

function hashDir(d: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(d)
      .sort()
      .map((f) => [f, crypto.createHash('sha256').update(fs.readFileSync(path.join(d, f))).digest('hex')]),
  );
}

describe('malmokraften synthetic data: counts', () => {
  it('12,040 persons: 2,667 participants in G1–G5 and 9,373 never-treated controls', () => {
    expect(u.nUnits).toBe(12_040);
    const treated = u.cols.treated;
    expect(countWhere(u.nUnits, (i) => treated[i] === 1)).toBe(N_TREATED);
    expect(countWhere(u.nUnits, (i) => treated[i] === 0)).toBe(N_CONTROL);
    expect(N_TREATED).toBe(2667);
    expect(N_CONTROL).toBe(9373);
    const groups = u.levels.start_group;
    const sizes = START_GROUPS.map((g) => countWhere(u.nUnits, (i) => groups[u.cols.start_group[i]] === g.code));
    expect(sizes).toEqual([...GROUP_SIZES]);
    // G3 is the smallest group, as in R23.
    expect(Math.min(...sizes)).toBe(sizes[2]);
    expect(truth.groups.map((g) => g.n)).toEqual(sizes);
  });

  it('every person every month Jan 2013 – Jul 2022 and every year 2013–2020', () => {
    expect(m.nUnits).toBe(12_040);
    expect(m.periods.length).toBe(115);
    expect(m.periods[0]).toBe(monthCode(2013, 1));
    expect(m.periods[114]).toBe(monthCode(2022, 7));
    expect(m.nRows).toBe(12_040 * 115);
    for (let k = 0; k < m.nUnits; k++) expect(m.rowStart[k + 1] - m.rowStart[k]).toBe(115);
    expect(y.nRows).toBe(12_040 * 8);
    expect(Array.from(y.periods)).toEqual([2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020]);
  });
});

describe('malmokraften synthetic data: design and quotas', () => {
  it('participants carry their group, its month 0, a first meeting inside the group window and their own list', () => {
    const groups = u.levels.start_group;
    const lists = u.levels.list_group;
    let bad = 0;
    for (let i = 0; i < u.nUnits; i++) {
      const g = u.cols.start_group[i];
      if (u.cols.treated[i] === 0) {
        if (g === g || u.cols.first_meeting_month[i] === u.cols.first_meeting_month[i] || u.cols.start_month[i] !== 0) bad++;
        continue;
      }
      const spec = START_GROUPS.find((s) => s.code === groups[g])!;
      const fm = u.cols.first_meeting_month[i];
      if (u.cols.start_month[i] !== spec.start || fm < spec.firstMonth || fm > spec.lastMonth || lists[u.cols.list_group[i]] !== spec.code) bad++;
      // In JOB on the group's reference date and in its control window.
      if (u.cols[`job_days_${dateTag(spec.referenceDate)}`][i] <= 0 || u.cols[`pool_${spec.code.toLowerCase()}`][i] !== 1) bad++;
    }
    expect(bad).toBe(0);
  });

  it('the participants meet the list quotas, the controls do not have to', () => {
    const t = (i: number) => u.cols.treated[i] === 1;
    const c = (i: number) => u.cols.treated[i] === 0;
    const share = (col: string, keep: (i: number) => boolean) => meanWhere(u.cols[col], keep);
    expect(1 - share('woman', t)).toBeGreaterThan(0.55); // 60 % men
    expect(1 - share('woman', t)).toBeLessThan(0.65);
    expect(share('establishment', t)).toBeGreaterThanOrEqual(0.2);
    expect(share('disability', t)).toBeGreaterThanOrEqual(0.2);
    expect(share('social_assistance_list', t)).toBeGreaterThanOrEqual(0.5);
    expect(share('job450_list', t)).toBeGreaterThanOrEqual(0.2);
    // Selection: the over-sampled traits are clearly more common among participants (R23 B6, B7).
    expect(share('social_assistance_list', t) - share('social_assistance_list', c)).toBeGreaterThan(0.25);
    expect(share('establishment', t) - share('establishment', c)).toBeGreaterThan(0.07);
    expect(share('job450_list', t) - share('job450_list', c)).toBeGreaterThan(0.08);
    expect(Math.abs(share('disability', t) - share('disability', c))).toBeLessThan(0.03);
  });

  it('pre-start levels are near R23: Jan 2018 means of the B12–B16 outcomes for participants and controls', () => {
    const jan = m.periods.indexOf(monthCode(2018, 1));
    const atJan = (col: string, treated: number) => {
      let s = 0;
      let n = 0;
      for (let k = 0; k < m.nUnits; k++) {
        if (m.unitCols.treated[k] !== treated) continue;
        s += m.cols[col][m.rowStart[k] + jan];
        n++;
      }
      return s / n;
    };
    const pub = PUBLISHED.jan2018;
    expect(atJan('social_assistance', 1)).toBeCloseTo(pub.social_assistance.T, 1);
    expect(atJan('social_assistance', 0)).toBeCloseTo(pub.social_assistance.C, 1);
    expect(atJan('unemployed_or_programme', 1)).toBeCloseTo(pub.unemployed_or_programme.T, 1);
    expect(atJan('unemployed_or_programme', 0)).toBeCloseTo(pub.unemployed_or_programme.C, 1);
    expect(atJan('subsidised_employment', 1)).toBeCloseTo(pub.subsidised_employment.T, 1);
    expect(atJan('psych_medication', 1)).toBeCloseTo(pub.psych_medication.T, 1);
    const wT = atJan('wage_kr', 1);
    const wC = atJan('wage_kr', 0);
    expect(Math.abs(wT / pub.wage_kr.T - 1)).toBeLessThan(0.2);
    expect(Math.abs(wC / pub.wage_kr.C - 1)).toBeLessThan(0.25);
    expect(wT).toBeLessThan(wC); // participants earned less before the start
  });
});

describe('malmokraften synthetic data: consistency rules', () => {
  it('persons: JOB days within registration days, 450+ flags from the days, cumulative registration', () => {
    let bad = 0;
    let prevAf = new Float64Array(u.nUnits);
    for (const g of START_GROUPS) {
      const tag = dateTag(g.referenceDate);
      const af = u.cols[`af_days_${tag}`];
      const job = u.cols[`job_days_${tag}`];
      const f450 = u.cols[`job450_${tag}`];
      const max = daysSince2013(g.referenceDate);
      for (let i = 0; i < u.nUnits; i++) {
        if (job[i] > af[i] || af[i] > max || af[i] < prevAf[i] || f450[i] !== (job[i] >= 450 ? 1 : 0)) bad++;
      }
      prevAf = Float64Array.from(af);
    }
    // Everyone stood on at least one list (was in JOB in some control window).
    const pools = START_GROUPS.map((g) => u.cols[`pool_${g.code.toLowerCase()}`]);
    bad += countWhere(u.nUnits, (i) => pools.every((p) => p[i] === 0));
    expect(bad).toBe(0);
  });

  it('monthly: one job-seeker category at a time, work in subsidised and new-start months, amounts match indicators', () => {
    const c = m.cols;
    const violations = {
      categories: 0,
      wage: 0,
      assistance: 0,
      perPerson: 0,
      medication: 0,
      inpatient: 0,
      sickness: 0,
      activityAge: 0,
      days: 0,
      visits: 0,
    };
    const hh = m.unitCols.household_size;
    const age = m.unitCols.age;
    for (let r = 0; r < m.nRows; r++) {
      const k = m.rowUnit[r];
      const month = m.rowTime[r];
      const dim = daysInMonth(month);
      if (c.subsidised_employment[r] + c.new_start_job[r] + c.unemployed_or_programme[r] > 1) violations.categories++;
      if ((c.subsidised_employment[r] || c.new_start_job[r]) && !(c.wage_kr[r] > 0)) violations.wage++;
      if (c.social_assistance[r] !== (c.social_assistance_family_kr[r] > 0 ? 1 : 0)) violations.assistance++;
      if (c.social_assistance_kr[r] !== Math.round(c.social_assistance_family_kr[r] / hh[k])) violations.perPerson++;
      if (c.psych_medication[r] !== (c.n06a_ddd_days[r] + c.n05b_ddd_days[r] + c.n05c_ddd_days[r] > 0 ? 1 : 0)) violations.medication++;
      if ((c.inpatient_days[r] > 0) !== (c.inpatient_stays[r] > 0)) violations.inpatient++;
      if (c.sickness_benefit_days[r] > c.sickness_spell_days[r]) violations.sickness++;
      if (c.activity_comp_days[r] > 0 && age[k] + (month - monthCode(2017, 10)) / 12 >= 30) violations.activityAge++;
      for (const d of ['n06a_ddd_days', 'n05b_ddd_days', 'n05c_ddd_days', 'inpatient_days', 'sickness_spell_days', 'sickness_comp_days', 'activity_comp_days']) {
        if (c[d][r] > dim) violations.days++;
      }
      if (c.outpatient_visits[r] % 1 !== 0 || c.inpatient_stays[r] % 1 !== 0) violations.visits++;
    }
    expect(violations).toEqual({ categories: 0, wage: 0, assistance: 0, perPerson: 0, medication: 0, inpatient: 0, sickness: 0, activityAge: 0, days: 0, visits: 0 });
    // Every outcome varies (no degenerate columns).
    for (const col of ['subsidised_employment', 'new_start_job', 'unemployed_or_programme', 'social_assistance', 'psych_medication', 'inpatient_stays', 'activity_comp_days']) {
      expect(countWhere(m.nRows, (r) => c[col][r] > 0)).toBeGreaterThan(0);
    }
  });

  it('yearly: the eight income shares lie in 0..1 and sum to exactly 1; earned and assistance shares are the monthly amounts', () => {
    const shares = INCOME_SHARE_SOURCES.map(([s]) => y.cols[`share_${s}`]);
    let bad = 0;
    for (let r = 0; r < y.nRows; r++) {
      let units = 0;
      for (const s of shares) {
        if (s[r] < 0 || s[r] > 1) bad++;
        units += Math.round(s[r] * 10000);
      }
      if (units !== 10000 || !(y.cols.income_total_kr[r] > 0)) bad++;
    }
    expect(bad).toBe(0);
    // Earned income is the year's wages and social assistance the household's monthly
    // amounts divided by its adults: the shares match them up to the 1/10,000 rounding.
    let mismatch = 0;
    const household = m.levels.household;
    for (let k = 0; k < y.nUnits; k++) {
      const adults = household[m.unitCols.household[k]] === 'cohabiting' ? 2 : 1;
      for (let j = 0; j < y.periods.length; j++) {
        let wage = 0;
        let sa = 0;
        for (let r = m.rowStart[k]; r < m.rowStart[k + 1]; r++) {
          if (Math.floor(m.rowTime[r] / 12) !== y.periods[j]) continue;
          wage += m.cols.wage_kr[r];
          sa += m.cols.social_assistance_family_kr[r] / adults;
        }
        const row = y.rowStart[k] + j;
        const total = y.cols.income_total_kr[row];
        // Tolerance: share rounding (1/10,000) plus the amounts' rounding to whole kronor.
        const tol = 1e-4 + 1 / total;
        if (Math.abs(y.cols.share_earned[row] - wage / total) > tol) mismatch++;
        if (Math.abs(y.cols.share_social_assistance[row] - sa / total) > tol) mismatch++;
      }
    }
    expect(mismatch).toBe(0);
  });
});

describe('malmokraften truth.json', () => {
  it('states its definitions and has every B12–B17 outcome, overall, per start group and by event time', () => {
    for (const key of ['effect', 'start', 'overall', 'simple', 'dynamic', 'yearly']) expect(truth.definitions[key]).toMatch(/\w/);
    for (const o of ['subsidised_employment', 'new_start_job', 'unemployed_or_programme', 'wage_kr', 'social_assistance', 'psych_medication', 'share_programme', 'share_unemployment', 'share_studies']) {
      const t = truth.outcomes[o];
      expect(Number.isFinite(t.overall)).toBe(true);
      expect(Object.keys(t.by_start_group)).toEqual(['G1', 'G2', 'G3', 'G4', 'G5']);
      expect(t.by_event_time.e.length).toBe(t.by_event_time.att.length);
    }
  });

  it('pre-period effects are exactly 0 and the overall effect is the group-size weighted mean of the group effects', () => {
    for (const [name, t] of Object.entries(truth.outcomes)) {
      t.by_event_time.e.forEach((e, j) => {
        if (e < 0) expect(t.by_event_time.att[j], `${name} e=${e}`).toBe(0);
      });
      if (t.file === 'monthly.csv') {
        const sizes = truth.groups.map((g) => g.n);
        const weighted = truth.groups.reduce((a, g, k) => a + sizes[k] * t.by_start_group[g.code], 0) / sizes.reduce((a, b) => a + b, 0);
        expect(t.overall).toBeCloseTo(weighted, 6);
      }
    }
  });

  it('true effects are near R23 column (1): wage about +1,015 kr, social assistance about −0.059, medication none', () => {
    const o = truth.outcomes;
    const pub = PUBLISHED.effects;
    expect(Math.abs(o.wage_kr.overall - pub.wage_kr.overall)).toBeLessThan(120);
    expect(Math.abs(o.social_assistance.overall - pub.social_assistance.overall)).toBeLessThan(0.008);
    expect(Math.abs(o.subsidised_employment.overall - pub.subsidised_employment.overall)).toBeLessThan(0.006);
    expect(Math.abs(o.new_start_job.overall - pub.new_start_job.overall)).toBeLessThan(0.006);
    expect(o.unemployed_or_programme.overall).toBeGreaterThan(0.03);
    expect(o.share_programme.overall).toBeLessThan(-0.05);
    expect(o.psych_medication.overall).toBe(0);
    // Later groups gain more in wages (R23 B15), G1 little.
    const w = o.wage_kr.by_start_group;
    expect(w.G1).toBeLessThan(400);
    expect(w.G5).toBeGreaterThan(w.G2);
    expect(w.G4).toBeGreaterThan(w.G2);
  });
});

describe('malmokraften generation', () => {
  it('is deterministic: the same seed gives byte-identical files, another seed different ones', async () => {
    const again = fs.mkdtempSync(path.join(os.tmpdir(), 'malmokraften-again-'));
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'malmokraften-other-'));
    await generateMalmokraften(again, SEED);
    await generateMalmokraften(other, SEED + 1);
    const a = hashDir(dir);
    expect(Object.keys(a)).toEqual(['monthly.csv', 'persons.csv', 'truth.json', 'yearly.csv']);
    expect(hashDir(again)).toEqual(a);
    const b = hashDir(other);
    for (const f of Object.keys(a)) expect(b[f], f).not.toBe(a[f]);
    fs.rmSync(again, { recursive: true, force: true });
    fs.rmSync(other, { recursive: true, force: true });
  }, 120_000);
});
