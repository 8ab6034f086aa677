/**
 * A simulated staggered panel (staggered.ts) as the row arrays the regression-based
 * estimators of src/estimate take (TWFE event study, Sun & Abraham, imputation).
 */
import type { Panel } from '../data/panel';
import type { EventPanelInput } from '../estimate/event-panel';

export function eventRows(panel: Panel, y = 'y', group = 'g'): EventPanelInput {
  const yv = panel.cols[y];
  const g = panel.unitCols[group];
  if (!yv) throw new Error(`eventRows: the panel has no row column "${y}"`);
  if (!g) throw new Error(`eventRows: the panel has no per-unit column "${group}"`);
  return { y: yv, unit: panel.rowUnit, time: panel.rowTime, cohort: Float64Array.from(panel.rowUnit, (u) => g[u]) };
}
