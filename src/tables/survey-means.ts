/**
 * R23 Table 1: the mean answer to each survey question at one wave (wave 1: before anyone
 * met a team), with the number of respondents. Rows are "No. question text"; one column.
 */
import { countCell, valueCell } from '../format/index';
import type { Label, ReportTable, Row } from '../report/model';
import { summarize } from '../stats/summary';

export interface QuestionValues {
  key: string;
  /** "1. I have good chances …" */
  label: Label;
  /** Answers of the respondents (NaN = item not answered). */
  values: Float64Array;
}

export interface WaveMeansSpec {
  id: string;
  title: Label;
  questions: readonly QuestionValues[];
  /** Persons who answered the wave (the last row). */
  respondents: number;
  column: Label;
  notes?: readonly Label[];
}

export function waveMeansTable(spec: WaveMeansSpec): ReportTable {
  const rows: Row[] = spec.questions.map((q) => {
    const s = summarize(q.values);
    return { key: q.key, label: q.label, cells: [valueCell(s.mean, { format: { decimals: 2 }, n: s.n, contributors: s.nNonZero })] };
  });
  rows.push({ key: 'respondents', label: { sv: 'Antal', en: 'Number of respondents' }, cells: [countCell(spec.respondents)] });
  return {
    kind: 'table',
    id: spec.id,
    title: spec.title,
    stub: { sv: 'Nr. Fråga', en: 'No. Question' },
    columns: [{ key: 'all', label: spec.column }],
    rows,
    notes: [...(spec.notes ?? [])],
  };
}
