/**
 * Noise helpers: the standard normal CDF and persistent (AR(1)) Gaussian chains.
 *
 * A monthly indicator is drawn as 1{Φ(z_t) < p_t} with z an AR(1) chain with N(0, 1)
 * margins: P(indicator) is exactly p_t every month (so expectations stay linear in p and
 * parallel trends carry over from p to the data), while a person's state persists from
 * month to month as register states do. The treated and untreated potential outcomes use
 * the same z, so each person's effect is exact.
 */
import { Rng } from '../../src/random/rng';

/** Standard normal CDF (Abramowitz & Stegun 26.2.17, absolute error < 7.5e-8). */
export function normCdf(z: number): number {
  const a = z < 0 ? -z : z;
  const t = 1 / (1 + 0.2316419 * a);
  const d = 0.3989422804014327 * Math.exp(-0.5 * a * a);
  const q = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return z < 0 ? q : 1 - q;
}

/** An AR(1) chain with N(0, 1) margins and lag-one correlation rho. */
export class Chain {
  private z: number;
  private readonly innovation: number;
  constructor(
    private readonly rng: Rng,
    private readonly rho: number,
  ) {
    this.z = rng.normal();
    this.innovation = Math.sqrt(1 - rho * rho);
  }

  /** Advances one month and returns the uniform Φ(z_t). */
  next(): number {
    this.z = this.rho * this.z + this.innovation * this.rng.normal();
    return normCdf(this.z);
  }
}

/** A mean-one lognormal factor with log-scale sd sigma. */
export function lognormalFactor(rng: Rng, sigma: number): number {
  return Math.exp(sigma * rng.normal() - 0.5 * sigma * sigma);
}

/** Piecewise-linear path through knots [index, value], evaluated at 0..length-1. */
export function piecewise(length: number, knots: readonly (readonly [number, number])[]): Float64Array {
  const out = new Float64Array(length);
  for (let t = 0; t < length; t++) {
    if (t <= knots[0][0]) out[t] = knots[0][1];
    else if (t >= knots[knots.length - 1][0]) out[t] = knots[knots.length - 1][1];
    else {
      let j = 1;
      while (knots[j][0] < t) j++;
      const [t0, v0] = knots[j - 1];
      const [t1, v1] = knots[j];
      out[t] = v0 + ((v1 - v0) * (t - t0)) / (t1 - t0);
    }
  }
  return out;
}
