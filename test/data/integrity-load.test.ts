/**
 * The cases of integrity-cli.test.ts through the loaders: readPanelCsv (what the commands
 * call) on variants of mpdta.csv, and loadStudy on a six-person cut of the synthetic team-rct
 * study. Same rules, same messages: a DataError naming file, column and line, or warnings
 * with counts on the result.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { DataError } from '../../src/data/errors';
import { readPanelCsv, ReadPanelOptions } from '../../src/data/load';
import { loadStudy } from '../../src/data/study';
import { formatReadWarning } from '../../src/data/warnings';
import { mpdtaFile, tempDir } from './helpers';
import { mpdtaVariant, smallTeamRct, teamRctVariant } from './integrity-helpers';

const MODEL: Omit<ReadPanelOptions, 'columns'> & { columns: string[] } = {
  id: 'countyreal',
  time: 'year',
  timeKind: 'year',
  columns: ['lemp', 'treat'],
  optional: ['lemp', 'treat'],
  nonEmpty: ['lemp', 'treat'],
  group: 'first.treat',
};

async function dataError(p: Promise<unknown>): Promise<DataError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DataError) return err;
    throw err;
  }
  throw new Error('expected a DataError');
}

afterEach(() => {
  delete process.env.FINSAM_STRICT;
  delete process.env.FINSAM_WARNINGS_FILE;
});

describe('readPanelCsv: the rules of the commands', () => {
  it('1. a line with more fields than the header, even after the columns read', async () => {
    const { file } = mpdtaVariant('dc.csv', (rows) => (rows[4][3] = '8,46'));
    const e = await dataError(readPanelCsv(file, MODEL));
    expect([e.file, e.line]).toEqual([file, 5]);
    expect(e.detail).toMatch(/more fields than the header \(6\); if the file writes decimal commas/);
    const extra = mpdtaVariant('extra.csv', (rows) => rows[9].push('x'));
    expect((await dataError(readPanelCsv(extra.file, { ...MODEL, columns: ['lemp'], optional: [], nonEmpty: [] }))).line).toBe(10);
  });

  it('2. empty or NA group = never treated (0), counted in panel.warnings', async () => {
    const { file } = mpdtaVariant('empty.csv', (rows) => rows.forEach((r) => r[4] === '0' && (r[4] = 'NA')));
    const p = await readPanelCsv(file, MODEL);
    const clean = await readPanelCsv(mpdtaFile, MODEL);
    expect(Array.from(p.unitCols['first.treat'])).toEqual(Array.from(clean.unitCols['first.treat']));
    expect(clean.warnings).toEqual([]);
    expect(p.warnings!.map(formatReadWarning)).toEqual([`${file}, column "first.treat": 309 units have an empty (or NA) group: read as never treated (first on line 117)`]);
    expect(p.warnings![0].changesSample).toBe(false);
  });

  it('3. after the last period: counted (changes the sample; an error when strict); not a period: error', async () => {
    const after = mpdtaVariant('after.csv', (rows) => rows.forEach((r) => r[4] === '2007' && (r[4] = '2010')));
    const p = await readPanelCsv(after.file, MODEL);
    expect(p.warnings!.map((w) => [w.count, w.changesSample, w.line])).toEqual([[131, true, 2]]);
    expect((await dataError(readPanelCsv(after.file, { ...MODEL, strict: true }))).message).toBe(
      `${after.file}, line 2, column "first.treat": --strict: 131 units start after the last period of the data (2007): never treated in the estimation`,
    );
    process.env.FINSAM_STRICT = '1';
    await expect(readPanelCsv(after.file, MODEL)).rejects.toThrow(/--strict/);
    delete process.env.FINSAM_STRICT;
    const frac = mpdtaVariant('frac.csv', (rows) => rows.forEach((r) => r[4] === '2007' && (r[4] = '2005.5')));
    const e = await dataError(readPanelCsv(frac.file, MODEL));
    expect([e.column, e.line, e.detail]).toEqual(['first.treat', 2, 'the group (first treated period) 2005.5 is not a whole period (2003 to 2007)']);
  });

  it('6. Latin-1 text: error naming the line and --encoding; gzip read as is', async () => {
    const dir = tempDir();
    const l1 = path.join(dir, 'l1.csv');
    fs.writeFileSync(l1, Buffer.from(fs.readFileSync(mpdtaFile, 'utf8').replace('lemp', 'sysselsättning'), 'latin1'));
    const e = await dataError(readPanelCsv(l1, MODEL));
    expect([e.line, e.detail]).toEqual([1, 'the file is not valid UTF-8 (byte 0xE4); read as Latin-1 (Windows-1252) it says "sysselsättning": pass --encoding latin1']);
    const ok = await readPanelCsv(l1, { ...MODEL, columns: ['sysselsättning'], optional: [], nonEmpty: [], encoding: 'latin1' });
    expect(ok.nRows).toBe(2500);
    const u8 = path.join(dir, 'u8.csv');
    fs.writeFileSync(u8, fs.readFileSync(mpdtaFile, 'utf8').replace('lemp', 'sysselsättning'));
    expect((await dataError(readPanelCsv(u8, { ...MODEL, columns: ['sysselsättning'], optional: [], nonEmpty: [], encoding: 'latin1' }))).detail).toMatch(/looks like UTF-8/);
    const gz = path.join(dir, 'm.csv.gz');
    fs.writeFileSync(gz, zlib.gzipSync(fs.readFileSync(mpdtaFile)));
    const a = await readPanelCsv(gz, MODEL);
    const b = await readPanelCsv(mpdtaFile, MODEL);
    expect(Array.from(a.cols.lemp)).toEqual(Array.from(b.cols.lemp));
  });

  it('7. ids longer than 15 digits are refused; 9. 0x10 is not a number; 8. empty column and header-only file', async () => {
    const ids = mpdtaVariant('ids.csv', (rows) => rows.forEach((r, i) => i > 0 && (r[1] = `123456789012345${r[1]}`)));
    expect((await dataError(readPanelCsv(ids.file, MODEL))).detail).toMatch(/^the identifier "1234567890123458001" has too many digits/);
    const hex = mpdtaVariant('hex.csv', (rows) => (rows[2][3] = '0x10'));
    const h = await dataError(readPanelCsv(hex.file, MODEL));
    expect([h.column, h.line, h.detail]).toEqual(['lemp', 3, 'the value "0x10" is not a number']);
    const empty = mpdtaVariant('empty-y.csv', (rows) => rows.forEach((r, i) => i > 0 && (r[3] = '')));
    const em = await dataError(readPanelCsv(empty.file, MODEL));
    expect([em.column, em.line]).toEqual(['lemp', 2]);
    const header = mpdtaVariant('header.csv', (rows) => rows.splice(1));
    const he = await dataError(readPanelCsv(header.file, MODEL));
    expect([he.column, he.line, he.detail]).toEqual(['lemp', 1, 'the file has only its header line: there are no data lines']);
  });
});

describe('loadStudy: the dictionary rules', () => {
  it('reads the small extract without warnings', async () => {
    const s = await loadStudy('team-rct', smallTeamRct());
    expect(s.units.nUnits).toBe(6);
    expect(s.warnings).toEqual([]);
  });

  it('5. a header-only monthly file, a person without monthly rows, an empty start in the team arm, wage = 1 with wage_kr = 0', async () => {
    const header = teamRctVariant('monthly.csv', (rows) => rows.splice(1));
    const e1 = await dataError(loadStudy('team-rct', header));
    expect([path.basename(e1.file), e1.column, e1.line]).toEqual(['monthly.csv', 'id', 1]);

    const dir = smallTeamRct();
    const id = fs.readFileSync(path.join(dir, 'persons.csv'), 'utf8').split('\n')[3].split(',')[0];
    teamRctVariant('monthly.csv', (rows) => rows.splice(0, rows.length, ...rows.filter((r, i) => i === 0 || r[0] !== id)), dir);
    const e2 = await dataError(loadStudy('team-rct', dir));
    expect([path.basename(e2.file), e2.column, e2.line, e2.detail]).toEqual(['persons.csv', 'id', 4, `unit ${id} has no rows in monthly.csv, which must cover every unit`]);

    const t = teamRctVariant('persons.csv', (rows) => {
      const arm = rows[0].indexOf('arm');
      const k = rows.findIndex((r, i) => i > 0 && r[arm] === 'T');
      rows[k][rows[0].indexOf('first_meeting_month')] = 'NA';
    });
    const e3 = await dataError(loadStudy('team-rct', t));
    expect([path.basename(e3.file), e3.column]).toEqual(['persons.csv', 'first_meeting_month']);
    expect(e3.detail).toMatch(/^the cell is empty \(or 0\), but arm is T, which requires a value/);

    let line = 0;
    const w = teamRctVariant('monthly.csv', (rows) => {
      const k = rows.findIndex((r, i) => i > 0 && r[rows[0].indexOf('wage')] === '1');
      rows[k][rows[0].indexOf('wage_kr')] = '0';
      line = k + 1;
    });
    const e4 = await dataError(loadStudy('team-rct', w));
    expect([path.basename(e4.file), e4.column, e4.line]).toEqual(['monthly.csv', 'wage', line]);
    expect(e4.detail).toMatch(/^wage is 1 but wage_kr is 0: the indicator and the amount contradict each other/);
  });

  it('an empty start in the control arm is read as never treated and counted; the warning reaches the render\'s file', async () => {
    const dir = teamRctVariant('persons.csv', (rows) => {
      const arm = rows[0].indexOf('arm');
      for (const r of rows.slice(1)) if (r[arm] === 'C') r[rows[0].indexOf('first_meeting_month')] = '';
    });
    const sink = path.join(tempDir(), 'warnings.jsonl');
    process.env.FINSAM_WARNINGS_FILE = sink;
    const s = await loadStudy('team-rct', dir);
    const controls = fs.readFileSync(path.join(dir, 'persons.csv'), 'utf8').split('\n').filter((l) => l.split(',')[1] === 'C').length;
    expect(controls).toBeGreaterThan(0);
    expect(s.warnings!.map((w) => [w.count, w.changesSample])).toEqual([[controls, false]]);
    const lines = fs.readFileSync(sink, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([{ source: 'data', message: formatReadWarning(s.warnings![0]), changesSample: false }]);
  });

  it('6/7/9/1 in a study file: Latin-1, gzip under its own name, long ids, 0x10, an extra field', async () => {
    const l1 = smallTeamRct();
    const text = fs.readFileSync(path.join(l1, 'persons.csv'), 'utf8').split('\n');
    text[2] = text[2].replace(/,[a-z_]+,([a-z_]+),/, ',göteborg,$1,');
    fs.writeFileSync(path.join(l1, 'persons.csv'), Buffer.from(text.join('\n'), 'latin1'));
    const e1 = await dataError(loadStudy('team-rct', l1));
    expect([path.basename(e1.file), e1.line]).toEqual(['persons.csv', 3]);
    expect(e1.detail).toMatch(/not valid UTF-8 .*pass --encoding latin1/);

    const gz = smallTeamRct();
    const plain = await loadStudy('team-rct', gz);
    fs.writeFileSync(path.join(gz, 'monthly.csv'), zlib.gzipSync(fs.readFileSync(path.join(gz, 'monthly.csv'))));
    const packed = await loadStudy('team-rct', gz);
    expect(Array.from(packed.panels.monthly.cols.wage_kr)).toEqual(Array.from(plain.panels.monthly.cols.wage_kr));

    const ids = teamRctVariant('persons.csv', (rows) => (rows[2][0] = '1234567890123456789'));
    const e2 = await dataError(loadStudy('team-rct', ids));
    expect([path.basename(e2.file), e2.column, e2.line]).toEqual(['persons.csv', 'id', 3]);

    const hex = teamRctVariant('monthly.csv', (rows) => (rows[5][rows[0].indexOf('wage_kr')] = '0x10'));
    const e3 = await dataError(loadStudy('team-rct', hex));
    expect([path.basename(e3.file), e3.column, e3.line, e3.detail]).toEqual(['monthly.csv', 'wage_kr', 6, 'the value "0x10" is not a number']);

    const extra = teamRctVariant('monthly.csv', (rows) => rows[7].push('1'));
    const e4 = await dataError(loadStudy('team-rct', extra));
    expect([path.basename(e4.file), e4.line]).toEqual(['monthly.csv', 8]);
    expect(e4.detail).toMatch(/more fields than the header/);
  });
});
