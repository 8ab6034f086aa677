/**
 * The embedded analytical engine (DuckDB, through its C API bindings) as far as the data
 * layer needs it: one in-process connection, queries whose result columns land in typed
 * arrays, and writing typed columns to a Parquet file.
 *
 * Why DuckDB, and why the raw bindings: it reads Parquet (and CSV) multi-threaded, out of
 * core, with filters and aggregates pushed into the scan, so per-unit columns come out of
 * a GROUP BY (one value per person) instead of one per row. Measured on the 12,000 × 115
 * benchmark panel (1.38 M rows): id, month and y into Float64Arrays in about 0.14 s, the
 * nine per-person columns with their constancy check in about 0.07 s, against about 1.2 s
 * (quiet machine) to 2.9 s (busy) for the uDSV CSV reader with the same columns. The
 * high-level @duckdb/node-api costs 130–320 ms just to load and 0.3–0.6 s to stream those
 * rows (one asynchronous call per 2,048-row chunk); materialised results read chunk by chunk
 * through the bindings need neither. apache-arrow and hyparquet are not installed; DuckDB
 * alone does the hand-over to typed arrays.
 *
 * At register scale (1.2 M persons, 138 M rows) the costs that remain are the engine's
 * GROUP BY and the chunk-by-chunk copy: each 2,048-row chunk costs several native calls
 * (about 30 µs a chunk, 67,000 chunks for one column set). Measured and dropped: streaming
 * the nine per-person columns into JavaScript instead of the GROUP BY (1.2 M: 59 s against
 * 30 s), list() aggregates returning one vector per column (ordered by row number they cost
 * a sort: 1 s per 4 M rows), copying results straight into the reader's final arrays (with
 * no large allocations V8 rarely collects, and results are freed by finalizers: peak RSS
 * 3.7 → 5.1 GB), a perfect hash table threshold for the GROUP BY (no change).
 */
import type * as Duck from '@duckdb/node-bindings';

type Bindings = typeof Duck;
let bindings: Bindings | null = null;
let connecting: Promise<Duck.Connection> | null = null;

function duck(): Bindings {
  // Loaded on first use: reading CSV never pays for the native module.
  if (!bindings) bindings = require('@duckdb/node-bindings') as Bindings;
  return bindings;
}

/** The process's DuckDB connection (in memory; threads as many as cores). */
export function connection(): Promise<Duck.Connection> {
  if (!connecting) {
    const d = duck();
    connecting = (async () => {
      const cfg = d.create_config();
      d.set_config(cfg, 'threads', String(Math.max(1, require('node:os').availableParallelism?.() ?? require('node:os').cpus().length)));
      const db = await d.open(':memory:', cfg);
      return d.connect(db);
    })();
  }
  return connecting;
}

/** A SQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** A SQL identifier (column names such as "month" are keywords). */
export function sqlIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

export async function run(sql: string): Promise<void> {
  await duck().query(await connection(), sql);
}

/**
 * Runs a query whose result columns are all DOUBLE (NULL read as NaN) or INTEGER (NULL
 * read as `nullInt`), and returns them as typed arrays with the number of NULLs per column
 * (so a caller can tell a NULL from a stored `nullInt`). The result is materialised in
 * DuckDB and copied chunk by chunk, synchronously.
 */
export async function queryTyped(sql: string, nullInt = -1): Promise<TypedResult> {
  return typedResult(await startQuery(sql), nullInt);
}

export interface TypedResult {
  n: number;
  cols: (Float64Array | Int32Array)[];
  names: string[];
  nulls: number[];
}

/**
 * Starts a query; the engine runs it on its own threads while JavaScript goes on (e.g.
 * with the previous slice's result), and typedResult copies it out once it is done.
 */
export async function startQuery(sql: string): Promise<Duck.Result> {
  return duck().query(await connection(), sql);
}

/** A finished query's columns as typed arrays (see queryTyped). */
export function typedResult(res: Duck.Result, nullInt = -1): TypedResult {
  const d = duck();
  const nCol = d.column_count(res);
  const types = Array.from({ length: nCol }, (_, c) => d.column_type(res, c));
  const names = Array.from({ length: nCol }, (_, c) => d.column_name(res, c));
  for (let c = 0; c < nCol; c++) {
    if (types[c] !== d.Type.DOUBLE && types[c] !== d.Type.INTEGER) throw new Error(`queryTyped: column ${names[c]} is neither DOUBLE nor INTEGER`);
  }
  const nChunks = d.result_chunk_count(res);
  const chunks: Duck.DataChunk[] = [];
  let n = 0;
  for (let i = 0; i < nChunks; i++) {
    const ch = d.result_get_chunk(res, i);
    chunks.push(ch);
    n += d.data_chunk_get_size(ch);
  }
  const cols = types.map((t) => (t === d.Type.DOUBLE ? new Float64Array(n) : new Int32Array(n)));
  const nulls = new Array<number>(nCol).fill(0);
  let off = 0;
  for (const ch of chunks) {
    const m = d.data_chunk_get_size(ch);
    for (let c = 0; c < nCol; c++) {
      const v = d.data_chunk_get_vector(ch, c);
      const dbl = types[c] === d.Type.DOUBLE;
      const bytes = d.vector_get_data(v, m * (dbl ? 8 : 4));
      const out = cols[c];
      if (dbl) (out as Float64Array).set(new Float64Array(bytes.buffer, bytes.byteOffset, m), off);
      else (out as Int32Array).set(new Int32Array(bytes.buffer, bytes.byteOffset, m), off);
      const validity = d.vector_get_validity(v, Math.ceil(m / 64) * 8);
      if (validity) {
        // A mask may be present with every bit set: whole bytes of valid rows are skipped.
        const missing = dbl ? NaN : nullInt;
        for (let b = 0, nb = (m + 7) >> 3; b < nb; b++) {
          const bits = validity[b];
          if (bits === 255) continue;
          for (let r = b << 3, end = Math.min(m, r + 8); r < end; r++) {
            if ((bits & (1 << (r & 7))) === 0) {
              out[off + r] = missing;
              nulls[c]++;
            }
          }
        }
      }
    }
    off += m;
  }
  return { n, cols, names, nulls };
}

/**
 * A query's rows as JavaScript values, for small results (names, distinct values, counts):
 * VARCHAR as strings, numbers (DOUBLE, INTEGER, BIGINT, ...) as numbers, NULL as null.
 */
export async function queryRows(sql: string): Promise<unknown[][]> {
  const d = duck();
  const res = await d.query(await connection(), sql);
  const nCol = d.column_count(res);
  const types = Array.from({ length: nCol }, (_, c) => d.column_type(res, c));
  const decoder = new TextDecoder();
  const rows: unknown[][] = [];
  const nChunks = d.result_chunk_count(res);
  for (let i = 0; i < nChunks; i++) {
    const ch = d.result_get_chunk(res, i);
    const m = d.data_chunk_get_size(ch);
    const colVals: unknown[][] = types.map((t, c) => {
      const v = d.data_chunk_get_vector(ch, c);
      const validity = d.vector_get_validity(v, Math.ceil(m / 64) * 8);
      const valid = (r: number): boolean => !validity || (validity[r >> 3] & (1 << (r & 7))) !== 0;
      const out: unknown[] = new Array(m);
      if (t === d.Type.VARCHAR) {
        // duckdb_string_t: length, then the text inline (up to 12 bytes) or a prefix and a pointer.
        const bytes = d.vector_get_data(v, m * 16);
        const view = new DataView(bytes.buffer, bytes.byteOffset, m * 16);
        for (let r = 0; r < m; r++) {
          if (!valid(r)) {
            out[r] = null;
            continue;
          }
          const len = view.getUint32(r * 16, true);
          const b = len <= 12 ? new Uint8Array(bytes.buffer, bytes.byteOffset + r * 16 + 4, len) : d.get_data_from_pointer(bytes.buffer as ArrayBuffer, bytes.byteOffset + r * 16 + 8, len);
          out[r] = decoder.decode(b);
        }
        return out;
      }
      const width: Partial<Record<number, [number, (dv: DataView, o: number) => number]>> = {
        [d.Type.DOUBLE]: [8, (dv, o) => dv.getFloat64(o, true)],
        [d.Type.FLOAT]: [4, (dv, o) => dv.getFloat32(o, true)],
        [d.Type.BIGINT]: [8, (dv, o) => Number(dv.getBigInt64(o, true))],
        [d.Type.UBIGINT]: [8, (dv, o) => Number(dv.getBigUint64(o, true))],
        [d.Type.INTEGER]: [4, (dv, o) => dv.getInt32(o, true)],
        [d.Type.UINTEGER]: [4, (dv, o) => dv.getUint32(o, true)],
        [d.Type.SMALLINT]: [2, (dv, o) => dv.getInt16(o, true)],
        [d.Type.TINYINT]: [1, (dv, o) => dv.getInt8(o)],
        [d.Type.BOOLEAN]: [1, (dv, o) => dv.getUint8(o)],
      };
      const w = width[t];
      if (!w) throw new Error(`queryRows: column ${d.column_name(res, c)} has a type this reader does not take (cast it to VARCHAR or DOUBLE)`);
      const bytes = d.vector_get_data(v, m * w[0]);
      const view = new DataView(bytes.buffer, bytes.byteOffset, m * w[0]);
      for (let r = 0; r < m; r++) out[r] = valid(r) ? w[1](view, r * w[0]) : null;
      return out;
    });
    for (let r = 0; r < m; r++) rows.push(colVals.map((col) => col[r]));
  }
  return rows;
}

/** Column names and DuckDB type names of a Parquet file. */
export async function parquetColumns(file: string): Promise<{ name: string; type: string }[]> {
  const rows = await queryRows(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(${sqlString(file)}))`);
  return rows.map((r) => ({ name: String(r[0]), type: String(r[1]) }));
}

/** A column to write: a typed array (NaN = NULL for DOUBLE) and its SQL expression in the output. */
export interface OutColumn {
  name: string;
  /** DOUBLE or INTEGER storage while appending. */
  values: Float64Array | Int32Array;
  /** The output expression over the appended column `c` (e.g. a cast or a level lookup); default: the column. */
  expr?: (c: string) => string;
}

let tableSeq = 0;

/**
 * Writes columns of equal length to a Parquet file (zstd): appended to a temporary DuckDB
 * table through data chunks filled straight from the typed arrays, then copied out with the
 * per-column output expressions. Nothing is written under `file` if anything fails.
 */
export async function writeParquet(file: string, columns: readonly OutColumn[]): Promise<void> {
  const d = duck();
  const con = await connection();
  const n = columns.length ? columns[0].values.length : 0;
  const table = `finsam_out_${++tableSeq}`;
  const isDbl = columns.map((c) => c.values instanceof Float64Array);
  await d.query(con, `CREATE TEMP TABLE ${table} (${columns.map((c, k) => `${sqlIdent(c.name)} ${isDbl[k] ? 'DOUBLE' : 'INTEGER'}`).join(', ')})`);
  try {
    const app = d.appender_create(con, null, table);
    const types = isDbl.map((dbl) => d.create_logical_type(dbl ? d.Type.DOUBLE : d.Type.INTEGER));
    const size = d.vector_size();
    const chunk = d.create_data_chunk(types);
    for (let off = 0; off < n; off += size) {
      const m = Math.min(size, n - off);
      d.data_chunk_reset(chunk);
      columns.forEach((c, k) => {
        const v = c.values;
        const bpe = v.BYTES_PER_ELEMENT;
        d.copy_data_to_vector(d.data_chunk_get_vector(chunk, k), 0, v.buffer as ArrayBuffer, v.byteOffset + off * bpe, m * bpe);
      });
      d.data_chunk_set_size(chunk, m);
      d.append_data_chunk(app, chunk);
    }
    d.appender_close_sync(app);
    const select = columns
      .map((c, k) => {
        const q = sqlIdent(c.name);
        const base = isDbl[k] ? `(CASE WHEN isnan(${q}) THEN NULL ELSE ${q} END)` : q;
        return `${c.expr ? c.expr(base) : base} AS ${q}`;
      })
      .join(', ');
    const tmp = `${file}.part-${process.pid}`;
    await d.query(con, `COPY (SELECT ${select} FROM ${table}) TO ${sqlString(tmp)} (FORMAT parquet, COMPRESSION zstd)`);
    require('node:fs').renameSync(tmp, file);
  } finally {
    await d.query(con, `DROP TABLE IF EXISTS ${table}`);
  }
}

const STREAM_BUFFER = '100MB';

/** One streamed chunk: DOUBLE columns as views valid only during the callback; `valid[c]` the NULL mask (bit set = value) or null when every row has a value. */
export interface StreamChunk {
  n: number;
  cols: Float64Array[];
  valid: (Uint8Array | null)[];
}

/**
 * Runs a query whose result columns are all DOUBLE as a streaming result and hands each
 * 2,048-row chunk to `fn` as it arrives, so a result larger than memory (a register CSV:
 * 138 M rows) is never materialised. The engine keeps scanning on its threads while
 * JavaScript handles a chunk. Returns the number of rows.
 */
export async function streamDoubles(sql: string, fn: (chunk: StreamChunk) => void): Promise<number> {
  const d = duck();
  const con = await connection();
  // The engine fills a buffer of results ahead of the reader; at the default (about 1 MB)
  // its threads mostly wait for JavaScript (the 12,000-person CSV: 1.6 s, with 100 MB 0.7 s).
  await d.query(con, `SET streaming_buffer_size = '${STREAM_BUFFER}'`);
  const prepared = await d.prepare(con, sql);
  const res = await d.execute_prepared_streaming(prepared);
  const nCol = d.column_count(res);
  for (let c = 0; c < nCol; c++) {
    if (d.column_type(res, c) !== d.Type.DOUBLE) throw new Error(`streamDoubles: column ${d.column_name(res, c)} is not DOUBLE`);
  }
  let n = 0;
  for (;;) {
    const ch = await d.fetch_chunk(res);
    if (!ch) break;
    const m = d.data_chunk_get_size(ch);
    if (m === 0) break;
    const cols: Float64Array[] = [];
    const valid: (Uint8Array | null)[] = [];
    for (let c = 0; c < nCol; c++) {
      const v = d.data_chunk_get_vector(ch, c);
      const bytes = d.vector_get_data(v, m * 8);
      cols.push(new Float64Array(bytes.buffer, bytes.byteOffset, m));
      valid.push(d.vector_get_validity(v, Math.ceil(m / 64) * 8));
    }
    fn({ n: m, cols, valid });
    n += m;
  }
  return n;
}
