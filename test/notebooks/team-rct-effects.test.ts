/**
 * notebooks/03-team-rct-effects.ipynb under the real tslab kernel: runs without errors,
 * shows R24 Tables 1–9, B8–B16 and Figures 2–7, its numbers are the engine's computed here
 * directly, and on synthetic data the headline effects recover truth.json.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { formatMonth, loadStudy, restrictPeriods, selectUnits, type Panel, type Study } from '../../src/data/index';
import { startGroups } from '../../src/data/schemas/team-rct';
import { aggte, attgtPanel } from '../../src/estimate/index';
import { fitGrid, gridFit, type DidGrid } from '../../src/models/did-grid';
import { START_GROUP_COLUMN, TEAM_RCT_COVARIATES, TEAM_RCT_FIGURES_2019, TEAM_RCT_MODELS, TEAM_RCT_SETTINGS, TEAM_RCT_SETTINGS_2019, teamRctPanel } from '../../src/models/team-rct';
import { readTeamRctTruth, truthEventMean, truthSample, type TeamRctTruth } from '../../src/models/team-rct-truth';
import { tableNumbers } from '../../src/report/numbers';
import { tableValues } from '../helpers/table-values';
import { teamRctEventFigures } from '../../src/figures/team-rct-event-studies';
import { TEAM_RCT_OUTCOMES, teamRctBeforeAfterTables, teamRctEffectTables } from '../../src/tables/team-rct-effects';
import { executeNotebookAsync, type ExecutedNotebook } from '../helpers/notebook';
import { ensureTeamRctData, errorOutputs, notebookPath, shownItems, type ShownItems } from './team-rct-helpers';

let nb: ExecutedNotebook;
let shown: ShownItems;
let study: Study;
let panel: Panel;
let grid: DidGrid;
let grid2019: DidGrid;
let truth: TeamRctTruth | null;

beforeAll(async () => {
  const dir = await ensureTeamRctData();
  nb = await executeNotebookAsync(notebookPath('03-team-rct-effects.ipynb'));
  shown = shownItems(nb);
  study = await loadStudy('team-rct', dir);
  panel = teamRctPanel(study).panel;
  grid = fitGrid(panel, TEAM_RCT_MODELS, TEAM_RCT_OUTCOMES, TEAM_RCT_SETTINGS);
  grid2019 = fitGrid(panel, [TEAM_RCT_FIGURES_2019.model], TEAM_RCT_FIGURES_2019.outcomes, TEAM_RCT_SETTINGS_2019);
  truth = readTeamRctTruth(dir);
}, 900_000);

const cell = (id: string, row: string, column: string) => {
  // Full precision (numbers.json rounds to the printed digits).
  const rec = tableValues(shown.tables.get(id)!).find((r) => r.row === row && r.column === column);
  if (!rec) throw new Error(`${id}: no cell ${row} / ${column}`);
  return rec;
};

const TABLES = [...Array.from({ length: 9 }, (_, i) => `r24-tab-${i + 1}`), ...Array.from({ length: 9 }, (_, i) => `r24-tab-b${i + 8}`)];
const FIGURES = Array.from({ length: 6 }, (_, i) => `r24-fig-${i + 2}`);
/** The effects R24 leads with (Tables 1, 2, 3, 5, 6, 9). */
const HEADLINE = ['wage_kr', 'subsidised_or_newstart', 'mis_studies', 'social_assistance_kr', 'social_assistance', 'sickness_benefit_net_days', 'public_support'];

describe('03-team-rct-effects notebook', () => {
  it('executes headless without error output', () => {
    expect(nb.status, nb.stderr.slice(-2000)).toBe(0);
    expect(errorOutputs(nb)).toEqual([]);
  });

  it('shows Tables 1–9, B8–B16 and Figures 2–7 under their catalog ids, with the five model columns', () => {
    // sens-… items (the Rambachan-Roth section at the end) are checked in their own test below
    const catalogIds = (ids: Iterable<string>) => [...ids].filter((id) => !id.startsWith('sens-'));
    expect(catalogIds(shown.tables.keys()).sort()).toEqual([...TABLES].sort());
    expect(catalogIds(shown.figures.keys()).sort()).toEqual(FIGURES);
    for (const t of shown.tables.values()) if (!t.id.startsWith('sens-')) expect(t.columns.map((c) => c.key)).toEqual(['m1', 'm2', 'm3', 'men', 'women']);
    for (const t of shown.texts) expect(t.markdown.en).not.toMatch(/NaN|undefined|null/);
  });

  it('has every table number and figure of the builders on a grid computed here', () => {
    for (const t of [...teamRctEffectTables(grid), ...teamRctBeforeAfterTables(grid)]) {
      expect(tableNumbers(shown.tables.get(t.id)!), t.id).toEqual(tableNumbers(t));
    }
    for (const f of teamRctEventFigures(grid, 'm1', grid2019)) expect(shown.figures.get(f.id)!.plotly.sv.data, f.id).toEqual(JSON.parse(JSON.stringify(f.plotly.sv.data)));
  });

  it('matches the engine called directly: Models 1 and 3, men, observations, before/after', () => {
    const m1 = restrictPeriods(panel, '2015-01', '2024-04');
    const spec = { y: 'wage_kr', group: START_GROUP_COLUMN, control: 'notyet' as const, method: 'dr' as const, base: 'varying' as const };
    const r1 = attgtPanel(m1, spec);
    expect(cell('r24-tab-1', 'wage_kr', 'm1').value).toBe(aggte(r1, { type: 'group', naRm: true }).att);
    expect(cell('r24-tab-1', 'wage_kr', 'm1').se).toBe(aggte(r1, { type: 'group', naRm: true }).se);
    expect(cell('r24-tab-1', 'observations', 'm1').value).toBe(r1.nObs);
    const dyn = aggte(r1, { type: 'dynamic', minE: -40, maxE: 20, naRm: true });
    expect(cell('r24-tab-b8', 'wage_kr_before', 'm1').value).toBe(dyn.pre!.att);
    expect(cell('r24-tab-b8', 'wage_kr_after', 'm1').value).toBe(dyn.post!.att);
    // Model 3 leaves out the persons without a recorded education (TEAM_RCT_SPEC.missingCovariates = 'drop').
    const withEdu = selectUnits(m1, (u, p) => p.levels.education[p.unitCols.education[u]] !== 'missing');
    expect(withEdu.nUnits).toBeLessThan(m1.nUnits);
    const r3 = attgtPanel(withEdu, { ...spec, y: 'public_support', covariates: [...TEAM_RCT_COVARIATES] });
    expect(cell('r24-tab-9', 'observations', 'm3').value).toBe(r3.nObs);
    expect(cell('r24-tab-9', 'public_support', 'm3').value).toBe(aggte(r3, { type: 'group', naRm: true }).att);
    const men = attgtPanel(selectUnits(m1, (u, p) => p.unitCols.woman[u] === 0), { ...spec, y: 'social_assistance_kr' });
    expect(cell('r24-tab-5', 'social_assistance_kr', 'men').value).toBe(aggte(men, { type: 'group', naRm: true }).att);
    expect(cell('r24-tab-5', 'observations', 'men').value).toBe(men.nObs);
    // R24 Figure 3 is measured from January 2019 on −20..+20 months; Figure 2 is Model 1 on −40..+20.
    const fig3 = shown.figures.get('r24-fig-3')!.plotly.sv.data as { x: number[] }[];
    expect(Math.min(...fig3.flatMap((t) => t.x))).toBe(-20);
    const fig2 = shown.figures.get('r24-fig-2')!.plotly.sv.data as { x: number[] }[];
    expect(Math.min(...fig2.flatMap((t) => t.x))).toBe(-40);
    expect(shown.figures.get('r24-fig-3')!.notes[0].sv).toMatch(/20 månader före till 20 månader efter första mötet, mätt januari 2019–april 2024/);
    // The last start group only serves as comparison: eight groups get effects.
    expect(r1.groupSizes.length).toBe(8);
  });

  it('uses the start groups the generator defined its truth with', () => {
    if (!truth) return;
    const g = startGroups(study.panels.monthly.unitCols.first_meeting_month);
    expect(Array.from(g.groupStart, (s, i) => ({ start: formatMonth(s), size: g.size[i] }))).toEqual(truth.start_groups);
  });

  it('recovers the true headline effects within 2.5 standard errors (Models 1 and 3)', () => {
    if (!truth) return;
    for (const m of ['m1', 'm3']) {
      for (const y of HEADLINE) {
        const h = gridFit(grid, m, y).headline;
        const t = truth.outcomes[y].all.overall;
        expect(Math.abs(h.att! - t), `${m} ${y}: ${h.att} vs ${t} (SE ${h.se})`).toBeLessThanOrEqual(2.5 * h.se!);
      }
    }
  });

  it('covers the truth at about the nominal rate over all outcomes and samples, and the pre-period averages cover zero', () => {
    if (!truth) return;
    let n = 0;
    let inside = 0;
    let nAfter = 0;
    let insideAfter = 0;
    for (const m of ['m1', 'men', 'women']) {
      for (const y of TEAM_RCT_OUTCOMES) {
        const o = truth.outcomes[y][truthSample(m)];
        const f = gridFit(grid, m, y);
        n++;
        if (Math.abs(f.headline.att! - o.overall) <= 1.96 * f.headline.se!) inside++;
        nAfter++;
        if (Math.abs(f.dynamic.post!.att! - truthEventMean(o, 0, 20)) <= 1.96 * f.dynamic.post!.se!) insideAfter++;
      }
    }
    expect(inside / n).toBeGreaterThanOrEqual(0.85);
    expect(insideAfter / nAfter).toBeGreaterThanOrEqual(0.85);
    let nPre = 0;
    let insidePre = 0;
    for (const m of TEAM_RCT_MODELS)
      for (const y of TEAM_RCT_OUTCOMES) {
        const pre = gridFit(grid, m.key, y).dynamic.pre!;
        nPre++;
        if (Math.abs(pre.att!) <= 1.96 * pre.se!) insidePre++;
      }
    expect(insidePre / nPre).toBeGreaterThanOrEqual(0.85);
  });
  it('shows the Rambachan-Roth sensitivity (sens-…) of the five headline outcomes with the numbers of the engine called here', async () => {
    const { sensitivityFits, fitSensitivity, sensitivityOutcome, TEAM_RCT_SENSITIVITY, R24_SENSITIVITY_OUTCOMES } = await import('../../src/models/sensitivity');
    const fits = sensitivityFits(panel, R24_SENSITIVITY_OUTCOMES, TEAM_RCT_SENSITIVITY);
    for (const fit of fits) {
      const slug = sensitivityOutcome(fit.outcome).slug;
      const t = shown.tables.get(`sens-team-${slug}`);
      expect(t, slug).toBeDefined();
      expect(shown.figures.get(`sens-team-${slug}-fig`), slug).toBeDefined();
      const r = await fitSensitivity(fit);
      // the item's own cells (numbers.json rounds to the printed precision)
      const num = (row: string, col: string) => t!.rows.find((x) => x.key === row)?.cells[col === 'lb' ? 0 : 1].value;
      expect(num('original', 'lb')).toBe(r.original.lb);
      expect(num('original', 'ub')).toBe(r.original.ub);
      r.rm.forEach((x) => expect(num(`rm_${x.mbar}`, 'ub')).toBe(x.ub));
      r.sd.forEach((x) => expect(num(`sd_${x.m}`, 'lb')).toBe(x.lb));
    }
    const sentences = shown.texts.filter((t) => /M̄/.test(t.markdown.en) && /breakdown|no breakdown/.test(t.markdown.en));
    expect(sentences.length).toBe(R24_SENSITIVITY_OUTCOMES.length);
    for (const t of sentences) expect(t.markdown.sv).toMatch(/brytvärde/);
  }, 300_000);
});
