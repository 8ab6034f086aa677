import { describe, expect, it } from 'vitest';
import { readStudy } from '../../src/data/study';
import { panelToDanfo, unitTableToDanfo } from '../../src/data/to-danfo';
import { miniSchema } from '../fixtures/data/mini-schema';
import { miniDir } from './helpers';

describe('to danfo', () => {
  it('turns a panel into a DataFrame with ids, months as text, level names and per-unit columns repeated', async () => {
    const s = await readStudy(miniSchema, miniDir);
    const df = panelToDanfo(s.panels.monthly, { columns: ['wage_kr', 'arm', 'sick_days'] });
    expect(df.shape).toEqual([24, 5]);
    expect(df.columns).toEqual(['id', 'month', 'wage_kr', 'arm', 'sick_days']);
    const rows = df.values as unknown[][];
    expect(rows[0]).toEqual([1, '2019-07', 1010, 'T', 2]);
    expect(rows[13][3]).toBe('C');
    const head = panelToDanfo(s.panels.monthly, { head: 3, levelNames: false, monthText: false, columns: ['arm'] });
    expect(head.shape).toEqual([3, 3]);
    expect((head.values as unknown[][])[0]).toEqual([1, s.panels.monthly.periods[0], 0]);
  });

  it('turns a unit table into a DataFrame, missing values as null', async () => {
    const s = await readStudy(miniSchema, miniDir);
    const df = unitTableToDanfo(s.units, { columns: ['arm', 'federation'] });
    expect(df.shape).toEqual([4, 3]);
    expect((df.values as unknown[][])[1]).toEqual([2, 'T', null]);
    expect(() => unitTableToDanfo(s.units, { columns: ['nope'] })).toThrow(/no column "nope"/);
  });
});
