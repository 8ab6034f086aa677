/**
 * Reads one CSV file by a plan (which columns, how to convert them) into unsorted typed
 * columns: the common core of readPanelCsv and loadStudy, so a generic file and a study
 * file go through exactly the same checks. The RawTable it returns is the reader-independent
 * form: another reader (e.g. Parquet) fills one the same way and hands it to
 * applyReadingRules (rules.ts).
 */
import { GrowArray } from './grow';
import { IdIndex } from './id-index';
import { makeConverter, makeTimeConverter, ColumnRule, CellConverter, formatValue } from './convert';
import { CellProblem, CsvHeader, CsvReadOptions, streamCsv } from './csv';
import { DataError, didYouMean } from './errors';
import { PeriodKind } from './panel';
import type { CrossCheck } from './cross-checks';
import type { GroupRule } from './group-rule';

export interface TablePlan {
  /** The unit identifier column. */
  id: string;
  /** The period column of a unit-period file. */
  time?: { column: string; kind: PeriodKind; range?: readonly [number, number] };
  /** Value columns to keep, or a function choosing them from the header's names. */
  columns: readonly ColumnRule[] | ((names: readonly string[]) => readonly ColumnRule[]);
  /** One row per unit (a unit file): a repeated identifier is an error. */
  uniqueUnits?: boolean;
  /** The treatment-start (group) column and its rule (group-rule.ts). */
  group?: GroupRule;
  /** Columns that must hold at least one value (completeness.ts). */
  nonEmpty?: readonly string[];
  /** Cross-column rules (cross-checks.ts). */
  checks?: readonly CrossCheck[];
}

/** A file's kept columns in file order; units are numbered in order of first appearance ("slots"). */
export interface RawTable {
  file: string;
  header: readonly string[];
  nRows: number;
  /** Unit slot of each row. */
  rowSlot: Int32Array;
  /** Identifier of each slot. */
  slotIds: Float64Array;
  /** First record (0-based data row) of each slot. */
  slotFirstRecord: Int32Array;
  /** Period code of each row (unit-period files). */
  rowTime?: Int32Array;
  /** The distinct period codes of rowTime, when the reader knows them (saves passes over the rows). */
  periodCodes?: Int32Array;
  /** Row-level columns, in file order (building sorts them in place). */
  cols: Record<string, Float64Array>;
  /** Per-unit columns, by slot. */
  slotCols: Record<string, Float64Array>;
  levels: Record<string, readonly string[]>;
  plan: TablePlan;
}

export async function readTable(file: string, plan: TablePlan, opts: CsvReadOptions = {}): Promise<RawTable> {
  let rowSlot = new GrowArray(Int32Array);
  let rowTime = new GrowArray(Int32Array);
  const slotIds = new GrowArray(Float64Array);
  const slotFirst = new GrowArray(Int32Array);
  const slotOf = new IdIndex();
  let rowRules: ColumnRule[] = [];
  let unitRules: ColumnRule[] = [];
  const grown: Record<string, GrowArray<Float64Array>> = {};
  let slotVals: GrowArray<Float64Array>[] = [];
  let header: CsvHeader | undefined;
  let converters: CellConverter[] = [];

  const nRows = await streamCsv(
    file,
    (h) => {
      header = h;
      const rules = typeof plan.columns === 'function' ? plan.columns(h.names) : plan.columns;
      rowRules = rules.filter((c) => !c.perUnit);
      unitRules = rules.filter((c) => c.perUnit);
      slotVals = unitRules.map(() => new GrowArray(Float64Array));
      const idx = (name: string) => {
        const i = h.names.indexOf(name);
        if (i < 0) throw new DataError({ file, line: 1, column: name }, `the column is missing from the header${didYouMean(name, h.names)}`);
        return i;
      };
      const idIdx = idx(plan.id);
      const timeIdx = plan.time ? idx(plan.time.column) : -1;
      const rowIdx = rowRules.map((r) => idx(r.name));
      const unitIdx = unitRules.map((r) => idx(r.name));
      const decimalComma = h.delimiter !== ',';
      const idConv = makeConverter({ name: plan.id, type: 'id', required: true }, decimalComma);
      const timeConv = plan.time ? makeTimeConverter(plan.time.column, plan.time.kind, plan.time.range) : undefined;
      const rowConv = rowRules.map((r) => makeConverter(r, decimalComma));
      const unitConv = unitRules.map((r) => makeConverter(r, decimalComma));
      converters = [...rowConv, ...unitConv];
      const rows = h.expectedRecords;
      rowSlot = new GrowArray(Int32Array, rows);
      if (plan.time) rowTime = new GrowArray(Int32Array, rows);
      const rowBlocks = rowRules.map((r) => (grown[r.name] = new GrowArray(Float64Array, rows)));
      const used = new Set([idIdx, timeIdx, ...rowIdx, ...unitIdx]);
      const unconverted = h.names.map((_, i) => i).filter((i) => !used.has(i));
      let lastId = NaN;
      let lastSlot = -1;

      const row = (f: string[], record: number) => {
        const id = idConv.convert(f[idIdx], record);
        let slot: number;
        let isNew = false;
        if (id === lastId) {
          slot = lastSlot;
        } else {
          const s = slotOf.get(id);
          if (s < 0) {
            slot = slotIds.length;
            slotOf.set(id, slot);
            slotIds.push(id);
            slotFirst.push(record);
            isNew = true;
          } else {
            slot = s;
          }
          lastId = id;
          lastSlot = slot;
        }
        if (!isNew && plan.uniqueUnits) {
          const first = slotFirst.data[slot];
          throw new CellProblem(record, plan.id, (line) => `the identifier ${id} appears more than once (also on line ${line(first)})`, [first]);
        }
        rowSlot.push(slot);
        if (timeConv) rowTime.push(timeConv.convert(f[timeIdx], record));
        for (let k = 0; k < rowConv.length; k++) rowBlocks[k].push(rowConv[k].convert(f[rowIdx[k]], record));
        for (let k = 0; k < unitConv.length; k++) {
          const v = unitConv[k].convert(f[unitIdx[k]], record);
          const store = slotVals[k];
          if (isNew) {
            store.push(v);
          } else {
            const prev = store.data[slot];
            if (v !== prev && !(v !== v && prev !== prev)) throw varies(unitRules[k], id, prev, v, slotFirst.data[slot], record, unitConv[k]);
          }
        }
      };
      return { row, unconverted };
    },
    opts,
  );

  const levels: Record<string, readonly string[]> = {};
  const cols: Record<string, Float64Array> = {};
  for (const [name, g] of Object.entries(grown)) cols[name] = g.finish();
  const slotCols: Record<string, Float64Array> = {};
  unitRules.forEach((r, k) => (slotCols[r.name] = slotVals[k].finish()));
  [...rowRules, ...unitRules].forEach((r, k) => {
    const conv = converters[k];
    if (!conv || r.type !== 'category') return;
    const remap = conv.finish?.();
    if (remap) {
      if (r.perUnit) applyRemap(slotCols[r.name], remap);
      else applyRemap(cols[r.name], remap);
    }
    levels[r.name] = conv.levels ?? [];
  });

  return {
    file,
    header: header ? header.names : [],
    nRows,
    rowSlot: rowSlot.finish(),
    slotIds: slotIds.finish(),
    slotFirstRecord: slotFirst.finish(),
    rowTime: plan.time ? rowTime.finish() : undefined,
    cols,
    slotCols,
    levels,
    plan,
  };
}

function applyRemap(values: Float64Array, remap: Int32Array): void {
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) values[i] = remap[values[i]];
}

function varies(rule: ColumnRule, id: number, prev: number, v: number, first: number, record: number, conv: CellConverter): CellProblem {
  const show = (x: number) => (x !== x ? 'empty' : rule.type === 'category' && conv.levels ? conv.levels[x] ?? String(x) : formatValue(rule.type, x));
  const what = rule.role ?? 'the value';
  return new CellProblem(
    record,
    rule.name,
    (line) => `${what} varies within unit ${id}: ${show(prev)} on line ${line(first)}, ${show(v)} on line ${line(record)}`,
    [first],
  );
}
