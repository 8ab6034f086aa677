/**
 * The columnar panel every estimator and table builder works on.
 *
 * Rows are person-periods sorted by unit, then period; each unit's rows are contiguous
 * (rows rowStart[u] .. rowStart[u + 1] - 1). Row-level columns are Float64Array with NaN
 * for missing; time-invariant attributes live once per unit in `unitCols`. Category
 * columns hold the level's index (0, 1, …) and name their levels in `levels`.
 *
 * Periods are integer codes: months count from year 0 (`monthCode(2019, 8)`), years are
 * the year itself, so consecutive months differ by exactly 1; `integer` periods (a wave
 * number, a month counter in a generic CSV) are kept as given.
 */
import type { ReadWarning } from './warnings';
export type PeriodKind = 'month' | 'year' | 'integer';

export interface Panel {
  /** Study this panel was read as (a dictionary name), if any. */
  readonly study?: string;
  /** Where it came from (file or directory), for error messages and manifests. */
  readonly source?: string;
  readonly idName: string;
  readonly timeName: string;
  readonly periodKind: PeriodKind;
  readonly nUnits: number;
  readonly nRows: number;
  /** Unit identifiers, ascending, length nUnits. */
  readonly unitIds: Float64Array;
  /** Row offsets, length nUnits + 1. */
  readonly rowStart: Int32Array;
  /** Unit index of each row. */
  readonly rowUnit: Int32Array;
  /** Period code of each row. */
  readonly rowTime: Int32Array;
  /** Distinct period codes, ascending. */
  readonly periods: Int32Array;
  /** Index into `periods` of each row. */
  readonly rowPeriod: Int32Array;
  /** Time-varying columns, one value per row. */
  readonly cols: Readonly<Record<string, Float64Array>>;
  /** Time-invariant columns, one value per unit. */
  readonly unitCols: Readonly<Record<string, Float64Array>>;
  /** Level names of category columns (row- or unit-level), by column name. */
  readonly levels: Readonly<Record<string, readonly string[]>>;
  /**
   * What the reading rules did to the file (units read as never treated, …), each with a
   * count and a reason (src/data/warnings.ts). Set by the readers; verbs carry it along.
   */
  readonly warnings?: readonly ReadWarning[];
}

/** Month code: months since January of year 0, so that consecutive months differ by 1. */
export function monthCode(year: number, month: number): number {
  return year * 12 + (month - 1);
}

export function monthYear(code: number): number {
  return Math.floor(code / 12);
}

export function monthOfYear(code: number): number {
  return code - monthYear(code) * 12 + 1;
}

/** "2019-08" for a month code. */
export function formatMonth(code: number): string {
  const m = monthOfYear(code);
  return `${monthYear(code)}-${m < 10 ? '0' : ''}${m}`;
}

/**
 * Parses "2019-08", "2019-08-01" or "201908" into a month code; returns NaN for anything
 * else, so the caller can report the offending cell.
 */
export function parseMonth(text: string): number {
  const s = text.trim();
  let m = /^(\d{4})-(\d{1,2})(?:-01)?$/.exec(s);
  if (!m) m = /^(\d{4})(\d{2})$/.exec(s);
  if (!m) return NaN;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return NaN;
  return monthCode(year, month);
}
