/**
 * A table's numbers as the notebook computed them, keyed like numbers.json (row key,
 * column key, spans resolved) but at full precision: numbers.json rounds to what the
 * report prints, which is too coarse to compare against the library to 12 digits.
 */
import type { ReportTable } from '../../src/report/model';

export interface TableValue {
  row: string;
  column: string;
  value: number | null;
  se: number | null;
}

export function tableValues(table: ReportTable): TableValue[] {
  const out: TableValue[] = [];
  for (const row of table.rows) {
    if (row.header) continue;
    let col = 0;
    for (const cell of row.cells) {
      const column = table.columns[col]?.key ?? String(col);
      col += cell.span && cell.span > 1 ? cell.span : 1;
      if (cell.text && !(typeof cell.value === 'number' && Number.isFinite(cell.value))) continue;
      const fin = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
      out.push({ row: row.key, column, value: cell.suppressed ? null : fin(cell.value), se: cell.suppressed ? null : fin(cell.se) });
    }
  }
  return out;
}
