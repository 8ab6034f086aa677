/**
 * Generates the synthetic team-survey study from the team-rct population (same persons,
 * same ids): persons.csv, answers.csv (src/data/schemas/team-survey.ts) and truth.json.
 *
 * Counts (R23 4.2.1, exact): of the 541 persons, 472 answer at least one survey; wave 1 is
 * answered by 449 (83 %), wave 2 by 406 (75 %), wave 3 by 148 of the 209 controls (71 %);
 * 446 answer wave 1 or 2 within 30 days (the main sample). The mean answer delay is 28 days.
 *
 * Answers: a latent score per question (person optimism tied to register employability,
 * a question-specific person effect, wave noise, a calendar-year effect) is rounded and
 * clamped to the scale, with some heaping at the midpoint. Meeting the team shifts the latent
 * score by δ_q; both potential answers share every draw, so the effect on the answer scale is
 * known exactly (truth.json).
 */
import * as path from 'node:path';
import type { ColumnSpec } from '../../src/data/schema';
import { SURVEY_QUESTIONS, teamSurvey } from '../../src/data/schemas/team-survey';
import type { Rng } from '../../src/random/rng';
import { type CsvColumnData, DATE, dayNumber, fixed, INT, TEXT, writeCsvColumns, writeJsonAtomic } from '../csv-writer';
import { chooseExactly, clamp, daysInMonth, streamRng } from '../sampling';
import type { Person } from '../team-rct/background';
import { FEDERATION_CODES } from '../team-rct/design';
import type { TeamRctData } from '../team-rct';
import { KEEP_FIRST } from '../team-rct/simulate';
import { YEARS_FIRST } from '../team-rct/derive';
import { monthCode } from '../../src/data/panel';

export const TEAM_SURVEY_COUNTS = {
  respondents: 472,
  wave1: 449,
  wave2: 406,
  wave3: 148,
  mainSample: 446,
  meanDelay: 28,
} as const;

/** Latent mean, spread and loading on optimism per question; δ = latent effect of the team. */
interface QuestionModel {
  mu: number;
  sd: number;
  loading: number;
  delta: number;
  max: number;
}

/**
 * Wave-1 means near R23 Table 1 (3.99, 4.40, 4.18, 1.43, 4.11, 4.24, 5.27, 5.15); effects
 * near R23 Table 2 for Q1, Q3, Q6 (+0.66, +0.61, +0.33), small for the others. Q7 is "good
 * help from authorities", Q8 "sent between authorities" (the order of Table 1).
 */
export const QUESTION_MODELS: Record<string, QuestionModel> = {
  q1: { mu: 3.9, sd: 3.9, loading: 0.55, delta: 0.88, max: 10 },
  q2: { mu: 4.35, sd: 3.6, loading: 0.5, delta: 0.25, max: 10 },
  q3: { mu: 4.1, sd: 3.7, loading: 0.55, delta: 0.85, max: 10 },
  q4: { mu: 1.4, sd: 1.25, loading: 0.3, delta: 0.06, max: 4 },
  q5: { mu: 4.05, sd: 3.6, loading: -0.1, delta: -0.1, max: 10 },
  q6: { mu: 4.2, sd: 2.7, loading: 0.6, delta: 0.32, max: 10 },
  q7: { mu: 5.3, sd: 3.9, loading: 0.3, delta: -0.15, max: 10 },
  q8: { mu: 5.15, sd: 3.5, loading: -0.2, delta: -0.1, max: 10 },
};

const YEAR_EFFECT: Record<number, number> = { 2019: 0, 2020: -0.25, 2021: 0.05, 2022: 0.15 };

function addMonths(day: number, months: number): number {
  const d = new Date(day * 86_400_000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const target = new Date(Date.UTC(y, m, 1));
  const dim = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return dayNumber(target.getUTCFullYear(), target.getUTCMonth() + 1, Math.min(d.getUTCDate(), dim));
}

function yearOf(day: number): number {
  return new Date(day * 86_400_000).getUTCFullYear();
}

/** Latent score to an answer: rounded, clamped, with some heaping at the midpoint. */
function toAnswer(z: number, max: number, heapDraw: number): number {
  const y = clamp(Math.round(z), 0, max);
  if (max === 10 && heapDraw < 0.12 && Math.abs(z - 5) < 2) return 5;
  return y;
}

interface SurveyPerson {
  p: Person;
  index: number;
  consentDate: number;
  firstMeetingDate: number;
  optimism: number;
  personEffect: Record<string, number>;
}

interface Answer {
  person: SurveyPerson;
  wave: number;
  sent: number;
  delay: number;
  team: number;
  y: Record<string, number>;
  /** The answer without the team (NaN if the item is unanswered). */
  y0: Record<string, number>;
  /** Exact effect of the team on each answer (y(1) − y(0)); 0 when team = 0. */
  tau: Record<string, number>;
}

function drawDates(rng: Rng, p: Person): { consent: number; meeting: number } {
  const cy = Math.floor(p.consentMonth / 12);
  const cm = p.consentMonth - cy * 12 + 1;
  const cdim = daysInMonth(p.consentMonth);
  const cday = 1 + rng.int(cdim);
  const my = Math.floor(p.firstMeetingMonth / 12);
  const mm = p.firstMeetingMonth - my * 12 + 1;
  const mdim = daysInMonth(p.firstMeetingMonth);
  let mday = 1 + rng.int(mdim);
  if (p.arm === 'T' && p.firstMeetingMonth === p.consentMonth) mday = Math.min(mdim, cday + 3 + rng.int(Math.max(1, mdim - cday - 2)));
  if (p.arm === 'C' && p.firstMeetingMonth - p.consentMonth === 6) mday = Math.min(mdim, Math.max(mday, cday));
  return { consent: dayNumber(cy, cm, cday), meeting: dayNumber(my, mm, mday) };
}

export interface TeamSurveyTruth {
  study: 'team-survey';
  seed: number;
  definition: Record<string, string>;
  questions: Record<string, { latent_effect: number; main_sample: number; within_14_days: number; all_waves: number; binary_within_14_days: number }>;
}

export function generateTeamSurvey(rct: TeamRctData, outDir: string, seed: number): { answers: number; persons: number } {
  const rng = streamRng(seed, 'team-survey');
  const C = TEAM_SURVEY_COUNTS;
  const persons = rct.persons;
  const n = persons.length;
  const sp: SurveyPerson[] = persons.map((p, index) => {
    const { consent, meeting } = drawDates(rng, p);
    const optimism = 0.45 * p.emp - 0.2 * p.ill + Math.sqrt(1 - 0.45 ** 2 - 0.2 ** 2) * rng.normal();
    const personEffect: Record<string, number> = {};
    for (const q of SURVEY_QUESTIONS) personEffect[q.column] = rng.normal();
    return { p, index, consentDate: consent, firstMeetingDate: meeting, optimism, personEffect };
  });

  // Who answers which wave (exact counts).
  const respondent = chooseExactly(rng, n, C.respondents);
  const resp = sp.filter((s) => respondent[s.index]);
  const w1Mask = chooseExactly(rng, resp.length, C.wave1);
  const answered = new Map<number, Set<number>>();
  resp.forEach((s, j) => answered.set(s.index, new Set(w1Mask[j] ? [1] : [])));
  const noW1 = resp.filter((s) => !answered.get(s.index)!.has(1));
  for (const s of noW1) answered.get(s.index)!.add(2);
  const w1 = resp.filter((s) => answered.get(s.index)!.has(1));
  const w2Extra = chooseExactly(rng, w1.length, C.wave2 - noW1.length);
  w1.forEach((s, j) => w2Extra[j] && answered.get(s.index)!.add(2));
  const controls = resp.filter((s) => s.p.arm === 'C');
  const w3Mask = chooseExactly(rng, controls.length, C.wave3);
  controls.forEach((s, j) => w3Mask[j] && answered.get(s.index)!.add(3));

  // Main sample: 446 respondents with an answer to wave 1 or 2 within 30 days.
  const mainMask = chooseExactly(rng, resp.length, C.mainSample);
  const inMain = new Set(resp.filter((_, j) => mainMask[j]).map((s) => s.index));

  // Answers, with a prompt (≤ 30 days) or late delay.
  const answers: Answer[] = [];
  const lateRaw: number[] = [];
  for (const s of resp) {
    const waves = Array.from(answered.get(s.index)!).sort();
    const late = waves.map(() => rng.uniform() < 0.19);
    const early12 = waves.map((w, j) => (w <= 2 ? j : -1)).filter((j) => j >= 0);
    if (inMain.has(s.index)) {
      if (!early12.some((j) => !late[j])) late[early12[0]] = false;
    } else for (const j of early12) late[j] = true;
    waves.forEach((wave, j) => {
      const sent = wave === 1 ? s.consentDate : addMonths(s.consentDate, wave === 2 ? 6 : 12);
      const team = (s.p.arm === 'T' && wave === 2) || (s.p.arm === 'C' && wave === 3) ? 1 : 0;
      const prompt = Math.min(30, Math.floor(-9 * Math.log(1 - rng.uniform())));
      const raw = -Math.log(1 - rng.uniform());
      lateRaw.push(late[j] ? raw : NaN);
      answers.push({ person: s, wave, sent, delay: late[j] ? -1 : prompt, team, y: {}, y0: {}, tau: {} });
    });
  }
  // Late delays: 31 days plus an exponential excess scaled so the mean delay is 28 days.
  let promptSum = 0;
  let nLate = 0;
  let rawSum = 0;
  answers.forEach((a, i) => {
    if (a.delay >= 0) promptSum += a.delay;
    else {
      nLate++;
      rawSum += lateRaw[i];
    }
  });
  const scale = (C.meanDelay * answers.length - promptSum - 31 * nLate) / rawSum;
  answers.forEach((a, i) => {
    if (a.delay < 0) a.delay = 31 + Math.round(scale * lateRaw[i]);
  });

  // Scores (potential answers with and without the team share all draws).
  for (const a of answers) {
    const year = yearOf(a.sent + a.delay);
    for (const q of SURVEY_QUESTIONS) {
      const m = QUESTION_MODELS[q.column];
      const noise = rng.normal();
      const heap = rng.uniform();
      const missing = rng.uniform() < 0.012;
      const base =
        m.mu + m.sd * (m.loading * a.person.optimism + Math.sqrt(1 - m.loading ** 2) * (0.6 * a.person.personEffect[q.column] + 0.8 * noise)) + (YEAR_EFFECT[year] ?? 0) * (m.max / 10);
      const y0 = toAnswer(base, m.max, heap);
      const y1 = toAnswer(base + m.delta, m.max, heap);
      a.y[q.column] = missing ? NaN : a.team ? y1 : y0;
      a.tau[q.column] = missing || !a.team ? 0 : y1 - y0;
      a.y0[q.column] = missing ? NaN : y0;
    }
  }

  writeSurveyFiles(rct, sp, answers, rng, outDir);
  writeJsonAtomic(path.join(outDir, 'truth.json'), surveyTruth(seed, answers));
  return { answers: answers.length, persons: n };
}

function surveyTruth(seed: number, answers: Answer[]): TeamSurveyTruth {
  const questions: TeamSurveyTruth['questions'] = {};
  for (const q of SURVEY_QUESTIONS) {
    const mean = (keep: (a: Answer) => boolean, f: (a: Answer) => number) => {
      let s = 0;
      let c = 0;
      for (const a of answers) if (a.team && keep(a) && !Number.isNaN(a.y[q.column])) (s += f(a)), c++;
      return c ? s / c : NaN;
    };
    const tau = (a: Answer) => a.tau[q.column];
    const cut = QUESTION_MODELS[q.column].max === 4 ? 1 : 7;
    const bin = (a: Answer) => {
      const y1 = a.y[q.column];
      return (y1 >= cut ? 1 : 0) - (a.y0[q.column] >= cut ? 1 : 0);
    };
    questions[q.column] = {
      latent_effect: QUESTION_MODELS[q.column].delta,
      main_sample: Number(mean((a) => a.wave <= 2 && a.delay <= 30, tau).toPrecision(10)),
      within_14_days: Number(mean((a) => a.wave <= 2 && a.delay <= 14, tau).toPrecision(10)),
      all_waves: Number(mean((a) => a.delay <= 30, tau).toPrecision(10)),
      binary_within_14_days: Number(mean((a) => a.wave <= 2 && a.delay <= 14, bin).toPrecision(10)),
    };
  }
  return {
    study: 'team-survey',
    seed,
    definition: {
      effect: 'tau = y(1) - y(0) for an answer given with team = 1: the same latent draws with and without the latent shift latent_effect, rounded and clamped to the scale.',
      main_sample: 'Mean tau over answers with team = 1 in waves 1-2 answered within 30 days (R23 Table 2 sample; team = 1 there is the treatment arm at wave 2). Under randomisation the two-way fixed-effects coefficient of team estimates this ATT.',
      within_14_days: 'As main_sample, answers within 14 days (R23 Table B4 panel A).',
      binary_within_14_days: 'Effect on 1{answer >= 7} (Q4: >= 1), answers within 14 days (R23 Table B4 panel B).',
      all_waves: 'Mean tau over all team = 1 answers within 30 days, waves 1-3 (R23 Table B4 panel C).',
      answers: 'Only answers with team = 1 carry an effect; there is no anticipation and no effect on answers given before meeting the team.',
    },
    questions,
  };
}

function formatOf(c: ColumnSpec) {
  if (c.type === 'date') return DATE;
  if (c.type === 'category') return TEXT;
  return c.type === 'number' ? fixed(0) : INT;
}

function writeSurveyFiles(rct: TeamRctData, sp: SurveyPerson[], answers: Answer[], rng: Rng, outDir: string): void {
  const at = (i: number, col: string, year: number, month: number) => rct.monthly[i][col][monthCode(year, month) - KEEP_FIRST];
  const any2018 = (i: number, col: string) => {
    for (let m = 1; m <= 12; m++) if (at(i, col, 2018, m) > 0) return 1;
    return 0;
  };
  const persons: Record<string, CsvColumnData['values']> = {};
  const inLisa = sp.map((s) => (2018 - s.p.birthYear >= 16 ? 1 : 0));
  const lisa = (f: (s: SurveyPerson) => number | string) => sp.map((s, j) => (inLisa[j] ? f(s) : typeof f(s) === 'string' ? null : NaN)) as never;
  const eduMissing = sp.map(() => rng.uniform() < 0.015);
  persons.id = sp.map((s) => s.p.id);
  persons.arm = sp.map((s) => s.p.arm);
  persons.woman = sp.map((s) => (s.p.woman ? 1 : 0));
  persons.birth_year = sp.map((s) => s.p.birthYear);
  persons.foreign_background = sp.map((s) => (s.p.foreignBackgroundScb ? 1 : 0));
  persons.education = sp.map((s, j) => (eduMissing[j] ? null : s.p.education));
  persons.federation = sp.map((s) => FEDERATION_CODES[s.p.federation]);
  persons.consent_date = sp.map((s) => s.consentDate);
  persons.first_meeting_date = sp.map((s) => s.firstMeetingDate);
  persons.in_lisa_2018 = inLisa;
  persons.household_2018 = lisa((s) => s.p.household);
  persons.studies_2018 = lisa((s) => any2018(s.index, 'study_aid_kr'));
  persons.social_assistance_2018 = lisa((s) => any2018(s.index, 'social_assistance_kr'));
  persons.af_registered_nov_2018 = lisa((s) => (at(s.index, 'af_registered_days', 2018, 11) > 0 ? 1 : 0));
  persons.earned_income_2018_kr = lisa((s) => rct.yearly[s.index].earned_income_kr[2018 - YEARS_FIRST]);
  persons.disposable_income_2018_kr = lisa((s) => rct.yearly[s.index].disposable_income_kr[2018 - YEARS_FIRST]);

  // The team representative rates the person on Q1–Q3 at consent: more positive than the
  // person on job prospects (never less), somewhat more on readiness and finances.
  const wave1 = new Map<number, Answer>();
  for (const a of answers) if (a.wave === 1) wave1.set(a.person.index, a);
  const hasRep = sp.map(() => rng.uniform() < 0.92);
  const repDate = sp.map((s, j) => (hasRep[j] ? s.consentDate + Math.floor(-4 * Math.log(1 - rng.uniform())) : NaN));
  const rep: Record<string, number[]> = { rep_q1: [], rep_q2: [], rep_q3: [] };
  sp.forEach((s, j) => {
    const own = wave1.get(s.index);
    const latent = (q: string) => QUESTION_MODELS[q].mu + QUESTION_MODELS[q].sd * (QUESTION_MODELS[q].loading * s.optimism);
    const shift: Record<string, [number, number]> = { q1: [2.2, 1.3], q2: [0.6, 1.8], q3: [1.3, 1.6] };
    for (const q of ['q1', 'q2', 'q3']) {
      const z = latent(q) + shift[q][0] + (q === 'q1' ? Math.abs(rng.normal()) : rng.normal()) * shift[q][1];
      let r = clamp(Math.round(z), 0, 10);
      if (q === 'q1' && own && !Number.isNaN(own.y.q1)) r = Math.max(r, own.y.q1);
      rep[`rep_${q}`].push(hasRep[j] ? r : NaN);
    }
  });
  persons.rep_answer_date = repDate;
  persons.rep_q1 = rep.rep_q1;
  persons.rep_q2 = rep.rep_q2;
  persons.rep_q3 = rep.rep_q3;

  const order = answers.slice().sort((a, b) => a.person.p.id - b.person.p.id || a.wave - b.wave);
  const ans: Record<string, CsvColumnData['values']> = {
    id: order.map((a) => a.person.p.id),
    wave: order.map((a) => a.wave),
    sent_date: order.map((a) => a.sent),
    answer_date: order.map((a) => a.sent + a.delay),
    delay_days: order.map((a) => a.delay),
    team: order.map((a) => a.team),
    age: order.map((a) => yearOf(a.sent + a.delay) - a.person.p.birthYear),
  };
  for (const q of SURVEY_QUESTIONS) ans[q.column] = order.map((a) => a.y[q.column]);

  const byId = sp.slice().sort((a, b) => a.p.id - b.p.id).map((s) => s.index);
  const sorted: Record<string, CsvColumnData['values']> = {};
  for (const [k, v] of Object.entries(persons)) sorted[k] = byId.map((i) => (v as ArrayLike<unknown>)[i]) as never;
  for (const f of teamSurvey.files) {
    const values = f.file === 'persons.csv' ? sorted : ans;
    const names = f.columns.map((c) => c.name);
    const extra = Object.keys(values).filter((k) => !names.includes(k));
    const missing = names.filter((k) => !(k in values));
    if (extra.length || missing.length) throw new Error(`team-survey ${f.file}: missing ${missing.join(', ') || '-'}; not in schema ${extra.join(', ') || '-'}`);
    writeCsvColumns(
      path.join(outDir, f.file),
      f.columns.map((c) => ({ name: c.name, format: formatOf(c), values: values[c.name] })),
    );
  }
}
