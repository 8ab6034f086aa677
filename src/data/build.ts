/**
 * From a file's unsorted columns (RawTable) to the sorted structures: a Panel (unit-period
 * files) sorted by unit, then period, with duplicate (unit, period) rows rejected; or a
 * UnitTable (unit files) sorted by identifier. Sorting is two stable counting sorts, O(n).
 */
import { formatValue } from './convert';
import { CellProblem } from './csv';
import { permuteInPlace } from './grow';
import { Panel } from './panel';
import { RawTable } from './read-table';
import { UnitTable } from './unit-table';

/** Slots ordered by identifier, and each slot's rank in that order. */
function orderSlots(slotIds: Float64Array): { order: Int32Array; rank: Int32Array } {
  const n = slotIds.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = slotIds[i - 1] < slotIds[i];
  if (!sorted) order.sort((a, b) => slotIds[a] - slotIds[b]);
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) rank[order[i]] = i;
  return { order, rank };
}

function reorder(values: Float64Array, order: Int32Array): Float64Array {
  const out = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = values[order[i]];
  return out;
}

/** Distinct period codes ascending, and each row's index into them; `known`: the distinct codes, when the reader has them. */
function indexPeriods(rowTime: Int32Array, known?: Int32Array): { periods: Int32Array; rowPeriod: Int32Array } {
  const n = rowTime.length;
  const rowPeriod = new Int32Array(n);
  if (n === 0) return { periods: new Int32Array(0), rowPeriod };
  // Integer bounds (not ±Infinity) keep the loops below on small integers.
  let min = rowTime[0];
  let max = rowTime[0];
  if (known && known.length > 0) {
    for (let k = 0; k < known.length; k++) {
      if (known[k] < min) min = known[k];
      if (known[k] > max) max = known[k];
    }
    const span = max - min + 1;
    if (span <= Math.max(1 << 20, 4 * n)) {
      const periods = Int32Array.from(known).sort();
      const slot = new Int32Array(span).fill(-1);
      for (let k = 0; k < periods.length; k++) slot[periods[k] - min] = k;
      for (let i = 0; i < n; i++) rowPeriod[i] = slot[rowTime[i] - min];
      return { periods, rowPeriod };
    }
  }
  for (let i = 1; i < n; i++) {
    const t = rowTime[i];
    if (t < min) min = t;
    else if (t > max) max = t;
  }
  const span = max - min + 1;
  if (span <= Math.max(1 << 20, 4 * n)) {
    // Dense codes (months, years, small integers): a lookup table.
    const slot = new Int32Array(span).fill(-1);
    for (let i = 0; i < n; i++) slot[rowTime[i] - min] = 0;
    const list: number[] = [];
    for (let k = 0; k < span; k++) if (slot[k] === 0) (slot[k] = list.length), list.push(k + min);
    for (let i = 0; i < n; i++) rowPeriod[i] = slot[rowTime[i] - min];
    return { periods: Int32Array.from(list), rowPeriod };
  }
  const periods = Int32Array.from(new Set(rowTime)).sort();
  const at = new Map<number, number>();
  periods.forEach((p, k) => at.set(p, k));
  for (let i = 0; i < n; i++) rowPeriod[i] = at.get(rowTime[i])!;
  return { periods, rowPeriod };
}

/** Stable counting sort of 0..n-1 by `key` (values in 0..nKeys-1), applied after `perm`. */
function countingSort(perm: Int32Array, key: Int32Array, nKeys: number): Int32Array {
  const count = new Int32Array(nKeys + 1);
  for (let i = 0; i < perm.length; i++) count[key[perm[i]] + 1]++;
  for (let k = 0; k < nKeys; k++) count[k + 1] += count[k];
  const out = new Int32Array(perm.length);
  for (let i = 0; i < perm.length; i++) out[count[key[perm[i]]]++] = perm[i];
  return out;
}

export interface PanelMeta {
  study?: string;
  source?: string;
}

export function buildPanel(raw: RawTable, meta: PanelMeta = {}): Panel {
  const time = raw.plan.time;
  if (!time || !raw.rowTime) throw new Error('buildPanel needs a table read with a time column');
  const n = raw.nRows;
  const { order, rank } = orderSlots(raw.slotIds);
  const nUnits = order.length;
  // Slots already in identifier order (a file sorted by unit): the slots are the units, no copy.
  let identity = true;
  for (let s = 0; s < nUnits && identity; s++) identity = rank[s] === s;
  let unit0 = raw.rowSlot;
  if (!identity) {
    unit0 = new Int32Array(n);
    for (let i = 0; i < n; i++) unit0[i] = rank[raw.rowSlot[i]];
  }
  const { periods, rowPeriod: period0 } = indexPeriods(raw.rowTime, raw.periodCodes);

  // Whether rows are sorted (periods ascend as their codes do), and each unit's row count, in one pass.
  const rowStart = new Int32Array(nUnits + 1);
  const rt = raw.rowTime;
  let inOrder = true;
  if (n > 0) rowStart[unit0[0] + 1]++;
  for (let i = 1; i < n; i++) {
    const u = unit0[i];
    const v = unit0[i - 1];
    rowStart[u + 1]++;
    if (u < v || (u === v && rt[i] <= rt[i - 1])) inOrder = false;
  }
  for (let u = 0; u < nUnits; u++) rowStart[u + 1] += rowStart[u];
  // Sorting reorders the file's columns in place: no column is ever held twice.
  let rowUnit = unit0;
  const rowPeriod = period0;
  const rowTime = raw.rowTime;
  const cols: Record<string, Float64Array> = { ...raw.cols };
  if (!inOrder) {
    // The duplicate check below still reads the file's slots: sort a copy.
    if (rowUnit === raw.rowSlot) rowUnit = raw.rowSlot.slice();
    let perm: Int32Array = new Int32Array(n);
    for (let i = 0; i < n; i++) perm[i] = i;
    perm = countingSort(countingSort(perm, period0, periods.length), unit0, nUnits);
    const scratch = new Float64Array(n);
    permuteInPlace(rowUnit, perm, scratch);
    permuteInPlace(rowPeriod, perm, scratch);
    for (let k = 1; k < n; k++) {
      if (rowUnit[k - 1] === rowUnit[k] && rowPeriod[k - 1] === rowPeriod[k]) throw duplicate(raw, perm[k - 1], perm[k], time.column, time.kind);
    }
    for (const v of [rowTime, ...Object.values(cols)]) permuteInPlace(v, perm, scratch);
  }

  const unitCols: Record<string, Float64Array> = {};
  for (const [name, values] of Object.entries(raw.slotCols)) unitCols[name] = reorder(values, order);

  return {
    study: meta.study,
    source: meta.source ?? raw.file,
    idName: raw.plan.id,
    timeName: time.column,
    periodKind: time.kind,
    nUnits,
    nRows: n,
    unitIds: reorder(raw.slotIds, order),
    rowStart,
    rowUnit,
    rowTime,
    periods,
    rowPeriod,
    cols,
    unitCols,
    levels: { ...raw.levels },
  };
}

function duplicate(raw: RawTable, a: number, b: number, column: string, kind: 'month' | 'year' | 'integer'): CellProblem {
  const first = Math.min(a, b);
  const later = Math.max(a, b);
  const id = raw.slotIds[raw.rowSlot[later]];
  const t = formatValue(kind, raw.rowTime![later]);
  return new CellProblem(later, column, (line) => `duplicate row for unit ${id} and period ${t} (also on line ${line(first)})`, [first]);
}

/** A unit file's table, sorted by identifier (the reader has rejected repeated identifiers). */
export function buildUnitTable(raw: RawTable, source?: string): UnitTable {
  const { order } = orderSlots(raw.slotIds);
  // In a unit file row i is slot i, so the slot order is the row order.
  const cols: Record<string, Float64Array> = {};
  for (const [name, values] of Object.entries(raw.cols)) cols[name] = reorder(values, order);
  for (const [name, values] of Object.entries(raw.slotCols)) cols[name] = reorder(values, order);
  return {
    source: source ?? raw.file,
    idName: raw.plan.id,
    nUnits: order.length,
    unitIds: reorder(raw.slotIds, order),
    cols,
    levels: { ...raw.levels },
  };
}
