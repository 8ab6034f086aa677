import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStudy, monthCode, type Panel, type Study } from '../../src/data';
import { INCOME_SOURCES, teamRct } from '../../src/data/schemas/team-rct';
import { daysInMonth } from '../../data-synthetic/sampling';
import { generateTeamStudies, readCsv } from './fixture';
import { spellDaysByMonth } from '../../src/models/sickness-spells';

let out: string;
let study: Study;
let m: Panel;

beforeAll(async () => {
  out = await generateTeamStudies();
  study = await loadStudy('team-rct', path.join(out, 'team-rct'));
  m = study.panels.monthly;
}, 120_000);

const count = (a: ArrayLike<number>, f: (x: number) => boolean) => {
  let c = 0;
  for (let i = 0; i < a.length; i++) if (f(a[i])) c++;
  return c;
};

describe('team-rct synthetic data: counts of R24 2.4–2.5', () => {
  it('recruitment log: 860 asked Aug 2019 – Jun 2021, 560 consenting, 541 in the registers', () => {
    const r = study.tables.recruitment;
    expect(r.nUnits).toBe(860);
    expect(count(r.cols.consented, (x) => x === 1)).toBe(560);
    expect(count(r.cols.in_registers, (x) => x === 1)).toBe(541);
    for (let i = 0; i < 860; i++) {
      expect(r.cols.asked_month[i]).toBeGreaterThanOrEqual(monthCode(2019, 8));
      expect(r.cols.asked_month[i]).toBeLessThanOrEqual(monthCode(2021, 6));
      if (r.cols.in_registers[i]) expect(r.cols.consented[i]).toBe(1);
    }
  });

  it('541 persons: 332 treatment / 209 control, 320 women / 221 men, referral sources of R24 2.5', () => {
    const u = study.units;
    expect(u.nUnits).toBe(541);
    const arm = u.levels.arm;
    expect(count(u.cols.arm, (x) => arm[x] === 'T')).toBe(332);
    expect(count(u.cols.arm, (x) => arm[x] === 'C')).toBe(209);
    expect(count(u.cols.woman, (x) => x === 1)).toBe(320);
    const ref = u.levels.referral_source;
    const n = (code: string) => count(u.cols.referral_source, (x) => ref[x] === code);
    expect([n('social_services'), n('health_care'), n('forsakringskassan'), n('arbetsformedlingen'), n('other')]).toEqual([300, 141, 65, 16, 19]);
    // Participants are the log's in-register rows, with the same ids.
    const r = study.tables.recruitment;
    const inReg = new Set<number>();
    for (let i = 0; i < r.nUnits; i++) if (r.cols.in_registers[i]) inReg.add(r.unitIds[i]);
    for (let i = 0; i < u.nUnits; i++) expect(inReg.has(u.unitIds[i])).toBe(true);
  });

  it('first meetings Aug 2019 – Feb 2022: treatment within 2 months of consent, control at least 6 months later', () => {
    const u = study.units;
    const arm = u.levels.arm;
    for (let i = 0; i < u.nUnits; i++) {
      const wait = u.cols.first_meeting_month[i] - u.cols.consent_month[i];
      if (arm[u.cols.arm[i]] === 'T') expect(wait).toBeLessThanOrEqual(2);
      else expect(wait).toBeGreaterThanOrEqual(6);
      expect(u.cols.first_meeting_month[i]).toBeGreaterThanOrEqual(monthCode(2019, 8));
      expect(u.cols.first_meeting_month[i]).toBeLessThanOrEqual(monthCode(2022, 2));
    }
  });

  it('monthly panel: every person in every month Jan 2015 – Apr 2024', () => {
    expect(m.nUnits).toBe(541);
    expect(m.periods.length).toBe(112);
    expect(m.periods[0]).toBe(monthCode(2015, 1));
    expect(m.periods[111]).toBe(monthCode(2024, 4));
    expect(m.nRows).toBe(541 * 112);
  });

  it('finsam-eval validate reports the counts', () => {
    const bin = path.join(__dirname, '..', '..', 'bin', 'finsam-eval');
    const json = JSON.parse(execFileSync(bin, ['validate', '--study', 'team-rct', '--data', path.join(out, 'team-rct'), '--json'], { encoding: 'utf8' }));
    expect(json).toEqual({ study: 'team-rct', units: 541, rows: 60592, periods: 112, treated: 332, control: 209 });
  });
});

describe('team-rct synthetic data: consistency rules', () => {
  /** Rows where `ok` fails, with the first few for the message. */
  const violations = (ok: (r: number) => boolean): string => {
    const bad: number[] = [];
    for (let r = 0; r < m.nRows; r++) if (!ok(r)) bad.push(r);
    return bad.length === 0 ? 'none' : `${bad.length} rows, e.g. unit ${m.unitIds[m.rowUnit[bad[0]]]} period ${m.rowTime[bad[0]]}`;
  };

  it('an indicator is 1 exactly when its amount or days are positive', () => {
    const c = m.cols;
    const pairs: [string, (r: number) => number][] = [
      ['wage', (r) => c.wage_kr[r]],
      ['social_assistance', (r) => c.social_assistance_kr[r]],
      ['studies', (r) => c.study_aid_kr[r]],
      ['subsidised_or_newstart', (r) => c.subsidised_days[r] + c.newstart_days[r]],
      ['unemployed_or_programme', (r) => c.unemployed_days[r] + c.programme_days[r]],
      ['labour_market_programme', (r) => c.programme_days[r] + c.municipal_programme[r]],
      ['sickness_related_benefit', (r) => c.sickness_benefit_gross_days[r] + c.rehab_benefit_gross_days[r] + c.sickness_comp_gross_days[r] + c.activity_comp_gross_days[r]],
    ];
    for (const [ind, amount] of pairs) {
      expect(violations((r) => c[ind][r] === (amount(r) > 0 ? 1 : 0)), ind).toBe('none');
      expect(count(c[ind], (x) => x === 1), ind).toBeGreaterThan(0);
    }
  });

  it('income-source shares sum to 1; the main source is the one above half, and its indicator is set', () => {
    const c = m.cols;
    const levels = m.levels.main_income_source;
    const main = (r: number) => levels[c.main_income_source[r]];
    const sum = (r: number) => INCOME_SOURCES.reduce((a, s) => a + c[`mis_share_${s}`][r], 0);
    expect(violations((r) => Math.abs(sum(r) - 1) < 1e-5)).toBe('none');
    // From 2019 monthly, above half; before 2019 the year's value: the largest share, constant within the year.
    const from2019 = (r: number) => m.rowTime[r] >= 2019 * 12;
    expect(violations((r) => !from2019(r) || c[`mis_share_${main(r)}`][r] > 0.5)).toBe('none');
    expect(violations((r) => from2019(r) || INCOME_SOURCES.every((s) => c[`mis_share_${s}`][r] <= c[`mis_share_${main(r)}`][r]))).toBe('none');
    expect(violations((r) => from2019(r) || m.rowTime[r] % 12 === 0 || (c.main_income_source[r] === c.main_income_source[r - 1] && c.mis_share_work[r] === c.mis_share_work[r - 1]))).toBe('none');
    expect(violations((r) => INCOME_SOURCES.every((s) => c[`mis_${s}`][r] === (main(r) === s ? 1 : 0)))).toBe('none');
    expect(violations((r) => c.mis_share_no_income[r] === (c.income_total_kr[r] === 0 ? 1 : 0))).toBe('none');
    // Every category occurs as main source (parental leave and pension are rare).
    for (const s of INCOME_SOURCES) expect(count(c[`mis_${s}`], (x) => x === 1), s).toBeGreaterThan(0);
  });

  it('activity compensation only under 30; sickness compensation from 19', () => {
    const birth = m.unitCols.birth_year;
    const age = (r: number) => Math.floor(m.rowTime[r] / 12) - birth[m.rowUnit[r]];
    expect(violations((r) => !(m.cols.activity_comp_gross_days[r] > 0) || age(r) < 30)).toBe('none');
    expect(violations((r) => !(m.cols.sickness_comp_gross_days[r] > 0) || age(r) >= 19)).toBe('none');
    expect(count(m.cols.activity_comp_gross_days, (x) => x > 0)).toBeGreaterThan(100);
  });

  it('public support is the OR of assistance, unemployed/programme and sickness-related benefits', () => {
    const c = m.cols;
    expect(violations((r) => c.public_support[r] === (c.social_assistance[r] || c.unemployed_or_programme[r] || c.sickness_related_benefit[r] ? 1 : 0))).toBe('none');
  });

  it('days within the month, net ≤ gross, extent in 0..1 and positive exactly with days, totals add up', () => {
    const c = m.cols;
    const dayCols = Object.keys(c).filter((k) => k.endsWith('_days') && !k.startsWith('sickness_insurance'));
    expect(dayCols.length).toBeGreaterThan(10);
    const dim = (r: number) => daysInMonth(m.rowTime[r]);
    const checks: Record<string, (r: number) => boolean> = {
      days: (r) => dayCols.every((k) => c[k][r] >= 0 && c[k][r] <= dim(r)),
      net: (r) => ['sickness_benefit', 'rehab_benefit', 'sickness_comp', 'activity_comp'].every((b) => c[`${b}_net_days`][r] <= c[`${b}_gross_days`][r]),
      extent: (r) => ['sickness_benefit_extent', 'sa_extent'].every((e) => c[e][r] >= 0 && c[e][r] <= 1),
      spExtent: (r) => c.sickness_benefit_extent[r] > 0 === c.sickness_benefit_gross_days[r] > 0,
      saExtent: (r) => c.sa_extent[r] > 0 === c.sickness_comp_gross_days[r] + c.activity_comp_gross_days[r] > 0,
      seXorAe: (r) => !(c.sickness_comp_gross_days[r] > 0 && c.activity_comp_gross_days[r] > 0),
      insNet: (r) => Math.abs(c.sickness_insurance_net_days[r] - c.sickness_benefit_net_days[r] - c.rehab_benefit_net_days[r]) < 1e-9,
      insGross: (r) => c.sickness_insurance_gross_days[r] === c.sickness_benefit_gross_days[r] + c.rehab_benefit_gross_days[r],
      afReg: (r) => c.af_registered_days[r] >= c.unemployed_days[r] + c.programme_days[r] + c.subsidised_days[r] + c.newstart_days[r],
      afSum: (r) => c.unemployed_days[r] + c.programme_days[r] + c.subsidised_days[r] + c.newstart_days[r] <= dim(r),
      fkTotal: (r) => c.fk_total_kr[r] === c.sickness_benefit_kr[r] + c.rehab_benefit_kr[r] + c.sickness_comp_kr[r] + c.activity_comp_kr[r] + c.parental_benefit_kr[r],
      amounts: (r) => ['wage_kr', 'social_assistance_kr', 'sickness_benefit_kr', 'study_aid_kr'].every((k) => c[k][r] >= 0),
    };
    for (const [name, ok] of Object.entries(checks)) expect(violations(ok), name).toBe('none');
  });

  it('sickness spells (first and last day, as Försäkringskassan records them) give exactly the monthly days with sickness or rehabilitation benefit; spells do not overlap and only the last may be open', () => {
    const sp = study.panels.sickness_spells;
    expect(sp.nRows).toBeGreaterThan(100);
    const days = spellDaysByMonth(m, sp);
    const bad: string[] = [];
    for (let r = 0; r < m.nRows; r++) if (days[r] !== m.cols.sickness_insurance_gross_days[r]) bad.push(`${m.unitIds[m.rowUnit[r]]} ${m.rowTime[r]}`);
    expect(bad.slice(0, 5)).toEqual([]);
    for (let u = 0; u < sp.nUnits; u++)
      for (let k = sp.rowStart[u]; k < sp.rowStart[u + 1]; k++) {
        const open = Number.isNaN(sp.cols.spell_end[k]);
        if (open) expect(k).toBe(sp.rowStart[u + 1] - 1);
        else expect(sp.cols.spell_end[k]).toBeGreaterThanOrEqual(sp.cols.spell_start[k]);
        if (k > sp.rowStart[u]) expect(sp.cols.spell_start[k]).toBeGreaterThan(sp.cols.spell_end[k - 1]);
      }
  });

  it('wage income 2015–2018 is the same in every month with wage within a person-year (R24 Databearbetningar)', () => {
    for (let u = 0; u < m.nUnits; u++) {
      for (let y = 2015; y <= 2018; y++) {
        const seen = new Set<number>();
        for (let r = m.rowStart[u]; r < m.rowStart[u + 1]; r++) if (Math.floor(m.rowTime[r] / 12) === y && m.cols.wage_kr[r] > 0) seen.add(m.cols.wage_kr[r]);
        expect(seen.size).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('team-rct synthetic data: files match the dictionary', () => {
  it('every written column is in the schema and every schema column is written, in order', () => {
    for (const f of teamRct.files) {
      const { header } = readCsv(path.join(out, 'team-rct', f.file));
      expect(header, f.file).toEqual(f.columns.map((c) => c.name));
    }
    const files = fs.readdirSync(path.join(out, 'team-rct')).filter((f) => f.endsWith('.csv')).sort();
    expect(files).toEqual(teamRct.files.map((f) => f.file).sort());
  });

  it('truth.json covers every monthly outcome, pre-treatment estimands are 0, post ones finite', () => {
    const truth = JSON.parse(fs.readFileSync(path.join(out, 'team-rct', 'truth.json'), 'utf8'));
    const outcomes = teamRct.files.find((f) => f.file === 'monthly.csv')!.columns.filter((c) => c.type !== 'category' && c.name !== 'id' && c.name !== 'month');
    expect(Object.keys(truth.outcomes).sort()).toEqual(outcomes.map((c) => c.name).sort());
    expect(truth.start_groups).toHaveLength(9);
    expect(truth.start_groups.reduce((s: number, g: { size: number }) => s + g.size, 0)).toBe(541);
    for (const [name, t] of Object.entries<Record<string, { overall: number; by_event_time: { e: number[]; att: number[] } }>>(truth.outcomes)) {
      for (const part of ['all', 'women', 'men']) {
        expect(Number.isFinite(t[part].overall), `${name} ${part}`).toBe(true);
        t[part].by_event_time.e.forEach((e, j) => e < 0 && expect(t[part].by_event_time.att[j]).toBe(0));
      }
    }
    // Direction and rough size of the headline effects (R24 Model 1).
    expect(truth.outcomes.wage_kr.all.overall).toBeGreaterThan(500);
    expect(truth.outcomes.wage_kr.women.overall).toBeGreaterThan(truth.outcomes.wage_kr.men.overall);
    expect(truth.outcomes.social_assistance_kr.all.overall).toBeLessThan(-150);
    expect(truth.outcomes.sickness_benefit_net_days.all.overall).toBeLessThan(-0.3);
    expect(truth.outcomes.public_support.all.overall).toBeLessThan(-0.02);
  });
});
