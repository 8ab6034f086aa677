/**
 * Conversion to a danfojs DataFrame, for display at the edges (a notebook cell showing the
 * first rows, a quick describe()). Never used inside estimators: danfo works on boxed
 * values and is slow for numerics. danfojs-node is loaded only when called.
 */
import type { DataFrame } from 'danfojs-node';
import { formatMonth, Panel } from './panel';
import { UnitTable } from './unit-table';

export interface ToDanfoOptions {
  /** Columns to include (row-level and per-unit; per-unit ones are repeated on each row). Default: all. */
  columns?: readonly string[];
  /** Category columns as their level names rather than indexes. Default true. */
  levelNames?: boolean;
  /** Month periods as "YYYY-MM" rather than codes. Default true. */
  monthText?: boolean;
  /** At most this many rows (from the top), to keep a display small. Default: all. */
  head?: number;
}

type Cell = number | string | null;

function danfo(): typeof import('danfojs-node') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('danfojs-node');
}

function present(values: ArrayLike<number>, n: number, levels: readonly string[] | undefined, names: boolean): Cell[] {
  const out: Cell[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    out[i] = v !== v ? null : levels && names ? levels[v] ?? String(v) : v;
  }
  return out;
}

export function panelToDanfo(p: Panel, opts: ToDanfoOptions = {}): DataFrame {
  const n = Math.min(p.nRows, opts.head ?? p.nRows);
  const names = opts.levelNames ?? true;
  const data: Record<string, Cell[]> = {};
  const ids = new Float64Array(n);
  for (let r = 0; r < n; r++) ids[r] = p.unitIds[p.rowUnit[r]];
  data[p.idName] = present(ids, n, undefined, false);
  data[p.timeName] =
    p.periodKind === 'month' && (opts.monthText ?? true) ? Array.from(p.rowTime.subarray(0, n), formatMonth) : Array.from(p.rowTime.subarray(0, n));
  const wanted = opts.columns ?? [...Object.keys(p.cols), ...Object.keys(p.unitCols)];
  for (const name of wanted) {
    let values: ArrayLike<number>;
    if (p.cols[name]) values = p.cols[name];
    else if (p.unitCols[name]) {
      const u = p.unitCols[name];
      const b = new Float64Array(n);
      for (let r = 0; r < n; r++) b[r] = u[p.rowUnit[r]];
      values = b;
    } else throw new Error(`panelToDanfo: no column "${name}"`);
    data[name] = present(values, n, p.levels[name], names);
  }
  const { DataFrame: DF } = danfo();
  return new DF(data);
}

export function unitTableToDanfo(t: UnitTable, opts: ToDanfoOptions = {}): DataFrame {
  const n = Math.min(t.nUnits, opts.head ?? t.nUnits);
  const names = opts.levelNames ?? true;
  const data: Record<string, Cell[]> = { [t.idName]: present(t.unitIds, n, undefined, false) };
  for (const name of opts.columns ?? Object.keys(t.cols)) {
    if (!t.cols[name]) throw new Error(`unitTableToDanfo: no column "${name}"`);
    data[name] = present(t.cols[name], n, t.levels[name], names);
  }
  const { DataFrame: DF } = danfo();
  return new DF(data);
}
