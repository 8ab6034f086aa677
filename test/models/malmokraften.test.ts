import { describe, expect, it } from 'vitest';
import { monthCode } from '../../src/data/panel';
import { dateTag, START_GROUPS } from '../../src/data/schemas/malmokraften';
import { fitDid, fitGrid, gridFit } from '../../src/models/did-grid';
import {
  malmoPanel,
  malmoStartGroups,
  MALMO_SETTINGS,
  pooledModels,
  preStartMeans,
  separateKey,
  separateModels,
  yearlyModels,
} from '../../src/models/malmokraften';
import { MINI_MONTHS, miniMalmo } from '../tables/malmo-helpers';

describe('malmokraften models', () => {
  const mini = miniMalmo({ seed: 3, sizes: [260, 230, 40, 210, 205], controls: 600, ...MINI_MONTHS });
  const panel = malmoPanel(mini.panel);
  const groups = malmoStartGroups(panel);

  it('codes the start (0 = never), the start year and the days at the person\'s own list date', () => {
    for (let u = 0; u < panel.nUnits; u++) {
      const k = mini.group[u];
      expect(panel.unitCols.g[u]).toBe(k >= 0 ? START_GROUPS[k].start : 0);
      expect(panel.unitCols.g_year[u]).toBe(k >= 0 ? Math.floor(START_GROUPS[k].start / 12) : 0);
      const tag = dateTag(START_GROUPS[panel.unitCols.list_group[u]].referenceDate);
      expect(panel.unitCols.job_days_list[u]).toBe(panel.unitCols[`job_days_${tag}`][u]);
      expect(panel.unitCols.af_days_list[u]).toBe(panel.unitCols[`af_days_${tag}`][u]);
    }
  });

  it('treats an empty start as never treated', () => {
    const start = Float64Array.from(mini.panel.unitCols.start_month, (x) => (x === 0 ? NaN : x));
    const p = malmoPanel({ ...mini.panel, unitCols: { ...mini.panel.unitCols, start_month: start } });
    expect(Array.from(p.unitCols.g)).toEqual(Array.from(panel.unitCols.g));
  });

  it('keeps every start group, the small G3 too, in the pooled models (R23 estimates G3 in B14, B17, Figure 11)', () => {
    expect(groups.map((g) => [g.code, g.n])).toEqual([
      ['G1', 260],
      ['G2', 230],
      ['G3', 40],
      ['G4', 210],
      ['G5', 205],
    ]);
    const [m1, m2, m3] = pooledModels(panel, groups);
    for (const m of [m1, m2, m3]) expect(m.units).toBeUndefined();
    expect([m1.key, m2.key, m3.key]).toEqual(['m1', 'm2', 'm3']);
    expect(m2.covariates).toBeUndefined();
    expect(m3.options?.control).toBe('notyet');
  });

  it('compares each start group alone with the never-treated of its list window', () => {
    const sep = separateModels(panel, groups);
    expect(sep.map((m) => m.key)).toEqual(groups.map((g) => separateKey(g.code)));
    const units = sep[2].units as Uint8Array;
    mini.group.forEach((k, u) => expect(units[u]).toBe(k === 2 || (k === -1 && panel.unitCols.pool_g3[u] === 1) ? 1 : 0));
    const yearly = yearlyModels(panel, groups)[3].units as Uint8Array;
    mini.group.forEach((k, u) => expect(yearly[u]).toBe(k === 2 || k === -1 ? 1 : 0));
  });

  it('recovers the simulated effect in every column and leaves no group cell unexplained', () => {
    const grid = fitGrid(panel, [...pooledModels(panel, groups), ...separateModels(panel, groups)], ['y'], MALMO_SETTINGS);
    for (const m of ['m1', 'm2', 'm3']) {
      const f = gridFit(grid, m, 'y');
      expect(Math.abs(f.headline.att! - 0.5)).toBeLessThan(4 * f.headline.se!);
      expect(f.group.by.map((b) => b.e)).toEqual(groups.map((g) => g.start));
    }
    const g3 = gridFit(grid, separateKey('G3'), 'y');
    expect(g3.group.by.map((b) => b.e)).toEqual([START_GROUPS[2].start]);
  });

  it('estimates column (4) from the month before the start, with the same result as on the whole window', () => {
    const sep = separateModels(panel, groups)[3];
    expect(sep.from).toBe(START_GROUPS[3].start - 1);
    const cut = fitDid(panel, sep, 'y', MALMO_SETTINGS);
    const whole = fitDid(panel, { ...sep, from: undefined }, 'y', MALMO_SETTINGS);
    expect(cut.headline.att).toBeCloseTo(whole.headline.att!, 10);
    expect(cut.headline.se).toBeCloseTo(whole.headline.se!, 10);
    expect(cut.nObs).toBeLessThan(whole.nObs);
  });

  it('gives the January 2018 means of participants and controls', () => {
    const m = preStartMeans(panel, 'y', monthCode(2018, 1));
    let st = 0;
    let sc = 0;
    for (let r = 0; r < panel.nRows; r++) {
      if (panel.rowTime[r] !== monthCode(2018, 1)) continue;
      if (mini.group[panel.rowUnit[r]] >= 0) st += panel.cols.y[r];
      else sc += panel.cols.y[r];
    }
    expect(m.nTreated).toBe(945);
    expect(m.nControl).toBe(600);
    expect(m.treated).toBeCloseTo(st / 945, 12);
    expect(m.control).toBeCloseTo(sc / 600, 12);
    expect(() => preStartMeans(panel, 'nope', 0)).toThrow(/no outcome column "nope"/);
  });
});
