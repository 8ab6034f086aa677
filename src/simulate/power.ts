/**
 * Power and minimum detectable effect from simulated replications under no effect.
 *
 * For an effect that is the same for everybody, the DiD estimators of the engine move by
 * exactly the true window effect and keep their standard error (every 2×2 cell compares
 * means of treated and comparison units, and the aggregation weights sum to one), so one set
 * of replications without an effect gives the rejection rate for every effect size:
 * reject when |estimate₀ + effect| / se₀ > z₁₋α/₂. The normal curve next to it uses the
 * replications' mean SE: power(δ) = Φ(δ/se − z) + Φ(−δ/se − z).
 */
import { qnorm } from '../estimate/distributions';
import { normalTwoSidedP } from '../stats/distributions';
import { summariseReplications } from './monte-carlo';

/** Standard normal CDF. */
function pnorm(x: number): number {
  const tail = normalTwoSidedP(x) / 2;
  return x >= 0 ? 1 - tail : tail;
}

/** Share of replications rejecting "no effect" at level alpha after shifting every estimate by `shift`. */
export function rejectionRate(estimate: ArrayLike<number>, se: ArrayLike<number>, shift: number, alpha = 0.05): number {
  const z = qnorm(1 - alpha / 2);
  let n = 0;
  let reject = 0;
  for (let i = 0; i < estimate.length; i++) {
    const est = estimate[i];
    const s = se[i];
    if (!Number.isFinite(est) || !(s > 0)) continue;
    n++;
    if (Math.abs(est + shift) / s > z) reject++;
  }
  return n > 0 ? reject / n : NaN;
}

/** Power of a two-sided z-test at level alpha for a true effect `effect` with standard error `se`. */
export function normalPower(effect: number, se: number, alpha = 0.05): number {
  if (!(se > 0)) return NaN;
  const z = qnorm(1 - alpha / 2);
  return pnorm(effect / se - z) + pnorm(-effect / se - z);
}

/** Smallest effect detected with probability `power` at level alpha: (z₁₋α/₂ + z_power) · se. */
export function minimumDetectableEffect(se: number, alpha = 0.05, power = 0.8): number {
  if (!(se > 0)) return NaN;
  return (qnorm(1 - alpha / 2) + qnorm(power)) * se;
}

export interface PowerCurve {
  /** Follow-up in periods: the estimate averages event times 0 .. followUp − 1. */
  readonly followUp: number;
  /** True window effect per unit of full effect (effect ramp averaged over the window). */
  readonly windowShare: number;
  /** Replications with an estimate. */
  readonly reps: number;
  /** Mean SE and SD of the estimates under no effect. */
  readonly meanSe: number;
  readonly sd: number;
  /** Full effects and the simulated and normal power at each. */
  readonly effects: readonly number[];
  readonly simulated: readonly number[];
  readonly normal: readonly number[];
  /** Minimum detectable window effect by the normal approximation, (z₁₋α/₂ + z_power) · mean SE. */
  readonly mde: number;
  /**
   * Minimum detectable window effect by simulation: the smallest effect (on a grid of
   * mean SE / 200) at which the simulated rejection rate reaches the target power. Larger
   * than the normal one when the SE is itself noisy (few groups behind a long follow-up).
   */
  readonly mdeSimulated: number;
  /** mdeSimulated as full effect (divided by the window share). */
  readonly mdeFull: number;
  /** Simulated rejection rate with no effect (the test's size) and at the normal MDE. */
  readonly size: number;
  readonly powerAtMde: number;
}

/** Smallest shift on a grid of `step` up to `max` whose simulated rejection rate reaches `power` (NaN if none). */
export function simulatedMde(estimate: ArrayLike<number>, se: ArrayLike<number>, opts: { step: number; max: number; alpha?: number; power?: number }): number {
  if (!(opts.step > 0) || !(opts.max > 0)) return NaN;
  const target = opts.power ?? 0.8;
  for (let d = 0; d <= opts.max + 1e-12; d += opts.step) {
    if (rejectionRate(estimate, se, d, opts.alpha) >= target) return d;
  }
  return NaN;
}

/**
 * Power over a grid of full effects for one follow-up, from replications under no effect
 * (see the top of this file for why the shift is exact).
 */
export function powerCurve(
  nullEstimate: ArrayLike<number>,
  nullSe: ArrayLike<number>,
  opts: { followUp: number; windowShare: number; effects: readonly number[]; alpha?: number; power?: number },
): PowerCurve {
  const alpha = opts.alpha ?? 0.05;
  const { reps, meanSe, sd } = summariseReplications({ estimate: nullEstimate, se: nullSe }, 0);
  const share = opts.windowShare;
  const mde = minimumDetectableEffect(meanSe, alpha, opts.power ?? 0.8);
  const mdeSim = simulatedMde(nullEstimate, nullSe, { step: meanSe / 200, max: 6 * meanSe, alpha, power: opts.power });
  return {
    followUp: opts.followUp,
    windowShare: share,
    reps,
    meanSe,
    sd,
    effects: opts.effects,
    simulated: opts.effects.map((d) => rejectionRate(nullEstimate, nullSe, d * share, alpha)),
    normal: opts.effects.map((d) => normalPower(d * share, meanSe, alpha)),
    mde,
    mdeSimulated: mdeSim,
    mdeFull: share > 0 ? mdeSim / share : NaN,
    size: rejectionRate(nullEstimate, nullSe, 0, alpha),
    powerAtMde: rejectionRate(nullEstimate, nullSe, mde, alpha),
  };
}
