/**
 * Disclosure control of a set of tables, the one call the render makes before anything is
 * written: primary suppression (primary.ts), then secondary suppression by a greedy
 * heuristic checked by the LP audit (audit.ts), then the withheld cells written back
 * ("..", value, SE, p and stars removed) with the table note (rules.ts).
 *
 * Heuristic: for each primary cell whose interval is too narrow, try each published cell
 * that shares a relation with a withheld cell of its group, and withhold the one that
 * protects it at the least cost (a cell of the same table first, then the smallest
 * |value| × persons, τ-ARGUS's usual "suppress little information" cost); if none is
 * enough alone, the one that widens the interval most, and repeat. Finally every
 * complementary cell is tried back: it is published again if all primary cells stay
 * protected without it. Suppression only widens intervals, so cells protected earlier stay so.
 */
import type { Cell, Label, ReportTable } from '../report/model';
import { Auditor, intervalMessage, type CellInterval } from './audit';
import { cellKey, isPublished, type GridCell } from './grid';
import { primaryReason, type PrimaryReason } from './primary';
import { DEFAULT_RULES, disclosureNote, type DisclosureRules } from './rules';

export interface TableDisclosure {
  readonly id: string;
  /** Cells with a number before disclosure control. */
  readonly numbers: number;
  readonly primary: { row: string; column: string; rule: PrimaryReason }[];
  readonly secondary: { row: string; column: string }[];
}

export interface DisclosureResult {
  readonly tables: ReportTable[];
  readonly report: TableDisclosure[];
  /** Relations left out because they name a table not in the set. */
  readonly skipped: { table: string; kind: string }[];
  readonly solves: number;
}

const MAX_STEPS = 40;

function withheldCell(cell: Cell, suppression: 'primary' | 'secondary'): Cell {
  const out: Cell = { value: null, se: null, p: null, suppressed: true, suppression };
  if (cell.n !== undefined) out.n = cell.n;
  if (cell.span !== undefined) out.span = cell.span;
  if (cell.format !== undefined) out.format = cell.format;
  if (cell.bounds !== undefined) out.bounds = cell.bounds;
  return out;
}

/** The old frequency note, replaced by the full note where control withheld anything. */
const isOldNote = (n: Label) => n.en.startsWith('.. = ');

export async function protectTables(input: readonly ReportTable[], rules: DisclosureRules = DEFAULT_RULES): Promise<DisclosureResult> {
  const auditor = await Auditor.create(input, rules);
  try {
    const grid = auditor.grid;
    const primary = new Map<string, PrimaryReason>();
    for (const c of grid.cells.values()) {
      if (c.cell.text && c.value === null) continue;
      const reason = primaryReason(c.cell, rules);
      if (reason) primary.set(c.key, reason);
    }
    const withheld = new Set<string>(primary.keys());
    const secondary: string[] = [];
    const cost = (c: GridCell, from: GridCell) => (c.table === from.table ? 0 : 1e12) + Math.abs((c.value ?? 0) * (c.cell.n ?? 1));

    for (const key of primary.keys()) {
      const target = grid.cells.get(key) as GridCell;
      for (let step = 0; ; step++) {
        const now = auditor.check(key, withheld, target.value);
        if (now.protected) break;
        if (step === MAX_STEPS) throw new Error(`disclosure: cannot protect ${intervalMessage(now)}`);
        const candidates = new Set<string>();
        for (const k of auditor.group(key))
          if (withheld.has(k)) for (const nb of auditor.neighbours(k)) if (isPublished(grid.cells.get(nb) as GridCell, withheld)) candidates.add(nb);
        if (candidates.size === 0) throw new Error(`disclosure: nothing left to withhold to protect ${intervalMessage(now)}`);
        let best: { key: string; enough: boolean; width: number; cost: number } | null = null;
        for (const k of candidates) {
          withheld.add(k);
          const r: CellInterval = auditor.check(key, withheld, target.value);
          withheld.delete(k);
          const cand = { key: k, enough: r.protected, width: r.upper - r.lower, cost: cost(grid.cells.get(k) as GridCell, target) };
          const better =
            !best ||
            (cand.enough && !best.enough) ||
            (cand.enough === best.enough && (cand.enough ? cand.cost < best.cost : cand.width > best.width || (cand.width === best.width && cand.cost < best.cost)));
          if (better) best = cand;
        }
        withheld.add((best as { key: string }).key);
        secondary.push((best as { key: string }).key);
      }
    }
    // Publish again every complementary cell that is not needed.
    const kept: string[] = [];
    for (const k of [...secondary].reverse()) {
      withheld.delete(k);
      const group = auditor.group(k).filter((g) => primary.has(g));
      if (group.every((g) => auditor.check(g, withheld, (grid.cells.get(g) as GridCell).value).protected)) continue;
      withheld.add(k);
      kept.push(k);
    }
    const secondarySet = new Set(kept);

    const tables = input.map((table): ReportTable => {
      let any = false;
      const rows = table.rows.map((row) => {
        if (row.header) return row;
        let col = 0;
        return {
          ...row,
          cells: row.cells.map((cell) => {
            const column = table.columns[col]?.key ?? String(col);
            col += cell.span && cell.span > 1 ? cell.span : 1;
            const c = grid.cells.get(cellKey(table.id, row.key, column)) as GridCell;
            if (primary.has(c.key) || secondarySet.has(c.key)) {
              any = true;
              return withheldCell(cell, primary.has(c.key) ? 'primary' : 'secondary');
            }
            return cell;
          }),
        };
      });
      const notes = table.notes.filter((n) => !isOldNote(n));
      return { ...table, rows, notes: any ? [...notes, disclosureNote(rules)] : notes };
    });

    const report = input.map((table): TableDisclosure => {
      const cells = [...grid.cells.values()].filter((c) => c.table === table.id);
      return {
        id: table.id,
        numbers: cells.filter((c) => c.value !== null).length,
        primary: cells.filter((c) => primary.has(c.key)).map((c) => ({ row: c.row, column: c.column, rule: primary.get(c.key) as PrimaryReason })),
        secondary: cells.filter((c) => secondarySet.has(c.key)).map((c) => ({ row: c.row, column: c.column })),
      };
    });
    return { tables, report, skipped: auditor.skipped, solves: auditor.solves };
  } finally {
    auditor.dispose();
  }
}
