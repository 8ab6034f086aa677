import { describe, expect, it } from 'vitest';
import { aggte, attgtPanel } from '../../src/estimate/index';
import { STARS_R23, STARS_R24 } from '../../src/format/stars';
import { fitGrid, gridFit, type DidModel, type DidSettings } from '../../src/models/did-grid';
import { formatCellInline } from '../../src/format/cell';
import { checkItem } from '../../src/report/validate';
import { tableNumbers } from '../../src/report/numbers';
import { shownValue } from '../../src/format/number';
import { pValueNormal } from '../../src/stats/distributions';
import { beforeAfterTableFromGrid } from '../../src/tables/before-after-table';
import { effectTable, effectTableFromGrid, NOT_ESTIMABLE, PICK } from '../../src/tables/effect-table';
import { simulatedPanel } from './helpers';

const cols = [
  { key: 'a', label: { sv: 'A', en: 'A' } },
  { key: 'b', label: { sv: 'B', en: 'B' } },
];
const est = (att: number, se: number) => ({ att, se, lower: att - 1.96 * se, upper: att + 1.96 * se });

describe('effectTable', () => {
  const table = effectTable({
    id: 'x-tab',
    title: { sv: 'T', en: 'T' },
    columns: cols,
    stars: STARS_R24,
    notes: [{ sv: 'Not.', en: 'Note.' }],
    rows: [
      { kind: 'header', key: 'h', label: { sv: 'Rubrik', en: 'Heading' } },
      { kind: 'effect', key: 'kr', label: { sv: 'Kronor', en: 'Kronor' }, unit: 'kr', cells: [{ estimate: est(1014.2, 267.5), n: 541 }, { estimate: est(763.3, 466.1), n: 221 }] },
      { kind: 'effect', key: 'ind', label: { sv: 'Indikator', en: 'Indicator' }, unit: 'indicator', cells: [{ estimate: est(0.0172, 0.00623) }, { estimate: null }] },
      { kind: 'value', key: 'mean', label: { sv: 'Medel', en: 'Mean' }, format: { decimals: 1 }, values: [12.34, null] },
      { kind: 'count', key: 'observations', label: { sv: 'Observationer', en: 'Observations' }, values: [35221, 12578] },
    ],
  });

  it('prints estimate, stars from the normal p-value and the SE in parentheses, one format per row', () => {
    checkItem(table);
    const kr = table.rows[1].cells;
    expect(formatCellInline(kr[0], 'sv')).toBe('1\u00a0014,2*** (267,5)');
    expect(formatCellInline(kr[1], 'en')).toBe('763.3 (466.1)');
    expect(kr[0].p).toBeCloseTo(pValueNormal(1014.2, 267.5), 15);
    expect(kr[0].n).toBe(541);
    // Three significant digits of the row's smallest SE: 0.00623 -> 5 decimals.
    expect(formatCellInline(table.rows[2].cells[0], 'sv')).toBe('0,01720** (0,00623)');
  });

  it('marks a missing estimate as not estimable and keeps value and count rows', () => {
    expect(table.rows[2].cells[1]).toMatchObject({ value: null, na: NOT_ESTIMABLE });
    expect(formatCellInline(table.rows[3].cells[0], 'en')).toBe('12.3');
    expect(table.rows[3].cells[1].value).toBeNull();
    expect(formatCellInline(table.rows[4].cells[0], 'sv')).toBe('35\u00a0221');
    expect(table.rows[0].header).toBe(true);
  });

  it('ends the notes with the SE sentence and the star rule of the table', () => {
    expect(table.notes[0].en).toBe('Note.');
    expect(table.notes[1].sv).toBe('Standardfel inom parentes. * p < 0,05, ** p < 0,01, *** p < 0,001.');
    const r23 = effectTable({ id: 'y', title: { sv: '', en: '' }, columns: cols.slice(0, 1), stars: STARS_R23, rows: [{ kind: 'effect', key: 'e', label: { sv: 'e', en: 'e' }, unit: 'kr', cells: [{ estimate: est(1, 0.5) }] }] });
    // z = 2, p = 0.0455: one star under R24, two under R23.
    expect(r23.rows[0].cells[0].stars).toBe('**');
    expect(r23.notes.at(-1)!.en).toContain('** p < 0.05, *** p < 0.01');
  });

  it('rejects a row whose cells do not match the columns', () => {
    expect(() =>
      effectTable({ id: 'z', title: { sv: '', en: '' }, columns: cols, stars: STARS_R24, rows: [{ kind: 'count', key: 'c', label: { sv: '', en: '' }, values: [1] }] }),
    ).toThrow(/row "c" has 1 cells, the table has 2 columns/);
  });
});

describe('effect tables from a grid of models x outcomes', () => {
  const panel = simulatedPanel();
  const settings: DidSettings = { group: 'g', event: { minE: -4, maxE: 3 }, options: { control: 'notyet', method: 'dr' } };
  const models: DidModel[] = [
    { key: 'all', label: { sv: 'Alla', en: 'All' } },
    { key: 'late', label: { sv: 'Från period 3', en: 'From period 3' }, from: 3 },
    { key: 'men', label: { sv: 'Män', en: 'Men' }, units: (u, p) => p.unitCols.woman[u] === 0 },
  ];
  const grid = fitGrid(panel, models, ['y', 'x'], settings);

  it('fits each model once per outcome, with the engine results of the cut panel', () => {
    const direct = attgtPanel(panel, { y: 'y', group: 'g', control: 'notyet', method: 'dr' });
    const fit = gridFit(grid, 'all', 'y');
    expect(fit.headline.att).toBe(aggte(direct, { type: 'group', naRm: true }).att);
    expect(fit.nObs).toBe(direct.nObs);
    // The last start group (11) only serves as comparison.
    expect(fit.groupSizes.map((g) => g.group)).toEqual([5, 7, 9]);
    expect(gridFit(grid, 'men', 'y').n).toBe(panel.unitCols.woman.filter((w) => w === 0).length);
    // Periods 1 and 2 cut: two person-periods fewer per person.
    expect(gridFit(grid, 'late', 'y').nObs).toBe(direct.nObs - 2 * direct.n);
    expect(() => gridFit(grid, 'none', 'y')).toThrow(/no model "none"/);
  });

  it('recovers the simulated effect with the headline', () => {
    const h = gridFit(grid, 'all', 'y').headline;
    expect(Math.abs(h.att! - 2)).toBeLessThan(2.5 * h.se!);
  });

  it('puts each fit in its cell and the engine nObs in the observations row', () => {
    const t = effectTableFromGrid({
      id: 't-1',
      title: { sv: 'Test', en: 'Test' },
      grid,
      stars: STARS_R24,
      rows: [
        { header: true, key: 'h', label: { sv: 'H', en: 'H' } },
        { label: { sv: 'Y', en: 'Y' }, outcome: 'y', unit: 'kr' },
        { label: { sv: 'X', en: 'X' }, outcome: 'x', unit: 'indicator' },
        { key: 'y_g7', label: { sv: 'Grupp 7', en: 'Group 7' }, outcome: 'y', unit: 'kr', pick: PICK.group(7) },
      ],
    });
    checkItem(t);
    expect(t.columns.map((c) => c.key)).toEqual(['all', 'late', 'men']);
    const nums = tableNumbers(t);
    // numbers.json carries the value at the precision the row prints it.
    const fmt = (row: string) => t.rows.find((r) => r.key === row)!.cells[0].format;
    for (const m of ['all', 'late', 'men']) {
      const fit = gridFit(grid, m, 'y');
      expect(nums.find((r) => r.row === 'y' && r.column === m)).toMatchObject({ value: shownValue(fit.headline.att!, fmt('y')), se: shownValue(fit.headline.se!, fmt('y')) });
      expect(nums.find((r) => r.row === 'x' && r.column === m)!.value).toBe(shownValue(gridFit(grid, m, 'x').headline.att!, fmt('x')));
      expect(nums.find((r) => r.row === 'observations' && r.column === m)!.value).toBe(fit.nObs);
      const g7 = fit.group.by.find((b) => b.e === 7)!;
      expect(nums.find((r) => r.row === 'y_g7' && r.column === m)!.value).toBe(shownValue(g7.att!, fmt('y_g7')));
    }
    expect(t.rows[3].cells[0].n).toBe(gridFit(grid, 'all', 'y').group.by.find((b) => b.e === 7)!.n);
  });

  it('columnLabels replace the models\' labels by key (e.g. the months measured); other columns keep theirs', () => {
    const lab = { sv: 'Alla, period 3–12', en: 'All, periods 3–12' };
    const t = effectTableFromGrid({ id: 't-2', title: { sv: 'T', en: 'T' }, grid, stars: STARS_R24, columnLabels: { all: lab }, rows: [{ label: { sv: 'Y', en: 'Y' }, outcome: 'y', unit: 'kr' }] });
    expect(t.columns[0].label).toEqual(lab);
    expect(t.columns[1].label).toEqual(grid.models.find((m) => m.key === 'late')!.label);
    const b = beforeAfterTableFromGrid({ id: 't-3', title: { sv: 'B', en: 'B' }, grid, stars: STARS_R24, models: ['all'], columnLabels: { all: lab }, rows: [{ label: { sv: 'Y', en: 'Y' }, outcome: 'y', unit: 'kr' }] });
    expect(b.columns[0].label).toEqual(lab);
  });

  it('builds the before/after variant from the dynamic aggregation over the window', () => {
    const t = beforeAfterTableFromGrid({ id: 't-b', title: { sv: 'B', en: 'B' }, grid, stars: STARS_R24, models: ['men', 'all'], rows: [{ label: { sv: 'Y', en: 'Y' }, outcome: 'y', unit: 'kr' }] });
    checkItem(t);
    expect(t.rows.map((r) => r.key)).toEqual(['y_before', 'y_after', 'observations']);
    expect(t.rows[0].label).toEqual({ sv: 'Y (före)', en: 'Y (before)' });
    const fit = gridFit(grid, 'men', 'y');
    expect(t.rows[0].cells[0].value).toBe(fit.dynamic.pre!.att);
    expect(t.rows[1].cells[1].value).toBe(gridFit(grid, 'all', 'y').dynamic.post!.att);
    // "after" is the mean of the event-time effects 0..maxE.
    const post = fit.dynamic.by.filter((b) => b.e >= 0 && b.e <= 3).map((b) => b.att!);
    expect(fit.dynamic.post!.att).toBeCloseTo(post.reduce((a, b) => a + b, 0) / post.length, 12);
    expect(t.notes.some((n) => n.en.includes('from 4 months to 1 month before'))).toBe(true);
  });
});
