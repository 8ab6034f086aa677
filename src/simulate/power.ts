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
