/**
 * The Parquet path gives what the CSV path gives: the same panels and tables, the same
 * DataErrors (file aside: same column, line and words) for bad input, and the same numbers
 * and warnings on the command line. Parquet files are written here two ways: by
 * `finsam-eval convert` (typed: integers, months as text, categories as codes) and, for
 * files the CSV reader rejects, by DuckDB straight from the CSV text, once with every column
 * as text and once with the types DuckDB infers (numbers as numbers).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertFile } from '../../src/cli/commands/convert';
import { run, sqlString } from '../../src/data/duckdb';
import { DataError } from '../../src/data/errors';
import { readPanelCsv } from '../../src/data/load';
import { getSchema } from '../../src/data/schemas/index';
import { defaultDataDir, readStudy } from '../../src/data/study';
import { miniSchema } from '../fixtures/data/mini-schema';
import { lineWhere, miniCopy, mpdtaFile, same, setCell, tempDir } from './helpers';

/** Every CSV in `dir` also as Parquet written by DuckDB from the text (CSV removed). */
async function duckParquet(dir: string, allText: boolean): Promise<string> {
  const out = tempDir('finsam-pq-');
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.csv'))) {
    const csv = path.join(dir, f);
    const pq = path.join(out, f.replace(/\.csv$/, '.parquet'));
    await run(`COPY (SELECT * FROM read_csv(${sqlString(csv)}, header = true, all_varchar = ${allText})) TO ${sqlString(pq)} (FORMAT parquet)`);
  }
  return out;
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

/** A DataError without its file: column, line, and the message after the location. */
function where(e: DataError): { column?: string; line?: number; detail: string } {
  return { column: e.column, line: e.line, detail: e.detail };
}

const sameStudy = (a: any, b: any): void => {
  // The reading rules' warnings must be the same (count, column, line); only the file name differs.
  const noFile = (ws: any[] | undefined) => ws?.map((w) => ({ ...w, file: path.basename(w.file).replace(/\.[a-z]+$/, '') }));
  const strip = (s: any) => ({
    units: { ...s.units, source: undefined },
    tables: Object.fromEntries(Object.entries(s.tables).map(([k, t]: [string, any]) => [k, { ...t, source: undefined }])),
    panels: Object.fromEntries(Object.entries(s.panels).map(([k, p]: [string, any]) => [k, { ...p, source: undefined, warnings: noFile(p.warnings) }])),
    warnings: noFile(s.warnings),
  });
  same(strip(a), strip(b));
};

describe('Parquet reading', () => {
  it('a study written as Parquet by DuckDB (typed, or all text) reads exactly as its CSV files', async () => {
    const dir = miniCopy();
    const csv = await readStudy(miniSchema, dir);
    sameStudy(csv, await readStudy(miniSchema, await duckParquet(dir, false)));
    sameStudy(csv, await readStudy(miniSchema, await duckParquet(dir, true)));
    // Rows read in slices of 7 (large files are read in slices of millions).
    process.env.FINSAM_PARQUET_SLICE_ROWS = '7';
    try {
      sameStudy(csv, await readStudy(miniSchema, await duckParquet(dir, false)));
    } finally {
      delete process.env.FINSAM_PARQUET_SLICE_ROWS;
    }
  });

  it('`convert --study team-rct` of every file reads back as the CSV study', async () => {
    const schema = getSchema('team-rct');
    const src = path.join(defaultDataDir(), 'team-rct');
    const out = tempDir('finsam-pq-');
    for (const spec of schema.files) {
      await convertFile({ data: path.join(src, spec.file), out: path.join(out, spec.file.replace(/\.csv$/, '.parquet')), study: 'team-rct' });
    }
    sameStudy(await readStudy(schema, src), await readStudy(schema, out));
  });

  it('convert writes a panel that reads back to the same panel, per-unit columns included', async () => {
    const out = path.join(tempDir('finsam-pq-'), 'mpdta.parquet');
    const res = await convertFile({ data: mpdtaFile, out, id: 'countyreal', time: 'year', timeKind: 'year' });
    expect(res.rows).toBe(2500);
    const opts = { id: 'countyreal', time: 'year', timeKind: 'year' as const, perUnit: ['lpop', 'first.treat'] };
    const a = await readPanelCsv(mpdtaFile, opts);
    const b = await readPanelCsv(out, opts);
    same({ ...a, source: undefined }, { ...b, source: undefined });
    // Columns the caller does not declare per unit: stored once per unit when constant (both paths).
    const auto = { id: 'countyreal', time: 'year', timeKind: 'year' as const, autoPerUnit: ['lpop', 'first.treat', 'lemp'] };
    const c = await readPanelCsv(mpdtaFile, auto);
    const d = await readPanelCsv(out, auto);
    expect(Object.keys(c.unitCols).sort()).toEqual(['first.treat', 'lpop']);
    expect(Object.keys(c.cols).sort()).toEqual(['lemp', 'treat']);
    same({ ...c, source: undefined }, { ...d, source: undefined });
  });

  // One edit per case (the CSV reader's validation cases); the Parquet files must fail with the same column, line and words.
  const cases: [string, string, (l: string[]) => string[]][] = [
    ['a non-numeric cell', 'monthly.csv', (l) => setCell(l, 5, 'wage_kr', '12O0')],
    ['an empty required cell', 'persons.csv', (l) => setCell(l, 3, 'woman', '')],
    ['a value outside the range', 'monthly.csv', (l) => setCell(l, 7, 'sick_days', '40')],
    ['a value not among the levels', 'persons.csv', (l) => setCell(l, 4, 'arm', 'X')],
    ['not a whole month', 'monthly.csv', (l) => setCell(l, 6, 'month', '2019-08-15')],
    ['a period outside the range', 'yearly.csv', (l) => setCell(l, 2, 'year', '2021')],
    ['a non-whole year', 'yearly.csv', (l) => setCell(l, 3, 'year', '2018.5')],
    ['an id missing from the unit file', 'yearly.csv', (l) => [...l.slice(0, 4), '8,2018,5', ...l.slice(4)]],
    ['a repeated id in the unit file', 'persons.csv', (l) => [...l, l[2]]],
    ['duplicate (unit, period) rows', 'monthly.csv', (l) => [...l.slice(0, 10), l[3], ...l.slice(10)]],
    [
      'a treatment start varying within a unit',
      'monthly.csv',
      (l) => setCell(l, Math.max(...l.map((s, i) => (s.startsWith('1,') ? i + 1 : 0))), 'start_month', '2019-10'),
    ],
    ['a panel start disagreeing with the unit file', 'monthly.csv', (l) => l.map((s, i) => (i > 0 && s.startsWith('4,') ? s.replace(/^4,([^,]*),,/, '4,$1,2020-01,') : s))],
  ];
  for (const [name, file, edit] of cases) {
    it(`the same error for ${name}`, async () => {
      const dir = miniCopy(file, edit);
      const csvErr = await errorOf(readStudy(miniSchema, dir));
      for (const allText of [true, false]) {
        const pq = await duckParquet(dir, allText);
        const pqErr = await errorOf(readStudy(miniSchema, pq));
        expect(pqErr.file).toBe(path.join(pq, file.replace(/\.csv$/, '.parquet')));
        expect(where(pqErr), `${allText ? 'text' : 'typed'} Parquet`).toEqual(where(csvErr));
      }
    });
  }

  it('the line of a Parquet problem is that of the CSV it came from', async () => {
    const dir = miniCopy('monthly.csv', (l) => setCell(l, 5, 'wage_kr', '12O0'));
    const lines = fs.readFileSync(path.join(dir, 'monthly.csv'), 'utf8').split('\n');
    expect(lineWhere(lines, (f) => f.wage_kr === '12O0')).toBe(5);
    const e = await errorOf(readStudy(miniSchema, await duckParquet(dir, true)));
    expect(e.message).toMatch(/monthly\.parquet, line 5, column "wage_kr": the value "12O0" is not a number$/);
  });
});
