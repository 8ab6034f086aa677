/**
 * Rambachan & Roth (2023) sensitivity of an event-study effect to violations of parallel
 * trends: the original interval, relative magnitudes Delta^RM(Mbar) by C-LF, smoothness
 * Delta^SD(M) by FLCI, and the breakdown values. See README.md in this folder.
 */
import { FlciFrontier } from './flci';
import { honestInputs, inputsFromArrays, targetWeights, SensitivityInputError, type HonestInputs } from './inputs';
import { originalInterval } from './original';
import { rmConfidenceSet, type RmOptions } from './rm';
import { rmBreakdown, sdBreakdown } from './breakdown';
import { loadSolver } from './solver';

export { honestInputs, inputsFromArrays, targetWeights, SensitivityInputError, loadSolver, originalInterval, rmConfidenceSet, FlciFrontier };
export type { HonestInputs, RmOptions };
export { flciIntervals } from './flci';
export { rmAccepts } from './rm';
export { rmBreakdown, sdBreakdown } from './breakdown';

/** HonestDiD's customary grids. */
export const DEFAULT_MBAR = [0, 0.5, 1, 1.5, 2] as const;

export interface SensitivityOptions {
  /** One post event time, or the plain average over the post periods. */
  readonly target: { readonly e: number } | 'average';
  /** Mbar values for relative magnitudes (omit or null: not computed). */
  readonly mbar?: readonly number[] | null;
  /** M values for smoothness (omit or null: not computed). */
  readonly m?: readonly number[] | null;
  readonly alpha?: number;
  /** Compute the breakdown values (default true). */
  readonly breakdown?: boolean;
  /** C-LF grid, draws and seed (see RmOptions). */
  readonly rm?: RmOptions;
}

export interface Bounds {
  readonly lb: number | null;
  readonly ub: number | null;
}

export interface SensitivityResult {
  /** The target: an event time, or "average" (mean over the post periods). */
  readonly e: number | 'average';
  readonly original: Bounds & { readonly estimate: number; readonly se: number };
  readonly rm: readonly ({ readonly mbar: number } & Bounds)[];
  readonly sd: readonly ({ readonly m: number } & Bounds)[];
  /** Largest Mbar / M whose set excludes zero; null: zero is inside already at 0 (or not computed). */
  readonly breakdown: { readonly rm: number | null; readonly sd: number | null };
  /** Breakdown searches that hit their cap (the value is then a lower bound). */
  readonly breakdownCapped: { readonly rm: boolean; readonly sd: boolean };
  readonly eventTimes: readonly number[];
  readonly numPre: number;
  readonly numPost: number;
  readonly alpha: number;
}

/** Default smoothness grid: multiples of the target's standard error spread over the post periods. */
export function defaultMs(inputs: HonestInputs, l: ArrayLike<number>): number[] {
  const se = originalInterval(inputs, l).se;
  const step = se / Math.max(1, inputs.numPost) / 2;
  const mag = Math.pow(10, Math.floor(Math.log10(step)));
  const nice = Math.round(step / mag) * mag;
  return [0, 1, 2, 3, 4].map((i) => Number((i * nice).toPrecision(12)));
}

/** Synchronous core (HiGHS must be loaded: `await loadSolver()`). */
export function sensitivitySync(inputs: HonestInputs, options: SensitivityOptions): SensitivityResult {
  const alpha = options.alpha ?? 0.05;
  const l = targetWeights(inputs, options.target);
  const orig = originalInterval(inputs, l, alpha);
  const rmOpts: RmOptions = { ...options.rm, alpha };
  const wantBreakdown = options.breakdown ?? true;
  let rm: ({ mbar: number } & Bounds)[] = [];
  let breakdownRm: number | null = null;
  let cappedRm = false;
  if (options.mbar) {
    if (inputs.numPre < 1) throw new SensitivityInputError('relative magnitudes need at least one pre-period besides the reference period');
    rm = options.mbar.map((mbar) => {
      const r = rmConfidenceSet(inputs, l, mbar, rmOpts);
      return { mbar, lb: r.lb, ub: r.ub };
    });
    if (wantBreakdown) {
      const b = rmBreakdown(inputs, l, rmOpts);
      breakdownRm = b.value;
      cappedRm = b.capped;
    }
  }
  let sd: ({ m: number } & Bounds)[] = [];
  let breakdownSd: number | null = null;
  let cappedSd = false;
  if (options.m) {
    if (inputs.numPre < 1) throw new SensitivityInputError('smoothness needs at least one pre-period besides the reference period');
    const f = new FlciFrontier(inputs, l);
    try {
      sd = options.m.map((m) => {
        if (!(m >= 0)) throw new SensitivityInputError(`M must be a non-negative number, got ${m}`);
        const r = f.interval(m, alpha);
        return { m, lb: r.lb, ub: r.ub };
      });
      if (wantBreakdown) {
        const b = sdBreakdown(f, Math.max(...options.m, 0) || orig.se, alpha);
        breakdownSd = b.value;
        cappedSd = b.capped;
      }
    } finally {
      f.dispose();
    }
  }
  return {
    e: options.target === 'average' ? 'average' : options.target.e,
    original: { lb: orig.lb, ub: orig.ub, estimate: orig.estimate, se: orig.se },
    rm,
    sd,
    breakdown: { rm: breakdownRm, sd: breakdownSd },
    breakdownCapped: { rm: cappedRm, sd: cappedSd },
    eventTimes: inputs.eventTimes,
    numPre: inputs.numPre,
    numPost: inputs.numPost,
    alpha,
  };
}

/** The whole sensitivity of one target (loads HiGHS on first use). */
export async function sensitivity(inputs: HonestInputs, options: SensitivityOptions): Promise<SensitivityResult> {
  await loadSolver();
  return sensitivitySync(inputs, options);
}
