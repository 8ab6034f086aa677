/**
 * Disclosure control as a notebook shows a table: the primary rules of src/disclosure
 * (fewer than 5 persons, 1–4 contributors, and for amounts the dominance rules) cell by
 * cell. The report itself goes further: the render step runs src/disclosure's
 * `protectTables` over all tables together (secondary suppression checked by an LP audit)
 * before anything is written; this file is what a table looks like in JupyterLab.
 *
 * Table builders put the number of persons behind each cell in `Cell.n` (for a mean: the
 * persons in the group; for a difference or test: the smaller of the two groups; for a
 * count of persons: the count itself, see `countCell`) and, for means and shares, the
 * persons with a non-zero value in `Cell.contributors`. `discloseTable` then withholds
 * every cell with n < 5 or 1–4 contributors: value, standard error, p and stars are removed, the cell prints
 * "..", and a note in both languages says why. Counts below 5 (including 0) are therefore
 * never printed. Secondary suppression is src/disclosure's (needs the whole report and an
 * LP solver, so it runs in the render).
 */
import { primaryReason } from '../disclosure/primary';
import { DEFAULT_RULES } from '../disclosure/rules';
import type { Cell, Label, NumberFormat, ReportTable } from '../report/model';

export const MIN_PERSONS = 5;

export const SUPPRESSION_NOTE: Label = {
  sv: `.. = uppgiften redovisas inte eftersom den bygger på färre än ${MIN_PERSONS} personer.`,
  en: `.. = not shown because it is based on fewer than ${MIN_PERSONS} persons.`,
};

/**
 * Whether the cell rests on fewer than `min` persons: its group (`n`) is too small, or
 * between 1 and min − 1 persons contribute a non-zero value to it (`contributors`: e.g. a
 * share of 0.4 % of 541 persons shows that 2 persons have the attribute). Cells without
 * `n` or `contributors` are not judged by that measure.
 */
export function isDisclosive(cell: Cell, min = MIN_PERSONS): boolean {
  return primaryReason(cell, { ...DEFAULT_RULES, minPersons: min }) !== null;
}

/**
 * Contributors of a cell computed from several means or shares (a difference, a test, a
 * pair): a revealing part's count (1 to min − 1) if there is one, so the cell is withheld
 * with it, else the smallest. A difference next to a withheld mean would give it away.
 */
export function combinedContributors(parts: readonly number[], min = MIN_PERSONS): number {
  return parts.find((c) => c > 0 && c < min) ?? Math.min(...parts);
}

/** The cell, withheld if it rests on fewer than `min` persons. */
export function discloseCell(cell: Cell, min = MIN_PERSONS): Cell {
  if (cell.suppressed || !isDisclosive(cell, min)) return cell;
  const out: Cell = { n: cell.n, span: cell.span, format: cell.format, value: null, se: null, p: null, suppressed: true, suppression: 'primary' };
  if (cell.contributors !== undefined) out.contributors = cell.contributors;
  return out;
}

/** A count of persons as a cell; disclosure control withholds it below 5. */
export function countCell(n: number, format: NumberFormat = { decimals: 0 }): Cell {
  return { value: n, n, format };
}

/**
 * Every cell of the table through `discloseCell`; when anything was withheld, the
 * suppression note is appended (once). Returns a new table; the input is not changed.
 */
export function discloseTable(table: ReportTable, min = MIN_PERSONS): ReportTable {
  let withheld = 0;
  const rows = table.rows.map((row) => ({
    ...row,
    cells: row.cells.map((cell) => {
      const out = discloseCell(cell, min);
      if (out !== cell) withheld++;
      return out;
    }),
  }));
  const note: Label =
    min === MIN_PERSONS
      ? SUPPRESSION_NOTE
      : {
          sv: SUPPRESSION_NOTE.sv.replace(String(MIN_PERSONS), String(min)),
          en: SUPPRESSION_NOTE.en.replace(String(MIN_PERSONS), String(min)),
        };
  // A table through src/disclosure already carries the full note, which starts the same way.
  const hasNote = table.notes.some((n) => (n.sv === note.sv && n.en === note.en) || n.sv.startsWith('.. = '));
  const notes = withheld > 0 && !hasNote ? [...table.notes, note] : table.notes;
  return { ...table, rows, notes };
}

/** Number of withheld cells in a table (after `discloseTable`). */
export function suppressedCount(table: ReportTable): number {
  let c = 0;
  for (const row of table.rows) for (const cell of row.cells) if (cell.suppressed) c++;
  return c;
}
