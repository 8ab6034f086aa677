/** Test helpers: small panels and simulated staggered-adoption data. */
import type { Panel } from '../../src/data/panel';
import { Rng } from '../../src/random/rng';

/** A Panel from rows already sorted by unit, then time. */
export function makePanel(rows: { unit: number; time: number; [col: string]: number }[], unitCols: Record<string, number[]> = {}): Panel {
  const ids = Array.from(new Set(rows.map((r) => r.unit)));
  const periods = Array.from(new Set(rows.map((r) => r.time))).sort((a, b) => a - b);
  const rowUnit = Int32Array.from(rows.map((r) => ids.indexOf(r.unit)));
  const rowStart = new Int32Array(ids.length + 1);
  rowUnit.forEach((u) => rowStart[u + 1]++);
  for (let u = 0; u < ids.length; u++) rowStart[u + 1] += rowStart[u];
  const names = Object.keys(rows[0]).filter((k) => k !== 'unit' && k !== 'time');
  const cols: Record<string, Float64Array> = {};
  for (const n of names) cols[n] = Float64Array.from(rows.map((r) => r[n]));
  const uc: Record<string, Float64Array> = {};
  for (const [k, v] of Object.entries(unitCols)) uc[k] = Float64Array.from(v);
  return {
    idName: 'id',
    timeName: 'time',
    periodKind: 'integer',
    nUnits: ids.length,
    nRows: rows.length,
    unitIds: Float64Array.from(ids),
    rowStart,
    rowUnit,
    rowTime: Int32Array.from(rows.map((r) => r.time)),
    periods: Int32Array.from(periods),
    rowPeriod: Int32Array.from(rows.map((r) => periods.indexOf(r.time))),
    cols,
    unitCols: uc,
    levels: {},
  };
}

export interface StaggeredData {
  y: Float64Array;
  unit: Int32Array;
  time: Int32Array;
  d: Float64Array;
  /** Average effect on the treated over all treated unit-periods (the truth TWFE should find). */
  trueAtt: number;
}

/**
 * Balanced panel, periods 0 .. nT − 1; cohorts by first treated period (Infinity = never,
 * 0 = always treated). Effect of cohort g at event time e ≥ 0: level[g] + slope[g] · (e + 1).
 */
export function simulateStaggered(opts: {
  seed: number;
  nT: number;
  cohorts: { start: number; size: number; level: number; slope: number }[];
  noise?: number;
}): StaggeredData {
  const rng = new Rng(opts.seed);
  const y: number[] = [];
  const unit: number[] = [];
  const time: number[] = [];
  const d: number[] = [];
  let id = 0;
  let effSum = 0;
  let effN = 0;
  const trend = Array.from({ length: opts.nT }, () => rng.normal());
  for (const c of opts.cohorts) {
    for (let i = 0; i < c.size; i++) {
      id++;
      const alpha = rng.normal(0, 2);
      for (let t = 0; t < opts.nT; t++) {
        const treated = t >= c.start ? 1 : 0;
        const effect = treated ? c.level + c.slope * (t - c.start + 1) : 0;
        if (treated) {
          effSum += effect;
          effN++;
        }
        unit.push(id);
        time.push(t);
        d.push(treated);
        y.push(alpha + trend[t] + effect + rng.normal(0, opts.noise ?? 1));
      }
    }
  }
  return { y: Float64Array.from(y), unit: Int32Array.from(unit), time: Int32Array.from(time), d: Float64Array.from(d), trueAtt: effSum / effN };
}
