/**
 * broadcast: a per-unit column repeated on each of the unit's rows (length nRows), e.g.
 * the treatment start next to every month, for a row-level formula.
 */
import { Panel } from '../panel';
import { unitColumn } from './column';

export function broadcast(p: Panel, column: string | Float64Array): Float64Array {
  const u = typeof column === 'string' ? unitColumn(p, column) : column;
  if (u.length !== p.nUnits) throw new Error(`broadcast: ${u.length} values for ${p.nUnits} units`);
  const out = new Float64Array(p.nRows);
  for (let r = 0; r < p.nRows; r++) out[r] = u[p.rowUnit[r]];
  return out;
}
