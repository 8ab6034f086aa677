/**
 * Declarations of the linear relations a reader knows between the cells of a table (and
 * across tables), for disclosure control (src/disclosure): an all column as the weighted
 * sum of the groups, a total of counts, shares adding to 100 %, a difference beside its
 * parts, the same statistic of the same population in two tables.
 *
 * Every helper checks the relation on the cells' values before declaring it: a relation
 * that does not hold is a layout error (`exact` helpers throw) or, for the data-driven
 * ones (shares that add to 100 % only when the categories are exhaustive, the same number
 * in two tables), simply not something a reader can use, so it is not declared.
 */
import type { Cell, Relation, ReportTable } from '../report/model';

const num = (c: Cell | undefined): number | null => (c && typeof c.value === 'number' && Number.isFinite(c.value) && !c.text ? c.value : null);

function cellAt(table: ReportTable, row: string, column: string): Cell | undefined {
  const r = table.rows.find((x) => x.key === row);
  if (!r || r.header) return undefined;
  let col = 0;
  for (const c of r.cells) {
    if (table.columns[col]?.key === column) return c;
    col += c.span && c.span > 1 ? c.span : 1;
  }
  return undefined;
}

function holds(terms: { value: number; coef: number }[], constant: number): boolean {
  const lhs = terms.reduce((s, t) => s + t.coef * t.value, 0);
  const scale = terms.reduce((s, t) => s + Math.abs(t.coef * t.value), Math.abs(constant));
  return Math.abs(lhs - constant) <= 1e-9 * Math.max(1, scale);
}

const dataRows = (t: ReportTable, rows?: readonly string[]) => (rows ?? t.rows.filter((r) => !r.header).map((r) => r.key));

/**
 * Per row: total × n_total = Σ part × n_part (means and shares over disjoint groups that
 * make up the total, weighted by the persons behind each cell), or with `weights: 'unit'`
 * total = Σ parts (counts). Rows where a cell has no number are left out.
 */
export function splitRelations(table: ReportTable, total: string, parts: readonly string[], opts: { rows?: readonly string[]; weights?: 'n' | 'unit' } = {}): Relation[] {
  const out: Relation[] = [];
  for (const row of dataRows(table, opts.rows)) {
    const cells = [total, ...parts].map((col) => cellAt(table, row, col));
    const values = cells.map(num);
    if (values.some((v) => v === null)) continue;
    const w = cells.map((c) => (opts.weights === 'unit' ? 1 : (c?.n ?? NaN)));
    if (w.some((x) => !Number.isFinite(x))) continue;
    const coefs = w.map((x, i) => (i === 0 ? x : -x));
    if (!holds(values.map((v, i) => ({ value: v as number, coef: coefs[i] })), 0)) {
      throw new Error(`${table.id}, row "${row}": column ${total} is not the ${opts.weights === 'unit' ? 'sum' : 'weighted sum'} of ${parts.join(', ')}`);
    }
    const terms = [total, ...parts].map((column, i) => ({ ref: { row, column }, coef: coefs[i] })).filter((t) => t.coef !== 0);
    out.push({ kind: opts.weights === 'unit' ? 'total = sum of the parts' : 'all = weighted groups', terms });
  }
  return out;
}

/** Per column: the shares of `rows` add to 1 (declared only where they do: exhaustive categories). */
export function sharesRelations(table: ReportTable, rows: readonly string[], columns: readonly string[]): Relation[] {
  const out: Relation[] = [];
  if (!rows.every((r) => table.rows.some((x) => x.key === r))) return out;
  for (const column of columns) {
    const values = rows.map((row) => num(cellAt(table, row, column)));
    if (values.some((v) => v === null)) continue;
    if (!holds(values.map((v) => ({ value: v as number, coef: 1 })), 1)) continue;
    out.push({ kind: 'shares add to 100 %', terms: rows.map((row) => ({ ref: { row, column }, coef: 1 })), constant: 1 });
  }
  return out;
}

/** Per row: difference = minuend − subtrahend (throws where it does not hold). */
export function differenceRelations(table: ReportTable, difference: string, minuend: string, subtrahend: string, rows?: readonly string[]): Relation[] {
  const out: Relation[] = [];
  for (const row of dataRows(table, rows)) {
    const v = [difference, minuend, subtrahend].map((col) => num(cellAt(table, row, col)));
    if (v.some((x) => x === null)) continue;
    const [d, a, b] = v as number[];
    if (!holds([{ value: d, coef: 1 }, { value: a, coef: -1 }, { value: b, coef: 1 }], 0)) {
      throw new Error(`${table.id}, row "${row}": column ${difference} is not ${minuend} − ${subtrahend}`);
    }
    out.push({ kind: 'difference beside its parts', terms: [{ ref: { row, column: difference }, coef: 1 }, { ref: { row, column: minuend }, coef: -1 }, { ref: { row, column: subtrahend }, coef: 1 }] });
  }
  return out;
}

/**
 * The same statistic of the same population in two tables: for every row key of both,
 * `a`'s column equals `b`'s column (declared where the values are equal), as relations of `a`.
 */
export function sameRelations(a: ReportTable, columnA: string, b: ReportTable, columnB: string): Relation[] {
  const out: Relation[] = [];
  for (const row of dataRows(a)) {
    const x = num(cellAt(a, row, columnA));
    const y = num(cellAt(b, row, columnB));
    if (x === null || y === null || !holds([{ value: x, coef: 1 }, { value: y, coef: -1 }], 0)) continue;
    out.push({ kind: `same statistic as ${b.id}`, terms: [{ ref: { row, column: columnA }, coef: 1 }, { ref: { table: b.id, row, column: columnB }, coef: -1 }] });
  }
  return out;
}

/**
 * A group in `total` split over tables (e.g. the treatment group of all persons = its
 * women + its men): per common row, total × n = Σ part × n, declared where it holds.
 */
export function crossSplitRelations(total: ReportTable, column: string, parts: readonly { table: ReportTable; column: string }[]): Relation[] {
  const out: Relation[] = [];
  for (const row of dataRows(total)) {
    const cells = [cellAt(total, row, column), ...parts.map((p) => cellAt(p.table, row, p.column))];
    const values = cells.map(num);
    if (values.some((v) => v === null) || cells.some((c) => c?.n === undefined)) continue;
    const coefs = cells.map((c, i) => (i === 0 ? (c?.n as number) : -(c?.n as number)));
    if (!holds(values.map((v, i) => ({ value: v as number, coef: coefs[i] })), 0)) continue;
    out.push({
      kind: `split over ${parts.map((p) => p.table.id).join(' + ')}`,
      terms: [{ ref: { row, column }, coef: coefs[0] }, ...parts.map((p, i) => ({ ref: { table: p.table.id, row, column: p.column }, coef: coefs[i + 1] }))],
    });
  }
  return out;
}

/** The table with these relations added to its own. */
export function withRelations(table: ReportTable, ...relations: Relation[][]): ReportTable {
  return { ...table, relations: [...(table.relations ?? []), ...relations.flat()] };
}
