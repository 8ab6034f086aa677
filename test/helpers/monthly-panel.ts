import type { Panel } from '../../src/data/panel';

/**
 * The layout of a balanced monthly panel for constructed test data: one person per id, the
 * months first .. first + months - 1, rows person by person (row r = u * months + p). The
 * caller adds `cols`, `unitCols` and `levels`.
 */
export function monthlyLayout(ids: ArrayLike<number>, first: number, months: number): Omit<Panel, 'cols' | 'unitCols' | 'levels'> {
  const n = ids.length;
  const nRows = n * months;
  return {
    idName: 'id',
    timeName: 'month',
    periodKind: 'month',
    nUnits: n,
    nRows,
    unitIds: Float64Array.from(ids),
    rowStart: Int32Array.from({ length: n + 1 }, (_, u) => u * months),
    rowUnit: Int32Array.from({ length: nRows }, (_, r) => Math.floor(r / months)),
    rowTime: Int32Array.from({ length: nRows }, (_, r) => first + (r % months)),
    periods: Int32Array.from({ length: months }, (_, p) => first + p),
    rowPeriod: Int32Array.from({ length: nRows }, (_, r) => r % months),
  };
}
