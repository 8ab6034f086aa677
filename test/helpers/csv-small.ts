/**
 * Minimal reader for the small, well-formed reference CSVs in shared/reference (no quoting,
 * comma separated, header row). Test-only: the project's loader lives in src/data.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Panel } from '../../src/data/panel';

/** Columns by name as Float64Array; "NA" and empty cells become NaN. */
export function readCsvColumns(file: string): { names: string[]; nRows: number; cols: Record<string, Float64Array> } {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const names = lines[0].split(',').map((s) => s.replace(/^"|"$/g, ''));
  const nRows = lines.length - 1;
  const cols: Record<string, Float64Array> = {};
  for (const name of names) cols[name] = new Float64Array(nRows);
  for (let r = 0; r < nRows; r++) {
    const cells = lines[r + 1].split(',');
    for (let c = 0; c < names.length; c++) {
      const s = cells[c];
      cols[names[c]][r] = s === undefined || s === '' || s === 'NA' ? NaN : Number(s);
    }
  }
  return { names, nRows, cols };
}

import { REFERENCE_DIR } from './reference';

export { REFERENCE_DIR };

export function readReferenceJson<T = any>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(REFERENCE_DIR, name), 'utf8')) as T;
}

/** A Panel (src/data/panel.ts) from a reference CSV: every other column row-level, integer periods. */
export function panelFromCsv(file: string, idName: string, timeName: string): Panel {
  const { names, nRows, cols } = readCsvColumns(file);
  const id = cols[idName];
  const time = cols[timeName];
  const order = Array.from({ length: nRows }, (_, i) => i).sort((a, b) => id[a] - id[b] || time[a] - time[b]);
  const unitIds: number[] = [];
  const rowStart: number[] = [];
  const rowUnit = new Int32Array(nRows);
  const rowTime = new Int32Array(nRows);
  order.forEach((r, i) => {
    if (i === 0 || id[r] !== id[order[i - 1]]) {
      unitIds.push(id[r]);
      rowStart.push(i);
    }
    rowUnit[i] = unitIds.length - 1;
    rowTime[i] = time[r];
  });
  rowStart.push(nRows);
  const periods = Int32Array.from(new Set(Array.from(rowTime))).sort();
  const pIndex = new Map(Array.from(periods, (p, i) => [p, i] as [number, number]));
  const out: Record<string, Float64Array> = {};
  for (const name of names) {
    if (name === idName || name === timeName) continue;
    out[name] = Float64Array.from(order, (r) => cols[name][r]);
  }
  return {
    source: file,
    idName,
    timeName,
    periodKind: 'integer',
    nUnits: unitIds.length,
    nRows,
    unitIds: Float64Array.from(unitIds),
    rowStart: Int32Array.from(rowStart),
    rowUnit,
    rowTime,
    periods,
    rowPeriod: Int32Array.from(rowTime, (t) => pIndex.get(t)!),
    cols: out,
    unitCols: {},
    levels: {},
  };
}
