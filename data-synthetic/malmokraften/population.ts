/**
 * The Malmökraften population: background traits, the draw from the lists under the quotas,
 * start groups, first meetings, and each person's JOB spell with the measures R23 Tables B7
 * and B11 take from it.
 *
 * Treatment depends on the five quota variables only (a logit in them, with the exact
 * number 2,667 reached by rejective sampling), and the start group is assigned at random
 * among the treated. So P(group g | X, g or never) is a logit in the quota variables with
 * group-specific intercepts: the propensity score on the quota variables is the true one.
 */
import { Rng } from '../../src/random/rng';
import { daysSince2013, START_GROUPS } from '../../src/data/schemas/malmokraften';
import {
  CONTROL_LIST_PROBS,
  FIRST_MEETING_SHARES,
  GROUP_SIZES,
  N_TREATED,
  N_UNITS,
  SELECTION_LOGIT,
} from './params';

export const REGION = { sweden: 0, europe: 1, outside: 2 } as const;
/** Education codes = index in MALMO_EDUCATION_LEVELS; -1 = absent from LISA. */
export const EDU = { lt9: 0, nine: 1, upper: 2, post: 3, unknown: 4, none: 5 } as const;

export interface Population {
  n: number;
  treated: Uint8Array;
  /** Start group 0..4, -1 for controls. */
  group: Int8Array;
  /** First-meeting month code, NaN for controls. */
  firstMeeting: Float64Array;
  /** List group 0..4 (own group for participants). */
  listGroup: Int8Array;
  jobCentre: Int8Array;
  woman: Uint8Array;
  establishment: Uint8Array;
  disability: Uint8Array;
  saList: Uint8Array;
  job450List: Uint8Array;
  age: Int32Array;
  region: Int8Array;
  /** -1 = absent from LISA (empty cell). */
  education: Int8Array;
  children03: Int8Array;
  children46: Int8Array;
  children710: Int8Array;
  /** 0 = cohabiting, 1 = single, -1 = unknown. */
  household: Int8Array;
  householdSize: Int32Array;
  /** pools[k][i]: in JOB during list k's control window. */
  pools: Uint8Array[];
  /** afDays[k][i], jobDays[k][i] at reference date k. */
  afDays: Int32Array[];
  jobDays: Int32Array[];
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** A normal draw truncated to [lo, hi] by redrawing. */
function truncNormal(rng: Rng, mean: number, sd: number, lo: number, hi: number): number {
  for (;;) {
    const x = rng.normal(mean, sd);
    if (x >= lo && x <= hi) return x;
  }
}

const exponential = (rng: Rng, mean: number) => -mean * Math.log(1 - rng.uniform());

/** Education by region and establishment-programme history (R23 Table B5 shares). */
function educationWeights(region: number, estab: number): number[] {
  if (region === REGION.sweden) return [0.05, 0.22, 0.5, 0.22, 0.008, 0.002];
  if (region === REGION.europe) return [0.09, 0.15, 0.44, 0.3, 0.015, 0.005];
  return estab ? [0.32, 0.13, 0.28, 0.245, 0.02, 0.005] : [0.16, 0.14, 0.37, 0.31, 0.015, 0.005];
}

function drawTraits(rng: Rng, p: Population, i: number): void {
  const u = rng.uniform();
  const region = u < 0.29 ? REGION.sweden : u < 0.475 ? REGION.europe : REGION.outside;
  const estab = region === REGION.outside ? rng.bernoulli(0.37) : region === REGION.europe ? rng.bernoulli(0.05) : 0;
  p.region[i] = region;
  p.establishment[i] = estab;
  p.woman[i] = rng.bernoulli(estab ? 0.38 : 0.415);
  const age = Math.floor(truncNormal(rng, 41.5 - 2 * estab + (region === REGION.sweden ? -1.5 : 0), 10.5, 20, 64.99));
  p.age[i] = age;
  const inLisa = rng.uniform() >= 0.0012;
  p.education[i] = inLisa ? rng.categorical(educationWeights(region, estab)) : -1;
  const cohabProb = 0.34 + 0.2 * estab + (region === REGION.outside ? 0.08 : 0) + (age >= 30 && age < 55 ? 0.08 : 0);
  const cohab = rng.bernoulli(cohabProb);
  p.household[i] = rng.uniform() < 0.011 || !inLisa ? -1 : cohab ? 0 : 1;
  // Children at home: young children mostly with a partner and below 45.
  const fert = (cohab ? 1 : 0.35) * (1 + 0.5 * estab + (region === REGION.outside ? 0.3 : 0));
  const c03 = rng.bernoulli(Math.min(0.9, fert * (age < 35 ? 0.28 : age < 42 ? 0.2 : age < 50 ? 0.05 : 0.01)));
  const c46 = rng.bernoulli(Math.min(0.9, fert * (age < 30 ? 0.12 : age < 45 ? 0.2 : age < 52 ? 0.06 : 0.01)));
  const c710 = rng.bernoulli(Math.min(0.9, fert * (age < 30 ? 0.05 : age < 48 ? 0.24 : age < 55 ? 0.1 : 0.02)));
  p.children03[i] = inLisa ? c03 : -1;
  p.children46[i] = inLisa ? c46 : -1;
  p.children710[i] = inLisa ? c710 : -1;
  const older = age >= 35 && age < 62 ? (rng.uniform() < 0.3 * fert ? 1 + rng.bernoulli(0.35) : 0) : 0;
  p.householdSize[i] = 1 + cohab + c03 + c46 + c710 + older + (c03 + c46 + c710 > 0 ? rng.bernoulli(0.25 * fert) : 0);
  p.disability[i] = rng.bernoulli(Math.min(0.9, Math.max(0.02, 0.22 + (region === REGION.sweden ? 0.12 : 0) - 0.06 * estab + 0.004 * (age - 41))));
  const edu = p.education[i];
  const anyChild = c03 + c46 + c710 > 0 ? 1 : 0;
  const saLogit =
    -2.75 + 1.3 * (region === REGION.outside ? 1 : 0) + 0.4 * (region === REGION.europe ? 1 : 0) + 0.5 * estab + 0.5 * (1 - cohab) + 0.5 * (edu === EDU.lt9 ? 1 : 0) - 0.3 * (edu === EDU.post ? 1 : 0) + 0.6 * anyChild + 0.05 * (age - 41);
  p.saList[i] = rng.bernoulli(logistic(saLogit));
  const jobLogit = -1.45 + 0.09 * (age - 41) + 0.35 * p.disability[i] + 0.35 * p.saList[i] - 0.25 * estab;
  p.job450List[i] = rng.bernoulli(logistic(jobLogit));
  p.jobCentre[i] = rng.categorical([0.38, 0.34, 0.28]);
}

/** Log-odds of selection without intercept. */
function selectionIndex(p: Population, i: number): number {
  const b = SELECTION_LOGIT;
  return (
    b.woman * p.woman[i] + b.establishment * p.establishment[i] + b.disability * p.disability[i] + b.social_assistance_list * p.saList[i] + b.job450_list * p.job450List[i]
  );
}

/**
 * Rejective Poisson sampling: independent draws with probability logistic(a + index),
 * `a` set so the expected count is N_TREATED, repeated until the count is exactly
 * N_TREATED. Inclusion probabilities stay (to O(1/n)) the logit ones.
 */
function drawTreated(rng: Rng, p: Population): void {
  const idx = new Float64Array(p.n);
  for (let i = 0; i < p.n; i++) idx[i] = selectionIndex(p, i);
  let lo = -10;
  let hi = 5;
  for (let it = 0; it < 80; it++) {
    const mid = (lo + hi) / 2;
    let s = 0;
    for (let i = 0; i < p.n; i++) s += logistic(mid + idx[i]);
    if (s < N_TREATED) lo = mid;
    else hi = mid;
  }
  const prob = new Float64Array(p.n);
  for (let i = 0; i < p.n; i++) prob[i] = logistic((lo + hi) / 2 + idx[i]);
  for (let attempt = 0; attempt < 100_000; attempt++) {
    let count = 0;
    for (let i = 0; i < p.n; i++) count += p.treated[i] = rng.uniform() < prob[i] ? 1 : 0;
    if (count === N_TREATED) return;
  }
  throw new Error('drawTreated: rejective sampling did not reach the exact count');
}

/** Random start groups of exact sizes among the treated; first-meeting months within each group. */
function assignGroups(rng: Rng, p: Population): void {
  const treated: number[] = [];
  for (let i = 0; i < p.n; i++) {
    p.group[i] = -1;
    p.firstMeeting[i] = NaN;
    if (p.treated[i]) treated.push(i);
  }
  rng.shuffle(treated);
  let at = 0;
  for (let g = 0; g < GROUP_SIZES.length; g++) {
    const spec = START_GROUPS[g];
    for (let j = 0; j < GROUP_SIZES[g]; j++) {
      const i = treated[at++];
      p.group[i] = g;
      p.firstMeeting[i] = spec.firstMonth + rng.categorical(FIRST_MEETING_SHARES[g]);
    }
  }
  for (let i = 0; i < p.n; i++) p.listGroup[i] = p.treated[i] ? p.group[i] : rng.categorical(CONTROL_LIST_PROBS);
}

/** Day (since 2013-01-01) after the last day of a month. */
function dayAfterMonth(code: number): number {
  const y = Math.floor((code + 1) / 12);
  const m = (code + 1) % 12;
  return Math.round((Date.UTC(y, m, 1) - Date.UTC(2013, 0, 1)) / 86_400_000);
}

function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/**
 * The JOB spell [entry, exit) in days since 2013-01-01: the person is in JOB on the list's
 * reference date and through its control window, with at least 450 days by then exactly
 * when job450List = 1; participants stay until after their first meeting. Registration at
 * Arbetsförmedlingen covers the spell, the 14+ months before it, and possibly an earlier
 * episode.
 */
const estabOf = (p: Population, i: number) => p.establishment[i];

function drawSpells(rng: Rng, p: Population): void {
  const ref = START_GROUPS.map((g) => daysSince2013(g.referenceDate));
  const ws = START_GROUPS.map((g) => daysSince2013(g.controlWindow[0]));
  const we = START_GROUPS.map((g) => daysSince2013(g.controlWindow[1]));
  for (let i = 0; i < p.n; i++) {
    const L = p.listGroup[i];
    let d0: number;
    if (p.job450List[i]) d0 = Math.min(ref[L], 450 + Math.floor(exponential(rng, 380)));
    else {
      const lo = Math.max(1, ref[L] - ws[L]);
      d0 = lo + Math.floor(rng.uniform() * (450 - lo));
    }
    const entry = ref[L] - d0;
    let exit = Math.max(ref[L], we[L]) + 1 + Math.floor(exponential(rng, 380));
    if (p.treated[i]) exit = Math.max(exit, dayAfterMonth(p.firstMeeting[i]) + Math.floor(exponential(rng, 60)));
    const pre = 300 + Math.floor(exponential(rng, 280 + 750 * p.saList[i] + 650 * p.job450List[i] + 450 * estabOf(p, i)));
    const preStart = Math.max(0, entry - pre);
    let epStart = 0;
    let epEnd = 0;
    if (rng.uniform() < 0.55) {
      epEnd = preStart - Math.floor(exponential(rng, 250));
      epStart = epEnd - Math.floor(exponential(rng, 260));
      epStart = Math.max(0, epStart);
      epEnd = Math.max(0, epEnd);
    }
    for (let k = 0; k < START_GROUPS.length; k++) {
      const r = ref[k];
      const inJob = entry <= r && r < exit;
      p.jobDays[k][i] = inJob ? r - entry : 0;
      p.afDays[k][i] = overlap(preStart, exit, 0, r) + overlap(epStart, epEnd, 0, r);
      p.pools[k][i] = entry <= we[k] && exit > ws[k] ? 1 : 0;
    }
  }
}

export function drawPopulation(seed: number): Population {
  const n = N_UNITS;
  const k = START_GROUPS.length;
  const p: Population = {
    n,
    treated: new Uint8Array(n),
    group: new Int8Array(n),
    firstMeeting: new Float64Array(n),
    listGroup: new Int8Array(n),
    jobCentre: new Int8Array(n),
    woman: new Uint8Array(n),
    establishment: new Uint8Array(n),
    disability: new Uint8Array(n),
    saList: new Uint8Array(n),
    job450List: new Uint8Array(n),
    age: new Int32Array(n),
    region: new Int8Array(n),
    education: new Int8Array(n),
    children03: new Int8Array(n),
    children46: new Int8Array(n),
    children710: new Int8Array(n),
    household: new Int8Array(n),
    householdSize: new Int32Array(n),
    pools: Array.from({ length: k }, () => new Uint8Array(n)),
    afDays: Array.from({ length: k }, () => new Int32Array(n)),
    jobDays: Array.from({ length: k }, () => new Int32Array(n)),
  };
  const rng = new Rng(seed);
  for (let i = 0; i < n; i++) drawTraits(rng, p, i);
  drawTreated(rng, p);
  assignGroups(rng, p);
  drawSpells(rng, p);
  return p;
}
