import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStudy, type Study } from '../../src/data';
import { teamSurvey } from '../../src/data/schemas/team-survey';
import { generateTeamStudies, readCsv } from './fixture';

let out: string;
let survey: Study;
let rct: Study;

beforeAll(async () => {
  out = await generateTeamStudies();
  survey = await loadStudy('team-survey', path.join(out, 'team-survey'));
  rct = await loadStudy('team-rct', path.join(out, 'team-rct'));
}, 120_000);

interface Row {
  id: number;
  wave: number;
  sent: number;
  answer: number;
  delay: number;
  team: number;
  q: number[];
}

function rows(): Row[] {
  const a = survey.panels.answers;
  const out: Row[] = [];
  for (let r = 0; r < a.nRows; r++)
    out.push({
      id: a.unitIds[a.rowUnit[r]],
      wave: a.rowTime[r],
      sent: a.cols.sent_date[r],
      answer: a.cols.answer_date[r],
      delay: a.cols.delay_days[r],
      team: a.cols.team[r],
      q: [1, 2, 3, 4, 5, 6, 7, 8].map((i) => a.cols[`q${i}`][r]),
    });
  return out;
}

describe('team-survey synthetic data: counts of R23 4.2.1', () => {
  it('the same 541 persons as team-rct, with the same arms', () => {
    const u = survey.units;
    expect(u.nUnits).toBe(541);
    expect(Array.from(u.unitIds)).toEqual(Array.from(rct.units.unitIds));
    for (let i = 0; i < 541; i++) expect(u.levels.arm[u.cols.arm[i]]).toBe(rct.units.levels.arm[rct.units.cols.arm[i]]);
  });

  it('472 respondents; 449 / 406 / 148 answers to waves 1 / 2 / 3 (83 / 75 / 71 %); wave 3 only controls', () => {
    const r = rows();
    expect(new Set(r.map((x) => x.id)).size).toBe(472);
    expect([1, 2, 3].map((w) => r.filter((x) => x.wave === w).length)).toEqual([449, 406, 148]);
    const arm = new Map<number, string>();
    const u = survey.units;
    for (let i = 0; i < u.nUnits; i++) arm.set(u.unitIds[i], u.levels.arm[u.cols.arm[i]]);
    expect(r.filter((x) => x.wave === 3).every((x) => arm.get(x.id) === 'C')).toBe(true);
    expect(Math.round((100 * 449) / 541)).toBe(83);
    expect(Math.round((100 * 406) / 541)).toBe(75);
    expect(Math.round((100 * 148) / 209)).toBe(71);
  });

  it('446 persons answer wave 1 or 2 within 30 days; the mean delay is 28 days', () => {
    const r = rows();
    expect(new Set(r.filter((x) => x.wave <= 2 && x.delay <= 30).map((x) => x.id)).size).toBe(446);
    const mean = r.reduce((s, x) => s + x.delay, 0) / r.length;
    expect(Math.abs(mean - 28)).toBeLessThan(0.5);
    for (const x of r) {
      expect(x.answer - x.sent).toBe(x.delay);
      expect(x.delay).toBeGreaterThanOrEqual(0);
    }
  });

  it('team status follows the design: treatment arm at wave 2, control arm at wave 3', () => {
    const u = survey.units;
    const arm = new Map<number, string>();
    for (let i = 0; i < u.nUnits; i++) arm.set(u.unitIds[i], u.levels.arm[u.cols.arm[i]]);
    for (const x of rows()) expect(x.team).toBe((arm.get(x.id) === 'T' && x.wave === 2) || (arm.get(x.id) === 'C' && x.wave === 3) ? 1 : 0);
  });

  it('dates: wave 1 sent at consent, wave 2 six months later; controls meet the team at least six months after consent', () => {
    const u = survey.units;
    const consent = new Map<number, number>();
    for (let i = 0; i < u.nUnits; i++) {
      consent.set(u.unitIds[i], u.cols.consent_date[i]);
      const wait = u.cols.first_meeting_date[i] - u.cols.consent_date[i];
      if (u.levels.arm[u.cols.arm[i]] === 'C') expect(wait).toBeGreaterThanOrEqual(181);
      else expect(wait >= 0 && wait <= 92).toBe(true);
    }
    for (const x of rows()) {
      const gap = x.sent - consent.get(x.id)!;
      if (x.wave === 1) expect(gap).toBe(0);
      if (x.wave === 2) expect(gap >= 181 && gap <= 184).toBe(true);
      if (x.wave === 3) expect(gap >= 365 && gap <= 366).toBe(true);
    }
  });

  it('answers on their scales (Q4 0–4, others 0–10) with few unanswered items', () => {
    let missing = 0;
    const r = rows();
    for (const x of r)
      x.q.forEach((v, i) => {
        if (Number.isNaN(v)) missing++;
        else {
          expect(Number.isInteger(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(i === 3 ? 4 : 10);
        }
      });
    expect(missing).toBeGreaterThan(0);
    expect(missing / (r.length * 8)).toBeLessThan(0.03);
  });

  it('the team representative is never less positive than the person on job prospects at wave 1', () => {
    const u = survey.units;
    const own = new Map(rows().filter((x) => x.wave === 1).map((x) => [x.id, x.q[0]] as const));
    let withRep = 0;
    for (let i = 0; i < u.nUnits; i++) {
      const rep = u.cols.rep_q1[i];
      if (Number.isNaN(rep)) continue;
      withRep++;
      const self = own.get(u.unitIds[i]);
      if (self !== undefined && !Number.isNaN(self)) expect(rep).toBeGreaterThanOrEqual(self);
    }
    expect(withRep / 541).toBeGreaterThan(0.85);
  });

  it('2018 register variables exist exactly for those in LISA 2018 (16 and older)', () => {
    const u = survey.units;
    let young = 0;
    for (let i = 0; i < u.nUnits; i++) {
      const inLisa = 2018 - u.cols.birth_year[i] >= 16 ? 1 : 0;
      expect(u.cols.in_lisa_2018[i]).toBe(inLisa);
      if (!inLisa) young++;
      for (const c of ['household_2018', 'studies_2018', 'social_assistance_2018', 'af_registered_nov_2018', 'earned_income_2018_kr', 'disposable_income_2018_kr'])
        expect(Number.isNaN(u.cols[c][i])).toBe(!inLisa);
    }
    expect(young).toBeGreaterThan(5);
    expect(young).toBeLessThan(45);
  });

  it('files match the dictionary; validate passes; truth.json has every question', () => {
    for (const f of teamSurvey.files) expect(readCsv(path.join(out, 'team-survey', f.file)).header).toEqual(f.columns.map((c) => c.name));
    const bin = path.join(__dirname, '..', '..', 'bin', 'finsam-eval');
    const json = JSON.parse(execFileSync(bin, ['validate', '--study', 'team-survey', '--data', path.join(out, 'team-survey'), '--json'], { encoding: 'utf8' }));
    expect(json).toMatchObject({ study: 'team-survey', units: 541, rows: 1003, periods: 3, treated: 332, control: 209 });
    const truth = JSON.parse(fs.readFileSync(path.join(out, 'team-survey', 'truth.json'), 'utf8'));
    expect(Object.keys(truth.questions)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8']);
    // Near R23 Table 2 for the three significant questions.
    expect(Math.abs(truth.questions.q1.main_sample - 0.664)).toBeLessThan(0.15);
    expect(Math.abs(truth.questions.q3.main_sample - 0.611)).toBeLessThan(0.15);
    expect(Math.abs(truth.questions.q6.main_sample - 0.334)).toBeLessThan(0.15);
  });
});
