/**
 * Input integrity through the command line, as an analyst meets it: every case of issue #12
 * run as a subprocess (bin/finsam-eval) on a variant of mpdta.csv built in a temporary
 * directory. Each case checks the exit status, that stderr names file, column and line, that
 * stdout parses as JSON whenever the exit status is 0, and that nothing is written on error.
 * The same cases through the loaders are in integrity-load.test.ts.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { mpdtaFile, tempDir } from './helpers';
import { mpdtaVariant, smallTeamRct, teamRctVariant } from './integrity-helpers';

const root = path.resolve(__dirname, '..', '..');
const bin = path.join(root, 'bin', 'finsam-eval');

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The command in a subprocess, asynchronously (long synchronous waits stall vitest's worker on a busy machine). */
function run(args: string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const DID = ['--time', 'year', '--id', 'countyreal', '--group', 'first.treat', '--y', 'lemp'];
const TWFE = ['--time', 'year', '--id', 'countyreal', '--y', 'lemp', '--x', 'treat'];

/** An error: exit 2, nothing on stdout, nothing new in the file's directory, stderr naming what is given. */
function expectError(r: Result, dir: string | undefined, before: string[] | undefined, ...parts: (string | RegExp)[]) {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  if (dir && before) expect(fs.readdirSync(dir).sort()).toEqual(before);
  for (const p of parts) {
    if (typeof p === 'string') expect(r.stderr).toContain(p);
    else expect(r.stderr).toMatch(p);
  }
}

/** Success: exit 0 and stdout one JSON document. */
function expectJson(r: Result): Record<string, any> {
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

function warningLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('finsam-eval: warning: '));
}

describe('1. every line has exactly the header\'s number of fields', () => {
  it('a decimal comma in a comma-separated file: error with file and line and the hint, not a coefficient of -1e-16', async () => {
    const { file, dir, files } = mpdtaVariant('dc.csv', (rows) => (rows[4][3] = '8,46'));
    const r = await run(['twfe', '--data', file, ...TWFE, '--json']);
    expectError(r, dir, files, `${file}, line 5: the line has more fields than the header (6)`, /decimal commas \("8,46"\)/);
  });

  it('an extra field after the columns a command reads is an error in every command', async () => {
    const { file, dir, files } = mpdtaVariant('extra.csv', (rows) => rows[9].push('x'));
    for (const args of [['did', ...DID], ['twfe', ...TWFE], ['drdid', '--time', 'year', '--id', 'countyreal', '--y', 'lemp', '--treated', 'treat']]) {
      const r = await run([args[0], '--data', file, ...args.slice(1), '--json']);
      expectError(r, dir, files, `${file}, line 10: the line has more fields than the header (6)`);
    }
  });

  it('with quoted fields, a quoted comma is a value and an extra field still an error', async () => {
    const dir = tempDir();
    const ok = path.join(dir, 'q.csv');
    const lines = fs.readFileSync(mpdtaFile, 'utf8').trim().split('\n');
    const withNote = [lines[0] + ',note', ...lines.slice(1).map((l, i) => `${l},"a, b ${i}"`)];
    fs.writeFileSync(ok, withNote.join('\n') + '\n');
    expect(expectJson(await run(['twfe', '--data', ok, ...TWFE, '--json'])).n).toBe(2500);
    withNote[20] += ',extra';
    const bad = path.join(dir, 'q2.csv');
    fs.writeFileSync(bad, withNote.join('\n') + '\n');
    expectError(await run(['twfe', '--data', bad, ...TWFE, '--json']), undefined, undefined, `${bad}, line 21: the line has more fields than the header (7)`);
  });
});

describe('2. an empty group is never treated, one rule everywhere, counted', () => {
  it('did keeps every control unit when never treated is written as empty or NA', async () => {
    const clean = expectJson(await run(['did', '--data', mpdtaFile, ...DID, '--json']));
    expect(clean.warnings).toEqual([]);
    for (const token of ['', 'NA']) {
      const { file } = mpdtaVariant('empty.csv', (rows) => rows.forEach((r) => r[4] === '0' && (r[4] = token)));
      const r = await run(['did', '--data', file, ...DID, '--json']);
      const out = expectJson(r);
      expect(out.n).toBe(500);
      expect(out.aggte.simple.att).toBe(clean.aggte.simple.att);
      const w = warningLines(r.stderr);
      expect(w).toEqual([`finsam-eval: warning: ${file}, column "first.treat": 309 units have an empty (or NA) group: read as never treated (first on line 117)`]);
      expect(out.warnings).toEqual([w[0].replace('finsam-eval: warning: ', '')]);
    }
  });

  it('states the rule in --help', async () => {
    const r = await run(['did', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/0, empty or NA\s+=\s+never\s+treated\s+\(counted/);
  });
});

describe('3. group values that are not periods', () => {
  it('a start after the last period: never treated in the estimation, with a warning giving the units; an error under --strict', async () => {
    const { file, dir, files } = mpdtaVariant('after.csv', (rows) => rows.forEach((r) => r[4] === '2007' && (r[4] = '2010')));
    const r = await run(['did', '--data', file, ...DID, '--json']);
    const out = expectJson(r);
    expect(out.n).toBe(500);
    expect(warningLines(r.stderr)).toContain(
      `finsam-eval: warning: ${file}, column "first.treat": 131 units start after the last period of the data (2007): never treated in the estimation (first on line 2)`,
    );
    expectError(await run(['did', '--data', file, ...DID, '--json', '--strict']), dir, files, `${file}, line 2, column "first.treat": --strict: 131 units start after the last period`);
  });

  it('a fractional start or one before the first period: error with file, column and line', async () => {
    const frac = mpdtaVariant('frac.csv', (rows) => rows.forEach((r) => r[4] === '2007' && (r[4] = '2005.5')));
    expectError(await run(['did', '--data', frac.file, ...DID, '--json']), frac.dir, frac.files, `${frac.file}, line 2, column "first.treat": the group (first treated period) 2005.5 is not a whole period (2003 to 2007)`);
    const early = mpdtaVariant('early.csv', (rows) => rows.forEach((r) => r[4] === '2004' && (r[4] = '2001')));
    expectError(await run(['did', '--data', early.file, ...DID, '--json']), early.dir, early.files, /early\.csv, line \d+, column "first\.treat": the group \(first treated period\) 2001 is before the first period of the data \(2003\)/);
  });
});

describe('4. warnings reach stderr, one line each, stdout stays JSON', () => {
  it('did: rows dropped for a missing outcome are said on stderr with the count; --strict refuses', async () => {
    const { file, dir, files } = mpdtaVariant('na-y.csv', (rows) => [1, 2, 3].forEach((i) => (rows[i][3] = 'NA')));
    const r = await run(['did', '--data', file, ...DID, '--json']);
    const out = expectJson(r);
    const w = warningLines(r.stderr);
    expect(w.some((l) => /dropped 3 rows from original data due to missing/.test(l))).toBe(true);
    expect(w.some((l) => /1 units are missing in some periods/.test(l))).toBe(true);
    expect(out.warnings.length).toBe(w.length);
    expectError(await run(['did', '--data', file, ...DID, '--json', '--strict']), dir, files, /--strict: the sample would change .*dropped 3 rows/);
  });

  it('twfe --json gains a warnings array (rows left out, why a coefficient is NA); the text table keeps NA reasons apart', async () => {
    const { file, dir, files } = mpdtaVariant('na-twfe.csv', (rows) => [1, 2].forEach((i) => (rows[i][3] = '')));
    const r = await run(['twfe', '--data', file, ...TWFE, '--x', 'treat,lpop', '--json']);
    const out = expectJson(r);
    expect(out.warnings).toEqual([
      'left out 2 rows with a missing or non-finite value in the outcome, a regressor, the unit, the period or the cluster',
      'the coefficient of "treat" is NA: collinear (no variation net of fixed effects)',
      'the coefficient of "lpop" is NA: collinear (no variation net of fixed effects)',
    ]);
    expect(warningLines(r.stderr)).toEqual(out.warnings.map((w: string) => `finsam-eval: warning: ${w}`));
    const text = await run(['twfe', '--data', file, ...TWFE, '--x', 'treat,lpop']);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^ +treat +NA\[1\] +NA\[1\] +NA\[1\] +NA\[1\]$/m);
    expect(text.stdout).toMatch(/^NA\[1\]: collinear \(no variation net of fixed effects\)$/m);
    expectError(await run(['twfe', '--data', file, ...TWFE, '--json', '--strict']), dir, files, /--strict: .*left out 2 rows/);
  });

  it('clean reference files give no warning and the same numbers with --strict', async () => {
    const survey = path.join(path.dirname(mpdtaFile), 'survey_panel.csv');
    const cases = [
      ['twfe', '--data', survey, '--y', 'y', '--id', 'id', '--time', 'year', '--x', 'team,x1,x2', '--json'],
      ['did', '--data', mpdtaFile, ...DID, '--json'],
    ];
    for (const args of cases) {
      const a = await run(args);
      const b = await run([...args, '--strict']);
      expect(a.stderr).toBe('');
      expect(b.stderr).toBe('');
      expect(expectJson(b)).toEqual(expectJson(a));
      expect(expectJson(a).warnings).toEqual([]);
    }
  });
});

describe('5. validate enforces the dictionary\'s completeness and cross-column rules', () => {
  const validate = (dir: string) => run(['validate', '--study', 'team-rct', '--data', dir, '--json']);

  it('passes the small clean extract', async () => {
    const out = expectJson(await validate(smallTeamRct()));
    expect(out).toMatchObject({ study: 'team-rct', units: 6 });
  });

  it('a monthly file with only its header', async () => {
    const dir = teamRctVariant('monthly.csv', (rows) => rows.splice(1));
    expectError(await validate(dir), dir, fs.readdirSync(dir).sort(), `${path.join(dir, 'monthly.csv')}, line 1, column "id": the file has only its header line`);
  });

  it('a person with no monthly rows', async () => {
    const dir = smallTeamRct();
    const persons = fs.readFileSync(path.join(dir, 'persons.csv'), 'utf8').split('\n');
    const id = persons[3].split(',')[0];
    const edited = teamRctVariant('monthly.csv', (rows) => rows.splice(0, rows.length, ...rows.filter((r, i) => i === 0 || r[0] !== id)), dir);
    expectError(await validate(edited), edited, fs.readdirSync(edited).sort(), `${path.join(edited, 'persons.csv')}, line 4, column "id": unit ${id} has no rows in monthly.csv`);
  });

  it('a person in the team arm with an empty treatment start', async () => {
    let line = 0;
    const dir = teamRctVariant('persons.csv', (rows) => {
      const arm = rows[0].indexOf('arm');
      const start = rows[0].indexOf('first_meeting_month');
      line = rows.findIndex((r, i) => i > 0 && r[arm] === 'T') + 1;
      rows[line - 1][start] = '';
    });
    expectError(await validate(dir), dir, fs.readdirSync(dir).sort(), `${path.join(dir, 'persons.csv')}, line ${line}, column "first_meeting_month": the cell is empty (or 0), but arm is T`);
  });

  it('an indicator contradicting its amount (wage = 1 with wage_kr = 0)', async () => {
    let line = 0;
    const dir = teamRctVariant('monthly.csv', (rows) => {
      const w = rows[0].indexOf('wage');
      const kr = rows[0].indexOf('wage_kr');
      line = rows.findIndex((r, i) => i > 0 && r[w] === '0' && r[kr] === '0') + 1;
      rows[line - 1][w] = '1';
    });
    expectError(await validate(dir), dir, fs.readdirSync(dir).sort(), `${path.join(dir, 'monthly.csv')}, line ${line}, column "wage": wage is 1 but wage_kr is 0`);
  });
});

describe('6. encodings and compression', () => {
  it('a Latin-1 header: error naming the line and the --encoding to pass; read with --encoding latin1', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'l1.csv');
    const lines = fs.readFileSync(mpdtaFile, 'utf8').trim().split('\n');
    lines[0] = lines[0].replace('lemp', 'sysselsättning_lön');
    fs.writeFileSync(file, Buffer.from(lines.join('\n') + '\n', 'latin1'));
    const args = ['--time', 'year', '--id', 'countyreal', '--y', 'sysselsättning_lön', '--x', 'treat', '--json'];
    expectError(await run(['twfe', '--data', file, ...args]), dir, ['l1.csv'], `${file}, line 1: the file is not valid UTF-8 (byte 0xE4); read as Latin-1 (Windows-1252) it says "sysselsättning_lön": pass --encoding latin1`);
    const clean = expectJson(await run(['twfe', '--data', mpdtaFile, ...TWFE, '--json']));
    expect(expectJson(await run(['twfe', '--data', file, ...args, '--encoding', 'latin1'])).n).toBe(clean.n);
    // The other way round: a UTF-8 file read as Latin-1 would turn "ä" into "Ã¤" without a word.
    const u8 = path.join(dir, 'u8.csv');
    fs.writeFileSync(u8, lines.join('\n') + '\n');
    expectError(await run(['twfe', '--data', u8, ...args, '--encoding', 'latin1']), undefined, undefined, `${u8}, line 1: the file looks like UTF-8 ("ä" is written as UTF-8), not Latin-1: leave out --encoding latin1`);
    expect(expectJson(await run(['twfe', '--data', u8, ...args])).n).toBe(clean.n);
    for (const cmd of [['did', ...DID], ['drdid', '--time', 'year', '--id', 'countyreal', '--y', 'lemp', '--treated', 'treat']]) {
      const bad = await run([cmd[0], '--data', mpdtaFile, ...cmd.slice(1), '--encoding', 'cp1252']);
      expectError(bad, undefined, undefined, '--encoding must be utf8 or latin1, not "cp1252"');
    }
  });

  it('a gzip file is read as is, whatever its name, by every command', async () => {
    const dir = tempDir();
    const gz = path.join(dir, 'mpdta.csv.gz');
    fs.writeFileSync(gz, zlib.gzipSync(fs.readFileSync(mpdtaFile)));
    expect(expectJson(await run(['did', '--data', gz, ...DID, '--json']))).toEqual(expectJson(await run(['did', '--data', mpdtaFile, ...DID, '--json'])));
    expect(expectJson(await run(['twfe', '--data', gz, ...TWFE, '--json'])).n).toBe(2500);
    const study = smallTeamRct();
    fs.writeFileSync(path.join(study, 'monthly.csv.gz'), zlib.gzipSync(fs.readFileSync(path.join(study, 'monthly.csv'))));
    const plain = expectJson(await run(['validate', '--study', 'team-rct', '--data', study, '--json']));
    fs.unlinkSync(path.join(study, 'monthly.csv'));
    expect(expectJson(await run(['validate', '--study', 'team-rct', '--data', study, '--json']))).toEqual(plain);
  });
});

describe('7. identifiers stay exact or are refused', () => {
  it('19-digit ids are refused with file, column and line instead of merging two units', async () => {
    const { file, dir, files } = mpdtaVariant('ids.csv', (rows) => rows.forEach((r, i) => i > 0 && (r[1] = `123456789012345${r[1]}`)));
    expectError(await run(['twfe', '--data', file, ...TWFE, '--json']), dir, files, `${file}, line 2, column "countyreal": the identifier "1234567890123458001" has too many digits to be kept exactly`);
  });
});

describe('8. usage errors exit 2 before any work', () => {
  const nowhere = '/nonexistent/never-read.csv';

  it('--min-e greater than --max-e, --y naming the id, time or group column: refused before the file is read', async () => {
    expectError(await run(['did', '--data', nowhere, ...DID, '--min-e', '2', '--max-e', '-1']), undefined, undefined, '--min-e (2) is greater than --max-e (-1)');
    expectError(await run(['did', '--data', nowhere, ...DID, '--y', 'countyreal']), undefined, undefined, 'did: --y "countyreal" is the unit identifier (--id)');
    expectError(await run(['did', '--data', nowhere, ...DID, '--y', 'year']), undefined, undefined, 'did: --y "year" is the period column (--time)');
    expectError(await run(['did', '--data', nowhere, ...DID, '--y', 'first.treat']), undefined, undefined, 'did: column "first.treat" is given both as --y and as --group');
    expectError(await run(['drdid', '--data', nowhere, '--time', 'year', '--id', 'countyreal', '--y', 'treat', '--treated', 'treat']), undefined, undefined, 'drdid: column "treat" is given both as --y and as --treated');
    expectError(await run(['twfe', '--data', nowhere, ...TWFE, '--y', 'countyreal']), undefined, undefined, '"countyreal" is the id or time column');
  });

  it('an all-empty column or a header-only file names the file and the column', async () => {
    const empty = mpdtaVariant('empty-y.csv', (rows) => rows.forEach((r, i) => i > 0 && (r[3] = '')));
    for (const args of [['did', ...DID], ['twfe', ...TWFE], ['drdid', '--time', 'year', '--id', 'countyreal', '--y', 'lemp', '--treated', 'treat']]) {
      expectError(await run([args[0], '--data', empty.file, ...args.slice(1), '--json']), empty.dir, empty.files, `${empty.file}, line 2, column "lemp": every cell of the column is empty or NA (2500 lines)`);
    }
    const header = mpdtaVariant('header.csv', (rows) => rows.splice(1));
    expectError(await run(['did', '--data', header.file, ...DID, '--json']), header.dir, header.files, `${header.file}, line 1, column "lemp": the file has only its header line`);
  });
});

describe('9. only decimal numbers are numbers', () => {
  it('0x10 is an error, not 16', async () => {
    const { file, dir, files } = mpdtaVariant('hex.csv', (rows) => (rows[2][3] = '0x10'));
    expectError(await run(['twfe', '--data', file, ...TWFE, '--json']), dir, files, `${file}, line 3, column "lemp": the value "0x10" is not a number`);
  });
});
