/**
 * The render's disclosure step without running notebooks: protectChapters puts the
 * protected tables into the chapters; auditRender fails naming table, row and column when a
 * published table or numbers.json gives a withheld cell away.
 */
import { describe, expect, it } from 'vitest';
import { auditRender, protectChapters, reportTables } from '../../render/disclosure';
import type { Chapter } from '../../render/notebook';
import type { Cell, ReportTable } from '../../src/report/model';
import { tableNumbers } from '../../src/report/numbers';
import { splitRelations, withRelations } from '../../src/tables/relations';

const PCT = { decimals: 1, percent: true };
const share = (count: number, n: number): Cell => ({ value: count / n, n, contributors: count, format: PCT });
const L = (s: string) => ({ sv: s, en: s });

function chapter(): Chapter {
  const t0: ReportTable = {
    kind: 'table', id: 'tx-b3', title: L('B3'), columns: ['all', 'a', 'b'].map((k) => ({ key: k, label: L(k) })), notes: [],
    rows: [
      { key: 'edu_missing', label: L('missing'), cells: [share(12, 541), share(9, 332), share(3, 209)] },
      { key: 'woman', label: L('woman'), cells: [share(300, 541), share(190, 332), share(110, 209)] },
    ],
  };
  const t = withRelations(t0, splitRelations(t0, 'all', ['a', 'b']));
  return { file: 'x.ipynb', number: 1, title: L('x'), blocks: [{ kind: 'item', cell: 1, item: t }] };
}

describe('render disclosure step', () => {
  it('protects the tables in the chapters and records primary and secondary cells', async () => {
    const chapters = [chapter()];
    const { chapters: out, result } = await protectChapters(chapters);
    const t = reportTables(out)[0];
    expect(t.rows[0].cells[2]).toMatchObject({ value: null, suppressed: true, suppression: 'primary' });
    expect(result.report[0].secondary).toHaveLength(1);
    const numbers = tableNumbers(t);
    const m = await auditRender(reportTables(out), reportTables(chapters), numbers, result);
    expect(m.tables[0]).toMatchObject({ id: 'tx-b3', withheld: 2 });
    expect(m.audit).toMatchObject({ primary: 1, protected: 1 });
  });

  it('fails naming table, row and column when a complement is published again', async () => {
    const chapters = [chapter()];
    const { chapters: out, result } = await protectChapters(chapters);
    const leaky = reportTables(out).map((t) => ({ ...t, rows: t.rows.map((r, i) => (i === 0 ? { ...r, cells: reportTables(chapters)[0].rows[0].cells.map((c, j) => (j === 2 ? r.cells[2] : c)) } : r)) }));
    await expect(auditRender(leaky, reportTables(chapters), tableNumbers(leaky[0]), result)).rejects.toThrow(/tx-b3, row "edu_missing", column "b": a reader can compute it/);
  });

  it('fails when numbers.json carries more digits than the table prints', async () => {
    const chapters = [chapter()];
    const { chapters: out, result } = await protectChapters(chapters);
    const numbers = tableNumbers(reportTables(out)[0]).map((n) => (n.row === 'woman' && n.column === 'all' ? { ...n, value: 300 / 541 } : n));
    await expect(auditRender(reportTables(out), reportTables(chapters), numbers, result)).rejects.toThrow(/numbers\.json: tx-b3, row "woman", column "all": .* more digits/);
  });
});
