/**
 * Completeness rules on a file's columns, whatever the reader: a file must have data lines,
 * and the columns a caller needs must hold at least one value. A header-only file or an
 * all-empty column is an error naming file and column, before any estimator sees it (where
 * it would only say "all observations were dropped").
 */
import { CellProblem } from './csv';
import type { RawTable } from './read-table';

/** Throws when the file has no data rows or a column in `nonEmpty` holds no value. */
export function checkCompleteness(raw: RawTable, nonEmpty: readonly string[]): void {
  if (raw.nRows === 0) {
    const column = nonEmpty[0] ?? raw.plan.id;
    throw new CellProblem(-1, column, 'the file has only its header line: there are no data lines');
  }
  for (const name of nonEmpty) {
    const v = raw.cols[name] ?? raw.slotCols[name];
    if (!v) continue;
    let any = false;
    for (let i = 0; i < v.length && !any; i++) any = v[i] === v[i];
    if (!any) throw new CellProblem(0, name, `every cell of the column is empty or NA (${raw.nRows} line${raw.nRows === 1 ? '' : 's'})`);
  }
}
