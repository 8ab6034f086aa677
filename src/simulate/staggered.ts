/**
 * A staggered-adoption panel with a known truth, for checking the DiD engine (coverage,
 * bias) and for teaching. Units fall into start groups with probabilities that depend on a
 * binary covariate x2, and the outcome trend also depends on x2, so parallel trends hold
 * conditional on the covariates but not unconditionally:
 *
 *   y_it = a_i + l_t + c_t x2_i + d_t x1_i + 1{t >= g_i} (theta(g_i, t) + h_i) + e_it
 *
 * with a_i ~ N(mu_g, 1) (levels may differ by group), l_t = 0.1 t, c_t = trendX2 * t,
 * d_t = 0.05 t, h_i ~ N(0, hetSd^2) (mean-zero effect heterogeneity), e_it ~ N(0, noiseSd^2).
 * x1 ~ N(0, 1), x2 ~ Bernoulli(0.5). Group shares depend on x2 only, so the population
 * shares P(G = g) are known exactly and so are the aggregated truths.
 */
import type { Panel } from '../data/panel';
import { Rng } from '../random/rng';

export interface StaggeredDesign {
  readonly units: number;
  /** Periods 1..periods. */
  readonly periods: number;
  /** First treated periods of the start groups (2..periods). */
  readonly groups: readonly number[];
  /** P(G = g | x2 = 0) for each group, then never treated (sums to 1). */
  readonly sharesX0: readonly number[];
  /** P(G = g | x2 = 1), likewise. */
  readonly sharesX1: readonly number[];
  /** True ATT(g, t) for t >= g. */
  readonly effect: (g: number, t: number) => number;
  /** Slope of the x2-specific trend (the confounder when shares differ by x2). */
  readonly trendX2?: number;
  readonly noiseSd?: number;
  readonly hetSd?: number;
  /**
   * Anticipation: in the `periods` periods before its start a unit's outcome already moves
   * by `effect` (e.g. the team trial's controls knew they would meet the team later).
   * Default none. An estimator that assumes no anticipation then uses a contaminated base period.
   */
  readonly anticipation?: { readonly periods: number; readonly effect: number };
}

/** Why a design cannot be simulated, naming the parameter; thrown before anything is drawn. */
export class DesignError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DesignError';
  }
}

/**
 * Checks a design and throws a DesignError naming the first bad parameter (instead of a
 * failure deep inside an estimator): whole numbers where counts are meant, start periods
 * ascending within 1..periods, share lists one longer than the starts (the last share is
 * the never treated), non-negative and summing to 1, a finite effect in every treated cell.
 */
export function validateDesign(d: StaggeredDesign): void {
  const whole = (x: number, name: string, min: number) => {
    if (!Number.isInteger(x) || x < min) throw new DesignError(`${name} must be a whole number ≥ ${min}, got ${x}`);
  };
  whole(d.units, 'units', 2);
  whole(d.periods, 'periods', 2);
  if (!Array.isArray(d.groups) || d.groups.length === 0) throw new DesignError('groups (the start periods) must list at least one start period');
  d.groups.forEach((g, q) => {
    whole(g, `groups[${q}] (start period)`, 1);
    if (g > d.periods) throw new DesignError(`groups[${q}] = ${g} is after the last period ${d.periods}`);
    if (q > 0 && g <= d.groups[q - 1]) throw new DesignError(`groups must be ascending without repeats; groups[${q}] = ${g} follows ${d.groups[q - 1]}`);
  });
  for (const [name, shares] of [['sharesX0', d.sharesX0], ['sharesX1', d.sharesX1]] as const) {
    if (shares.length !== d.groups.length + 1)
      throw new DesignError(`${name} must have ${d.groups.length + 1} entries (one per start group, then the never treated), got ${shares.length}`);
    shares.forEach((v, q) => {
      if (!(v >= 0)) throw new DesignError(`${name}[${q}] must be ≥ 0, got ${v}`);
    });
    const sum = shares.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > 1e-9) throw new DesignError(`${name} must sum to 1, sums to ${sum}`);
  }
  for (const [name, v] of [['noiseSd', d.noiseSd], ['hetSd', d.hetSd]] as const) {
    if (v !== undefined && !(v >= 0)) throw new DesignError(`${name} must be ≥ 0, got ${v}`);
  }
  if (d.trendX2 !== undefined && !Number.isFinite(d.trendX2)) throw new DesignError(`trendX2 must be a number, got ${d.trendX2}`);
  if (d.anticipation) {
    whole(d.anticipation.periods, 'anticipation.periods', 0);
    if (!Number.isFinite(d.anticipation.effect)) throw new DesignError(`anticipation.effect must be a number, got ${d.anticipation.effect}`);
  }
  for (const g of d.groups)
    for (let t = g; t <= d.periods; t++) {
      const v = d.effect(g, t);
      if (!Number.isFinite(v)) throw new DesignError(`effect(${g}, ${t}) is ${v}: every start group needs an effect in every period from its start (a parameter list shorter than the start groups?)`);
    }
}

export const DEFAULT_DESIGN: StaggeredDesign = {
  units: 600,
  periods: 6,
  groups: [3, 4, 5],
  sharesX0: [0.15, 0.15, 0.15, 0.55],
  sharesX1: [0.25, 0.2, 0.2, 0.35],
  effect: (g, t) => 1 + 0.5 * (t - g) + 0.25 * (g - 3),
  trendX2: 0.3,
  noiseSd: 1,
  hetSd: 0.5,
};

export interface StaggeredTruth {
  /** P(G = g) in the population, by group. */
  readonly shares: readonly number[];
  /** ATT(g, t): theta for t >= g, 0 before. */
  attgt(g: number, t: number): number;
  /** R's simple aggregation: post cells weighted by P(G = g). */
  readonly simple: number;
  /** Event-study truth by event time e (groups with period g + e observed, weighted by P(G = g)). */
  dynamic(e: number): number;
  /** Mean of dynamic(e) over e >= 0 (R's overall dynamic ATT). */
  readonly dynamicOverall: number;
  /** Mean of ATT(g, t) over t >= g. */
  group(g: number): number;
}

/** The population truth of a design. */
export function staggeredTruth(d: StaggeredDesign): StaggeredTruth {
  validateDesign(d);
  const shares = d.groups.map((_, q) => 0.5 * (d.sharesX0[q] + d.sharesX1[q]));
  const attgt = (g: number, t: number): number => (t >= g ? d.effect(g, t) : 0);
  let num = 0;
  let den = 0;
  d.groups.forEach((g, q) => {
    for (let t = g; t <= d.periods; t++) {
      num += shares[q] * attgt(g, t);
      den += shares[q];
    }
  });
  const dynamic = (e: number): number => {
    let a = 0;
    let b = 0;
    d.groups.forEach((g, q) => {
      const t = g + e;
      if (t >= 1 && t <= d.periods) {
        a += shares[q] * attgt(g, t);
        b += shares[q];
      }
    });
    return b > 0 ? a / b : NaN;
  };
  const maxE = Math.max(...d.groups.map((g) => d.periods - g));
  let dyn = 0;
  for (let e = 0; e <= maxE; e++) dyn += dynamic(e);
  return {
    shares,
    attgt,
    simple: num / den,
    dynamic,
    dynamicOverall: dyn / (maxE + 1),
    group(g: number): number {
      let s = 0;
      for (let t = g; t <= d.periods; t++) s += attgt(g, t);
      return s / (d.periods - g + 1);
    },
  };
}

/**
 * One sample from the design as a Panel: row-level `y`, per-unit `g` (0 = never treated),
 * `x1`, `x2` and `h` (the unit's deviation from its group's effect, so a sample's own
 * truth can include it: sample-truth.ts); units 1..units, periods 1..periods (integer coding).
 */
export function simulateStaggered(d: StaggeredDesign, rng: Rng): Panel {
  validateDesign(d);
  const antPeriods = d.anticipation?.periods ?? 0;
  const antEffect = d.anticipation?.effect ?? 0;
  const n = d.units;
  const T = d.periods;
  const noise = d.noiseSd ?? 1;
  const het = d.hetSd ?? 0;
  const trend = d.trendX2 ?? 0;
  const g = new Float64Array(n);
  const x1 = new Float64Array(n);
  const x2 = new Float64Array(n);
  const hs = new Float64Array(n);
  const y = new Float64Array(n * T);
  const rowUnit = new Int32Array(n * T);
  const rowTime = new Int32Array(n * T);
  const rowPeriod = new Int32Array(n * T);
  const rowStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    x1[i] = rng.normal();
    x2[i] = rng.bernoulli(0.5);
    const q = rng.categorical(x2[i] === 1 ? d.sharesX1 : d.sharesX0);
    g[i] = q < d.groups.length ? d.groups[q] : 0;
    const level = rng.normal(0.2 * q, 1);
    const h = het > 0 ? rng.normal(0, het) : 0;
    hs[i] = g[i] > 0 ? h : 0;
    rowStart[i] = i * T;
    for (let t = 1; t <= T; t++) {
      const r = i * T + t - 1;
      rowUnit[r] = i;
      rowTime[r] = t;
      rowPeriod[r] = t - 1;
      const treated = g[i] > 0 && t >= g[i];
      const anticipating = g[i] > 0 && t < g[i] && t >= g[i] - antPeriods;
      y[r] = level + 0.1 * t + trend * t * x2[i] + 0.05 * t * x1[i] + (treated ? d.effect(g[i], t) + h : 0) + (anticipating ? antEffect : 0) + rng.normal(0, noise);
    }
  }
  rowStart[n] = n * T;
  return {
    source: 'simulateStaggered',
    idName: 'id',
    timeName: 'period',
    periodKind: 'integer',
    nUnits: n,
    nRows: n * T,
    unitIds: Float64Array.from({ length: n }, (_, i) => i + 1),
    rowStart,
    rowUnit,
    rowTime,
    periods: Int32Array.from({ length: T }, (_, t) => t + 1),
    rowPeriod,
    cols: { y },
    unitCols: { g, x1, x2, h: hs },
    levels: {},
  };
}
