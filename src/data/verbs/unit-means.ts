/**
 * unitMeans: each unit's mean of a column over its rows, or over the rows passing a test
 * (e.g. the twelve months before the treatment start, for a balance table). Missing
 * values are skipped; a unit with no value gets NaN and n = 0.
 */
import { Panel } from '../panel';
import { rowColumn } from './column';

export interface UnitMeans {
  mean: Float64Array;
  /** Non-missing values behind each mean. */
  n: Int32Array;
}

export function unitMeans(p: Panel, column: string, rows?: (r: number, p: Panel) => boolean): UnitMeans {
  const v = rowColumn(p, column);
  const mean = new Float64Array(p.nUnits);
  const n = new Int32Array(p.nUnits);
  for (let u = 0; u < p.nUnits; u++) {
    let s = 0;
    let k = 0;
    for (let r = p.rowStart[u]; r < p.rowStart[u + 1]; r++) {
      const x = v[r];
      if (x === x && (!rows || rows(r, p))) {
        s += x;
        k++;
      }
    }
    mean[u] = k > 0 ? s / k : NaN;
    n[u] = k;
  }
  return { mean, n };
}
