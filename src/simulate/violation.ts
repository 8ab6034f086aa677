/**
 * A panel whose parallel-trends assumption fails in a known, bounded way, for the
 * Rambachan-Roth sensitivity section of the method chapter and its tests.
 *
 *   y_it = a_i + 0.1 t + slope (t - g + 1) 1{treated_i} + tau 1{treated_i, t >= g} + e_it
 *
 * Half the units start treatment in period g, the other half never do. The treated drift
 * away from the controls along a straight line (the differential trend delta_e = slope (e + 1)
 * in event time e, zero in the reference period e = -1), so the event study's pre-period
 * estimates show the violation and its post-period estimates carry bias slope (e + 1). A
 * linear trend keeps every period-to-period change equal: the violation lies in Delta^RM(1)
 * (post changes no larger than the largest pre change) and in Delta^SD(0) (no change of
 * slope), so those robust sets must cover tau while the naive interval need not.
 */
import type { Panel } from '../data/panel';
import { aggte, attgtPanel } from '../estimate/index';
import { FlciFrontier, honestInputs, originalInterval, rmAccepts, targetWeights, type HonestInputs } from '../sensitivity/index';
import { Rng } from '../random/rng';

export interface ViolationDesign {
  readonly units: number;
  /** Periods 1..periods. */
  readonly periods: number;
  /** First treated period of the treated half. */
  readonly start: number;
  /** True effect, the same in every post period. */
  readonly tau: number;
  /** Slope of the treated units' differential trend per period. */
  readonly slope: number;
  readonly noiseSd: number;
}

export const VIOLATION_DESIGN: ViolationDesign = { units: 400, periods: 10, start: 6, tau: 0.25, slope: 0.3, noiseSd: 1 };

/** One sample: row-level `y`, per-unit `g` (start period, 0 = never treated). */
export function simulateViolation(d: ViolationDesign, rng: Rng): Panel {
  const n = d.units;
  const T = d.periods;
  const g = new Float64Array(n);
  const y = new Float64Array(n * T);
  const rowUnit = new Int32Array(n * T);
  const rowTime = new Int32Array(n * T);
  const rowPeriod = new Int32Array(n * T);
  const rowStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const treated = i % 2 === 0;
    g[i] = treated ? d.start : 0;
    const level = rng.normal(treated ? 0.5 : 0, 1);
    rowStart[i] = i * T;
    for (let t = 1; t <= T; t++) {
      const r = i * T + t - 1;
      rowUnit[r] = i;
      rowTime[r] = t;
      rowPeriod[r] = t - 1;
      const drift = treated ? d.slope * (t - d.start + 1) : 0;
      const effect = treated && t >= d.start ? d.tau : 0;
      y[r] = level + 0.1 * t + drift + effect + rng.normal(0, d.noiseSd);
    }
  }
  rowStart[n] = n * T;
  return {
    source: 'simulateViolation',
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
    unitCols: { g },
    levels: {},
  };
}

/** The bias of the event-study estimate at event time e: slope (e + 1). */
export function violationBias(d: ViolationDesign, e: number): number {
  return d.slope * (e + 1);
}

/**
 * Event-study estimates drawn from their sampling distribution, betahat ~ N(tau + delta, Sigma)
 * (the asymptotic experiment of Rambachan & Roth): fast replications for coverage checks when
 * the covariance is known. `delta` and `tau` over the inputs' event times.
 */
export function drawEventStudy(template: HonestInputs, mean: ArrayLike<number>, rng: Rng): HonestInputs {
  const k = template.eventTimes.length;
  const s = template.sigma;
  // Cholesky of Sigma (positive definite for an estimated event study).
  const l = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    let dd = s.v[j * k + j];
    for (let p = 0; p < j; p++) dd -= l[j * k + p] ** 2;
    const ljj = Math.sqrt(Math.max(dd, 0));
    l[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let v = s.v[i * k + j];
      for (let p = 0; p < j; p++) v -= l[i * k + p] * l[j * k + p];
      l[i * k + j] = ljj > 0 ? v / ljj : 0;
    }
  }
  const z = Float64Array.from({ length: k }, () => rng.normal());
  const b = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let v = mean[i];
    for (let j = 0; j <= i; j++) v += l[i * k + j] * z[j];
    b[i] = v;
  }
  return { ...template, betahat: b };
}

export interface ViolationCoverage {
  readonly reps: number;
  /** Target event time and its true effect. */
  readonly e: number;
  readonly truth: number;
  readonly naive: { readonly coverage: number; readonly meanLength: number };
  readonly rm: readonly { readonly mbar: number; readonly coverage: number }[];
  readonly sd: readonly { readonly m: number; readonly coverage: number; readonly meanLength: number }[];
  /** Wall time of the replications, ms. */
  readonly ms: number;
}

/**
 * Coverage of the naive interval and of the robust sets for the effect at event time `e` over
 * `reps` simulated panels (each estimated afresh: outcome regression, never-treated controls,
 * universal base period). C-LF coverage is decided by testing the truth directly
 * (`rmAccepts`), which is membership of the confidence set without its grid. HiGHS must be
 * loaded (`await loadSolver()`).
 */
export function violationCoverage(d: ViolationDesign, o: { reps: number; seed: number; e?: number; mbar: readonly number[]; m: readonly number[]; alpha?: number }): ViolationCoverage {
  const t0 = Date.now();
  const e = o.e ?? 0;
  const alpha = o.alpha ?? 0.05;
  const rng = new Rng(o.seed);
  let naive = 0;
  let naiveLen = 0;
  const rm = o.mbar.map(() => 0);
  const sd = o.m.map(() => 0);
  const sdLen = o.m.map(() => 0);
  for (let r = 0; r < o.reps; r++) {
    const panel = simulateViolation(d, rng);
    const res = attgtPanel(panel, { y: 'y', group: 'g', control: 'never', base: 'universal', method: 'reg', alpha });
    const inputs = honestInputs(aggte(res, { type: 'dynamic' }));
    const l = targetWeights(inputs, { e });
    const orig = originalInterval(inputs, l, alpha);
    if (orig.lb <= d.tau && d.tau <= orig.ub) naive++;
    naiveLen += orig.ub - orig.lb;
    o.mbar.forEach((mb, i) => {
      if (rmAccepts(inputs, l, mb, d.tau, { alpha })) rm[i]++;
    });
    const f = new FlciFrontier(inputs, l);
    try {
      o.m.forEach((m, i) => {
        const ci = f.interval(m, alpha);
        if (ci.lb <= d.tau && d.tau <= ci.ub) sd[i]++;
        sdLen[i] += ci.ub - ci.lb;
      });
    } finally {
      f.dispose();
    }
  }
  const n = o.reps;
  return {
    reps: n,
    e,
    truth: d.tau,
    naive: { coverage: naive / n, meanLength: naiveLen / n },
    rm: o.mbar.map((mbar, i) => ({ mbar, coverage: rm[i] / n })),
    sd: o.m.map((m, i) => ({ m, coverage: sd[i] / n, meanLength: sdLen[i] / n })),
    ms: Date.now() - t0,
  };
}
