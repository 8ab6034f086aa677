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
import { CellProblem, CsvReadOptions, locateRecords, problemToError } from './csv';
import { isParquet, parquetProblem, readTableParquet } from './read-parquet';
import { applyReadingRules, RuleOptions } from './rules';
import { reportReadWarnings, type ReadWarning } from './warnings';
import { didYouMean } from './errors';
import { Panel, PeriodKind } from './panel';
import { compactPerUnit } from './per-unit';
import { readTableEngine } from './read-csv-engine';
import { readTable, RawTable, TablePlan } from './read-table';
import { UnitTable } from './unit-table';

export interface ReadColumnsOptions extends CsvReadOptions, RuleOptions {
  /** Columns that must hold at least one value (an all-empty one is an error naming it). */
  nonEmpty?: readonly string[];
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
  /**
   * The group (first treated period) column: read by the group rule (group-rule.ts): 0,
   * empty or NA = never treated (counted in `panel.warnings`), a start after the last period
   * counted, anything else that is not a period of the data an error. Stored per unit, in
   * the period coding (YYYY-MM with timeKind month). Added to the columns if not listed.
   */
  group?: string;
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
function genericRules(opts: ReadColumnsOptions & { perUnit?: readonly string[]; group?: string; timeKind?: PeriodKind }, skip: readonly string[]) {
  return (names: readonly string[]): ColumnRule[] => {
    const listed = opts.columns ?? names.filter((n) => !skip.includes(n));
    const all = [...listed];
    for (const extra of [...(opts.perUnit ?? []), ...(opts.categorical ?? []), ...(opts.group ? [opts.group] : [])]) if (!all.includes(extra)) all.push(extra);
    return all
      .filter((n) => !skip.includes(n))
      .map((name): ColumnRule => {
        if (name === opts.group) {
          return { name, type: opts.timeKind === 'month' ? 'month' : 'number', required: false, perUnit: true, zeroIsNone: true, role: 'the group (first treated period)' };
        }
        return {
          name,
          type: opts.categorical?.includes(name) ? 'category' : opts.integer?.includes(name) ? 'integer' : 'number',
          required: !opts.optional?.includes(name),
          perUnit: opts.perUnit?.includes(name) ?? false,
        };
      });
  };
}

/**
 * Reads a file (CSV, or Parquet by its extension) by a plan, applies the reading rules
 * (rules.ts: the same for both readers) and builds the result, turning problems found
 * after reading into DataErrors too. The warnings get their lines.
 */
export async function readChecked<T>(
  file: string,
  plan: TablePlan,
  opts: CsvReadOptions & RuleOptions & { autoPerUnit?: readonly string[] },
  build: (raw: RawTable, warnings: ReadWarning[]) => T,
): Promise<T> {
  if (isParquet(file)) {
    // Same plan, same rules, same building and checks; problems found after reading name the line of the equivalent CSV.
    const raw = await readTableParquet(file, plan, opts.autoPerUnit);
    try {
      const warnings = applyReadingRules(raw, opts);
      for (const w of warnings) w.line = w.firstRecord < 0 ? undefined : w.firstRecord + 2;
      return build(raw, warnings);
    } catch (err) {
      if (err instanceof CellProblem) throw parquetProblem(file, err);
      throw err;
    }
  }
  // A large CSV is read by the engine when its reading is certain to be this reader's
  // (read-csv-engine.ts); on any problem, the JavaScript reader reads it again and words it.
  // The reading rules, the warnings' CSV lines and the building: the same after either CSV reader.
  const finish = async (raw: RawTable): Promise<T> => {
    const warnings = applyReadingRules(raw, opts);
    if (warnings.length > 0) {
      const lines = await locateRecords(file, warnings.map((w) => w.firstRecord), opts.encoding);
      for (const w of warnings) w.line = w.firstRecord < 0 ? undefined : lines.get(w.firstRecord) ?? w.firstRecord + 2;
    }
    return build(raw, warnings);
  };
  const fast = await readTableEngine(file, plan, opts, opts.autoPerUnit);
  if (fast) {
    try {
      return await finish(fast);
    } catch (err) {
      if (!(err instanceof CellProblem)) throw err;
    }
  }
  const raw = await readTable(file, plan, opts);
  try {
    return await finish(raw);
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
    group: opts.group ? { column: opts.group, kind: opts.timeKind } : undefined,
    nonEmpty: opts.nonEmpty,
  };
  // Built before the warnings are reported: a build that fails (a duplicate row) reports nothing.
  const panel = await readChecked(file, plan, opts, (raw, warnings) => ({ ...buildPanel(raw, { study: opts.study, source: file }), warnings }));
  reportReadWarnings(panel.warnings ?? []);
  return opts.autoPerUnit && !isParquet(file) ? compactPerUnit(panel, opts.autoPerUnit) : panel;
}

export async function readUnitCsv(file: string, opts: ReadUnitsOptions): Promise<UnitTable> {
  checkOptionNames(file, opts);
  const plan: TablePlan = { id: opts.id, columns: genericRules(opts, [opts.id]), uniqueUnits: true, nonEmpty: opts.nonEmpty };
  return readChecked(file, plan, opts, (raw) => buildUnitTable(raw, file));
}

/** A name in `optional`/`perUnit`/… that is not a kept column is a mistake in the call. */
function checkOptionNames(file: string, opts: ReadColumnsOptions & { perUnit?: readonly string[] }): void {
  if (!opts.columns) return;
  const kept = [...opts.columns, ...(opts.perUnit ?? []), ...(opts.categorical ?? []), ...((opts as { group?: string }).group ? [(opts as { group?: string }).group!] : [])];
  for (const name of [...(opts.optional ?? []), ...(opts.integer ?? []), ...(opts.nonEmpty ?? [])]) {
    if (!kept.includes(name)) throw new Error(`readPanelCsv(${file}): "${name}" is not among the columns to read${didYouMean(name, kept)}`);
  }
}
