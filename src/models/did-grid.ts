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
 * Each model's panel is cut once and shared by all its outcomes.
 */
import type { Panel } from '../data/panel';
import { restrictPeriods, type PeriodBound } from '../data/verbs/restrict-periods';
import { selectUnits, type UnitTest } from '../data/verbs/select-units';
import { aggte, attgt, staggeredInputFromPanel, type AggteResult, type AttgtOptions, type Estimate } from '../estimate/index';
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

/** The panel a model is estimated on: its units, then its window. */
export function modelPanel(panel: Panel, model: DidModel): Panel {
  let p = panel;
  if (model.units !== undefined) p = selectUnits(p, model.units);
  if (model.from !== undefined || model.to !== undefined) p = restrictPeriods(p, model.from ?? null, model.to ?? null);
  return p;
}

function estimateOf(a: AggteResult): Estimate {
  return { att: a.att, se: a.se, lower: a.lower, upper: a.upper };
}

/** Fits one outcome on an already cut model panel. */
export function fitOnPanel(panel: Panel, model: DidModel, outcome: string, settings: DidSettings): DidFit {
  const t0 = Date.now();
  const options: AttgtOptions = { ...settings.options, ...model.options };
  const input = staggeredInputFromPanel(panel, { ...options, y: outcome, group: settings.group, covariates: model.covariates });
  const res = attgt(input, options);
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
    ms: Date.now() - t0,
  };
}

/** One fit: the model's cut of the panel, then attgt and the aggregations. */
export function fitDid(panel: Panel, model: DidModel, outcome: string, settings: DidSettings): DidFit {
  return fitOnPanel(modelPanel(panel, model), model, outcome, settings);
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

/** Every model × outcome; each model's panel is cut once. */
export function fitGrid(panel: Panel, models: readonly DidModel[], outcomes: readonly string[], settings: DidSettings): DidGrid {
  const t0 = Date.now();
  const keys = new Set<string>();
  for (const m of models) {
    if (keys.has(m.key)) throw new Error(`fitGrid: model key "${m.key}" is used twice`);
    keys.add(m.key);
  }
  const fits: Record<string, Record<string, DidFit>> = {};
  for (const model of models) {
    const p = modelPanel(panel, model);
    const row: Record<string, DidFit> = {};
    for (const y of outcomes) row[y] = fitOnPanel(p, model, y, settings);
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
