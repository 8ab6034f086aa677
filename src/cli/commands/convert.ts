/**
 * finsam-eval convert --data extract.csv --out extract.parquet [--study S]
 *   [--id ID --time T --time-kind integer|year|month] [--encoding latin1]
 *
 * Converts a CSV extract to Parquet, which every reader (did, drdid, twfe, validate,
 * loadStudy, the render's --data) reads faster and in less memory. The CSV is read and
 * checked by the project's own reader first, so a file that converts is a file the CSV path
 * accepts, and the Parquet file holds exactly the values the CSV path reads (sorted by unit,
 * then period). With --study, the file is the dictionary's file of the same base name
 * (monthly.csv) and its columns are typed by the dictionary: whole-number columns as
 * integers, months as "YYYY-MM" text, categories as their level codes, dates as dates.
 * Without it, --id and --time name the panel's columns and every other column is a number
 * (stored as an integer when all its values are whole).
 */
import { checkEncoding, readText, TextEncoding } from '../../data/source';
import type { ReadWarning } from '../../data/warnings';
import { dataWarnings, writeWarnings } from '../warnings';
import { Command } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inferSchema } from 'udsv';
import { buildPanel, buildUnitTable } from '../../data/build';
import { ColumnRule } from '../../data/convert';
import { OutColumn, sqlString, writeParquet } from '../../data/duckdb';
import { readChecked, readPanelCsv, ReadPanelOptions } from '../../data/load';
import { csvToParquet, engineLog } from '../../data/read-csv-engine';
import { Panel, PeriodKind } from '../../data/panel';
import { isParquet } from '../../data/read-parquet';
import { ColumnType } from '../../data/schema';
import { getSchema } from '../../data/schemas/index';
import { baseName, filePlan } from '../../data/study';
import { UnitTable } from '../../data/unit-table';
import { userError } from './did';

interface ConvertOptions {
  data?: string;
  out?: string;
  study?: string;
  id?: string;
  time?: string;
  timeKind?: string;
  encoding?: string;
  strict?: boolean;
}

const INT32 = 2 ** 31 - 1;

/** The narrowest exact storage for numbers: INTEGER when whole and within 32 bits, else BIGINT when whole, else DOUBLE. */
function storageType(values: ArrayLike<number>): 'INTEGER' | 'BIGINT' | 'DOUBLE' {
  let whole = true;
  let small = true;
  for (let i = 0; i < values.length && whole; i++) {
    const v = values[i];
    if (v !== v) continue;
    if (v % 1 !== 0) whole = false;
    else if (v > INT32 || v < -INT32) small = false;
  }
  return !whole ? 'DOUBLE' : small ? 'INTEGER' : 'BIGINT';
}

function numberExpr(values: Float64Array): (c: string) => string {
  const type = storageType(values);
  if (type === 'DOUBLE') return (c) => c;
  return (c) => `CAST(${c} AS ${type})`;
}

/** How a value of a dictionary type is written: months as YYYY-MM text, categories as their codes, dates as dates. */
function typedExpr(type: ColumnType | PeriodKind, values: Float64Array, levels?: readonly string[]): (c: string) => string {
  switch (type) {
    case 'month':
      // 0 is "none" (a treatment start of a never-treated unit): written as 0, as the CSV may.
      return (c) => `CASE WHEN ${c} = 0 THEN '0' ELSE printf('%04d-%02d', CAST(floor(${c} / 12) AS INTEGER), CAST(${c} - floor(${c} / 12) * 12 + 1 AS INTEGER)) END`;
    case 'category':
      return (c) => `([${(levels ?? []).map(sqlString).join(', ')}])[CAST(${c} AS INTEGER) + 1]`;
    case 'date':
      return (c) => `DATE '1970-01-01' + CAST(${c} AS INTEGER)`;
    default:
      return numberExpr(values);
  }
}

/** Columns of a panel as long rows (per-unit columns repeated on their unit's rows), in `order`. */
function panelColumns(panel: Panel, order: readonly string[], typeOf: (name: string) => ColumnType | PeriodKind): OutColumn[] {
  const out: OutColumn[] = [];
  for (const name of order) {
    if (name === panel.idName) {
      const ids = new Float64Array(panel.nRows);
      for (let r = 0; r < panel.nRows; r++) ids[r] = panel.unitIds[panel.rowUnit[r]];
      out.push({ name, values: ids, expr: numberExpr(ids) });
    } else if (name === panel.timeName) {
      const t = Float64Array.from(panel.rowTime);
      out.push({ name, values: t, expr: typedExpr(panel.periodKind, t) });
    } else if (name in panel.cols) {
      const v = panel.cols[name];
      out.push({ name, values: v, expr: typedExpr(typeOf(name), v, panel.levels[name]) });
    } else if (name in panel.unitCols) {
      const u = panel.unitCols[name];
      const v = new Float64Array(panel.nRows);
      for (let r = 0; r < panel.nRows; r++) v[r] = u[panel.rowUnit[r]];
      out.push({ name, values: v, expr: typedExpr(typeOf(name), v, panel.levels[name]) });
    }
  }
  return out;
}

function tableColumns(table: UnitTable, order: readonly string[], typeOf: (name: string) => ColumnType | PeriodKind): OutColumn[] {
  return order
    .filter((name) => name === table.idName || name in table.cols)
    .map((name) => {
      const v = name === table.idName ? table.unitIds : table.cols[name];
      return { name, values: v, expr: name === table.idName ? numberExpr(v) : typedExpr(typeOf(name), v, table.levels[name]) };
    });
}

/** The header's column names as the CSV reader sees them (uDSV's delimiter detection); [] for an unreadable file (the reader then says why). */
async function headerNames(file: string, encoding: TextEncoding): Promise<string[]> {
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) return [];
  // Through the reader's own source (gzip, strict UTF-8); its errors are the reader's too.
  let head = '';
  for await (const chunk of readText(file, encoding)) {
    head += chunk;
    if (/[\r\n]/.test(head) || head.length >= 1 << 16) break;
  }
  const line = head.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)[0];
  if (!line) return [];
  return inferSchema(line + '\n').cols.map((c) => String(c.name).trim());
}

/**
 * A generic panel read for conversion: the columns to write, or, when the engine read the
 * file in the panel's order, only each column's storage type (csvToParquet writes them).
 */
async function readGeneric(file: string, ro: ReadPanelOptions & { columns: string[] }): Promise<{ warnings: ReadWarning[]; rows: number } & ({ columns: OutColumn[] } | { direct: { name: string; type: 'INTEGER' | 'BIGINT' | 'DOUBLE' }[] })> {
  const panel = await readPanelCsv(file, ro);
  const warnings = [...(panel.warnings ?? [])];
  const order = [panel.idName, panel.timeName, ...ro.columns];
  const last = engineLog.last;
  if (last?.used && last.file === file && last.sorted) {
    const values = (name: string): ArrayLike<number> =>
      name === panel.idName ? panel.unitIds : name === panel.timeName ? panel.periods : (panel.cols[name] ?? panel.unitCols[name]);
    return { warnings, rows: panel.nRows, direct: order.map((name) => ({ name, type: storageType(values(name)) })) };
  }
  return { warnings, rows: panel.nRows, columns: panelColumns(panel, order, () => 'number') };
}

export async function convertFile(opts: ConvertOptions): Promise<{ rows: number; columns: number }> {
  if (!opts.data || !opts.out) throw userError('convert needs --data <file.csv> and --out <file.parquet>');
  if (isParquet(opts.data)) throw userError(`--data ${opts.data} is already a Parquet file`);
  if (!isParquet(opts.out)) throw userError(`--out must name a .parquet file, not "${opts.out}"`);
  const encoding = checkEncoding(opts.encoding);
  // What the reading rules did (e.g. empty treatment starts written as 0), for stderr.
  const warned: ReadWarning[] = [];
  let columns: OutColumn[];
  if (opts.study) {
    const schema = getSchema(opts.study);
    const spec = schema.files.find((f) => baseName(f.file) === baseName(opts.data!));
    if (!spec) throw userError(`study ${schema.name} has no file named like ${path.basename(opts.data)} (its files: ${schema.files.map((f) => f.file).join(', ')})`);
    const plan = filePlan(schema, spec);
    const rules = plan.columns as readonly ColumnRule[];
    const typeOf = (name: string): ColumnType | PeriodKind => rules.find((r) => r.name === name)?.type ?? 'number';
    const order = spec.columns.map((c) => c.name);
    if (spec.level === 'unit') {
      const table = await readChecked(opts.data, plan, { encoding, strict: opts.strict }, (raw, w) => (warned.push(...w), buildUnitTable(raw, opts.data)));
      columns = tableColumns(table, order, typeOf);
    } else {
      const panel = await readChecked(opts.data, plan, { encoding, strict: opts.strict }, (raw, w) => (warned.push(...w), buildPanel(raw, { study: schema.name, source: opts.data })));
      columns = panelColumns(panel, order, typeOf);
    }
  } else {
    if (!opts.id || !opts.time) throw userError('convert needs --study S, or --id and --time for a generic panel');
    const kind = opts.timeKind ?? 'integer';
    if (!['integer', 'year', 'month'].includes(kind)) throw userError(`--time-kind must be integer, year or month, not "${kind}"`);
    // Every other column: numbers, empty cells allowed (the estimators drop such rows, as R).
    const names = (await headerNames(opts.data, encoding)).filter((n) => n !== opts.id && n !== opts.time);
    // Columns constant within units are held once per unit while reading (a register extract's covariates).
    const read = await readGeneric(opts.data, { id: opts.id, time: opts.time, timeKind: kind as PeriodKind, encoding, columns: names, optional: names, strict: opts.strict, autoPerUnit: names });
    warned.push(...read.warnings);
    if ('direct' in read) {
      // Read by the engine, rows already in the panel's order: written straight from the
      // engine's scan with the same values, never held per row in JavaScript (1.2 M persons);
      // the panel read is no longer referenced, so its memory can go first.
      writeWarnings(dataWarnings(warned));
      await csvToParquet(opts.data, { encoding }, opts.id, read.direct, opts.out);
      return { rows: read.rows, columns: read.direct.length };
    }
    columns = read.columns;
  }
  writeWarnings(dataWarnings(warned));
  await writeParquet(opts.out, columns);
  return { rows: columns.length ? columns[0].values.length : 0, columns: columns.length };
}

export function register(program: Command): void {
  program
    .command('convert')
    .description('convert a CSV extract to Parquet (read and checked by the CSV reader first; typed by the study dictionary with --study)')
    .option('--data <file>', 'the CSV file')
    .option('--out <file>', 'the Parquet file to write')
    .option('--study <name>', "type the columns by this study's dictionary (the file's base name picks the dictionary file)")
    .option('--id <col>', 'without --study: the unit identifier column')
    .option('--time <col>', 'without --study: the period column')
    .option('--time-kind <k>', 'without --study: integer | year | month (YYYY-MM)', 'integer')
    .option('--encoding <name>', 'text encoding of the CSV (utf8 or latin1); gzip is read as is', 'utf8')
    .option('--strict', 'production run: a reading rule that changes the sample is an error (nothing written)')
    .action(async (opts: ConvertOptions) => {
      const res = await convertFile(opts);
      process.stderr.write(`wrote ${opts.out}: ${res.rows} rows, ${res.columns} columns\n`);
    });
}
