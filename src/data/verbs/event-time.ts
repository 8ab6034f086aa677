/**
 * eventTime: each row's period relative to its unit's treatment start (0 = the first
 * treated period, -1 the period before), in the panel's period units (months for month
 * panels). NaN for units never treated (start empty or 0).
 */
import { Panel } from '../panel';
import { unitColumn } from './column';

export function eventTime(p: Panel, startColumn: string): Float64Array {
  const start = unitColumn(p, startColumn);
  const out = new Float64Array(p.nRows);
  for (let r = 0; r < p.nRows; r++) {
    const s = start[p.rowUnit[r]];
    out[r] = s === s && s !== 0 ? p.rowTime[r] - s : NaN;
  }
  return out;
}
