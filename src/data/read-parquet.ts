/**
 * Reads one Parquet file by a plan into the same unsorted columns (RawTable) as the CSV
 * reader (read-table.ts), so both go through the same building, sorting and checks.
 *
 * DuckDB (duckdb.ts) does the scanning. Row-level columns come out as typed arrays; a
 * per-unit column comes out of a GROUP BY on the identifier (its minimum, maximum and count
 * per unit), so it is checked for constancy and stored once per unit without ever being
 * held once per row. Text-coded columns (months, categories, dates, and any column stored
 * as text) are converted once per distinct value by the CSV reader's own converters, so
 * missing values, levels, months and their error messages are the CSV's.
 *
 * Error locations are given as the line the cell would have in a CSV with a header: data
 * row r (0-based) is line r + 2, exactly the line of the CSV the file was converted from.
 */
import * as fs from 'node:fs';
import { MAX_EXACT_ID } from './cell-text';
import { CellConverter, ColumnRule, formatValue, makeConverter, makeTimeConverter } from './convert';
import { CellProblem } from './csv';
import { parquetColumns, queryRows, queryTyped, sqlIdent, sqlString } from './duckdb';
import { DataError, didYouMean } from './errors';
import { IdIndex } from './id-index';
import { RawTable, TablePlan } from './read-table';

export function isParquet(file: string): boolean {
  return /\.parquet$/i.test(file);
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*)$/;

/** Line of a 0-based data row, as in the CSV the file corresponds to. */
const lineOf = (record: number): number => (record < 0 ? 1 : record + 2);


/**
 * The cell rules of convert.ts for a value that arrives as a number (NaN = NULL): a valid
 * value is checked directly (it is what the CSV converter would return for its text); an
 * empty or suspicious one goes through the CSV converter itself, on the number's text, so
 * the rules and the words are the CSV's (missing and required cells, the group's empty =
 * never treated, whole numbers, 0/1, identifiers in digits and not too long, ranges).
 */
export function numericCheck(rule: ColumnRule): (v: number, record: number) => number {
  const conv = makeConverter(rule, false);
  const { type } = rule;
  const r = rule.range;
  const whole = type !== 'number';
  return (v, record) => {
    const ok =
      v - v === 0 &&
      (!whole || v % 1 === 0) &&
      (type !== 'binary' || v === 0 || v === 1) &&
      (type !== 'id' || (v >= 0 && v <= MAX_EXACT_ID)) &&
      (!r || (v >= r[0] && v <= r[1]) || (rule.zeroIsNone === true && v === 0)) &&
      !Object.is(v, -0);
    if (ok) return v;
    return conv.convert(v !== v ? '' : String(v), record);
  };
}

/** Whether a rule's values are numbers that can be read as DOUBLE (else: text, converted per distinct value). */
function readsAsNumber(rule: ColumnRule, parquetType: string): boolean {
  return ['id', 'integer', 'number', 'binary', 'year'].includes(rule.type) && NUMERIC.test(parquetType);
}

/** A problem found in a Parquet file's columns as a DataError (lines as in the equivalent CSV). */
export function parquetProblem(file: string, p: CellProblem): DataError {
  const detail = typeof p.detail === 'string' ? p.detail : p.detail(lineOf);
  return new DataError({ file, column: p.column, line: lineOf(p.record) }, detail);
}

/**
 * `autoPerUnit`: row-level columns of the plan to store once per unit when the engine finds
 * them constant within every unit (the others stay row-level).
 */
export async function readTableParquet(file: string, plan: TablePlan, autoPerUnit: readonly string[] = []): Promise<RawTable> {
  if (!fs.existsSync(file)) throw new DataError({ file }, 'the file does not exist');
  try {
    return await readUnchecked(file, plan, autoPerUnit);
  } catch (err) {
    if (err instanceof CellProblem) throw parquetProblem(file, await asWritten(file, plan, err));
    throw err;
  }
}

/**
 * A cell refused on its number is reported as the CSV reader reports its text: the cell is
 * read again as the file stores it (a 20-digit identifier stored as an integer would print
 * rounded as a double) and put through the CSV converter, whose error is the one returned.
 */
async function asWritten(file: string, plan: TablePlan, p: CellProblem): Promise<CellProblem> {
  if (p.column === undefined || p.record < 0) return p;
  const rules = typeof plan.columns === 'function' ? [] : plan.columns;
  const rule: ColumnRule | undefined = p.column === plan.id ? { name: plan.id, type: 'id', required: true } : rules.find((r) => r.name === p.column);
  if (!rule || !['id', 'integer', 'number', 'binary', 'year'].includes(rule.type)) return p;
  try {
    const rows = await queryRows(`SELECT CAST(${sqlIdent(p.column)} AS VARCHAR) FROM read_parquet(${sqlString(file)}, file_row_number = true) WHERE file_row_number = ${p.record}`);
    const text = rows.length === 1 && rows[0][0] !== null ? String(rows[0][0]) : '';
    makeConverter(rule, false).convert(text, p.record);
  } catch (err) {
    if (err instanceof CellProblem && err.record === p.record) return err;
  }
  return p;
}

async function readUnchecked(file: string, plan: TablePlan, autoPerUnit: readonly string[]): Promise<RawTable> {
  let described: { name: string; type: string }[];
  try {
    described = await parquetColumns(file);
  } catch (err) {
    throw new DataError({ file }, `the file is not a readable Parquet file (${(err as Error).message.split('\n')[0]})`);
  }
  const names = described.map((c) => c.name);
  const typeOf = new Map(described.map((c) => [c.name, c.type]));
  const rules = typeof plan.columns === 'function' ? plan.columns(names) : plan.columns;
  const need = (name: string): void => {
    if (!typeOf.has(name)) throw new DataError({ file, line: 1, column: name }, `the column is missing from the header${didYouMean(name, names)}`);
  };
  need(plan.id);
  if (plan.time) need(plan.time.column);
  for (const r of rules) need(r.name);
  const src = `read_parquet(${sqlString(file)}, file_row_number = true)`;
  const auto = await constantWithinUnits(src, plan.id, rules.filter((c) => !c.perUnit && autoPerUnit.includes(c.name)).map((c) => c.name));
  const rowRules = rules.filter((c) => !c.perUnit && !auto.has(c.name));
  const unitRules = rules.filter((c) => c.perUnit || auto.has(c.name));

  // Identifiers, row by row: slots in order of first appearance, as the CSV reader.
  const idCheck = numericCheck({ name: plan.id, type: 'id', required: true });
  const idType = typeOf.get(plan.id)!;
  const nRows = Number((await queryRows(`SELECT count(*) FROM read_parquet(${sqlString(file)})`))[0][0]);
  const rowSlot = new Int32Array(nRows);
  const slotOf = new IdIndex();
  const slotIds: number[] = [];
  const slotFirst: number[] = [];
  let lastId = NaN;
  let lastSlot = -1;
  const slots = (ids: Float64Array, off: number): void => {
    for (let i = 0; i < ids.length; i++) {
      const r = off + i;
      const id = ids[i] === lastId ? lastId : idCheck(ids[i], r);
      if (id !== lastId) {
        let s = slotOf.get(id);
        if (s < 0) {
          s = slotIds.length;
          slotOf.set(id, s);
          slotIds.push(id);
          slotFirst.push(r);
        } else if (plan.uniqueUnits) {
          const first = slotFirst[s];
          throw new CellProblem(r, plan.id, (line) => `the identifier ${id} appears more than once (also on line ${line(first)})`, [first]);
        }
        lastId = id;
        lastSlot = s;
      } else if (plan.uniqueUnits) {
        const first = slotFirst[lastSlot];
        throw new CellProblem(r, plan.id, (line) => `the identifier ${id} appears more than once (also on line ${line(first)})`, [first]);
      }
      rowSlot[r] = lastSlot;
    }
  };
  if (NUMERIC.test(idType)) await forSlices(src, [`CAST(${sqlIdent(plan.id)} AS DOUBLE)`], nRows, (c, off) => slots(c[0], off));
  else slots(await textAsNumbers(src, nRows, { name: plan.id, type: 'id', required: true }), 0);

  // Period of each row.
  let rowTime: Int32Array | undefined;
  if (plan.time) {
    const { column, kind, range } = plan.time;
    const conv = makeTimeConverter(column, kind, range);
    const t = typeOf.get(column)!;
    if (kind !== 'month' && NUMERIC.test(t)) {
      const times = new Int32Array(nRows);
      let last = NaN;
      let code = 0;
      await forSlices(src, [`CAST(${sqlIdent(column)} AS DOUBLE)`], nRows, ([v], off) => {
        for (let i = 0; i < v.length; i++) {
          const x = v[i];
          // The CSV's converter on the number's text: the same checks and words.
          if (x !== last) {
            code = conv.convert(x !== x ? '' : String(x), off + i);
            last = x;
          }
          times[off + i] = code;
        }
      });
      rowTime = times;
    } else {
      rowTime = Int32Array.from(await textCodes(src, column, conv, nRows));
    }
  }

  // Row-level value columns.
  const cols: Record<string, Float64Array> = {};
  const levels: Record<string, readonly string[]> = {};
  // Numbers: all columns in one scan of each row slice; text-coded columns one by one.
  const numeric = rowRules.filter((rule) => readsAsNumber(rule, typeOf.get(rule.name)!));
  if (numeric.length > 0) {
    const out = numeric.map(() => new Float64Array(nRows));
    const checks = numeric.map((rule) => numericCheck(rule));
    await forSlices(src, numeric.map((rule) => `CAST(${sqlIdent(rule.name)} AS DOUBLE)`), nRows, (c, off) => {
      for (let k = 0; k < numeric.length; k++) {
        const v = c[k];
        const o = out[k];
        const check = checks[k];
        for (let i = 0; i < v.length; i++) o[off + i] = check(v[i], off + i);
      }
    });
    numeric.forEach((rule, k) => (cols[rule.name] = out[k]));
  }
  for (const rule of rowRules) {
    if (numeric.includes(rule)) continue;
    const conv = makeConverter(rule, false);
    cols[rule.name] = await textCodes(src, rule.name, conv, nRows);
    finishLevels(rule, conv, cols[rule.name], levels);
  }
  // Keep the rules' order (the CSV reader's cols are in file order of the plan).
  const ordered: Record<string, Float64Array> = {};
  for (const rule of rowRules) ordered[rule.name] = cols[rule.name];

  // Per-unit columns: one value per unit from a GROUP BY, checked constant within the unit.
  const slotCols: Record<string, Float64Array> = {};
  const nSlots = slotIds.length;
  if (unitRules.length > 0) {
    const idExpr = NUMERIC.test(idType) ? `CAST(${sqlIdent(plan.id)} AS DOUBLE)` : `TRY_CAST(${sqlIdent(plan.id)} AS DOUBLE)`;
    const aggs: string[] = [];
    for (const rule of unitRules) {
      const q = sqlIdent(rule.name);
      const num = readsAsNumber(rule, typeOf.get(rule.name)!);
      const e = num ? `CAST(${q} AS DOUBLE)` : `CAST(${q} AS VARCHAR)`;
      aggs.push(`min(${e}) AS ${sqlIdent(rule.name + '#min')}`, `max(${e}) AS ${sqlIdent(rule.name + '#max')}`, `count(${q})::DOUBLE AS ${sqlIdent(rule.name + '#n')}`);
    }
    const anyText = unitRules.some((rule) => !readsAsNumber(rule, typeOf.get(rule.name)!));
    const sql = `SELECT ${idExpr} AS id, count(*)::DOUBLE AS nrows, ${aggs.join(', ')} FROM ${src} GROUP BY 1`;
    // Numbers only: typed arrays; with a text column the (one row per unit) result as values.
    let get: (c: number, i: number) => unknown;
    let nGroups: number;
    if (!anyText) {
      const res = await queryTyped(sql);
      nGroups = res.n;
      get = (c, i) => res.cols[c][i];
    } else {
      const rows = await queryRows(sql);
      nGroups = rows.length;
      get = (c, i) => rows[i][c];
    }
    if (nGroups !== nSlots) throw new Error(`readTableParquet(${file}): ${nGroups} units in the per-unit query, ${nSlots} in the rows`);
    const slotOfGroup = new Int32Array(nGroups);
    for (let i = 0; i < nGroups; i++) slotOfGroup[i] = slotOf.get(Number(get(0, i)));
    for (let k = 0; k < unitRules.length; k++) {
      const rule = unitRules[k];
      const num = readsAsNumber(rule, typeOf.get(rule.name)!);
      const out = new Float64Array(nSlots);
      const conv = num ? null : makeConverter(rule, false);
      const check = num ? numericCheck(rule) : null;
      // Checked in slot order (first appearance), so the first failing unit is the first failing row.
      const order = new Int32Array(nGroups);
      for (let i = 0; i < nGroups; i++) order[slotOfGroup[i]] = i;
      for (let s = 0; s < nSlots; s++) {
        const i = order[s];
        const lo = get(2 + 3 * k, i);
        const hi = get(3 + 3 * k, i);
        const cnt = Number(get(4 + 3 * k, i));
        const rows = Number(get(1, i));
        const first = slotFirst[s];
        const empty = cnt === 0;
        if (!empty && (cnt < rows || lo !== hi)) {
          if (cnt < rows && (rule.required && !rule.zeroIsNone)) {
            throw new CellProblem(await firstNullRow(src, plan.id, slotIds[s], rule.name), rule.name, 'the cell is empty, but the column is required');
          }
          throw await variesProblem(src, plan.id, slotIds[s], rule, conv);
        }
        if (num) out[s] = check!(empty ? NaN : Number(lo), first);
        else out[s] = conv!.convert(empty ? '' : String(lo), first);
      }
      slotCols[rule.name] = out;
      if (conv) finishLevels(rule, conv, out, levels);
    }
  }

  return {
    file,
    header: names,
    nRows,
    rowSlot,
    slotIds: Float64Array.from(slotIds),
    slotFirstRecord: Int32Array.from(slotFirst),
    rowTime,
    cols: ordered,
    slotCols,
    levels,
    plan,
  };
}

/** The columns among `names` that have one value (or none) within every unit. */
async function constantWithinUnits(src: string, id: string, names: readonly string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const parts = names.map((n) => {
    const [k, c, r] = ['k', 'c', 'r'].map((x) => sqlIdent(`${n}#${x}`));
    // Not constant: two distinct values in a unit, or some but not all of its cells empty.
    return `CAST(max(CASE WHEN ${k} > 1 OR (${c} > 0 AND ${c} < ${r}) THEN 1 ELSE 0 END) AS DOUBLE)`;
  });
  const inner = names.map((n) => `count(DISTINCT ${sqlIdent(n)}) AS ${sqlIdent(n + '#k')}, count(${sqlIdent(n)}) AS ${sqlIdent(n + '#c')}, count(*) AS ${sqlIdent(n + '#r')}`).join(', ');
  const res = await queryTyped(`SELECT ${parts.join(', ')} FROM (SELECT ${inner} FROM ${src} GROUP BY ${sqlIdent(id)})`);
  return new Set(names.filter((_, i) => res.cols[i][0] === 0));
}

/** Category codes are final only after all values are seen (levels sorted), as in the CSV reader. */
function finishLevels(rule: ColumnRule, conv: CellConverter, values: Float64Array, levels: Record<string, readonly string[]>): void {
  if (rule.type !== 'category') return;
  const remap = conv.finish?.();
  if (remap) for (let i = 0; i < values.length; i++) if (values[i] === values[i]) values[i] = remap[values[i]];
  levels[rule.name] = conv.levels ?? [];
}

/**
 * A text-coded column: each distinct text (NULL read as an empty cell) is converted once, in
 * order of first appearance (so the first bad value is the first bad row), and the codes
 * are scattered to the rows.
 */
async function textCodes(src: string, column: string, conv: CellConverter, nRows: number): Promise<Float64Array> {
  const q = sqlIdent(column);
  const distinct = await queryRows(`SELECT CAST(${q} AS VARCHAR) AS v, min(file_row_number) AS first FROM ${src} GROUP BY 1 ORDER BY 2`);
  const codes = distinct.map(([v, first]) => conv.convert(v === null || v === undefined ? '' : String(v), Number(first)));
  const out = new Float64Array(nRows);
  if (distinct.length === 1) return out.fill(codes[0]);
  // Row -> index of its distinct value, computed by DuckDB (a join on the distinct texts), scattered by row number.
  // An equality (hash) join on the texts; NULL cells find no match and take NULL's index.
  const nullIndex = distinct.findIndex(([v]) => v === null || v === undefined);
  const values = distinct
    .map(([v], i) => (v === null || v === undefined ? '' : `(${sqlString(String(v))}, ${i})`))
    .filter((x) => x !== '')
    .join(', ');
  const res = await queryTyped(
    `SELECT CAST(t.file_row_number AS DOUBLE), CAST(coalesce(m.i, ${nullIndex}) AS INTEGER) FROM ${src} t LEFT JOIN (VALUES ${values}) m(v, i) ON CAST(t.${sqlIdent(column)} AS VARCHAR) = m.v`,
  );
  const row = res.cols[0];
  const idx = res.cols[1];
  for (let j = 0; j < res.n; j++) out[row[j]] = codes[idx[j]];
  return out;
}

/** A column stored as text but read as numbers (e.g. identifiers written as text): the CSV converter per distinct value. */
async function textAsNumbers(src: string, nRows: number, rule: ColumnRule): Promise<Float64Array> {
  return textCodes(src, rule.name, makeConverter(rule, false), nRows);
}

/** About this many bytes of engine results at a time: the whole file is never held twice. */
const SLICE_BYTES = 64 << 20;

/**
 * Runs SELECT exprs (each a DOUBLE) over slices of rows in file order (file_row_number
 * ranges: the scan skips the rest) and hands each slice's columns with its first row to fn.
 */
async function forSlices(src: string, exprs: readonly string[], nRows: number, fn: (cols: Float64Array[], off: number) => void): Promise<void> {
  // FINSAM_PARQUET_SLICE_ROWS: tests read small files in several slices.
  const rows = Number(process.env.FINSAM_PARQUET_SLICE_ROWS) || Math.max(1 << 16, Math.floor(SLICE_BYTES / (8 * exprs.length)));
  for (let a = 0; a < nRows; a += rows) {
    const b = Math.min(nRows, a + rows);
    const where = a === 0 && b === nRows ? '' : ` WHERE file_row_number >= ${a} AND file_row_number < ${b}`;
    const res = await queryTyped(`SELECT ${exprs.join(', ')} FROM ${src}${where}`);
    if (res.n !== b - a) throw new Error(`reading ${src}: ${res.n} rows in rows ${a} to ${b - 1}`);
    fn(res.cols as Float64Array[], a);
  }
}

async function firstNullRow(src: string, id: string, unit: number, column: string): Promise<number> {
  const rows = await queryRows(`SELECT min(file_row_number) FROM ${src} WHERE CAST(${sqlIdent(id)} AS DOUBLE) = ${unit} AND ${sqlIdent(column)} IS NULL`);
  return Number(rows[0][0]);
}

/** The CSV reader's "varies within unit" problem, found by reading the one unit's rows in order. */
async function variesProblem(src: string, id: string, unit: number, rule: ColumnRule, conv: CellConverter | null): Promise<CellProblem> {
  const rows = await queryRows(
    `SELECT file_row_number, CAST(${sqlIdent(rule.name)} AS VARCHAR) FROM ${src} WHERE CAST(${sqlIdent(id)} AS DOUBLE) = ${unit} ORDER BY file_row_number`,
  );
  const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
  const first = Number(rows[0][0]);
  const t0 = text(rows[0][1]);
  const at = rows.findIndex((r) => text(r[1]) !== t0);
  const record = Number(rows[at][0]);
  const show = (s: string): string => {
    if (s === '') return 'empty';
    if (!conv) return formatValue(rule.type, Number(s));
    return s.trim();
  };
  const what = rule.role ?? 'the value';
  return new CellProblem(record, rule.name, (line) => `${what} varies within unit ${unit}: ${show(t0)} on line ${line(first)}, ${show(text(rows[at][1]))} on line ${line(record)}`, [first]);
}
