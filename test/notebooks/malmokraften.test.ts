/**
 * notebooks/05-malmokraften.ipynb: runs headless without errors, shows every catalog id of
 * the chapter, its tables carry the library's numbers, and the main model's average effects
 * on wage income and social assistance recover truth.json within 2.5 standard errors.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStudy, monthCode, type Panel } from '../../src/data/index';
import { fitDid, type DidFit } from '../../src/models/did-grid';
import { malmoPanel, malmoStartGroups, MALMO_SETTINGS, pooledModels, preStartMeans, separateModels } from '../../src/models/malmokraften';
import { demographicsRows, malmoGroups } from '../../src/models/malmokraften-balance';
import type { ReportItem, ReportTable } from '../../src/report/model';
import { ITEM_MIME } from '../../src/report/model';
import { tTest } from '../../src/stats/ttest';
import { executeNotebookAsync, outputs, streamText, type ExecutedNotebook } from '../helpers/notebook';

const root = path.resolve(__dirname, '..', '..');
const NOTEBOOK = path.join(root, 'notebooks', '05-malmokraften.ipynb');
const IDS = [
  ...['b5', 'b6', 'b7', 'b8', 'b9', 'b10', 'b11', 'b12', 'b13', 'b14', 'b15', 'b16', 'b17'].map((t) => `r23-tab-${t}`),
  ...[7, 8, 9, 10, 11, 12, 13, 14, 15, 16].map((f) => `r23-fig-${f}`),
  ...['b3', 'b5', 'b6', 'b7', 'b8', 'b9', 'b10'].map((f) => `r23-fig-${f}`),
];

let run: ExecutedNotebook;
let items: ReportItem[];
let monthly: Panel;
const fits: Record<string, DidFit> = {};

const table = (id: string) => {
  const t = items.find((i) => i.kind === 'table' && i.id === id);
  if (!t) throw new Error(`no table ${id}`);
  return t as ReportTable;
};
const cell = (t: ReportTable, row: string, col: number) => {
  const r = t.rows.find((x) => x.key === row);
  if (!r) throw new Error(`no row ${row} in ${t.id}`);
  return r.cells[col];
};

beforeAll(async () => {
  run = await executeNotebookAsync(NOTEBOOK, 900);
  items = outputs(run)
    .map((o) => o.data?.[ITEM_MIME])
    .filter(Boolean) as ReportItem[];
  monthly = malmoPanel((await loadStudy('malmokraften')).panels.monthly);
  const groups = malmoStartGroups(monthly);
  const [m1, m2] = pooledModels(monthly, groups);
  const g3 = separateModels(monthly, groups)[2];
  fits.wage = fitDid(monthly, m1, 'wage_kr', MALMO_SETTINGS);
  fits.assistance = fitDid(monthly, m1, 'social_assistance', MALMO_SETTINGS);
  fits.wageM2 = fitDid(monthly, m2, 'wage_kr', MALMO_SETTINGS);
  fits.wageG3 = fitDid(monthly, g3, 'wage_kr', MALMO_SETTINGS);
}, 1_200_000);

describe('05-malmokraften notebook', () => {
  it('executes without error output', () => {
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    expect(outputs(run).filter((o) => o.output_type === 'error')).toEqual([]);
    expect(streamText(run, 'stderr')).toBe('');
  });

  it('shows every catalog id of the chapter', () => {
    const ids = items.flatMap((i) => (i.kind === 'text' ? [] : [i.id]));
    for (const id of IDS) expect(ids).toContain(id);
  });

  it('prints its own timings for loading and each model block', () => {
    expect(streamText(run)).toMatch(/Timings \(ms, wall \/ CPU[\s\S]*load[\s\S]*models \(1\)–\(3\)[\s\S]*models \(4\)[\s\S]*total/);
  });

  it('Table B15: the columns are the library\'s fits', () => {
    const t = table('r23-tab-b15');
    expect(cell(t, 'overall', 0).value).toBe(fits.wage.headline.att);
    expect(cell(t, 'overall', 0).se).toBe(fits.wage.headline.se);
    expect(cell(t, 'naive', 0).value).toBe(fits.wage.simple.att);
    expect(cell(t, 'overall', 1).value).toBe(fits.wageM2.headline.att);
    expect(cell(t, 'G3', 3).value).toBe(fits.wageG3.headline.att);
    // No size rule: the small G3 is in the main model, "a" only where the engine cannot estimate it.
    const g3 = fits.wage.group.by.find((b) => b.e === malmoStartGroups(monthly)[2].start);
    expect(cell(t, 'G3', 0).value).toBe(g3?.att ?? null);
    expect(cell(t, 'G3', 0).na?.en).toBe(g3 && g3.att !== null ? undefined : 'a');
    expect(cell(t, 'observations', 0).value).toBe(fits.wage.nObs);
    expect(cell(t, 'observations', 3).value).toBe(fits.wage.nObs); // R23: column 4 = column 1
    const means = preStartMeans(monthly, 'wage_kr', monthCode(2018, 1));
    expect(cell(t, 'mean_mk', 0).value).toBeCloseTo(means.treated, 9);
    expect(cell(t, 'mean_k', 0).value).toBeCloseTo(means.control, 9);
  });

  it('Table B16: the main model\'s average and groups', () => {
    const t = table('r23-tab-b16');
    expect(cell(t, 'overall', 0).value).toBe(fits.assistance.headline.att);
    const g1 = fits.assistance.group.by[0];
    expect(cell(t, 'G1', 0).value).toBe(g1.att);
  });

  it('Table B5: means and t statistics', () => {
    const t = table('r23-tab-b5');
    const { treated, control } = malmoGroups(monthly);
    const age = demographicsRows(monthly).find((r) => r.key === 'age')!;
    if (age.kind !== 'variable') throw new Error('age');
    expect(cell(t, 'age', 5).value).toBeCloseTo(-tTest(age.values, treated, control).t.value!, 9);
  });

  it('recovers the truth for wage income and social assistance (main model) within 2.5 SE', () => {
    const truth = JSON.parse(fs.readFileSync(path.join(root, 'data-synthetic', 'out', 'malmokraften', 'truth.json'), 'utf8'));
    for (const [key, outcome] of [['r23-tab-b15', 'wage_kr'], ['r23-tab-b16', 'social_assistance']] as const) {
      const c = cell(table(key), 'overall', 0);
      // Every start group is in the main model (G3 too), so its estimand is the overall truth.
      const target = truth.outcomes[outcome].overall;
      const z = (c.value! - target) / c.se!;
      expect(Math.abs(z), `${outcome}: estimate ${c.value} (SE ${c.se}), truth ${target}`).toBeLessThan(2.5);
    }
  });
  it('shows the Rambachan-Roth sensitivity of earned income (sens-malmo-…) with the numbers of the engine called here', async () => {
    const { sensitivityFits, fitSensitivity, MALMO_SENSITIVITY, R23_SENSITIVITY_OUTCOMES } = await import('../../src/models/sensitivity');
    const m1 = pooledModels(monthly, malmoStartGroups(monthly)).find((m) => m.key === 'm1')!;
    const [fit] = sensitivityFits(monthly, R23_SENSITIVITY_OUTCOMES, MALMO_SENSITIVITY, m1, MALMO_SETTINGS);
    const r = await fitSensitivity(fit);
    const t = table('sens-malmo-wage-kr');
    expect(cell(t, 'original', 0).value).toBe(r.original.lb);
    expect(cell(t, 'original', 1).value).toBe(r.original.ub);
    r.rm.forEach((x) => expect(cell(t, `rm_${x.mbar}`, 1).value).toBe(x.ub));
    expect(items.some((i) => i.kind === 'figure' && i.id === 'sens-malmo-wage-kr-fig')).toBe(true);
    expect(items.some((i) => i.kind === 'text' && /brytvärde/.test(i.markdown.sv) && /breakdown/.test(i.markdown.en))).toBe(true);
  }, 300_000);
});
