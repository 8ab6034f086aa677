/**
 * A column by name, row-level or per-unit, with an error that suggests the nearest name.
 */
import { didYouMean } from '../errors';
import { Panel } from '../panel';

export function columnNames(p: Panel): string[] {
  return [...Object.keys(p.cols), ...Object.keys(p.unitCols)];
}

function unknown(p: Panel, name: string): Error {
  return new Error(`the panel${p.source ? ` from ${p.source}` : ''} has no column "${name}"${didYouMean(name, columnNames(p))}`);
}

/** A per-unit column (length nUnits). */
export function unitColumn(p: Panel, name: string): Float64Array {
  const v = p.unitCols[name];
  if (!v) throw name in p.cols ? new Error(`column "${name}" varies over time; a per-unit column is needed here`) : unknown(p, name);
  return v;
}

/** A row-level column (length nRows); a per-unit column is broadcast to the rows. */
export function rowColumn(p: Panel, name: string): Float64Array {
  const v = p.cols[name];
  if (v) return v;
  const u = p.unitCols[name];
  if (!u) throw unknown(p, name);
  const out = new Float64Array(p.nRows);
  for (let r = 0; r < p.nRows; r++) out[r] = u[p.rowUnit[r]];
  return out;
}
