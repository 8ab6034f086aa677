/**
 * The one CSV writer of the synthetic-data generators (all studies use it).
 *
 * Why: the same seed must give byte-identical files on every run and machine, and a
 * failed run must never leave a half-written file behind. So:
 * - numbers are printed with a fixed number of decimals per column (Number#toFixed is
 *   exactly specified by ECMAScript), trailing zeros and "-0" removed, NaN as an empty cell;
 * - months print as "YYYY-MM", dates as "YYYY-MM-DD" (UTC), text is quoted only when needed
 *   (RFC 4180); lines end with "\n", the header is the column names;
 * - the file is written to a temporary name in the same directory and renamed over the
 *   target at the end (rename is atomic on one file system).
 *
 * Usage (columnar, typed arrays in, one call per file):
 *
 *   writeCsvColumns(path.join(dir, 'monthly.csv'), [
 *     { name: 'id', format: INT, values: ids },                 // Int32Array / Float64Array / number[]
 *     { name: 'month', format: MONTH, values: monthCodes },     // month codes of src/data/panel.ts
 *     { name: 'wage_kr', format: fixed(0), values: wage },
 *     { name: 'arm', format: TEXT, values: ['T', 'C', ...] },
 *   ]);
 *
 * `writeTextAtomic` and `writeJsonAtomic` give the same guarantees for other outputs
 * (truth.json: JSON.stringify of doubles is deterministic in V8).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatMonth } from '../src/data/panel';

export type CellFormat =
  | { kind: 'fixed'; decimals: number }
  | { kind: 'month' }
  | { kind: 'date' }
  | { kind: 'text' };

/** Integers (no decimals). */
export const INT: CellFormat = { kind: 'fixed', decimals: 0 };
/** Month codes (year·12 + month − 1) printed as YYYY-MM. */
export const MONTH: CellFormat = { kind: 'month' };
/** Days since 1970-01-01 printed as YYYY-MM-DD. */
export const DATE: CellFormat = { kind: 'date' };
/** Strings as given; null or undefined prints as an empty cell. */
export const TEXT: CellFormat = { kind: 'text' };

export function fixed(decimals: number): CellFormat {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 12) throw new RangeError(`fixed: decimals must be 0..12, got ${decimals}`);
  return { kind: 'fixed', decimals };
}

export interface CsvColumnData {
  name: string;
  format: CellFormat;
  values: ArrayLike<number> | readonly (string | null | undefined)[];
}

/** A number with at most `decimals` decimals, trailing zeros dropped; NaN → "". */
export function formatFixed(x: number, decimals: number): string {
  if (Number.isNaN(x)) return '';
  if (!Number.isFinite(x)) throw new RangeError(`formatFixed: cannot write ${x}`);
  let s = x.toFixed(decimals);
  if (decimals > 0) s = s.replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

/** "YYYY-MM-DD" for days since 1970-01-01 (UTC); NaN → "". */
export function formatDate(days: number): string {
  if (Number.isNaN(days)) return '';
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

/** Days since 1970-01-01 of a calendar date (UTC). */
export function dayNumber(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / 86_400_000);
}

function quoteText(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function cellFormatter(c: CsvColumnData): (i: number) => string {
  const v = c.values;
  switch (c.format.kind) {
    case 'fixed': {
      const d = c.format.decimals;
      // Whole numbers print as toFixed(0) would, without its cost (the large monthly files are mostly integers).
      if (d === 0) {
        return (i) => {
          const x = v[i] as number;
          return Number.isInteger(x) ? String(x) : formatFixed(x, 0);
        };
      }
      return (i) => formatFixed(v[i] as number, d);
    }
    case 'month':
      return (i) => {
        const x = v[i] as number;
        return Number.isNaN(x) ? '' : formatMonth(x);
      };
    case 'date':
      return (i) => formatDate(v[i] as number);
    case 'text':
      return (i) => {
        const x = v[i] as string | null | undefined;
        return x == null ? '' : quoteText(String(x));
      };
  }
}

/** Writes `text` to `file` through a temporary file and a rename; creates the directory. */
export function writeTextAtomic(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/** Pretty-printed JSON (2 spaces, trailing newline), written atomically. */
export function writeJsonAtomic(file: string, value: unknown): void {
  writeTextAtomic(file, JSON.stringify(value, null, 2) + '\n');
}

/** Checks the columns (equal lengths, plain names); returns the number of rows. */
function checkColumns(columns: readonly CsvColumnData[]): number {
  if (columns.length === 0) throw new Error('csvText: no columns');
  const n = columns[0].values.length;
  for (const c of columns) {
    if (c.values.length !== n) throw new Error(`csvText: column "${c.name}" has ${c.values.length} values, "${columns[0].name}" has ${n}`);
    if (/[",\n\r]/.test(c.name)) throw new Error(`csvText: bad column name "${c.name}"`);
  }
  return n;
}

/** Data lines from..to-1, each ending in "\n". */
function csvLines(columns: readonly CsvColumnData[], fmts: ((i: number) => string)[], from: number, to: number): string {
  const lines: string[] = new Array(to - from);
  const cells: string[] = new Array(columns.length);
  for (let i = from; i < to; i++) {
    for (let j = 0; j < fmts.length; j++) cells[j] = fmts[j](i);
    lines[i - from] = cells.join(',');
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** Renders columns of equal length as CSV text (header first). */
export function csvText(columns: readonly CsvColumnData[]): string {
  const n = checkColumns(columns);
  return columns.map((c) => c.name).join(',') + '\n' + csvLines(columns, columns.map(cellFormatter), 0, n);
}

/** Rows per chunk written by writeCsvColumns: large files are never held whole in memory. */
const CHUNK_ROWS = 65_536;

/**
 * Writes columns as one CSV file atomically (the bytes of csvText), in chunks of rows;
 * returns the number of data rows and bytes.
 */
export function writeCsvColumns(file: string, columns: readonly CsvColumnData[]): { rows: number; bytes: number } {
  const n = checkColumns(columns);
  const fmts = columns.map(cellFormatter);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  let bytes = 0;
  try {
    const fd = fs.openSync(tmp, 'w');
    try {
      const write = (text: string) => {
        const buf = Buffer.from(text, 'utf8');
        fs.writeSync(fd, buf);
        bytes += buf.length;
      };
      write(columns.map((c) => c.name).join(',') + '\n');
      for (let from = 0; from < n; from += CHUNK_ROWS) write(csvLines(columns, fmts, from, Math.min(n, from + CHUNK_ROWS)));
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  return { rows: n, bytes };
}
