/**
 * The audit: for every withheld cell, the smallest and largest value a reader can compute
 * from everything published — the printed numbers to their precision, the declared
 * relations within and across tables, and bounds a reader knows (a share lies in [0, 1],
 * an amount is not negative) — by linear programming. A withheld cell is protected when
 * that interval is wider than its protection level (rules.ts).
 */
import type { ReportTable } from '../report/model';
import { CellGrid, describe, isPublished, publishedInterval, type GridCell } from './grid';
import { ComponentLp, loadHighs, type LpRow } from './lp';
import { DEFAULT_RULES, type DisclosureRules } from './rules';

export interface CellInterval {
  readonly table: string;
  readonly row: string;
  readonly column: string;
  readonly lower: number;
  readonly upper: number;
  /** The width the interval must exceed. */
  readonly required: number;
  readonly protected: boolean;
}

interface ResolvedRelation {
  readonly keys: string[];
  readonly coefs: number[];
  readonly rhs: number;
  readonly kind: string;
  readonly table: string;
}

interface Component {
  readonly keys: string[];
  readonly index: Map<string, number>;
  readonly rows: LpRow[];
  lp?: ComponentLp;
}

/**
 * The width a withheld cell's interval must exceed: `relative` × |value|; for a per-cent
 * share of `n` persons, `persons`/n; for a count of persons, `persons`; at least two
 * printed digits, so a cell is never recoverable exactly.
 */
export function requiredWidth(c: GridCell, trueValue: number | null, rules: DisclosureRules): number {
  const v = trueValue ?? 0;
  const cell = c.cell;
  let need = rules.protection.relative * Math.abs(v);
  if (cell.format?.percent && cell.n && cell.n > 0) need = Math.max(need, rules.protection.persons / cell.n);
  else if (cell.n !== undefined && trueValue !== null && trueValue === cell.n) need = Math.max(need, rules.protection.persons);
  const digit = 10 ** -((cell.format?.decimals ?? 2) + (cell.format?.percent ? 2 : 0));
  return Math.max(need, 2 * digit);
}

export class Auditor {
  readonly grid: CellGrid;
  private readonly components: Component[] = [];
  private readonly componentOf = new Map<string, Component>();
  /** Relations naming a table that is not in the set (not published, so not known). */
  readonly skipped: { table: string; kind: string }[] = [];

  private constructor(
    tables: readonly ReportTable[],
    private readonly highs: Awaited<ReturnType<typeof loadHighs>>,
    readonly rules: DisclosureRules,
  ) {
    this.grid = new CellGrid(tables);
    const relations: ResolvedRelation[] = [];
    for (const t of tables)
      for (const r of t.relations ?? []) {
        const cells = r.terms.map((term) => this.grid.resolve(term.ref, t.id));
        if (cells.some((c) => c === undefined)) {
          this.skipped.push({ table: t.id, kind: r.kind });
          continue;
        }
        relations.push({ keys: cells.map((c) => (c as GridCell).key), coefs: r.terms.map((x) => x.coef), rhs: r.constant ?? 0, kind: `${t.id}: ${r.kind}`, table: t.id });
      }
    // Groups of cells linked by relations (union–find): one LP per group.
    const parent = new Map<string, string>();
    const find = (k: string): string => {
      let p = parent.get(k) ?? k;
      while (p !== (parent.get(p) ?? p)) p = parent.get(p) ?? p;
      parent.set(k, p);
      return p;
    };
    for (const r of relations) for (const k of r.keys) if (!parent.has(k)) parent.set(k, k);
    for (const r of relations) for (let i = 1; i < r.keys.length; i++) parent.set(find(r.keys[i]), find(r.keys[0]));
    const byRoot = new Map<string, Component>();
    for (const k of parent.keys()) {
      const root = find(k);
      let comp = byRoot.get(root);
      if (!comp) {
        comp = { keys: [], index: new Map(), rows: [] };
        byRoot.set(root, comp);
        this.components.push(comp);
      }
      comp.index.set(k, comp.keys.length);
      comp.keys.push(k);
      this.componentOf.set(k, comp);
    }
    for (const r of relations) {
      const comp = this.componentOf.get(r.keys[0]) as Component;
      comp.rows.push({ indices: r.keys.map((k) => comp.index.get(k) as number), coefs: r.coefs, rhs: r.rhs, kind: r.kind });
    }
  }

  static async create(tables: readonly ReportTable[], rules: DisclosureRules = DEFAULT_RULES): Promise<Auditor> {
    return new Auditor(tables, await loadHighs(), rules);
  }

  /** Cells sharing a relation with `key` (its neighbours in the relation graph). */
  neighbours(key: string): string[] {
    const comp = this.componentOf.get(key);
    if (!comp) return [];
    const j = comp.index.get(key) as number;
    const out = new Set<string>();
    for (const r of comp.rows) if (r.indices.includes(j)) for (const i of r.indices) if (i !== j) out.add(comp.keys[i]);
    return [...out];
  }

  /** Keys of the cells in the same group of related cells as `key` (itself included). */
  group(key: string): readonly string[] {
    return this.componentOf.get(key)?.keys ?? [key];
  }

  /** [min, max] a reader can compute for the cell when the cells in `withheld` are not published. */
  interval(key: string, withheld: ReadonlySet<string>): [number, number] {
    const c = this.grid.cells.get(key) as GridCell;
    const comp = this.componentOf.get(key);
    if (!comp) return [c.lower, c.upper];
    comp.lp ??= new ComponentLp(this.highs, comp.keys.length, comp.rows);
    const bounds = comp.keys.map((k): [number, number] => {
      const g = this.grid.cells.get(k) as GridCell;
      return isPublished(g, withheld) ? publishedInterval(g) : [g.lower, g.upper];
    });
    return comp.lp.interval(comp.index.get(key) as number, bounds);
  }

  /** The audit of one withheld cell; `trueValue` is its value before it was withheld. */
  check(key: string, withheld: ReadonlySet<string>, trueValue: number | null): CellInterval {
    const c = this.grid.cells.get(key) as GridCell;
    const [lower, upper] = this.interval(key, withheld);
    const required = requiredWidth(c, trueValue, this.rules);
    return { table: c.table, row: c.row, column: c.column, lower, upper, required, protected: upper - lower > required };
  }

  get solves(): number {
    return this.components.reduce((s, c) => s + (c.lp?.solves ?? 0), 0);
  }

  dispose(): void {
    for (const c of this.components) {
      c.lp?.dispose();
      c.lp = undefined;
    }
  }
}

export function intervalMessage(i: CellInterval): string {
  const fmt = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(6))) : x > 0 ? '∞' : '−∞');
  return `${describe(i)}: a reader can compute it to [${fmt(i.lower)}, ${fmt(i.upper)}], narrower than the protection level ${fmt(i.required)}`;
}
