/**
 * The true effects of meeting the team, as shifts of the monthly transition rates and
 * amounts of the untreated process (simulate.ts). They are calibrated so that the exact
 * estimands in truth.json land near R24's headline effects (Tables 1–9, Model 1), with
 * R24's dynamics and sex differences:
 * - work: a push into jobs (and more hours for those in marginal jobs) from month 2, full
 *   in months 4–9; the jobs found stay, so the wage effect appears after about five months
 *   (R24: "först efter runt 5 månader") and then stays; larger for women; for men mostly
 *   subsidised jobs and better pay;
 * - social assistance: mostly among men, growing over the first year (R24 Table 5: men
 *   −702 kr, women −166 kr; Table B12: the average after the first meeting is twice the
 *   headline); the team also helps some women claim assistance they are entitled to;
 * - sickness benefit: shorter spells, somewhat more for women; slightly more rehabilitation
 *   and sickness/activity compensation (the team helps the long-term ill apply);
 * - studies: more study spells, more often full time (men somewhat more); programme
 *   participation slightly up.
 * A negative relative decrease (saExit, saEntry for women) is an increase.
 */

export interface EffectSizes {
  /** Added monthly job-finding probability at full effect (the team's job contacts reach
   *  also those who would hardly find a job on their own). */
  workEntry: number;
  /** Relative decrease of the job-loss rate while the push lasts. */
  workExit: number;
  /** Relative increase of the wage among those working (better paid jobs). */
  wageLevel: number;
  /** Monthly probability at full effect that a marginal job becomes a real one (more hours). */
  moreHours: number;
  /** Relative decrease of the probability that a new regular job is marginal. */
  fewerMarginal: number;
  /** Added probability that a new job is subsidised or a new-start job. */
  subsidised: number;
  /** Relative increase of the rate of leaving social assistance. */
  saExit: number;
  /** Relative decrease of the rate of entering social assistance. */
  saEntry: number;
  /** Relative increase of the rate of ending a sickness-benefit spell. */
  sickExit: number;
  /** Relative decrease of the rate of starting one. */
  sickEntry: number;
  /** Relative increase of the rate of moving from sickness benefit to rehabilitation. */
  rehabEntry: number;
  /** Scale of the added hazard of being granted sickness/activity compensation (simulate.ts). */
  longTermEntry: number;
  /** Relative increase of the rate of starting studies. */
  studyEntry: number;
  /** Relative decrease of the share of part-time studies among new study spells. */
  studyFullTime: number;
  /** Relative increase of entering a programme at Arbetsförmedlingen / municipal measure. */
  programmeEntry: number;
}

export const EFFECTS: Record<'woman' | 'man', EffectSizes> = {
  woman: {
    workEntry: 0.019,
    workExit: 0.4,
    wageLevel: 0,
    moreHours: 0.2,
    fewerMarginal: 0.7,
    subsidised: 0.5,
    saExit: -0.8,
    saEntry: -8,
    sickExit: 3.0,
    sickEntry: 0.3,
    rehabEntry: 2.0,
    longTermEntry: 5.0,
    studyEntry: 2.0,
    studyFullTime: 0.5,
    programmeEntry: 0.3,
  },
  man: {
    workEntry: 0.005,
    workExit: 0.15,
    wageLevel: 0.15,
    moreHours: 0.12,
    fewerMarginal: 0.3,
    subsidised: 0.9,
    saExit: 13,
    saEntry: 0.4,
    sickExit: 0.5,
    sickEntry: 0.2,
    rehabEntry: 2.0,
    longTermEntry: 5.0,
    studyEntry: 2.6,
    studyFullTime: 0.5,
    programmeEntry: 0.3,
  },
};

/**
 * Share of the team's push into work e months after the first meeting (e = 0 is that
 * month): job contacts and more hours from month 2, full from month 4 to month 9, then a
 * small remainder. Jobs found while it lasts stay (job spells are long), so the effect on
 * the stock of workers appears after about five months (R24: "först efter runt 5
 * månader") and then stays roughly level.
 */
export function workPush(e: number): number {
  if (e < 2) return 0;
  if (e < 4) return (e - 1) / 3;
  if (e <= 9) return 1;
  return Math.max(0.15, 1 - ((e - 9) * 0.85) / 4);
}

/** Share of the lasting work effects (pay, keeping the job): from month 2, full from month 6. */
export function workRamp(e: number): number {
  if (e < 2) return 0;
  return Math.min(1, (e - 1) / 5);
}

/**
 * Share of the full effect on leaving economic assistance: building up over the first year
 * (R24 Table B12: the average after the first meeting is more than twice the group-weighted
 * headline, so the effect grows with time since the first meeting).
 */
export function slowRamp(e: number): number {
  if (e < 0) return 0;
  return Math.min(1, (e + 1) / 12);
}

/** Share of the full effect for benefits that react within months (sickness, studies). */
export function fastRamp(e: number): number {
  if (e < 0) return 0;
  return Math.min(1, (e + 1) / 6);
}
