/**
 * Every number the Malmökraften generator is calibrated with, in one place.
 *
 * `PUBLISHED` holds the R23 figures the synthetic data aim at (appendix 2, Tables B5–B17);
 * the other constants are the generator's own choices, tuned by `calibrate.ts` so that the
 * data land near the published levels. Nothing here is read by the estimators.
 */
import { monthCode } from '../../src/data/panel';

export const N_TREATED = 2667;
export const N_CONTROL = 9373;
export const N_UNITS = N_TREATED + N_CONTROL;

/** Participants per start group G1..G5 (sum 2,667); G3 is deliberately small (R23 reports "a"). */
export const GROUP_SIZES = [1000, 800, 150, 420, 297] as const;

/** Share of each group's participants by first-meeting month, in the group's month order. */
export const FIRST_MEETING_SHARES: readonly (readonly number[])[] = [
  [0.3, 0.4, 0.3],
  [1],
  [0.4, 0.35, 0.25],
  [1 / 3, 1 / 3, 1 / 3],
  [0.55, 0.45],
];

/** Index of Jan 2018 in the monthly panel (t = 0 is Jan 2013). */
export const T_JAN2018 = monthCode(2018, 1) - monthCode(2013, 1);
/** Index of Oct 2017, the measurement point of Tables B5–B10. */
export const T_OCT2017 = monthCode(2017, 10) - monthCode(2013, 1);

/** Published R23 figures the data are calibrated to (T = Malmökraften participants, C = control group). */
export const PUBLISHED = {
  // Table B5 (October 2017)
  woman: { C: 0.41, T: 0.42 },
  age: { C: 40.5, T: 43.3 },
  bornSweden: { C: 0.31, T: 0.19 },
  bornEurope: { C: 0.19, T: 0.16 },
  bornOutsideEurope: { C: 0.5, T: 0.65 },
  eduLt9: { C: 0.12, T: 0.18 },
  edu9: { C: 0.16, T: 0.15 },
  eduUpperSecondary: { C: 0.43, T: 0.38 },
  eduPostSecondary: { C: 0.28, T: 0.28 },
  children03: { C: 0.13, T: 0.16 },
  children46: { C: 0.12, T: 0.15 },
  children710: { C: 0.14, T: 0.19 },
  cohabiting: { C: 0.49, T: 0.51 },
  // Table B6 (October 2017, kr per month)
  disposableIncomeMonth: { C: 11697, T: 11501 },
  socialAssistanceShare: { C: 0.17, T: 0.33 },
  saFamilyIfPositive: { C: 8731, T: 9625 },
  saIndividualIfPositive: { C: 4565, T: 4555 },
  wageOct2017: { C: 3455, T: 1792.5 },
  wageIfPositive: { C: 11090, T: 9960 },
  shareProgramme2017: { C: 0.36, T: 0.39 },
  shareSocialAssistance2017: { C: 0.21, T: 0.33 },
  shareEarned2017: { C: 0.22, T: 0.12 },
  shareUnemployment2017: { C: 0.13, T: 0.09 },
  // Table B7 (15 Apr 2018 column)
  afDays20180415: { C: 1012, T: 1446 },
  jobDays20180415: { C: 179, T: 274 },
  job450_20180415: { C: 0.15, T: 0.26 },
  inJob20180415: { C: 0.59, T: 0.77 },
  establishment: { C: 0.18, T: 0.28 },
  disability: { C: 0.24, T: 0.24 },
  // Tables B8–B10 (October 2017)
  sicknessSpellOct2017: { C: 0.015, T: 0.009 },
  n06aOct2017: { C: 0.054, T: 0.049 },
  n05bOct2017: { C: 0.014, T: 0.013 },
  n05cOct2017: { C: 0.028, T: 0.023 },
  outpatientOct2017: { C: 0.005, T: 0.003 },
  // Tables B12–B17: means on 1 Jan 2018
  jan2018: {
    subsidised_employment: { C: 0.034, T: 0.026 },
    new_start_job: { C: 0.03, T: 0.01 },
    unemployed_or_programme: { C: 0.322, T: 0.295 },
    wage_kr: { C: 3648, T: 1676 },
    social_assistance: { C: 0.16, T: 0.31 },
    psych_medication: { C: 0.079, T: 0.075 },
    share_programme: { C: 0.38, T: 0.46 },
    share_unemployment: { C: 0.102, T: 0.057 },
    share_studies: { C: 0.018, T: 0.01 },
  },
  /** Column (1) effects: overall, then G1..G5 (G3 from column (4) where column (1) has "a"). */
  effects: {
    subsidised_employment: { overall: 0.032, groups: [0.018, 0.032, 0.036, 0.05, 0.055] },
    new_start_job: { overall: 0.028, groups: [0.01, 0.036, 0.043, 0.044, 0.047] },
    unemployed_or_programme: { overall: 0.052, groups: [0.078, 0.032, 0.059, -0.021, 0.044] },
    wage_kr: { overall: 1015.1, groups: [120.9, 1251.7, 254.6, 1890.8, 2288.0] },
    social_assistance: { overall: -0.059, groups: [-0.071, -0.037, -0.038, -0.045, -0.095] },
    psych_medication: { overall: 0.0033, groups: [0.0032, 0.0033, -0.0004, 0.0077, 0.004] },
    share_programme: { overall: -0.077, groups: [-0.104, -0.089, -0.053, -0.018, -0.066] },
    share_unemployment: { overall: 0.009, groups: [0.025, 0, 0.028, -0.004, -0.026] },
    share_studies: { overall: -0.003, groups: [-0.004, -0.005, -0.005, -0.012, -0.007] },
  },
  /** Column (2) (no selection adjustment), overall. */
  unadjusted: {
    subsidised_employment: 0.071,
    new_start_job: 0.047,
    unemployed_or_programme: 0.129,
    wage_kr: 1137.6,
    social_assistance: -0.087,
  },
} as const;

/**
 * Selection into treatment: log-odds of being drawn from a list, by quota variable. The
 * quotas over-sample social assistance, the establishment programme and long JOB spells;
 * sex and disability were already near their quota in the JOB population.
 */
export const SELECTION_LOGIT = {
  woman: 0.1,
  establishment: 0.45,
  disability: 0,
  social_assistance_list: 1.9,
  job450_list: 0.7,
} as const;

/** Probability that a control's list is G1..G5 (the first list the person was eligible for). */
export const CONTROL_LIST_PROBS = [0.24, 0.2, 0.18, 0.22, 0.16] as const;

/**
 * Untreated trends by quota variable: change per year since January 2018 (for at most four
 * years) in the probability of each monthly state. They make the quota groups drift apart
 * after 2018 (new arrivals and social-assistance recipients moving into work and back to
 * Arbetsförmedlingen), so an unadjusted comparison is biased upwards for work and
 * registration and downwards for social assistance, while trends are parallel given the
 * quota variables.
 */
export const QUOTA_TRENDS = {
  subsidised: { social_assistance_list: 0.006, establishment: 0.01, job450_list: 0.008 },
  newStart: { social_assistance_list: 0.006, establishment: 0.006, job450_list: 0.005 },
  regular: { social_assistance_list: 0.035, establishment: 0.04, job450_list: 0.035 },
  unemployed: { social_assistance_list: -0.02, establishment: -0.01, job450_list: -0.015 },
  socialAssistance: { social_assistance_list: -0.08, establishment: 0, job450_list: 0 },
} as const;
/** Years the quota trends run (from Jan 2018). */
export const TREND_YEARS_MAX = 4;
