import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { monthCode } from '../../src/data/panel';
import { readTable } from '../../src/data/read-table';
import { defaultDataDir, filePlan, loadStudy, projectRoot, readStudy } from '../../src/data/study';
import { summarizeStudy } from '../../src/data/summary';
import { miniSchema } from '../fixtures/data/mini-schema';
import { miniCopy, miniDir } from './helpers';

describe('readStudy', () => {
  it('reads every file of the dictionary into typed tables', async () => {
    const s = await readStudy(miniSchema, miniDir);
    expect(s.name).toBe('mini');
    expect(Array.from(s.units.unitIds)).toEqual([1, 2, 3, 4]);
    expect(s.units.levels.arm).toEqual(['T', 'C']);
    expect(Array.from(s.units.cols.arm)).toEqual([0, 0, 1, 1]);
    expect(Array.from(s.units.cols.federation)).toEqual([0, NaN, 1, 0]);
    expect(Array.from(s.units.cols.start_month)).toEqual([monthCode(2019, 9), monthCode(2019, 11), monthCode(2020, 3), 0]);
    expect(Object.keys(s.panels).sort()).toEqual(['monthly', 'yearly']);
    expect(Object.keys(s.tables).sort()).toEqual(['log', 'persons']);
    expect(Array.from(s.tables.log.unitIds)).toEqual([1, 2, 3, 4, 7, 9]);
  });

  it('sorts the monthly panel and joins the unit attributes into its unitCols', async () => {
    const m = (await readStudy(miniSchema, miniDir)).panels.monthly;
    expect(m.study).toBe('mini');
    expect(m.periodKind).toBe('month');
    expect(m.nUnits).toBe(4);
    expect(m.nRows).toBe(24);
    expect(Array.from(m.periods)).toEqual([7, 8, 9, 10, 11, 12].map((k) => monthCode(2019, k)));
    // Row r of unit u is month r - rowStart[u] + 1 (July = 1): wage = 1000 id + 10 m.
    for (let u = 0; u < 4; u++) {
      for (let r = m.rowStart[u]; r < m.rowStart[u + 1]; r++) expect(m.cols.wage_kr[r]).toBe(1000 * (u + 1) + 10 * (r - m.rowStart[u] + 1));
    }
    expect(m.cols.sick_days[m.rowStart[1] + 2]).toBeNaN();
    expect(Array.from(m.unitCols.woman)).toEqual([1, 0, 0, 1]);
    expect(m.levels.arm).toEqual(['T', 'C']);
    expect(m.unitCols.start_month[3]).toBe(0); // empty = never treated
    expect('start_month' in m.cols).toBe(false);
  });

  it('summarises units, rows, periods and the arms', async () => {
    expect(summarizeStudy(await readStudy(miniSchema, miniDir))).toEqual({ study: 'mini', units: 4, rows: 24, periods: 6, treated: 2, control: 2 });
    // Without an arm, units with a treatment start are the treated ones.
    const noArm = { ...miniSchema, arm: undefined };
    expect(summarizeStudy(await readStudy(noArm, miniDir))).toMatchObject({ treated: 3, control: 1 });
  });
});

describe('loadStudy', () => {
  const saved = process.env.FINSAM_DATA;
  afterEach(() => {
    if (saved === undefined) delete process.env.FINSAM_DATA;
    else process.env.FINSAM_DATA = saved;
  });

  it('looks in $FINSAM_DATA, else in data-synthetic/out of the project', () => {
    delete process.env.FINSAM_DATA;
    expect(defaultDataDir()).toBe(path.join(projectRoot, 'data-synthetic', 'out'));
    expect(path.join(projectRoot, 'package.json')).toBe(path.resolve(__dirname, '..', '..', 'package.json'));
    process.env.FINSAM_DATA = '/somewhere';
    expect(defaultDataDir()).toBe('/somewhere');
  });

  it('resolves the study by name, checking that all its files exist before reading any', async () => {
    const dir = miniCopy();
    await expect(loadStudy('team-rct', dir)).rejects.toMatchObject({ name: 'DataError', file: path.join(dir, 'recruitment.csv') });
    await expect(loadStudy('no-such-study', dir)).rejects.toMatchObject({ name: 'UserError' });
  });
});

describe('the built-in dictionaries', () => {
  it('each read a directory of header-only files (every file, column and time spec is usable)', async () => {
    const { schemas } = await import('../../src/data/schemas');
    const fs = await import('node:fs');
    const { tempDir } = await import('./helpers');
    for (const schema of Object.values(schemas)) {
      const dir = tempDir();
      for (const f of schema.files) {
        const names = f.columns.map((c) => c.name);
        if (!names.includes(schema.id)) names.unshift(schema.id);
        if (f.time && !names.includes(f.time.column)) names.push(f.time.column);
        fs.writeFileSync(path.join(dir, f.file), names.join(',') + '\n');
      }
      // Each file's header is read by its plan (every column and time spec found) …
      for (const f of schema.files) {
        const raw = await readTable(path.join(dir, f.file), filePlan(schema, f));
        expect(raw.nRows, `${schema.name} ${f.file}`).toBe(0);
      }
      // … but a study of header-only files is refused (a file without data lines is an error).
      await expect(readStudy(schema, dir), schema.name).rejects.toThrow(/line 1, column "id": the file has only its header line/);
    }
  });
});
