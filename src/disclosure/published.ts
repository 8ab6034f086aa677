/**
 * The auditor at the end of a render, over the tables exactly as published: every cell
 * the primary rules flag must be withheld, and no withheld cell may be computable from
 * the published numbers (at their printed precision) and the declared relations to within
 * its protection level. Independent of how the cells were chosen: it sees only the final
 * tables and, for the protection levels, the values before suppression.
 */
import type { ReportTable } from '../report/model';
import { Auditor, intervalMessage, type CellInterval } from './audit';
import { CellGrid, describe } from './grid';
import { primaryReason } from './primary';
import { DEFAULT_RULES, type DisclosureRules } from './rules';

export interface AuditResult {
  /** Primary withheld cells with their intervals. */
  readonly cells: CellInterval[];
  /** One line per problem, naming table, row and column; empty when the tables are safe. */
  readonly problems: string[];
}

export async function auditPublished(published: readonly ReportTable[], original: readonly ReportTable[], rules: DisclosureRules = DEFAULT_RULES): Promise<AuditResult> {
  const before = new CellGrid(original);
  const auditor = await Auditor.create(published, rules);
  try {
    const problems: string[] = [];
    const cells: CellInterval[] = [];
    const none = new Set<string>();
    for (const c of auditor.grid.cells.values()) {
      const orig = before.cells.get(c.key);
      if (!c.cell.suppressed) {
        if (orig && !(orig.cell.text && orig.value === null) && primaryReason(orig.cell, rules)) problems.push(`${describe(c)}: published although the primary rules withhold it`);
        continue;
      }
      // Only the sensitive (primary) cells need protection; complementary cells are withheld to protect them.
      if (!orig || !primaryReason(orig.cell, rules)) continue;
      const r = auditor.check(c.key, none, orig.value);
      cells.push(r);
      if (!r.protected) problems.push(intervalMessage(r));
    }
    return { cells, problems };
  } finally {
    auditor.dispose();
  }
}
