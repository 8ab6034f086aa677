/**
 * Panel front door of the engine: names columns of a Panel (src/data/panel.ts) and calls
 * the typed-array estimators. Columns may be time-varying (`cols`) or per unit (`unitCols`);
 * a covariate written `factor(x)`, or a category column (one with `levels`), enters as
 * dummies of its levels.
 */
import type { Panel } from '../data/panel';
import { aggte, AggteOptions, AggteResult } from './aggte';
import { attgt, attgtMany, AttgtOptions, AttgtResult, prepareAttgt, PreparedAttgt } from './attgt';
import { drdidPanel, PanelMethod, TwoByTwoResult } from './drdid-panel';
import { DegenerateError, EstimateOptionError } from './errors';
import { Column, NamedColumn, StaggeredBase, StaggeredInput } from './prepare';

/** Columns of the panel the model uses, plus attgt's options. */
export interface DidSpec extends AttgtOptions {
  /** Outcome column. */
  readonly y: string;
  /** First treated period (0 = never treated), in the panel's period coding. */
  readonly group: string;
  /** Covariates: column names, `factor(name)` for a categorical one. */
  readonly covariates?: readonly string[];
  readonly weights?: string;
  /** Cluster variable besides the unit (constant within unit). */
  readonly cluster?: string;
}

function where(panel: Panel): string {
  return panel.source ? ` in ${panel.source}` : '';
}

/** A column of the panel by name, row- or unit-level. */
export function panelColumn(panel: Panel, name: string, role: string): Column {
  if (name in panel.cols) return { row: panel.cols[name] };
  if (name in panel.unitCols) return { unit: panel.unitCols[name] };
  const known = [...Object.keys(panel.cols), ...Object.keys(panel.unitCols)].join(', ');
  throw new EstimateOptionError(`${role} column "${name}" not found${where(panel)}; columns: ${known}`);
}

function parseCovariate(spec: string): { name: string; factor: boolean } {
  const m = /^\s*factor\(\s*([^)]+?)\s*\)\s*$/.exec(spec);
  return m ? { name: m[1], factor: true } : { name: spec.trim(), factor: false };
}

/** Columns of the panel a model uses besides its outcome. */
export type DidBaseSpec = Omit<DidSpec, 'y'>;

/** The typed-array input of attgt for a panel and named columns, without the outcome. */
export function staggeredBaseFromPanel(panel: Panel, spec: DidBaseSpec): StaggeredBase {
  return baseWith(panel, spec, covariateColumns(panel, spec));
}

function covariateColumns(panel: Panel, spec: DidBaseSpec): NamedColumn[] {
  return (spec.covariates ?? []).map((c) => {
    const { name, factor } = parseCovariate(c);
    const levels = panel.levels[name];
    return { name, column: panelColumn(panel, name, 'covariate'), factor: factor || levels !== undefined, levelNames: levels };
  });
}

function baseWith(panel: Panel, spec: DidBaseSpec, covariates: NamedColumn[]): StaggeredBase {
  return {
    nUnits: panel.nUnits,
    unitId: panel.unitIds,
    rowUnit: panel.rowUnit,
    rowTime: panel.rowTime,
    group: panelColumn(panel, spec.group, 'group'),
    covariates,
    covariateVars: covariates.length,
    weights: spec.weights ? panelColumn(panel, spec.weights, 'weights') : undefined,
    cluster: spec.cluster ? panelColumn(panel, spec.cluster, 'cluster') : undefined,
  };
}

/** An outcome column of the panel (it must vary over time). */
export function outcomeColumn(panel: Panel, name: string): Float64Array {
  const c = panelColumn(panel, name, 'outcome');
  if ('row' in c) return c.row;
  throw new EstimateOptionError(`outcome column "${name}"${where(panel)} is a per-unit column; the outcome must vary over time`);
}

/** The typed-array input of attgt for a panel and named columns. */
export function staggeredInputFromPanel(panel: Panel, spec: DidSpec): StaggeredInput {
  // Columns are looked up in this order (covariates, outcome, the rest), so a missing one is named the same way every time.
  const covariates = covariateColumns(panel, spec);
  const y = outcomeColumn(panel, spec.y);
  return { ...baseWith(panel, spec, covariates), y };
}

/** ATT(g,t) on a panel (R: att_gt). */
export function attgtPanel(panel: Panel, spec: DidSpec): AttgtResult {
  return attgt(staggeredInputFromPanel(panel, spec), spec);
}

/**
 * attgtPanel in two steps, for a caller that can let go of the panel in between (the
 * command line at register scale): prepareAttgt keeps no reference to the panel's arrays,
 * and attgtPrepared(p)[0] is attgtPanel(panel, spec).
 */
export function prepareAttgtPanel(panel: Panel, spec: DidSpec): PreparedAttgt {
  const { y, ...base } = staggeredInputFromPanel(panel, spec);
  return prepareAttgt({ ...base, ys: [y] }, spec);
}

/**
 * ATT(g,t) of several outcomes of one model on a panel (see attgtMany): results in the
 * order of `ys`, each the same as attgtPanel({ ...spec, y }).
 */
export function attgtPanelMany(panel: Panel, spec: DidBaseSpec, ys: readonly string[]): AttgtResult[] {
  const covariates = covariateColumns(panel, spec);
  const columns = ys.map((y) => outcomeColumn(panel, y));
  return attgtMany({ ...baseWith(panel, spec, covariates), ys: columns }, spec);
}

/** ATT(g,t) and the usual aggregations in one call. */
export function didPanel(panel: Panel, spec: DidSpec, aggregations: readonly AggteOptions[] = [{ type: 'simple' }, { type: 'dynamic' }]): { attgt: AttgtResult; aggte: AggteResult[] } {
  const res = attgtPanel(panel, spec);
  return { attgt: res, aggte: aggregations.map((a) => aggte(res, a)) };
}

export interface DrdidSpec {
  readonly y: string;
  /** Treatment indicator (0/1), constant within unit. */
  readonly treated: string;
  readonly covariates?: readonly string[];
  readonly weights?: string;
  readonly method?: PanelMethod;
  readonly trim?: number;
}

/**
 * The 2x2 estimator on a two-period panel (R: DRDID::drdid(panel = TRUE)): outcome change
 * between the two periods, covariates and weights from the first period. Units missing a
 * value or a period are dropped with a warning.
 */
export function drdidFromPanel(panel: Panel, spec: DrdidSpec): TwoByTwoResult & { nTreated: number; periods: [number, number] } {
  if (panel.periods.length !== 2) {
    throw new EstimateOptionError(`drdid needs exactly two periods${where(panel)}, found ${panel.periods.length}`);
  }
  const yCol = panelColumn(panel, spec.y, 'outcome');
  const dCol = panelColumn(panel, spec.treated, 'treatment');
  const covs = (spec.covariates ?? []).map((c) => {
    const p = parseCovariate(c);
    return { ...p, column: panelColumn(panel, p.name, 'covariate'), factor: p.factor || panel.levels[p.name] !== undefined };
  });
  const wCol = spec.weights ? panelColumn(panel, spec.weights, 'weights') : null;
  const val = (c: Column, r: number, u: number): number => ('unit' in c ? c.unit[u] : c.row[r]);
  const units: number[] = [];
  const y0: number[] = [];
  const y1: number[] = [];
  const d: number[] = [];
  const w: number[] = [];
  const xr: number[][] = [];
  let dropped = 0;
  for (let u = 0; u < panel.nUnits; u++) {
    const r0 = panel.rowStart[u];
    const r1 = panel.rowStart[u + 1];
    if (r1 - r0 !== 2) {
      dropped++;
      continue;
    }
    const a = val(yCol, r0, u);
    const b = val(yCol, r0 + 1, u);
    const da = val(dCol, r0, u);
    const db = val(dCol, r0 + 1, u);
    const xs = covs.map((c) => val(c.column, r0, u));
    const wi = wCol ? val(wCol, r0, u) : 1;
    if (![a, b, da, wi, ...xs].every(Number.isFinite)) {
      dropped++;
      continue;
    }
    if (da !== db) throw new EstimateOptionError(`treatment column "${spec.treated}" changes within unit ${panel.unitIds[u]}${where(panel)}`);
    if (da !== 0 && da !== 1) throw new EstimateOptionError(`treatment column "${spec.treated}" must be 0 or 1, unit ${panel.unitIds[u]} has ${da}`);
    units.push(u);
    y0.push(a);
    y1.push(b);
    d.push(da);
    w.push(wi);
    xr.push(xs);
  }
  const n = units.length;
  // Expand factors over the kept units.
  const columns: Float64Array[] = [];
  covs.forEach((c, ci) => {
    if (!c.factor) {
      columns.push(Float64Array.from(xr, (row) => row[ci]));
      return;
    }
    const levels = Array.from(new Set(xr.map((row) => row[ci]))).sort((p, q) => p - q);
    for (const lev of levels.slice(1)) columns.push(Float64Array.from(xr, (row) => (row[ci] === lev ? 1 : 0)));
  });
  const k = columns.length + 1;
  const x = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    x[i * k] = 1;
    columns.forEach((col, c) => (x[i * k + 1 + c] = col[i]));
  }
  try {
    const res = drdidPanel(spec.method ?? 'dr', {
      x,
      n,
      k,
      d: Float64Array.from(d),
      weights: wCol ? Float64Array.from(w) : null,
      y0: Float64Array.from(y0),
      y1: Float64Array.from(y1),
      trim: spec.trim,
    });
    const warnings = [...res.warnings];
    if (dropped > 0) warnings.unshift(`dropped ${dropped} units with a missing value or period`);
    return { ...res, warnings, nTreated: d.reduce((p, q) => p + q, 0), periods: [panel.periods[0], panel.periods[1]] };
  } catch (err) {
    if (err instanceof DegenerateError) throw new EstimateOptionError(`drdid cannot be estimated: ${err.message}`);
    throw err;
  }
}
