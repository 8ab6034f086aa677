/**
 * team-rct background: demographics in the year before referral (R24 Tables B1, B3, B5)
 * and the latent traits that drive the monthly outcomes.
 */
import { monthCode } from '../../src/data/panel';
import type { Rng } from '../../src/random/rng';
import { assignExactCounts, chooseExactly, clamp, exactCounts } from '../sampling';
import type { Participant } from './design';

export interface Person extends Participant {
  foreignBorn: boolean;
  /** At least one foreign-born parent (R24). */
  foreignBackground: boolean;
  /** Foreign born or both parents foreign born (Statistics Sweden, R23). */
  foreignBackgroundScb: boolean;
  education: 'primary_lt9' | 'primary_9' | 'upper_secondary' | 'post_secondary' | 'missing';
  marital: 'unmarried' | 'married' | 'divorced_widowed';
  household: 'cohabiting' | 'single';
  children03: boolean;
  children46: boolean;
  childrenLt18: boolean;
  afDays1992to2014: number;
  /** Latent employability (N(0,1), higher = closer to work). */
  emp: number;
  /** Latent ill health (N(0,1), higher = sicker). */
  ill: number;
  /** Prone to sickness-benefit spells (has SGI and recurrent illness). */
  sickProne: boolean;
  /** Long-term ill: sickness-benefit spells that last for years (a share of the prone). */
  sickChronic: boolean;
  /** Prone to economic assistance. */
  saProne: boolean;
  /** Month code from which the prone are in need (many came to need it in the years before
   *  referral: R24 B4's months with assistance since 2015 are fewer than the share at start
   *  suggests). */
  saFrom: number;
  /** Ever registers at Arbetsförmedlingen (R24 B4: 79 % did 2015 – first meeting). */
  afProne: boolean;
  /** Entitled to unemployment insurance when unemployed. */
  uiEligible: boolean;
  /** Yearly business income (mostly 0). */
  businessIncome: number;
  /** Partner's yearly disposable income (cohabiting only). */
  partnerIncome: number;
  /** Monthly wage level when working full time at 2019 prices. */
  wageLevel: number;
  /** Probability that a regular job is marginal (a few hours a week, often hourly paid). */
  marginalShare: number;
  /** Share of full time in the person's non-marginal regular jobs. */
  fullHours: number;
  /** Daily sickness-benefit rate (SGI based), kronor. */
  sickRate: number;
  /** Monthly economic-assistance need per household member, kronor. */
  saNeed: number;
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * R24 Tables B6 (women) and B7 (men), "all" column: the background shares in per cent
 * that drawBackground reproduces exactly (to the person) in each sex.
 */
export const R24_BACKGROUND_BY_SEX = {
  women: { foreignBorn: 41, foreignBackground: 53, education: [35, 39, 23, 3], marital: [18, 28, 53], cohabiting: 27, children03: 4, children46: 4, childrenLt18: 32 },
  men: { foreignBorn: 33, foreignBackground: 51, education: [38, 43, 18, 0.7], marital: [7, 15, 78], cohabiting: 20, children03: 1.8, children46: 3, childrenLt18: 14 },
} as const;

/** Practically excluded from a category (chooseExactly needs positive weights). */
const NEVER = 1e-9;

interface ExactBackground {
  foreignBorn: Uint8Array;
  foreignBackground: Uint8Array;
  /** 0 primary, 1 upper secondary, 2 post-secondary, 3 missing. */
  education: Int32Array;
  /** 0 married, 1 divorced/widowed, 2 unmarried. */
  marital: Int32Array;
  cohabiting: Uint8Array;
  children03: Uint8Array;
  children46: Uint8Array;
  childrenLt18: Uint8Array;
}

/**
 * The background categories R24 B6/B7 publish by sex, with exact counts per sex (as the
 * design's sex, arm and referral counts are): drawn independently per person they missed
 * the published shares by several standard errors at some seeds, which moved the small
 * cells disclosure control sees. Who gets a category is random, tilted by eligibility:
 * nobody under 20 has post-secondary education, nobody under 23 is married or divorced,
 * children at home only at ages 20–56 (0–3-year-olds up to 45, 4–6-year-olds up to 48),
 * and the married mostly live with their spouse.
 */
function exactBackground(rng: Rng, participants: readonly Participant[]): ExactBackground {
  const n = participants.length;
  const out: ExactBackground = {
    foreignBorn: new Uint8Array(n),
    foreignBackground: new Uint8Array(n),
    education: new Int32Array(n),
    marital: new Int32Array(n),
    cohabiting: new Uint8Array(n),
    children03: new Uint8Array(n),
    children46: new Uint8Array(n),
    childrenLt18: new Uint8Array(n),
  };
  for (const woman of [true, false]) {
    const t = R24_BACKGROUND_BY_SEX[woman ? 'women' : 'men'];
    const idx = participants.map((p, i) => (p.woman === woman ? i : -1)).filter((i) => i >= 0);
    const m = idx.length;
    const age = idx.map((i) => Math.floor(participants[i].consentMonth / 12) - participants[i].birthYear);
    const count = (share: number) => Math.round((share / 100) * m);
    const choose = (k: number, weight: (j: number) => number) => chooseExactly(rng, m, k, weight);
    const fb = choose(count(t.foreignBorn), () => 1);
    const fbg = choose(count(t.foreignBackground) - count(t.foreignBorn), (j) => (fb[j] ? NEVER : 1));
    // assignExactCounts fills categories in order, the last takes the rest: post-secondary
    // is chosen before upper secondary so the young can be excluded from it.
    const eduOrder = [2, 3, 1, 0]; // post-secondary, missing, upper secondary, primary
    const eduCounts = exactCounts(m, t.education);
    const eduDraw = assignExactCounts(rng, m, eduOrder.map((c) => eduCounts[c]), [(j) => (age[j] < 20 ? NEVER : 1), () => 1, () => 1]);
    const marital = assignExactCounts(rng, m, exactCounts(m, t.marital), [(j) => (age[j] < 23 ? NEVER : 1), (j) => (age[j] < 23 ? NEVER : 1)]);
    const cohab = choose(count(t.cohabiting), (j) => (marital[j] === 0 ? 25 : 1));
    const lt18 = choose(count(t.childrenLt18), (j) => (age[j] >= 20 && age[j] <= 56 ? 1 : NEVER));
    const c03 = choose(count(t.children03), (j) => (lt18[j] && age[j] <= 45 ? 1 : NEVER));
    const c46 = choose(count(t.children46), (j) => (lt18[j] && age[j] <= 48 ? 1 : NEVER));
    idx.forEach((i, j) => {
      out.foreignBorn[i] = fb[j];
      out.foreignBackground[i] = fb[j] || fbg[j] ? 1 : 0;
      out.education[i] = eduOrder[eduDraw[j]];
      out.marital[i] = marital[j];
      out.cohabiting[i] = cohab[j];
      out.childrenLt18[i] = lt18[j];
      out.children03[i] = c03[j] && lt18[j] ? 1 : 0;
      out.children46[i] = c46[j] && lt18[j] ? 1 : 0;
    });
  }
  return out;
}

/**
 * `rng` draws the background proper; `traits` the person traits added later (a separate
 * stream, so that adding one does not shift the background draws the survey also uses).
 */
export function drawBackground(rng: Rng, traits: Rng, participants: readonly Participant[]): Person[] {
  const exact = exactBackground(rng, participants);
  return participants.map((p, i) => {
    const w = p.woman;
    const age = Math.floor(p.consentMonth / 12) - p.birthYear;
    const foreignBorn = exact.foreignBorn[i] === 1;
    const foreignBackground = exact.foreignBackground[i] === 1;
    const foreignBackgroundScb = foreignBorn || (foreignBackground && rng.uniform() < 0.45);
    // The foreign born more often have less than 9 years of schooling.
    const lt9 = rng.uniform() < (foreignBorn ? 0.5 : 0.15);
    const education = (['primary', 'upper_secondary', 'post_secondary', 'missing'] as const)[exact.education[i]];
    const edu: Person['education'] = education === 'primary' ? (lt9 ? 'primary_lt9' : 'primary_9') : education;
    const marital = (['married', 'divorced_widowed', 'unmarried'] as const)[exact.marital[i]];
    const household: Person['household'] = exact.cohabiting[i] ? 'cohabiting' : 'single';
    const childrenLt18 = exact.childrenLt18[i] === 1;
    const children03 = exact.children03[i] === 1;
    const children46 = exact.children46[i] === 1;
    const emp = rng.normal();
    const ill = rng.normal();
    // Years of working age before 2015, and the share of them registered at Arbetsförmedlingen.
    const yearsBefore2015 = clamp(2015 - (p.birthYear + 18), 0, 23);
    const regShare = clamp(0.24 + 0.09 * rng.normal() - 0.05 * emp, 0, 0.9);
    const afDays1992to2014 = Math.round(yearsBefore2015 * 365 * regShare);
    // Women more often than men (R24 B6/B7: sickness benefit in the year before 27 % / 23 %).
    const sickProne = rng.uniform() < 1 / (1 + Math.exp(-((w ? -0.2 : -0.55) + 0.9 * ill)));
    // The long-term ill (a share of the sickness-prone) live on sickness benefit for years;
    // the others in need live on economic assistance unless a partner provides.
    const sickChronic = sickProne && traits.uniform() < 0.4;
    const saScore = 2.6 - (sickChronic ? 3.4 : sickProne ? 0.9 : 0) - 0.6 * emp + (foreignBorn ? 0.3 : 0) + (w ? -1.45 : -0.7) - (age < 21 ? 1.5 : 0) - (household === 'cohabiting' ? 1 : 0);
    const saProne = rng.uniform() < logistic(saScore);
    const saFrom = monthCode(2009, 1) + Math.floor(traits.uniform() * 126);
    return {
      ...p,
      foreignBorn,
      foreignBackground,
      foreignBackgroundScb,
      education: edu,
      marital,
      household,
      children03,
      children46,
      childrenLt18,
      afDays1992to2014,
      emp,
      ill,
      sickProne,
      sickChronic,
      saProne,
      saFrom,
      // More men than women ever register (R24 B6/B7: unemployed or in a programme 41 % / 48 %).
      afProne: rng.uniform() < (w ? 0.77 : 0.88),
      uiEligible: rng.uniform() < 0.08 + 0.03 * clamp(emp, -1, 2),
      businessIncome: rng.uniform() < 0.1 ? Math.round(55000 * Math.exp(0.6 * rng.normal())) : 0,
      partnerIncome: household === 'cohabiting' ? Math.round(230000 * Math.exp(0.35 * rng.normal())) : 0,
      wageLevel: 31000 * Math.exp(0.08 * emp + 0.12 * rng.normal()) * (w ? 0.95 : 1.05),
      sickRate: clamp(520 + 110 * rng.normal(), 250, 1000),
      saNeed: clamp(7000 + 1200 * rng.normal() + (household === 'single' ? 600 : -800), 3500, 14000),
      // Some look for (and keep) only a few hours' work, others for a real job: marginal
      // jobs are a person's pattern, not a draw per job.
      marginalShare: traits.uniform() < logistic(1.0 - 0.7 * emp) ? 0.95 : 0.5,
      fullHours: 0.8 + 0.2 * traits.uniform(),
    };
  });
}
