/**
 * Bad input files for the integrity tests, built in temporary directories: variants of the
 * reference mpdta.csv and of a small cut of the synthetic team-rct study (six persons with
 * all their rows), each with one edit.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultDataDir } from '../../src/data/study';
import { mpdtaFile, tempDir } from './helpers';

/** Rows of a CSV without quotes, header first, as arrays of fields. */
function readRows(file: string): string[][] {
  return fs.readFileSync(file, 'utf8').replace(/\n$/, '').split('\n').map((l) => l.split(','));
}

function writeRows(file: string, rows: string[][]): void {
  fs.writeFileSync(file, rows.map((r) => r.join(',')).join('\n') + '\n');
}

/** mpdta.csv with `edit` applied to its rows (rows[0] is the header; rows[i] is line i + 1). */
export function mpdtaVariant(name: string, edit: (rows: string[][]) => void): { file: string; dir: string; files: string[] } {
  const dir = tempDir('finsam-integrity-');
  const rows = readRows(mpdtaFile);
  edit(rows);
  const file = path.join(dir, name);
  writeRows(file, rows);
  return { file, dir, files: fs.readdirSync(dir).sort() };
}

/** The first `n` persons of the synthetic team-rct study with all their rows, in a new directory. */
export function smallTeamRct(n = 6): string {
  const src = path.join(defaultDataDir(), 'team-rct');
  const dir = tempDir('finsam-team-rct-');
  const persons = readRows(path.join(src, 'persons.csv'));
  const keep = new Set(persons.slice(1, n + 1).map((r) => r[0]));
  for (const f of fs.readdirSync(src).filter((x) => x.endsWith('.csv'))) {
    const rows = readRows(path.join(src, f));
    writeRows(path.join(dir, f), rows.filter((r, i) => i === 0 || keep.has(r[0])));
  }
  return dir;
}

/** A small team-rct study (or `dir`) with `edit` applied to the rows of `file`. */
export function teamRctVariant(file: string, edit: (rows: string[][]) => void, dir = smallTeamRct()): string {
  const rows = readRows(path.join(dir, file));
  edit(rows);
  writeRows(path.join(dir, file), rows);
  return dir;
}
