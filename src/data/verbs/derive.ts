/**
 * derive: new row-level columns from a formula per row (arquero's derive).
 *
 *   const p2 = derive(p, { wage_any: (r, p) => (p.cols.wage_kr[r] > 0 ? 1 : 0) });
 *
 * A formula may also return a whole Float64Array of length nRows. Existing columns of the
 * same name are replaced; the input panel is not changed.
 */
import { Panel } from '../panel';
import { fillColumn } from './fill';

export type RowFormula = ((r: number, p: Panel) => number) | Float64Array;

export function derive(p: Panel, formulas: Record<string, RowFormula>): Panel {
  const cols: Record<string, Float64Array> = { ...p.cols };
  for (const [name, f] of Object.entries(formulas)) {
    if (name in p.unitCols) throw new Error(`derive: "${name}" is a per-unit column; use deriveUnits`);
    cols[name] = fillColumn('derive', name, typeof f === 'function' ? (r) => f(r, p) : f, p.nRows, 'rows');
  }
  return { ...p, cols };
}
