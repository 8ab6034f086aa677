import { beforeAll, describe, expect, it } from 'vitest';
import { monthCode } from '../../src/data/panel';
import { STARS_R23, starsFor } from '../../src/format/index';
import { fitGrid, gridFit, type DidGrid } from '../../src/models/did-grid';
import {
  malmoPanel,
  malmoStartGroups,
  MALMO_SETTINGS,
  MALMO_YEARLY_SETTINGS,
  pooledModels,
  preStartMeans,
  separateKey,
  separateModels,
  yearlyModels,
  type MalmoStartGroup,
} from '../../src/models/malmokraften';
import type { Panel } from '../../src/data/panel';
import { checkItem } from '../../src/report/validate';
import { pValueNormal } from '../../src/stats/distributions';
import { malmoEffectTable, malmoOutcomeColumnsTable, pooledGroupValue } from '../../src/tables/malmo-effects';
import { MINI_MONTHS, miniMalmo } from './malmo-helpers';

const L = (s: string) => ({ sv: s, en: s });
let panel: Panel;
let groups: MalmoStartGroup[];
let grid: DidGrid;

beforeAll(() => {
  panel = malmoPanel(miniMalmo({ seed: 8, sizes: [250, 220, 40, 210, 205], controls: 500, ...MINI_MONTHS }).panel);
  groups = malmoStartGroups(panel);
  grid = fitGrid(panel, [...pooledModels(panel, groups), ...separateModels(panel, groups)], ['y', 'y01'], MALMO_SETTINGS);
});

describe('malmoEffectTable (R23 B12–B16)', () => {
  const build = () =>
    malmoEffectTable({ id: 'x-b12', title: L('t'), outcome: 'y', unit: 'indicator', grid, groups, means: preStartMeans(panel, 'y', monthCode(2018, 1)) });

  it('has R23\'s rows and columns and is a valid item', () => {
    const t = build();
    checkItem(t);
    expect(t.columns.map((c) => c.key)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(t.rows.map((r) => r.key)).toEqual(['overall', 'naive', 'G1', 'G2', 'G3', 'G4', 'G5', 'mean_mk', 'mean_k', 'observations']);
  });

  it('takes the average, naive ATT and group rows from the fits, with R23 stars', () => {
    const t = build();
    for (const [j, m] of ['m1', 'm2', 'm3'].entries()) {
      const f = gridFit(grid, m, 'y');
      const overall = t.rows[0].cells[j];
      expect(overall.value).toBe(f.headline.att);
      expect(overall.se).toBe(f.headline.se);
      expect(overall.stars).toBe(starsFor(pValueNormal(f.headline.att!, f.headline.se!), STARS_R23));
      expect(t.rows[1].cells[j].value).toBe(f.simple.att);
      expect(t.rows[3].cells[j].value).toBe(f.group.by.find((b) => b.e === groups[1].start)!.att);
      expect(t.rows[9].cells[j].value).toBe(f.nObs);
    }
  });

  it('estimates the small group G3 in every column: no size rule, so no "a" when the engine estimates it (R23 B14)', () => {
    const t = build();
    const g3 = t.rows[4];
    for (const [j, m] of ['m1', 'm2', 'm3'].entries()) expect(g3.cells[j].value).toBe(gridFit(grid, m, 'y').group.by.find((b) => b.e === groups[2].start)!.att);
    expect(g3.cells[3].value).toBe(gridFit(grid, separateKey('G3'), 'y').headline.att);
    expect(t.notes.some((n) => /^a means/.test(n.en))).toBe(false);
  });

  it('prints R23\'s "a" with its note only where a group\'s effect could not be estimated', () => {
    const f = gridFit(grid, 'm1', 'y');
    const g3 = groups[2];
    const broken = { ...f, group: { ...f.group, by: f.group.by.map((b) => (b.e === g3.start ? { ...b, att: null, se: null, lower: null, upper: null } : b)) } };
    expect(pooledGroupValue(broken, g3)).toMatchObject({ estimate: null, na: { sv: 'a', en: 'a' } });
    expect(pooledGroupValue(f, g3).estimate).not.toBeNull();
    const fits = { ...grid.fits, m2: { ...grid.fits.m2, y: broken } };
    const t = malmoEffectTable({ id: 'x-b12', title: L('t'), outcome: 'y', unit: 'indicator', grid: { ...grid, fits }, groups, means: preStartMeans(panel, 'y', monthCode(2018, 1)) });
    expect(t.rows[4].cells[1]).toMatchObject({ value: null, na: { sv: 'a', en: 'a' } });
    expect(t.rows[4].cells[0].value).not.toBeNull();
    expect(t.notes.find((n) => /^a means/.test(n.en))!.en).toMatch(/too few observations in the group \(G3\)/);
  });

  it('leaves (4) empty in the average rows, spans the means and gives (4) the observations of (1), as R23 does', () => {
    const t = build();
    expect(t.rows[0].cells[3]).toEqual({ value: null });
    expect(t.rows[1].cells[3]).toEqual({ value: null });
    const means = preStartMeans(panel, 'y', monthCode(2018, 1));
    expect(t.rows[7].cells).toEqual([{ value: means.treated, format: { decimals: 3 }, n: means.nTreated, span: 4 }]);
    expect(t.rows[8].cells[0].value).toBe(means.control);
    expect(t.rows[9].cells[3].value).toBe(gridFit(grid, 'm1', 'y').nObs);
  });
});

describe('malmoOutcomeColumnsTable (R23 B17)', () => {
  it('puts outcomes in columns, groups of yearly outcomes from their own models, a mean per column', () => {
    const yearly = malmoPanel(miniMalmo({ seed: 9, sizes: [250, 220, 40, 210, 205], controls: 500, from: 2015, to: 2020, yearly: true }).panel);
    const yGroups = malmoStartGroups(yearly);
    const yGrid = fitGrid(yearly, yearlyModels(yearly, yGroups), ['y'], MALMO_YEARLY_SETTINGS);
    const monthlyFit = gridFit(grid, 'm1', 'y01');
    const t = malmoOutcomeColumnsTable({
      id: 'x-b17',
      title: L('t'),
      groups,
      columns: [
        { key: 'monthly', label: L('(1)'), unit: 'indicator', main: monthlyFit, means: preStartMeans(panel, 'y01', monthCode(2018, 1)) },
        { key: 'yearly', label: L('(2)'), unit: 'share', main: gridFit(yGrid, 'm1', 'y'), byGroup: (g) => gridFit(yGrid, separateKey(g.code), 'y'), means: preStartMeans(yearly, 'y', 2017) },
      ],
    });
    checkItem(t);
    expect(t.rows[0].cells[1].value).toBe(gridFit(yGrid, 'm1', 'y').headline.att);
    expect(t.rows[2].cells[1].value).toBe(gridFit(yGrid, separateKey('G1'), 'y').headline.att);
    expect(t.rows[2].cells[0].value).toBe(monthlyFit.group.by.find((b) => b.e === groups[0].start)!.att);
    expect(t.rows[4].cells.map((c) => c.na?.en)).toEqual([undefined, undefined]);
    expect(t.rows[4].cells[1].value).toBe(gridFit(yGrid, separateKey('G3'), 'y').headline.att);
    expect(t.rows[7].cells).toHaveLength(2);
    expect(t.rows[7].cells[1].value).toBe(preStartMeans(yearly, 'y', 2017).treated);
  });
});
