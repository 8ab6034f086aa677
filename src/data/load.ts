/**
 * Reading a generic long CSV into a Panel (and a one-row-per-unit CSV into a UnitTable).
 *
 *   const p = await readPanelCsv('mpdta.csv', {
 *     id: 'countyreal', time: 'year', timeKind: 'year',
 *     columns: ['lemp', 'lpop', 'first.treat'], perUnit: ['lpop', 'first.treat'],
 *   });
 *
 * Rows may come in any order; the panel is sorted by unit, then period. Every error is a
 * DataError naming file, column and line; nothing is returned half-read.
 */
import { buildPanel, buildUnitTable } from './build';
import { ColumnRule } from './convert';
import { CellProblem, CsvReadOptions, problemToError } from './csv';
import { parquetProblem } from './read-parquet';
import { didYouMean } from './errors';
import { Panel, PeriodKind } from './panel';
import { compactPerUnit } from './per-unit';
import { readTable, RawTable, TablePlan } from './read-table';
import { isParquet, readTableParquet } from './read-parquet';
import { UnitTable } from './unit-table';

export interface ReadColumnsOptions extends CsvReadOptions {
  /** Value columns to keep (row-level and per-unit). Default: every column but id and time. */
  columns?: readonly string[];
  /** Columns whose cells may be empty or NA (kept as NaN); cells of all others are required. */
  optional?: readonly string[];
  /** Category columns: stored as the index of their level; levels are the values found, sorted. */
  categorical?: readonly string[];
  /** Columns that must be whole numbers. */
  integer?: readonly string[];
}

export interface ReadPanelOptions extends ReadColumnsOptions {
  /** Unit identifier column (non-negative whole numbers). */
  id: string;
  /** Period column. */
  time: string;
  /** 'month': "YYYY-MM" (or YYYYMM); 'year': a whole year; 'integer': any whole number. */
  timeKind: PeriodKind;
  /** Columns constant within a unit: checked, and stored once per unit in `unitCols`. */
  perUnit?: readonly string[];
  /** Study name recorded in the panel. */
  study?: string;
  /**
   * Columns stored once per unit when they are constant within every unit (else kept per
   * row): the command line's covariates, group, weights and clusters, whose role the file
   * does not declare. A Parquet file is checked by the engine without reading them per row.
   */
  autoPerUnit?: readonly string[];
}

export interface ReadUnitsOptions extends ReadColumnsOptions {
  /** Unit identifier column; each identifier must appear once. */
  id: string;
}

/** Turns the generic options into column rules; columns not in the file are reported by the reader. */
function genericRules(opts: ReadColumnsOptions & { perUnit?: readonly string[] }, skip: readonly string[]) {
  return (names: readonly string[]): ColumnRule[] => {
    const listed = opts.columns ?? names.filter((n) => !skip.includes(n));
    const all = [...listed];
    for (const extra of [...(opts.perUnit ?? []), ...(opts.categorical ?? [])]) if (!all.includes(extra)) all.push(extra);
    return all
      .filter((n) => !skip.includes(n))
      .map((name) => ({
        name,
        type: opts.categorical?.includes(name) ? 'category' : opts.integer?.includes(name) ? 'integer' : 'number',
        required: !opts.optional?.includes(name),
        perUnit: opts.perUnit?.includes(name) ?? false,
      }));
  };
}

/** Reads a file by a plan, turning problems found after reading into DataErrors too. */
export async function readChecked<T>(file: string, plan: TablePlan, opts: CsvReadOptions & { autoPerUnit?: readonly string[] }, build: (raw: RawTable) => T): Promise<T> {
  if (isParquet(file)) {
    // Same plan, same building and checks; problems found after reading name the line of the equivalent CSV.
    const raw = await readTableParquet(file, plan, opts.autoPerUnit);
    try {
      return build(raw);
    } catch (err) {
      if (err instanceof CellProblem) throw parquetProblem(file, err);
      throw err;
    }
  }
  const raw = await readTable(file, plan, opts);
  try {
    return build(raw);
  } catch (err) {
    if (err instanceof CellProblem) throw await problemToError(file, err, opts);
    throw err;
  }
}

export async function readPanelCsv(file: string, opts: ReadPanelOptions): Promise<Panel> {
  checkOptionNames(file, opts);
  const plan: TablePlan = {
    id: opts.id,
    time: { column: opts.time, kind: opts.timeKind },
    columns: genericRules(opts, [opts.id, opts.time]),
  };
  const panel = await readChecked(file, plan, opts, (raw) => buildPanel(raw, { study: opts.study, source: file }));
  return opts.autoPerUnit && !isParquet(file) ? compactPerUnit(panel, opts.autoPerUnit) : panel;
}

export async function readUnitCsv(file: string, opts: ReadUnitsOptions): Promise<UnitTable> {
  checkOptionNames(file, opts);
  const plan: TablePlan = { id: opts.id, columns: genericRules(opts, [opts.id]), uniqueUnits: true };
  return readChecked(file, plan, opts, (raw) => buildUnitTable(raw, file));
}

/** A name in `optional`/`perUnit`/… that is not a kept column is a mistake in the call. */
function checkOptionNames(file: string, opts: ReadColumnsOptions & { perUnit?: readonly string[] }): void {
  if (!opts.columns) return;
  const kept = [...opts.columns, ...(opts.perUnit ?? []), ...(opts.categorical ?? [])];
  for (const name of [...(opts.optional ?? []), ...(opts.integer ?? [])]) {
    if (!kept.includes(name)) throw new Error(`readPanelCsv(${file}): "${name}" is not among the columns to read${didYouMean(name, kept)}`);
  }
}
