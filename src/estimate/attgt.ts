/**
 * Group-time average treatment effects ATT(g,t) of Callaway & Sant'Anna (2021), with R did
 * 2.5.1's semantics (att_gt with faster_mode = TRUE): analytic standard errors from the
 * influence functions (clustered by unit and optionally one more variable), an optional
 * seeded multiplier bootstrap with a uniform confidence band, and the Wald pre-test of
 * parallel trends.
 *
 * This is the typed-array entry point; `attgtPanel` (panel-adapter.ts) builds its input
 * from a Panel.
 */
import { reportWarningTexts } from '../data/warnings';
import { clusterSums, drawMultipliers, MultiplierKind, Multipliers, multiplierSums, summariseDraws } from './bootstrap';
import { AttgtMethod, Cells, estimateCells } from './cells';
import { chisqUpper, qnorm } from './distributions';
import { EstimateOptionError } from './errors';
import { gram } from './gram';
import { parallelGram } from './parallel';
import { cholInverse, rcondFromInverse } from './linalg';
import { DataMode, groupOutcomesByRows, includedRows, Prepared, prepareKept, StaggeredBase, StaggeredInput, usableRows } from './prepare';

export interface BootstrapOptions {
  /** Number of draws (R: biters). */
  readonly draws: number;
  /** Seed of the project's Rng; the same seed gives the same draws on every machine. */
  readonly seed: number;
  /** Two-point multipliers: 'rademacher' (R did) or 'mammen' (R DRDID). */
  readonly multipliers?: MultiplierKind;
  /** Uniform (sup-t) confidence band instead of pointwise intervals (default true, as R). */
  readonly uniform?: boolean;
}

export interface AttgtOptions {
  /** 'dr' doubly robust (default), 'ipw' normalised IPW, 'reg' outcome regression. */
  readonly method?: AttgtMethod;
  /** Comparison group: never treated (default) or not yet treated. */
  readonly control?: 'never' | 'notyet';
  /** Base period of pre-treatment cells: 'varying' (default, t-1) or 'universal' (g-1). */
  readonly base?: 'varying' | 'universal';
  /** Periods of anticipation (default 0). */
  readonly anticipation?: number;
  /** Allow an unbalanced panel (default false: units missing a period are dropped). */
  readonly unbalanced?: boolean;
  /** Repeated cross sections (R panel = FALSE). */
  readonly rcs?: boolean;
  /** Significance level of intervals and bands (default 0.05). */
  readonly alpha?: number;
  /** Multiplier bootstrap; omitted = analytic standard errors only. */
  readonly bootstrap?: BootstrapOptions | null;
  /** Propensity-score trimming level for comparison units (default 0.995). */
  readonly trim?: number;
}

export interface AttgtCell {
  readonly group: number;
  readonly time: number;
  /** Event time t - g. */
  readonly event: number;
  /** NA (null) where R gives NA; a warning names the cell. */
  readonly att: number | null;
  readonly se: number | null;
  /** Confidence limits with the critical value of the result (uniform band if bootstrapped). */
  readonly lower: number | null;
  readonly upper: number | null;
  /** t >= g */
  readonly post: boolean;
  /** Treated and comparison units (rows for repeated cross sections) in the 2x2 comparison. */
  readonly nTreated: number;
  readonly nControl: number;
}

export interface WaldPretest {
  readonly stat: number;
  readonly df: number;
  /** 1 - pchisq(stat, df), rounded to 5 digits as R. */
  readonly p: number;
}

export interface AttgtResult {
  /** Units (entities of the influence function; rows for repeated cross sections): R's MP$n. */
  readonly n: number;
  /** Unit-periods (rows) entering the estimation. */
  readonly nObs: number;
  readonly mode: DataMode;
  readonly cells: readonly AttgtCell[];
  /** Critical value used for lower/upper: qnorm(1 - alpha/2), or the bootstrap sup-t value. */
  readonly critical: number;
  readonly uniform: boolean;
  /**
   * Wald pre-test of parallel trends over the pre-treatment cells (R: W, Wpval), null where R
   * reports none (with a warning). Computed on first access: it costs (pre cells)^2 x n.
   */
  readonly wald: WaldPretest | null;
  /** Treated units per group (R: groups estimated). */
  readonly groupSizes: readonly { readonly group: number; readonly n: number }[];
  readonly periods: readonly number[];
  readonly warnings: readonly string[];
  readonly options: Required<Omit<AttgtOptions, 'bootstrap'>> & { readonly bootstrap: BootstrapOptions | null; readonly covariates: readonly string[] };
  /** Typed arrays for aggte and advanced use (non-enumerable, so printing stays small). */
  readonly detail: AttgtDetail;
}

export interface AttgtDetail {
  readonly K: number;
  readonly group: Float64Array;
  readonly time: Float64Array;
  /** NaN = NA */
  readonly att: Float64Array;
  readonly se: Float64Array;
  /** n x K column-major influence functions. */
  readonly inf: Float64Array;
  /** Per entity: group as aggte sees it (0 never treated) and weight (R weights.ind). */
  readonly entGroup: Float64Array;
  readonly entWeight: Float64Array;
  readonly entId: Float64Array;
  /** Cluster code per entity (0 .. nClusters-1), or null. */
  readonly clusterCode: Int32Array | null;
  readonly nClusters: number;
  readonly groups: Float64Array;
  readonly periods: Float64Array;
  /** Bootstrap: multiplier sums, B x (K + groups.length), draw-major; the last columns are sum_i U_i w_i 1{G_i = g}. */
  readonly draws: Float64Array | null;
  readonly B: number;
  /** Rows the draws resample (units, or clusters). */
  readonly nBootRows: number;
  readonly designsFitted: number;
}

const SMALL = Math.sqrt(2.220446049250313e-16) * 10;
const EPS = 2.220446049250313e-16;

function nullable(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

function clusterCodes(values: Float64Array): { code: Int32Array; n: number } {
  const map = new Map<number, number>();
  const code = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    let c = map.get(values[i]);
    if (c === undefined) {
      c = map.size;
      map.set(values[i], c);
    }
    code[i] = c;
  }
  return { code, n: map.size };
}

function waldPretest(att: Float64Array, se: Float64Array, group: Float64Array, time: Float64Array, ifRows: Float64Array, nRows: number, n: number, warnings: string[]): WaldPretest | null {
  const preAll: number[] = [];
  for (let j = 0; j < att.length; j++) if (group[j] > time[j]) preAll.push(j);
  const pre = preAll.filter((j) => Number.isFinite(se[j]));
  if (pre.length === 0) {
    warnings.push(
      preAll.length > 0
        ? 'No pre-treatment periods available for the Wald pre-test of parallel trends: all pre-treatment ATT(g,t) estimates have missing or zero variance.'
        : 'No pre-treatment periods available for the Wald pre-test of parallel trends.',
    );
    return null;
  }
  const q = pre.length;
  const off = pre.map((j) => j * nRows);
  const v = parallelGram(ifRows, off, nRows) ?? gram(ifRows, off, nRows);
  for (let i = 0; i < q * q; i++) v[i] /= n;
  // R: rcond(preV) <= eps -> no statistic. preV is a covariance matrix, so invert it by
  // Cholesky and take the 1-norm condition number from that inverse.
  const inv = cholInverse(v, q);
  if (inv === null || !(rcondFromInverse(v, inv, q) > EPS)) {
    warnings.push('Not returning pre-test Wald statistic due to singular covariance matrix');
    return null;
  }
  let w = 0;
  for (let a = 0; a < q; a++) {
    let s = 0;
    for (let b = 0; b < q; b++) s += inv[a * q + b] * att[pre[b]];
    w += att[pre[a]] * s;
  }
  w *= n;
  const p = Math.round(chisqUpper(w, q) * 1e5) / 1e5;
  return { stat: w, df: q, p };
}

function resolveOptions(opts: AttgtOptions): AttgtResult['options'] {
  const method = opts.method ?? 'dr';
  if (!['dr', 'ipw', 'reg'].includes(method)) throw new EstimateOptionError(`method must be dr, ipw or reg, got ${method}`);
  const control = opts.control ?? 'never';
  if (!['never', 'notyet'].includes(control)) throw new EstimateOptionError(`control must be never or notyet, got ${control}`);
  const base = opts.base ?? 'varying';
  if (!['varying', 'universal'].includes(base)) throw new EstimateOptionError(`base must be varying or universal, got ${base}`);
  const alpha = opts.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1)) throw new EstimateOptionError(`alpha must be strictly between 0 and 1, got ${alpha}`);
  const anticipation = opts.anticipation ?? 0;
  if (!(anticipation >= 0) || anticipation !== Math.round(anticipation)) {
    throw new EstimateOptionError(`anticipation must be a non-negative whole number, got ${anticipation}`);
  }
  const bootstrap = opts.bootstrap ?? null;
  if (bootstrap) {
    if (!(bootstrap.draws >= 1) || bootstrap.draws !== Math.round(bootstrap.draws)) {
      throw new EstimateOptionError(`bootstrap draws must be a positive whole number, got ${bootstrap.draws}`);
    }
    if (!Number.isFinite(bootstrap.seed)) throw new EstimateOptionError('the bootstrap needs a seed (a number)');
  }
  return {
    method,
    control,
    base,
    anticipation,
    unbalanced: opts.unbalanced ?? false,
    rcs: opts.rcs ?? false,
    alpha,
    trim: opts.trim ?? 0.995,
    bootstrap,
    covariates: [],
  };
}

/** ATT(g,t) for every group and period from typed arrays (see StaggeredInput). */
export function attgt(input: StaggeredInput, options: AttgtOptions = {}): AttgtResult {
  const { y, ...base } = input;
  return attgtMany({ ...base, ys: [y] }, options)[0];
}

/** Several outcomes over the same units, periods, groups, covariates, weights and clusters. */
export interface MultiOutcomeInput extends StaggeredBase {
  /** Outcomes, one value per row each; NaN = missing. */
  readonly ys: readonly Float64Array[];
}

/**
 * ATT(g,t) for several outcomes of one model: the same results, warnings and NA cells as
 * one `attgt` call per outcome (result o is outcome o's), with everything that does not
 * depend on the outcome done once. R drops rows with a missing value in any used column,
 * so outcomes are grouped by the rows they keep; each group is prepared once (data rules,
 * factor dummies, layout) and, on panels, shares every 2x2 design (overlap check and
 * propensity score, control-group regression, trimming), leaving only the outcome steps per
 * outcome. Repeated cross sections and unbalanced panels share the preparation only.
 */
export function attgtMany(input: MultiOutcomeInput, options: AttgtOptions = {}): AttgtResult[] {
  return attgtPrepared(prepareAttgt(input, options));
}

/**
 * ATT(g,t) of several outcomes prepared but not yet estimated (prepareAttgt): the data
 * rules applied and each outcome group laid out as the cells read it, with no reference to
 * the input's arrays. A caller that lets go of its data after preparing frees it before the
 * cells allocate their influence functions: the command line's panel at 1.2 M persons x 115
 * months is 2.75 GB of row columns, and its own row masks and period index 0.8 GB more.
 */
export interface PreparedAttgt {
  readonly options: AttgtResult['options'];
  /** Whether the input has weights (the cells' designs then carry them). */
  readonly weighted: boolean;
  readonly nOutcomes: number;
  /** One entry per outcome group, emptied (null) once estimated. */
  readonly groups: ({ readonly outcomes: readonly number[]; readonly prep: Prepared } | null)[];
}

/** Applies the data rules to every outcome group (see attgtMany); attgtPrepared estimates. */
export function prepareAttgt(input: MultiOutcomeInput, options: AttgtOptions = {}): PreparedAttgt {
  const o = resolveOptions(options);
  const prepOpts = { control: o.control, anticipation: o.anticipation, unbalanced: o.unbalanced, rcs: o.rcs };
  const { input: data, ys } = includedRows(input, input.ys);
  const usable = usableRows(data, prepOpts);
  const groups = groupOutcomesByRows(usable.keep, ys);
  return {
    options: o,
    weighted: !!input.weights,
    nOutcomes: ys.length,
    groups: groups.map((group, gi) => ({ outcomes: group.outcomes, prep: prepareKept(data, group.outcomes.map((q) => ys[q]), group, usable, prepOpts, gi === groups.length - 1) })),
  };
}

/** The results of prepared outcomes, in the order of the outcomes; each group's preparation is let go once estimated. */
export function attgtPrepared(p: PreparedAttgt): AttgtResult[] {
  const o = p.options;
  const cellOpts = { method: o.method, control: o.control, base: o.base, anticipation: o.anticipation, weighted: p.weighted, trim: o.trim };
  const results: AttgtResult[] = new Array(p.nOutcomes);
  for (let gi = 0; gi < p.groups.length; gi++) {
    const entry = p.groups[gi];
    if (!entry) throw new EstimateOptionError('these prepared outcomes have been estimated already');
    p.groups[gi] = null;
    const { outcomes, prep } = entry;
    const warnings = outcomes.map(() => [...prep.warnings]);
    const cells = estimateCells(prep, cellOpts, warnings);
    const shared = sharedParts(prep, o);
    outcomes.forEach((q, i) => (results[q] = finish(prep, cells[i], warnings[i], o, shared)));
  }
  return results;
}

/** What the results of one prepared group have in common: clusters, group sizes, bootstrap multipliers and group columns. */
interface SharedParts {
  readonly clusterCode: Int32Array | null;
  readonly nClusters: number;
  readonly groupSizes: readonly { readonly group: number; readonly n: number }[];
  readonly mult: Multipliers | null;
  readonly groupSums: Float64Array | null;
}

function sharedParts(prep: Prepared, o: AttgtResult['options']): SharedParts {
  const n = prep.n;
  let clusterCode: Int32Array | null = null;
  let nClusters = n;
  if (prep.entCluster) {
    const cc = clusterCodes(prep.entCluster);
    clusterCode = cc.code;
    nClusters = cc.n;
  }
  const groupSizes = Array.from(prep.groups, (g) => {
    let c = 0;
    for (let e = 0; e < n; e++) if (prep.entGroupAgg[e] === g) c++;
    return { group: g, n: c };
  });
  let mult: Multipliers | null = null;
  let groupSums: Float64Array | null = null;
  if (o.bootstrap) {
    const G = prep.groups.length;
    // w_i 1{G_i = g} per group (for aggte's weight terms), clustered like the cells.
    const groupCols = new Float64Array(n * G);
    for (let gi = 0; gi < G; gi++) {
      const off = gi * n;
      for (let e = 0; e < n; e++) if (prep.entGroupAgg[e] === prep.groups[gi]) groupCols[off + e] = prep.entWeight[e];
    }
    const groupRows = clusterCode ? clusterSums(groupCols, n, G, clusterCode, nClusters) : groupCols;
    mult = drawMultipliers(clusterCode ? nClusters : n, o.bootstrap.draws, o.bootstrap.seed, o.bootstrap.multipliers ?? 'rademacher');
    groupSums = multiplierSums(mult, groupRows, G);
  }
  return { clusterCode, nClusters, groupSizes, mult, groupSums };
}

/** One outcome's result from its cells: standard errors, bootstrap, intervals, the lazy Wald pre-test. */
function finish(prep: Prepared, cells: Cells, warnings: string[], o: AttgtResult['options'], shared: SharedParts): AttgtResult {
  const { K, inf } = cells;
  const n = prep.n;
  const { clusterCode, nClusters } = shared;
  // Clustering beyond the unit: influence functions summed within clusters.
  const ifRows = clusterCode ? clusterSums(inf, n, K, clusterCode, nClusters) : inf;
  const nRows = clusterCode ? nClusters : n;

  // Analytic SEs: sqrt(sum psi^2) / n (cluster sums with a cluster variable).
  const se = new Float64Array(K);
  for (let j = 0; j < K; j++) {
    let s = 0;
    const off = j * nRows;
    for (let i = 0; i < nRows; i++) s += ifRows[off + i] * ifRows[off + i];
    se[j] = Math.sqrt(s) / n;
    if (!(se[j] > SMALL)) se[j] = NaN;
  }

  let critical = qnorm(1 - o.alpha / 2);
  let uniform = false;
  let draws: Float64Array | null = null;
  let B = 0;
  if (o.bootstrap && shared.mult && shared.groupSums) {
    B = o.bootstrap.draws;
    const G = prep.groups.length;
    // Columns: the K cell influence functions (already clustered when clustering), then the group columns.
    const m = K + G;
    const cellSums = multiplierSums(shared.mult, ifRows, K);
    const groupSums = shared.groupSums;
    draws = new Float64Array(B * m);
    for (let b = 0; b < B; b++) {
      draws.set(cellSums.subarray(b * K, (b + 1) * K), b * m);
      draws.set(groupSums.subarray(b * G, (b + 1) * G), b * m + K);
    }
    const summary = summariseDraws(cellSums, B, K, nRows, n, o.alpha);
    for (let j = 0; j < K; j++) {
      if (Number.isNaN(se[j])) continue;
      se[j] = summary.se[j];
      if (!(se[j] > SMALL)) se[j] = NaN;
    }
    if ((o.bootstrap.uniform ?? true) && prep.periods.length > 2) {
      if (Number.isFinite(summary.crit)) {
        critical = summary.crit;
        uniform = true;
        if (critical >= 7) warnings.push('Simultaneous critical value is arguably too large to be reliable (few observations per group or little variation in outcomes).');
      } else {
        warnings.push('The uniform critical value could not be computed; using pointwise intervals.');
      }
    }
  }

  // The Wald pre-test costs (pre-cells)^2 x n; it is computed on first access of `wald`.
  let wald: WaldPretest | null | undefined;
  const getWald = (): WaldPretest | null => {
    if (wald === undefined) {
      if (clusterCode && o.bootstrap) {
        warnings.push('The Wald pre-test is not reported when clustering beyond the unit level with the bootstrap; use the uniform confidence bands to assess pre-trends.');
        wald = null;
      } else {
        wald = waldPretest(cells.att, se, cells.group, cells.time, ifRows, nRows, n, warnings);
      }
    }
    return wald;
  };

  const cellList: AttgtCell[] = [];
  for (let j = 0; j < K; j++) {
    const att = nullable(cells.att[j]);
    const s = nullable(se[j]);
    cellList.push({
      group: cells.group[j],
      time: cells.time[j],
      event: cells.time[j] - cells.group[j],
      att,
      se: s,
      lower: att !== null && s !== null ? att - critical * s : null,
      upper: att !== null && s !== null ? att + critical * s : null,
      post: cells.group[j] <= cells.time[j],
      nTreated: cells.nTreated[j],
      nControl: cells.nControl[j],
    });
  }
  const detail: AttgtDetail = {
    K,
    group: cells.group,
    time: cells.time,
    att: cells.att,
    se,
    inf,
    entGroup: prep.entGroupAgg,
    entWeight: prep.entWeight,
    entId: prep.entId,
    clusterCode,
    nClusters,
    groups: prep.groups,
    periods: prep.periods,
    draws,
    B,
    nBootRows: nRows,
    designsFitted: cells.designsFitted,
  };
  const result = {
    n,
    nObs: prep.nObs,
    mode: prep.mode,
    cells: cellList,
    critical,
    uniform,
    groupSizes: shared.groupSizes,
    periods: Array.from(prep.periods),
    warnings,
    options: { ...o, covariates: prep.covariateNames },
  } as Omit<AttgtResult, 'detail' | 'wald'>;
  Object.defineProperty(result, 'wald', { get: getWald, enumerable: true });
  Object.defineProperty(result, 'detail', { value: detail, enumerable: false });
  // The render collects every estimation's warnings per notebook (no-op elsewhere).
  reportWarningTexts('attgt', warnings);
  return result as AttgtResult;
}
