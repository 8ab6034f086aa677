/**
 * The cells of a set of tables in one index, keyed by table id, row key and column key,
 * with what a reader knows of each: the printed value to its precision (an interval of
 * ± half a printed digit) or, for a withheld or missing cell, only its known bounds.
 */
import { shownHalfUnit, shownValue } from '../format/number';
import type { Cell, CellRef, ReportTable } from '../report/model';

export interface GridCell {
  readonly key: string;
  readonly table: string;
  readonly row: string;
  readonly column: string;
  /** Position in the table, to write a decision back. */
  readonly rowIndex: number;
  readonly cellIndex: number;
  readonly cell: Cell;
  /** The true value (null for a text or a missing value). */
  readonly value: number | null;
  /** Bounds a reader knows without the table: the cell's own, [0, 1] for a per cent. */
  readonly lower: number;
  readonly upper: number;
}

export const cellKey = (table: string, row: string, column: string): string => `${table}\u241f${row}\u241f${column}`;
export const describe = (c: { table: string; row: string; column: string }): string => `${c.table}, row "${c.row}", column "${c.column}"`;

function bounds(cell: Cell): [number, number] {
  const lower = cell.bounds?.lower ?? (cell.format?.percent ? 0 : -Infinity);
  const upper = cell.bounds?.upper ?? (cell.format?.percent ? 1 : Infinity);
  return [lower, upper];
}

export class CellGrid {
  readonly cells = new Map<string, GridCell>();
  readonly tables = new Map<string, ReportTable>();

  constructor(tables: readonly ReportTable[]) {
    for (const table of tables) {
      this.tables.set(table.id, table);
      table.rows.forEach((row, rowIndex) => {
        if (row.header) return;
        let col = 0;
        row.cells.forEach((cell, cellIndex) => {
          const column = table.columns[col]?.key ?? String(col);
          col += cell.span && cell.span > 1 ? cell.span : 1;
          const value = typeof cell.value === 'number' && Number.isFinite(cell.value) ? cell.value : null;
          const [lower, upper] = bounds(cell);
          const key = cellKey(table.id, row.key, column);
          this.cells.set(key, { key, table: table.id, row: row.key, column, rowIndex, cellIndex, cell, value, lower, upper });
        });
      });
    }
  }

  /** The cell a relation term names, or undefined when its table is not in the set. */
  resolve(ref: CellRef, from: string): GridCell | undefined {
    const table = ref.table ?? from;
    if (!this.tables.has(table)) return undefined;
    const c = this.cells.get(cellKey(table, ref.row, ref.column));
    if (!c) throw new Error(`disclosure: a relation of table ${from} names ${describe({ table, row: ref.row, column: ref.column })}, which the table does not have`);
    return c;
  }
}

/** Whether the reader sees the cell's number. */
export function isPublished(c: GridCell, suppressed: ReadonlySet<string>): boolean {
  return c.value !== null && !suppressed.has(c.key) && !c.cell.suppressed;
}

/** The interval a published cell's printed number gives: shown value ± half a digit. */
export function publishedInterval(c: GridCell): [number, number] {
  const v = c.value as number;
  const s = shownValue(v, c.cell.format);
  const h = shownHalfUnit(v, c.cell.format);
  return [s - h, s + h];
}
