/** The original (parallel-trends) confidence interval for theta = l'beta_post. */
import { qnorm } from '../estimate/distributions';
import type { HonestInputs } from './inputs';

export interface Interval {
  readonly lb: number;
  readonly ub: number;
}

export function originalInterval(inputs: HonestInputs, l: ArrayLike<number>, alpha = 0.05): Interval & { readonly estimate: number; readonly se: number } {
  const { numPre: p, numPost: q, sigma, betahat } = inputs;
  let est = 0;
  let v = 0;
  for (let i = 0; i < q; i++) {
    est += l[i] * betahat[p + i];
    for (let j = 0; j < q; j++) v += l[i] * sigma.v[(p + i) * sigma.c + p + j] * l[j];
  }
  const se = Math.sqrt(v);
  const z = qnorm(1 - alpha / 2);
  return { lb: est - z * se, ub: est + z * se, estimate: est, se };
}
