/**
 * Loading a study: every file of its data dictionary, read and checked, into typed tables.
 *
 *   const study = await loadStudy('team-rct');            // $FINSAM_DATA or data-synthetic/out
 *   const monthly = study.panels.monthly;                  // Panel, unit attributes in unitCols
 *   const persons = study.units;                           // UnitTable, one row per person
 *
 * The dictionary alone decides what is read and checked; synthetic and real extracts of
 * the same schema go through the same code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildPanel, buildUnitTable } from './build';
import { ColumnRule } from './convert';
import { CellProblem, CsvReadOptions, problemToError } from './csv';
import type { RuleOptions } from './rules';
import { reportReadWarnings, type ReadWarning } from './warnings';
import { DataError, didYouMean } from './errors';
import { readChecked } from './load';
import { Panel } from './panel';
import { RawTable, TablePlan } from './read-table';
import { ColumnSpec, FileSpec, StudySchema } from './schema';
import { getSchema } from './schemas/index';
import { findUnit, UnitTable } from './unit-table';
import { formatValue } from './convert';

export interface Study {
  readonly name: string;
  readonly schema: StudySchema;
  readonly dir: string;
  /** The study's units: the first unit file, joined with the other non-auxiliary unit files. */
  readonly units: UnitTable;
  /** Every unit-level file as read, by base name ("persons", "recruitment"). */
  readonly tables: Readonly<Record<string, UnitTable>>;
  /**
   * Every unit-period file by base name ("monthly"); non-auxiliary panels carry the unit
   * attributes of `units` in their unitCols.
   */
  readonly panels: Readonly<Record<string, Panel>>;
  /** What the reading rules did, file by file (e.g. persons read as never treated), with counts. */
  readonly warnings?: readonly ReadWarning[];
}

/** The project root, two levels above this file (src/data). */
export const projectRoot = path.resolve(__dirname, '..', '..');

/** Where studies live: $FINSAM_DATA, else data-synthetic/out under the project root. */
export function defaultDataDir(): string {
  return process.env.FINSAM_DATA ?? path.join(projectRoot, 'data-synthetic', 'out');
}

/** Loads study `name` from `dir` (default: defaultDataDir()/name) against its dictionary. */
export async function loadStudy(name: string, dir?: string, opts: CsvReadOptions & RuleOptions = {}): Promise<Study> {
  return readStudy(getSchema(name), dir ?? path.join(defaultDataDir(), name), opts);
}

export function baseName(file: string): string {
  return path.basename(file).replace(/\.[^.]*$/, '');
}

/** Reads and checks the directory `dir` against `schema`. */
export async function readStudy(schema: StudySchema, dir: string, opts: CsvReadOptions & RuleOptions = {}): Promise<Study> {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    // Say how to get data: a fresh clone has no synthetic data until something generates it.
    const hint = process.env.FINSAM_DATA
      ? `FINSAM_DATA=${process.env.FINSAM_DATA} should hold one directory per study (${schema.name}/)`
      : 'make the synthetic data with `npm run synth` (npm run lab, npm test and npm run report do it themselves), or set FINSAM_DATA to a directory of real data';
    throw new DataError({ file: dir }, `the data directory does not exist; ${hint}`);
  }
  const present = fs.readdirSync(dir);
  // A file of the dictionary may be given as Parquet (monthly.parquet for monthly.csv), or
  // compressed: gzip is recognised by its bytes, under the CSV's name or as NAME.csv.gz.
  const fileOf = (spec: FileSpec): string => {
    if (present.includes(spec.file)) return path.join(dir, spec.file);
    const parquet = baseName(spec.file) + '.parquet';
    return path.join(dir, present.includes(parquet) ? parquet : `${spec.file}.gz`);
  };
  for (const spec of schema.files) {
    if (!present.includes(spec.file) && !present.includes(baseName(spec.file) + '.parquet') && !present.includes(`${spec.file}.gz`)) {
      throw new DataError({ file: path.join(dir, spec.file) }, `the file is missing from the data directory${didYouMean(spec.file, present)}`);
    }
  }

  const tables: Record<string, UnitTable> = {};
  const warnings: ReadWarning[] = [];
  // First record of each unit in the main unit file, to name its line in messages.
  const unitRecord = new Map<number, number>();
  const unitFiles = schema.files.filter((f) => f.level === 'unit');
  for (const spec of unitFiles) {
    const file = fileOf(spec);
    tables[baseName(spec.file)] = await readChecked(file, filePlan(schema, spec), opts, (raw, w) => {
      warnings.push(...w);
      if (spec === unitFiles.find((f) => !f.auxiliary)) raw.slotIds.forEach((id, s) => unitRecord.set(id, raw.slotFirstRecord[s]));
      return buildUnitTable(raw, file);
    });
  }
  const main = unitFiles.filter((f) => !f.auxiliary);
  const units = joinUnitFiles(schema, dir, main, tables);

  const panels: Record<string, Panel> = {};
  for (const spec of schema.files.filter((f) => f.level === 'unit-period')) {
    const file = fileOf(spec);
    const joined = !spec.auxiliary && main.length > 0;
    panels[baseName(spec.file)] = await readChecked(file, filePlan(schema, spec), opts, (raw, w) => {
      warnings.push(...w);
      if (joined) checkAgainstUnits(raw, units, main[0].file);
      const panel = { ...buildPanel(raw, { study: schema.name, source: file }), warnings: w };
      return joined ? attachUnits(panel, units) : panel;
    });
    if (joined && spec.complete) await checkEveryUnitHasRows(units, panels[baseName(spec.file)], fileOf(main[0]), spec.file, unitRecord, opts);
  }
  reportReadWarnings(warnings);
  return { name: schema.name, schema, dir, units, tables, panels, warnings };
}

/** A `complete` file must have rows for every unit of the unit file; the error names the unit's line there. */
async function checkEveryUnitHasRows(
  units: UnitTable,
  panel: Panel,
  unitFile: string,
  panelFile: string,
  unitRecord: Map<number, number>,
  opts: CsvReadOptions,
): Promise<void> {
  let missing = 0;
  let first = -1;
  for (let i = 0; i < units.nUnits; i++) {
    if (findUnit(panel.unitIds, units.unitIds[i]) >= 0) continue;
    missing++;
    const r = unitRecord.get(units.unitIds[i]) ?? -1;
    if (first < 0 || r < (unitRecord.get(units.unitIds[first]) ?? -1)) first = i;
  }
  if (missing === 0) return;
  const id = units.unitIds[first];
  const more = missing > 1 ? ` (${missing} units have none)` : '';
  throw await problemToError(
    unitFile,
    new CellProblem(unitRecord.get(id) ?? -1, units.idName, `unit ${id} has no rows in ${panelFile}, which must cover every unit${more}`),
    opts,
  );
}

/** How one dictionary file is read. */
export function filePlan(schema: StudySchema, spec: FileSpec): TablePlan {
  if (spec.level === 'unit-period' && !spec.time) throw new Error(`dictionary ${schema.name}: ${spec.file} is unit-period but names no time column`);
  const timeName = spec.time?.column;
  const timeSpec = spec.columns.find((c) => c.name === timeName);
  const columns = spec.columns.filter((c) => c.name !== schema.id && c.name !== timeName).map((c) => columnRule(schema, spec, c));
  const start = schema.treatmentStart ? spec.columns.find((c) => c.name === schema.treatmentStart) : undefined;
  return {
    id: schema.id,
    time: spec.time ? { column: spec.time.column, kind: spec.time.kind, range: timeSpec?.range } : undefined,
    columns,
    uniqueUnits: spec.level === 'unit',
    group: start ? { column: start.name, kind: start.type === 'month' ? 'month' : start.type === 'year' ? 'year' : 'integer', role: 'the treatment start' } : undefined,
    checks: spec.checks,
  };
}

function columnRule(schema: StudySchema, spec: FileSpec, c: ColumnSpec): ColumnRule {
  const isStart = c.name === schema.treatmentStart;
  return {
    name: c.name,
    type: c.type,
    required: c.required !== false,
    range: c.range,
    levels: c.levels?.map((l) => l.code),
    perUnit: spec.level === 'unit-period' && (c.perUnit === true || isStart),
    zeroIsNone: isStart,
    role: isStart ? 'the treatment start' : undefined,
  };
}

/** The first unit file's table with the columns of the other unit files added (NaN where absent). */
function joinUnitFiles(schema: StudySchema, dir: string, main: FileSpec[], tables: Record<string, UnitTable>): UnitTable {
  if (main.length === 0) {
    return { source: dir, idName: schema.id, nUnits: 0, unitIds: new Float64Array(0), cols: {}, levels: {} };
  }
  const first = tables[baseName(main[0].file)];
  if (main.length === 1) return first;
  const cols: Record<string, Float64Array> = { ...first.cols };
  const levels: Record<string, readonly string[]> = { ...first.levels };
  for (const spec of main.slice(1)) {
    const t = tables[baseName(spec.file)];
    for (let i = 0; i < t.nUnits; i++) {
      if (findUnit(first.unitIds, t.unitIds[i]) < 0) {
        throw new DataError({ file: path.join(dir, spec.file), column: schema.id }, `unit ${t.unitIds[i]} is not in ${main[0].file}`);
      }
    }
    for (const [name, values] of Object.entries(t.cols)) {
      if (name in cols) continue;
      const out = new Float64Array(first.nUnits).fill(NaN);
      for (let i = 0; i < t.nUnits; i++) out[findUnit(first.unitIds, t.unitIds[i])] = values[i];
      cols[name] = out;
      if (t.levels[name]) levels[name] = t.levels[name];
    }
  }
  return { ...first, cols, levels };
}

/**
 * Every unit of a unit-period file must be in the unit file, and a per-unit value that the
 * unit file also holds (e.g. the treatment start) must agree with it.
 */
function checkAgainstUnits(raw: RawTable, units: UnitTable, unitFile: string): void {
  let bad = -1;
  for (let s = 0; s < raw.slotIds.length; s++) {
    if (findUnit(units.unitIds, raw.slotIds[s]) < 0 && (bad < 0 || raw.slotFirstRecord[s] < raw.slotFirstRecord[bad])) bad = s;
  }
  if (bad >= 0) {
    throw new CellProblem(raw.slotFirstRecord[bad], raw.plan.id, `unit ${raw.slotIds[bad]} is not in ${unitFile}`);
  }
  const rules = typeof raw.plan.columns === 'function' ? [] : raw.plan.columns;
  for (const [name, values] of Object.entries(raw.slotCols)) {
    const other = units.cols[name];
    if (!other) continue;
    const rule = rules.find((r) => r.name === name);
    for (let s = 0; s < raw.slotIds.length; s++) {
      const a = values[s];
      const b = other[findUnit(units.unitIds, raw.slotIds[s])];
      if (a !== b && !(a !== a && b !== b)) {
        const show = (x: number) =>
          x !== x ? 'empty' : x === 0 && rule?.zeroIsNone ? 'none (never treated)' : rule ? formatValue(rule.type, x) : String(x);
        throw new CellProblem(raw.slotFirstRecord[s], name, `${rule?.role ?? 'the value'} of unit ${raw.slotIds[s]} is ${show(a)}, but ${show(b)} in ${unitFile}`);
      }
    }
  }
}

/** Adds the unit table's columns to a panel's unitCols (those it does not hold itself). */
export function attachUnits(panel: Panel, units: UnitTable): Panel {
  const where = new Int32Array(panel.nUnits);
  for (let u = 0; u < panel.nUnits; u++) where[u] = findUnit(units.unitIds, panel.unitIds[u]);
  const unitCols: Record<string, Float64Array> = { ...panel.unitCols };
  const levels: Record<string, readonly string[]> = { ...panel.levels };
  for (const [name, values] of Object.entries(units.cols)) {
    if (name in panel.cols || name in unitCols) continue;
    const out = new Float64Array(panel.nUnits);
    for (let u = 0; u < panel.nUnits; u++) out[u] = where[u] < 0 ? NaN : values[where[u]];
    unitCols[name] = out;
    if (units.levels[name]) levels[name] = units.levels[name];
  }
  return { ...panel, unitCols, levels };
}
