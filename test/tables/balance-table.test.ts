import { describe, expect, it } from 'vitest';
import { formatCellInline } from '../../src/format/cell';
import { checkItem } from '../../src/report/validate';
import { tableNumbers } from '../../src/report/numbers';
import { shownValue } from '../../src/format/number';
import { balanceRow } from '../../src/stats/balance';
import { everInState } from '../../src/stats/descriptive';
import { maskAnd, maskOr } from '../../src/stats/mask';
import { tTest } from '../../src/stats/ttest';
import { balanceTestSummary, balanceTable } from '../../src/tables/balance-table';

// Thirteen kinds of person, each three times, so that cells clear disclosure control
// (at least 5 persons, and 5 with a non-zero value behind a mean or share) unless a test wants otherwise.
const rep = (xs: number[]) => xs.flatMap((x) => [x, x, x]);
const a = Uint8Array.from(rep([1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]));
const b = Uint8Array.from(rep([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0]));
const age = Float64Array.from(rep([30, 41, 35, 52, 28, NaN, 44, 39, 61, 33, 47, 50, 99]));
const woman = Float64Array.from(rep([1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1]));
const days = Float64Array.from(rep([0, 120, 0, 400, 35, 0, 0, 0, 210, 60, 0, 15, 1000]));
const L = (s: string) => ({ sv: s, en: s });

const table = balanceTable({
  id: 'x-bal',
  title: L('Balans'),
  stub: L('Variabel'),
  columns: [L('Alla'), L('A'), L('B'), L('p')],
  a,
  b,
  rows: [
    { kind: 'variable', key: 'age', label: L('Ålder'), values: age, unit: 'years' },
    { kind: 'header', key: 'h', label: L('Rubrik') },
    { kind: 'variable', key: 'woman', label: L('Kvinnor'), values: woman, unit: 'share' },
    { kind: 'ever', key: 'days', label: L('Dagar'), values: days, unit: 'days', rowLabels: { all: L('Alla'), ever: L('Någon gång'), share: L('Andel') } },
    { kind: 'count', key: 'observations', label: L('Observationer') },
  ],
});
const nums = tableNumbers(table);
const num = (row: string, column: string) => nums.find((r) => r.row === row && r.column === column)!.value;
/** numbers.json carries a value at the precision the table prints it (the cell's format). */
const shown = (row: string, column: string, x: number | null) => {
  const j = table.columns.findIndex((c) => c.key === column);
  return shownValue(x!, table.rows.find((r) => r.key === row)!.cells[j].format);
};

describe('balanceTable', () => {
  it('shows all / A / B means and the Welch p-value of balanceRow; the unit outside both groups is left out', () => {
    checkItem(table);
    const ref = balanceRow(age, a, b);
    expect(num('age', 'all')).toBe(shown('age', 'all', ref.all.mean.value));
    expect(num('age', 'a')).toBe(shown('age', 'a', ref.treated.mean.value));
    expect(num('age', 'b')).toBe(shown('age', 'b', ref.control.mean.value));
    expect(num('age', 'p')).toBe(shown('age', 'p', ref.test.p.value));
    expect(table.rows[0].cells[1].n).toBe(15); // one kind of person in A lacks an age
    expect(table.rows[0].cells[3].n).toBe(15);
    expect(formatCellInline(table.rows[2].cells[1], 'sv')).toBe('66,7\u00a0%');
    expect(table.notes.at(-1)!.en).toContain('Welch');
  });

  it('spells a duration out as everInState rows, the middle one tested among the ever-affected', () => {
    const ea = everInState(days, a);
    const eb = everInState(days, b);
    const all = everInState(days, maskOr(a, b));
    expect(table.rows.slice(3, 7).map((r) => r.key)).toEqual(['days', 'days_all', 'days_ever', 'days_share']);
    expect(num('days_all', 'a')).toBe(shown('days_all', 'a', ea.all.mean.value));
    const ever3 = table.rows.find((r) => r.key === 'days_ever')!.cells;
    expect(ever3[2].value).toBe(eb.amongEver.mean.value);
    // Nine persons in B were ever in the state: enough to show.
    expect(ever3[2].n).toBe(9);
    expect(nums.find((r) => r.row === 'days_ever' && r.column === 'b')!.suppressed).toBeFalsy();
    expect(num('days_share', 'all')).toBe(shown('days_share', 'all', all.ever.share.value));
    const ever = Uint8Array.from(days, (d) => (d > 0 ? 1 : 0));
    expect(ever3[3].value).toBe(tTest(days, maskAnd(a, ever), maskAnd(b, ever)).p.value);
    expect(num('days_all', 'p')).toBe(shown('days_all', 'p', tTest(days, a, b).p.value));
  });

  it('counts persons per column and leaves the p-value of the count row empty', () => {
    expect([num('observations', 'all'), num('observations', 'a'), num('observations', 'b'), num('observations', 'p')]).toEqual([36, 18, 18, null]);
  });

  it('gives an empty group a worded NA, never NaN, and withholds cells under 5 persons', () => {
    const t = balanceTable({ id: 'x-empty', title: L('t'), columns: [L('Alla'), L('A'), L('B'), L('p')], a, b: new Uint8Array(39), rows: [{ kind: 'variable', key: 'age', label: L('Ålder'), values: age, unit: 'years' }] });
    expect(t.rows[0].cells[2]).toMatchObject({ value: null, na: { en: 'empty group' } });
    expect(t.rows[0].cells[3].value).toBeNull();
    const small = balanceTable({ id: 'x-small', title: L('t'), columns: [L('Alla'), L('A'), L('B'), L('p')], a: Uint8Array.from([1, 1, 1, 0, 0, 0]), b: Uint8Array.from([0, 0, 0, 1, 1, 1]), rows: [{ kind: 'variable', key: 'v', label: L('v'), values: Float64Array.from([1, 2, 3, 4, 5, 6]), unit: 'days' }] });
    expect(tableNumbers(small).filter((r) => r.suppressed).map((r) => r.column)).toEqual(['a', 'b', 'p']);
  });

  it('withholds a mean that fewer than 5 persons with a non-zero value make up, though the group is large', () => {
    const rare = Float64Array.from(b, (inB, i) => (inB && i < 20 ? 300 : 0)); // 2 persons in B (indices 18, 19)
    const t = balanceTable({ id: 'x-rare', title: L('t'), columns: [L('Alla'), L('A'), L('B'), L('p')], a, b, rows: [{ kind: 'variable', key: 'v', label: L('v'), values: rare, unit: 'kr' }] });
    expect(t.rows[0].cells[2]).toMatchObject({ n: 18, contributors: 2 });
    expect(tableNumbers(t).filter((r) => r.suppressed).map((r) => r.column)).toEqual(['all', 'b', 'p']); // the p-value goes with the mean it tests
  });

  it('names a row whose values do not fit the groups', () => {
    expect(() => balanceTable({ id: 'x', title: L('t'), columns: [L('1'), L('2'), L('3'), L('4')], a, b, rows: [{ kind: 'variable', key: 'short', label: L('s'), values: new Float64Array(3), unit: 'kr' }] })).toThrow(/row "short" has 3 values for 39 persons/);
  });
});

describe('balanceTestSummary and disclosure control', () => {
  it('does not count or quote a p-value the primary rules withhold', () => {
    const cols = ['all', 'a', 'b', 'p'].map((k) => ({ key: k, label: { sv: k, en: k } }));
    const row = (key: string, p: number, contributors?: number) => ({
      key,
      label: { sv: key, en: key },
      cells: [{ value: 1 }, { value: 1 }, { value: 1 }, { value: p, n: 100, ...(contributors !== undefined ? { contributors } : {}) }],
    });
    const t = { kind: 'table' as const, id: 'x', title: { sv: 'x', en: 'x' }, columns: cols, notes: [], rows: [row('small', 0.001, 2), row('big', 0.03, 50)] };
    const s = balanceTestSummary(t);
    expect(s.tests).toBe(1);
    expect(s.smallest!.key).toBe('big');
  });
});
