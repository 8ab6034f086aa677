/**
 * notebooks/06-method.ipynb (the method appendix): runs headless without errors, shows its
 * method-* items, the example's table carries exactly the numbers the library computes for
 * the notebook's parameters (the Goodman-Bacon sum reproduces the TWFE coefficient), and
 * the Monte Carlo tables lie within plausible Monte Carlo bounds of what theory says.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventTime } from '../../src/data/index';
import { monthCode } from '../../src/data/panel';
import { aggte, attgtPanel } from '../../src/estimate/index';
import { Rng } from '../../src/random/rng';
import { ITEM_MIME, type ReportFigure, type ReportItem, type ReportTable } from '../../src/report/model';
import { tableNumbers } from '../../src/report/numbers';
import { tableValues } from '../helpers/table-values';
import { sampleTruth } from '../../src/simulate/sample-truth';
import { DEFAULT_DESIGN, simulateStaggered } from '../../src/simulate/staggered';
import { exampleDesign } from '../../src/simulate/teaching-example';
import { eventRows } from '../../src/simulate/event-rows';
import { imputation, sunAbraham } from '../../src/estimate/index';
import { idProblem, readCatalogIds, readExtraIds } from '../../src/report/ids';
import { baconDecomposition } from '../../src/stats/bacon';
import { twfe } from '../../src/stats/twfe';
import { twfeBiasTable } from '../../src/tables/method-twfe-bias';
import { fewClustersExperiment } from '../../src/simulate/few-clusters';
import { formatNumber } from '../../src/format/index';
import { executeNotebookAsync, outputs, streamText, type ExecutedNotebook } from '../helpers/notebook';

const NOTEBOOK = path.resolve(__dirname, '..', '..', 'notebooks', '06-method.ipynb');

let run: ExecutedNotebook;
let items: ReportItem[];
const table = (id: string) => {
  const found = items.find((i) => i.kind === 'table' && i.id === id);
  if (!found) throw new Error(`no table ${id}`);
  return found as ReportTable;
};
/** A table's values (full precision; numbers.json rounds to the printed digits) as row → column → {value, se}. */
const numbers = (id: string) => {
  const out: Record<string, Record<string, { value: number | null; se?: number | null }>> = {};
  for (const n of tableValues(table(id))) (out[n.row] ??= {})[n.column] = { value: n.value, se: n.se };
  return out;
};

/** A parameter block of the notebook (`const NAME = { ... };`), evaluated as the notebook does. */
function notebookParameters(name: string): Record<string, any> {
  const nb = JSON.parse(fs.readFileSync(NOTEBOOK, 'utf8'));
  const source = nb.cells.map((c: { source: string | string[] }) => (Array.isArray(c.source) ? c.source.join('') : c.source)).join('\n');
  const m = new RegExp(`const ${name} = (\\{[\\s\\S]*?\\n\\});`).exec(source);
  if (!m) throw new Error(`no parameter block ${name} in the notebook`);
  // The blocks may use these two names from the notebook's imports.
  return new Function('monthCode', 'DEFAULT_DESIGN', `return (${m[1]});`)(monthCode, DEFAULT_DESIGN);
}

beforeAll(async () => {
  // Asynchronous: the notebook runs for about a minute, longer than vitest's worker RPC timeout.
  run = await executeNotebookAsync(NOTEBOOK, 400);
  items = outputs(run)
    .map((o) => o.data?.[ITEM_MIME])
    .filter(Boolean) as ReportItem[];
}, 500_000);

describe('06-method notebook', () => {
  it('executes without error output and shows the appendix items', () => {
    expect(run.status, run.stderr.slice(-2000)).toBe(0);
    expect(streamText(run, 'stderr')).toBe('');
    const ids = items.flatMap((i) => (i.kind === 'text' ? [] : [i.id]));
    // This chapter's items in this order (other sections, e.g. the sensitivity analysis, may sit between them).
    const mine = [
      'method-assumptions',
      'method-twfe-bias',
      'method-bacon',
      'method-bacon-types',
      'method-cs-recovery',
      'method-estimators',
      'method-anticipation',
      'method-dr-bias',
      'method-overlap',
      'method-coverage',
      'method-pretest-power',
      'method-power',
      'method-mde',
      'method-exercises',
      'method-glossary',
      'method-references',
    ];
    expect(ids.filter((id) => mine.includes(id))).toEqual(mine);
    expect(items.every((i) => i.kind !== 'text' || (i.markdown.sv.length > 0 && i.markdown.en.length > 0))).toBe(true);
    // Every id is a catalog id or a documented extra id (src/report/extra-ids.json).
    const root = path.resolve(__dirname, '..', '..');
    const extra = readExtraIds(root).ids;
    const catalog = readCatalogIds(root);
    for (const id of ids) expect(idProblem(id, catalog, extra)).toBeNull();
  });

  it('one term per concept: "standardfel", never "medelfel"; DR is "konsistent", not "väntevärdesriktig"', () => {
    const nb = JSON.parse(fs.readFileSync(NOTEBOOK, 'utf8'));
    const markdown = nb.cells.filter((c: { cell_type: string }) => c.cell_type === 'markdown').map((c: { source: string | string[] }) => (Array.isArray(c.source) ? c.source.join('') : c.source));
    const texts = items.flatMap((i) => (i.kind === 'text' ? [i.markdown.sv, i.markdown.en] : []));
    const tableLabels = items.flatMap((i) => (i.kind === 'table' && i.id !== 'method-glossary' ? [JSON.stringify(i.columns), JSON.stringify(i.notes), JSON.stringify(i.rows.map((r) => r.label))] : []));
    for (const t of [...markdown, ...texts, ...tableLabels]) {
      expect(t).not.toMatch(/medelfel/i);
      expect(t).not.toMatch(/väntevärdesriktig(?! i varje)/);
      expect(t).not.toMatch(/unbiased if/i);
    }
  });

  it('the example table is what the library computes for the notebook’s parameters; Bacon reproduces TWFE', () => {
    const E = notebookParameters('EXAMPLE');
    const design = exampleDesign(E as any);
    const p = simulateStaggered(design, new Rng(E.seed));
    const d = Float64Array.from(eventTime(p, 'g'), (e) => (e >= 0 ? 1 : 0));
    const rows = { y: p.cols.y, unit: p.rowUnit, time: p.rowTime };
    const tw = twfe({ ...rows, x: [d], names: ['treated'] }).coef[0];
    const bacon = baconDecomposition({ ...rows, d });
    const st = sampleTruth(design, p);
    const never = st.hasNever && E.control !== 'notyet';
    const cs = aggte(attgtPanel(p, { y: 'y', group: 'g', control: never ? 'never' : 'notyet' }), { type: 'simple' });
    const truth = st.simple;
    const cut = eventRows(p, { lastPeriod: st.lastPeriod });
    const sa = sunAbraham(cut, { control: st.hasNever ? 'never' : 'last' }).att;
    const bjs = imputation(cut).att;
    const label = { sv: '', en: '' };
    const direct = twfeBiasTable({
      truth,
      twfe: { est: tw.est.value, se: tw.se.value },
      bacon: bacon.estimate,
      cs: { est: cs.att, se: cs.se },
      csControl: never ? 'never' : 'notyet',
      others: [
        { key: 'sa', label, estimate: sa },
        { key: 'bjs', label, estimate: bjs },
      ],
      format: { decimals: 2 },
    });
    expect(tableNumbers(table('method-twfe-bias'))).toEqual(tableNumbers(direct));
    // Sun–Abraham and the imputation estimator recover the truth as CS does
    expect(Math.abs(sa.est - truth)).toBeLessThan(2.5 * sa.se);
    expect(Math.abs(bjs.est - truth)).toBeLessThan(2.5 * bjs.se);

    const shown = numbers('method-twfe-bias');
    const types = numbers('method-bacon-types');
    expect(Math.abs(shown.bacon.estimate.value! - shown.twfe.estimate.value!)).toBeLessThan(1e-10);
    expect(Math.abs(types.total.contribution.value! - shown.twfe.estimate.value!)).toBeLessThan(1e-10);
    expect(Math.abs(types.total.weight.value! - 1)).toBeLessThan(1e-10);
    // The teaching point holds for the default parameters: TWFE has the wrong sign, CS recovers the truth.
    expect(Math.sign(shown.twfe.estimate.value!)).toBe(-Math.sign(truth));
    expect(Math.abs(cs.att! - truth)).toBeLessThan(2.5 * cs.se!);
    // The scatter shows every comparison once.
    const fig = items.find((i) => i.kind === 'figure' && i.id === 'method-bacon') as ReportFigure;
    const points = (fig.plotly.en.data as { mode: string; x: number[] }[]).filter((t) => t.mode === 'markers').reduce((s, t) => s + t.x.length, 0);
    expect(points).toBe(bacon.comparisons.length);
  });

  it('coverage of the CS intervals is within Monte Carlo bounds of 95 % and SEs match the spread', () => {
    const C = notebookParameters('COVERAGE');
    expect(C.replications).toBeGreaterThanOrEqual(500);
    const cov = numbers('method-coverage');
    for (const key of ['dr', 'dr-boot', 'ipw', 'reg']) {
      const c = cov[key].coverage.value!;
      const mcse = Math.sqrt((0.95 * 0.05) / C.replications);
      expect(Math.abs(c - 0.95), `${key}: coverage ${c}`).toBeLessThan(3.5 * mcse);
      expect(cov[key].seRatio.value!).toBeGreaterThan(0.85);
      expect(cov[key].seRatio.value!).toBeLessThan(1.15);
      expect(Math.abs(cov[key].bias.value!)).toBeLessThan(3.5 * cov[key].bias.se!);
    }
    // Ignoring the confounder biases the estimate and the intervals miss.
    expect(cov['dr-nocov'].bias.value! / cov['dr-nocov'].bias.se!).toBeGreaterThan(5);
    expect(cov['dr-nocov'].coverage.value!).toBeLessThan(0.85);
  });

  it('TWFE in the coverage design: two biases of opposite sign, said so; the pre-test has little power and passing it does not restore coverage', () => {
    const texts = items.flatMap((i) => (i.kind === 'text' ? [i.markdown.en] : []));
    expect(texts.some((t) => /opposite signs and partly cancel/.test(t))).toBe(true);
    const pre = numbers('method-pretest-power');
    expect(pre.wald.reject.value!).toBeLessThan(0.5);
    expect(pre.wald.coverage.value!).toBeLessThan(0.85);
    expect(pre.none.coverage.value!).toBeLessThan(0.85);
  });

  it('anticipation: ignoring it biases CS, allowing for it does not', () => {
    const a = numbers('method-anticipation');
    const A = notebookParameters('ANTICIPATION');
    expect(a['never.d0'].bias.value! / a['never.d0'].bias.se!).toBeGreaterThan(5);
    expect(Math.abs(a[`never.d${A.anticipationPeriods}`].bias.value! / a[`never.d${A.anticipationPeriods}`].bias.se!)).toBeLessThan(3.5);
    expect(Math.abs(a[`notyet.d${A.anticipationPeriods}`].bias.value! / a[`notyet.d${A.anticipationPeriods}`].bias.se!)).toBeLessThan(3.5);
  });

  it('the estimators side by side: CS, Sun–Abraham and imputation cover the overall truth; the exercises have computed answers', () => {
    const es = numbers('method-estimators');
    const t = es.overall.truth.value!;
    for (const k of ['cs', 'sa', 'bjs']) expect(Math.abs(es.overall[k].value! - t), k).toBeLessThan(2.5 * es.overall[k].se!);
    const ex = table('method-exercises');
    expect(ex.rows.length).toBeGreaterThanOrEqual(6);
    for (const r of ex.rows) expect(r.cells[1].text!.en).toMatch(/\d/);
  });

  it('exercise 6: the few-clusters answer is fewClustersExperiment at the notebook parameters; person-level SEs far off, the WCR test at its level', () => {
    const E = notebookParameters('EXERCISES');
    const fc = fewClustersExperiment(E.clusters, { replications: E.clusterReplications, seed: E.seed + 1, draws: E.bootstrapDraws, weights: E.bootstrapWeights });
    const row = table('method-exercises').rows.find((r) => r.key === 'ex6')!;
    const pct = (x: number, lang: 'sv' | 'en') => formatNumber(x, lang, { decimals: 1, percent: true });
    for (const lang of ['sv', 'en'] as const) {
      const answer = row.cells[1].text![lang];
      for (const k of ['person', 'cluster', 'clusterT', 'wcr'] as const) expect(answer, k).toContain(pct(fc.rejection[k], lang));
      expect(answer).toContain('WCR');
    }
    // the sentence on t(G − 1) follows its rejection rate
    const tAtLevel = Math.abs(fc.rejection.clusterT - 0.05) <= 2 * fc.mcSe;
    expect(row.cells[1].text!.en.includes('critical value the clustered standard errors keep the level')).toBe(tAtLevel);
    expect(fc.enumerated).toBe(true);
    expect(fc.rejection.person).toBeGreaterThan(0.2);
    expect(fc.rejection.cluster).toBeGreaterThan(fc.rejection.wcr);
    expect(Math.abs(fc.rejection.wcr - 0.05)).toBeLessThan(3 * fc.mcSe);
  });

  it('DR is consistent when either working model is right; IPW and OR fail when theirs is wrong', () => {
    const dr = numbers('method-dr-bias');
    const z = (row: string) => dr[row].bias.value! / dr[row].bias.se!;
    for (const row of ['none.dr', 'propensity.dr', 'outcome.dr', 'none.reg', 'propensity.reg', 'outcome.ipw-std']) expect(Math.abs(z(row)), row).toBeLessThan(3.5);
    expect(z('propensity.ipw-std')).toBeLessThan(-5);
    expect(z('outcome.reg')).toBeLessThan(-5);
    expect(z('both.dr')).toBeLessThan(-5);
  });

  it('the power simulation has the right size, SEs that match the spread and consistent MDEs', () => {
    const P = notebookParameters('POWER');
    const mde = numbers('method-mde');
    const rows = Object.keys(mde);
    expect(rows).toEqual(P.followUps.map((f: number) => `f${f}`));
    const mc = (p: number) => 3.5 * Math.sqrt((p * (1 - p)) / P.replications);
    for (const r of rows) {
      expect(Math.abs(mde[r].size.value! - P.alpha), r).toBeLessThan(mc(P.alpha) + 0.01);
      // The simulated MDE is never much below the normal one (noisy SEs only lower the power).
      expect(mde[r].mdeSimulated.value! / mde[r].mde.value!, r).toBeGreaterThan(0.95);
      expect(mde[r].mdeSimulated.value! / mde[r].mde.value!, r).toBeLessThan(1.3);
      expect(mde[r].sd.value! / mde[r].meanSe.value!).toBeGreaterThan(0.8);
      expect(mde[r].sd.value! / mde[r].meanSe.value!).toBeLessThan(1.25);
      expect(mde[r].mdeFull.value!).toBeGreaterThanOrEqual(mde[r].mdeSimulated.value! - 1e-9);
    }
    expect(streamText(run)).toMatch(/shortcut check: largest deviation \d\.\d\de-\d+ kr/);
    const gap = Number(/shortcut check: largest deviation (\S+) kr/.exec(streamText(run))![1]);
    expect(gap).toBeLessThan(1e-6);
    const drReg = Number(/DR vs outcome regression without covariates: largest difference (\S+) kr/.exec(streamText(run))![1]);
    expect(drReg).toBeLessThan(1e-6);
  });
  it('the Rambachan-Roth section (method-sens-…): the naive interval misses, the robust sets cover, coverage over replications', async () => {
    const ids = items.flatMap((i) => (i.kind === 'text' ? [] : [i.id]));
    const sens = ['method-sens-event-study', 'method-sens-table', 'method-sens-fig', 'method-sens-coverage'];
    expect(ids.filter((id) => id.startsWith('method-sens-'))).toEqual(sens);
    // The table is what the library computes for the notebook's parameters.
    const S = notebookParameters('SENS');
    const { loadSolver, honestInputs, sensitivity, defaultMs, targetWeights, DEFAULT_MBAR } = await import('../../src/sensitivity/index');
    const { simulateViolation } = await import('../../src/simulate/violation');
    await loadSolver();
    const design = { units: S.units, periods: S.periods, start: S.start, tau: S.tau, slope: S.slope, noiseSd: S.noiseSd };
    const inputs = honestInputs(aggte(attgtPanel(simulateViolation(design, new Rng(S.seed)), { y: 'y', group: 'g', control: 'never', base: 'universal', method: 'reg' }), { type: 'dynamic' }));
    const r = await sensitivity(inputs, { target: { e: 0 }, mbar: [...DEFAULT_MBAR], m: defaultMs(inputs, targetWeights(inputs, { e: 0 })) });
    // the item's own cells (numbers.json rounds to the printed precision)
    const t = table('method-sens-table');
    const at = (row: string, col: string) => t.rows.find((x) => x.key === row)!.cells[col === 'lb' ? 0 : 1].value;
    expect(at('original', 'lb')).toBe(r.original.lb);
    expect(at('rm_1', 'ub')).toBe(r.rm.find((x) => x.mbar === 1)!.ub);
    // the example shows the point of the method: naive misses the truth, M̄ = 1 and M = 0 cover it
    expect(r.original.lb! > S.tau || r.original.ub! < S.tau).toBe(true);
    const rm1 = r.rm.find((x) => x.mbar === 1)!;
    expect(rm1.lb! <= S.tau && S.tau <= rm1.ub!).toBe(true);
    expect(r.sd[0].lb! <= S.tau && S.tau <= r.sd[0].ub!).toBe(true);
    const cov = numbers('method-sens-coverage');
    const c = (row: string) => cov[row].coverage.value!;
    const tol = 3 * Math.sqrt((0.05 * 0.95) / S.reps);
    expect(c('naive')).toBeLessThan(0.8);
    expect(c('rm_1')).toBeGreaterThanOrEqual(0.95 - tol);
    expect(c('sd_0')).toBeGreaterThanOrEqual(0.95 - tol);
  }, 300_000);
});
