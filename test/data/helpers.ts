import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect } from 'vitest';
import { DataError } from '../../src/data/errors';
import type { ReadPanelOptions } from '../../src/data/load';
import { referenceFile } from '../helpers/reference';

export const fixtureDir = path.join(__dirname, '..', 'fixtures', 'data');
export const miniDir = path.join(fixtureDir, 'mini');
export const mpdtaFile = referenceFile('mpdta.csv');

/** A fresh temporary directory (removed by the OS; tests never write into the repository). */
export function tempDir(prefix = 'finsam-data-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function writeFile(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** A copy of the mini study, with `edit` applied to one file's lines (line 1 = header = lines[0]). */
export function miniCopy(file?: string, edit?: (lines: string[]) => string[]): string {
  const dir = tempDir();
  for (const f of fs.readdirSync(miniDir)) fs.copyFileSync(path.join(miniDir, f), path.join(dir, f));
  if (file && edit) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const lines = text.replace(/\n$/, '').split('\n');
    fs.writeFileSync(path.join(dir, file), edit(lines).join('\n') + '\n');
  }
  return dir;
}

/** Replaces field `column` of 1-based line `line` in CSV lines. */
export function setCell(lines: string[], line: number, column: string, value: string): string[] {
  const header = lines[0].split(',');
  const k = header.indexOf(column);
  if (k < 0) throw new Error(`no column ${column}`);
  const out = [...lines];
  const fields = out[line - 1].split(',');
  fields[k] = value;
  out[line - 1] = fields.join(',');
  return out;
}

/** 1-based line of the first data line whose field `column` equals `value`. */
export function lineWhere(lines: string[], predicate: (fields: Record<string, string>) => boolean): number {
  const header = lines[0].split(',');
  for (let i = 1; i < lines.length; i++) {
    const f = lines[i].split(',');
    const rec: Record<string, string> = {};
    header.forEach((h, k) => (rec[h] = f[k]));
    if (predicate(rec)) return i + 1;
  }
  throw new Error('no such line');
}

export function readLines(file: string): string[] {
  return fs.readFileSync(file, 'utf8').replace(/\n$/, '').split('\n');
}

/** Awaits a rejection with a DataError at file/column/line, each also named in the message. */
export async function expectDataError(
  p: Promise<unknown>,
  where: { file: string; column?: string; line?: number; match?: RegExp },
): Promise<DataError> {
  let err: unknown;
  try {
    await p;
  } catch (e) {
    err = e;
  }
  expect(err, 'expected a DataError').toBeInstanceOf(DataError);
  const e = err as DataError;
  expect(e.name).toBe('DataError');
  expect(e.file).toBe(where.file);
  expect(e.message).toContain(where.file);
  expect(e.column).toBe(where.column);
  if (where.column !== undefined) expect(e.message).toContain(`column "${where.column}"`);
  expect(e.line).toBe(where.line);
  if (where.line !== undefined) expect(e.message).toMatch(new RegExp(`line ${where.line}[,:]`));
  if (where.match) expect(e.message).toMatch(where.match);
  return e;
}

/**
 * Deep equality with typed arrays compared element by element and by array type (NaN equals
 * NaN, -0 is not 0): vitest's toEqual is slow on millions of values. The Parquet tests hold
 * a Parquet-read panel to the CSV reader's with it.
 */
export function same(a: unknown, b: unknown, at = ''): void {
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    expect(Object.prototype.toString.call(b), at).toBe(Object.prototype.toString.call(a));
    const x = a as unknown as ArrayLike<number>;
    const y = b as unknown as ArrayLike<number>;
    expect(y.length, at).toBe(x.length);
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) expect(y[i], `${at}[${i}]`).toBe(x[i]);
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    expect(Object.keys(b as object).sort(), at).toEqual(Object.keys(a as object).sort());
    for (const k of Object.keys(a as object)) same((a as any)[k], (b as any)[k], `${at}.${k}`);
    return;
  }
  expect(b, at).toEqual(a);
}

/** Reading options of the engine-parity tests' panel (id, month, g, y, x1..x3): as the did command reads, every column optional, the covariates per unit when constant. */
export const didOpts: ReadPanelOptions = {
  id: 'id',
  time: 'month',
  timeKind: 'integer',
  columns: ['y', 'x1', 'x2', 'x3'],
  optional: ['y', 'x1', 'x2', 'x3'],
  group: 'g',
  nonEmpty: ['y', 'x1', 'x2', 'x3', 'g'],
  autoPerUnit: ['x1', 'x2', 'x3', 'g'],
};

/** The same panel with declared per-unit and required columns (a study dictionary's way). */
export const declaredOpts: ReadPanelOptions = { id: 'id', time: 'month', timeKind: 'integer', columns: ['y', 'x1', 'x2', 'x3'], optional: ['y'], perUnit: ['x1', 'x2'], group: 'g' };
