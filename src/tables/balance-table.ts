/**
 * Balance tables with two groups and a test (R24 Tables B3–B7, and the history table B4):
 * columns "all" (the two groups together), group A, group B and the p-value of the
 * A − B difference (Welch's t-test, src/stats/ttest.ts).
 *
 * Rows:
 * - `variable`: a per-person variable (Float64Array, NaN = missing) summarised by its mean;
 *   the measure unit picks the format (a 0/1 variable with unit 'share' prints as per cent);
 * - `ever`: a duration in a state (days registered, sick days, ...) as the three rows of
 *   `everInState`: mean over all, mean among those ever in the state, share ever in it,
 *   each with its own test (the middle row compares A and B among the ever-affected);
 * - `count`: the persons in each column (p-value cell empty);
 * - `header`: a section heading.
 *
 * `n` on each cell is the persons behind it (group size; the smaller group for a test),
 * so disclosure control withholds anything resting on fewer than 5 persons.
 */
import type { MeasureUnit } from '../data/schema';
import { COUNT_FORMAT, numberFormatFor, P_VALUE_FORMAT } from '../format/number';
import { valueCell } from '../format/cell';
import { combinedContributors, isDisclosive } from '../format/disclosure';
import { largestShares } from '../disclosure/primary';
import type { Cell, Label, ReportTable, Row } from '../report/model';
import { everInState } from '../stats/descriptive';
import { maskAnd, maskCount, maskOr, type Mask } from '../stats/mask';
import { ok, type Value } from '../stats/na';
import { summarize, type Summary } from '../stats/summary';
import { tTest, tTestNote, type TTest } from '../stats/ttest';
import { sharesRelations, splitRelations } from './relations';

export type BalanceLayoutRow =
  | { readonly kind: 'header'; readonly key: string; readonly label: Label }
  | { readonly kind: 'variable'; readonly key: string; readonly label: Label; readonly values: Float64Array; readonly unit: MeasureUnit }
  | {
      readonly kind: 'ever';
      readonly key: string;
      /** Heading of the three rows, e.g. "Registered at Arbetsförmedlingen, days". */
      readonly label: Label;
      readonly values: Float64Array;
      readonly unit: MeasureUnit;
      /** Labels of the three rows: everyone, those ever in the state, the share ever in it. */
      readonly rowLabels: { readonly all: Label; readonly ever: Label; readonly share: Label };
    }
  | { readonly kind: 'count'; readonly key: string; readonly label: Label };

export interface BalanceTableSpec {
  readonly id: string;
  readonly title: Label;
  readonly stub?: Label;
  /** Column labels: all, group A, group B, p-value. */
  readonly columns: readonly [Label, Label, Label, Label];
  readonly a: Mask;
  readonly b: Mask;
  readonly rows: readonly BalanceLayoutRow[];
  readonly notes?: readonly Label[];
  /**
   * Groups of share rows that are categories of one variable (education: compulsory,
   * upper secondary, post-secondary, missing): where they add to 100 % in a column, a
   * reader knows it, so the relation is declared for disclosure control.
   */
  readonly shareGroups?: readonly (readonly string[])[];
}

export const BALANCE_COLUMN_KEYS = ['all', 'a', 'b', 'p'] as const;

/** Amounts whose sum or mean one or two persons can dominate (the dominance rules apply). */
const AMOUNT_UNITS: ReadonlySet<MeasureUnit> = new Set<MeasureUnit>(['kr', 'days', 'months']);

/**
 * A mean with what disclosure control needs: persons, contributors, and for amounts the
 * shares of the largest contributors and the bound a reader knows (amounts are not negative).
 */
function meanCell(s: Summary, unit: MeasureUnit, fmt = numberFormatFor(unit, 'level')): Cell {
  const cell = valueCell(s.mean, { format: fmt, n: s.n, contributors: s.nNonZero });
  const min = s.min.value;
  if (AMOUNT_UNITS.has(unit) && min !== null && cell.value !== null) {
    const largest = largestShares(s.sum, s.largest, min);
    if (largest) cell.largest = largest;
  }
  if (unit !== 'share' && min !== null && min >= 0 && cell.value !== null) cell.bounds = { lower: 0 };
  return cell;
}

function pCell(test: TTest, a: Summary, b: Summary): Cell {
  return valueCell(test.p, { format: P_VALUE_FORMAT, n: Math.min(a.n, b.n), contributors: combinedContributors([a.nNonZero, b.nNonZero]) });
}

/** all / A / B means and the p-value of A − B, for values over the masks. */
function statRow(key: string, label: Label, values: Float64Array, unit: MeasureUnit, a: Mask, b: Mask): Row {
  const sa = summarize(values, a);
  const sb = summarize(values, b);
  const all = summarize(values, maskOr(a, b));
  return { key, label, cells: [meanCell(all, unit), meanCell(sa, unit), meanCell(sb, unit), pCell(tTest(values, a, b), sa, sb)] };
}

function shareCell(v: Value, n: number, contributors: number): Cell {
  return valueCell(v, { format: numberFormatFor('share', 'level'), n, contributors });
}

function everRows(r: Extract<BalanceLayoutRow, { kind: 'ever' }>, a: Mask, b: Mask): Row[] {
  const both = maskOr(a, b);
  const [all, ea, eb] = [both, a, b].map((m) => everInState(r.values, m));
  const ever = new Uint8Array(r.values.length);
  const indicator = new Float64Array(r.values.length);
  for (let i = 0; i < r.values.length; i++) {
    const d = r.values[i];
    ever[i] = d > 0 ? 1 : 0;
    indicator[i] = Number.isNaN(d) ? NaN : d > 0 ? 1 : 0;
  }
  const mean = (s: Summary): Cell => meanCell(s, r.unit);
  const aEver = maskAnd(a, ever);
  const bEver = maskAnd(b, ever);
  return [
    { key: r.key, label: r.label, header: true, cells: [] },
    {
      key: `${r.key}_all`,
      label: r.rowLabels.all,
      cells: [mean(all.all), mean(ea.all), mean(eb.all), pCell(tTest(r.values, a, b), ea.all, eb.all)],
    },
    {
      key: `${r.key}_ever`,
      label: r.rowLabels.ever,
      cells: [mean(all.amongEver), mean(ea.amongEver), mean(eb.amongEver), pCell(tTest(r.values, aEver, bEver), ea.amongEver, eb.amongEver)],
    },
    {
      key: `${r.key}_share`,
      label: r.rowLabels.share,
      cells: [
        shareCell(all.ever.share, all.ever.n, all.ever.count),
        shareCell(ea.ever.share, ea.ever.n, ea.ever.count),
        shareCell(eb.ever.share, eb.ever.n, eb.ever.count),
        valueCell(tTest(indicator, a, b).p, { format: P_VALUE_FORMAT, n: Math.min(ea.ever.n, eb.ever.n), contributors: combinedContributors([ea.ever.count, eb.ever.count]) }),
      ],
    },
  ];
}

function countRow(key: string, label: Label, a: Mask, b: Mask): Row {
  const na = maskCount(a, a.length);
  const nb = maskCount(b, b.length);
  const count = (n: number): Cell => valueCell(ok(n), { format: COUNT_FORMAT, n });
  return { key, label, cells: [count(maskCount(maskOr(a, b), a.length)), count(na), count(nb), { value: null }] };
}

export function balanceTable(spec: BalanceTableSpec): ReportTable {
  const { a, b } = spec;
  if (a.length !== b.length) throw new Error(`balanceTable ${spec.id}: the group masks have different lengths (${a.length}, ${b.length})`);
  const rows: Row[] = [];
  for (const r of spec.rows) {
    if (r.kind !== 'header' && r.kind !== 'count' && r.values.length !== a.length) {
      throw new Error(`balanceTable ${spec.id}: row "${r.key}" has ${r.values.length} values for ${a.length} persons`);
    }
    if (r.kind === 'header') rows.push({ key: r.key, label: r.label, header: true, cells: [] });
    else if (r.kind === 'variable') rows.push(statRow(r.key, r.label, r.values, r.unit, a, b));
    else if (r.kind === 'ever') rows.push(...everRows(r, a, b));
    else rows.push(countRow(r.key, r.label, a, b));
  }
  const table: ReportTable = {
    kind: 'table',
    id: spec.id,
    title: spec.title,
    columns: spec.columns.map((label, j) => ({ key: BALANCE_COLUMN_KEYS[j], label })),
    rows,
    notes: [...(spec.notes ?? []), tTestNote()],
  };
  if (spec.stub) table.stub = spec.stub;
  // What a reader knows: the all column is the groups weighted by their persons, the
  // observations are their sum, category shares add to 100 % (src/disclosure audits these).
  const statRows = rows.filter((r) => !r.header && r.key !== countKey(spec)).map((r) => r.key);
  const counts = spec.rows.filter((r) => r.kind === 'count').map((r) => r.key);
  table.relations = [
    ...splitRelations(table, 'all', ['a', 'b'], { rows: statRows }),
    ...splitRelations(table, 'all', ['a', 'b'], { rows: counts, weights: 'unit' }),
    ...(spec.shareGroups ?? []).flatMap((g) => sharesRelations(table, g, ['all', 'a', 'b'])),
  ];
  return table;
}

function countKey(spec: BalanceTableSpec): string | undefined {
  return spec.rows.find((r) => r.kind === 'count')?.key;
}

export interface BalanceTestSummary {
  /** Rows with a p-value. */
  readonly tests: number;
  /** Rows with p below alpha. */
  readonly below: number;
  readonly alpha: number;
  /** The row with the smallest p-value (null when no row has one). */
  readonly smallest: { readonly key: string; readonly label: Label; readonly p: number } | null;
  /** Labels of the rows with p below alpha. */
  readonly belowRows: readonly Label[];
}

/** How many of a balance table's differences are significant at alpha, for the narrative. */
export function balanceTestSummary(table: ReportTable, alpha = 0.05): BalanceTestSummary {
  const j = table.columns.findIndex((c) => c.key === 'p');
  if (j < 0) throw new Error(`balanceTestSummary ${table.id}: no p-value column`);
  let tests = 0;
  let smallest: BalanceTestSummary['smallest'] = null;
  const belowRows: Label[] = [];
  for (const r of table.rows) {
    const p = r.header ? null : r.cells[j]?.value;
    // A p-value disclosure control withholds is not quoted in the text either.
    if (typeof p !== 'number' || !Number.isFinite(p) || isDisclosive(r.cells[j])) continue;
    tests++;
    if (p < alpha) belowRows.push(r.label);
    if (!smallest || p < smallest.p) smallest = { key: r.key, label: r.label, p };
  }
  return { tests, below: belowRows.length, alpha, smallest, belowRows };
}
