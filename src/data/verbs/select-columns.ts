/**
 * selectColumns: keep only the named columns (row-level or per-unit), e.g. before handing
 * a panel to display or to a worker.
 */
import { Panel } from '../panel';
import { unitColumn, rowColumn } from './column';

export function selectColumns(p: Panel, names: readonly string[]): Panel {
  const cols: Record<string, Float64Array> = {};
  const unitCols: Record<string, Float64Array> = {};
  const levels: Record<string, readonly string[]> = {};
  for (const name of names) {
    if (name in p.cols) cols[name] = rowColumn(p, name);
    else unitCols[name] = unitColumn(p, name);
    if (p.levels[name]) levels[name] = p.levels[name];
  }
  return { ...p, cols, unitCols, levels };
}
