/**
 * A whole report cell as text in one language: the value with its stars, the standard
 * error in parentheses, ".." for a cell withheld by disclosure control, the NA reason for
 * a missing value, or the cell's own text. Precedence: text, suppressed, value, na.
 */
import type { Cell, Lang, NumberFormat, StarRule } from '../report/model';
import type { Value } from '../stats/na';
import { formatNumber } from './number';
import { starsFor } from './stars';

/** The marker printed for a withheld cell (SCB's convention). */
export const SUPPRESSED_MARK = '..';

export interface CellText {
  /** The printed value with its stars, or "..", an NA reason or a text. */
  main: string;
  /** The standard error in parentheses, when there is one. */
  se?: string;
}

function finite(x: number | null | undefined): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

export function formatCell(cell: Cell, lang: Lang): CellText {
  if (cell.suppressed) return { main: SUPPRESSED_MARK };
  if (cell.text) return { main: cell.text[lang] };
  if (!finite(cell.value)) return { main: cell.na ? cell.na[lang] : '' };
  const main = formatNumber(cell.value, lang, cell.format) + (cell.stars ?? '');
  return finite(cell.se) ? { main, se: `(${formatNumber(cell.se, lang, cell.format)})` } : { main };
}

/** The cell on one line: "1 014,2** (267,5)". */
export function formatCellInline(cell: Cell, lang: Lang): string {
  const t = formatCell(cell, lang);
  return t.se ? `${t.main} ${t.se}` : t.main;
}

export interface ValueCellOptions {
  format?: NumberFormat;
  /** Persons behind the cell, for disclosure control. */
  n?: number;
  /** Persons with a non-zero value in a mean or share, for disclosure control. */
  contributors?: number;
  se?: Value;
  p?: Value;
  /** With `p`: the stars of this rule are attached. */
  rule?: StarRule;
}

/**
 * A report cell from a statistic of src/stats: the number, or null with the NA reason as
 * the cell's `na` text; SE, p and stars when given.
 */
export function valueCell(v: Value, opts: ValueCellOptions = {}): Cell {
  const cell: Cell = { value: v.value };
  if (v.value === null) cell.na = v.na.reason;
  if (opts.format) cell.format = opts.format;
  if (opts.n !== undefined) cell.n = opts.n;
  if (opts.contributors !== undefined) cell.contributors = opts.contributors;
  if (v.value !== null) {
    if (opts.se) cell.se = opts.se.value;
    if (opts.p) cell.p = opts.p.value;
    if (opts.p && opts.rule) cell.stars = starsFor(opts.p.value, opts.rule);
  }
  return cell;
}
