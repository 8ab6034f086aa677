/**
 * A grid of staggered DiD fits: models (the columns of an effect table) × outcomes (its
 * rows). A model is a data cut (calendar window, units) plus covariates and attgt options;
 * every fit runs attgt once and keeps the aggregations the tables and figures need:
 *
 * - `group`: did's group aggregation; its overall value is the weighted average of the
 *   start groups' effects (the headline of R24 Tables 1–9) and `by` holds each group;
 * - `dynamic`: the event study over `event` (minE..maxE) with the before/after averages
 *   (R24 Tables B8–B16) and one row per event time (Figures 2–7);
 * - `simple`: post cells weighted by group size.
 *
 * Each model's panel is cut once (only the columns the model reads) and all its outcomes
 * are fitted in one attgtMany call, which shares the preparation and the 2x2 designs
 * (propensity scores, control-group regressions) across outcomes; the fits are identical to
 * one attgt call per outcome.
 */
import type { Panel } from '../data/panel';
import { restrictPeriods, type PeriodBound } from '../data/verbs/restrict-periods';
import { selectUnits, type UnitTest } from '../data/verbs/select-units';
import { aggte, attgt, attgtMany, outcomeColumn, parseCovariate, staggeredBaseFromPanel, staggeredInputFromPanel, type AggteResult, type AttgtOptions, type AttgtResult, type DidBaseSpec, type Estimate } from '../estimate/index';
import type { Label } from '../report/model';

export interface DidModel {
  /** Stable key (table column key), e.g. "m1". */
  readonly key: string;
  readonly label: Label;
  /** Calendar window of the estimation, inclusive: period codes or "YYYY-MM"; omitted = open. */
  readonly from?: PeriodBound;
  readonly to?: PeriodBound;
  /** Units in the model (a test or a mask over the panel's units); omitted = all. */
  readonly units?: UnitTest;
  /** Covariates (column names; `factor(x)` or a category column enters as dummies). */
  readonly covariates?: readonly string[];
  /** attgt options: method, control group, base period, bootstrap, ... */
  readonly options?: AttgtOptions;
}

export interface DidSettings {
  /** Per-unit column with the coded treatment start (0 = never treated). */
  readonly group: string;
  /** Event-time window of the dynamic aggregation (and of its before/after averages). */
  readonly event: { readonly minE: number; readonly maxE: number };
  /** Options every model starts from (a model's own options win). */
  readonly options?: AttgtOptions;
}

export interface DidFit {
  readonly model: string;
  readonly outcome: string;
  /** Persons in the estimation. */
  readonly n: number;
  /** Person-periods entering the estimation (the engine's nObs). */
  readonly nObs: number;
  /** Treated persons behind the headline (persons in the estimated start groups). */
  readonly nTreated: number;
  /** The weighted average over start groups (= group.att ...). */
  readonly headline: Estimate;
  readonly group: AggteResult;
  readonly dynamic: AggteResult;
  readonly simple: AggteResult;
  /** Start groups estimated and their sizes (the last cohort, control only, is not among them). */
  readonly groupSizes: readonly { readonly group: number; readonly n: number }[];
  readonly warnings: readonly string[];
  /** Wall time of attgt plus the aggregations, in milliseconds. */
  readonly ms: number;
}

/**
 * The panel with only the columns a model reads (outcomes, start column, covariates), so
 * that cutting it copies no more than the estimation needs. Returned whole when a column is
 * missing, so that the engine's error names it and lists the panel's columns.
 */
function slimPanel(panel: Panel, model: DidModel, outcomes: readonly string[], settings: DidSettings): Panel {
  const extra = modelOptions(model, settings) as { weights?: unknown; cluster?: unknown };
  const names = new Set<string>([...outcomes, settings.group]);
  for (const c of model.covariates ?? []) names.add(parseCovariate(c).name);
  for (const v of [extra.weights, extra.cluster]) if (typeof v === 'string') names.add(v);
  const cols: Record<string, Float64Array> = {};
  const unitCols: Record<string, Float64Array> = {};
  const levels: Record<string, readonly string[]> = {};
  for (const name of names) {
    if (name in panel.cols) cols[name] = panel.cols[name];
    else if (name in panel.unitCols) unitCols[name] = panel.unitCols[name];
    else return panel;
    if (panel.levels[name]) levels[name] = panel.levels[name];
  }
  return { ...panel, cols, unitCols, levels };
}

/** The panel a model is estimated on: its units, then its window. */
export function modelPanel(panel: Panel, model: DidModel): Panel {
  return cutPanel(panel, panel, model);
}

/** `from` cut to the model's units and window; a unit test reads `full` (a slim panel may lack its columns). */
function cutPanel(full: Panel, from: Panel, model: DidModel): Panel {
  let p = from;
  if (model.units !== undefined) p = selectUnits(p, typeof model.units === 'function' ? unitMask(full, model.units) : model.units);
  if (model.from !== undefined || model.to !== undefined) p = restrictPeriods(p, model.from ?? null, model.to ?? null);
  return p;
}

function unitMask(panel: Panel, test: (u: number, p: Panel) => boolean): Uint8Array {
  const mask = new Uint8Array(panel.nUnits);
  for (let u = 0; u < panel.nUnits; u++) mask[u] = test(u, panel) ? 1 : 0;
  return mask;
}

function estimateOf(a: AggteResult): Estimate {
  return { att: a.att, se: a.se, lower: a.lower, upper: a.upper };
}

/** The attgt options of a model (its own win over the settings'). */
function modelOptions(model: DidModel, settings: DidSettings): AttgtOptions {
  return { ...settings.options, ...model.options };
}

/** Fits one outcome on an already cut model panel. */
export function fitOnPanel(panel: Panel, model: DidModel, outcome: string, settings: DidSettings): DidFit {
  const t0 = Date.now();
  const options = modelOptions(model, settings);
  const input = staggeredInputFromPanel(panel, { ...options, y: outcome, group: settings.group, covariates: model.covariates });
  const res = attgt(input, options);
  return aggregate(res, model, outcome, settings, Date.now() - t0);
}

/**
 * Fits several outcomes on an already cut model panel with one attgtMany call; each fit's
 * `ms` is its aggregations' time plus an equal share of the shared attgt time.
 */
export function fitOutcomesOnPanel(panel: Panel, model: DidModel, outcomes: readonly string[], settings: DidSettings): DidFit[] {
  const t0 = Date.now();
  const options = modelOptions(model, settings);
  const spec: DidBaseSpec = { ...options, group: settings.group, covariates: model.covariates };
  const base = staggeredBaseFromPanel(panel, spec);
  const results = attgtMany({ ...base, ys: outcomes.map((y) => outcomeColumn(panel, y)) }, options);
  const share = (Date.now() - t0) / Math.max(1, outcomes.length);
  return results.map((res, i) => {
    const t1 = Date.now();
    const fit = aggregate(res, model, outcomes[i], settings, 0);
    return { ...fit, ms: Math.round(share + Date.now() - t1) };
  });
}

/** The aggregations a fit keeps. */
function aggregate(res: AttgtResult, model: DidModel, outcome: string, settings: DidSettings, attgtMs: number): DidFit {
  const t0 = Date.now();
  // naRm: a cell the engine cannot estimate (too few comparison units) is left out of the
  // averages with its warning kept, rather than turning a whole table cell into NA.
  const group = aggte(res, { type: 'group', naRm: true });
  const dynamic = aggte(res, { type: 'dynamic', minE: settings.event.minE, maxE: settings.event.maxE, naRm: true });
  const simple = aggte(res, { type: 'simple', naRm: true });
  const warnings = [...res.warnings, ...group.warnings, ...dynamic.warnings, ...simple.warnings];
  return {
    model: model.key,
    outcome,
    n: res.n,
    nObs: res.nObs,
    nTreated: group.nTreated,
    headline: estimateOf(group),
    group,
    dynamic,
    simple,
    groupSizes: res.groupSizes,
    warnings: Array.from(new Set(warnings)),
    ms: attgtMs + Date.now() - t0,
  };
}

/** One fit: the model's cut of the panel, then attgt and the aggregations. */
export function fitDid(panel: Panel, model: DidModel, outcome: string, settings: DidSettings): DidFit {
  return fitOnPanel(cutPanel(panel, slimPanel(panel, model, [outcome], settings), model), model, outcome, settings);
}

export interface DidGrid {
  readonly models: readonly DidModel[];
  readonly outcomes: readonly string[];
  readonly settings: DidSettings;
  /** Fits by model key, then outcome. */
  readonly fits: Readonly<Record<string, Readonly<Record<string, DidFit>>>>;
  /** Total wall time in milliseconds. */
  readonly ms: number;
}

/** Every model × outcome; each model's panel is cut once and its outcomes fitted together. */
export function fitGrid(panel: Panel, models: readonly DidModel[], outcomes: readonly string[], settings: DidSettings): DidGrid {
  const t0 = Date.now();
  const keys = new Set<string>();
  for (const m of models) {
    if (keys.has(m.key)) throw new Error(`fitGrid: model key "${m.key}" is used twice`);
    keys.add(m.key);
  }
  const fits: Record<string, Record<string, DidFit>> = {};
  for (const model of models) {
    const p = cutPanel(panel, slimPanel(panel, model, outcomes, settings), model);
    const row: Record<string, DidFit> = {};
    fitOutcomesOnPanel(p, model, outcomes, settings).forEach((fit, i) => (row[outcomes[i]] = fit));
    fits[model.key] = row;
  }
  return { models, outcomes, settings, fits, ms: Date.now() - t0 };
}

/** The fit of one model and outcome, with an error naming what is missing. */
export function gridFit(grid: DidGrid, model: string, outcome: string): DidFit {
  const byModel = grid.fits[model];
  if (!byModel) throw new Error(`gridFit: no model "${model}" (models: ${Object.keys(grid.fits).join(', ')})`);
  const fit = byModel[outcome];
  if (!fit) throw new Error(`gridFit: model "${model}" has no outcome "${outcome}"`);
  return fit;
}
