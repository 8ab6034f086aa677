/**
 * Per-person storage: a row-level column that is constant within every unit is kept once
 * per unit instead (covariates, group, weights and clusters of a long extract), so memory
 * grows with persons × periods for the outcomes only. Empty cells count as a value: a
 * column empty on some rows of a unit and not on others stays row-level.
 */
import type { Panel } from './panel';

/** Whether `values` (one per row) has one value within each unit (NaN equal to NaN). */
export function constantWithinUnits(panel: Panel, values: Float64Array): boolean {
  const { rowStart, nUnits } = panel;
  for (let u = 0; u < nUnits; u++) {
    const r0 = rowStart[u];
    const v0 = values[r0];
    const nan = v0 !== v0;
    for (let r = r0 + 1; r < rowStart[u + 1]; r++) {
      const v = values[r];
      if (v !== v0 && !(nan && v !== v)) return false;
    }
  }
  return true;
}

/** The panel with those of `names` that are constant within units moved from `cols` to `unitCols`. */
export function compactPerUnit(panel: Panel, names: readonly string[]): Panel {
  const cols = { ...panel.cols };
  const unitCols = { ...panel.unitCols };
  let moved = false;
  for (const name of names) {
    const v = cols[name];
    if (!v || !constantWithinUnits(panel, v)) continue;
    const u = new Float64Array(panel.nUnits);
    for (let k = 0; k < panel.nUnits; k++) u[k] = panel.rowStart[k] < panel.rowStart[k + 1] ? v[panel.rowStart[k]] : NaN;
    unitCols[name] = u;
    delete cols[name];
    moved = true;
  }
  return moved ? { ...panel, cols, unitCols } : panel;
}
