/**
 * Tables of Monte Carlo results for the method appendix (method-dr-bias, method-coverage):
 * one row per estimator, optionally grouped under header rows (e.g. one group per
 * simulation design), with the columns the caller picks from bias, SD, mean SE, RMSE and
 * coverage of the 95 % intervals. Bias carries its Monte Carlo standard error and coverage
 * its Monte Carlo standard error in parentheses, so a reader sees which differences are
 * simulation noise.
 */
import type { Cell, Column, Label, NumberFormat, ReportTable, Row } from '../report/model';
import { finiteOr, type NaCode } from '../stats/na';
import { valueCell } from '../format/cell';
import type { ReplicationSummary } from '../simulate/monte-carlo';

export type ReplicationColumn = 'reps' | 'truth' | 'mean' | 'bias' | 'sd' | 'meanSe' | 'seRatio' | 'rmse' | 'coverage';

export interface ReplicationRow {
  key: string;
  label: Label;
  summary: ReplicationSummary;
}

export interface ReplicationGroup {
  key: string;
  label: Label;
  rows: readonly ReplicationRow[];
}

export interface ReplicationTableSpec {
  id: string;
  title: Label;
  stub?: Label;
  /** Groups of rows (a group with an empty label gets no header row). */
  groups: readonly ReplicationGroup[];
  columns: readonly ReplicationColumn[];
  /** Format of estimates, biases, SDs, SEs and RMSEs. */
  format: NumberFormat;
  notes?: readonly Label[];
}

export const REPLICATION_COLUMN_LABELS: Readonly<Record<ReplicationColumn, Label>> = {
  reps: { sv: 'Replikeringar', en: 'Replications' },
  truth: { sv: 'Sann effekt', en: 'True effect' },
  mean: { sv: 'Medelvärde av skattningarna', en: 'Mean estimate' },
  bias: { sv: 'Bias', en: 'Bias' },
  sd: { sv: 'SD för skattningarna', en: 'SD of estimates' },
  meanSe: { sv: 'Genomsnittligt standardfel', en: 'Mean standard error' },
  seRatio: { sv: 'Standardfel / SD', en: 'SE / SD' },
  rmse: { sv: 'RMSE', en: 'RMSE' },
  coverage: { sv: 'Täckning av 95 %-intervall', en: 'Coverage of 95% intervals' },
};

const COVERAGE_FORMAT: NumberFormat = { decimals: 1, percent: true };
const RATIO_FORMAT: NumberFormat = { decimals: 2 };
const COUNT_FORMAT: NumberFormat = { decimals: 0 };

function numberCell(x: number, format: NumberFormat, code: NaCode = 'too-few', se?: number): Cell {
  const v = finiteOr(x, code);
  return valueCell(v, { format, se: se === undefined ? undefined : finiteOr(se, code) });
}

export function replicationCell(s: ReplicationSummary, column: ReplicationColumn, format: NumberFormat): Cell {
  const code: NaCode = s.reps === 0 ? 'all-missing' : 'too-few';
  switch (column) {
    case 'reps':
      return numberCell(s.reps, COUNT_FORMAT);
    case 'truth':
      return numberCell(s.truth, format);
    case 'mean':
      return numberCell(s.mean, format, code);
    case 'bias':
      return numberCell(s.bias, format, code, s.biasMcse);
    case 'sd':
      return numberCell(s.sd, format, code);
    case 'meanSe':
      return numberCell(s.meanSe, format, code);
    case 'seRatio':
      return numberCell(s.sd > 0 ? s.meanSe / s.sd : NaN, RATIO_FORMAT, s.reps === 0 ? 'all-missing' : 'zero-variance');
    case 'rmse':
      return numberCell(s.rmse, format, code);
    case 'coverage':
      return numberCell(s.coverage, COVERAGE_FORMAT, code, s.coverageMcse);
  }
}

/** The note explaining the parentheses, in both languages. */
export function replicationNote(columns: readonly ReplicationColumn[]): Label | null {
  const parts: Label[] = [];
  if (columns.includes('bias')) parts.push({ sv: 'biasen', en: 'the bias' });
  if (columns.includes('coverage')) parts.push({ sv: 'täckningen', en: 'the coverage' });
  if (parts.length === 0) return null;
  const sv = parts.map((p) => p.sv).join(' och ');
  const en = parts.map((p) => p.en).join(' and ');
  return {
    sv: `Inom parentes: Monte Carlo-standardfelet för ${sv}, dvs. hur mycket talet skulle variera om simuleringen gjordes om med ett annat frö.`,
    en: `In parentheses: the Monte Carlo standard error of ${en}, i.e. how much the number would vary if the simulation were rerun with another seed.`,
  };
}

export function replicationTable(spec: ReplicationTableSpec): ReportTable {
  if (spec.groups.length === 0) throw new Error(`replicationTable ${spec.id}: no rows`);
  const columns: Column[] = spec.columns.map((c) => ({ key: c, label: REPLICATION_COLUMN_LABELS[c] }));
  const rows: Row[] = [];
  for (const g of spec.groups) {
    const headed = g.label.sv !== '' || g.label.en !== '';
    if (headed) rows.push({ key: g.key, label: g.label, header: true, cells: [] });
    for (const r of g.rows) {
      rows.push({
        key: headed ? `${g.key}.${r.key}` : r.key,
        label: r.label,
        cells: spec.columns.map((c) => replicationCell(r.summary, c, spec.format)),
      });
    }
  }
  const note = replicationNote(spec.columns);
  return {
    kind: 'table',
    id: spec.id,
    title: spec.title,
    stub: spec.stub,
    columns,
    rows,
    notes: [...(spec.notes ?? []), ...(note ? [note] : [])],
  };
}
