/**
 * The report's only door to number formatting and disclosure control, which live in
 * src/format/. Renderers (HTML table, plain text, numbers.json) call these functions and
 * nothing else; this file only adapts src/format's results to the report's layout.
 * (Imported as '../format/index': tslab's module loader does not resolve directory imports.)
 */
import { discloseTable as discloseWithNote, formatCell as formatWholeCell, formatNumber, shownValue } from '../format/index';
import type { Cell, Lang, ReportTable } from './model';

export { formatNumber, shownValue };

export interface CellText {
  /** The printed value without its stars, or "..", an NA reason or a text. */
  main: string;
  /** Significance stars after the value ("" when none), kept apart so columns align. */
  stars: string;
  /** The standard error in parentheses, when there is one. */
  se?: string;
}

export function formatCell(cell: Cell, lang: Lang): CellText {
  const text = formatWholeCell(cell, lang);
  const numeric = !cell.suppressed && !cell.text && typeof cell.value === 'number' && Number.isFinite(cell.value);
  const stars = numeric && cell.stars && text.main.endsWith(cell.stars) ? cell.stars : '';
  return { main: stars ? text.main.slice(0, -stars.length) : text.main, stars, se: text.se };
}

/** Disclosure control for one table (cells on fewer than 5 persons withheld, note added). */
export function discloseTable(table: ReportTable): ReportTable {
  return discloseWithNote(table);
}
