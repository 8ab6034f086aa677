/**
 * Every number of a table as flat records for numbers.json and version diffs, keyed by
 * table id, row key and column key (spans are resolved to the first column they cover).
 * Text cells are left out unless they carry a value; withheld and NA cells stay, with value null,
 * so a number that appears or disappears between versions shows in a diff.
 *
 * Values and standard errors are published at the precision the report prints them (a
 * per cent with one decimal as a share with three): full double precision would let a
 * reader difference withheld cells back exactly, which the printed tables do not allow.
 */
import { discloseTable, shownValue } from './format-bridge';
import type { Cell, ReportTable } from './model';

export interface NumberRecord {
  id: string;
  row: string;
  column: string;
  value: number | null;
  se: number | null;
  stars: string;
  /** Present and true when disclosure control withheld the cell. */
  suppressed?: boolean;
}

const finiteOrNull = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function shown(v: number | null | undefined, cell: Cell): number | null {
  const x = finiteOrNull(v);
  return x === null ? null : shownValue(x, cell.format);
}

export function tableNumbers(input: ReportTable): NumberRecord[] {
  const table = discloseTable(input);
  const out: NumberRecord[] = [];
  for (const row of table.rows) {
    if (row.header) continue;
    let col = 0;
    for (const cell of row.cells) {
      const column = table.columns[col]?.key ?? String(col);
      col += cell.span && cell.span > 1 ? cell.span : 1;
      // A text cell counts only when it carries the number it shows ("59 %, 41 %" → 0.59).
      if (cell.text && finiteOrNull(cell.value) === null) continue;
      const rec: NumberRecord = {
        id: table.id,
        row: row.key,
        column,
        value: cell.suppressed ? null : shown(cell.value, cell),
        se: cell.suppressed ? null : shown(cell.se, cell),
        stars: cell.suppressed ? '' : (cell.stars ?? ''),
      };
      if (cell.suppressed) rec.suppressed = true;
      out.push(rec);
    }
  }
  return out;
}
