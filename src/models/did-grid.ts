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
 * All outcomes of a model are fitted in one attgtMany call over the model's rows of the
 * panel (no copy of the panel), which shares the preparation and the 2x2 designs
 * (propensity scores, control-group regressions) across outcomes; the fits are identical to
 * one attgt call per outcome on the cut panel.
 */
import type { Panel } from '../data/panel';
import { periodWindow, restrictPeriods, type PeriodBound } from '../data/verbs/restrict-periods';
import { selectUnits, type UnitTest } from '../data/verbs/select-units';
import { aggte, attgt, attgtMany, outcomeColumn, staggeredBaseFromPanel, staggeredInputFromPanel, type AggteResult, type AttgtOptions, type AttgtResult, type DidBaseSpec, type Estimate } from '../estimate/index';
import type { Label } from '../i18n/label';

export interface DidModel {
  /** Stable key (table column key), e.g. "m1". */
  readonly key: string;
  readonly label: Label;
  /** Calendar window of the estimation, inclusive: period codes or "YYYY-MM"; omitted = open. */
  readonly from?: PeriodBound;
  readonly to?: PeriodBound;
  /**
   * Per-outcome first period: an outcome listed here is estimated from the later of `from`
   * and its own bound (a register that has the outcome monthly only from then on, e.g. the
   * main income source from 2019). Outcomes not listed use `from`.
   */
  readonly outcomeFrom?: Readonly<Record<string, PeriodBound>>;
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
  /**
   * First and last month of the data inside the model's window for this outcome (period
   * codes): the window as defined, cut to the months the data hold, so a note can say what
   * was measured on an extract that ends before the definition does. NaN when empty.
   */
  readonly from: number;
  readonly to: number;
  /** Wall time of the aggregations plus this outcome's equal share of the model's attgt call, in milliseconds. */
  readonly ms: number;
}

/**
 * The model as it applies to one outcome: its window starts at the later of the model's
 * `from` and the outcome's `outcomeFrom` bound (the model itself when the outcome has none).
 */
export function modelForOutcome(panel: Panel, model: DidModel, outcome: string): DidModel {
  const own = model.outcomeFrom?.[outcome];
  if (own === undefined || own === null) return model;
  const lo = periodWindow(panel, own, null).lo;
  const modelLo = periodWindow(panel, model.from ?? null, null).lo;
  return lo > modelLo ? { ...model, from: lo } : model;
}

/** The panel a model is estimated on (for one outcome: `modelForOutcome`): its units, then its window. */
export function modelPanel(panel: Panel, model: DidModel, outcome?: string): Panel {
  if (outcome !== undefined) model = modelForOutcome(panel, model, outcome);
  let p = panel;
  if (model.units !== undefined) p = selectUnits(p, model.units);
  if (model.from !== undefined || model.to !== undefined) p = restrictPeriods(p, model.from ?? null, model.to ?? null);
  return p;
}

/**
 * The rows of the model's panel (its units, then its window) as a mask over the panel's
 * rows, or null for all: attgt then reads only those rows, the same data as modelPanel
 * gives without copying any column.
 */
export function modelRows(panel: Panel, model: DidModel): Uint8Array | null {
  if (model.units === undefined && model.from === undefined && model.to === undefined) return null;
  let unitIn: ArrayLike<number | boolean> | null = null;
  if (typeof model.units === 'function') {
    const mask = new Uint8Array(panel.nUnits);
    for (let u = 0; u < panel.nUnits; u++) mask[u] = model.units(u, panel) ? 1 : 0;
    unitIn = mask;
  } else if (model.units !== undefined) {
    if (model.units.length !== panel.nUnits) throw new Error(`selectUnits: the mask has ${model.units.length} entries for ${panel.nUnits} units`);
    unitIn = model.units;
  }
  const { lo, hi } = periodWindow(panel, model.from ?? null, model.to ?? null);
  const rows = new Uint8Array(panel.nRows);
  for (let r = 0; r < panel.nRows; r++) {
    const t = panel.rowTime[r];
    rows[r] = (unitIn === null || unitIn[panel.rowUnit[r]]) && t >= lo && t <= hi ? 1 : 0;
  }
  return rows;
}

function estimateOf(a: AggteResult): Estimate {
  return { att: a.att, se: a.se, lower: a.lower, upper: a.upper };
}

/** The attgt options of a model (its own win over the settings'). */
function modelOptions(model: DidModel, settings: DidSettings): AttgtOptions {
  return { ...settings.options, ...model.options };
}

/** First and last period of the data inside the model's window (NaN, NaN when none). */
export function dataWindow(panel: Panel, model: DidModel): { from: number; to: number } {
  const { lo, hi } = periodWindow(panel, model.from ?? null, model.to ?? null);
  let from = NaN;
  let to = NaN;
  for (const t of panel.periods) {
    if (t < lo || t > hi) continue;
    if (!(t >= from)) from = t;
    if (!(t <= to)) to = t;
  }
  return { from, to };
}

/** Fits one outcome on an already cut model panel. */
export function fitOnPanel(panel: Panel, model: DidModel, outcome: string, settings: DidSettings): DidFit {
  model = modelForOutcome(panel, model, outcome);
  const t0 = Date.now();
  const options = modelOptions(model, settings);
  const input = staggeredInputFromPanel(panel, { ...options, y: outcome, group: settings.group, covariates: model.covariates });
  const res = attgt(input, options);
  return aggregate(res, model, outcome, settings, Date.now() - t0, dataWindow(panel, model));
}

/**
 * Fits a model's outcomes on the (uncut) panel with one attgtMany call over the model's rows
 * (modelRows): the same fits as one fitDid per outcome. Each fit's `ms` is its aggregations'
 * time plus an equal share of the shared attgt time.
 */
export function fitOutcomes(panel: Panel, model: DidModel, outcomes: readonly string[], settings: DidSettings): DidFit[] {
  // Outcomes with their own first period (outcomeFrom) are fitted in one call per window.
  if (model.outcomeFrom !== undefined) {
    const byFrom = new Map<number, { model: DidModel; idx: number[] }>();
    outcomes.forEach((y, i) => {
      const m = modelForOutcome(panel, model, y);
      const lo = periodWindow(panel, m.from ?? null, null).lo;
      const entry = byFrom.get(lo) ?? { model: { ...m, outcomeFrom: undefined }, idx: [] };
      entry.idx.push(i);
      byFrom.set(lo, entry);
    });
    const out: DidFit[] = new Array(outcomes.length);
    for (const { model: m, idx } of byFrom.values()) {
      const fits = fitOutcomes(panel, m, idx.map((i) => outcomes[i]), settings);
      idx.forEach((i, k) => (out[i] = { ...fits[k], model: model.key }));
    }
    return out;
  }
  const t0 = Date.now();
  const include = modelRows(panel, model) ?? undefined;
  const options = modelOptions(model, settings);
  const spec: DidBaseSpec = { ...options, group: settings.group, covariates: model.covariates };
  const base = staggeredBaseFromPanel(panel, spec);
  const results = attgtMany({ ...base, include, ys: outcomes.map((y) => outcomeColumn(panel, y)) }, options);
  const share = (Date.now() - t0) / Math.max(1, outcomes.length);
  const window = dataWindow(panel, model);
  return results.map((res, i) => aggregate(res, model, outcomes[i], settings, share, window));
}

/** The aggregations a fit keeps. */
function aggregate(res: AttgtResult, model: DidModel, outcome: string, settings: DidSettings, attgtMs: number, window: { from: number; to: number }): DidFit {
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
    from: window.from,
    to: window.to,
    ms: Math.round(attgtMs + Date.now() - t0),
  };
}

/** One fit: attgt on the model's rows of the panel, and the aggregations. */
export function fitDid(panel: Panel, model: DidModel, outcome: string, settings: DidSettings): DidFit {
  return fitOutcomes(panel, model, [outcome], settings)[0];
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

/** Every model × outcome; each model's outcomes are fitted together (fitOutcomes). */
export function fitGrid(panel: Panel, models: readonly DidModel[], outcomes: readonly string[], settings: DidSettings): DidGrid {
  const t0 = Date.now();
  const keys = new Set<string>();
  for (const m of models) {
    if (keys.has(m.key)) throw new Error(`fitGrid: model key "${m.key}" is used twice`);
    keys.add(m.key);
  }
  const fits: Record<string, Record<string, DidFit>> = {};
  for (const model of models) {
    const row: Record<string, DidFit> = {};
    fitOutcomes(panel, model, outcomes, settings).forEach((fit, i) => (row[outcomes[i]] = fit));
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
