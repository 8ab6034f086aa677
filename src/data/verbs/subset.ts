/**
 * The core of the selecting verbs: a new Panel with some units and some rows kept. Units
 * left without rows are dropped, and `periods` lists only the periods that still occur, so
 * every Panel invariant holds for the result.
 */
import { Panel } from '../panel';

function gather(values: Float64Array, index: Int32Array): Float64Array {
  const out = new Float64Array(index.length);
  for (let k = 0; k < index.length; k++) out[k] = values[index[k]];
  return out;
}

/** Rows kept: those of kept units (keepUnit null = all) that pass keepRow (null = all). */
export function subsetPanel(p: Panel, keepUnit: Uint8Array | null, keepRow: Uint8Array | null): Panel {
  let n = 0;
  for (let r = 0; r < p.nRows; r++) if ((!keepUnit || keepUnit[p.rowUnit[r]]) && (!keepRow || keepRow[r])) n++;
  if (n === p.nRows) return p;
  const rows = new Int32Array(n);
  const perUnit = new Int32Array(p.nUnits);
  const periodUsed = new Uint8Array(p.periods.length);
  for (let r = 0, k = 0; r < p.nRows; r++) {
    if ((!keepUnit || keepUnit[p.rowUnit[r]]) && (!keepRow || keepRow[r])) {
      rows[k++] = r;
      perUnit[p.rowUnit[r]]++;
      periodUsed[p.rowPeriod[r]] = 1;
    }
  }
  // Old unit index -> new (or -1), old period index -> new.
  const unitMap = new Int32Array(p.nUnits).fill(-1);
  const units: number[] = [];
  for (let u = 0; u < p.nUnits; u++) if (perUnit[u] > 0) (unitMap[u] = units.length), units.push(u);
  const periodMap = new Int32Array(p.periods.length).fill(-1);
  const periods: number[] = [];
  for (let t = 0; t < p.periods.length; t++) if (periodUsed[t]) (periodMap[t] = periods.length), periods.push(p.periods[t]);

  const unitIndex = Int32Array.from(units);
  const rowUnit = new Int32Array(n);
  const rowTime = new Int32Array(n);
  const rowPeriod = new Int32Array(n);
  const rowStart = new Int32Array(units.length + 1);
  for (let k = 0; k < n; k++) {
    const r = rows[k];
    rowUnit[k] = unitMap[p.rowUnit[r]];
    rowTime[k] = p.rowTime[r];
    rowPeriod[k] = periodMap[p.rowPeriod[r]];
    rowStart[rowUnit[k] + 1]++;
  }
  for (let u = 0; u < units.length; u++) rowStart[u + 1] += rowStart[u];
  const cols: Record<string, Float64Array> = {};
  for (const [name, v] of Object.entries(p.cols)) cols[name] = gather(v, rows);
  const unitCols: Record<string, Float64Array> = {};
  for (const [name, v] of Object.entries(p.unitCols)) unitCols[name] = gather(v, unitIndex);
  return {
    ...p,
    nUnits: units.length,
    nRows: n,
    unitIds: gather(p.unitIds, unitIndex),
    rowStart,
    rowUnit,
    rowTime,
    periods: Int32Array.from(periods),
    rowPeriod,
    cols,
    unitCols,
  };
}
