/**
 * Streaming CSV reading: the file is read in chunks and each record is handed to a
 * callback as an array of strings, which converts it straight into typed columns; no row
 * objects are kept.
 *
 * Parsing is uDSV's (the fastest parser measured here, about twice Papa Parse on the
 * 1.38-million-row benchmark). uDSV trusts its input to be well formed, so this module
 * adds the guards a register extract needs: a short or long line becomes an error naming
 * its line instead of a silently shifted record, and line numbers are exact even with
 * blank lines (found by a second pass over the file, only when there is an error).
 */
import { inferSchema, initParser } from 'udsv';
import { DataError } from './errors';
import { checkReadable, readText, TextEncoding, textSizeEstimate } from './source';

export interface CsvHeader {
  names: string[];
  /** Field delimiter detected from the header: tab, "|", ";" or ",". */
  delimiter: string;
  /** Row delimiter detected from the header: "\n", "\r\n" or "\r". */
  rowDelimiter: string;
  /** Estimated number of data records (file size over the first chunk's line length), for sizing columns. */
  expectedRecords: number;
}

/** Receives each data record (0-based `record`; line = record + 2 without blank lines). */
export type RowHandler = (fields: string[], record: number) => void;

export interface RowConsumer {
  row: RowHandler;
  /**
   * Indexes of fields the handler does not convert. The reader checks these for a line
   * break, the sign of a line with too few fields (which shifts the records after it);
   * converted fields reveal it by failing conversion. Line breaks inside quoted fields
   * are therefore not supported.
   */
  unconverted: readonly number[];
}

export interface CsvReadOptions {
  /** Text encoding of the file (register extracts are sometimes latin1). Default utf8, checked strictly. */
  encoding?: TextEncoding;
  /** Bytes read per chunk. Default 64 KiB (as fast as 1 MiB here, and less memory). */
  chunkBytes?: number;
}

/**
 * What is wrong with the data, found while reading or building; `record` is the 0-based
 * data record (-1 for the header). The reader turns it into a DataError with the exact
 * line. `detail` may be a function of a line lookup, for messages that name other lines.
 */
export class CellProblem {
  constructor(
    readonly record: number,
    readonly column: string | undefined,
    readonly detail: string | ((lineOf: (record: number) => number) => string),
    readonly refs: readonly number[] = [],
  ) {}
}

// A line appended after the data: if the last real line is incomplete, uDSV merges this
// into it (and the merged record fails the checks) instead of wrapping around to the
// start of its buffer, which it does for a short last line at end of input.
const EOF_MARK = '\u0000finsam-eof\u0000';

/**
 * Streams `file` through `onHeader(header)`'s handler. Returns the number of data
 * records. A CellProblem thrown by the handler becomes a DataError naming file, column and
 * line; if the record is malformed (more or fewer fields than the header), that is
 * reported instead.
 */
export async function streamCsv(
  file: string,
  onHeader: (header: CsvHeader) => RowConsumer,
  opts: CsvReadOptions = {},
): Promise<number> {
  const encoding = opts.encoding ?? 'utf8';
  checkReadable(file);
  const stream = readText(file, encoding, opts.chunkBytes ?? 1 << 16);
  const fileSize = textSizeEstimate(file);
  // Records whose last field holds the delimiter: an extra field, unless the field was
  // quoted (uDSV returns both alike). Without any quote in the file it is an error at once;
  // otherwise the raw lines are checked after reading (rare).
  const suspects: number[] = [];
  let sawQuote = false;
  let header: CsvHeader | undefined;
  let parser: ReturnType<typeof initParser> | undefined;
  let handler: RowHandler | undefined;
  let unconverted: readonly number[] = [];
  let record = 0;
  let sawEof = false;
  let lastRow: string[] | undefined;
  let head = '';
  let lastChar = '';

  const onRow = (row: string[]): boolean => {
    if (row[0] === EOF_MARK && row.every((f) => f === EOF_MARK)) {
      sawEof = true;
      return false;
    }
    lastRow = row;
    const last = row[row.length - 1];
    if (last.indexOf(header!.delimiter) !== -1 && last.indexOf(EOF_MARK) === -1) {
      if (!sawQuote) throw tooManyFields(header!, record);
      suspects.push(record);
    }
    for (let k = 0; k < unconverted.length; k++) {
      const f = row[unconverted[k]];
      if (f.indexOf(header!.rowDelimiter) !== -1 || f.indexOf(EOF_MARK) !== -1) {
        throw structuralProblem(row, header!, record) ?? new CellProblem(record, header!.names[unconverted[k]], 'the field is malformed');
      }
    }
    handler!(row, record);
    record++;
    return true;
  };

  try {
    try {
      for await (const chunk of stream) {
        let text = chunk;
        if (!sawQuote && text.indexOf('"') !== -1) sawQuote = true;
        if (!parser) {
          head += text;
          if (!/[\r\n]/.test(head)) continue;
          text = head;
          ({ header, parser } = startParser(file, head, fileSize));
          ({ row: handler, unconverted } = onHeader(header));
        }
        parser.chunk(text, parser.stringArrs, onRow);
        lastChar = text[text.length - 1];
      }
      if (!parser) {
        // No line break at all: a header without data, or nothing.
        if (head.replace(/^\uFEFF/, '').trim() === '') throw new DataError({ file, line: 1 }, 'the file is empty (no header line)');
        ({ header, parser } = startParser(file, head + '\n', 0));
        ({ row: handler, unconverted } = onHeader(header));
        parser.chunk(head + '\n', parser.stringArrs, onRow);
        lastChar = '\n';
      }
      const h = header!;
      const eofRow = new Array<string>(h.names.length).fill(EOF_MARK).join(h.delimiter);
      const sep = lastChar === '\n' || lastChar === '\r' ? '' : h.rowDelimiter;
      // No parser.end(): the appended line is the end, and uDSV resets itself when
      // onRow stops at it; anything left unparsed means the appended line was swallowed.
      parser.chunk(sep + eofRow + h.rowDelimiter, parser.stringArrs, onRow);
    } catch (err) {
      if (!(err instanceof CellProblem)) throw err;
      if (lastRow && header && err.record === record) throw structuralProblem(lastRow, header, record) ?? err;
      throw err;
    }
    if (!sawEof) {
      // The appended line was swallowed: the last line is short or a quote is unclosed.
      // The culprit is the last record seen if the appended line ran into it, else the
      // record that never ended.
      const merged = lastRow !== undefined && lastRow.some((f) => f.indexOf(EOF_MARK) !== -1);
      throw new CellProblem(merged ? record - 1 : record, undefined, 'the line has fewer fields than the header, or an unclosed quote');
    }
    if (suspects.length > 0) await checkSuspects(file, suspects, encoding, header!);
  } catch (err) {
    if (err instanceof CellProblem) throw await locateProblem(file, err, encoding, header);
    throw err;
  } finally {
    await stream.return(undefined);
  }
  return record;
}

/** A line with more fields than the header; in a comma-separated file the usual cause is decimal commas. */
function tooManyFields(header: CsvHeader, record: number): CellProblem {
  const n = header.names.length;
  const hint =
    header.delimiter === ','
      ? '; if the file writes decimal commas ("8,46"), each such number splits into two fields: export with decimal points, or with ";" as the separator'
      : '';
  return new CellProblem(record, undefined, `the line has more fields than the header (${n})${hint}`);
}

/** Splits one raw line by RFC 4180 (quotes, doubled quotes) and counts its fields. */
export function countFields(line: string, delimiter: string): number {
  let n = 1;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') {
      if (quoted && line[i + 1] === '"') i++;
      else quoted = !quoted;
    } else if (c === delimiter && !quoted) {
      n++;
    }
  }
  return n;
}

/** Re-reads the raw lines of records whose last field held the delimiter, and refuses extra fields. */
async function checkSuspects(file: string, records: number[], encoding: TextEncoding, header: CsvHeader): Promise<void> {
  const texts = new Map<number, string>();
  await locateRecords(file, records, encoding, header.rowDelimiter, texts);
  for (const r of records) {
    const t = texts.get(r);
    if (t !== undefined && countFields(t, header.delimiter) > header.names.length) throw tooManyFields(header, r);
  }
}

function startParser(file: string, head: string, fileSize: number) {
  const { header, schema } = parseHeader(file, head, fileSize);
  return { header, parser: initParser(schema) };
}

/**
 * The header as the reader sees it (names, separators), from the file's first text; the
 * engine reader (read-csv-engine.ts) takes its columns and separator from here, so both
 * readers agree on them. Throws the reader's DataError for an empty or repeated name.
 */
export function parseHeader(file: string, head: string, fileSize: number) {
  const schema = inferSchema(head);
  for (const col of schema.cols) col.type = 's';
  const names = schema.cols.map((c) => String(c.name).replace(/^\uFEFF/, '').trim());
  const seen = new Set<string>();
  for (const n of names) {
    if (n === '') throw new DataError({ file, line: 1 }, 'the header has an empty column name');
    if (seen.has(n)) throw new DataError({ file, line: 1, column: n }, 'the header names this column twice');
    seen.add(n);
  }
  const header: CsvHeader = { names, delimiter: schema.col, rowDelimiter: schema.row, expectedRecords: estimateRecords(head, fileSize) };
  return { header, schema };
}

/** Records in a file of `fileSize` bytes whose beginning is `head`: a little over, so columns rarely grow. */
function estimateRecords(head: string, fileSize: number): number {
  let lines = 0;
  for (let pos = head.indexOf('\n'); pos !== -1; pos = head.indexOf('\n', pos + 1)) lines++;
  if (lines <= 1 || fileSize <= head.length) return Math.max(lines, 1);
  const perLine = head.length / lines;
  return Math.ceil((fileSize / perLine) * 1.02) + 64;
}

/**
 * uDSV fills a fixed number of fields per record: a line with too few fields runs on into
 * the next line (a field then contains the row delimiter) and one with too many leaves the
 * rest in the last field (which then contains the delimiter).
 */
export function structuralProblem(row: string[], header: CsvHeader, record: number): CellProblem | undefined {
  const n = header.names.length;
  for (let i = 0; i < row.length; i++) {
    if (row[i].indexOf(header.rowDelimiter) !== -1 || row[i].indexOf(EOF_MARK) !== -1) {
      return new CellProblem(record, undefined, `the line has fewer fields than the header (${n})`);
    }
  }
  if (row[n - 1] !== undefined && row[n - 1].indexOf(header.delimiter) !== -1) return tooManyFields(header, record);
  return undefined;
}

async function locateProblem(file: string, p: CellProblem, encoding: TextEncoding, header?: CsvHeader): Promise<DataError> {
  const wanted = p.record < 0 ? [...p.refs] : [p.record, ...p.refs];
  const lines = await locateRecords(file, wanted, encoding, header?.rowDelimiter);
  const lineOf = (r: number) => (r < 0 ? 1 : lines.get(r) ?? r + 2);
  const detail = typeof p.detail === 'string' ? p.detail : p.detail(lineOf);
  return new DataError({ file, column: p.column, line: lineOf(p.record) }, detail);
}

/** Raises a CellProblem from a finished read (duplicates, constancy) as a DataError. */
export async function problemToError(file: string, p: CellProblem, opts: CsvReadOptions = {}): Promise<DataError> {
  return locateProblem(file, p, opts.encoding ?? 'utf8');
}

/**
 * 1-based line of each 0-based data record. Records are the non-blank lines after the
 * header (uDSV skips blank lines); records never span lines here, because a line break
 * inside a field is itself an error.
 */
export async function locateRecords(
  file: string,
  records: readonly number[],
  encoding: TextEncoding = 'utf8',
  rowDelimiter = '\n',
  texts?: Map<number, string>,
): Promise<Map<number, number>> {
  const want = new Set(records.filter((r) => r >= 0));
  const out = new Map<number, number>();
  if (want.size === 0) return out;
  const last = Math.max(...want);
  const nl = rowDelimiter === '\r' ? '\r' : '\n';
  let line = 0;
  let record = -2; // the header is record -1
  let carry = '';
  const stream = readText(file, encoding, 1 << 20);
  try {
    for await (const chunk of stream) {
      const text = carry + chunk;
      let start = 0;
      let pos: number;
      while ((pos = text.indexOf(nl, start)) !== -1) {
        line++;
        const len = pos - start;
        const blank = len === 0 || (len === 1 && text.charCodeAt(start) === 13);
        if (!blank || record === -2) {
          record++;
          if (want.has(record)) {
            out.set(record, line);
            if (texts) texts.set(record, text.slice(start, pos).replace(/\r$/, ''));
          }
          if (record >= last) return out;
        }
        start = pos + 1;
      }
      carry = text.slice(start);
    }
    if (carry.length > 0 && carry !== '\r') {
      record++;
      if (want.has(record)) {
        out.set(record, line + 1);
        if (texts) texts.set(record, carry.replace(/\r$/, ''));
      }
    }
    return out;
  } finally {
    await stream.return(undefined);
  }
}
