import { describe, expect, it } from 'vitest';
import { auditPublished, protectTables } from '../../src/disclosure/index';
import type { Cell, ReportTable, Row } from '../../src/report/model';
import { differenceRelations, sameRelations, sharesRelations, splitRelations, withRelations } from '../../src/tables/relations';

const PCT = { decimals: 1, percent: true };
const L = (s: string) => ({ sv: s, en: s });

/** A share cell of `count` persons out of `n`. */
const share = (count: number, n: number): Cell => ({ value: count / n, n, contributors: count, format: PCT });
const countCell = (n: number): Cell => ({ value: n, n, format: { decimals: 0 } });
const row = (key: string, cells: Cell[]): Row => ({ key, label: L(key), cells });
const table = (id: string, columns: string[], rows: Row[]): ReportTable => ({ kind: 'table', id, title: L(id), columns: columns.map((k) => ({ key: k, label: L(k) })), rows, notes: [] });

/** Primary suppression alone (the report before this module): the withheld cells' audit. */
async function primaryOnlyProblems(tables: ReportTable[]): Promise<string[]> {
  const withheld = tables.map((t) => ({
    ...t,
    rows: t.rows.map((r) => ({ ...r, cells: r.cells.map((c) => (c.contributors !== undefined && c.contributors > 0 && c.contributors < 5) || (c.n !== undefined && c.n < 5) ? { ...c, value: null, suppressed: true } : c) })),
  }));
  return (await auditPublished(withheld, tables)).problems;
}

function suppressed(t: ReportTable): string[] {
  const out: string[] = [];
  for (const r of t.rows) r.cells.forEach((c, j) => c.suppressed && out.push(`${r.key}/${t.columns[j].key}/${c.suppression}`));
  return out;
}

/** R24 Table B3's leak: 541 = 332 + 209 persons, education missing for 12 = 9 + 3. */
function b3(): ReportTable {
  const N = [541, 332, 209];
  const edu: [string, number[]][] = [
    ['edu_pre', [200, 120, 80]],
    ['edu_upper', [250, 150, 100]],
    ['edu_post', [79, 53, 26]],
    ['edu_missing', [12, 9, 3]],
  ];
  const t = table('b3', ['all', 't', 'c'], [...edu.map(([k, c]) => row(k, c.map((x, j) => share(x, N[j])))), row('observations', N.map(countCell))]);
  return withRelations(t, splitRelations(t, 'all', ['t', 'c'], { rows: edu.map((e) => e[0]) }), splitRelations(t, 'all', ['t', 'c'], { rows: ['observations'], weights: 'unit' }), sharesRelations(t, edu.map((e) => e[0]), ['all', 't', 'c']));
}

describe('disclosure control catches and fixes known leaks', () => {
  it('B3: control = (541·All − 332·T)/209 recovers 3 persons; fixed with few complements', async () => {
    const input = [b3()];
    const leaks = await primaryOnlyProblems(input);
    expect(leaks.join('\n')).toMatch(/b3, row "edu_missing", column "c"/);
    const { tables, report } = await protectTables(input);
    expect(report[0].primary).toEqual([{ row: 'edu_missing', column: 'c', rule: 'contributors' }]);
    // The complements: the treatment cell of the row and, for the 100 % columns, one more
    // category in each arm — the classic four-cell rectangle, nothing more.
    expect(report[0].secondary.length).toBeGreaterThanOrEqual(1);
    expect(report[0].secondary.length).toBeLessThanOrEqual(3);
    const audit = await auditPublished(tables, input);
    expect(audit.problems).toEqual([]);
    const c = audit.cells.find((x) => x.row === 'edu_missing' && x.column === 'c')!;
    expect((c.upper - c.lower) * 209).toBeGreaterThan(5);
    expect(tables[0].notes.at(-1)!.sv).toMatch(/^\.\. = uppgiften redovisas inte/);
    expect(suppressed(tables[0])).toContain('edu_missing/c/primary');
  });

  it('a total row: the withheld part is the total minus the others', async () => {
    const t0 = table('tot', ['persons'], [row('a', [countCell(120)]), row('b', [countCell(3)]), row('c', [countCell(40)]), row('total', [countCell(163)])]);
    const t = withRelations(t0, [{ kind: 'total', terms: ['a', 'b', 'c'].map((r) => ({ ref: { row: r, column: 'persons' }, coef: 1 })).concat([{ ref: { row: 'total', column: 'persons' }, coef: -1 }]) }]);
    expect((await primaryOnlyProblems([t])).join()).toMatch(/row "b"/);
    const { tables, report } = await protectTables([t]);
    expect(report[0].secondary).toHaveLength(1);
    // The cheapest complement: the smaller other part (c, 40), not a, not the total.
    expect(report[0].secondary[0].row).toBe('c');
    expect((await auditPublished(tables, [t])).problems).toEqual([]);
  });

  it('shares completing 100 %: the withheld share is 1 minus the rest', async () => {
    const n = 300;
    const t0 = table('shares', ['share'], [row('x', [share(150, n)]), row('y', [share(2, n)]), row('z', [share(148, n)])]);
    const t = withRelations(t0, sharesRelations(t0, ['x', 'y', 'z'], ['share']));
    expect(t.relations).toHaveLength(1);
    expect((await primaryOnlyProblems([t])).join()).toMatch(/row "y"/);
    const { tables, report } = await protectTables([t]);
    expect(report[0].secondary).toHaveLength(1);
    expect((await auditPublished(tables, [t])).problems).toEqual([]);
  });

  it('a difference column beside its parts', async () => {
    const fmt = { decimals: 0 };
    const t0 = table('diff', ['c', 't', 'd'], [
      row('kr', [{ value: 1200, n: 200, contributors: 4, format: fmt, bounds: { lower: 0 } }, { value: 5400, n: 300, contributors: 40, format: fmt, bounds: { lower: 0 } }, { value: -4200, n: 200, format: fmt }]),
    ]);
    const t = withRelations(t0, differenceRelations(t0, 'd', 'c', 't'));
    expect((await primaryOnlyProblems([t])).join()).toMatch(/row "kr", column "c"/);
    const { tables, report } = await protectTables([t]);
    expect(report[0].secondary).toHaveLength(1);
    expect((await auditPublished(tables, [t])).problems).toEqual([]);
  });

  it('the same cell in two tables', async () => {
    const a0 = table('ta', ['all', 't', 'c'], [row('sick', [share(10, 541), share(7, 332), share(3, 209)])]);
    const b = table('tb', ['t', 'c'], [row('sick', [share(7, 332), { ...share(3, 209), contributors: undefined }])]);
    // tb forgets the contributor rule for its copy; the relation carries ta's protection over.
    const a = withRelations(a0, splitRelations(a0, 'all', ['t', 'c']), sameRelations(a0, 'c', b, 'c'));
    expect(a.relations).toHaveLength(2);
    const { tables, report } = await protectTables([a, b]);
    expect(report[1].secondary.map((s) => s.column)).toContain('c');
    expect((await auditPublished(tables, [a, b])).problems).toEqual([]);
    // Left out, the other table's copy is reported by the auditor with its place.
    const leak = [tables[0], b];
    const problems = (await auditPublished(leak, [a, b])).problems;
    expect(problems.join('\n')).toMatch(/ta, row "sick", column "c"/);
  });

  it('dominance: a mean amount held by two persons is withheld although 40 persons contribute', async () => {
    const t = table('dom', ['m'], [row('kr', [{ value: 1000, n: 200, contributors: 40, largest: [0.6, 0.9], format: { decimals: 0 } }])]);
    const { report } = await protectTables([t]);
    expect(report[0].primary).toEqual([{ row: 'kr', column: 'm', rule: 'dominance' }]);
  });

  it('fails on a relation that does not hold', () => {
    const t = table('bad', ['all', 't', 'c'], [row('x', [share(10, 541), share(7, 332), share(4, 209)])]);
    expect(() => splitRelations(t, 'all', ['t', 'c'])).toThrow(/bad, row "x"/);
  });
});
