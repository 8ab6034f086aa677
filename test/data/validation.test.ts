/**
 * Every kind of bad input gives a DataError naming the file, the column and the 1-based
 * line (header = line 1). One test per case, on a copy of the mini study with one edit.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStudy } from '../../src/data/study';
import { miniSchema } from '../fixtures/data/mini-schema';
import { expectDataError, lineWhere, miniCopy, setCell } from './helpers';

const at = (dir: string, file: string) => path.join(dir, file);
const load = (dir: string) => readStudy(miniSchema, dir);

describe('validation errors', () => {
  it('a missing (misspelt) column, suggesting the nearest name', async () => {
    const dir = miniCopy('monthly.csv', (l) => [l[0].replace('wage_kr', 'wages_kr'), ...l.slice(1)]);
    const e = await expectDataError(load(dir), { file: at(dir, 'monthly.csv'), column: 'wage_kr', line: 1 });
    expect(e.message).toMatch(/missing from the header \(did you mean "wages_kr"\?\)/);
  });

  it('a missing column with nothing near gets no suggestion', async () => {
    const dir = miniCopy('yearly.csv', (l) => [l[0].replace('income_kr', 'zzz'), ...l.slice(1)]);
    const e = await expectDataError(load(dir), { file: at(dir, 'yearly.csv'), column: 'income_kr', line: 1 });
    expect(e.message).not.toMatch(/did you mean/);
  });

  it('a non-numeric cell', async () => {
    const dir = miniCopy('monthly.csv', (l) => setCell(l, 5, 'wage_kr', '12O0'));
    await expectDataError(load(dir), { file: at(dir, 'monthly.csv'), column: 'wage_kr', line: 5, match: /"12O0" is not a number/ });
  });

  it('an empty cell in a required column', async () => {
    const dir = miniCopy('persons.csv', (l) => setCell(l, 3, 'woman', ''));
    await expectDataError(load(dir), { file: at(dir, 'persons.csv'), column: 'woman', line: 3, match: /empty, but the column is required/ });
  });

  it('NaN in a required column', async () => {
    const dir = miniCopy('monthly.csv', (l) => setCell(l, 9, 'wage_kr', 'NaN'));
    await expectDataError(load(dir), { file: at(dir, 'monthly.csv'), column: 'wage_kr', line: 9, match: /missing \("NaN"\), but the column is required/ });
  });

  it('duplicate (unit, time) rows, naming both lines', async () => {
    const dir = miniCopy('monthly.csv', (l) => [...l.slice(0, 10), l[3], ...l.slice(10)]);
    const first = 4;
    const e = await expectDataError(load(dir), { file: at(dir, 'monthly.csv'), column: 'month', line: 11 });
    expect(e.message).toMatch(new RegExp(`duplicate row for unit \\d and period 2019-\\d\\d \\(also on line ${first}\\)`));
  });

  it('a value outside the dictionary range', async () => {
    const dir = miniCopy('monthly.csv', (l) => setCell(l, 7, 'sick_days', '40'));
    await expectDataError(load(dir), { file: at(dir, 'monthly.csv'), column: 'sick_days', line: 7, match: /40 is outside the allowed range 0 to 31/ });
  });

  it('a value not among the dictionary levels', async () => {
    const dir = miniCopy('persons.csv', (l) => setCell(l, 4, 'arm', 'X'));
    await expectDataError(load(dir), { file: at(dir, 'persons.csv'), column: 'arm', line: 4, match: /"X" is not one of the levels \(T, C\)/ });
  });

  it('a treatment start that varies within a unit', async () => {
    // Change the unit's last line in the file: the error names its first line and this one.
    const lastOfUnit1 = (l: string[]) => Math.max(...l.map((s, i) => (s.startsWith('1,') ? i + 1 : 0)));
    const dir = miniCopy('monthly.csv', (l) => setCell(l, lastOfUnit1(l), 'start_month', '2019-10'));
    const lines = fs.readFileSync(at(dir, 'monthly.csv'), 'utf8').split('\n');
    const first = lineWhere(lines, (f) => f.id === '1');
    const last = lastOfUnit1(lines);
    const e = await expectDataError(load(dir), { file: at(dir, 'monthly.csv'), column: 'start_month', line: last });
    expect(e.message).toMatch(new RegExp(`the treatment start varies within unit 1: 2019-09 on line ${first}, 2019-10 on line ${last}$`));
  });

  it('a treatment start in a panel that disagrees with the unit file', async () => {
    const dir = miniCopy('monthly.csv', (l) => l.map((s, i) => (i > 0 && s.startsWith('4,') ? s.replace(/^4,([^,]*),,/, '4,$1,2020-01,') : s)));
    const line = lineWhere(fs.readFileSync(at(dir, 'monthly.csv'), 'utf8').split('\n'), (f) => f.id === '4');
    await expectDataError(load(dir), {
      file: at(dir, 'monthly.csv'),
      column: 'start_month',
      line,
      match: /the treatment start of unit 4 is 2020-01, but none \(never treated\) in persons.csv/,
    });
  });

  it('a month column that is not whole months', async () => {
    const dir = miniCopy('monthly.csv', (l) => setCell(l, 6, 'month', '2019-08-15'));
    await expectDataError(load(dir), { file: at(dir, 'monthly.csv'), column: 'month', line: 6, match: /"2019-08-15" is not a whole month/ });
  });

  it('a year column that is not whole years', async () => {
    const dir = miniCopy('yearly.csv', (l) => setCell(l, 3, 'year', '2018.5'));
    await expectDataError(load(dir), { file: at(dir, 'yearly.csv'), column: 'year', line: 3, match: /"2018.5" is not a whole year/ });
  });

  it('a period outside the dictionary range', async () => {
    const dir = miniCopy('yearly.csv', (l) => setCell(l, 2, 'year', '2021'));
    await expectDataError(load(dir), { file: at(dir, 'yearly.csv'), column: 'year', line: 2, match: /2021 is outside the allowed range 2018 to 2020/ });
  });

  it('an id in a unit-period file that is missing from the unit file', async () => {
    const dir = miniCopy('yearly.csv', (l) => [...l.slice(0, 4), '8,2018,5', ...l.slice(4)]);
    await expectDataError(load(dir), { file: at(dir, 'yearly.csv'), column: 'id', line: 5, match: /unit 8 is not in persons.csv/ });
  });

  it('ids of an auxiliary file need not be units', async () => {
    await expect(load(miniCopy())).resolves.toBeDefined();
  });

  it('a repeated id in the unit file', async () => {
    const dir = miniCopy('persons.csv', (l) => [...l, l[2]]);
    await expectDataError(load(dir), { file: at(dir, 'persons.csv'), column: 'id', line: 6, match: /appears more than once \(also on line 3\)/ });
  });

  it('a line with a missing field', async () => {
    const dir = miniCopy('yearly.csv', (l) => [...l.slice(0, 5), '3,2018', ...l.slice(6)]);
    await expectDataError(load(dir), { file: at(dir, 'yearly.csv'), line: 6, match: /fewer fields than the header \(3\)/ });
  });

  it('a line with an extra field', async () => {
    const dir = miniCopy('yearly.csv', (l) => [...l.slice(0, 3), l[3] + ',7', ...l.slice(4)]);
    await expectDataError(load(dir), { file: at(dir, 'yearly.csv'), line: 4, match: /more fields than the header \(3\)/ });
  });

  it('a missing file, suggesting the nearest name', async () => {
    const dir = miniCopy();
    fs.renameSync(at(dir, 'yearly.csv'), at(dir, 'yearly_.csv'));
    const e = await expectDataError(load(dir), { file: at(dir, 'yearly.csv') });
    expect(e.message).toMatch(/missing from the data directory \(did you mean "yearly_.csv"\?\)/);
  });

  it('exact lines despite blank lines', async () => {
    const dir = miniCopy('monthly.csv', (l) => [l[0], l[1], '', l[2], '', '', ...setCell(l, 4, 'wage_kr', 'x').slice(3)]);
    await expectDataError(load(dir), { file: at(dir, 'monthly.csv'), column: 'wage_kr', line: 7 });
  });
});
