/**
 * The method chapter's staggered example (notebooks/06-method.ipynb, its `EXAMPLE`
 * parameter block) as a design: start groups with their shares, an effect that starts at
 * `effectAtStart` and grows by `growth[q]` per period in group q, optional anticipation.
 * Built here (not in the notebook) so the chapter, its lean variant and the tests build the
 * same design, and so a learner's edit that does not fit (three growth rates for four start
 * groups) fails with a sentence naming the parameter instead of deep inside an estimator.
 */
import { DesignError, validateDesign, type StaggeredDesign } from './staggered';

export interface ExampleParameters {
  units: number;
  periods: number;
  /** First treated period of each start group, ascending. */
  starts: readonly number[];
  /** Share of units per start group, then the never treated (sums to 1). */
  shares: readonly number[];
  /** Effect in the first treated period: one number for all groups, or one per start group. */
  effectAtStart: number | readonly number[];
  /** Growth of the effect per period since the start, one per start group. */
  growth: readonly number[];
  noiseSd: number;
  individualEffectSd: number;
  /** Slope of the x2-specific trend; shares do not depend on x2 here, so it does not confound. Default 0. */
  trendX2?: number;
  /** Outcome shift in the periods just before the start. Default none. */
  anticipation?: { periods: number; effect: number };
}

export function exampleDesign(p: ExampleParameters): StaggeredDesign {
  if (!Array.isArray(p.starts) || !Array.isArray(p.growth)) throw new DesignError('starts and growth must be lists');
  if (p.growth.length !== p.starts.length)
    throw new DesignError(`growth must have one rate per start group: ${p.starts.length} starts (${p.starts.join(', ')}) but ${p.growth.length} growth rates`);
  p.growth.forEach((v, q) => {
    if (!Number.isFinite(v)) throw new DesignError(`growth[${q}] must be a number, got ${v}`);
  });
  const atStart = typeof p.effectAtStart === 'number' ? p.starts.map(() => p.effectAtStart as number) : [...p.effectAtStart];
  if (atStart.length !== p.starts.length) throw new DesignError(`effectAtStart must be one number or one per start group: ${p.starts.length} starts but ${atStart.length} effects`);
  atStart.forEach((v, q) => {
    if (!Number.isFinite(v)) throw new DesignError(`effectAtStart${typeof p.effectAtStart === 'number' ? '' : `[${q}]`} must be a number, got ${v}`);
  });
  const starts = [...p.starts];
  const growth = [...p.growth];
  const design: StaggeredDesign = {
    units: p.units,
    periods: p.periods,
    groups: starts,
    sharesX0: p.shares,
    sharesX1: p.shares, // the same shares whatever x2: no confounding in the example
    effect: (g, t) => atStart[starts.indexOf(g)] + growth[starts.indexOf(g)] * (t - g),
    trendX2: p.trendX2 ?? 0,
    noiseSd: p.noiseSd,
    hetSd: p.individualEffectSd,
    anticipation: p.anticipation,
  };
  validateDesign(design);
  return design;
}

/** Whether the example has never-treated units in its design (then CS compares with them by default). */
export const hasNeverTreated = (p: ExampleParameters): boolean => p.shares[p.shares.length - 1] > 0;
