/**
 * A small simulated staggered design for the table and figure builders: units in three
 * treated start groups and a last group that only serves as not-yet-treated control, a
 * constant effect `tau` from the start on, unit and period effects and noise.
 */
import type { Panel } from '../../src/data/panel';
import { Rng } from '../../src/random/rng';

export interface SimOptions {
  units?: number;
  periods?: number;
  starts?: readonly number[];
  tau?: number;
  seed?: number;
}

export function simulatedPanel(opts: SimOptions = {}): Panel {
  const nUnits = opts.units ?? 160;
  const nPeriods = opts.periods ?? 12;
  const starts = opts.starts ?? [5, 7, 9, 11];
  const tau = opts.tau ?? 2;
  const rng = new Rng(opts.seed ?? 7);
  const nRows = nUnits * nPeriods;
  const y = new Float64Array(nRows);
  const x = new Float64Array(nRows);
  const rowUnit = new Int32Array(nRows);
  const rowTime = new Int32Array(nRows);
  const rowPeriod = new Int32Array(nRows);
  const rowStart = new Int32Array(nUnits + 1);
  const group = new Float64Array(nUnits);
  const woman = new Float64Array(nUnits);
  const timeEffect = Array.from({ length: nPeriods }, () => rng.normal(0, 1));
  let r = 0;
  for (let u = 0; u < nUnits; u++) {
    rowStart[u] = r;
    group[u] = starts[u % starts.length];
    woman[u] = u % 3 === 0 ? 0 : 1;
    const alpha = rng.normal(0, 2);
    for (let t = 1; t <= nPeriods; t++) {
      rowUnit[r] = u;
      rowTime[r] = t;
      rowPeriod[r] = t - 1;
      const treated = t >= group[u] ? 1 : 0;
      y[r] = alpha + timeEffect[t - 1] + tau * treated + rng.normal(0, 1);
      x[r] = y[r] > alpha ? 1 : 0;
      r++;
    }
  }
  rowStart[nUnits] = r;
  return {
    idName: 'id',
    timeName: 'time',
    periodKind: 'integer',
    nUnits,
    nRows,
    unitIds: Float64Array.from({ length: nUnits }, (_, u) => u + 1),
    rowStart,
    rowUnit,
    rowTime,
    periods: Int32Array.from({ length: nPeriods }, (_, i) => i + 1),
    rowPeriod,
    cols: { y, x },
    unitCols: { g: group, woman },
    levels: {},
  };
}
