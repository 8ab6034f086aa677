/**
 * Monthly register outcomes Jan 2013 – Jul 2022 for every person, as potential outcomes.
 *
 * Each month a person has one Arbetsförmedlingen state (subsidised employment, new-start
 * job, unsubsidised work, openly unemployed, or other: programme, outside the labour force),
 * drawn from one persistent uniform against cumulative probabilities, so the three
 * indicators exclude each other and each has exactly its probability. Untreated
 * probabilities are person level + calendar path + quota-specific trend after 2018; the
 * person level and any other person-specific part depend on traits and on noise that is
 * independent of treatment given the quota variables, so trends are parallel given the
 * quota variables. Participants' treated probabilities add the effect of effects.ts; both
 * potential outcomes share every random draw, and the true effect of each cell is summed
 * exactly (truth.ts). Health and sickness outcomes have no effect.
 */
import { Rng } from '../../src/random/rng';
import { MALMO_FIRST_MONTH, MALMO_LAST_MONTH, START_GROUPS } from '../../src/data/schemas/malmokraften';
import { monthOfYear, monthYear } from '../../src/data/panel';
import { EDU, Population, REGION } from './population';
import { GROUP_SIZES, QUOTA_TRENDS, TREND_YEARS_MAX, T_JAN2018, T_OCT2017 } from './params';
import { Chain, lognormalFactor, piecewise } from './noise';
import { clamp, daysInMonth } from '../sampling';
import { meanShape, shapeNewStart, shapeRegular, shapeSocialAssistance, shapeSubsidised, shapeUnemployed, TARGETS } from './effects';

export const N_MONTHS = MALMO_LAST_MONTH - MALMO_FIRST_MONTH + 1;
export const N_YEARS_ACC = monthYear(MALMO_LAST_MONTH) - monthYear(MALMO_FIRST_MONTH) + 1;

/** Outcomes with a true effect tracked per (group, month). */
export const MONTHLY_TRUTH_OUTCOMES = [
  'subsidised_employment',
  'new_start_job',
  'unemployed_or_programme',
  'wage_kr',
  'social_assistance',
  'social_assistance_family_kr',
  'social_assistance_kr',
  'psych_medication',
] as const;
export type MonthlyTruthOutcome = (typeof MONTHLY_TRUTH_OUTCOMES)[number];

export interface MonthlyColumns {
  id: Int32Array;
  month: Int32Array;
  subsidised_employment: Uint8Array;
  new_start_job: Uint8Array;
  unemployed_or_programme: Uint8Array;
  wage_kr: Int32Array;
  social_assistance: Uint8Array;
  social_assistance_family_kr: Int32Array;
  social_assistance_kr: Int32Array;
  psych_medication: Uint8Array;
  n06a_ddd_days: Uint8Array;
  n05b_ddd_days: Uint8Array;
  n05c_ddd_days: Uint8Array;
  outpatient_visits: Uint8Array;
  inpatient_stays: Uint8Array;
  inpatient_days: Uint8Array;
  sickness_spell_days: Uint8Array;
  sickness_benefit_days: Uint8Array;
  sickness_comp_days: Uint8Array;
  activity_comp_days: Uint8Array;
}

/** Yearly sums of monthly quantities per person and calendar year (index i * years + y), untreated (0) and treated (1). */
export interface YearlyInputs {
  years: number;
  earned0: Float64Array;
  earned1: Float64Array;
  /** Social assistance attributed to the person: the household's amount divided by its adults (RAKS). */
  sa0: Float64Array;
  sa1: Float64Array;
  /** Months openly unemployed. */
  unemployed0: Float64Array;
  unemployed1: Float64Array;
  /** Months neither working nor openly unemployed (programme or outside). */
  other0: Float64Array;
  other1: Float64Array;
  /** Kronor from sickness benefit, sickness and activity compensation. */
  sickness: Float64Array;
  /** Share of the year's months after treatment, weighted by shapeRegular (0 for controls). */
  exposure: Float64Array;
}

export interface MonthlyResult {
  columns: MonthlyColumns;
  /** Each row's exact effect Y(1) − Y(0) (0 for controls and before treatment), rows as in `columns`. */
  tau: Record<MonthlyTruthOutcome, Float64Array>;
  yearly: YearlyInputs;
  /** Effect scales used, per group (for the README and tests). */
  scales: Scales;
}

const STATES = 4; // subsidised, new start, regular work, openly unemployed (rest: other)
const SUB = 0;
const NEW = 1;
const REG = 2;
const UNE = 3;
/** Wage level of each working state relative to the person's regular monthly earnings. */
const WAGE_FACTOR = [0.85, 0.9, 1];
/** Upper bound of the summed state probabilities. */
const MAX_STATE_SUM = 0.97;

/** Calendar paths (additive, ≥ 0: January 2018, when all were long-term unemployed, is the trough). */
function calendarPaths() {
  const n = N_MONTHS;
  const regular = piecewise(n, [
    [0, 0.13],
    [57, 0],
    [65, 0],
    [83, 0.04],
    [86, 0.04],
    [87, 0.005],
    [95, 0.01],
    [101, 0.03],
    [114, 0.045],
  ]);
  for (let t = 0; t < n; t++) {
    const m = monthOfYear(MALMO_FIRST_MONTH + t);
    if (m >= 6 && m <= 8) regular[t] += 0.015;
  }
  return {
    state: [
      piecewise(n, [
        [0, 0.004],
        [36, 0.008],
        [60, 0.006],
        [72, 0.004],
        [84, 0],
        [114, 0.003],
      ]),
      piecewise(n, [
        [0, 0.004],
        [36, 0.014],
        [60, 0.01],
        [72, 0.004],
        [84, 0],
        [114, 0.002],
      ]),
      regular,
      piecewise(n, [
        [0, 0.12],
        [48, 0.04],
        [60, 0],
        [84, 0],
        [87, 0.06],
        [96, 0.05],
        [108, 0.02],
        [114, 0],
      ]),
    ],
    socialAssistance: piecewise(n, [
      [0, 0.03],
      [36, 0.01],
      [60, 0],
    ]),
    /** Wage growth, 2.5 % a year around October 2017. */
    wage: Float64Array.from({ length: n }, (_, t) => 1 + (0.025 * (t - T_OCT2017)) / 12),
    /** Years since January 2018, 0 before, at most TREND_YEARS_MAX. */
    trend: Float64Array.from({ length: n }, (_, t) => Math.min(TREND_YEARS_MAX, Math.max(0, (t - T_JAN2018) / 12))),
    /** Prescriptions rise a little every year (R23 Figure B10). */
    medication: Float64Array.from({ length: n }, (_, t) => 1 + (0.035 * (t - T_OCT2017)) / 12),
  };
}

/** Person-level parameters (one value per person). */
interface PersonParams {
  base: Float64Array[]; // per state, level at the January 2018 trough
  slope: Float64Array[]; // per state, change per year of trend
  earnings: Float64Array;
  saBase: Float64Array;
  saSlope: Float64Array;
  saFamily: Float64Array;
  n06a: Float64Array;
  n05b: Float64Array;
  n05c: Float64Array;
  outpatient: Float64Array;
  inpatient: Float64Array;
  sick: Float64Array;
  sickComp: Float64Array;
  activityComp: Float64Array;
}

/** Caps of the person levels per state, their sum, and the largest calendar add-on after 2018. */
const BASE_CAP = [0.2, 0.2, 0.6, 0.55];
const BASE_SUM_CAP = 0.68;
const CALENDAR_MAX_AFTER_2018 = 0.06;
const TREND_ROOM = 0.6;

const mult = (...factors: number[]) => factors.reduce((a, b) => a * b, 1);

function personParams(rng: Rng, p: Population): PersonParams {
  const n = p.n;
  const f = () => new Float64Array(n);
  const pp: PersonParams = {
    base: [f(), f(), f(), f()],
    slope: [f(), f(), f(), f()],
    earnings: f(),
    saBase: f(),
    saSlope: f(),
    saFamily: f(),
    n06a: f(),
    n05b: f(),
    n05c: f(),
    outpatient: f(),
    inpatient: f(),
    sick: f(),
    sickComp: f(),
    activityComp: f(),
  };
  const tr = QUOTA_TRENDS;
  const trends = [tr.subsidised, tr.newStart, tr.regular, tr.unemployed];
  const raw = new Float64Array(STATES);
  for (let i = 0; i < n; i++) {
    const estab = p.establishment[i];
    const sa = p.saList[i];
    const j450 = p.job450List[i];
    const disab = p.disability[i];
    const outside = p.region[i] === REGION.outside ? 1 : 0;
    const sweden = p.region[i] === REGION.sweden ? 1 : 0;
    const edu = p.education[i];
    const post = edu === EDU.post ? 1 : 0;
    const lt9 = edu === EDU.lt9 ? 1 : 0;
    const woman = p.woman[i];
    const age = p.age[i];
    raw[SUB] = 0.036 * mult(disab ? 1.8 : 1, j450 ? 0.5 : 1, sa ? 0.35 : 1) * lognormalFactor(rng, 0.5);
    raw[NEW] = 0.05 * mult(sa ? 0.1 : 1, j450 ? 0.2 : 1, estab ? 0.2 : 1, outside ? 0.6 : 1, lt9 ? 0.6 : 1, post ? 1.2 : 1) * lognormalFactor(rng, 0.5);
    raw[REG] =
      0.8 *
      mult(estab ? 0.15 : 1, sa ? 0.08 : 1, j450 ? 0.12 : 1, disab ? 0.75 : 1, outside ? 0.6 : 1, post ? 1.2 : 1, lt9 ? 0.55 : 1, woman ? 0.9 : 1, age >= 50 ? 0.7 : 1) *
      lognormalFactor(rng, 0.7);
    raw[UNE] = 0.345 * mult(j450 ? 0.88 : 1, estab ? 0.9 : 1, disab ? 0.92 : 1, sa ? 0.97 : 1) * lognormalFactor(rng, 0.3);
    let sum = 0;
    for (let s = 0; s < STATES; s++) sum += raw[s] = Math.min(BASE_CAP[s], raw[s]);
    const shrink = sum > BASE_SUM_CAP ? BASE_SUM_CAP / sum : 1;
    // Quota trends. A falling state stops at 2 % of the month; rising states may use at most
    // TREND_ROOM of what the month has left, keeping room for the treatment effects.
    let slopeSum = 0;
    for (let s = 0; s < STATES; s++) {
      const b = (pp.base[s][i] = raw[s] * shrink);
      const t = trends[s];
      let slope = t.social_assistance_list * sa + t.establishment * estab + t.job450_list * j450;
      if (slope < 0 && b + slope * TREND_YEARS_MAX < 0.02) slope = Math.min(0, (0.02 - b) / TREND_YEARS_MAX);
      slopeSum += pp.slope[s][i] = slope;
    }
    const room = TREND_ROOM * (MAX_STATE_SUM - sum * shrink - CALENDAR_MAX_AFTER_2018);
    if (slopeSum * TREND_YEARS_MAX > room) {
      const scale = room / (slopeSum * TREND_YEARS_MAX);
      for (let s = 0; s < STATES; s++) if (pp.slope[s][i] > 0) pp.slope[s][i] *= scale;
    }
    pp.earnings[i] = 12600 * mult(woman ? 0.85 : 1, post ? 1.15 : 1, lt9 ? 0.88 : 1, outside ? 0.92 : 1, estab ? 0.9 : 1, sa ? 0.9 : 1, j450 ? 0.92 : 1) * lognormalFactor(rng, 0.3);
    // Social assistance: high for households on assistance at the list date, falling after 2018.
    const saB = sa ? Math.min(0.95, 0.53 * lognormalFactor(rng, 0.25)) : Math.min(0.5, (0.08 + 0.03 * estab) * lognormalFactor(rng, 0.8));
    pp.saBase[i] = saB;
    pp.saSlope[i] = sa ? (tr.socialAssistance.social_assistance_list / 0.53) * saB : 0;
    const hh = p.householdSize[i];
    pp.saFamily[i] = (5600 + 2600 * (hh - 1)) * lognormalFactor(rng, 0.2);
    // Psychiatric medication and care: one liability per person.
    const psych = lognormalFactor(rng, 0.9);
    const mw = mult(woman ? 1.35 : 1, sweden ? 1.3 : 1, estab ? 0.7 : 1, outside ? 0.85 : 1, sa ? 0.9 : 1);
    pp.n06a[i] = Math.min(0.9, 0.044 * psych * mw);
    pp.n05b[i] = Math.min(0.9, 0.0115 * psych * mw);
    pp.n05c[i] = Math.min(0.9, 0.022 * psych * mw);
    pp.outpatient[i] = Math.min(0.5, 0.0042 * psych * mw);
    pp.inpatient[i] = Math.min(0.2, 0.0004 * psych * mw);
    const ms = mult(disab ? 1.8 : 1, age >= 50 ? 1.5 : 1, woman ? 1.25 : 1, sa ? 0.55 : 1, estab ? 0.5 : 1, psych > 2 ? 1.5 : 1);
    pp.sick[i] = Math.min(0.5, 0.0115 * ms);
    pp.sickComp[i] = Math.min(0.5, 0.0115 * mult(disab ? 3 : 1, age >= 50 ? 2 : 1, sa ? 0.4 : 1, estab ? 0.3 : 1));
    pp.activityComp[i] = Math.min(0.5, 0.004 * (disab ? 4 : 0.6));
  }
  return pp;
}

type Calendar = ReturnType<typeof calendarPaths>;

/** Untreated state probabilities of person i in month t (sum at most MAX_STATE_SUM by construction). */
function untreatedStates(pp: PersonParams, cal: Calendar, i: number, t: number, out: Float64Array): void {
  const h = cal.trend[t];
  for (let s = 0; s < STATES; s++) out[s] = pp.base[s][i] + cal.state[s][t] + pp.slope[s][i] * h;
}

export interface Scales {
  subsidised: number[];
  newStart: number[];
  regular: number[];
  unemployed: number[];
  socialAssistance: number[];
}

/** Treated state probabilities k months after the first meeting (k > 0), from the untreated ones. */
function treatedStates(p0: Float64Array, g: number, k: number, sc: Scales, out: Float64Array): void {
  out[SUB] = p0[SUB] + sc.subsidised[g] * shapeSubsidised(k);
  out[NEW] = p0[NEW] + sc.newStart[g] * shapeNewStart(k);
  out[REG] = p0[REG] + sc.regular[g] * shapeRegular(k);
  out[UNE] = p0[UNE] + sc.unemployed[g] * shapeUnemployed(k);
  // Increases come out of the "other" state; where it is too small they are cut back
  // proportionally (never below the untreated probability).
  let sum = 0;
  let up = 0;
  for (let s = 0; s < STATES; s++) {
    sum += out[s] = Math.max(0, out[s]);
    if (out[s] > p0[s]) up += out[s] - p0[s];
  }
  if (sum > MAX_TREATED_SUM) {
    const cut = Math.min(1, (sum - MAX_TREATED_SUM) / up);
    for (let s = 0; s < STATES; s++) if (out[s] > p0[s]) out[s] -= cut * (out[s] - p0[s]);
  }
}

const MAX_TREATED_SUM = 0.995;

/**
 * Per-group effect scales whose expected mean post-period effect (over the group's members
 * and months from its month 0 to the end of the data, with the bounds on probabilities
 * applied exactly as in the simulation) equals the published target; found by a few
 * fixed-point steps on the expected effects, which need no random draws.
 */
function effectScales(p: Population, pp: PersonParams, cal: Calendar): Scales {
  const G = GROUP_SIZES.length;
  const members: number[][] = GROUP_SIZES.map(() => []);
  for (let i = 0; i < p.n; i++) if (p.group[i] >= 0) members[p.group[i]].push(i);
  let saMeanT = 0;
  for (const m of members) for (const i of m) saMeanT += pp.saBase[i] / treatedCount(members);
  const sc: Scales = { subsidised: [], newStart: [], regular: [], unemployed: [], socialAssistance: [] };
  for (let g = 0; g < G; g++) {
    const fm = members[g].map((i) => p.firstMeeting[i]);
    sc.subsidised.push(TARGETS.subsidised_employment.groups[g] / meanShape(shapeSubsidised, fm, g));
    sc.newStart.push(TARGETS.new_start_job.groups[g] / meanShape(shapeNewStart, fm, g));
    sc.unemployed.push(TARGETS.unemployed_or_programme.groups[g] / meanShape(shapeUnemployed, fm, g));
    sc.socialAssistance.push(TARGETS.social_assistance.groups[g] / meanShape(shapeSocialAssistance, fm, g) / saMeanT);
    const earn = (j: number, t: number) => pp.earnings[members[g][j]] * cal.wage[t];
    sc.regular.push(0);
    const wageReg = meanShape(shapeRegular, fm, g, earn);
    const first = expectedEffects(p, pp, cal, sc, g, members[g]);
    sc.regular[g] = (TARGETS.wage_kr.groups[g] - first.wage) / wageReg;
    for (let step = 0; step < 10; step++) {
      const e = expectedEffects(p, pp, cal, sc, g, members[g]);
      sc.subsidised[g] *= ratio(TARGETS.subsidised_employment.groups[g], e.subsidised);
      sc.newStart[g] *= ratio(TARGETS.new_start_job.groups[g], e.newStart);
      sc.unemployed[g] *= ratio(TARGETS.unemployed_or_programme.groups[g], e.unemployed);
      sc.socialAssistance[g] *= ratio(TARGETS.social_assistance.groups[g], e.socialAssistance);
      sc.regular[g] += (TARGETS.wage_kr.groups[g] - e.wage) / wageReg;
    }
  }
  return sc;
}

function treatedCount(members: number[][]): number {
  return members.reduce((a, m) => a + m.length, 0);
}

/** Damped multiplicative correction towards the target. */
function ratio(target: number, achieved: number): number {
  const r = achieved !== 0 ? target / achieved : 1;
  return r > 0 ? Math.sqrt(Math.min(2, Math.max(0.5, r))) : 1;
}

/** Expected mean effects of group g over its post-period cells, given the scales. */
function expectedEffects(p: Population, pp: PersonParams, cal: Calendar, sc: Scales, g: number, members: number[]) {
  const p0 = new Float64Array(STATES);
  const p1 = new Float64Array(STATES);
  const acc = { subsidised: 0, newStart: 0, unemployed: 0, wage: 0, socialAssistance: 0 };
  let cells = 0;
  const t0 = START_GROUPS[g].start - MALMO_FIRST_MONTH;
  for (const i of members) {
    for (let t = t0; t < N_MONTHS; t++) {
      cells++;
      const k = MALMO_FIRST_MONTH + t - p.firstMeeting[i];
      if (k <= 0) continue;
      untreatedStates(pp, cal, i, t, p0);
      treatedStates(p0, g, k, sc, p1);
      acc.subsidised += p1[SUB] - p0[SUB];
      acc.newStart += p1[NEW] - p0[NEW];
      acc.unemployed += p1[UNE] - p0[UNE];
      let w = 0;
      for (let s = 0; s < UNE; s++) w += (p1[s] - p0[s]) * WAGE_FACTOR[s];
      acc.wage += w * pp.earnings[i] * cal.wage[t];
      const sa0 = saProb(pp, cal, i, t);
      acc.socialAssistance += saTreated(sa0, pp, sc, g, i, k) - sa0;
    }
  }
  for (const key of Object.keys(acc) as (keyof typeof acc)[]) acc[key] /= cells;
  return acc;
}

function saProb(pp: PersonParams, cal: Calendar, i: number, t: number): number {
  return clamp01(pp.saBase[i] + cal.socialAssistance[t] + pp.saSlope[i] * cal.trend[t]);
}

function saTreated(sa0: number, pp: PersonParams, sc: Scales, g: number, i: number, k: number): number {
  return clamp01(sa0 + sc.socialAssistance[g] * pp.saBase[i] * shapeSocialAssistance(k));
}

const clamp01 = (x: number) => clamp(x, 0, 1);

export function simulateMonthly(p: Population, seed: number): MonthlyResult {
  const rng = new Rng(seed);
  const cal = calendarPaths();
  const pp = personParams(rng, p);
  const scales = effectScales(p, pp, cal);
  const T = N_MONTHS;
  const rows = p.n * T;
  const cols: MonthlyColumns = {
    id: new Int32Array(rows),
    month: new Int32Array(rows),
    subsidised_employment: new Uint8Array(rows),
    new_start_job: new Uint8Array(rows),
    unemployed_or_programme: new Uint8Array(rows),
    wage_kr: new Int32Array(rows),
    social_assistance: new Uint8Array(rows),
    social_assistance_family_kr: new Int32Array(rows),
    social_assistance_kr: new Int32Array(rows),
    psych_medication: new Uint8Array(rows),
    n06a_ddd_days: new Uint8Array(rows),
    n05b_ddd_days: new Uint8Array(rows),
    n05c_ddd_days: new Uint8Array(rows),
    outpatient_visits: new Uint8Array(rows),
    inpatient_stays: new Uint8Array(rows),
    inpatient_days: new Uint8Array(rows),
    sickness_spell_days: new Uint8Array(rows),
    sickness_benefit_days: new Uint8Array(rows),
    sickness_comp_days: new Uint8Array(rows),
    activity_comp_days: new Uint8Array(rows),
  };
  const tau = Object.fromEntries(MONTHLY_TRUTH_OUTCOMES.map((o) => [o, new Float64Array(rows)])) as Record<MonthlyTruthOutcome, Float64Array>;
  const Y = N_YEARS_ACC;
  const f = () => new Float64Array(p.n * Y);
  const yearly: YearlyInputs = {
    years: Y,
    earned0: f(),
    earned1: f(),
    sa0: f(),
    sa1: f(),
    unemployed0: f(),
    unemployed1: f(),
    other0: f(),
    other1: f(),
    sickness: f(),
    exposure: f(),
  };
  const daysIn = Int32Array.from({ length: T }, (_, t) => daysInMonth(MALMO_FIRST_MONTH + t));
  const yearOf = Int32Array.from({ length: T }, (_, t) => monthYear(MALMO_FIRST_MONTH + t) - monthYear(MALMO_FIRST_MONTH));
  const p0 = new Float64Array(STATES);
  const p1 = new Float64Array(STATES);
  const state = (u: number, probs: Float64Array) => {
    let acc = 0;
    for (let s = 0; s < STATES; s++) {
      acc += probs[s];
      if (u < acc) return s;
    }
    return STATES; // other
  };

  for (let i = 0; i < p.n; i++) {
    const g = p.group[i];
    const treated = g >= 0;
    const fm = treated ? p.firstMeeting[i] : 0;
    const statusChain = new Chain(rng, 0.95);
    const saChain = new Chain(rng, 0.85);
    const medChains = [new Chain(rng, 0.95), new Chain(rng, 0.93), new Chain(rng, 0.93)];
    const sickChain = new Chain(rng, 0.95);
    const compChain = new Chain(rng, 0.995);
    const actChain = new Chain(rng, 0.99);
    let prevSick = 0;
    const hh = p.householdSize[i];
    const adults = p.household[i] === 0 ? 2 : 1;
    for (let t = 0; t < T; t++) {
      const r = i * T + t;
      const code = MALMO_FIRST_MONTH + t;
      cols.id[r] = i + 1;
      cols.month[r] = code;
      // Arbetsförmedlingen state and work.
      untreatedStates(pp, cal, i, t, p0);
      const k = code - fm;
      const active = treated && k > 0;
      if (active) treatedStates(p0, g, k, scales, p1);
      const u = statusChain.next();
      const st0 = state(u, p0);
      const st1 = active ? state(u, p1) : st0;
      const wageNoise = lognormalFactor(rng, 0.3);
      const base = pp.earnings[i] * cal.wage[t] * wageNoise;
      const wage0 = st0 < UNE ? Math.round(base * WAGE_FACTOR[st0]) : 0;
      const wage1 = st1 < UNE ? Math.round(base * WAGE_FACTOR[st1]) : 0;
      const st = treated ? st1 : st0;
      cols.subsidised_employment[r] = st === SUB ? 1 : 0;
      cols.new_start_job[r] = st === NEW ? 1 : 0;
      cols.unemployed_or_programme[r] = st === UNE ? 1 : 0;
      cols.wage_kr[r] = treated ? wage1 : wage0;
      // Social assistance.
      const pSa0 = saProb(pp, cal, i, t);
      const pSa1 = active ? saTreated(pSa0, pp, scales, g, i, k) : pSa0;
      const uSa = saChain.next();
      const sa0 = uSa < pSa0 ? 1 : 0;
      const sa1 = uSa < pSa1 ? 1 : 0;
      const fam = Math.round(pp.saFamily[i] * (1 + (0.02 * (t - T_OCT2017)) / 12) * lognormalFactor(rng, 0.15));
      const ind = Math.round(fam / hh);
      const famPerAdult = fam / adults;
      const sa = treated ? sa1 : sa0;
      cols.social_assistance[r] = sa;
      cols.social_assistance_family_kr[r] = sa ? fam : 0;
      cols.social_assistance_kr[r] = sa ? ind : 0;
      // Medication (no effect).
      const mt = cal.medication[t];
      const dim = daysIn[t];
      const dN06a = medChains[0].next() < pp.n06a[i] * mt ? Math.min(dim, Math.max(1, Math.round(rng.normal(28, 3)))) : 0;
      const dN05b = medChains[1].next() < pp.n05b[i] * mt ? 1 + Math.floor(rng.uniform() * 28) : 0;
      const dN05c = medChains[2].next() < pp.n05c[i] * mt ? Math.min(dim, Math.max(1, Math.round(rng.normal(25, 6)))) : 0;
      cols.n06a_ddd_days[r] = dN06a;
      cols.n05b_ddd_days[r] = dN05b;
      cols.n05c_ddd_days[r] = dN05c;
      cols.psych_medication[r] = dN06a + dN05b + dN05c > 0 ? 1 : 0;
      // Psychiatric care.
      if (rng.uniform() < pp.outpatient[i]) {
        const v = rng.uniform();
        cols.outpatient_visits[r] = 1 + (v < 0.2 ? 1 : 0) + (v < 0.05 ? 1 : 0);
      }
      if (rng.uniform() < pp.inpatient[i]) {
        const stays = 1 + (rng.uniform() < 0.08 ? 1 : 0);
        cols.inpatient_stays[r] = stays;
        cols.inpatient_days[r] = Math.min(dim, stays * (1 + Math.floor(-6.5 * Math.log(1 - rng.uniform()))));
      }
      // Försäkringskassan.
      let spell = 0;
      if (sickChain.next() < pp.sick[i]) spell = rng.uniform() < 0.75 ? dim : 5 + Math.floor(rng.uniform() * (dim - 5));
      cols.sickness_spell_days[r] = spell;
      const benefit = prevSick ? spell : Math.max(0, spell - 7);
      cols.sickness_benefit_days[r] = benefit;
      prevSick = spell;
      const comp = compChain.next() < pp.sickComp[i] ? dim : 0;
      cols.sickness_comp_days[r] = comp;
      const ageNow = p.age[i] + (t - T_OCT2017) / 12;
      const actU = actChain.next();
      const act = ageNow < 30 && actU < pp.activityComp[i] ? dim : 0;
      cols.activity_comp_days[r] = act;
      // Truth and yearly inputs.
      if (active) {
        tau.subsidised_employment[r] = (st1 === SUB ? 1 : 0) - (st0 === SUB ? 1 : 0);
        tau.new_start_job[r] = (st1 === NEW ? 1 : 0) - (st0 === NEW ? 1 : 0);
        tau.unemployed_or_programme[r] = (st1 === UNE ? 1 : 0) - (st0 === UNE ? 1 : 0);
        tau.wage_kr[r] = wage1 - wage0;
        tau.social_assistance[r] = sa1 - sa0;
        tau.social_assistance_family_kr[r] = (sa1 - sa0) * fam;
        tau.social_assistance_kr[r] = (sa1 - sa0) * ind;
      }
      const yi = i * Y + yearOf[t];
      yearly.earned0[yi] += wage0;
      yearly.earned1[yi] += wage1;
      yearly.sa0[yi] += sa0 * famPerAdult;
      yearly.sa1[yi] += sa1 * famPerAdult;
      yearly.unemployed0[yi] += st0 === UNE ? 1 : 0;
      yearly.unemployed1[yi] += st1 === UNE ? 1 : 0;
      yearly.other0[yi] += st0 === STATES ? 1 : 0;
      yearly.other1[yi] += st1 === STATES ? 1 : 0;
      yearly.sickness[yi] += benefit * 390 + comp * 320 + act * 300;
      if (active) yearly.exposure[yi] += shapeRegular(k) / 12;
    }
  }
  return { columns: cols, tau, yearly, scales };
}

