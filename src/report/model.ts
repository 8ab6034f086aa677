/**
 * What a notebook hands to the report: tables and figures as data, in both languages.
 *
 * Builders in src/tables and src/figures produce these; `show()` (display.ts) sends them
 * from a notebook cell as a MIME bundle whose `application/vnd.finsam.item+json` part is
 * exactly this object. The render step reads that part back, formats numbers per
 * language, writes numbers.json and lays the item out; nothing is parsed from HTML.
 */
import type { Label, Lang } from '../i18n/label';
export type { Label, Lang } from '../i18n/label';
export { LANGS } from '../i18n/label';

/** How a cell's number is printed; the language decides separators. */
export interface NumberFormat {
  decimals: number;
  /** Multiply by 100 before printing (a share shown as per cent). */
  percent?: boolean;
}

/** Significance stars: thresholds ascending with their symbols, e.g. 0.001 → "***". */
export interface StarRule {
  thresholds: readonly { p: number; stars: string }[];
  note: Label;
}

export interface Cell {
  /** The number printed; null prints as empty or as `na`. */
  value: number | null;
  /** Standard error, printed in parentheses under or after the value. */
  se?: number | null;
  p?: number | null;
  /** Stars already decided by the table builder from `p` and the table's rule. */
  stars?: string;
  format?: NumberFormat;
  /** Persons behind the cell; disclosure control suppresses cells with n < 5. */
  n?: number;
  /**
   * Persons whose own non-zero value enters the cell (for a share: those with the
   * attribute; for a mean amount: those with a non-zero amount). A cell with 1–4 of them
   * would reveal their values, so disclosure control withholds it as well; 0 reveals no one.
   */
  contributors?: number;
  /**
   * Shares of the cell's total held by its largest one and largest two contributors (a sum
   * or mean of non-negative amounts), for the dominance rules of src/disclosure; shares,
   * not amounts, so the item carries no person's value.
   */
  largest?: [number, number];
  /** What a reader knows about the value without the table (e.g. a share lies in [0, 1]). */
  bounds?: { lower?: number; upper?: number };
  /** Set by disclosure control: the value is withheld and printed as "..". */
  suppressed?: boolean;
  /**
   * Set by disclosure control with `suppressed`: why. 'primary' = the cell itself is too
   * revealing (few persons, dominated); 'secondary' = withheld so a primary cell cannot be
   * computed back. Printed the same (".."); recorded in manifest.json.
   */
  suppression?: 'primary' | 'secondary';
  /** Why there is no value (e.g. too few observations), printed instead of it. */
  na?: Label;
  /** A text cell (labels or composite values like "48 / 52"). */
  text?: Label;
  /** Columns this cell spans (default 1). */
  span?: number;
}

export interface Row {
  /** Stable key for numbers.json and diffs, e.g. "wage_kr". */
  key: string;
  label: Label;
  /** A section heading row without cells. */
  header?: boolean;
  cells: Cell[];
}

export interface Column {
  key: string;
  label: Label;
}

/** A cell of this table (no `table`) or of another table of the report, by keys. */
export interface CellRef {
  table?: string;
  row: string;
  column: string;
}

/**
 * A linear relation a reader knows between cells: sum of coef × cell = constant (default
 * 0). An all column as the weighted sum of the arms, a total, shares adding to 1, a
 * difference beside its parts, the same statistic in two tables. Disclosure control
 * (src/disclosure) withholds complementary cells so that no withheld cell can be computed
 * back from the published ones through these relations.
 */
export interface Relation {
  terms: { ref: CellRef; coef: number }[];
  constant?: number;
  /** What the relation is, for messages: "all = weighted arms", "shares add to 100 %". */
  kind: string;
}

export interface ReportTable {
  kind: 'table';
  /** The id from shared/spec/catalog.json, used as the element id. */
  id: string;
  title: Label;
  /** Header of the row-label column. */
  stub?: Label;
  columns: Column[];
  rows: Row[];
  notes: Label[];
  /** Linear relations between cells a reader knows (see `Relation`). */
  relations?: Relation[];
}

export interface PlotlyFigure {
  data: unknown[];
  layout: Record<string, unknown>;
}

export interface ReportFigure {
  kind: 'figure';
  id: string;
  title: Label;
  notes: Label[];
  /** One complete plotly figure per language (titles, axes, hover text translated). */
  plotly: Record<Lang, PlotlyFigure>;
}

/** Narrative computed in a cell (e.g. a sentence quoting an estimate), markdown per language. */
export interface ReportText {
  kind: 'text';
  markdown: Label;
}

export type ReportItem = ReportTable | ReportFigure | ReportText;

export const ITEM_MIME = 'application/vnd.finsam.item+json';
export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';
