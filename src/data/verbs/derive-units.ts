/**
 * deriveUnits: new per-unit columns from a formula per unit.
 *
 *   const p2 = deriveUnits(p, { age_2019: (u, p) => 2019 - p.unitCols.birth_year[u] });
 *
 * A formula may also return a whole Float64Array of length nUnits.
 */
import { Panel } from '../panel';
import { fillColumn } from './fill';

export type UnitFormula = ((u: number, p: Panel) => number) | Float64Array;

export function deriveUnits(p: Panel, formulas: Record<string, UnitFormula>): Panel {
  const unitCols: Record<string, Float64Array> = { ...p.unitCols };
  for (const [name, f] of Object.entries(formulas)) {
    if (name in p.cols) throw new Error(`deriveUnits: "${name}" is a row-level column; use derive`);
    unitCols[name] = fillColumn('deriveUnits', name, typeof f === 'function' ? (u) => f(u, p) : f, p.nUnits, 'units');
  }
  return { ...p, unitCols };
}
