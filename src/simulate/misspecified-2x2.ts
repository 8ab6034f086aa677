/**
 * Two-period panel data where the propensity-score model, the outcome model, both or
 * neither are misspecified: the four designs of Sant'Anna & Zhao (2020, section 4), after
 * Kang & Schafer (2007). They show what "doubly robust" buys: the DR estimator stays
 * unbiased when either working model is right, inverse probability weighting needs the
 * propensity model, outcome regression needs the outcome model.
 *
 * The analyst always sees Z (four covariates); the truth is built either from Z itself
 * (the linear-logit working models are then right) or from X, the normal variables behind
 * Z (Z is a nonlinear transformation of X, so models linear in Z are wrong):
 *
 *   x_j ~ N(0, 1), z1 = exp(x1/2), z2 = 10 + x2/(1 + exp(x1)), z3 = (0.6 + x1 x3/25)^3,
 *   z4 = (20 + x1 + x4)^2, each standardised with its population mean and SD;
 *   P(D = 1 | W) = logit⁻¹(0.75 (−w1 + 0.5 w2 − 0.25 w3 − 0.1 w4));
 *   m(W) = 210 + 27.4 w1 + 13.7 (w2 + w3 + w4);
 *   Y0 = m(W_reg) + v + e0,  Y1 = 2 m(W_reg) + v + e1,  v ~ N(D m(W_reg), 1), e ~ N(0, 1).
 *
 * The treatment does nothing (ATT = 0), but the treated differ from the comparison units in
 * W, and the outcome trend m(W_reg) depends on W, so an unadjusted DiD is biased; the
 * unit-level heterogeneity v (correlated with D) cancels in the panel difference.
 */
import type { PanelInput } from '../estimate/drdid-panel';
import type { Rng } from '../random/rng';

/** Which working model is wrong: the data are generated from X instead of Z for it. */
export type Misspecification = 'none' | 'propensity' | 'outcome' | 'both';

export const MISSPECIFICATIONS: readonly Misspecification[] = ['none', 'propensity', 'outcome', 'both'];

export interface Misspecified2x2 extends PanelInput {
  /** The true ATT (zero in these designs). */
  readonly trueAtt: number;
  /** Treated units drawn. */
  readonly nTreated: number;
}

/** E and SD of a function of one standard normal, by the trapezoid rule on [−12, 12]. */
function normalMoments(f: (x: number) => number): { mean: number; sd: number } {
  const steps = 24000;
  const h = 24 / steps;
  let m1 = 0;
  let m2 = 0;
  for (let s = 0; s <= steps; s++) {
    const x = -12 + s * h;
    const w = (s === 0 || s === steps ? 0.5 : 1) * h * Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    const v = f(x);
    m1 += w * v;
    m2 += w * v * v;
  }
  return { mean: m1, sd: Math.sqrt(m2 - m1 * m1) };
}

/**
 * Population mean and SD of z1..z4, from their definitions: z1 lognormal; z2 by quadrature
 * over x1 (x2 enters linearly with mean 0); z3 and z4 from normal moments (x1 x3 has even
 * moments 1, 9, 225; x1 + x4 ~ N(0, 2)).
 */
function zMoments(): { mean: number[]; sd: number[] } {
  const e4 = Math.exp(0.25);
  const z2 = normalMoments((x) => 1 / (1 + Math.exp(x)) ** 2);
  // z3 = (a + b)^3 with a = 0.6, b = x1 x3 / 25: odd moments of b vanish.
  const a = 0.6;
  const b2 = 1 / 625;
  const b4 = 9 / 625 ** 2;
  const b6 = 225 / 625 ** 3;
  const m3 = a ** 3 + 3 * a * b2;
  const m6 = a ** 6 + 15 * a ** 4 * b2 + 15 * a ** 2 * b4 + b6;
  // z4 = (20 + s)^2 with s ~ N(0, 2): E = 402, E (20 + s)^4 = 20^4 + 6·20²·2 + 3·2².
  const m4 = 20 ** 4 + 6 * 400 * 2 + 3 * 4;
  return {
    mean: [Math.exp(0.125), 10, m3, 402],
    sd: [Math.sqrt((e4 - 1) * e4), Math.sqrt(z2.mean), Math.sqrt(m6 - m3 * m3), Math.sqrt(m4 - 402 * 402)],
  };
}

let moments: { mean: number[]; sd: number[] } | null = null;

const propensityIndex = (w: number[]): number => 0.75 * (-w[0] + 0.5 * w[1] - 0.25 * w[2] - 0.1 * w[3]);
const outcomeIndex = (w: number[]): number => 210 + 27.4 * w[0] + 13.7 * (w[1] + w[2] + w[3]);

/**
 * One sample of n units. The covariate matrix `x` holds the intercept and Z (k = 5), as an
 * analyst would pass it to drdidPanel; y0 and y1 are the two periods' outcomes.
 */
export function simulateMisspecified2x2(rng: Rng, n: number, wrong: Misspecification): Misspecified2x2 {
  if (!(Number.isInteger(n) && n >= 10)) throw new RangeError(`simulateMisspecified2x2: n must be an integer of at least 10, got ${n}`);
  if (!MISSPECIFICATIONS.includes(wrong)) throw new RangeError(`simulateMisspecified2x2: unknown misspecification "${wrong}"`);
  moments ??= zMoments();
  const k = 5;
  const x = new Float64Array(n * k);
  const d = new Float64Array(n);
  const y0 = new Float64Array(n);
  const y1 = new Float64Array(n);
  const psFromX = wrong === 'propensity' || wrong === 'both';
  const regFromX = wrong === 'outcome' || wrong === 'both';
  let nTreated = 0;
  const xs = [0, 0, 0, 0];
  const zs = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 4; j++) xs[j] = rng.normal();
    zs[0] = Math.exp(xs[0] / 2);
    zs[1] = 10 + xs[1] / (1 + Math.exp(xs[0]));
    zs[2] = (0.6 + (xs[0] * xs[2]) / 25) ** 3;
    zs[3] = (20 + xs[0] + xs[3]) ** 2;
    for (let j = 0; j < 4; j++) zs[j] = (zs[j] - moments.mean[j]) / moments.sd[j];
    const p = 1 / (1 + Math.exp(-propensityIndex(psFromX ? xs : zs)));
    const di = rng.uniform() <= p ? 1 : 0;
    const m = outcomeIndex(regFromX ? xs : zs);
    const v = rng.normal(di * m, 1);
    y0[i] = m + v + rng.normal();
    y1[i] = 2 * m + v + rng.normal();
    d[i] = di;
    nTreated += di;
    x[i * k] = 1;
    for (let j = 0; j < 4; j++) x[i * k + 1 + j] = zs[j];
  }
  return { x, n, k, d, y0, y1, weights: null, trueAtt: 0, nTreated };
}
