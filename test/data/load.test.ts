import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPanelCsv, readUnitCsv } from '../../src/data/load';
import { formatMonth, Panel } from '../../src/data/panel';
import { Rng } from '../../src/random/rng';
import { expectDataError, mpdtaFile, readLines, tempDir, writeFile } from './helpers';

/** The mpdta file parsed the simple way, for comparison. */
function naiveMpdta() {
  const lines = readLines(mpdtaFile);
  const header = lines[0].split(',');
  return lines.slice(1).map((l) => {
    const f = l.split(',');
    const r: Record<string, number> = {};
    header.forEach((h, k) => (r[h] = Number(f[k])));
    return r;
  });
}

const mpdtaOptions = { id: 'countyreal', time: 'year', timeKind: 'year' as const, perUnit: ['lpop', 'first.treat'], columns: ['lemp', 'lpop', 'first.treat'] };

/** Checks every invariant of the Panel type. */
function checkPanel(p: Panel) {
  expect(p.rowStart[0]).toBe(0);
  expect(p.rowStart[p.nUnits]).toBe(p.nRows);
  for (let u = 1; u < p.nUnits; u++) expect(p.unitIds[u - 1]).toBeLessThan(p.unitIds[u]);
  for (let u = 0; u < p.nUnits; u++) {
    for (let r = p.rowStart[u]; r < p.rowStart[u + 1]; r++) {
      expect(p.rowUnit[r]).toBe(u);
      expect(p.periods[p.rowPeriod[r]]).toBe(p.rowTime[r]);
      if (r > p.rowStart[u]) expect(p.rowTime[r - 1]).toBeLessThan(p.rowTime[r]);
    }
  }
}

describe('readPanelCsv', () => {
  it('reads mpdta into a panel: 500 counties x 5 years, values as in the file', async () => {
    const p = await readPanelCsv(mpdtaFile, mpdtaOptions);
    expect(p.nUnits).toBe(500);
    expect(p.nRows).toBe(2500);
    expect(Array.from(p.periods)).toEqual([2003, 2004, 2005, 2006, 2007]);
    expect(Object.keys(p.cols)).toEqual(['lemp']);
    expect(Object.keys(p.unitCols).sort()).toEqual(['first.treat', 'lpop']);
    checkPanel(p);
    for (const r of naiveMpdta()) {
      const u = Array.prototype.indexOf.call(p.unitIds, r.countyreal);
      const row = p.rowStart[u] + Array.prototype.indexOf.call(p.periods, r.year);
      expect(p.cols.lemp[row]).toBe(r.lemp);
      expect(p.unitCols.lpop[u]).toBe(r.lpop);
      expect(p.unitCols['first.treat'][u]).toBe(r['first.treat']);
    }
  });

  it('gives the same panel whatever the row order', async () => {
    const lines = readLines(mpdtaFile);
    const body = lines.slice(1);
    const rng = new Rng(7);
    for (let i = body.length - 1; i > 0; i--) {
      const j = Math.floor(rng.uniform() * (i + 1));
      [body[i], body[j]] = [body[j], body[i]];
    }
    const file = writeFile(tempDir(), 'shuffled.csv', [lines[0], ...body].join('\n'));
    const a = await readPanelCsv(mpdtaFile, mpdtaOptions);
    const b = await readPanelCsv(file, mpdtaOptions);
    expect(b.unitIds).toEqual(a.unitIds);
    expect(b.rowTime).toEqual(a.rowTime);
    expect(b.cols).toEqual(a.cols);
    expect(b.unitCols).toEqual(a.unitCols);
  });

  it('keeps every column but id and time by default, and reads integer and month periods', async () => {
    const dir = tempDir();
    const ints = writeFile(dir, 'int.csv', 'id,month,g,y\n2,1,5,1.5\n1,2,0,3\n1,1,0,2\n2,2,5,2.5\n');
    const p = await readPanelCsv(ints, { id: 'id', time: 'month', timeKind: 'integer', perUnit: ['g'] });
    expect(Array.from(p.periods)).toEqual([1, 2]);
    expect(Array.from(p.cols.y)).toEqual([2, 3, 1.5, 2.5]);
    expect(Array.from(p.unitCols.g)).toEqual([0, 5]);
    const months = writeFile(dir, 'm.csv', 'id,ym,y\n1,2019-12,1\n1,2020-01,2\n');
    const m = await readPanelCsv(months, { id: 'id', time: 'ym', timeKind: 'month' });
    expect(Array.from(m.periods).map(formatMonth)).toEqual(['2019-12', '2020-01']);
    expect(m.periods[1] - m.periods[0]).toBe(1);
  });

  it('stores categories as level indexes with sorted levels, and optional cells as NaN', async () => {
    const file = writeFile(tempDir(), 'c.csv', 'id,year,region,y\n1,2000,south,NA\n1,2001,south,2\n2,2000,north,3\n2,2001,north,\n');
    const p = await readPanelCsv(file, { id: 'id', time: 'year', timeKind: 'year', categorical: ['region'], perUnit: ['region'], optional: ['y'] });
    expect(p.levels.region).toEqual(['north', 'south']);
    expect(Array.from(p.unitCols.region)).toEqual([1, 0]);
    expect(Array.from(p.cols.y)).toEqual([NaN, 2, 3, NaN]);
  });

  it('rejects a per-unit column that varies within a unit, naming both lines', async () => {
    const file = writeFile(tempDir(), 'v.csv', 'id,year,x\n1,2000,5\n2,2000,1\n1,2001,6\n');
    await expectDataError(readPanelCsv(file, { id: 'id', time: 'year', timeKind: 'year', perUnit: ['x'] }), {
      file,
      column: 'x',
      line: 4,
      match: /the value varies within unit 1: 5 on line 2, 6 on line 4/,
    });
  });

  it('rejects an integer column with fractions and an option naming a column it does not read', async () => {
    const file = writeFile(tempDir(), 'i.csv', 'id,year,n\n1,2000,1\n1,2001,1.5\n');
    await expectDataError(readPanelCsv(file, { id: 'id', time: 'year', timeKind: 'year', integer: ['n'] }), { file, column: 'n', line: 3 });
    await expect(readPanelCsv(file, { id: 'id', time: 'year', timeKind: 'year', columns: ['n'], optional: ['m'] })).rejects.toThrow(/"m" is not among the columns/);
  });

  it('reads long register numbers as unit ids', async () => {
    const file = writeFile(tempDir(), 'l.csv', 'id,year,y\n198001011234,2000,1\n5,2000,2\n198001011234,2001,3\n');
    const p = await readPanelCsv(file, { id: 'id', time: 'year', timeKind: 'year' });
    expect(Array.from(p.unitIds)).toEqual([5, 198001011234]);
    expect(Array.from(p.cols.y)).toEqual([2, 1, 3]);
  });

  it('reads units that come in descending order, as in the benchmark layout', async () => {
    // 200 units of the benchmark generator's layout: id, month, g, y, x1..x8.
    const dir = tempDir();
    const lines = ['id,month,g,y,x1,x2'];
    for (let i = 200; i >= 1; i--) for (let t = 1; t <= 12; t++) lines.push(`${i},${t},${i % 3 === 0 ? 6 : 0},${i * 100 + t},${i % 2},${20 + (i % 40)}`);
    const file = writeFile(dir, 'b.csv', lines.join('\n') + '\n');
    const p = await readPanelCsv(file, { id: 'id', time: 'month', timeKind: 'integer', perUnit: ['g', 'x1', 'x2'] });
    expect(p.nUnits).toBe(200);
    expect(p.nRows).toBe(2400);
    checkPanel(p);
    expect(p.cols.y[p.rowStart[9] + 3]).toBe(10 * 100 + 4);
    expect(p.unitCols.g[2]).toBe(6);
    expect(fs.existsSync(file)).toBe(true);
  });
});

describe('readUnitCsv', () => {
  it('reads latin1 text when told, category levels intact', async () => {
    const file = path.join(tempDir(), 'l1.csv');
    fs.writeFileSync(file, Buffer.from('id,ort\n1,Malmö\n2,Göteborg\n', 'latin1'));
    const t = await readUnitCsv(file, { id: 'id', categorical: ['ort'], encoding: 'latin1' });
    expect(t.levels.ort).toEqual(['Göteborg', 'Malmö']);
    // Read as UTF-8 (the default) the file is refused, naming the line and the option to pass.
    await expect(readUnitCsv(file, { id: 'id', categorical: ['ort'] })).rejects.toThrow(/l1\.csv, line 2: the file is not valid UTF-8 .*"Malmö": pass --encoding latin1/);
  });

  it('reads one row per unit sorted by id, and rejects a repeated id', async () => {
    const dir = tempDir();
    const ok = writeFile(dir, 'u.csv', 'id,a\n3,30\n1,10\n2,20\n');
    const t = await readUnitCsv(ok, { id: 'id' });
    expect(Array.from(t.unitIds)).toEqual([1, 2, 3]);
    expect(Array.from(t.cols.a)).toEqual([10, 20, 30]);
    const dup = writeFile(dir, 'd.csv', 'id,a\n3,30\n1,10\n3,20\n');
    await expectDataError(readUnitCsv(dup, { id: 'id' }), { file: dup, column: 'id', line: 4, match: /identifier 3 appears more than once \(also on line 2\)/ });
  });
});
