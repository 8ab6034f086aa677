/**
 * Malmökraften's balance tables (R23 Tables B5–B11).
 *
 * - `malmoBalanceTable` (B5–B10): unadjusted means of the control group and of the
 *   participants with their N, the difference control − participants (R23's "Skillnad") and
 *   the Welch t statistic of that difference with R23's stars. A row that cannot be tested
 *   (no spread, one person) gets a worded NA (R23's "a"/"n.a.").
 * - `weightingBalanceTable` (B11): standardised mean differences and variance ratios of
 *   participants vs controls, unweighted and with propensity-score (ATT) weights.
 *
 * Rows come from src/models/malmokraften-balance.ts (header rows and per-person variables).
 */
import { COUNT_FORMAT, RATIO_FORMAT, SMD_FORMAT, STARS_R23, valueCell } from '../format/index';
import { differenceRelations } from './relations';
import type { Label, ReportTable, Row } from '../report/model';
import { balanceNote, balanceRow } from '../stats/balance';
import type { Mask } from '../stats/mask';
import { isBinary, summarize } from '../stats/summary';
import { tTest } from '../stats/ttest';
import type { BalanceLayoutRow } from '../models/malmokraften-balance';
import { controlMinusTreatedCells } from './control-difference';

export interface MalmoBalanceSpec {
  id: string;
  title: Label;
  stub?: Label;
  rows: readonly BalanceLayoutRow[];
  treated: Mask;
  control: Mask;
  notes?: readonly Label[];
}

function formatFor(values: Float64Array, decimals: number | undefined, mask: Mask) {
  return { decimals: decimals ?? (isBinary(values, mask) ? 3 : 1) };
}

/** R23 Tables B5–B10. */
export function malmoBalanceTable(spec: MalmoBalanceSpec): ReportTable {
  const both = spec.treated.map((t, i) => (t || spec.control[i] ? 1 : 0));
  const rows: Row[] = spec.rows.map((r) => {
    if (r.kind === 'header') return { key: r.key, label: r.label, header: true, cells: [] };
    const c = summarize(r.values, spec.control);
    const t = summarize(r.values, spec.treated);
    const test = tTest(r.values, spec.treated, spec.control);
    const format = formatFor(r.values, r.decimals, both);
    const nMin = Math.min(c.n, t.n);
    return {
      key: r.key,
      label: r.label,
      cells: [
        valueCell(c.mean, { format, n: c.n, contributors: c.nNonZero }),
        { value: c.n, format: COUNT_FORMAT, n: c.n },
        valueCell(t.mean, { format, n: t.n, contributors: t.nNonZero }),
        { value: t.n, format: COUNT_FORMAT, n: t.n },
        ...controlMinusTreatedCells(test, format, nMin, STARS_R23, [c.nNonZero, t.nNonZero]),
      ],
    };
  });
  const table: ReportTable = {
    kind: 'table',
    id: spec.id,
    title: spec.title,
    columns: [
      { key: 'c_mean', label: { sv: 'Kontrollgruppen: medel', en: 'Control group: mean' } },
      { key: 'c_n', label: { sv: 'Kontrollgruppen: antal', en: 'Control group: N' } },
      { key: 't_mean', label: { sv: 'Deltagare i Malmökraften: medel', en: 'Malmökraften participants: mean' } },
      { key: 't_n', label: { sv: 'Deltagare i Malmökraften: antal', en: 'Malmökraften participants: N' } },
      { key: 'diff', label: { sv: 'Skillnad (kontroll − deltagare)', en: 'Difference (control − participants)' } },
      { key: 't', label: { sv: 't-stat', en: 't-statistic' } },
    ],
    rows,
    notes: [
      ...(spec.notes ?? []),
      {
        sv: 'Ovägda medelvärden (för 0/1-variabler andelar); antal = personer med uppgift. Skillnaden är kontrollgruppens medelvärde minus deltagarnas; t-statistikan prövar samma skillnad. Saknas en t-statistika anges skälet i stället (t.ex. ingen spridning i en grupp).',
        en: 'Unweighted means (shares for 0/1 variables); N = persons with a value. The difference is the control mean minus the participants\' mean; the t statistic tests that difference. Where a t statistic is missing, the reason is given instead (e.g. no spread in a group).',
      },
      ...balanceNote(),
      STARS_R23.note,
    ],
  };
  if (spec.stub) table.stub = spec.stub;
  // What a reader knows (for disclosure control): the difference beside its parts.
  table.relations = differenceRelations(table, 'diff', 'c_mean', 't_mean');
  return table;
}

export interface WeightingBalanceSpec {
  id: string;
  title: Label;
  rows: readonly BalanceLayoutRow[];
  treated: Mask;
  control: Mask;
  /** ATT weights per person (src/stats/propensity attWeights). */
  weights: Float64Array;
  notes?: readonly Label[];
}

/** R23 Table B11. */
export function weightingBalanceTable(spec: WeightingBalanceSpec): ReportTable {
  const rows: Row[] = spec.rows.map((r) => {
    if (r.kind === 'header') return { key: r.key, label: r.label, header: true, cells: [] };
    const b = balanceRow(r.values, spec.treated, spec.control, { weights: spec.weights });
    const n = Math.min(b.treated.n, b.control.n);
    const w = b.weighted!;
    return {
      key: r.key,
      label: r.label,
      cells: [
        valueCell(b.smd, { format: SMD_FORMAT, n }),
        valueCell(w.smd, { format: SMD_FORMAT, n }),
        valueCell(b.varianceRatio, { format: RATIO_FORMAT, n }),
        valueCell(w.varianceRatio, { format: RATIO_FORMAT, n }),
      ],
    };
  });
  return {
    kind: 'table',
    id: spec.id,
    title: spec.title,
    columns: [
      { key: 'smd', label: { sv: 'Standardiserad skillnad i medelvärden, utan viktning', en: 'Standardised mean difference, unweighted' } },
      { key: 'smd_w', label: { sv: 'Standardiserad skillnad i medelvärden, med viktning', en: 'Standardised mean difference, weighted' } },
      { key: 'vr', label: { sv: 'Varianskvot, utan viktning', en: 'Variance ratio, unweighted' } },
      { key: 'vr_w', label: { sv: 'Varianskvot, med viktning', en: 'Variance ratio, weighted' } },
    ],
    rows,
    notes: [...(spec.notes ?? []), ...balanceNote({ smd: true, weighted: true }).slice(1)],
  };
}
