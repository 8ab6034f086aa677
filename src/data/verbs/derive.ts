/**
 * derive: new row-level columns from a formula per row (arquero's derive).
 *
 *   const p2 = derive(p, { wage_any: (r, p) => (p.cols.wage_kr[r] > 0 ? 1 : 0) });
 *
 * A formula may also return a whole Float64Array of length nRows. Existing columns of the
 * same name are replaced; the input panel is not changed.
 */
import { Panel } from '../panel';

export type RowFormula = ((r: number, p: Panel) => number) | Float64Array;

export function derive(p: Panel, formulas: Record<string, RowFormula>): Panel {
  const cols: Record<string, Float64Array> = { ...p.cols };
  for (const [name, f] of Object.entries(formulas)) {
    if (name in p.unitCols) throw new Error(`derive: "${name}" is a per-unit column; use deriveUnits`);
    let out: Float64Array;
    if (typeof f === 'function') {
      out = new Float64Array(p.nRows);
      for (let r = 0; r < p.nRows; r++) out[r] = f(r, p);
    } else {
      if (f.length !== p.nRows) throw new Error(`derive: "${name}" has ${f.length} values for ${p.nRows} rows`);
      out = f;
    }
    cols[name] = out;
  }
  return { ...p, cols };
}
