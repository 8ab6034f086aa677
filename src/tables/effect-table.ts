/**
 * Effect tables: models as columns, outcomes (or other effect rows) as rows, each cell an
 * estimate with its significance stars and the standard error in parentheses, closed by a
 * row of observations (R24 Tables 1–9 and B8–B16, R23 Tables B12–B17).
 *
 * Two layers:
 * - `effectTable(spec)` lays out rows whose cells are already estimates (any source);
 * - `effectTableFromGrid(spec)` fills the rows from a `DidGrid` (src/models/did-grid.ts):
 *   a layout row names an outcome and how to read a fit (`pick`: the headline, the
 *   before/after averages, one start group, ...), the columns are the grid's models and
 *   the observations row is the engine's nObs (person-periods entering the estimation).
 *
 * Conventions: p-values are two-sided normal p from estimate / SE (as did and csdid
 * report them); stars follow the table's rule (STARS_R24 or STARS_R23); one number format
 * per row, from the outcome's measure unit (kronor with one decimal, otherwise three
 * significant digits of the row's smallest SE); `n` on a cell = the persons behind it.
 */
import type { MeasureUnit } from '../data/schema';
import type { Estimate } from '../estimate/index';
import { COUNT_FORMAT, numberFormatFor } from '../format/number';
import { starsFor } from '../format/stars';
import type { Cell, Column, Label, NumberFormat, ReportTable, Row, StarRule } from '../report/model';
import { pValueNormal } from '../stats/distributions';
import { gridFit, type DidFit, type DidGrid } from '../models/did-grid';

/** One estimate for a cell: null when the model gives none (the cell prints `na`). */
export interface EffectValue {
  readonly estimate: Estimate | null;
  /** Persons behind the estimate (disclosure control). */
  readonly n?: number;
  /** Why there is no estimate (default: "not estimable"). */
  readonly na?: Label;
}

export type EffectRow =
  | { readonly kind: 'header'; readonly key: string; readonly label: Label }
  /** Estimates with stars and SEs, one per column. */
  | { readonly kind: 'effect'; readonly key: string; readonly label: Label; readonly unit: MeasureUnit; readonly cells: readonly EffectValue[] }
  /** Plain numbers (e.g. means before the start), one per column; null = empty. */
  | { readonly kind: 'value'; readonly key: string; readonly label: Label; readonly format: NumberFormat; readonly values: readonly (number | null)[]; readonly n?: readonly (number | undefined)[] }
  /** Counts (observations, persons), one per column. */
  | { readonly kind: 'count'; readonly key: string; readonly label: Label; readonly values: readonly (number | null)[] };

export interface EffectTableSpec {
  readonly id: string;
  readonly title: Label;
  readonly stub?: Label;
  readonly columns: readonly Column[];
  readonly rows: readonly EffectRow[];
  /** Star convention of the source report (STARS_R24, STARS_R23). */
  readonly stars: StarRule;
  /** Notes before the generated one on standard errors and stars. */
  readonly notes?: readonly Label[];
}

export const NOT_ESTIMABLE: Label = { sv: 'ej skattbar', en: 'not estimable' };
export const OBSERVATIONS_LABEL: Label = { sv: 'Observationer', en: 'Observations' };

function finite(x: number | null | undefined): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** The row's format: kronor with one decimal, otherwise 3 significant digits of its smallest SE. */
export function effectRowFormat(unit: MeasureUnit, cells: readonly EffectValue[]): NumberFormat {
  let scale = Infinity;
  for (const c of cells) {
    const se = c.estimate?.se;
    if (finite(se) && se > 0 && se < scale) scale = se;
  }
  return numberFormatFor(unit, 'effect', Number.isFinite(scale) ? scale : undefined);
}

/** One estimate as a report cell: value, stars from the normal p-value, SE, persons. */
export function effectCell(v: EffectValue, format: NumberFormat, rule: StarRule): Cell {
  const e = v.estimate;
  if (!e || !finite(e.att)) {
    const cell: Cell = { value: null, na: v.na ?? NOT_ESTIMABLE, format };
    if (v.n !== undefined) cell.n = v.n;
    return cell;
  }
  const cell: Cell = { value: e.att, format };
  if (finite(e.se)) {
    const p = pValueNormal(e.att, e.se);
    cell.se = e.se;
    if (Number.isFinite(p)) {
      cell.p = p;
      cell.stars = starsFor(p, rule);
    }
  }
  if (v.n !== undefined) cell.n = v.n;
  return cell;
}

function checkWidth(row: EffectRow, width: number, id: string): void {
  if (row.kind === 'header') return;
  const got = row.kind === 'effect' ? row.cells.length : row.values.length;
  if (got !== width) throw new Error(`effectTable ${id}: row "${row.key}" has ${got} cells, the table has ${width} columns`);
}

/** Standard errors and the star rule, in both languages. */
export function effectNote(rule: StarRule): Label {
  return {
    sv: `Standardfel inom parentes. ${rule.note.sv}.`,
    en: `Standard errors in parentheses. ${rule.note.en}.`,
  };
}

export function effectTable(spec: EffectTableSpec): ReportTable {
  const width = spec.columns.length;
  const rows: Row[] = spec.rows.map((r) => {
    checkWidth(r, width, spec.id);
    switch (r.kind) {
      case 'header':
        return { key: r.key, label: r.label, header: true, cells: [] };
      case 'effect': {
        const format = effectRowFormat(r.unit, r.cells);
        return { key: r.key, label: r.label, cells: r.cells.map((c) => effectCell(c, format, spec.stars)) };
      }
      case 'value':
        return {
          key: r.key,
          label: r.label,
          cells: r.values.map((v, j) => {
            const cell: Cell = finite(v) ? { value: v, format: r.format } : { value: null };
            const n = r.n?.[j];
            if (n !== undefined) cell.n = n;
            return cell;
          }),
        };
      case 'count':
        return { key: r.key, label: r.label, cells: r.values.map((v): Cell => (finite(v) ? { value: v, format: COUNT_FORMAT } : { value: null })) };
    }
  });
  const table: ReportTable = {
    kind: 'table',
    id: spec.id,
    title: spec.title,
    columns: spec.columns.map((c) => ({ key: c.key, label: c.label })),
    rows,
    notes: [...(spec.notes ?? []), effectNote(spec.stars)],
  };
  if (spec.stub) table.stub = spec.stub;
  return table;
}

// ---------------------------------------------------------------------------------------
// From a grid of fits

/** How a fit becomes one cell: the estimate and the persons behind it. */
export type EffectPick = (fit: DidFit) => EffectValue;

/** Ready-made picks. */
export const PICK = {
  /** The weighted average over start groups (did's group aggregation), over everyone in the model. */
  headline: ((f) => ({ estimate: f.headline, n: f.n })) as EffectPick,
  /** Mean event-time effect before the start (dynamic aggregation, e < 0 in the window). */
  before: ((f) => ({ estimate: f.dynamic.pre, n: f.n })) as EffectPick,
  /** Mean event-time effect from the start on (e >= 0 in the window). */
  after: ((f) => ({ estimate: f.dynamic.post, n: f.n })) as EffectPick,
  /** Post cells weighted by group size (did's simple aggregation). */
  simple: ((f) => ({ estimate: f.simple, n: f.n })) as EffectPick,
  /** One start group's effect (coded start g); n = the group's treated persons. */
  group:
    (g: number): EffectPick =>
    (f) => {
      const row = f.group.by.find((b) => b.e === g);
      return row ? { estimate: row, n: row.n } : { estimate: null };
    },
};

export type GridLayoutRow =
  | { readonly header: true; readonly key: string; readonly label: Label }
  | {
      readonly header?: false;
      /** Row key; default: the outcome (plus "_" and the pick's name when it repeats). */
      readonly key?: string;
      readonly label: Label;
      readonly outcome: string;
      readonly unit: MeasureUnit;
      /** Default PICK.headline. */
      readonly pick?: EffectPick;
    };

export interface GridTableSpec {
  readonly id: string;
  readonly title: Label;
  readonly stub?: Label;
  readonly grid: DidGrid;
  readonly rows: readonly GridLayoutRow[];
  readonly stars: StarRule;
  /** Model keys to show, in order (default: all models of the grid). */
  readonly models?: readonly string[];
  /** Column labels by model key (default: the models' labels), e.g. labels stating the months measured. */
  readonly columnLabels?: Readonly<Record<string, Label>>;
  /** Rows after the effect rows and before the observations (e.g. means, per-group rows). */
  readonly extraRows?: readonly EffectRow[];
  /** Observations row from the engine's nObs (default true). */
  readonly observations?: boolean;
  readonly notes?: readonly Label[];
}

/**
 * The observations of a column: nObs of its outcomes' fits. When the outcomes of a table
 * were estimated on different numbers of person-periods (missing values), the largest is
 * printed and a note gives the range.
 */
function observationsOf(grid: DidGrid, models: readonly string[], outcomes: readonly string[]): { values: number[]; differs: boolean; min: number[] } {
  const values: number[] = [];
  const min: number[] = [];
  let differs = false;
  for (const m of models) {
    const n = outcomes.map((y) => gridFit(grid, m, y).nObs);
    const hi = Math.max(...n);
    const lo = Math.min(...n);
    if (hi !== lo) differs = true;
    values.push(hi);
    min.push(lo);
  }
  return { values, differs, min };
}

export function effectTableFromGrid(spec: GridTableSpec): ReportTable {
  const models = spec.models ?? spec.grid.models.map((m) => m.key);
  const columns: Column[] = models.map((key) => {
    const m = spec.grid.models.find((x) => x.key === key);
    if (!m) throw new Error(`effectTableFromGrid ${spec.id}: no model "${key}" in the grid`);
    return { key: m.key, label: spec.columnLabels?.[key] ?? m.label };
  });
  const used = new Set<string>();
  const outcomes: string[] = [];
  const rows: EffectRow[] = spec.rows.map((r, i) => {
    // `'outcome' in r` narrows also without strictNullChecks (tslab's compiler settings).
    if (!('outcome' in r)) return { kind: 'header', key: r.key, label: r.label };
    if (!outcomes.includes(r.outcome)) outcomes.push(r.outcome);
    let key = r.key ?? r.outcome;
    if (used.has(key)) key = `${key}_${i}`;
    used.add(key);
    const pick = r.pick ?? PICK.headline;
    return { kind: 'effect', key, label: r.label, unit: r.unit, cells: models.map((m) => pick(gridFit(spec.grid, m, r.outcome))) };
  });
  const notes: Label[] = [...(spec.notes ?? [])];
  const all: EffectRow[] = [...rows, ...(spec.extraRows ?? [])];
  if ((spec.observations ?? true) && outcomes.length > 0) {
    const obs = observationsOf(spec.grid, models, outcomes);
    all.push({ kind: 'count', key: 'observations', label: OBSERVATIONS_LABEL, values: obs.values });
    if (obs.differs) {
      notes.push({
        sv: 'Utfallen skattas på olika många observationer (saknade värden); raden visar det största antalet per kolumn.',
        en: 'The outcomes are estimated on different numbers of observations (missing values); the row shows the largest per column.',
      });
    }
  }
  return effectTable({ id: spec.id, title: spec.title, stub: spec.stub, columns, rows: all, stars: spec.stars, notes });
}
