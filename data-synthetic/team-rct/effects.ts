/**
 * The true effects of meeting the team, as shifts of the monthly transition rates and
 * amounts of the untreated process (simulate.ts). They are calibrated so that the exact
 * estimands in truth.json land near R24's headline effects (Tables 1–9, Model 1), with
 * R24's dynamics and sex differences:
 * - work: nothing the first months, building up from month 3 to month 9 (R24: "först efter
 *   runt 5 månader"), flat to month 30, then fading; larger for women;
 * - social assistance: quick and mostly among men (R24 Table 5: men −702 kr, women −166 kr);
 * - sickness benefit: fewer days, somewhat more for women; slightly more rehabilitation and
 *   sickness/activity compensation (the team helps the long-term ill apply);
 * - studies: more study spells (men somewhat more); programme participation slightly up.
 */

export interface EffectSizes {
  /** Relative increase of the monthly job-finding rate at full effect. */
  workEntry: number;
  /** Relative decrease of the job-loss rate. */
  workExit: number;
  /** Relative increase of the wage among those working (hours, better jobs). */
  wageLevel: number;
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
  /** Relative increase of entering a programme at Arbetsförmedlingen / municipal measure. */
  programmeEntry: number;
}

export const EFFECTS: Record<'woman' | 'man', EffectSizes> = {
  woman: {
    workEntry: 1.6,
    workExit: 0.4,
    wageLevel: 0.35,
    subsidised: 0.15,
    saExit: -0.4,
    saEntry: -0.3,
    sickExit: 0.6,
    sickEntry: 0.3,
    rehabEntry: 2.0,
    longTermEntry: 5.0,
    studyEntry: 2.2,
    programmeEntry: 0.3,
  },
  man: {
    workEntry: 0.3,
    workExit: 0.15,
    wageLevel: 0.3,
    subsidised: 0.9,
    saExit: 4.5,
    saEntry: 0.4,
    sickExit: 0.35,
    sickEntry: 0.2,
    rehabEntry: 2.0,
    longTermEntry: 5.0,
    studyEntry: 2.2,
    programmeEntry: 0.3,
  },
};

/** Share of the full work effect e months after the first meeting (e = 0 is that month). */
export function workRamp(e: number): number {
  if (e < 2) return 0;
  if (e < 7) return (e - 1) / 6;
  if (e <= 30) return 1;
  return Math.max(0.6, 1 - ((e - 30) * 0.4) / 18);
}

/** Share of the full effect for benefits that react within months (assistance, sickness). */
export function fastRamp(e: number): number {
  if (e < 0) return 0;
  return Math.min(1, (e + 1) / 6);
}
