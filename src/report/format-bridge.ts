/**
 * The report's only door to number formatting and disclosure control.
 *
 * Formatting rules live in src/format/ (per language and unit, stars, suppression). Until
 * that module landed, this file held a minimal stand-in; every renderer calls these three
 * functions and nothing else, so switching is a change to this file alone.
 */
import type { Cell, Lang, NumberFormat, ReportTable } from './model';

/** Persons a published cell must rest on at least. */
export const MIN_CELL_PERSONS = 5;

/** A number in the language's style (decimal comma and thin-space groups in Swedish). */
export function formatNumber(value: number, lang: Lang, format?: NumberFormat): string {
  const decimals = format?.decimals ?? (Number.isInteger(value) ? 0 : 2);
  const shown = format?.percent ? value * 100 : value;
  const text = new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(shown);
  return text.replace(/^-/, '\u2212');
}

export interface CellText {
  /** The printed value, or "..", an NA reason or a text. */
  main: string;
  /** Significance stars after the value ("" when none). */
  stars: string;
  /** The standard error in parentheses, when there is one. */
  se?: string;
}

export function formatCell(cell: Cell, lang: Lang): CellText {
  if (cell.text) return { main: cell.text[lang], stars: '' };
  if (cell.suppressed) return { main: '..', stars: '' };
  if (cell.na) return { main: cell.na[lang], stars: '' };
  if (cell.value === null || !Number.isFinite(cell.value)) return { main: '', stars: '' };
  const main = formatNumber(cell.value, lang, cell.format);
  const se =
    cell.se === undefined || cell.se === null || !Number.isFinite(cell.se)
      ? undefined
      : `(${formatNumber(cell.se, lang, cell.format)})`;
  return { main, stars: cell.stars ?? '', se };
}

/** Disclosure control for one table: cells resting on fewer than 5 persons are withheld. */
export function discloseTable(table: ReportTable): ReportTable {
  return {
    ...table,
    rows: table.rows.map((row) => ({
      ...row,
      cells: row.cells.map((cell) =>
        cell.n !== undefined && cell.n < MIN_CELL_PERSONS && !cell.text
          ? { ...cell, value: null, se: null, p: null, stars: undefined, suppressed: true }
          : cell,
      ),
    })),
  };
}
