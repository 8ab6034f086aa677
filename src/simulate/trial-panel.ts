/**
 * A staggered trial like team-rct, for power calculations: every person starts at one of a
 * few start months (the last start group serves only as the not-yet-treated comparison), and
 * a monthly outcome such as wage income varies around a person level with autocorrelated
 * month-to-month noise:
 *
 *   y_it = mean + a_i + u_it + effect · h(t − g_i),   a_i ~ N(0, personSd²),
 *   u_it = arCoef · u_i,t−1 + e_it,  e_it ~ N(0, innovationSd²),  u stationary at the start,
 *   h(e) = 0 before the start, rising linearly to 1 over `rampMonths` months (h(e) = 1
 *   from e = rampMonths − 1 on; rampMonths = 0 or 1: the full effect from the first month).
 *
 * The effect is the same for everybody (no heterogeneity): power calculations need the
 * sampling noise of the estimator, which this model captures through the person-level
 * spread, the month-to-month spread and its persistence (noise-calibration.ts estimates
 * the three from data).
 */
import type { StaggeredInput } from '../estimate/prepare';
import type { Rng } from '../random/rng';

export interface TrialDesign {
  /** First treated period of each start group (period codes, ascending). */
  readonly groupStarts: readonly number[];
  /** Persons per start group. */
  readonly groupSizes: readonly number[];
  /** First and last period simulated (inclusive). */
  readonly firstPeriod: number;
  readonly lastPeriod: number;
}

export interface TrialNoise {
  readonly mean: number;
  /** SD of the person level a_i. */
  readonly personSd: number;
  /** AR(1) coefficient of the monthly deviations, in [0, 1). */
  readonly arCoef: number;
  /** SD of the monthly innovations e_it. */
  readonly innovationSd: number;
}

export interface TrialEffect {
  /** Full effect per month (outcome units, e.g. kr). */
  readonly size: number;
  /** Months until the full effect is reached (0 = at once). */
  readonly rampMonths: number;
}

export interface TrialPanel extends StaggeredInput {
  /** The coded start of each unit. */
  readonly unitStart: Float64Array;
}

/** Share of the full effect at event time e (0 before the start). */
export function effectProfile(e: number, rampMonths: number): number {
  if (e < 0) return 0;
  if (rampMonths <= 1) return 1;
  return Math.min(1, (e + 1) / rampMonths);
}

/**
 * The true average effect over event times 0 .. followUp − 1, i.e. what the dynamic
 * aggregation over that window estimates (the mean of the event-time effects).
 */
export function trueWindowEffect(effect: TrialEffect, followUp: number): number {
  if (!(Number.isInteger(followUp) && followUp >= 1)) throw new RangeError(`trueWindowEffect: followUp must be a whole number of months ≥ 1, got ${followUp}`);
  let s = 0;
  for (let e = 0; e < followUp; e++) s += effectProfile(e, effect.rampMonths);
  return (effect.size * s) / followUp;
}

export function checkTrialDesign(design: TrialDesign): void {
  const { groupStarts: starts, groupSizes: sizes } = design;
  if (starts.length < 2) throw new RangeError('trial design: at least two start groups are needed (the last one is the comparison)');
  if (sizes.length !== starts.length) throw new RangeError(`trial design: ${starts.length} start groups but ${sizes.length} group sizes`);
  for (let j = 0; j < starts.length; j++) {
    if (!Number.isInteger(starts[j])) throw new RangeError(`trial design: start ${j + 1} is ${starts[j]}, not a whole period`);
    if (j > 0 && !(starts[j] > starts[j - 1])) throw new RangeError(`trial design: starts must increase (group ${j + 1}: ${starts[j]} after ${starts[j - 1]})`);
    if (!(Number.isInteger(sizes[j]) && sizes[j] >= 1)) throw new RangeError(`trial design: group ${j + 1} has size ${sizes[j]}`);
  }
  if (!(design.firstPeriod < starts[0])) throw new RangeError(`trial design: the first period (${design.firstPeriod}) must come before the first start (${starts[0]})`);
  if (!(design.lastPeriod >= starts[starts.length - 1] - 1)) throw new RangeError(`trial design: the last period (${design.lastPeriod}) ends before the last group could serve as comparison`);
}

/** One simulated trial, as the engine's typed input (group = coded start of each person). */
export function simulateTrial(rng: Rng, design: TrialDesign, noise: TrialNoise, effect: TrialEffect): TrialPanel {
  checkTrialDesign(design);
  if (!(noise.arCoef >= 0 && noise.arCoef < 1)) throw new RangeError(`simulateTrial: arCoef must be in [0, 1), got ${noise.arCoef}`);
  if (!(noise.personSd >= 0 && noise.innovationSd >= 0)) throw new RangeError('simulateTrial: SDs must be non-negative');
  const nT = design.lastPeriod - design.firstPeriod + 1;
  const nU = design.groupSizes.reduce((s, v) => s + v, 0);
  const y = new Float64Array(nU * nT);
  const rowUnit = new Int32Array(nU * nT);
  const rowTime = new Float64Array(nU * nT);
  const unitId = new Float64Array(nU);
  const unitStart = new Float64Array(nU);
  const stationarySd = noise.innovationSd / Math.sqrt(1 - noise.arCoef * noise.arCoef);
  // Effect by event time, computed once.
  const profile = new Float64Array(nT + 1);
  for (let e = 0; e <= nT; e++) profile[e] = effect.size * effectProfile(e, effect.rampMonths);
  let u = 0;
  for (let j = 0; j < design.groupStarts.length; j++) {
    const g = design.groupStarts[j];
    for (let m = 0; m < design.groupSizes[j]; m++, u++) {
      unitId[u] = u + 1;
      unitStart[u] = g;
      const level = noise.mean + rng.normal(0, noise.personSd);
      let dev = rng.normal(0, stationarySd);
      for (let t = 0; t < nT; t++) {
        if (t > 0) dev = noise.arCoef * dev + rng.normal(0, noise.innovationSd);
        const period = design.firstPeriod + t;
        const r = u * nT + t;
        rowUnit[r] = u;
        rowTime[r] = period;
        y[r] = level + dev + (period >= g ? profile[period - g] : 0);
      }
    }
  }
  return { nUnits: nU, unitId, rowUnit, rowTime, y, group: { unit: unitStart }, unitStart };
}
