/**
 * Breakdown values: the largest restriction under which the robust confidence set still
 * excludes zero (Rambachan & Roth 2023, sec. 5: "how large a violation would have to be to
 * overturn the conclusion"). Found by bracketing and bisection, which assumes the sets grow
 * with the bound (true of the identified sets; the confidence sets follow them).
 */
import type { HonestInputs } from './inputs';
import type { FlciFrontier } from './flci';
import { rmAccepts, type RmOptions } from './rm';

export interface Breakdown {
  /** null: zero is inside the set already at bound 0. */
  readonly value: number | null;
  /** The search stopped at its cap with zero still excluded: the breakdown is at least `value`. */
  readonly capped: boolean;
}

function search(excludes: (b: number) => boolean, start: number, cap: number, tol: (lo: number, hi: number) => boolean): Breakdown {
  if (!excludes(0)) return { value: null, capped: false };
  let lo = 0;
  let hi = start;
  while (excludes(hi)) {
    lo = hi;
    if (hi >= cap) return { value: cap, capped: true };
    hi = Math.min(hi * 2, cap);
  }
  while (!tol(lo, hi)) {
    const mid = 0.5 * (lo + hi);
    if (excludes(mid)) lo = mid;
    else hi = mid;
  }
  return { value: lo, capped: false };
}

/** Largest M (smoothness) whose FLCI excludes zero, to 0.1 % (relative). */
export function sdBreakdown(frontier: FlciFrontier, start: number, alpha = 0.05): Breakdown {
  const excludes = (m: number): boolean => {
    const r = frontier.interval(m, alpha);
    return r.lb > 0 || r.ub < 0;
  };
  return search(excludes, start > 0 ? start : 1, start > 0 ? start * 2 ** 40 : 2 ** 40, (lo, hi) => hi - lo <= 1e-3 * hi);
}

/** Largest Mbar (relative magnitudes) whose C-LF set excludes zero, to 0.01 (capped at 100). */
export function rmBreakdown(inputs: HonestInputs, l: ArrayLike<number>, options: RmOptions = {}): Breakdown {
  const excludes = (mbar: number): boolean => !rmAccepts(inputs, l, mbar, 0, options);
  return search(excludes, 1, 100, (lo, hi) => hi - lo <= 0.01);
}
