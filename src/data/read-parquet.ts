/**
 * Reads one Parquet file by a plan into the same unsorted columns (RawTable) as the CSV
 * reader (read-table.ts), so both go through the same building, sorting and checks.
 *
 * DuckDB (duckdb.ts) does the scanning. Row-level columns come out as typed arrays; a
 * per-unit column comes out of a GROUP BY on the identifier (its minimum, maximum and count
 * per unit), so it is checked for constancy and stored once per unit without ever being
 * held once per row. The same GROUP BY gives each unit's rows; when they are contiguous
 * runs the rows' units come from the runs, without transferring an identifier per row.
 * Text-coded columns (months, categories, dates, and any column stored as text) are
 * converted once per distinct value by the CSV reader's own converters, so missing values,
 * levels, months and their error messages are the CSV's.
 *
 * Error locations are given as the line the cell would have in a CSV with a header: data
 * row r (0-based) is line r + 2, exactly the line of the CSV the file was converted from.
 */
import * as fs from 'node:fs';
import { CellConverter, ColumnRule, formatValue, makeConverter, makeTimeConverter } from './convert';
import { CellProblem } from './csv';
import { parquetColumns, queryRows, queryTyped, sqlIdent, sqlString, startQuery, typedResult } from './duckdb';
import { DataError, didYouMean } from './errors';
import { IdIndex } from './id-index';
import { columnCheck, numericCheck, numericOk, TimeCoder, timeCoder } from './parquet-values';
import { RawTable, TablePlan } from './read-table';

export { numericCheck };

export function isParquet(file: string): boolean {
  return /\.parquet$/i.test(file);
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*)$/;

/** Line of a 0-based data row, as in the CSV the file corresponds to. */
const lineOf = (record: number): number => (record < 0 ? 1 : record + 2);


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
  // Per-unit columns: declared ones, and the `autoPerUnit` ones the engine finds constant within units.
  const isAuto = (c: ColumnRule): boolean => !c.perUnit && autoPerUnit.includes(c.name);
  const unitCandidates = rules.filter((c) => c.perUnit || isAuto(c));

  const nRows = Number((await queryRows(`SELECT count(*) FROM read_parquet(${sqlString(file)})`))[0][0]);
  const idType = typeOf.get(plan.id)!;
  const numericId = NUMERIC.test(idType);
  // One GROUP BY on the identifier: each unit's row count, first and last row, and the
  // per-unit columns' minimum, maximum and count. It serves the per-unit columns and, for a
  // panel whose units' rows are contiguous, the unit of every row (see unitRuns).
  const units = unitCandidates.length > 0 || (numericId && !plan.uniqueUnits) ? await unitQuery(src, plan.id, numericId, unitCandidates, typeOf, nRows) : null;
  const runs = units && numericId && !plan.uniqueUnits ? unitRuns(units, nRows) : null;

  const rowSlot = new Int32Array(nRows);
  let slotIds: number[];
  let slotFirst: number[];
  let groupOfSlot: Int32Array | null = null;

  // Period of each row: numbers read with the identifiers (one pass over the file), text codes apart.
  let rowTime: Int32Array | undefined;
  let numericTime = false;
  let timeOf: ((x: number, r: number) => void) | null = null;
  let coder: TimeCoder | null = null;
  const timeType = plan.time ? typeOf.get(plan.time.column)! : '';
  if (plan.time) {
    const { column, kind, range } = plan.time;
    numericTime = kind !== 'month' && NUMERIC.test(timeType);
    if (numericTime) {
      const times = new Int32Array(nRows);
      coder = timeCoder(makeTimeConverter(column, kind, range));
      const one = coder.one;
      timeOf = (x, r) => (times[r] = one(x, r));
      rowTime = times;
    }
  }

  if (runs) {
    // Contiguous units with valid identifiers: every row's slot from its unit's run, each
    // identifier checked once (by unitRuns), and only the periods read per row.
    slotIds = Array.from(runs.order, (g) => units!.num(0, g));
    slotFirst = Array.from(runs.order, (g) => units!.num(2, g));
    runs.order.forEach((g, s) => rowSlot.fill(s, slotFirst[s], slotFirst[s] + units!.num(1, g)));
    groupOfSlot = runs.order;
    // Numeric periods are read below, in the same scan as the row-level values.
  } else {
    // Identifiers, row by row: slots in order of first appearance, as the CSV reader.
    const idCheck = numericCheck({ name: plan.id, type: 'id', required: true });
    const slotOf = new IdIndex();
    const ids: number[] = [];
    const firsts: number[] = [];
    slotIds = ids;
    slotFirst = firsts;
    let lastId = NaN;
    let lastSlot = -1;
    // One row's identifier; with a period, the period right after (the CSV reader's order within a line).
    const slots = (idv: Float64Array | Int32Array, off: number, times?: Float64Array | Int32Array): void => {
      for (let i = 0; i < idv.length; i++) {
        const r = off + i;
        const id = idv[i] === lastId ? lastId : idCheck(idv[i], r);
        if (id !== lastId) {
          let s = slotOf.get(id);
          if (s < 0) {
            s = ids.length;
            slotOf.set(id, s);
            ids.push(id);
            firsts.push(r);
          } else if (plan.uniqueUnits) {
            const first = firsts[s];
            throw new CellProblem(r, plan.id, (line) => `the identifier ${id} appears more than once (also on line ${line(first)})`, [first]);
          }
          lastId = id;
          lastSlot = s;
        } else if (plan.uniqueUnits) {
          const first = firsts[lastSlot];
          throw new CellProblem(r, plan.id, (line) => `the identifier ${id} appears more than once (also on line ${line(first)})`, [first]);
        }
        rowSlot[r] = lastSlot;
        if (times) timeOf!(times[i], r);
      }
    };
    if (numericId) {
      const exprs = [numExpr(plan.id, idType), ...(numericTime ? [numExpr(plan.time!.column, timeType)] : [])];
      await forSlices(src, exprs, nRows, (c, off) => slots(c[0], off, numericTime ? c[1] : undefined));
    } else {
      const idv = await textAsNumbers(src, nRows, { name: plan.id, type: 'id', required: true });
      if (numericTime) {
        const t = (await queryTyped(`SELECT CAST(${sqlIdent(plan.time!.column)} AS DOUBLE) FROM ${src}`)).cols[0] as Float64Array;
        slots(idv, 0, t);
      } else slots(idv, 0);
    }
    if (units) {
      groupOfSlot = new Int32Array(units.n);
      for (let g = 0; g < units.n; g++) groupOfSlot[slotOf.get(units.num(0, g))] = g;
    }
  }
  if (plan.time && !numericTime) {
    const { column, kind, range } = plan.time;
    rowTime = Int32Array.from(await textCodes(src, column, makeTimeConverter(column, kind, range), nRows));
  }

  const cols: Record<string, Float64Array> = {};
  const levels: Record<string, readonly string[]> = {};
  // Per-unit columns: one value per unit from the GROUP BY, checked constant within the unit.
  const slotCols: Record<string, Float64Array> = {};
  const nSlots = slotIds.length;
  const autoVaries = new Set<string>();
  const unitRules = unitCandidates;
  // On the contiguous path the periods are read after the per-unit columns (with the
  // row-level values, one scan fewer); a period's problem comes first in the CSV reader's
  // order, so a per-unit problem waits until the periods are read.
  let pending: CellProblem | null = null;
  const periodsLater = runs !== null && numericTime;
  if (unitRules.length > 0) try {
    const nGroups = units!.n;
    if (nGroups !== nSlots) throw new Error(`readTableParquet(${file}): ${nGroups} units in the per-unit query, ${nSlots} in the rows`);
    // Checked in slot order (first appearance), so the first failing unit is the first failing row.
    const order = groupOfSlot!;
    for (let k = 0; k < unitRules.length; k++) {
      const rule = unitRules[k];
      const num = readsAsNumber(rule, typeOf.get(rule.name)!);
      const out = new Float64Array(nSlots);
      const conv = num ? null : makeConverter(rule, false);
      const check = num ? numericCheck(rule) : null;
      const cLo = 4 + 3 * k;
      // Numbers: a direct loop over the arrays (as the general loop decides); at the first unit that varies the general loop below takes over.
      let s0 = 0;
      if (num && units!.cols) {
        const [lo, hi, cnt, rows] = [units!.cols[cLo], units!.cols[cLo + 1], units!.cols[cLo + 2], units!.cols[1]];
        const ok = numericOk(rule);
        for (; s0 < nSlots; s0++) {
          const i = order[s0];
          const c = cnt[i];
          if (c === 0) out[s0] = check!(NaN, slotFirst[s0]);
          else if (c < rows[i] || lo[i] !== hi[i]) break;
          else out[s0] = ok(lo[i]) ? lo[i] : check!(lo[i], slotFirst[s0]);
        }
      }
      for (let s = s0; s < nSlots; s++) {
        const i = order[s];
        const lo = units!.get(cLo, i);
        const hi = units!.get(cLo + 1, i);
        const cnt = units!.num(cLo + 2, i);
        const rows = units!.num(1, i);
        const first = slotFirst[s];
        const empty = cnt === 0;
        if (!empty && (cnt < rows || lo !== hi)) {
          // Not constant within this unit: an undeclared column simply stays row-level.
          if (isAuto(rule)) {
            autoVaries.add(rule.name);
            break;
          }
          if (cnt < rows && (rule.required && !rule.zeroIsNone)) {
            throw new CellProblem(await firstNullRow(src, plan.id, slotIds[s], rule.name), rule.name, 'the cell is empty, but the column is required');
          }
          throw await variesProblem(src, plan.id, slotIds[s], rule, conv);
        }
        if (num) out[s] = check!(empty ? NaN : Number(lo), first);
        else out[s] = conv!.convert(empty ? '' : String(lo), first);
      }
      if (autoVaries.has(rule.name)) continue;
      slotCols[rule.name] = out;
      if (conv) finishLevels(rule, conv, out, levels);
    }
  } catch (err) {
    if (!(periodsLater && err instanceof CellProblem)) throw err;
    pending = err;
  }

  // Row-level value columns (with the undeclared ones that vary within a unit).
  const rowRules = rules.filter((c) => !c.perUnit && (!isAuto(c) || autoVaries.has(c.name)));
  // Numbers: all columns in one scan of each row slice; text-coded columns one by one.
  const numeric = rowRules.filter((rule) => readsAsNumber(rule, typeOf.get(rule.name)!));
  if (numeric.length > 0 || periodsLater) {
    const out = numeric.map(() => new Float64Array(nRows));
    const checks = numeric.map((rule) => columnCheck(rule));
    const exprs = numeric.map((rule) => numExpr(rule.name, typeOf.get(rule.name)!));
    const time = periodsLater ? coder! : null;
    await forSlices(src, time ? [numExpr(plan.time!.column, timeType), ...exprs] : exprs, nRows, (c, off) => {
      if (time) time.into(c[0], rowTime!, off);
      // After a problem (per-unit or a value) only the periods are still read: one of theirs would come first.
      if (pending) return;
      const v0 = time ? 1 : 0;
      try {
        for (let k = 0; k < numeric.length; k++) checks[k](c[v0 + k], out[k], off);
      } catch (err) {
        if (!(periodsLater && err instanceof CellProblem)) throw err;
        pending = err;
      }
    });
    if (pending) throw pending;
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

  return {
    file,
    header: names,
    nRows,
    rowSlot,
    slotIds: Float64Array.from(slotIds),
    slotFirstRecord: Int32Array.from(slotFirst),
    rowTime,
    periodCodes: coder?.codes(),
    cols: ordered,
    slotCols,
    levels,
    plan,
  };
}

/** The GROUP BY on the identifier, column by column: 0 id, 1 rows, 2 first row, 3 last row, then minimum, maximum and count of each per-unit rule. */
export interface UnitQuery {
  n: number;
  /** The columns as arrays, when they are all numbers. */
  cols?: readonly Float64Array[];
  get(c: number, i: number): unknown;
  num(c: number, i: number): number;
}

async function unitQuery(src: string, id: string, numericId: boolean, unitRules: readonly ColumnRule[], typeOf: Map<string, string>, nRows: number): Promise<UnitQuery> {
  const idExpr = numericId ? `CAST(${sqlIdent(id)} AS DOUBLE)` : `TRY_CAST(${sqlIdent(id)} AS DOUBLE)`;
  const aggs: string[] = [];
  for (const rule of unitRules) {
    const q = sqlIdent(rule.name);
    // Numbers are aggregated in their stored type and only the results cast (casting every
    // row first made the 120k-person query 3x slower); min and max commute with the cast.
    const [lo, hi] = readsAsNumber(rule, typeOf.get(rule.name)!) ? [`CAST(min(${q}) AS DOUBLE)`, `CAST(max(${q}) AS DOUBLE)`] : [`min(CAST(${q} AS VARCHAR))`, `max(CAST(${q} AS VARCHAR))`];
    aggs.push(`${lo} AS ${sqlIdent(rule.name + '#min')}`, `${hi} AS ${sqlIdent(rule.name + '#max')}`, `count(${q})::DOUBLE AS ${sqlIdent(rule.name + '#n')}`);
  }
  const anyText = unitRules.some((rule) => !readsAsNumber(rule, typeOf.get(rule.name)!));
  // A numeric identifier is grouped as stored (20-30% faster than on its cast to DOUBLE); the
  // slices' groups are merged on the DOUBLE, so identifiers equal as numbers are one unit.
  const key = numericId ? sqlIdent(id) : '1';
  const sql = (where: string): string =>
    `SELECT ${idExpr} AS id, count(*)::DOUBLE AS nrows, min(file_row_number)::DOUBLE, max(file_row_number)::DOUBLE${aggs.map((a) => ', ' + a).join('')} FROM ${src}${where} GROUP BY ${key}`;
  // With a text column: the whole file at once, the (one row per unit) result as values.
  if (anyText) {
    const rows = await queryRows(sql(''));
    return { n: rows.length, get: (c, i) => rows[i][c], num: (c, i) => (rows[i][c] === null ? NaN : Number(rows[i][c])) };
  }
  return mergedGroups(sql, nRows, unitRules.length);
}

/** Rows per GROUP BY slice: at 1.2 M persons (138 M rows) 16 M-row slices took about half the time of one query over the whole file (the hash tables stay small). */
const GROUP_SLICE_ROWS = 16 << 20;

/**
 * The numeric GROUP BY in slices of rows, merged per identifier: rows and counts add up,
 * first rows and minima take the smaller, last rows and maxima the larger (a slice where a
 * unit's cells are all empty has no minimum). Units in order of first appearance in the slices.
 */
async function mergedGroups(sql: (where: string) => string, nRows: number, nRules: number): Promise<UnitQuery> {
  const rows = Number(process.env.FINSAM_PARQUET_SLICE_ROWS) || GROUP_SLICE_ROWS;
  const nCol = 4 + 3 * nRules;
  const where = (a: number): string => (a === 0 && a + rows >= nRows ? '' : ` WHERE file_row_number >= ${a} AND file_row_number < ${Math.min(nRows, a + rows)}`);
  let cols: Float64Array[] = [];
  let n = 0;
  const index = new IdIndex();
  const odd = new Map<number, number>(); // identifiers IdIndex does not take (NULL, negative, fractional)
  let next: Promise<unknown> | null = ahead(sql(where(0)));
  for (let a = 0; a < Math.max(nRows, 1); a += rows) {
    const started = (await next) as Parameters<typeof typedResult>[0];
    next = a + rows < nRows ? ahead(sql(where(a + rows))) : null;
    const res = typedResult(started);
    const c = res.cols as Float64Array[];
    if (n + res.n > (cols[0]?.length ?? 0)) {
      // Sized from the slices so far (units per row), with room to spare, so it rarely grows.
      const expect = Math.ceil(((n + res.n) * nRows) / Math.min(nRows, a + rows));
      const size = Math.max(1024, n + res.n, Math.ceil(expect * 1.05));
      cols = Array.from({ length: nCol }, (_, k) => {
        const grown = new Float64Array(size);
        if (cols[k]) grown.set(cols[k].subarray(0, n));
        return grown;
      });
    }
    for (let i = 0; i < res.n; i++) {
      const id = c[0][i];
      const plain = id >= 0 && id % 1 === 0;
      let g = plain ? index.get(id) : odd.has(id) ? odd.get(id)! : -1;
      if (g < 0) {
        g = n++;
        if (plain) index.set(id, g);
        else odd.set(id, g);
        for (let k = 0; k < nCol; k++) cols[k][g] = c[k][i];
        continue;
      }
      cols[1][g] += c[1][i];
      if (c[2][i] < cols[2][g]) cols[2][g] = c[2][i];
      if (c[3][i] > cols[3][g]) cols[3][g] = c[3][i];
      for (let k = 4; k < nCol; k += 3) {
        const cnt = c[k + 2][i];
        if (cnt === 0) continue;
        if (cols[k + 2][g] === 0) {
          cols[k][g] = c[k][i];
          cols[k + 1][g] = c[k + 1][i];
        } else {
          if (c[k][i] < cols[k][g]) cols[k][g] = c[k][i];
          if (c[k + 1][i] > cols[k + 1][g]) cols[k + 1][g] = c[k + 1][i];
        }
        cols[k + 2][g] += cnt;
      }
    }
  }
  const m = cols;
  return { n, cols: m, get: (k, i) => m[k][i], num: (k, i) => m[k][i] };
}

/**
 * When every unit's rows are one contiguous run of the file and every identifier is valid,
 * the units in order of their first row (= slots, order of first appearance); else null,
 * and the rows are read one by one (which also finds and words any bad identifier).
 */
export function unitRuns(units: UnitQuery, nRows: number): { order: Int32Array } | null {
  const idOk = numericOk({ name: 'id', type: 'id', required: true });
  let total = 0;
  for (let g = 0; g < units.n; g++) {
    const rows = units.num(1, g);
    if (!idOk(units.num(0, g)) || units.num(3, g) - units.num(2, g) + 1 !== rows) return null;
    total += rows;
  }
  if (total !== nRows) return null;
  const order = new Int32Array(units.n);
  for (let g = 0; g < units.n; g++) order[g] = g;
  let sorted = true;
  for (let g = 1; g < units.n && sorted; g++) sorted = units.num(2, g - 1) < units.num(2, g);
  if (!sorted) order.sort((a, b) => units.num(2, a) - units.num(2, b));
  return { order };
}

/** A numeric column for transfer: INTEGER when the stored type fits (half the bytes of DOUBLE), else DOUBLE. */
function numExpr(column: string, type: string): { sql: string; int: boolean } {
  const q = sqlIdent(column);
  if (type === 'INTEGER') return { sql: q, int: true };
  if (/^(TINYINT|SMALLINT|UTINYINT|USMALLINT)$/.test(type)) return { sql: `CAST(${q} AS INTEGER)`, int: true };
  return { sql: `CAST(${q} AS DOUBLE)`, int: false };
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

/**
 * A query started ahead of need. Its failure is seen where it is awaited; if an error ends
 * the reading first, the unawaited failure must not become an unhandled rejection.
 */
function ahead(sql: string): ReturnType<typeof startQuery> {
  const p = startQuery(sql);
  p.catch(() => undefined);
  return p;
}

/** About this many bytes of engine results at a time: the whole file is never held twice. */
const SLICE_BYTES = 64 << 20;

/**
 * Runs SELECT exprs over slices of rows in file order (file_row_number ranges: the scan
 * skips the rest) and hands each slice's columns with its first row to fn. INTEGER columns
 * come as Int32Arrays; a slice where one of them holds a NULL is read again with every
 * column as DOUBLE, so the checks see the NULL as NaN.
 */
async function forSlices(src: string, exprs: readonly { sql: string; int: boolean }[], nRows: number, fn: (cols: (Float64Array | Int32Array)[], off: number) => void): Promise<void> {
  // FINSAM_PARQUET_SLICE_ROWS: tests read small files in several slices.
  const bytes = exprs.reduce((b, e) => b + (e.int ? 4 : 8), 0);
  const rows = Number(process.env.FINSAM_PARQUET_SLICE_ROWS) || Math.max(1 << 16, Math.floor(SLICE_BYTES / bytes));
  const asDouble = (e: { sql: string; int: boolean }): string => (e.int ? `CAST(${e.sql} AS DOUBLE)` : e.sql);
  const sliceSql = (a: number, double: boolean): string => {
    const b = Math.min(nRows, a + rows);
    const where = a === 0 && b === nRows ? '' : ` WHERE file_row_number >= ${a} AND file_row_number < ${b}`;
    return `SELECT ${exprs.map((e) => (double ? asDouble(e) : e.sql)).join(', ')} FROM ${src}${where}`;
  };
  // The engine scans the next slice while JavaScript copies and checks this one.
  let next = nRows > 0 ? ahead(sliceSql(0, false)) : null;
  for (let a = 0; a < nRows; a += rows) {
    const b = Math.min(nRows, a + rows);
    const started = await next!;
    next = b < nRows ? ahead(sliceSql(b, false)) : null;
    let res = typedResult(started);
    if (exprs.some((e, k) => e.int && res.nulls[k] > 0)) res = await queryTyped(sliceSql(a, true));
    if (res.n !== b - a) throw new Error(`reading ${src}: ${res.n} rows in rows ${a} to ${b - 1}`);
    try {
      fn(res.cols, a);
    } catch (err) {
      // Let the scan already started finish before the error goes up (the connection stays usable).
      if (next) await next.catch(() => undefined);
      throw err;
    }
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
