/**
 * A simulated staggered panel (staggered.ts) as the row arrays the regression-based
 * estimators of src/estimate take (TWFE event study, Sun & Abraham, imputation).
 * `lastPeriod` cuts the periods after it, e.g. to the periods Callaway–Sant'Anna can
 * identify without never-treated units (sample-truth.ts's `lastPeriod`), so that every
 * estimator in a comparison targets the same cells.
 */
import type { Panel } from '../data/panel';
import type { EventPanelInput } from '../estimate/event-panel';

export function eventRows(panel: Panel, options: { y?: string; group?: string; lastPeriod?: number } = {}): EventPanelInput {
  const y = options.y ?? 'y';
  const group = options.group ?? 'g';
  const yv = panel.cols[y];
  const g = panel.unitCols[group];
  if (!yv) throw new Error(`eventRows: the panel has no row column "${y}"`);
  if (!g) throw new Error(`eventRows: the panel has no per-unit column "${group}"`);
  const last = options.lastPeriod ?? Infinity;
  const rows: number[] = [];
  for (let r = 0; r < panel.nRows; r++) if (panel.rowTime[r] <= last) rows.push(r);
  return {
    y: Float64Array.from(rows, (r) => yv[r]),
    unit: Float64Array.from(rows, (r) => panel.rowUnit[r]),
    time: Float64Array.from(rows, (r) => panel.rowTime[r]),
    cohort: Float64Array.from(rows, (r) => g[panel.rowUnit[r]]),
  };
}
