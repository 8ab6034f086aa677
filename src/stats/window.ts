/**
 * From person-periods to one value per person: sums, means or indicators of a row column
 * over a window of periods, fixed in calendar time or relative to each unit's own
 * reference period (e.g. "the 12 months before the first meeting").
 *
 * The result is a unit-level Float64Array (NaN = no observed value in the window) that the
 * descriptive and balance functions take directly.
 */
import type { Panel } from '../data/panel';

export interface UnitWindow {
  /** Per-unit reference period code (e.g. month of the first meeting); NaN → NaN result. */
  ref?: Float64Array;
  /** First period relative to `ref`, inclusive (the year before: from −12). */
  from?: number;
  /** Last period relative to `ref`, inclusive (the year before: to −1). */
  to?: number;
  /** First calendar period code, inclusive; intersected with the relative bounds. */
  fromPeriod?: number;
  /** Last calendar period code, inclusive; intersected with the relative bounds. */
  toPeriod?: number;
  /**
   * Require a non-missing row for every period of the window (needs finite bounds);
   * otherwise NaN. Default false: aggregate over whatever rows are observed.
   */
  complete?: boolean;
}

/**
 * How rows in the window become one value:
 * - `sum`, `mean`, `max`, `min`: of the non-missing values;
 * - `any`: 1 if some value is > 0, else 0;
 * - `countPositive`: number of periods with a value > 0 (e.g. months with social assistance);
 * - `last`: the value of the latest non-missing row.
 */
export type WindowAggregate = 'sum' | 'mean' | 'max' | 'min' | 'any' | 'countPositive' | 'last';

function rowColumn(panel: Panel, column: string): Float64Array {
  const col = panel.cols[column];
  if (!col) {
    const where = panel.unitCols[column] ? ' (it is a per-unit column)' : '';
    throw new RangeError(`unitWindow: no row column "${column}" in the panel${where}`);
  }
  return col;
}

/** The window's inclusive bounds for unit u, as period codes. */
function boundsFor(u: number, w: UnitWindow): [number, number] {
  let lo = w.fromPeriod ?? -Infinity;
  let hi = w.toPeriod ?? Infinity;
  if (w.ref) {
    const r = w.ref[u];
    if (Number.isNaN(r)) return [NaN, NaN];
    if (w.from !== undefined) lo = Math.max(lo, r + w.from);
    if (w.to !== undefined) hi = Math.min(hi, r + w.to);
  } else if (w.from !== undefined || w.to !== undefined) {
    throw new RangeError('unitWindow: `from`/`to` are relative to `ref`, which is missing');
  }
  return [lo, hi];
}

/** One value per unit: `how` of `column` over the unit's rows inside the window. */
export function unitWindow(panel: Panel, column: string, window: UnitWindow, how: WindowAggregate): Float64Array {
  const col = rowColumn(panel, column);
  if (window.ref && window.ref.length !== panel.nUnits) {
    throw new RangeError(`unitWindow: ref has length ${window.ref.length}, the panel has ${panel.nUnits} units`);
  }
  const out = new Float64Array(panel.nUnits);
  for (let u = 0; u < panel.nUnits; u++) {
    const [lo, hi] = boundsFor(u, window);
    if (!(lo <= hi)) {
      out[u] = NaN;
      continue;
    }
    let n = 0;
    let acc = how === 'max' ? -Infinity : how === 'min' ? Infinity : 0;
    let last = NaN;
    for (let r = panel.rowStart[u]; r < panel.rowStart[u + 1]; r++) {
      const t = panel.rowTime[r];
      if (t < lo || t > hi) continue;
      const x = col[r];
      if (Number.isNaN(x)) continue;
      n++;
      last = x;
      if (how === 'sum' || how === 'mean') acc += x;
      else if (how === 'max') acc = Math.max(acc, x);
      else if (how === 'min') acc = Math.min(acc, x);
      else if (how === 'any') acc = x > 0 ? 1 : acc;
      else if (how === 'countPositive') acc += x > 0 ? 1 : 0;
    }
    if (window.complete) {
      if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
        throw new RangeError('unitWindow: `complete` needs finite window bounds');
      }
      if (n !== hi - lo + 1) {
        out[u] = NaN;
        continue;
      }
    }
    if (n === 0) out[u] = NaN;
    else if (how === 'mean') out[u] = acc / n;
    else if (how === 'last') out[u] = last;
    else out[u] = acc;
  }
  return out;
}

/** A per-unit column of the panel (time-invariant attribute), with a clear error if absent. */
export function unitColumn(panel: Panel, column: string): Float64Array {
  const col = panel.unitCols[column];
  if (!col) {
    const where = panel.cols[column] ? ' (it is a row column: aggregate it with unitWindow)' : '';
    throw new RangeError(`unitColumn: no per-unit column "${column}" in the panel${where}`);
  }
  return col;
}

/** A column per row: a row column as is, a per-unit column repeated on each of the unit's rows. */
export function rowValues(panel: Panel, column: string): Float64Array {
  const rowCol = panel.cols[column];
  if (rowCol) return rowCol;
  const unitCol = panel.unitCols[column];
  if (!unitCol) throw new RangeError(`rowValues: no column "${column}" in the panel`);
  const out = new Float64Array(panel.nRows);
  for (let r = 0; r < panel.nRows; r++) out[r] = unitCol[panel.rowUnit[r]];
  return out;
}
