/**
 * The group-time cells of attgt: which units (or rows) form each 2x2 comparison, the
 * overlap and singularity guards R did applies before estimating, the 2x2 estimate, and
 * the cell's influence function on the scale of all n entities (R: compute.att_gt2).
 *
 * Panels reuse one 2x2 design for every cell with the same units, covariates and weights
 * (with never-treated controls and time-invariant covariates that is one design per group):
 * the propensity score, the control-group regression factorisation and the guards are
 * computed once and only the outcome step runs per period. Several outcomes prepared
 * together (same kept rows) share the designs too: the outcome step runs per period and
 * outcome, batched, and each outcome gets its own cells and warnings in the order a call
 * for that outcome alone would give.
 */
import { DegenerateError } from './errors';
import { panelDesign, PanelDesign, PanelMethod } from './drdid-panel';
import { drdidRc, RcMethod } from './drdid-rc';
import { rcond, weightedCrossprod } from './linalg';
import { fitLogit, LogitFit } from './logit';
import { float64, int32, parallelCells, wantParallel } from './parallel';
import { OutcomeColumn, Prepared } from './prepare';

/** What the panel cells read of the prepared data (what a worker thread is given). */
export type PanelCellData = Pick<Prepared, 'n' | 'k' | 'periods' | 'groups' | 'entGroup' | 'yByPeriod' | 'xUnit' | 'xByPeriod' | 'wUnit' | 'wByPeriod'>;

export type AttgtMethod = 'dr' | 'ipw' | 'reg';

export interface CellOptions {
  readonly method: AttgtMethod;
  readonly control: 'never' | 'notyet';
  readonly base: 'varying' | 'universal';
  readonly anticipation: number;
  /** Whether sampling weights were given (otherwise the overlap logit doubles as the propensity score). */
  readonly weighted: boolean;
  /** Comparison units with propensity score >= trim get zero weight (0.995). */
  readonly trim?: number;
}

export interface Cells {
  readonly K: number;
  readonly group: Float64Array;
  readonly time: Float64Array;
  /** NaN where the cell is NA. */
  readonly att: Float64Array;
  /** Influence functions, n x K column-major (column j = cell j); NaN columns for NA cells. */
  readonly inf: Float64Array;
  /** Treated and comparison entities (units, or rows for repeated cross sections) in each cell. */
  readonly nTreated: Int32Array;
  readonly nControl: Int32Array;
  /** Design fits actually computed (panels: reused across periods). */
  readonly designsFitted: number;
}

const EPS = 2.220446049250313e-16;

const PANEL_METHOD: Record<AttgtMethod, PanelMethod> = { dr: 'dr', ipw: 'ipw-std', reg: 'reg' };
const RC_METHOD: Record<AttgtMethod, RcMethod> = { dr: 'dr', ipw: 'ipw-std', reg: 'reg' };

/** R did's guard failure, or null: overlap (max unweighted logit fit >= 0.999) and a singular control design. */
function guardFailure(method: AttgtMethod, x: Float64Array, n: number, k: number, d: Float64Array): { failure: 'overlap' | 'singular' | null; fit: LogitFit | null } {
  let fit: LogitFit | null = null;
  if (method === 'dr' || method === 'ipw') {
    let overlap: boolean;
    let pbar = 0;
    for (let i = 0; i < n; i++) pbar += d[i];
    pbar /= n;
    if (k === 1 && Math.abs(pbar - 0.999) > 1e-6) {
      overlap = pbar >= 0.999;
    } else {
      fit = fitLogit(x, n, k, d, null);
      let mx = 0;
      for (let i = 0; i < n; i++) if (fit.fitted[i] > mx) mx = fit.fitted[i];
      overlap = mx >= 0.999;
    }
    if (overlap) return { failure: 'overlap', fit };
  }
  if (method === 'dr' || method === 'reg') {
    let nc = 0;
    for (let i = 0; i < n; i++) if (d[i] === 0) nc++;
    if (nc === 0) return { failure: 'singular', fit };
    if (k > 1) {
      const ctrl = new Float64Array(n);
      for (let i = 0; i < n; i++) ctrl[i] = d[i] === 0 ? 1 : 0;
      if (rcond(weightedCrossprod(x, n, k, ctrl), k) < EPS) return { failure: 'singular', fit };
    }
  }
  return { failure: null, fit };
}

function guardWarning(failure: 'overlap' | 'singular', g: number, t: number): string {
  return failure === 'overlap'
    ? `overlap condition violated for group ${g} in time period ${t}`
    : `Covariate matrix for control units is singular or numerically ill-conditioned for group ${g} in time period ${t}; consider centering/rescaling covariates or removing collinear terms`;
}

function errorWarning(g: number, t: number, message: string): string {
  return `Error computing internal 2x2 DiD for (g, t) = (${g}, ${t}): ${message}. The ATT for this cell will be set to NA.`;
}

/** Periods loop of R: (group, base period index, current period index) per cell. */
export interface CellPlan {
  readonly gi: number;
  readonly g: number;
  /** Loop index t (0-based) of R, current = t + tfac. */
  readonly t0: number;
  readonly current: number;
  /** Base period index, or -1 when the group has no pre-treatment period. */
  readonly pret: number;
  readonly post: boolean;
}

export function planCells(prep: PanelCellData, opts: CellOptions): CellPlan[] {
  const { periods, groups } = prep;
  const T = periods.length;
  const tfac = opts.base === 'varying' ? 1 : 0;
  const nT = opts.base === 'varying' ? T - 1 : T;
  const plans: CellPlan[] = [];
  groups.forEach((g, gi) => {
    let pretG = -1;
    for (let p = 0; p < T; p++) if (periods[p] + opts.anticipation < g) pretG = p;
    for (let t0 = 0; t0 < nT; t0++) {
      const current = t0 + tfac;
      const post = g <= periods[current];
      const pret = opts.base === 'universal' || post ? pretG : t0;
      plans.push({ gi, g, t0, current, pret, post });
    }
  });
  return plans;
}

export interface CellSink {
  readonly cells: Cells;
  readonly warnings: string[];
  setNA(j: number, warning: string | null): void;
  setZero(j: number): void;
}

function makeSink(prep: Prepared, plans: CellPlan[], warnings: string[]): CellSink {
  const K = plans.length;
  const n = prep.n;
  // Shared memory when cells may be estimated by worker threads (see parallel.ts).
  const shared = wantParallel(n, K);
  const cells: Cells = {
    K,
    group: Float64Array.from(plans.map((p) => p.g)),
    time: Float64Array.from(plans.map((p) => prep.periods[p.current])),
    att: float64(K, shared),
    inf: float64(n * K, shared),
    nTreated: int32(K, shared),
    nControl: int32(K, shared),
    designsFitted: 0,
  };
  return sinkOn(cells, n, warnings);
}

/** A sink writing into `cells` and pushing warnings onto `warnings`. */
export function sinkOn(cells: Cells, n: number, warnings: string[]): CellSink {
  return {
    cells,
    warnings,
    setNA(j, warning) {
      cells.att[j] = NaN;
      cells.inf.fill(NaN, j * n, (j + 1) * n);
      if (warning) warnings.push(warning);
    },
    setZero(j) {
      cells.att[j] = 0;
    },
  };
}

/**
 * Cells decided before looking at data: a group without a pre-treatment period (NA) and,
 * with a universal base, the base period itself (0 by construction, as R).
 */
function settledWithoutData(plan: CellPlan, j: number, periods: Float64Array, opts: CellOptions, sinks: readonly CellSink[]): boolean {
  if (plan.pret < 0) {
    for (const s of sinks) s.setNA(j, `There are no pre-treatment periods for the group first treated at ${plan.g}; its cells are NA`);
    return true;
  }
  if (opts.base === 'universal' && periods[plan.pret] === periods[plan.current]) {
    for (const s of sinks) s.setZero(j);
    return true;
  }
  return false;
}

interface PanelDesignEntry {
  readonly units: Int32Array;
  readonly nTreated: number;
  readonly failure: 'overlap' | 'singular' | null;
  readonly design: PanelDesign | null;
  readonly error: string | null;
}

/** Contiguous blocks of entities with the same group (entities are sorted by group). */
function cohortBlocks(entGroup: Float64Array): { value: number[]; start: number[]; end: number[] } {
  const value: number[] = [];
  const start: number[] = [];
  const end: number[] = [];
  for (let e = 0; e < entGroup.length; e++) {
    if (value.length === 0 || entGroup[e] !== value[value.length - 1]) {
      if (value.length > 0) end.push(e);
      value.push(entGroup[e]);
      start.push(e);
    }
  }
  end.push(entGroup.length);
  return { value, start, end };
}

/** The plans of each group: contiguous index ranges [start, end) (plans come group by group). */
export function groupRanges(plans: readonly CellPlan[]): [number, number][] {
  const out: [number, number][] = [];
  for (let j = 0; j < plans.length; j++) {
    if (j === 0 || plans[j].gi !== plans[j - 1].gi) out.push([j, j + 1]);
    else out[out.length - 1][1] = j + 1;
  }
  return out;
}

function estimatePanelCells(prep: Prepared, opts: CellOptions, plans: CellPlan[], sinks: CellSink[]): number {
  const ranges = groupRanges(plans);
  const par = wantParallel(prep.n, plans.length) ? parallelCells(prep, opts, plans, sinks, ranges, estimatePanelGroup, sinkOn) : null;
  if (par) return par;
  let designs = 0;
  for (const [j0, j1] of ranges) designs += estimatePanelGroup(prep, opts, plans, j0, j1, sinks);
  return designs;
}

/**
 * The cells j0 .. j1-1 of one group (their designs are not shared with other groups), for
 * every outcome: results into the sinks' cells, warnings onto the sinks' lists in the order
 * of a serial run. Run by the main thread or a worker (parallel.ts) on shared memory.
 */
export function estimatePanelGroup(prep: PanelCellData, opts: CellOptions, plans: readonly CellPlan[], j0: number, j1: number, sinks: readonly CellSink[]): number {
  const { n, periods } = prep;
  const yByPeriod = prep.yByPeriod!;
  const blocks = cohortBlocks(prep.entGroup);
  const tfac = opts.base === 'varying' ? 1 : 0;
  const cache = new Map<string, PanelDesignEntry>();
  const pending = new Map<PanelDesignEntry, number[]>();
  let designs = 0;
  const nOut = sinks.length;
  const group = sinks[0].cells.group;
  const time = sinks[0].cells.time;
  const setNA = (j: number, warning: string | null): void => {
    for (const s of sinks) s.setNA(j, warning);
  };

  // Which entities form each cell's comparison, and the key of its design (null: no design,
  // the cell is settled or NA). One pass first finds each design's last cell, so a design's
  // outcome step runs, and its arrays are let go, right after its last cell: with
  // not-yet-treated controls a group has several designs, each as large as the population.
  const comparison = (j: number): { tStart: number; tEnd: number; cStart: number; covIdx: number; key: string } | null => {
    const { g, t0, pret, current } = plans[j];
    if (pret < 0 || (opts.base === 'universal' && periods[pret] === periods[current])) return null;
    const tb = blocks.value.indexOf(g);
    const tStart = blocks.start[tb];
    const tEnd = blocks.end[tb];
    // Comparison units: never treated, or (not yet treated) cohorts starting after the cutoff.
    let ctrlBlock: number;
    if (opts.control === 'notyet') {
      const cutoff = periods[Math.max(t0, pret) + tfac] + opts.anticipation;
      ctrlBlock = blocks.value.findIndex((v) => v > cutoff);
    } else {
      ctrlBlock = blocks.value.indexOf(Infinity);
    }
    const cStart = ctrlBlock < 0 ? n : blocks.start[ctrlBlock];
    const covIdx = Math.min(pret, t0);
    return { tStart, tEnd, cStart, covIdx, key: `${cStart}|${prep.xUnit ? -1 : covIdx}|${prep.wUnit ? -1 : covIdx}` };
  };
  const lastUse = new Map<string, number>();
  for (let j = j0; j < j1; j++) {
    const c = comparison(j);
    if (c) lastUse.set(c.key, j);
  }

  // The outcome step of the cells waiting on one design, for every outcome: columns are
  // (cell, outcome) pairs, batched where the method allows. Each column's numbers do not
  // depend on which other columns share its batch. Its warnings wait in `late` so that a
  // group's warnings keep their order: the cells' own first, then each design's in turn.
  const late: string[][] = sinks.map(() => []);
  let dyBuf = new Float64Array(0);
  const runDesign = (entry: PanelDesignEntry, js: number[]): void => {
    const design = entry.design!;
    const units = entry.units;
    const n1 = units.length;
    const scale = n / n1;
    // Columns per batch: 64, fewer for a large design so that the batch's outcome changes stay
    // about 128 MB (at a million units 64 columns were 0.5 GB, allocated afresh per group).
    const chunk = Math.max(8, Math.min(64, Math.floor(16e6 / n1)));
    for (let o = 0; o < nOut; o++) for (const j of js) for (const w of design.warnings) late[o].push(`${w} for group ${group[j]} in time period ${time[j]}`);
    const nCol = js.length * nOut;
    for (let s0 = 0; s0 < nCol; s0 += chunk) {
      const C = Math.min(chunk, nCol - s0);
      if (dyBuf.length < n1 * C) dyBuf = new Float64Array(n1 * C);
      const dy = dyBuf.subarray(0, n1 * C);
      const colJ = new Int32Array(C);
      const colO = new Int32Array(C);
      for (let q = 0; q < C; q++) {
        const col = s0 + q;
        const j = js[Math.floor(col / nOut)];
        const o = col % nOut;
        colJ[q] = j;
        colO[q] = o;
        fillChange(dy, q * n1, yByPeriod[o][plans[j].current], yByPeriod[o][plans[j].pret], units);
      }
      if (design.estimateMany) {
        const dst: Float64Array[] = [];
        const dstOff: number[] = [];
        for (let q = 0; q < C; q++) {
          dst.push(sinks[colO[q]].cells.inf);
          dstOff.push(colJ[q] * n);
        }
        const att = design.estimateMany(dy, C, { dst, dstOff, index: units, scale });
        for (let q = 0; q < C; q++) finishCell(colO[q], colJ[q], att[q]);
      } else {
        const buf = new Float64Array(n1);
        for (let q = 0; q < C; q++) {
          const { att, inf } = design.estimate(dy.subarray(q * n1, (q + 1) * n1), buf);
          const target = sinks[colO[q]].cells.inf;
          const col = colJ[q] * n;
          for (let i = 0; i < n1; i++) target[col + units[i]] = scale * inf[i];
          finishCell(colO[q], colJ[q], att);
        }
      }
    }
  };
  const finishCell = (o: number, j: number, att: number): void => {
    if (!Number.isFinite(att)) {
      sinks[o].setNA(j, null);
      late[o].push(errorWarning(group[j], time[j], 'the estimate is not a number'));
    } else sinks[o].cells.att[j] = att;
  };

  for (let j = j0; j < j1; j++) {
    const plan = plans[j];
    const { g, current } = plan;
    const tVal = periods[current];
    if (settledWithoutData(plan, j, periods, opts, sinks)) continue;
    const { tStart, tEnd, cStart, covIdx, key } = comparison(j)!;
    const nCtrl = n - cStart - (tStart >= cStart ? tEnd - tStart : 0);
    const nTreat = tEnd - tStart;
    for (const s of sinks) {
      s.cells.nTreated[j] = nTreat;
      s.cells.nControl[j] = nCtrl;
    }
    if (nTreat === 0 || nCtrl <= 0) {
      setNA(j, `No available control units for group ${g} in time period ${tVal}`);
    } else {
      let entry = cache.get(key);
      if (!entry) {
        designs++;
        entry = buildPanelDesign(prep, opts, tStart, tEnd, cStart, covIdx);
        cache.set(key, entry);
      }
      if (entry.failure) setNA(j, guardWarning(entry.failure, g, tVal));
      else if (!entry.design) setNA(j, errorWarning(g, tVal, entry.error ?? 'estimation failed'));
      else {
        const list = pending.get(entry);
        if (list) list.push(j);
        else pending.set(entry, [j]);
      }
    }
    if (lastUse.get(key) === j) {
      const entry = cache.get(key);
      const js = entry ? pending.get(entry) : undefined;
      if (entry && js) runDesign(entry, js);
      if (entry) pending.delete(entry);
      cache.delete(key);
    }
  }
  sinks.forEach((s, o) => s.warnings.push(...late[o]));
  return designs;
}

/** dy[off + i] = y1[units[i]] - y0[units[i]] (a top-level function, so V8 optimises it once for every call). */
function fillChange(dy: Float64Array, off: number, y1: OutcomeColumn, y0: OutcomeColumn, units: Int32Array): void {
  for (let i = 0; i < units.length; i++) dy[off + i] = y1[units[i]] - y0[units[i]];
}

function buildPanelDesign(prep: PanelCellData, opts: CellOptions, tStart: number, tEnd: number, cStart: number, covIdx: number): PanelDesignEntry {
  const { n, k } = prep;
  const list: number[] = [];
  for (let e = 0; e < n; e++) if ((e >= tStart && e < tEnd) || e >= cStart) list.push(e);
  const units = Int32Array.from(list);
  const n1 = units.length;
  const src = prep.xUnit ?? prep.xByPeriod!(covIdx);
  const x = new Float64Array(n1 * k);
  const d = new Float64Array(n1);
  const wSrc = prep.wUnit ?? prep.wByPeriod![covIdx];
  const w = opts.weighted ? new Float64Array(n1) : null;
  for (let i = 0; i < n1; i++) {
    const e = units[i];
    d[i] = e >= tStart && e < tEnd ? 1 : 0;
    for (let c = 0; c < k; c++) x[i * k + c] = src[e * k + c];
    if (w) w[i] = wSrc[e];
  }
  const guard = guardFailure(opts.method, x, n1, k, d);
  if (guard.failure) return { units, nTreated: tEnd - tStart, failure: guard.failure, design: null, error: null };
  try {
    const design = panelDesign(PANEL_METHOD[opts.method], {
      x,
      n: n1,
      k,
      d,
      weights: w,
      trim: opts.trim,
      pscoreFit: w === null && guard.fit ? guard.fit : undefined,
    });
    return { units, nTreated: tEnd - tStart, failure: null, design, error: null };
  } catch (err) {
    if (err instanceof DegenerateError) return { units, nTreated: tEnd - tStart, failure: null, design: null, error: err.message };
    throw err;
  }
}

function estimateRowCells(prep: Prepared, opts: CellOptions, plans: CellPlan[], sink: CellSink, outcome: number): number {
  const rows = prep.rows!;
  const rowY = rows.y[outcome];
  const { n, k, periods } = prep;
  const tfac = opts.base === 'varying' ? 1 : 0;
  const { cells } = sink;
  const byPeriod: number[][] = periods.length ? Array.from(periods, () => []) : [];
  for (let r = 0; r < rows.nRows; r++) byPeriod[rows.period[r]].push(r);
  let designs = 0;

  plans.forEach((plan, j) => {
    const { g, t0, current, pret } = plan;
    const tVal = periods[current];
    if (settledWithoutData(plan, j, periods, opts, [sink])) return;
    const cutoff = opts.control === 'notyet' ? periods[Math.max(t0, pret) + tfac] + opts.anticipation : Infinity;
    const sel: number[] = [];
    const dList: number[] = [];
    // R keeps the data order (period, group): base-period rows first when pret < current.
    const first = Math.min(pret, current);
    const second = Math.max(pret, current);
    for (const p of [first, second]) {
      for (const r of byPeriod[p]) {
        const gr = rows.group[r];
        if (gr === g) {
          sel.push(r);
          dList.push(1);
        } else if (gr === Infinity || (opts.control === 'notyet' && gr > cutoff)) {
          sel.push(r);
          dList.push(0);
        }
      }
    }
    const n1 = sel.length;
    const d = Float64Array.from(dList);
    const post = new Float64Array(n1);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < n1; i++) {
      post[i] = rows.period[sel[i]] === current ? 1 : 0;
      counts[d[i] * 2 + post[i]]++;
    }
    cells.nTreated[j] = counts[2] + counts[3];
    cells.nControl[j] = counts[0] + counts[1];
    if (counts[2] + counts[3] === 0 || counts[0] + counts[1] === 0) {
      sink.setNA(j, `No available control units for group ${g} in time period ${tVal}`);
      return;
    }
    const problems: string[] = [];
    if (counts[3] === 0) problems.push(`No units in group ${g} in time period ${tVal}`);
    if (counts[2] === 0) problems.push(`No units in group ${g} in time period ${periods[pret]}`);
    if (counts[1] === 0) problems.push(`No available control units for group ${g} in time period ${tVal}`);
    if (counts[0] === 0) problems.push(`No available control units for group ${g} in time period ${periods[pret]}`);
    if (problems.length > 0) {
      sink.setNA(j, problems.join('; '));
      return;
    }
    const x = new Float64Array(n1 * k);
    const y = new Float64Array(n1);
    const w = opts.weighted ? new Float64Array(n1) : null;
    for (let i = 0; i < n1; i++) {
      const r = sel[i];
      y[i] = rowY[r];
      if (w) w[i] = rows.w[r];
      for (let c = 0; c < k; c++) x[i * k + c] = rows.x[r * k + c];
    }
    designs++;
    const guard = guardFailure(opts.method, x, n1, k, d);
    if (guard.failure) {
      sink.setNA(j, guardWarning(guard.failure, g, tVal));
      return;
    }
    let res;
    try {
      res = drdidRc(RC_METHOD[opts.method], { y, post, d, x, n: n1, k, weights: w, trim: opts.trim, pscoreFit: w === null && guard.fit ? guard.fit : undefined });
    } catch (err) {
      if (err instanceof DegenerateError) {
        sink.setNA(j, errorWarning(g, tVal, err.message));
        return;
      }
      throw err;
    }
    for (const wmsg of res.warnings) sink.warnings.push(`${wmsg} for group ${g} in time period ${tVal}`);
    if (!Number.isFinite(res.att)) {
      sink.setNA(j, errorWarning(g, tVal, 'the estimate is not a number'));
      return;
    }
    cells.att[j] = res.att;
    const col = j * n;
    const scale = n / n1;
    // Unbalanced panels: a unit's rows in both periods add up to its influence value.
    for (let i = 0; i < n1; i++) cells.inf[col + rows.entity[sel[i]]] += scale * res.inf[i];
  });
  return designs;
}

/** Estimates every ATT(g,t) cell with its influence function. */
/**
 * Estimates every ATT(g,t) cell with its influence function, for each outcome of `prep`
 * (warnings[o] collects outcome o's warnings). Panels share the 2x2 designs across outcomes;
 * repeated cross sections and unbalanced panels estimate each outcome in turn.
 */
export function estimateCells(prep: Prepared, opts: CellOptions, warnings: readonly string[][]): Cells[] {
  if (warnings.length !== prep.nOutcomes) throw new RangeError(`estimateCells: ${warnings.length} warning lists for ${prep.nOutcomes} outcomes`);
  const plans = planCells(prep, opts);
  const sinks = warnings.map((w) => makeSink(prep, plans, w));
  if (prep.mode === 'panel') {
    const designs = estimatePanelCells(prep, opts, plans, sinks);
    return sinks.map((s) => ({ ...s.cells, designsFitted: designs }));
  }
  return sinks.map((s, o) => ({ ...s.cells, designsFitted: estimateRowCells(prep, opts, plans, s, o) }));
}
