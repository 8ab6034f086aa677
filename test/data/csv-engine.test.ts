/**
 * The engine's CSV path (read-csv-engine.ts, DuckDB's scanner) against the JavaScript
 * reader on small written files: the same Panel / UnitTable array for array, the same
 * warnings (lines included), and for bad input the same DataError (file, column, line,
 * words), whichever path reads. FINSAM_CSV_READER=engine forces the engine on small files;
 * `engineLog` tells whether it really read the file or left it to the JavaScript reader
 * (and why), so each case also asserts which path it takes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../src/data/errors';
import { readPanelCsv, ReadPanelOptions, readUnitCsv, ReadUnitsOptions } from '../../src/data/load';
import { engineLog } from '../../src/data/read-csv-engine';
import { readStudy } from '../../src/data/study';
import { convertFile } from '../../src/cli/commands/convert';
import { queryRows, sqlString } from '../../src/data/duckdb';
import { declaredOpts, didOpts, miniDir, same, tempDir } from './helpers';
import { miniSchema } from '../fixtures/data/mini-schema';

const HEADER = ['id', 'month', 'g', 'y', 'x1', 'x2', 'x3', 'note'];
type Row = Record<string, string>;

/** 9 units x 6 periods; x1 (whole) and x2 (decimal) constant within units, x3 varying; note is text never read. */
function panelRows(): Row[] {
  const rows: Row[] = [];
  for (let u = 0; u < 9; u++) {
    const id = String(100 + 7 * u);
    for (let t = 1; t <= 6; t++) {
      rows.push({ id, month: String(t), g: String(u % 3 === 0 ? 0 : 2 + (u % 4)), y: String(((u * 31 + t * 17) % 23) / 4 - 1.5), x1: String(u % 5), x2: String(u / 8 + 0.25), x3: String(t * u), note: `n${u}` });
    }
  }
  return rows;
}


const dir = tempDir('finsam-csvengine-');
let seq = 0;

function csvText(rows: Row[], sep = ',', header = HEADER): string {
  return [header.join(sep), ...rows.map((r) => header.map((h) => r[h]).join(sep))].join('\n') + '\n';
}

function write(content: string | Buffer, ext = '.csv'): string {
  const file = path.join(dir, `f${++seq}${ext}`);
  fs.writeFileSync(file, content);
  return file;
}

type Outcome = { value?: any; error?: DataError; used?: boolean; reason?: string };
type Last = { used: boolean; reason?: string } | undefined;

async function run(reader: 'js' | 'engine', fn: () => Promise<unknown>): Promise<Outcome> {
  process.env.FINSAM_CSV_READER = reader;
  engineLog.last = undefined;
  try {
    const value = await fn();
    const last = engineLog.last as Last;
    return { value, used: last?.used, reason: last?.reason };
  } catch (e) {
    // DataErrors, and the few plain errors the reader lets through (a gzip file cut short).
    if (!(e instanceof Error)) throw e;
    const last = engineLog.last as Last;
    return { error: e as DataError, used: last?.used, reason: last?.reason };
  }
}

/**
 * Reads `file` both ways and holds them equal; `engine`: whether the engine path must have
 * read it (true), must have left it to the JavaScript reader (a pattern of the reason), or either.
 */
async function both(fn: () => Promise<unknown>, engine?: true | RegExp): Promise<Outcome> {
  const js = await run('js', fn);
  const en = await run('engine', fn);
  expect(js.used, 'the js run never tries the engine').toBeUndefined();
  if (js.error) {
    expect(en.error, `expected the JavaScript reader's error: ${js.error.message}`).toBeInstanceOf(js.error.constructor);
    expect(en.error!.message).toBe(js.error.message);
    expect({ file: en.error!.file, column: en.error!.column, line: en.error!.line }).toEqual({ file: js.error.file, column: js.error.column, line: js.error.line });
  } else {
    expect(en.error, en.error?.message).toBeUndefined();
    same(js.value, en.value);
  }
  if (engine === true) expect(en.used, `engine path not taken: ${en.reason}`).toBe(true);
  else if (engine) {
    expect(en.used).toBe(false);
    expect(en.reason).toMatch(engine);
  }
  return js.error ? js : en;
}

const panel = (file: string, opts: ReadPanelOptions = didOpts) => () => readPanelCsv(file, opts);
const with_ = (rows: Row[], i: number, col: string, v: string): Row[] => rows.map((r, k) => (k === i ? { ...r, [col]: v } : r));

describe('CSV read by the engine against the JavaScript reader', () => {
  let saved: string | undefined;
  beforeAll(() => {
    saved = process.env.FINSAM_CSV_READER;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.FINSAM_CSV_READER;
    else process.env.FINSAM_CSV_READER = saved;
  });

  it('a sorted panel: the same panel, covariates per unit, x3 per row; and with declared per-unit columns', async () => {
    const file = write(csvText(panelRows()));
    const { value } = await both(panel(file), true);
    expect(Object.keys(value.unitCols)).toEqual(['g', 'x1', 'x2']);
    expect(Object.keys(value.cols)).toEqual(['y', 'x3']);
    await both(panel(file, declaredOpts), true);
    await both(panel(file, { ...didOpts, columns: undefined, optional: ['y', 'x1', 'x2', 'x3', 'note'] }), /./);
  });

  it('unsorted rows, interleaved units, a unit split in two runs', async () => {
    const rows = panelRows().sort((a, b) => +a.month - +b.month || +b.id - +a.id);
    await both(panel(write(csvText(rows))), true);
    await both(panel(write(csvText(rows)), declaredOpts), true);
    const split = panelRows();
    const moved = split.splice(3, 2);
    await both(panel(write(csvText([...split, ...moved]))), true);
  });

  it('numbers in every decimal notation: the same bits (−0, exponents, signs, leading and trailing points)', async () => {
    const vals = ['-0', '+1.5', '.5', '5.', '1e3', '-2.5E-3', '007', '0.1', '123456789.123456789', '4.9e-324', '1.7976931348623157e308', ' 3 ', '00.25'];
    let rows = panelRows();
    vals.forEach((v, i) => (rows = with_(rows, i * 4, 'y', v)));
    rows = with_(rows, 6, 'x3', '-0');
    await both(panel(write(csvText(rows))), true);
  });

  it('every missing-value token in optional columns; with spaces (left to the JavaScript reader where the engine would refuse)', async () => {
    const tokens = ['', 'NA', 'NaN', 'nan', 'NULL', 'null', '.', 'N/A'];
    let rows = panelRows();
    tokens.forEach((t, i) => (rows = with_(rows, i * 5, 'y', t)));
    rows = rows.map((r) => (r.id === '114' ? { ...r, x2: 'NA' } : r));
    await both(panel(write(csvText(rows))), true);
    for (const t of [' NA', 'NA ', ' ', ' N/A ', ' . ']) await both(panel(write(csvText(with_(panelRows(), 7, 'y', t)))));
    // A required column's missing cell: the JavaScript reader's error.
    await both(panel(write(csvText(with_(panelRows(), 7, 'x1', 'NA'))), declaredOpts), /refuses|varies/);
  });

  it("each kind of bad cell: the JavaScript reader's error, whatever the engine would make of it", async () => {
    const bad = ['0x10', '0b1', 'Infinity', 'inf', '-inf', 'NAN', 'Nan', '1_000', '1 234', '+-5', '1e400', 'abc', '1,5', '١', '1d5', '1.5f', '--1', '5-'];
    for (const v of bad) {
      for (const col of ['y', 'x1', 'g', 'month']) await both(panel(write(csvText(with_(panelRows(), 9, col, v)))));
    }
    for (const v of ['+5', '5.0', '1e3', '-5', 'abc', '0x10', '1_0', '', 'NA', '1234567890123456', '12345678901234567890']) {
      await both(panel(write(csvText(with_(panelRows(), 9, 'id', v)))));
    }
  });

  it('identifiers: leading zeros (007 = 7) and 15 digits on the engine; 16 digits left to the JavaScript reader', async () => {
    const rows = panelRows().map((r) => ({ ...r, id: r.id === '100' ? '000100' : r.id === '107' ? '123456789012345' : r.id }));
    await both(panel(write(csvText(rows))), true);
    const long = panelRows().map((r) => ({ ...r, id: r.id === '107' ? '1234567890123456' : r.id }));
    await both(panel(write(csvText(long))), /identifier/);
  });

  it('separators ; tab | (decimal points on the engine, decimal commas left to the JavaScript reader)', async () => {
    for (const sep of [';', '\t', '|']) {
      await both(panel(write(csvText(panelRows(), sep))), true);
      const comma = panelRows().map((r) => ({ ...r, y: r.y.replace('.', ','), x2: r.x2.replace('.', ',') }));
      const out = await both(panel(write(csvText(comma, sep))), /comma|refused/);
      expect(out.value.cols.y[1]).toBeCloseTo(+panelRows()[1].y);
    }
    // A decimal comma in a comma-separated file: too many fields (the reader's error).
    await both(panel(write(csvText(with_(panelRows(), 4, 'y', '8,46')))));
  });

  it('quoted fields (a separator inside), CRLF line ends, a blank line, a whitespace line: the JavaScript reader', async () => {
    const quoted = panelRows().map((r, i) => ({ ...r, note: i === 3 ? '"a, b"' : r.note }));
    await both(panel(write(csvText(quoted))), /quote/);
    await both(panel(write(csvText(panelRows()).replace(/\n/g, '\r\n'))), /line|carriage/);
    const lines = csvText(panelRows()).split('\n');
    await both(panel(write([...lines.slice(0, 6), '', ...lines.slice(6)].join('\n'))), /blank/);
    await both(panel(write([...lines.slice(0, 6), '   ', ...lines.slice(6)].join('\n'))));
    await both(panel(write([...lines.slice(0, 6), ',,,,,,,', ...lines.slice(6)].join('\n'))));
    await both(panel(write(csvText(panelRows()) + '\n')), /blank/);
    // A quoted header is fine for both.
    await both(panel(write(csvText(panelRows()).replace(/^[^\n]*/, HEADER.map((h) => `"${h}"`).join(',')))), true);
  });

  it('a final line without a line break; a header only; an empty file', async () => {
    await both(panel(write(csvText(panelRows()).replace(/\n$/, ''))), true);
    await both(panel(write(HEADER.join(',') + '\n')));
    await both(panel(write(HEADER.join(','))));
    await both(panel(write('')));
  });

  it('too few and too many fields, on a middle line and on the last line', async () => {
    const lines = csvText(panelRows()).replace(/\n$/, '').split('\n');
    const edit = (k: number, f: (l: string) => string) => lines.map((l, i) => (i === k ? f(l) : l)).join('\n') + '\n';
    await both(panel(write(edit(5, (l) => l.replace(/,[^,]*$/, '')))));
    await both(panel(write(edit(5, (l) => l + ',9'))));
    await both(panel(write(edit(lines.length - 1, (l) => l.replace(/,[^,]*$/, '')))));
    await both(panel(write(edit(lines.length - 1, (l) => l + ','))));
    await both(panel(write(edit(5, (l) => l + ',,'))));
    await both(panel(write(edit(5, (l) => l + ','))));
    await both(panel(write(edit(lines.length - 1, (l) => l + ',').replace(/\n$/, ''))));
    // An empty last column ends lines in the separator too: fine for both.
    await both(panel(write(csvText(panelRows().map((r) => ({ ...r, note: '' }))))), true);
    await both(panel(write(csvText(panelRows().map((r) => ({ ...r, note: '' }))).replace(/\n$/, ''))), true);
  });

  it('gzip (by its first bytes), a byte-order mark, Latin-1 text in an unread column', async () => {
    const text = csvText(panelRows());
    await both(panel(write(zlib.gzipSync(text), '.csv.gz')), true);
    await both(panel(write(zlib.gzipSync(text), '.txt')), true);
    await both(panel(write('\uFEFF' + text)), true);
    const latin = write(Buffer.from(csvText(panelRows().map((r) => ({ ...r, note: 'sysselsättning' }))), 'latin1'));
    await both(panel(latin, { ...didOpts, encoding: 'latin1' }), true);
    // Read as UTF-8 it is an error (the word and --encoding latin1), and UTF-8 read as Latin-1 too.
    await both(panel(latin), /UTF-8|decode/);
    const utf = write(Buffer.from(csvText(panelRows().map((r) => ({ ...r, note: 'sysselsättning' }))), 'utf8'));
    await both(panel(utf, { ...didOpts, encoding: 'latin1' }), /UTF-8|decode/);
    await both(panel(utf), true);
    // A gzip file cut short.
    await both(panel(write(zlib.gzipSync(text).subarray(0, 200), '.csv.gz')));
  });

  it('per-unit columns that vary: an error when declared, row-level when automatic; 0 and −0 within a unit', async () => {
    const varying = with_(panelRows(), 8, 'x1', '9');
    await both(panel(write(csvText(varying)), declaredOpts));
    const auto = await both(panel(write(csvText(varying))), true);
    expect(Object.keys(auto.value.cols)).toEqual(['y', 'x1', 'x3']);
    // Empty on some rows of a unit only: row-level (automatic), an error (declared, required).
    const gap = with_(panelRows(), 13, 'x2', '');
    await both(panel(write(csvText(gap))), true);
    await both(panel(write(csvText(gap)), declaredOpts));
    // A group that varies within a unit: the group rule's error.
    await both(panel(write(csvText(with_(panelRows(), 8, 'g', '3')))));
    const zeros = panelRows().map((r, i) => ({ ...r, x1: r.id === '100' ? (i % 2 ? '-0' : '0') : r.x1 }));
    await both(panel(write(csvText(zeros))), /-0/);
  });

  it('warnings with their lines: empty groups, a start after the last period; --strict', async () => {
    const rows = panelRows().map((r) => ({ ...r, g: r.id === '107' ? '' : r.id === '114' ? '9' : r.g }));
    const out = await both(panel(write(csvText(rows))), true);
    expect(out.value.warnings.length).toBeGreaterThan(0);
    expect(out.value.warnings.every((w: any) => typeof w.line === 'number')).toBe(true);
    await both(panel(write(csvText(rows)), { ...didOpts, strict: true }));
    // A group that is not a period: the group rule's error and line.
    await both(panel(write(csvText(panelRows().map((r) => ({ ...r, g: r.id === '114' ? '2.5' : r.g }))))));
    // A duplicate (unit, period): found after reading, the JavaScript reader's words.
    const rowsD = panelRows();
    await both(panel(write(csvText([...rowsD.slice(0, 10), rowsD[4], ...rowsD.slice(10)]))));
  });

  it('years, integer ranges, YYYYMM and YYYY-MM months (months left to the JavaScript reader)', async () => {
    const years = panelRows().map((r) => ({ ...r, month: String(2000 + +r.month), g: r.g === '0' ? '0' : String(2000 + +r.g) }));
    await both(panel(write(csvText(years)), { ...didOpts, timeKind: 'year' }), true);
    await both(panel(write(csvText(with_(years, 3, 'month', '2003.5'))), { ...didOpts, timeKind: 'year' }));
    const months = panelRows().map((r) => ({ ...r, month: `20190${r.month}`, g: r.g === '0' ? '0' : `20190${r.g}` }));
    await both(panel(write(csvText(months)), { ...didOpts, timeKind: 'month' }), /month/);
    const dashed = panelRows().map((r) => ({ ...r, month: `2019-0${r.month}`, g: r.g === '0' ? '0' : `2019-0${r.g}` }));
    await both(panel(write(csvText(dashed)), { ...didOpts, timeKind: 'month' }), /month/);
    await both(panel(write(csvText(panelRows())), { ...declaredOpts, integer: ['x1', 'x3'] }), true);
    await both(panel(write(csvText(with_(panelRows(), 2, 'x3', '2.5'))), { ...declaredOpts, integer: ['x1', 'x3'] }));
  });

  it("a unit file: the same table; a repeated identifier is the JavaScript reader's error", async () => {
    const units = panelRows().filter((r) => r.month === '1');
    const opts: ReadUnitsOptions = { id: 'id', columns: ['x1', 'x2', 'y'], optional: ['y'] };
    const [a, b, c] = [csvText(units), csvText([...units, units[2]]), csvText(with_(units, 1, 'x1', 'NA'))].map((t) => write(t));
    await both(() => readUnitCsv(a, opts), true);
    await both(() => readUnitCsv(b, opts), /repeated/);
    await both(() => readUnitCsv(c, opts));
  });

  it('a study directory (loadStudy/readStudy): the same study, whichever files the engine takes', async () => {
    engineLog.read = [];
    const s = await both(() => readStudy(miniSchema, miniDir));
    expect(s.value.panels.monthly.nRows).toBeGreaterThan(0);
    // The numeric files (yearly panel, log) by the engine; persons and monthly (months, categories) by the JavaScript reader.
    expect(engineLog.read.map((f) => path.basename(f)).sort()).toEqual(['log.csv', 'yearly.csv']);
    // A copy whose yearly file has an income that is not a number: the JavaScript reader's error.
    const copy = tempDir('finsam-csvengine-mini-');
    for (const f of fs.readdirSync(miniDir)) fs.copyFileSync(path.join(miniDir, f), path.join(copy, f));
    const yearly = path.join(copy, 'yearly.csv');
    fs.writeFileSync(yearly, fs.readFileSync(yearly, 'utf8').replace(/100001/, '1OO001'));
    await both(() => readStudy(miniSchema, copy));
  });

  it("convert: the same Parquet file (types and values) whether the engine wrote it from its scan or the JavaScript reader's columns were written", async () => {
    const rows = panelRows().map((r, i) => ({ ...r, y: i === 5 ? 'NA' : i === 6 ? '-0' : r.y, x1: r.id === '107' ? '3000000000' : r.x1 }));
    const header = HEADER.filter((h) => h !== 'note');
    const file = write(csvText(rows, ',', header));
    const contents = async (out: string) => ({
      types: await queryRows(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(${sqlString(out)}))`),
      rows: (await queryRows(`SELECT * FROM read_parquet(${sqlString(out)})`)).map((r) => r.map((v) => (typeof v === 'number' && Object.is(v, -0) ? '-0' : v))),
    });
    const outs: Record<string, unknown> = {};
    for (const reader of ['js', 'engine'] as const) {
      process.env.FINSAM_CSV_READER = reader;
      engineLog.last = undefined;
      const out = path.join(dir, `conv-${reader}-${++seq}.parquet`);
      const res = await convertFile({ data: file, out, id: 'id', time: 'month' });
      expect(res).toEqual({ rows: rows.length, columns: header.length });
      if (reader === 'engine') expect(engineLog.last).toMatchObject({ used: true, sorted: true });
      outs[reader] = await contents(out);
    }
    expect(outs.engine).toEqual(outs.js);
    expect((outs.js as any).types.map((t: unknown[]) => t[1])).toEqual(['INTEGER', 'INTEGER', 'INTEGER', 'DOUBLE', 'BIGINT', 'DOUBLE', 'INTEGER']);
    // Unsorted rows: the engine reads them, the columns are written from JavaScript (sorted).
    process.env.FINSAM_CSV_READER = 'engine';
    const shuffled = write(csvText([...rows].reverse(), ',', header));
    const out = path.join(dir, `conv-shuffled-${++seq}.parquet`);
    await convertFile({ data: shuffled, out, id: 'id', time: 'month' });
    expect(engineLog.last).toMatchObject({ used: true, sorted: false });
    expect(await contents(out)).toEqual(outs.js);
  });

  it('the byte scan with chunk edges inside lines and characters (7-byte chunks): the same decisions', async () => {
    const saved = process.env.FINSAM_CSV_SCAN_BYTES;
    process.env.FINSAM_CSV_SCAN_BYTES = '7';
    try {
      const text = csvText(panelRows().map((r) => ({ ...r, note: 'sysselsättning' })));
      await both(panel(write(text)), true);
      await both(panel(write(text.replace(/\n$/, ''))), true);
      const empty = csvText(panelRows().map((r) => ({ ...r, note: '' })));
      await both(panel(write(empty)), true);
      const lines = text.replace(/\n$/, '').split('\n');
      for (const k of [1, 5, lines.length - 1]) {
        await both(panel(write(lines.map((l, i) => (i === k ? l + ',' : l)).join('\n') + '\n')), /more fields/);
        await both(panel(write([...lines.slice(0, k), '', ...lines.slice(k)].join('\n') + '\n')), /blank/);
      }
      // Past the first text chunk (64 bytes here), so the scan finds it.
      const utf = Buffer.from(text);
      const at = utf.indexOf(Buffer.from('ä'), 300);
      const bad = write(Buffer.concat([utf.subarray(0, at), Buffer.from([0xe4]), utf.subarray(at + 2)]));
      await both(panel(bad, { ...didOpts, chunkBytes: 64 }), /UTF-8/);
      await both(panel(write(text.slice(0, 200) + '+-' + text.slice(200))));
    } finally {
      if (saved === undefined) delete process.env.FINSAM_CSV_SCAN_BYTES;
      else process.env.FINSAM_CSV_SCAN_BYTES = saved;
    }
  });
});
