/**
 * team-rct background: demographics in the year before referral (R24 Tables B1, B3, B5)
 * and the latent traits that drive the monthly outcomes.
 */
import { monthCode } from '../../src/data/panel';
import type { Rng } from '../../src/random/rng';
import { clamp } from '../sampling';
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

function pick<T>(rng: Rng, items: readonly T[], weights: readonly number[]): T {
  return items[rng.categorical(weights)];
}

/**
 * `rng` draws the background proper; `traits` the person traits added later (a separate
 * stream, so that adding one does not shift the background draws the survey also uses).
 */
export function drawBackground(rng: Rng, traits: Rng, participants: readonly Participant[]): Person[] {
  return participants.map((p) => {
    const w = p.woman;
    const age = Math.floor(p.consentMonth / 12) - p.birthYear;
    const foreignBorn = rng.uniform() < (w ? 0.41 : 0.33);
    const foreignBackground = foreignBorn || rng.uniform() < (w ? 0.19 : 0.27);
    const foreignBackgroundScb = foreignBorn || (foreignBackground && rng.uniform() < 0.45);
    // Education (R24 B5 by sex); the foreign born more often have less than 9 years.
    let education = pick(rng, ['primary', 'upper_secondary', 'post_secondary', 'missing'] as const, w ? [0.35, 0.39, 0.23, 0.03] : [0.38, 0.43, 0.18, 0.01]);
    if (age < 20 && education === 'post_secondary') education = 'upper_secondary';
    const edu: Person['education'] =
      education === 'primary' ? (rng.uniform() < (foreignBorn ? 0.5 : 0.15) ? 'primary_lt9' : 'primary_9') : education;
    // Marital status (R24 B5): the young are unmarried.
    let marital = pick(rng, ['unmarried', 'married', 'divorced_widowed'] as const, w ? [0.53, 0.18, 0.29] : [0.78, 0.07, 0.15]);
    if (age < 23) marital = 'unmarried';
    const household: Person['household'] = rng.uniform() < (marital === 'married' ? 0.8 : w ? 0.16 : 0.15) ? 'cohabiting' : 'single';
    const parentAge = age >= 20 && age <= 56;
    const childrenLt18 = parentAge && rng.uniform() < (w ? 0.37 : 0.17);
    const children03 = childrenLt18 && age <= 45 && rng.uniform() < (w ? 0.15 : 0.17);
    const children46 = childrenLt18 && age <= 48 && rng.uniform() < (w ? 0.15 : 0.2);
    const emp = rng.normal();
    const ill = rng.normal();
    // Years of working age before 2015, and the share of them registered at Arbetsförmedlingen.
    const yearsBefore2015 = clamp(2015 - (p.birthYear + 18), 0, 23);
    const regShare = clamp(0.24 + 0.09 * rng.normal() - 0.05 * emp, 0, 0.9);
    const afDays1992to2014 = Math.round(yearsBefore2015 * 365 * regShare);
    const sickProne = rng.uniform() < 1 / (1 + Math.exp(-(-0.55 + 0.9 * ill)));
    // The long-term ill (a share of the sickness-prone) live on sickness benefit for years;
    // the others in need live on economic assistance unless a partner provides.
    const sickChronic = sickProne && traits.uniform() < 0.4;
    const saScore = 2.6 - (sickChronic ? 3.4 : sickProne ? 0.9 : 0) - 0.6 * emp + (foreignBorn ? 0.3 : 0) + (w ? -0.2 : 0.25) - (age < 21 ? 1.5 : 0) - (household === 'cohabiting' ? 1 : 0);
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
      afProne: rng.uniform() < 0.76,
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
