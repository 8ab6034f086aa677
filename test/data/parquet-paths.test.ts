/**
 * The Parquet reader's two ways to a row's unit (runs of the per-unit GROUP BY when every
 * unit's rows are contiguous; row by row otherwise) and its typed transfers (INTEGER or
 * DOUBLE, a slice read again as DOUBLE when it holds a NULL) give the CSV reader's panel,
 * array for array, and its errors (column, line, words). Files are written here: a CSV
 * text, and the same rows as Parquet with chosen storage types, read in slices of 7 rows
 * (FINSAM_PARQUET_SLICE_ROWS) so slice edges fall inside units.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, sqlString } from '../../src/data/duckdb';
import { DataError } from '../../src/data/errors';
import { readPanelCsv, ReadPanelOptions } from '../../src/data/load';
import { unitRuns, type UnitQuery } from '../../src/data/read-parquet';
import { declaredOpts, didOpts, same, tempDir } from './helpers';

type Row = Record<string, string>;
const HEADER = ['id', 'month', 'g', 'y', 'x1', 'x2', 'x3'];

/** 9 units x 6 periods; x1 (whole) and x2 (decimal) constant within units, x3 varying. */
function panelRows(): Row[] {
  const rows: Row[] = [];
  for (let u = 0; u < 9; u++) {
    const id = String(100 + 7 * u);
    for (let t = 1; t <= 6; t++) {
      rows.push({ id, month: String(t), g: String(u % 3 === 0 ? 0 : 2 + (u % 4)), y: String(((u * 31 + t * 17) % 23) / 4 - 1.5), x1: String(u % 5), x2: String(u / 8 + 0.25), x3: String(t * u) });
    }
  }
  return rows;
}

const dir = tempDir('finsam-pqpaths-');
let seq = 0;

/** The rows as CSV, and as Parquet with each column stored as `types` says (default: the CSV's values as INTEGER/DOUBLE). */
async function files(rows: Row[], types: Partial<Record<string, string>> = {}): Promise<{ csv: string; pq: string }> {
  const name = `p${++seq}`;
  const csv = path.join(dir, `${name}.csv`);
  fs.writeFileSync(csv, [HEADER.join(','), ...rows.map((r) => HEADER.map((h) => r[h]).join(','))].join('\n') + '\n');
  const base: Record<string, string> = { id: 'INTEGER', month: 'INTEGER', g: 'INTEGER', y: 'DOUBLE', x1: 'INTEGER', x2: 'DOUBLE', x3: 'INTEGER' };
  const select = HEADER.map((h) => `CAST(${h} AS ${types[h] ?? base[h]}) AS ${h}`).join(', ');
  const pq = path.join(dir, `${name}.parquet`);
  await run(`COPY (SELECT ${select} FROM read_csv(${sqlString(csv)}, header = true, all_varchar = true)) TO ${sqlString(pq)} (FORMAT parquet)`);
  return { csv, pq };
}


/** The panel without its file names (source, warnings' file). */
const strip = (p: any) => ({ ...p, source: undefined, warnings: p.warnings?.map((w: any) => ({ ...w, file: undefined })) });

async function samePanel(rows: Row[], opts: ReadPanelOptions, types: Partial<Record<string, string>> = {}): Promise<any> {
  const { csv, pq } = await files(rows, types);
  const a = await readPanelCsv(csv, opts);
  const b = await readPanelCsv(pq, opts);
  same(strip(a), strip(b));
  return a;
}

async function errorOf(p: Promise<unknown>): Promise<DataError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError');
}

async function sameError(rows: Row[], opts: ReadPanelOptions, types: Partial<Record<string, string>> = {}): Promise<DataError> {
  const { csv, pq } = await files(rows, types);
  const a = await errorOf(readPanelCsv(csv, opts));
  const b = await errorOf(readPanelCsv(pq, opts));
  expect(b.file).toBe(pq);
  expect({ column: b.column, line: b.line, detail: b.detail }).toEqual({ column: a.column, line: a.line, detail: a.detail });
  return a;
}

const with_ = (rows: Row[], i: number, col: string, v: string): Row[] => rows.map((r, k) => (k === i ? { ...r, [col]: v } : r));

describe('Parquet reading paths (contiguous units or row by row) against the CSV reader', () => {
  let saved: string | undefined;
  beforeAll(() => {
    saved = process.env.FINSAM_PARQUET_SLICE_ROWS;
    process.env.FINSAM_PARQUET_SLICE_ROWS = '7';
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.FINSAM_PARQUET_SLICE_ROWS;
    else process.env.FINSAM_PARQUET_SLICE_ROWS = saved;
  });

  it('contiguous sorted units: the same panel, covariates per unit, x3 per row', async () => {
    const p = await samePanel(panelRows(), didOpts);
    expect(Object.keys(p.unitCols).sort()).toEqual(['g', 'x1', 'x2']);
    expect(Object.keys(p.cols).sort()).toEqual(['x3', 'y']);
    expect(p.nUnits).toBe(9);
    await samePanel(panelRows(), declaredOpts);
  });

  it('integer or double storage of every column, and identifiers stored as text', async () => {
    const rows = panelRows();
    await samePanel(rows, didOpts, { id: 'BIGINT', month: 'BIGINT', g: 'BIGINT', x1: 'BIGINT' });
    await samePanel(rows, didOpts, { id: 'DOUBLE', month: 'DOUBLE', g: 'DOUBLE', y: 'DOUBLE', x1: 'DOUBLE', x3: 'DOUBLE' });
    await samePanel(rows, didOpts, { id: 'SMALLINT', month: 'TINYINT', g: 'SMALLINT', x1: 'UTINYINT', x3: 'USMALLINT' });
    await samePanel(rows, didOpts, { id: 'VARCHAR', month: 'VARCHAR', x1: 'DECIMAL(9,2)' });
    await samePanel(rows, declaredOpts, { id: 'VARCHAR', x1: 'DOUBLE', x2: 'FLOAT' });
  });

  it('interleaved units (rows by period, then unit): read row by row, the same panel', async () => {
    const rows = panelRows().sort((a, b) => +a.month - +b.month || +a.id - +b.id);
    await samePanel(rows, didOpts);
    await samePanel(rows, declaredOpts, { id: 'BIGINT' });
    // One unit split in two runs, the others contiguous.
    const split = panelRows();
    const moved = split.splice(3, 2);
    await samePanel([...split, ...moved], didOpts);
  });

  it('contiguous units not in identifier order, periods unsorted within units', async () => {
    const byUnit = new Map<string, Row[]>();
    for (const r of panelRows()) byUnit.set(r.id, [...(byUnit.get(r.id) ?? []), r]);
    const units = [...byUnit.values()].reverse();
    const rows = units.flatMap((u, k) => (k % 2 ? [...u].reverse() : [u[3], u[0], u[5], u[1], u[4], u[2]]));
    await samePanel(rows, didOpts);
    await samePanel(rows, declaredOpts, { month: 'DOUBLE' });
  });

  it('NULLs in each kind of column: outcome, per-unit covariate (one row or all rows of a unit), group', async () => {
    let rows = with_(panelRows(), 8, 'y', '');
    rows = with_(rows, 20, 'x1', ''); // one row of a unit: x1 is no longer constant there -> row-level
    await samePanel(rows, didOpts);
    let whole = panelRows();
    for (let i = 12; i < 18; i++) whole = with_(whole, i, 'x2', '');
    whole = whole.map((r) => (r.id === '121' ? { ...r, g: '' } : r));
    const p = await samePanel(whole, didOpts);
    expect(Object.keys(p.unitCols).sort()).toEqual(['g', 'x1', 'x2']);
    expect(p.warnings.map((w: any) => w.reason)).toEqual(['has an empty (or NA) group: read as never treated']);
    // An INTEGER transfer with a NULL (x3 per row, the period): the slice is read again as DOUBLE.
    await samePanel(with_(rows, 30, 'x3', ''), didOpts, { x1: 'BIGINT' });
    await sameError(with_(rows, 30, 'month', ''), didOpts, { month: 'SMALLINT' });
  });

  it('a covariate not constant within a unit stays per row (auto), or is an error naming both lines (declared)', async () => {
    const rows = with_(panelRows(), 16, 'x1', '9');
    const p = await samePanel(rows, didOpts);
    expect(Object.keys(p.cols).sort()).toEqual(['x1', 'x3', 'y']);
    const e = await sameError(rows, declaredOpts);
    expect(e.detail).toMatch(/varies within unit 114: 2 on line 14, 9 on line 18/);
    await sameError(with_(panelRows(), 16, 'x1', ''), declaredOpts);
    await sameError(with_(panelRows(), 16, 'x2', ''), declaredOpts, { x2: 'FLOAT' });
  });

  it('errors on either path: a NULL or bad identifier, a missing or fractional period, a bad value, a duplicate row', async () => {
    for (const types of [{}, { id: 'DOUBLE', month: 'DOUBLE' }]) {
      await sameError(with_(panelRows(), 10, 'id', ''), didOpts, types);
      await sameError(with_(panelRows(), 25, 'month', ''), didOpts, types);
      await sameError(with_(panelRows(), 30, 'g', '5'), didOpts, types); // group varies within a unit
      await sameError(with_(panelRows(), 33, 'x3', ''), declaredOpts, types);
      await sameError(with_(panelRows(), 40, 'month', '2'), didOpts, types); // duplicate (unit, period)
    }
    const d = { id: 'DOUBLE', month: 'DOUBLE', y: 'DOUBLE' };
    await sameError(with_(panelRows(), 11, 'id', '-3'), didOpts); // INTEGER: a DOUBLE -3 is quoted as DuckDB writes it ("-3.0"), on both paths

    await sameError(with_(panelRows(), 11, 'id', '12.5'), didOpts, d);
    await sameError(with_(panelRows(), 19, 'month', '2.5'), didOpts, d);
    await sameError(with_(panelRows(), 7, 'g', '2.5'), didOpts, { g: 'DOUBLE' });
  });

  it('a period problem comes before a per-unit or value problem found earlier in the file, as before', async () => {
    let rows = with_(panelRows(), 4, 'x1', '9');
    rows = with_(rows, 40, 'month', '');
    const declared = await errorOf(readPanelCsv((await files(rows)).pq, declaredOpts));
    expect({ column: declared.column, line: declared.line }).toEqual({ column: 'month', line: 42 });
    rows = with_(with_(panelRows(), 3, 'x3', ''), 50, 'month', '');
    const value = await errorOf(readPanelCsv((await files(rows)).pq, declaredOpts));
    expect({ column: value.column, line: value.line }).toEqual({ column: 'month', line: 52 });
    // Without the period problem the earlier ones are reported, as on the CSV path.
    await sameError(with_(panelRows(), 4, 'x1', '9'), declaredOpts);
    await sameError(with_(panelRows(), 3, 'x3', ''), declaredOpts);
  });
});

describe('unitRuns: units from the GROUP BY when their rows are contiguous', () => {
  /** Groups as the engine may return them: columns id, rows, first row, last row. */
  const groups = (rows: number[][]): UnitQuery => ({ n: rows.length, get: (c, i) => rows[i][c], num: (c, i) => rows[i][c] });

  it('orders units by their first row, whatever order the engine returns them in', () => {
    const runs = unitRuns(groups([[30, 2, 4, 5], [10, 3, 0, 2], [20, 1, 3, 3]]), 6);
    expect(Array.from(runs!.order)).toEqual([1, 2, 0]);
  });

  it('declines (row-by-row reading) for a split unit, a bad or missing identifier, or rows not all in a unit', () => {
    expect(unitRuns(groups([[10, 3, 0, 3], [20, 1, 2, 2]]), 4)).toBeNull(); // 10 on rows 0, 1, 3
    expect(unitRuns(groups([[10, 2, 0, 1], [-3, 1, 2, 2]]), 3)).toBeNull();
    expect(unitRuns(groups([[10, 2, 0, 1], [2.5, 1, 2, 2]]), 3)).toBeNull();
    expect(unitRuns(groups([[10, 2, 0, 1], [NaN, 1, 2, 2]]), 3)).toBeNull();
    expect(unitRuns(groups([[10, 2, 0, 1], [1e16, 1, 2, 2]]), 3)).toBeNull();
    expect(unitRuns(groups([[10, 2, 0, 1]]), 3)).toBeNull();
    expect(unitRuns(groups([[10, 2, 0, 1], [11, 1, 2, 2]]), 3)).not.toBeNull();
  });
});
