/**
 * The command line from Parquet gives the CSV's output byte for byte (numbers, NA cells,
 * warnings), and the same error for bad input; `convert` refuses what the CSV reader
 * refuses. Also: per-person storage (every column but the outcome kept once per unit when
 * constant within units) leaves every number as it was.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModelCsv } from '../../src/cli/commands/did';
import { run as duckRun, sqlString } from '../../src/data/duckdb';
import { aggte, attgtPanel } from '../../src/estimate/index';
import { REFERENCE_DIR } from '../helpers/csv-small';

const bin = path.resolve(__dirname, '..', '..', 'bin', 'finsam-eval');
const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
const mpdta = path.join(REFERENCE_DIR, 'mpdta.csv');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'finsam-cli-pq-'));
const model = (data: string) => ['did', '--data', data, '--y', 'lemp', '--time', 'year', '--id', 'countyreal', '--group', 'first.treat', '--json'];

function convert(csv: string, out: string): void {
  const r = run(['convert', '--data', csv, '--out', out, '--id', 'countyreal', '--time', 'year', '--time-kind', 'year']);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^wrote .*: 2500 rows, 6 columns\n$/);
}

describe('finsam-eval from Parquet', () => {
  const pq = path.join(tmp, 'mpdta.parquet');

  it('convert, then did: the same JSON as from the CSV (covariates, not-yet-treated controls)', () => {
    convert(mpdta, pq);
    for (const extra of [['--covariates', 'lpop'], ['--covariates', 'lpop', '--control', 'notyet', '--method', 'ipw']]) {
      const a = run([...model(mpdta), ...extra]);
      const b = run([...model(pq), ...extra]);
      expect(a.status).toBe(0);
      expect(b.status).toBe(0);
      expect(b.stdout).toBe(a.stdout);
      expect(b.stderr).toBe(a.stderr);
    }
  });

  it('warnings are the same: rows dropped for a missing outcome', () => {
    const lines = fs.readFileSync(mpdta, 'utf8').replace(/\n$/, '').split('\n');
    const k = lines[0].split(',').map((s) => s.replace(/"/g, '')).indexOf('lemp');
    const holes = lines.map((l, i) => (i > 0 && i % 97 === 0 ? l.split(',').map((f, j) => (j === k ? 'NA' : f)).join(',') : l));
    const csv = path.join(tmp, 'holes.csv');
    fs.writeFileSync(csv, holes.join('\n') + '\n');
    const out = path.join(tmp, 'holes.parquet');
    const c = run(['convert', '--data', csv, '--out', out, '--id', 'countyreal', '--time', 'year', '--time-kind', 'year']);
    expect(c.status, c.stderr).toBe(0);
    const a = run([...model(csv), '--unbalanced']);
    const b = run([...model(out), '--unbalanced']);
    expect(JSON.parse(a.stdout).warnings.join(' ')).toMatch(/dropped \d+ rows/);
    expect(b.stdout).toBe(a.stdout);
  });

  it('bad input: convert refuses it with the CSV error; a Parquet holding it fails did with the same words and line', async () => {
    const lines = fs.readFileSync(mpdta, 'utf8').replace(/\n$/, '').split('\n');
    const k = lines[0].split(',').map((s) => s.replace(/"/g, '')).indexOf('lemp');
    lines[5] = lines[5].split(',').map((f, j) => (j === k ? '5.2x' : f)).join(',');
    const csv = path.join(tmp, 'bad.csv');
    fs.writeFileSync(csv, lines.join('\n') + '\n');
    const a = run(model(csv));
    expect(a.status).toBe(2);
    expect(a.stderr).toMatch(/bad\.csv, line 6, column "lemp": the value "5\.2x" is not a number/);
    const c = run(['convert', '--data', csv, '--out', path.join(tmp, 'bad.parquet'), '--id', 'countyreal', '--time', 'year']);
    expect(c.status).toBe(2);
    expect(c.stderr).toBe(a.stderr);
    expect(fs.existsSync(path.join(tmp, 'bad.parquet'))).toBe(false);
    // The same bad cell in a Parquet file (written by DuckDB from the text).
    const badPq = path.join(tmp, 'bad-text.parquet');
    await duckRun(`COPY (SELECT * FROM read_csv(${sqlString(csv)}, header = true, all_varchar = true)) TO ${sqlString(badPq)} (FORMAT parquet)`);
    const b = run(model(badPq));
    expect(b.status).toBe(2);
    expect(b.stderr).toBe(a.stderr.replace(csv, badPq));
  });

  // The reading rules (src/data/rules.ts) on both paths: the same stdout, and the same stderr
  // (warnings and errors) but for the file name. Parquet written by DuckDB from the text, once
  // all text and once typed, so that the numeric path is checked too.
  const mpdtaRows = (): string[][] => fs.readFileSync(mpdta, 'utf8').replace(/\n$/, '').split('\n').map((l) => l.split(','));
  const col = (rows: string[][], name: string) => rows[0].map((h) => h.replace(/"/g, '')).indexOf(name);
  const ruleCases: [string, (rows: string[][]) => void, string[]][] = [
    ['an empty group for some units (never treated, counted)', (rows) => rows.forEach((r, i) => i > 0 && r[col(rows, 'first.treat')] === '0' && i % 3 === 0 && (r[col(rows, 'first.treat')] = '')), []],
    ['a group after the last period (kept, counted)', (rows) => rows.forEach((r, i) => i > 0 && r[col(rows, 'countyreal')] === rows[1][col(rows, 'countyreal')] && (r[col(rows, 'first.treat')] = '2010')), []],
    ['the same under --strict (an error)', (rows) => rows.forEach((r, i) => i > 0 && r[col(rows, 'countyreal')] === rows[1][col(rows, 'countyreal')] && (r[col(rows, 'first.treat')] = '2010')), ['--strict']],
    ['a group that is not a period', (rows) => rows.forEach((r, i) => i > 0 && r[col(rows, 'countyreal')] === rows[1][col(rows, 'countyreal')] && (r[col(rows, 'first.treat')] = '2005.5')), []],
    ['an id with too many digits (19: stored exactly as a BIGINT in typed Parquet)', (rows) => (rows[7][col(rows, 'countyreal')] = '1234567890123456789'), []],
    ['a negative id', (rows) => rows.forEach((r, i) => i > 0 && r[col(rows, 'countyreal')] === rows[1][col(rows, 'countyreal')] && (r[col(rows, 'countyreal')] = '-8001')), []],
    ['a missing outcome (rows left out, counted)', (rows) => (rows[9][col(rows, 'lemp')] = 'NA'), []],
  ];
  for (const [name, edit, extra] of ruleCases) {
    it(`reading rules, the same on both paths: ${name}`, async () => {
      const rows = mpdtaRows();
      edit(rows);
      const csv = path.join(tmp, `rule-${ruleCases.findIndex((c) => c[0] === name)}.csv`);
      fs.writeFileSync(csv, rows.map((r) => r.join(',')).join('\n') + '\n');
      const a = run([...model(csv), '--covariates', 'lpop', ...extra]);
      for (const allText of [true, false]) {
        const pqFile = csv.replace(/\.csv$/, allText ? '-text.parquet' : '-typed.parquet');
        await duckRun(`COPY (SELECT * FROM read_csv(${sqlString(csv)}, header = true, all_varchar = ${allText})) TO ${sqlString(pqFile)} (FORMAT parquet)`);
        const b = run([...model(pqFile), '--covariates', 'lpop', ...extra]);
        expect(b.status, `${allText ? 'text' : 'typed'}: ${b.stderr}`).toBe(a.status);
        expect(b.stdout.split(pqFile).join('FILE')).toBe(a.stdout.split(csv).join('FILE'));
        expect(b.stderr.split(pqFile).join('FILE'), allText ? 'text' : 'typed').toBe(a.stderr.split(csv).join('FILE'));
      }
      // Every case says something on stderr (a warning or an error).
      expect(a.stderr).toMatch(/finsam-eval: /);
    });
  }

  it('per-person storage: covariates and group stored once per unit, identical estimates', async () => {
    const cols = ['lemp', 'first.treat', 'lpop'];
    const rowLevel = await loadModelCsv(mpdta, 'countyreal', 'year', 'year', cols);
    const perUnit = await loadModelCsv(mpdta, 'countyreal', 'year', 'year', cols, { rowLevel: ['lemp'] });
    expect(Object.keys(rowLevel.cols).sort()).toEqual(['first.treat', 'lemp', 'lpop']);
    expect(Object.keys(perUnit.cols)).toEqual(['lemp']);
    expect(Object.keys(perUnit.unitCols).sort()).toEqual(['first.treat', 'lpop']);
    expect(perUnit.unitCols.lpop.length).toBe(perUnit.nUnits);
    for (const control of ['never', 'notyet'] as const) {
      const spec = { y: 'lemp', group: 'first.treat', covariates: ['lpop'], control };
      const a = attgtPanel(rowLevel, spec);
      const b = attgtPanel(perUnit, spec);
      expect(b.cells).toEqual(a.cells);
      expect(Array.from(b.detail.inf)).toEqual(Array.from(a.detail.inf));
      expect(aggte(b, { type: 'dynamic' })).toEqual(aggte(a, { type: 'dynamic' }));
    }
  });
});
