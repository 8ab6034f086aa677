/**
 * Standardised mean differences and variance ratios, unweighted and weighted, following
 * cobalt (Greifer) `col_w_smd(s.d.denom = "pooled")` / `col_w_vr`, the MatchIt/cobalt
 * balance convention:
 *
 *   SMD = (m̄_T − m̄_C) / sqrt((s²_T + s²_C) / 2)
 *
 * - m̄_g: the (weighted) group means; with weights this is the balance after weighting.
 * - s²_g: the UNWEIGHTED group variances, also for the weighted SMD, so that weighting
 *   changes only the numerator and the two columns are comparable (cobalt does the same).
 * - Continuous variables: sample variance Σ(x − m̄)² / (n − 1).
 *   Binary (0/1) variables: p(1 − p), no n − 1 correction (cobalt's rule for binaries).
 *
 *   VR = v_T / v_C
 *
 * with (weighted) group variances: continuous Σ w̃(x − m̄_w)² / (1 − Σ w̃²), w̃ = w / Σw
 * (reliability weights: equals the sample variance when all weights are equal); binary
 * p_w(1 − p_w). Weights are used as given; scaling them does not change either statistic.
 */
import { checkMask, type Mask } from './mask';
import { na, ok, type Value } from './na';

export interface Moments {
  /** Members with a value and a positive weight. */
  n: number;
  sumWeights: number;
  mean: Value;
  variance: Value;
}

/**
 * (Weighted) mean and variance of the group's non-missing values, by the conventions above.
 * `weights` null = all 1. Members with NaN or zero weight are left out.
 */
export function groupMoments(values: Float64Array, mask: Mask | null, weights: Float64Array | null, binary: boolean): Moments {
  checkMask(mask, values.length, 'groupMoments');
  if (weights && weights.length !== values.length) {
    throw new RangeError(`groupMoments: weights have length ${weights.length}, values ${values.length}`);
  }
  let n = 0;
  let nMissing = 0;
  let sw = 0;
  let swx = 0;
  for (let i = 0; i < values.length; i++) {
    if (mask && !mask[i]) continue;
    const x = values[i];
    const w = weights ? weights[i] : 1;
    if (Number.isNaN(x) || Number.isNaN(w)) {
      nMissing++;
      continue;
    }
    if (w < 0) throw new RangeError(`groupMoments: negative weight ${w} at position ${i}`);
    if (w === 0) continue;
    n++;
    sw += w;
    swx += w * x;
  }
  if (n === 0) {
    const v = na(nMissing > 0 ? 'all-missing' : 'empty-group');
    return { n, sumWeights: sw, mean: v, variance: v };
  }
  const mean = swx / sw;
  if (binary) return { n, sumWeights: sw, mean: ok(mean), variance: ok(mean * (1 - mean)) };
  if (n < 2) return { n, sumWeights: sw, mean: ok(mean), variance: na('too-few') };
  let swd = 0;
  let sw2 = 0;
  for (let i = 0; i < values.length; i++) {
    if (mask && !mask[i]) continue;
    const x = values[i];
    const w = weights ? weights[i] : 1;
    if (Number.isNaN(x) || Number.isNaN(w) || w === 0) continue;
    const wn = w / sw;
    swd += wn * (x - mean) * (x - mean);
    sw2 += wn * wn;
  }
  return { n, sumWeights: sw, mean: ok(mean), variance: ok(swd / (1 - sw2)) };
}

export interface SmdOptions {
  /** Weights for the means (numerator) and, in varianceRatio, the variances; null = unweighted. */
  weights?: Float64Array | null;
  /** Treat as 0/1 (variance p(1 − p)); decide per variable with `isBinary`. */
  binary: boolean;
}

/** Standardised mean difference, treated minus control, pooled unweighted SD (see top). */
export function standardisedMeanDifference(values: Float64Array, treated: Mask, control: Mask, opts: SmdOptions): Value {
  const wT = groupMoments(values, treated, opts.weights ?? null, opts.binary);
  const wC = groupMoments(values, control, opts.weights ?? null, opts.binary);
  if (wT.mean.value === null) return wT.mean;
  if (wC.mean.value === null) return wC.mean;
  const uT = opts.weights ? groupMoments(values, treated, null, opts.binary) : wT;
  const uC = opts.weights ? groupMoments(values, control, null, opts.binary) : wC;
  if (uT.variance.value === null) return uT.variance;
  if (uC.variance.value === null) return uC.variance;
  const diff = wT.mean.value - wC.mean.value;
  const pooled = (uT.variance.value + uC.variance.value) / 2;
  if (!(pooled > 0)) return na(diff === 0 ? 'constant' : 'zero-variance');
  return ok(diff / Math.sqrt(pooled));
}

/** Variance ratio treated / control, (weighted) variances as at the top. */
export function varianceRatio(values: Float64Array, treated: Mask, control: Mask, opts: SmdOptions): Value {
  const t = groupMoments(values, treated, opts.weights ?? null, opts.binary);
  const c = groupMoments(values, control, opts.weights ?? null, opts.binary);
  if (t.variance.value === null) return t.variance;
  if (c.variance.value === null) return c.variance;
  if (!(c.variance.value > 0)) return na(t.variance.value > 0 ? 'zero-variance' : 'constant');
  return ok(t.variance.value / c.variance.value);
}
