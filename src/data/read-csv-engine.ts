/**
 * A large CSV read by the embedded engine (DuckDB's multi-threaded CSV scanner, duckdb.ts)
 * instead of uDSV and the cell converters: the same unsorted columns (RawTable) as
 * readTable (read-table.ts), or null when the engine's reading is not certain to be the
 * JavaScript reader's, and then the JavaScript reader reads the file (and gives its own
 * errors, words and lines). So the engine path is an optimisation only: it never
 * produces an error of its own.
 *
 * One streaming pass: the engine parses the numbers (typed DOUBLE, the missing-value
 * tokens as NULL) and JavaScript takes each 2,048-row chunk into typed columns as the CSV
 * reader would, with per-unit columns (declared, and the `did` command's `autoPerUnit`
 * ones while they stay constant within every unit) stored once per unit and never once
 * per row. Beside it, a pass over the raw bytes establishes what the engine cannot tell:
 * strict UTF-8 (or Latin-1 that does not look like UTF-8), and the absence of anything
 * where the engine's reading could differ from the JavaScript reader's (see `scanBytes`).
 * Any doubt, any value a converter would refuse, any engine error: null.
 *
 * Which reader: FINSAM_CSV_READER=auto (default: the engine for files of at least
 * ENGINE_MIN_BYTES of text), engine (whenever possible: tests force it on small files) or js.
 */
import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { CellConverter, ColumnRule, makeConverter, makeTimeConverter } from './convert';
import { CellProblem, CsvHeader, CsvReadOptions, parseHeader } from './csv';
import { run, sqlIdent, sqlString, streamDoubles, StreamChunk } from './duckdb';
import { GrowArray } from './grow';
import { IdIndex } from './id-index';
import { numericOk, timeCoder } from './parquet-values';
import { RawTable, TablePlan } from './read-table';
import { isGzip, readText, TextEncoding, textSizeEstimate } from './source';

export type CsvReaderChoice = 'auto' | 'engine' | 'js';

/** Text size from which `auto` reads with the engine (below it the JavaScript reader is as fast: see src/data/README.md). */
export const ENGINE_MIN_BYTES = 16 << 20;

export function csvReaderChoice(): CsvReaderChoice {
  const v = (process.env.FINSAM_CSV_READER ?? '').trim().toLowerCase();
  if (v === '' || v === 'auto') return 'auto';
  if (v === 'engine' || v === 'js') return v;
  const err = new Error(`FINSAM_CSV_READER must be auto, engine or js, not "${process.env.FINSAM_CSV_READER}"`);
  err.name = 'UserError';
  throw err;
}

/** What the last call did (tests check that the engine path really ran, or why not). */
export const engineLog: { last?: { file: string; used: boolean; reason?: string; sorted?: boolean }; read: string[] } = { read: [] };

/** Thrown inside this module when the engine's reading is not certain; readTableEngine then returns null. */
class NotCertain extends Error {}

const MISSING_TOKENS = ['', 'NA', 'NaN', 'nan', 'NULL', 'null', '.', 'N/A'];
const NUMBER_TYPES = new Set(['integer', 'number', 'binary', 'year']);

/**
 * The file's RawTable read by the engine, or null (the caller then uses readTable). Never
 * throws for the file's content; throws only for a bad FINSAM_CSV_READER.
 */
export async function readTableEngine(file: string, plan: TablePlan, opts: CsvReadOptions = {}, autoPerUnit: readonly string[] = []): Promise<RawTable | null> {
  const choice = csvReaderChoice();
  if (choice === 'js') return null;
  let size: number;
  try {
    size = textSizeEstimate(file);
  } catch {
    return null; // missing file, directory: the JavaScript reader words it
  }
  if (choice === 'auto' && size < ENGINE_MIN_BYTES) return null;
  try {
    const { raw, sorted } = await readEngine(file, plan, opts, size, autoPerUnit);
    engineLog.last = { file, used: true, sorted };
    if (engineLog.read.length < 1000) engineLog.read.push(file);
    return raw;
  } catch (err) {
    const reason = err instanceof NotCertain ? err.message : err instanceof CellProblem ? `a cell the reader refuses (${describe(err)})` : `the engine refused the file (${String((err as Error)?.message ?? err).split('\n')[0]})`;
    engineLog.last = { file, used: false, reason };
    if (choice === 'engine' && process.env.FINSAM_CSV_READER_TRACE) process.stderr.write(`${file}: read by the JavaScript reader: ${reason}\n`);
    return null;
  }
}

function describe(p: CellProblem): string {
  return `record ${p.record}${p.column ? `, column ${p.column}` : ''}`;
}

/** The header exactly as streamCsv finds it: the same chunks until a line break, the same parse. */
async function readHead(file: string, encoding: TextEncoding, chunkBytes: number, size: number): Promise<CsvHeader> {
  const stream = readText(file, encoding, chunkBytes);
  let head = '';
  try {
    for await (const chunk of stream) {
      head += chunk;
      if (/[\r\n]/.test(head)) break;
    }
  } catch {
    throw new NotCertain('the beginning of the file does not decode');
  } finally {
    await stream.return(undefined);
  }
  if (!/[\r\n]/.test(head)) throw new NotCertain('no line break after the header');
  try {
    return parseHeader(file, head, size).header;
  } catch {
    throw new NotCertain('the header is refused');
  }
}

async function readEngine(file: string, plan: TablePlan, opts: CsvReadOptions, size: number, autoPerUnit: readonly string[]): Promise<{ raw: RawTable; sorted: boolean }> {
  const encoding = opts.encoding ?? 'utf8';
  const header = await readHead(file, encoding, opts.chunkBytes ?? 1 << 16, size);
  if (header.rowDelimiter !== '\n') throw new NotCertain('the lines do not end in \\n');
  const names = header.names;
  const rules = typeof plan.columns === 'function' ? plan.columns(names) : plan.columns;
  const at = (name: string): number => {
    const i = names.indexOf(name);
    if (i < 0) throw new NotCertain(`column ${name} is not in the header`);
    return i;
  };
  const idIdx = at(plan.id);
  if (plan.time && plan.time.kind === 'month') throw new NotCertain('months (YYYY-MM) are text');
  const timeIdx = plan.time ? at(plan.time.column) : -1;
  for (const r of rules) if (!NUMBER_TYPES.has(r.type)) throw new NotCertain(`column ${r.name} is of type ${r.type}`);
  const ruleIdx = rules.map((r) => at(r.name));
  const used = new Set([idIdx, ...(plan.time ? [timeIdx] : []), ...ruleIdx]);
  if (used.size !== (plan.time ? 2 : 1) + rules.length) throw new NotCertain('a column is read twice');

  const gz = isGzip(file);
  const scan = scanBytes(file, gz, encoding, header.delimiter, names.length);
  scan.catch(() => undefined);

  const id = colName(idIdx);
  // Digits only, at most 15 after leading zeros (the JavaScript reader also takes 16 digits
  // up to 2^53 − 1: those go to it). error() ends the query: the file goes to the JavaScript reader.
  const idExpr = `CASE WHEN regexp_full_match(${id}, ' *0*[0-9]{1,15} *') THEN CAST(trim(${id}) AS DOUBLE) ELSE error('finsam: identifier') END`;
  const select = [idExpr, ...(plan.time ? [colName(timeIdx)] : []), ...ruleIdx.map(colName)];
  const sql = `SELECT ${select.join(', ')} FROM ${csvSource(file, names, header.delimiter, idIdx, used, encoding, gz)}`;

  const table = new Collector(plan, rules, autoPerUnit, header.expectedRecords);
  let nRows: number;
  try {
    nRows = await streamDoubles(sql, (chunk) => table.add(chunk));
  } catch (err) {
    await scan.catch(() => undefined);
    throw err;
  }
  const bytes = await scan;
  if (bytes.lines !== nRows + 1) throw new NotCertain(`the engine read ${nRows} records from ${bytes.lines} lines`);
  return { raw: table.finish(file, names, nRows), sorted: table.sorted };
}

const colName = (i: number): string => `c${i}`;

/**
 * The engine's scan of the file: every column by position (c0, c1, …): the identifier as
 * text (checked to be digits by the query), the period and value columns (`used`) as DOUBLE,
 * the others as text that is never converted. RFC 4180 quotes, the header's separator,
 * strict field counts, the missing-value tokens as NULL.
 */
function csvSource(file: string, names: readonly string[], delimiter: string, idIdx: number, used: ReadonlySet<number>, encoding: TextEncoding, gz: boolean): string {
  const typeOf = (i: number): string => (i === idIdx || !used.has(i) ? 'VARCHAR' : 'DOUBLE');
  const columns = `{${names.map((_, i) => `'${colName(i)}': '${typeOf(i)}'`).join(', ')}}`;
  const options = [
    `columns = ${columns}`,
    'header = true',
    `delim = ${sqlString(delimiter)}`,
    `quote = '"'`,
    `escape = '"'`,
    'auto_detect = false',
    'strict_mode = true',
    'null_padding = false',
    'ignore_errors = false',
    `nullstr = [${MISSING_TOKENS.map(sqlString).join(', ')}]`,
    `compression = '${gz ? 'gzip' : 'none'}'`,
    `encoding = '${encoding === 'latin1' ? 'latin-1' : 'utf-8'}'`,
  ];
  return `read_csv(${sqlString(file)}, ${options.join(', ')})`;
}

/**
 * `convert` of a CSV the engine has just read (engineLog.last.used) in the panel's order
 * (engineLog.last.sorted): the columns written to Parquet straight from the engine's scan,
 * the same typed values the read took (so what converts is what the reader accepted),
 * without holding the rows in JavaScript. `columns`: name and storage type, in output order.
 */
export async function csvToParquet(file: string, opts: CsvReadOptions, idName: string, columns: readonly { name: string; type: 'INTEGER' | 'BIGINT' | 'DOUBLE' }[], out: string): Promise<void> {
  const encoding = opts.encoding ?? 'utf8';
  const header = await readHead(file, encoding, opts.chunkBytes ?? 1 << 16, textSizeEstimate(file));
  const idIdx = header.names.indexOf(idName);
  const idx = columns.map((c) => header.names.indexOf(c.name));
  if (idIdx < 0 || idx.some((i) => i < 0)) throw new Error(`csvToParquet(${file}): a column is not in the header`);
  const used = new Set(idx.filter((i) => i !== idIdx));
  const select = columns.map((c, k) => {
    const v = idx[k] === idIdx ? `trim(${colName(idIdx)})` : colName(idx[k]);
    return `CAST(${v} AS ${c.type}) AS ${sqlIdent(c.name)}`;
  });
  const tmp = `${out}.part-${process.pid}`;
  try {
    await run(`COPY (SELECT ${select.join(', ')} FROM ${csvSource(file, header.names, header.delimiter, idIdx, used, encoding, isGzip(file))}) TO ${sqlString(tmp)} (FORMAT parquet, COMPRESSION zstd)`);
    fs.renameSync(tmp, out);
  } finally {
    if (fs.existsSync(tmp)) fs.unlinkSync(tmp);
  }
}

/**
 * The rows into the CSV reader's columns. Values are checked as the converters would
 * check their text: the engine's number equals JavaScript's for every text both accept
 * (texts the engine would take differently are kept out by scanBytes), so a value the
 * converter accepts unchanged is kept, and any other goes to the converter on its text,
 * whose CellProblem ends the engine path.
 */
class Collector {
  private readonly slotOf = new IdIndex();
  private readonly slotIds = new GrowArray(Float64Array);
  private readonly slotFirst = new GrowArray(Int32Array);
  private readonly rowSlot: GrowArray<Int32Array>;
  private readonly rowTime: GrowArray<Int32Array> | null;
  private readonly coder;
  /** Per rule: row values (row-level) or, for per-unit rules, values by slot. */
  private readonly rowVals: (GrowArray<Float64Array> | null)[];
  private readonly slotVals: (GrowArray<Float64Array> | null)[];
  private readonly checks: ((v: number, record: number) => number)[];
  private readonly plainChecks: ((v: number, record: number) => number)[];
  private readonly oks: ((v: number) => boolean)[];
  private rows = 0;
  /** Whether the rows so far come sorted by identifier, then period (the panel's order). */
  sorted = true;
  private prevCode = 0;
  private lastId = NaN;
  private lastSlot = -1;
  /** 1 for a row of the current chunk that opens its unit's slot. */
  private isNew = new Uint8Array(2048);

  constructor(
    private readonly plan: TablePlan,
    private readonly rules: readonly ColumnRule[],
    private readonly autoPerUnit: readonly string[],
    expected: number,
  ) {
    this.rowSlot = new GrowArray(Int32Array, expected);
    this.rowTime = plan.time ? new GrowArray(Int32Array, expected) : null;
    this.coder = plan.time ? timeCoder(timeConverter(plan)) : null;
    this.rowVals = rules.map((r) => (this.isUnitLevel(r) ? null : new GrowArray(Float64Array, expected)));
    this.slotVals = rules.map((r) => (this.isUnitLevel(r) ? new GrowArray(Float64Array) : null));
    this.checks = rules.map((r) => valueCheck(r));
    this.plainChecks = this.checks.map(plainCheck);
    this.oks = rules.map((r) => numericOk(r));
  }

  /** Declared per-unit, or `autoPerUnit` (stored per unit while constant within every unit). */
  private isUnitLevel(r: ColumnRule): boolean {
    return r.perUnit === true || this.autoPerUnit.includes(r.name);
  }

  add(chunk: StreamChunk): void {
    const m = chunk.n;
    const off = this.rows;
    // NULLs as NaN (a copy, for the rare chunk that has them); in a column without NULLs a
    // NaN can only be one the engine read from the text ("NAN"): `plain` marks those columns.
    const cols = chunk.cols.map((c, k) => (chunk.valid[k] ? withNulls(c, chunk.valid[k]!) : c));
    const plain = chunk.valid.map((v) => !v);
    if (this.isNew.length < m) this.isNew = new Uint8Array(m);
    this.slots(cols[0], off, m);
    let k0 = 1;
    if (this.coder) {
      const out = this.rowTime!;
      ensure(out, off + m);
      this.coder.into(cols[1], out.data, off);
      out.length = off + m;
      k0 = 2;
      if (this.sorted) this.checkOrder(cols[0], out.data, off, m);
    }
    for (let k = 0; k < this.rules.length; k++) {
      const src = cols[k0 + k];
      if (this.rowVals[k]) this.rowValues(k, src, off, m, plain[k0 + k]);
      else this.unitValues(k, src, off, m, plain[k0 + k]);
    }
    this.rows += m;
  }

  private checkOrder(ids: Float64Array, codes: Int32Array, off: number, m: number): void {
    let prev = off > 0 ? this.prevCode : -Infinity;
    let prevId = off > 0 ? this.prevId : -Infinity;
    for (let i = 0; i < m; i++) {
      const id = ids[i];
      const c = codes[off + i];
      if (id < prevId || (id === prevId && c <= prev)) {
        this.sorted = false;
        return;
      }
      prevId = id;
      prev = c;
    }
    this.prevCode = prev;
    this.prevId = prevId;
  }
  private prevId = -Infinity;

  /** Identifiers to slots, in order of first appearance (the identifiers passed the engine's digit check). */
  private slots(ids: Float64Array, off: number, m: number): void {
    const rowSlot = this.rowSlot;
    ensure(rowSlot, off + m);
    const out = rowSlot.data;
    const isNew = this.isNew;
    let lastId = this.lastId;
    let lastSlot = this.lastSlot;
    for (let i = 0; i < m; i++) {
      const id = ids[i];
      isNew[i] = 0;
      if (id !== lastId) {
        // Valid identifiers only (NaN: a NULL, which the engine refuses already).
        if (!(id >= 0 && id <= Number.MAX_SAFE_INTEGER)) throw new NotCertain('an identifier out of range');
        let s = this.slotOf.get(id);
        if (s < 0) {
          s = this.slotIds.length;
          this.slotOf.set(id, s);
          this.slotIds.push(id);
          this.slotFirst.push(off + i);
          isNew[i] = 1;
        } else if (this.plan.uniqueUnits) {
          throw new NotCertain('a repeated identifier in a unit file');
        }
        lastId = id;
        lastSlot = s;
      } else if (this.plan.uniqueUnits) {
        throw new NotCertain('a repeated identifier in a unit file');
      }
      out[off + i] = lastSlot;
    }
    rowSlot.length = off + m;
    this.lastId = lastId;
    this.lastSlot = lastSlot;
  }

  private rowValues(k: number, src: Float64Array, off: number, m: number, plain: boolean): void {
    const g = this.rowVals[k]!;
    ensure(g, off + m);
    const out = g.data;
    const ok = this.oks[k];
    const check = plain ? this.plainChecks[k] : this.checks[k];
    if (this.rules[k].type === 'number' && !this.rules[k].range) {
      for (let i = 0; i < m; i++) {
        const v = src[i];
        out[off + i] = v - v === 0 && (v !== 0 || 1 / v > 0) ? v : check(v, off + i);
      }
    } else {
      for (let i = 0; i < m; i++) {
        const v = src[i];
        out[off + i] = ok(v) ? v : check(v, off + i);
      }
    }
    g.length = off + m;
  }

  /**
   * A per-unit column: each unit's first value checked and kept; a later row must hold the
   * same value (NaN equal to NaN). A declared per-unit column that varies is the
   * JavaScript reader's error; an `autoPerUnit` one becomes row-level from here on. 0 and
   * −0 in one unit count as equal in both readers but keep the first row's value, which
   * depends on their order: not certain.
   */
  private unitValues(k: number, src: Float64Array, off: number, m: number, plain: boolean): void {
    const store = this.slotVals[k]!;
    const rowSlot = this.rowSlot.data;
    const isNew = this.isNew;
    const check = plain ? this.plainChecks[k] : this.checks[k];
    for (let i = 0; i < m; i++) {
      const v = src[i];
      const s = rowSlot[off + i];
      if (isNew[i]) {
        store.push(check(v, off + i));
        continue;
      }
      const prev = store.data[s];
      if (v === prev) {
        if (v === 0 && 1 / v !== 1 / prev) throw new NotCertain('0 and -0 within a unit');
        continue;
      }
      if (v !== v && prev !== prev) {
        if (plain) throw new NotCertain('a NaN that is not a missing-value token');
        continue;
      }
      if (this.rules[k].perUnit) throw new NotCertain(`column ${this.rules[k].name} varies within a unit`);
      this.demote(k, off + i);
      this.rowValues(k, src.subarray(i), off + i, m - i, plain);
      return;
    }
  }

  /** An `autoPerUnit` column found to vary: its rows so far from their units' values, the rest read per row. */
  private demote(k: number, upTo: number): void {
    const byUnit = this.slotVals[k]!.data;
    const g = new GrowArray(Float64Array, Math.max(this.rowSlot.data.length, upTo + 2048));
    const rowSlot = this.rowSlot.data;
    for (let r = 0; r < upTo; r++) g.data[r] = byUnit[rowSlot[r]];
    g.length = upTo;
    this.rowVals[k] = g;
    this.slotVals[k] = null;
  }

  finish(file: string, header: readonly string[], nRows: number): RawTable {
    if (nRows !== this.rows) throw new Error(`readTableEngine(${file}): ${nRows} rows streamed, ${this.rows} taken`);
    const cols: Record<string, Float64Array> = {};
    const slotCols: Record<string, Float64Array> = {};
    // Key order as the JavaScript reader leaves it: declared per-unit columns, then the
    // `autoPerUnit` ones in that list's order (compactPerUnit moves them after the read).
    this.rules.forEach((r, k) => {
      if (this.rowVals[k]) cols[r.name] = this.rowVals[k]!.finish();
      else if (r.perUnit) slotCols[r.name] = this.slotVals[k]!.finish();
    });
    for (const name of this.autoPerUnit) {
      const k = this.rules.findIndex((r) => r.name === name && !r.perUnit);
      if (k >= 0 && this.slotVals[k]) slotCols[name] = this.slotVals[k]!.finish();
    }
    return {
      file,
      header,
      nRows,
      rowSlot: this.rowSlot.finish(),
      slotIds: this.slotIds.finish(),
      slotFirstRecord: this.slotFirst.finish(),
      rowTime: this.rowTime ? this.rowTime.finish() : undefined,
      periodCodes: this.coder ? this.coder.codes() : undefined,
      cols,
      slotCols,
      levels: {},
      plan: this.plan,
    };
  }
}

function timeConverter(plan: TablePlan): CellConverter {
  const { column, kind, range } = plan.time!;
  return makeTimeConverter(column, kind, range);
}

/**
 * A value the converter accepts unchanged is returned as is; any other goes to the
 * converter on its text ('' for a NULL, "-0" for −0, which String() writes "0"), which
 * either returns what it would for the cell or throws the CellProblem.
 */
function valueCheck(rule: ColumnRule): (v: number, record: number) => number {
  const conv = makeConverter(rule, false);
  const ok = numericOk(rule);
  return (v, record) => (ok(v) ? v : conv.convert(v !== v ? '' : Object.is(v, -0) ? '-0' : String(v), record));
}

/** A column without NULLs: a NaN in it is one the engine read from the text ("NAN"), which is not a missing-value token. */
function plainCheck(check: (v: number, record: number) => number): (v: number, record: number) => number {
  return (v, record) => {
    if (v !== v) throw new NotCertain('a NaN that is not a missing-value token');
    return check(v, record);
  };
}

/** The values with NULLs as NaN (a copy). A NaN the engine read from the text ("NAN") is not a missing token: not certain. */
function withNulls(values: Float64Array, valid: Uint8Array): Float64Array {
  const m = values.length;
  let out: Float64Array | null = null;
  for (let b = 0, nb = (m + 7) >> 3; b < nb; b++) {
    const bits = valid[b];
    for (let i = b << 3, end = Math.min(m, i + 8); i < end; i++) {
      if (bits & (1 << (i & 7))) {
        if (values[i] !== values[i]) throw new NotCertain('a NaN that is not a missing-value token');
      } else {
        if (!out) out = values.slice();
        out[i] = NaN;
      }
    }
  }
  return out ?? values;
}

function ensure<T extends Float64Array | Int32Array>(g: GrowArray<T>, n: number): void {
  if (g.data.length >= n) return;
  const Ctor = g.data.constructor as { new (n: number): T };
  const next = new Ctor(Math.max(n, Math.ceil(g.data.length * 1.5)));
  next.set(g.data.subarray(0, g.length));
  g.data = next;
}

/**
 * The raw bytes, checked for what decides that the engine reads the file as the
 * JavaScript reader does, record for record and value for value:
 * - the text is valid UTF-8 (utf8) or does not look like UTF-8 (latin1), as source.ts requires;
 * - no carriage return (line ends other than \n), no blank line and no quote after the
 *   header: then every line is one record in both readers, and record r is the line the
 *   JavaScript reader finds for it (line breaks inside quotes, blank lines, CRLF and
 *   quoting mistakes stay with it);
 * - no "_" and no "+-": the engine reads 1_000 as 1000 and +-5 as −5, JavaScript refuses both
 *   (found by comparing both readers on 80,000 generated cells; see test/data/csv-engine.test.ts);
 * - with a separator other than the comma, no comma (decimal commas stay with JavaScript);
 * - a line that ends in the separator has exactly the header's number of fields (the
 *   engine silently drops empty fields after the last column, even in strict mode).
 * The lines are counted: the engine's records must be the lines after the header.
 */
async function scanBytes(file: string, gz: boolean, encoding: TextEncoding, delimiter: string, nFields: number): Promise<{ lines: number }> {
  const sep = delimiter.charCodeAt(0);
  const nSep = nFields - 1;
  // FINSAM_CSV_SCAN_BYTES: tests put chunk edges inside lines and characters.
  const raw = fs.createReadStream(file, { highWaterMark: Number(process.env.FINSAM_CSV_SCAN_BYTES) || 8 << 20 });
  const stream: NodeJS.ReadableStream = gz ? raw.pipe(zlib.createGunzip({ chunkSize: 1 << 20 })) : raw;
  let inHeader = true;
  let headPart: Buffer | null = null;
  let prev = -1; // the byte before the chunk
  let pending: Buffer | null = null; // bytes after the chunk's last line break (UTF-8 checked with the next)
  let lines = 0;
  const commaBanned = delimiter !== ',';
  try {
    for await (const chunk0 of stream as AsyncIterable<Buffer>) {
      let chunk = chunk0;
      if (inHeader) {
        // The header line, gathered over chunks.
        headPart = headPart ? Buffer.concat([headPart, chunk]) : chunk;
        const nl = headPart.indexOf(10);
        if (nl < 0) {
          if (headPart.length > 1 << 24) throw new NotCertain('a header line of more than 16 MB');
          continue;
        }
        chunk = headPart;
        const head = chunk.subarray(0, nl);
        let quotes = 0;
        for (let p = head.indexOf(34); p !== -1; p = head.indexOf(34, p + 1)) quotes++;
        if (quotes % 2 !== 0) throw new NotCertain('a quote open across the header line');
        if (head.indexOf(13) !== -1) throw new NotCertain('a carriage return');
        checkText(head, encoding);
        lines++;
        prev = 10;
        chunk = chunk.subarray(nl + 1);
        inHeader = false;
      }
      if (chunk.length === 0) continue;
      if (chunk.indexOf(13) !== -1) throw new NotCertain('a carriage return');
      if (chunk.indexOf(34) !== -1) throw new NotCertain('a quote in the data');
      if (chunk.indexOf(95) !== -1) throw new NotCertain('an underscore in the data');
      if (commaBanned && chunk.indexOf(44) !== -1) throw new NotCertain('a comma in a file not separated by commas');
      if (chunk.indexOf('+-') !== -1 || (prev === 43 && chunk[0] === 45)) throw new NotCertain('"+-" in the data');
      // One pass over the bytes for what depends on the byte before a line break: blank
      // lines, lines ending in the separator (their fields are counted: the engine drops
      // empty fields after the last column), and the count of lines. (A loop: searching
      // for "\n\n" or ",\n" is several times slower, their first byte being frequent.)
      let before = prev;
      for (let i = 0, n = chunk.length; i < n; i++) {
        const c = chunk[i];
        if (c !== 10) {
          before = c;
          continue;
        }
        lines++;
        if (before === 10) throw new NotCertain('a blank line');
        if (before === sep) {
          const start = i === 0 ? 0 : chunk.lastIndexOf(10, i - 1) + 1;
          const carried = start === 0 && pending ? countByte(pending, sep, 0, pending.length) : 0;
          if (carried + countByte(chunk, sep, start, i) !== nSep) throw new NotCertain('a line with more fields than the header');
        }
        before = c;
      }
      // Text checked up to the last line break (a character never spans one).
      const last = chunk.lastIndexOf(10);
      if (last < 0) {
        pending = pending ? Buffer.concat([pending, chunk]) : Buffer.from(chunk);
      } else {
        const first = chunk.indexOf(10);
        checkText(pending ? Buffer.concat([pending, chunk.subarray(0, first + 1)]) : chunk.subarray(0, first + 1), encoding);
        checkText(chunk.subarray(first + 1, last + 1), encoding);
        pending = last + 1 < chunk.length ? Buffer.from(chunk.subarray(last + 1)) : null;
      }
      prev = chunk[chunk.length - 1];
    }
    if (inHeader) throw new NotCertain('no data after the header');
    if (pending) {
      checkText(pending, encoding);
      if (prev === sep && countByte(pending, sep, 0, pending.length) !== nSep) throw new NotCertain('a line with more fields than the header');
    }
    if (prev !== 10) lines++;
    return { lines };
  } catch (err) {
    if (err instanceof NotCertain) throw err;
    throw new NotCertain(`the bytes do not read (${(err as Error).message})`);
  } finally {
    raw.destroy();
  }
}

function countByte(b: Buffer, byte: number, from: number, to: number): number {
  let n = 0;
  for (let p = b.indexOf(byte, from); p !== -1 && p < to; p = b.indexOf(byte, p + 1)) n++;
  return n;
}

function checkText(b: Buffer, encoding: TextEncoding): void {
  if (encoding === 'utf8') {
    if (!isUtf8(b)) throw new NotCertain('bytes that are not UTF-8');
    return;
  }
  // latin1: the JavaScript reader refuses text that looks like UTF-8 ("Ã" then 0x80-0xBF); any such pair goes to it.
  for (let i = b.indexOf(0xc3); i !== -1 && i + 1 < b.length; i = b.indexOf(0xc3, i + 1)) {
    if (b[i + 1] >= 0x80 && b[i + 1] <= 0xbf) throw new NotCertain('Latin-1 text that looks like UTF-8');
  }
}
