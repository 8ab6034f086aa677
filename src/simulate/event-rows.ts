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
  let n = 0;
  for (let r = 0; r < panel.nRows; r++) if (panel.rowTime[r] <= last) n++;
  // Plain loops: Float64Array.from with a map function goes through the iterator protocol and
  // was the largest single cost of the chapter's coverage loop.
  const out = { y: new Float64Array(n), unit: new Float64Array(n), time: new Float64Array(n), cohort: new Float64Array(n) };
  for (let r = 0, k = 0; r < panel.nRows; r++) {
    if (panel.rowTime[r] > last) continue;
    const u = panel.rowUnit[r];
    out.y[k] = yv[r];
    out.unit[k] = u;
    out.time[k] = panel.rowTime[r];
    out.cohort[k] = g[u];
    k++;
  }
  return out;
}
