/**
 * deriveUnits: new per-unit columns from a formula per unit.
 *
 *   const p2 = deriveUnits(p, { age_2019: (u, p) => 2019 - p.unitCols.birth_year[u] });
 *
 * A formula may also return a whole Float64Array of length nUnits.
 */
import { Panel } from '../panel';

export type UnitFormula = ((u: number, p: Panel) => number) | Float64Array;

export function deriveUnits(p: Panel, formulas: Record<string, UnitFormula>): Panel {
  const unitCols: Record<string, Float64Array> = { ...p.unitCols };
  for (const [name, f] of Object.entries(formulas)) {
    if (name in p.cols) throw new Error(`deriveUnits: "${name}" is a row-level column; use derive`);
    let out: Float64Array;
    if (typeof f === 'function') {
      out = new Float64Array(p.nUnits);
      for (let u = 0; u < p.nUnits; u++) out[u] = f(u, p);
    } else {
      if (f.length !== p.nUnits) throw new Error(`deriveUnits: "${name}" has ${f.length} values for ${p.nUnits} units`);
      out = f;
    }
    unitCols[name] = out;
  }
  return { ...p, unitCols };
}
