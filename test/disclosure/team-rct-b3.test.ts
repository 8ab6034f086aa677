/**
 * R24 Table B3 on the synthetic data, built as notebooks/02-team-rct-balance.ipynb builds
 * it: the issue's cells (control group: education missing, sickness compensation in kronor
 * and gross and net days, days in subsidised employment, unemployment insurance benefit)
 * rest on 1–4 persons; with the frequency rule alone the rest of B3 (and B5–B7) gives
 * them back; after protectTables no withheld cell of B3–B7 can be computed back.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStudy } from '../../src/data/index';
import { auditPublished, protectTables, type DisclosureResult } from '../../src/disclosure/index';
import type { ReportTable } from '../../src/report/model';
import { teamRctBalanceData, teamRctBalanceTables, teamRctHistoryTable } from '../../src/tables/team-rct-balance';

const ISSUE_ROWS = ['edu_missing', 'se_kr', 'se_gross', 'se_net', 'subsidised_days', 'ui_kr'];
let tables: ReportTable[];
let result: DisclosureResult;

beforeAll(async () => {
  const data = teamRctBalanceData(await loadStudy('team-rct'));
  const t = teamRctBalanceTables(data);
  tables = [t.b3, teamRctHistoryTable(data), t.b5, t.b6, t.b7];
  result = await protectTables(tables);
}, 120_000);

const cell = (t: ReportTable, row: string, column: string) => t.rows.find((r) => r.key === row)!.cells[t.columns.findIndex((c) => c.key === column)];

describe('R24 Table B3 (synthetic data, notebook 02 path)', () => {
  it('declares the relations a reader knows, within B3 and to B5–B7', () => {
    const kinds = new Set(tables[0].relations!.map((r) => r.kind));
    for (const k of ['all = weighted groups', 'total = sum of the parts', 'shares add to 100 %', 'same statistic as r24-tab-b5', 'split over r24-tab-b6 + r24-tab-b7']) expect(kinds).toContain(k);
  });

  it('leaks the control cells when only the frequency rule withholds them', async () => {
    const primaryOnly = tables.map((t) => ({
      ...t,
      rows: t.rows.map((r) => ({ ...r, cells: r.cells.map((c) => ((c.contributors ?? 0) > 0 && (c.contributors ?? 0) < 5) || (c.n ?? 99) < 5 ? { ...c, value: null, suppressed: true } : c) })),
    }));
    const problems = (await auditPublished(primaryOnly, tables)).problems.join('\n');
    expect(problems).toMatch(/r24-tab-b3, row "edu_missing", column "b"/);
  });

  it('withholds and protects the issue cells; the audit finds nothing recoverable', async () => {
    const b3 = result.tables[0];
    for (const row of ISSUE_ROWS) {
      const raw = cell(tables[0], row, 'b');
      if ((raw.contributors ?? 0) > 0 && (raw.contributors ?? 0) < 5) expect(cell(b3, row, 'b'), row).toMatchObject({ value: null, suppressed: true, suppression: 'primary' });
    }
    expect(cell(b3, 'edu_missing', 'b').suppressed).toBe(true);
    const audit = await auditPublished(result.tables, tables);
    expect(audit.problems).toEqual([]);
    const edu = audit.cells.find((c) => c.table === 'r24-tab-b3' && c.row === 'edu_missing' && c.column === 'b')!;
    // The reader's interval for the control share spans more than 5 of its persons.
    expect((edu.upper - edu.lower) * cell(tables[0], 'edu_missing', 'b').n!).toBeGreaterThan(5);
    expect(b3.notes.at(-1)!.sv).toMatch(/SCB:s tabeller/);
  });

  it('needs few complementary cells: fewer than the primary ones', () => {
    const b3 = result.report[0];
    expect(b3.primary.length).toBeGreaterThan(0);
    expect(b3.secondary.length).toBeLessThan(b3.primary.length);
  });
});
