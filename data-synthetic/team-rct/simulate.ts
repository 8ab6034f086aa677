/**
 * The monthly life of one team-rct participant, as a set of coupled monthly Markov chains
 * (work, registration at Arbetsförmedlingen, sickness benefit, rehabilitation, sickness/
 * activity compensation, studies, economic assistance, parental benefit, pension) and the
 * amounts that follow from the states.
 *
 * Realism that matters for the estimates: states are persistent and persons differ in kind
 * (marginal vs real jobs, the long-term ill vs spells of sickness, the prone to assistance
 * who stay on it vs those who rarely apply, long programmes vs short courses), and amounts
 * vary little from month to month. Month-to-month churn would make the DiD standard errors
 * far larger than R24's (data-synthetic/README.md, "Standard errors").
 *
 * Potential outcomes: every random number a month can need is drawn in advance (a fixed
 * number per month, whatever the states), and a path is a deterministic function of those
 * numbers and of the treatment start. Running it with start = ∞ gives Y(0), with the actual
 * first-meeting month Y(1); both share all draws, so they coincide exactly before the first
 * meeting and τ = Y(1) − Y(0) is known for every person-month.
 */
import { monthCode } from '../../src/data/panel';
import type { Rng } from '../../src/random/rng';
import { clamp, daysInMonth, normalQuantile } from '../sampling';
import type { Person } from './background';
import { EFFECTS, fastRamp, slowRamp, workPush, workRamp } from './effects';

/** Simulation starts two years before the first year written (burn-in from stationarity). */
export const SIM_FIRST = monthCode(2012, 1);
/** First month kept (yearly.csv starts in 2014; monthly.csv in 2015). */
export const KEEP_FIRST = monthCode(2014, 1);
export const MONTH_FIRST = monthCode(2015, 1);
export const MONTH_LAST = monthCode(2024, 4);
export const N_SIM = MONTH_LAST - SIM_FIRST + 1;

/** Uniform draws per month. */
const K = 31;
// Slots of the per-month draws.
const U = {
  work: 0,
  workType: 1,
  workStartDay: 2,
  wageNoise: 3,
  af: 4,
  afOther: 5,
  municipal: 6,
  uiNoise: 7,
  sick: 8,
  sickStartDay: 9,
  sickDegree: 10,
  rehab: 11,
  longTerm: 12,
  longTermDegree: 13,
  sa: 14,
  saNoise: 15,
  study: 16,
  studyNoise: 17,
  parental: 18,
  parentalDays: 19,
  pension: 20,
  init: 21,
  init2: 22,
  init3: 23,
  progNoise: 24,
  sickRateNoise: 25,
  afStartDay: 26,
  saStart: 27,
  hours: 28,
  hoursUp: 29,
  studyPart: 30,
} as const;

export function drawUniforms(rng: Rng): Float64Array {
  const u = new Float64Array(N_SIM * K);
  for (let i = 0; i < u.length; i++) u[i] = rng.uniform();
  return u;
}

/** Raw monthly amounts and days of one path, months SIM_FIRST..MONTH_LAST. */
export interface RawPath {
  wage: Float64Array;
  subsidisedDays: Float64Array;
  newstartDays: Float64Array;
  unemployedDays: Float64Array;
  programmeDays: Float64Array;
  otherRegisteredDays: Float64Array;
  municipal: Float64Array;
  ui: Float64Array;
  programmeAllowance: Float64Array;
  studyAid: Float64Array;
  pension: Float64Array;
  sickGross: Float64Array;
  sickDegree: Float64Array;
  sickKr: Float64Array;
  rehabGross: Float64Array;
  rehabKr: Float64Array;
  ltGross: Float64Array;
  ltDegree: Float64Array;
  ltKr: Float64Array;
  /** 1 if the long-term benefit is activity compensation (under 30), 0 sickness compensation. */
  ltIsActivity: Float64Array;
  parentalDays: Float64Array;
  parentalKr: Float64Array;
  socialAssistance: Float64Array;
}

// Jobs. A regular job is marginal (a few hours a week, often hourly paid: a few thousand
// kronor, varying from month to month, lasting about 20 months) or a real one (lasting
// years); subsidised and new-start jobs are contracts of a few years. Whether the regular
// jobs a person finds are marginal is the person's pattern (Person.marginalShare), so that
// wage income does not jump between a few hundred and full-time pay from job to job.
const MARGINAL_EXIT = 0.05;
/** Shares of subsidised and new-start jobs among the jobs found (R24 B3 days). */
const Q_SUBSIDISED = 0.12;
const Q_NEWSTART = 0.04;

/** Share of full time in a marginal job, from a uniform. */
function marginalHours(u: number): number {
  return 0.03 + 0.15 * u;
}

/** Calendar factor on the job-finding rate: the pandemic dip and the later upturn. */
function workCalendar(t: number): number {
  if (t < monthCode(2020, 3)) return 1;
  if (t < monthCode(2021, 1)) return 0.6;
  if (t < monthCode(2022, 1)) return 0.85;
  if (t < monthCode(2023, 1)) return 1.7;
  return 2;
}

/** Calendar factor on the job-loss rate: the pandemic's lay-offs, first of hourly jobs. */
function workLoss(t: number): number {
  return t >= monthCode(2020, 3) && t < monthCode(2020, 10) ? 2 : 1;
}

/** Nominal growth of wages and benefit levels, per year, relative to 2019. */
function priceIndex(t: number, rate: number): number {
  return Math.pow(1 + rate, t / 12 - 2019.5);
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function degreeOf(u: number, weights: readonly [number, number, number, number]): number {
  // Degrees 1, 0.75, 0.5, 0.25 with the given probabilities.
  let acc = 0;
  const degrees = [1, 0.75, 0.5, 0.25];
  for (let i = 0; i < 4; i++) {
    acc += weights[i];
    if (u < acc) return degrees[i];
  }
  return 0.25;
}

/** Start day of a spell from a uniform: more often early in the month. */
function startDay(u: number, dim: number): number {
  return 1 + Math.floor(u * u * dim);
}

/**
 * One path of a person. `treatStart` is the first-meeting month code, or Infinity for the
 * untreated potential outcome.
 */
export function simulatePath(p: Person, draws: Float64Array, treatStart: number): RawPath {
  const n = N_SIM;
  const f = () => new Float64Array(n);
  const out: RawPath = {
    wage: f(),
    subsidisedDays: f(),
    newstartDays: f(),
    unemployedDays: f(),
    programmeDays: f(),
    otherRegisteredDays: f(),
    municipal: f(),
    ui: f(),
    programmeAllowance: f(),
    studyAid: f(),
    pension: f(),
    sickGross: f(),
    sickDegree: f(),
    sickKr: f(),
    rehabGross: f(),
    rehabKr: f(),
    ltGross: f(),
    ltDegree: f(),
    ltKr: f(),
    ltIsActivity: f(),
    parentalDays: f(),
    parentalKr: f(),
    socialAssistance: f(),
  };
  const eff = EFFECTS[p.woman ? 'woman' : 'man'];

  // Person-specific base rates of the untreated process.
  // Work: monthly exit rate by job type (regular, subsidised, new-start); entry is set so
  // that the person's long-run share of months in work is `workShare`.
  const exitOf = [0, clamp(0.025 * Math.exp(-0.3 * p.emp), 0.01, 0.06), 0.02, 0.03];
  const qReg = 1 - Q_SUBSIDISED - Q_NEWSTART;
  const meanSpell =
    qReg * (p.marginalShare / MARGINAL_EXIT + (1 - p.marginalShare) / exitOf[1]) + Q_SUBSIDISED / exitOf[2] + Q_NEWSTART / exitOf[3];
  const workShare = logistic(-1.88 + 0.8 * p.emp);
  const workEntry0 = workShare / ((1 - workShare) * meanSpell);
  const unempEntry0 = p.afProne ? 0.05 * Math.exp(-0.35 * p.emp) * (p.saProne ? 1.2 : 0.8) : 0;
  const progEntry0 = p.afProne ? 0.03 * Math.exp(-0.2 * p.emp) : 0;
  // Sickness benefit: the long-term ill are on it for years; others prone to it have
  // spells of some months; the rest rarely fall sick, and briefly.
  const sickEntry0 = p.sickChronic ? 0.4 : p.sickProne ? 0.013 * Math.exp(0.3 * p.ill) : 0.001;
  const sickExit0 = p.sickChronic ? 0.004 : p.sickProne ? 0.05 : 0.25;
  const ageAt = (t: number) => Math.floor(t / 12) - p.birthYear;
  // Activity compensation (under 30) is far more common among participants than sickness
  // compensation (R24 B5: 7 % vs 1 %).
  // By sex (R24 B6/B7): activity compensation 7 % of the women, 6 % of the men, although the
  // men are younger; sickness compensation about 1 % of each.
  const ltEntryAt = (age: number) => (age < 30 ? (p.woman ? 0.008 : 0.0041) : p.woman ? 0.00002 : 0.000028) * Math.exp(0.8 * p.ill);
  const ltExit0 = 0.008;
  // The team helps the long-term ill apply: an added hazard for the young with poor health
  // and for older persons on long sick leave with poor health.
  const ltHelp = (age: number, sickNow: number) => (age < 30 ? (p.ill > 0.5 ? 0.012 : 0) : sickNow && p.ill > 0.8 ? 0.012 : 0);
  const saEntryOf = (prone: boolean) => (prone ? 0.5 : 0.03);
  const saExitOf = (prone: boolean) => (prone ? 0.008 : 0.02);
  // Women study more often than men (R24 B6/B7: 16 % / 10 % in the year before).
  const studyBase = 0.018 * Math.exp(0.3 * p.emp) * (p.woman ? 1.5 : 0.67);
  const takesPension = draws[U.pension] < 0.4;

  // States
  let work = 0; // 0 none, 1 regular, 2 subsidised, 3 new-start
  let hours = 1; // share of full time of the current job
  let marginal = 0; // the current regular job is marginal
  let af = 0; // 0 none, 1 openly unemployed, 2 programme
  let sick = 0;
  let sickDeg = 0;
  let rehab = 0;
  let lt = 0;
  let ltDeg = 0;
  let study = 0;
  let studyPart = 0; // part-time studies (adult education alongside assistance)
  let sa = 0;
  let municipal = 0;
  {
    // Start from (roughly) the stationary distribution.
    const u0 = draws[U.init];
    const u1 = draws[U.init2];
    const u2 = draws[U.init3];
    work = u0 < workShare ? 1 : 0;
    marginal = work && draws[U.hours] < p.marginalShare ? 1 : 0;
    hours = marginal ? marginalHours(draws[U.workType]) : p.fullHours;
    sick = u1 < sickEntry0 / (sickEntry0 + sickExit0) ? 1 : 0;
    sickDeg = sick ? degreeOf(draws[U.sickDegree], [0.9, 0.02, 0.06, 0.02]) : 0;
    const e0 = ltEntryAt(ageAt(SIM_FIRST));
    lt = ageAt(SIM_FIRST) >= 19 && u2 < e0 / (e0 + ltExit0) ? 1 : 0;
    ltDeg = lt ? degreeOf(draws[U.longTermDegree], [0.75, 0.05, 0.15, 0.05]) : 0;
    sa = draws[U.saStart] < (p.saProne && p.saFrom <= SIM_FIRST ? 0.75 : 0.15) ? 1 : 0;
    af = !p.afProne ? 0 : draws[U.af] < 0.25 ? 1 : draws[U.af] < 0.33 ? 2 : 0;
  }

  for (let k = 0; k < n; k++) {
    const t = SIM_FIRST + k;
    const d = (slot: number) => draws[k * K + slot];
    const dim = daysInMonth(t);
    const moy = t - Math.floor(t / 12) * 12 + 1;
    const age = ageAt(t);
    const treated = t >= treatStart;
    const e = treated ? t - treatStart : -1;
    const rw = treated ? workRamp(e) : 0;
    const rp = treated ? workPush(e) : 0;
    const rf = treated ? fastRamp(e) : 0;
    const rs = treated ? slowRamp(e) : 0;

    // Long-term reduced work capacity: sickness compensation (SE) or, under 30, activity
    // compensation (AE); from 19.
    let ltDays = 0;
    if (age >= 19) {
      if (lt) {
        // Activity compensation ends at 30; about half then get sickness compensation.
        const turns30 = age === 30 && moy === 1;
        if (d(U.longTerm) < (turns30 ? 0.85 : ltExit0)) lt = 0;
      } else if (d(U.longTerm) < ltEntryAt(age) + eff.longTermEntry * rf * ltHelp(age, sick)) {
        lt = 1;
        ltDeg = degreeOf(d(U.longTermDegree), [0.75, 0.05, 0.15, 0.05]);
        ltDays = dim - startDay(d(U.sickStartDay), dim) + 1;
      }
      if (lt && ltDays === 0) ltDays = dim;
    } else lt = 0;
    const ltFull = lt && ltDeg === 1;

    // Sickness benefit and rehabilitation (not alongside full-time compensation).
    let sickDays = 0;
    let rehabDays = 0;
    if (ltFull) {
      sick = 0;
      rehab = 0;
    } else if (rehab) {
      if (d(U.rehab) < 0.35) {
        rehab = 0;
        // The long-term ill mostly go back on sickness benefit after rehabilitation.
        sick = d(U.sick) < (p.sickChronic ? 0.8 : 0.3) ? 1 : 0;
      }
    } else if (sick) {
      if (d(U.rehab) < 0.006 * (1 + eff.rehabEntry * rf)) {
        rehab = 1;
        sick = 0;
      } else if (d(U.sick) < sickExit0 * (1 + eff.sickExit * rf)) sick = 0;
    } else if (d(U.sick) < sickEntry0 * (1 - eff.sickEntry * rf)) {
      sick = 1;
      sickDeg = degreeOf(d(U.sickDegree), [0.9, 0.02, 0.06, 0.02]);
      sickDays = dim - startDay(d(U.sickStartDay), dim) + 1;
    }
    if (sick && sickDays === 0) sickDays = dim;
    if (rehab) rehabDays = dim;
    const sickFull = (sick && sickDeg === 1) || rehab === 1;

    // Studies: spells start in January or August, breaks in July, exits at term ends.
    if (study) {
      // Full-time studies are programmes of a year or more; part-time courses are shorter.
      const exitP = studyPart ? (moy === 6 ? 0.45 : moy === 12 ? 0.35 : 0.02) : moy === 6 ? 0.15 : moy === 12 ? 0.05 : 0.005;
      if (d(U.study) < exitP) study = 0;
    } else if (!ltFull && !sickFull) {
      const ageFactor = age < 30 ? 2 : age < 45 ? 1 : 0.3;
      const seasonal = moy === 8 || moy === 1 ? 1 : 0.08;
      // Those on assistance are mostly directed to part-time courses (Swedish for
      // immigrants, adult education) and keep the assistance; others study full time.
      if (d(U.study) < studyBase * ageFactor * seasonal * (sa ? 2.5 : 0.4) * (1 + eff.studyEntry * rf)) {
        study = 1;
        studyPart = sa && d(U.studyPart) < 0.92 * (1 - eff.studyFullTime * rf) ? 1 : 0;
      }
    }
    // Study aid is paid for terms (not in July). Part-time students get a smaller aid and
    // may keep economic assistance; full-time students may not.
    const aided = study === 1 && moy !== 7;
    const studiesFullTime = aided && !studyPart;

    // Work.
    let workDays = 0;
    const blocked = ltFull || sickFull ? 0.12 : studiesFullTime ? 0.5 : 1;
    if (work) {
      const exitP = (marginal ? MARGINAL_EXIT : exitOf[work]) * workLoss(t) * (1 - eff.workExit * rp);
      if (d(U.work) < exitP) work = 0;
      else {
        workDays = dim;
        // The team helps some with marginal jobs to more hours.
        if (marginal && d(U.hoursUp) < eff.moreHours * rp) {
          marginal = 0;
          hours = p.fullHours;
        }
      }
    } else {
      const entryP = (workEntry0 * workCalendar(t) + eff.workEntry * rp) * blocked;
      if (d(U.work) < entryP) {
        const ut = d(U.workType);
        const qSub = Q_SUBSIDISED + eff.subsidised * rp;
        work = ut < qSub ? 2 : ut < qSub + Q_NEWSTART ? 3 : 1;
        const uh = d(U.hours);
        marginal = work === 1 && uh < p.marginalShare * (1 - eff.fewerMarginal * rp) ? 1 : 0;
        hours = marginal ? marginalHours(d(U.hoursUp)) : work === 1 ? p.fullHours : 1;
        workDays = dim - startDay(d(U.workStartDay), dim) + 1;
      }
    }
    if (work) {
      const partTime = (sick ? 1 - sickDeg : 1) * (lt ? 1 - ltDeg : 1);
      const level = p.wageLevel * hours * priceIndex(t, 0.03) * (work === 2 ? 0.85 : 1) * (1 + eff.wageLevel * rw);
      // Hourly pay varies from month to month; a monthly salary hardly does.
      const noise = Math.exp((marginal ? 0.35 : 0.05) * normalQuantile(d(U.wageNoise)));
      const amount = level * noise * (workDays / dim) * Math.max(partTime, 0.25);
      out.wage[k] = Math.max(100, Math.round(amount));
      if (work === 2) out.subsidisedDays[k] = workDays;
      if (work === 3) out.newstartDays[k] = workDays;
    }

    // Arbetsförmedlingen: openly unemployed or in a programme, when not in a regular job,
    // not studying full time and not on full-time benefit.
    const available = work === 0 && !studiesFullTime && !ltFull && !sickFull;
    if (!available) {
      af = 0;
    } else if (af === 1) {
      const u = d(U.af);
      if (u < 0.06 * (1 + eff.programmeEntry * rf)) af = 2;
      else if (u > 0.93) af = 0;
    } else if (af === 2) {
      const u = d(U.af);
      if (u < 0.15) af = 1;
      else if (u > 0.9) af = 0;
    } else {
      const u = d(U.af);
      if (u < unempEntry0) af = 1;
      else if (u < unempEntry0 + progEntry0 * (1 + eff.programmeEntry * rf)) af = 2;
    }
    if (af) {
      const days = workDays > 0 ? dim - workDays : dim;
      if (af === 1) out.unemployedDays[k] = days;
      else out.programmeDays[k] = days;
    }
    // Other job-seeker categories (part-time unemployed, other registered).
    const regDays = out.unemployedDays[k] + out.programmeDays[k] + out.subsidisedDays[k] + out.newstartDays[k];
    if (p.afProne && d(U.afOther) < (work === 1 ? 0.06 : 0.14) && regDays < dim) {
      out.otherRegisteredDays[k] = Math.min(dim - regDays, dim - startDay(d(U.afStartDay), dim) + 1);
    }
    if (af === 1 && p.uiEligible) {
      out.ui[k] = Math.round(11500 * priceIndex(t, 0.02) * Math.exp(0.05 * normalQuantile(d(U.uiNoise))) * (out.unemployedDays[k] / dim));
    }
    if (af === 2) {
      out.programmeAllowance[k] = Math.round(6800 * priceIndex(t, 0.02) * Math.exp(0.05 * normalQuantile(d(U.progNoise))) * (out.programmeDays[k] / dim));
    }

    // Benefits in kronor.
    if (sick) {
      out.sickGross[k] = sickDays;
      out.sickDegree[k] = sickDeg;
      const rate = p.sickRate * priceIndex(t, 0.02) * Math.exp(0.05 * normalQuantile(d(U.sickRateNoise)));
      out.sickKr[k] = Math.round(rate * sickDays * sickDeg);
    }
    if (rehab) {
      out.rehabGross[k] = rehabDays;
      out.rehabKr[k] = Math.round(p.sickRate * priceIndex(t, 0.02) * rehabDays);
    }
    if (lt) {
      out.ltGross[k] = ltDays;
      out.ltDegree[k] = ltDeg;
      out.ltIsActivity[k] = age < 30 ? 1 : 0;
      const rate = age < 30 ? 270 : 305;
      out.ltKr[k] = Math.round(rate * priceIndex(t, 0.02) * ltDays * ltDeg);
    }
    if (aided) out.studyAid[k] = Math.round((10500 + 300 * normalQuantile(d(U.studyNoise))) * (studyPart ? 0.2 : 1) * priceIndex(t, 0.02));
    if (age >= 62 && takesPension) out.pension[k] = Math.round(5200 * priceIndex(t, 0.02));

    // Parental benefit: mostly mothers of small children.
    const parentalP = p.children03 ? (p.woman ? 0.035 : 0.015) : p.childrenLt18 ? 0.004 : 0.0005;
    if (d(U.parental) < parentalP) {
      out.parentalDays[k] = 2 + Math.floor(d(U.parentalDays) * (dim - 2));
      out.parentalKr[k] = Math.round(250 * out.parentalDays[k]);
    }

    // Municipal labour-market measures, mainly for those on economic assistance.
    if (municipal) {
      if (d(U.municipal) < 0.25 || studiesFullTime || work) municipal = 0;
    } else if (sa && !work && !studiesFullTime && d(U.municipal) < 0.035 * (1 + eff.programmeEntry * rf)) municipal = 1;
    out.municipal[k] = municipal;

    // Economic assistance, the last resort: those in need (prone) apply when their other
    // income falls short and stay for long; others rarely apply. The household's need per
    // member minus the month's other income (means test on net income: wages count about
    // 60 % after tax and the earnings disregard, benefits 90 %). Full-time students are not eligible.
    const benefits = out.ui[k] + out.programmeAllowance[k] + out.sickKr[k] + out.rehabKr[k] + out.ltKr[k] + out.parentalKr[k] + out.pension[k] + out.studyAid[k];
    const counted = 0.6 * out.wage[k] + 0.9 * benefits;
    const need = p.saNeed * priceIndex(t, 0.02) * Math.exp(0.06 * normalQuantile(d(U.saNoise)));
    const short = counted < need && !studiesFullTime;
    const prone = p.saProne && t >= p.saFrom;
    if (sa) {
      if (d(U.sa) < (short ? saExitOf(prone) : 0.4) * (1 + eff.saExit * rs)) sa = 0;
    } else if (short && d(U.sa) < Math.min(1, saEntryOf(prone) * (1 - eff.saEntry * rs))) sa = 1;
    if (sa && !studiesFullTime) {
      const amount = need - counted;
      out.socialAssistance[k] = amount >= 100 ? Math.round(amount) : 0;
    }
  }
  return out;
}
