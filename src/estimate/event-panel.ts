/**
 * The shared input of the regression-based staggered estimators (TWFE event study, Sun &
 * Abraham, imputation): one row per unit-period with the outcome, unit, period and the
 * unit's first treated period (0 = never treated), checked and coded once.
 *
 * Rules, the same in all three (and as did::att_gt): rows with a missing outcome are
 * dropped; a cohort after the last period is never treated in the sample; units treated in
 * the first period (no untreated period, "always treated") are dropped, since no estimator
 * here can compare them with their own past. Both are counted in `dropped` and worded in
 * `warnings` so a caller can say on stderr what changed the sample.
 */
import type { TwoWayIndex } from './demean';
import { EstimateOptionError } from './errors';
import { denseCodes } from './fe-ols';

export interface EventPanelInput {
  y: ArrayLike<number>;
  unit: ArrayLike<number>;
  /** Period per row on an integer scale (years, month codes): event time is period − cohort. */
  time: ArrayLike<number>;
  /** First treated period of the row's unit; 0 = never treated. Constant within unit. */
  cohort: ArrayLike<number>;
}

export interface EventPanel {
  n: number;
  y: Float64Array;
  index: TwoWayIndex;
  /** Period value per row (original scale). */
  time: Float64Array;
  /** Cohort per row; 0 = never treated (including cohorts after the last period). */
  cohort: Float64Array;
  /** Period − cohort per row; NaN for the never treated. */
  rel: Float64Array;
  firstTime: number;
  lastTime: number;
  /** Treated cohorts present, ascending. */
  cohorts: number[];
  dropped: { missingY: number; alwaysTreatedUnits: number; alwaysTreatedRows: number };
  warnings: string[];
}

export function prepareEventPanel(input: EventPanelInput, who: string): EventPanel {
  const nRows = input.y.length;
  for (const [name, arr] of [['unit', input.unit], ['time', input.time], ['cohort', input.cohort]] as const) {
    if (arr.length !== nRows) throw new EstimateOptionError(`${who}: ${name} has ${arr.length} rows, y has ${nRows}`);
  }
  let firstTime = Infinity;
  let lastTime = -Infinity;
  const unitCohort = new Map<number, number>();
  for (let i = 0; i < nRows; i++) {
    const u = input.unit[i];
    const t = input.time[i];
    const g = input.cohort[i];
    if (!Number.isFinite(u)) throw new EstimateOptionError(`${who}: unit is missing in row ${i + 1}`);
    if (!Number.isInteger(t)) throw new EstimateOptionError(`${who}: period must be an integer, row ${i + 1} has ${t}`);
    if (!Number.isInteger(g) || g < 0) throw new EstimateOptionError(`${who}: cohort must be 0 (never treated) or a period, row ${i + 1} has ${g}`);
    const before = unitCohort.get(u);
    if (before === undefined) unitCohort.set(u, g);
    else if (before !== g) throw new EstimateOptionError(`${who}: cohort must be constant within unit; unit ${u} has ${before} and ${g} (row ${i + 1})`);
    if (Number.isFinite(input.y[i])) {
      if (t < firstTime) firstTime = t;
      if (t > lastTime) lastTime = t;
    }
  }
  const keep: number[] = [];
  let missingY = 0;
  let alwaysRows = 0;
  const alwaysUnits = new Set<number>();
  for (let i = 0; i < nRows; i++) {
    if (!Number.isFinite(input.y[i])) {
      missingY++;
      continue;
    }
    const g = input.cohort[i];
    if (g > 0 && g <= firstTime) {
      alwaysRows++;
      alwaysUnits.add(input.unit[i]);
      continue;
    }
    keep.push(i);
  }
  const n = keep.length;
  if (n === 0) throw new EstimateOptionError(`${who}: no rows left (${missingY} with a missing outcome, ${alwaysRows} of units treated in the first period)`);
  const y = new Float64Array(n);
  const unitIds = new Float64Array(n);
  const timeIds = new Float64Array(n);
  const cohort = new Float64Array(n);
  const rel = new Float64Array(n);
  const cohortSet = new Set<number>();
  for (let r = 0; r < n; r++) {
    const i = keep[r];
    y[r] = input.y[i];
    unitIds[r] = input.unit[i];
    timeIds[r] = input.time[i];
    const g = input.cohort[i] > lastTime ? 0 : input.cohort[i];
    cohort[r] = g;
    rel[r] = g > 0 ? timeIds[r] - g : NaN;
    if (g > 0) cohortSet.add(g);
  }
  const u = denseCodes(unitIds);
  const t = denseCodes(timeIds);
  const warnings: string[] = [];
  if (missingY > 0) warnings.push(`${who}: ${missingY} rows with a missing outcome dropped`);
  if (alwaysUnits.size > 0) warnings.push(`${who}: ${alwaysUnits.size} units treated in the first period (${firstTime}) dropped (${alwaysRows} rows): they have no untreated period`);
  return {
    n,
    y,
    index: { unit: u.index, nUnits: u.size, time: t.index, nTimes: t.size },
    time: timeIds,
    cohort,
    rel,
    firstTime,
    lastTime,
    cohorts: [...cohortSet].sort((a, b) => a - b),
    dropped: { missingY, alwaysTreatedUnits: alwaysUnits.size, alwaysTreatedRows: alwaysRows },
    warnings,
  };
}

/** Keeps the rows where `keep(r)` holds, recoding units and periods densely. */
export function subsetEventPanel(p: EventPanel, keep: (r: number) => boolean): EventPanel {
  const rows: number[] = [];
  for (let r = 0; r < p.n; r++) if (keep(r)) rows.push(r);
  const pick = (a: Float64Array) => Float64Array.from(rows, (r) => a[r]);
  const unitOld = Float64Array.from(rows, (r) => p.index.unit[r]);
  const u = denseCodes(unitOld);
  const time = pick(p.time);
  const t = denseCodes(time);
  const cohort = pick(p.cohort);
  const cs = new Set<number>();
  cohort.forEach((g) => g > 0 && cs.add(g));
  let first = Infinity;
  let last = -Infinity;
  for (const v of time) {
    first = Math.min(first, v);
    last = Math.max(last, v);
  }
  return {
    ...p,
    n: rows.length,
    y: pick(p.y),
    index: { unit: u.index, nUnits: u.size, time: t.index, nTimes: t.size },
    time,
    cohort,
    rel: pick(p.rel),
    firstTime: first,
    lastTime: last,
    cohorts: [...cs].sort((a, b) => a - b),
  };
}

/** One row of an event study. */
export interface EventEstimate {
  e: number;
  est: number;
  se: number;
  /** Treated observations behind the estimate. */
  n: number;
}

/** An overall effect. */
export interface OverallEstimate {
  est: number;
  se: number;
  n: number;
}
