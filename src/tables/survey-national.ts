/**
 * R23 Table B2: the participants (in 2018) next to national averages. The participants'
 * column is computed from the data (means; shares printed in per cent); the national
 * column comes from published statistics (data-public/), each value with its footnote
 * marker when it refers to another year or another measure.
 *
 *   populationComparisonTable({ id: 'r23-tab-b2', title, rows, persons })
 */
import { countCell, formatNumber, valueCell } from '../format/index';
import type { Cell, Label, NumberFormat, ReportTable, Row } from '../report/model';
import { summarize } from '../stats/summary';
import type { Mask } from '../stats/mask';

export interface ComparisonRow {
  key: string;
  label: Label;
  /** Unit-level values of the participants (NaN = missing): a 0/1 share or a level. */
  values: Float64Array;
  /** 0/1 variable: printed in per cent (1 decimal); otherwise as a level with `decimals`. */
  share: boolean;
  decimals?: number;
  /** The published national value on the participants' scale (a share 0–1 or a level); null if none. */
  national: number | null;
  /** Footnote marker of the national value ("*", "**"), explained in `notes`. */
  marker?: string;
}

export interface ComparisonSpec {
  id: string;
  title: Label;
  rows: readonly ComparisonRow[];
  /** Participants included (mask over the units of `values`). */
  participants: Mask;
  columns: readonly [Label, Label];
  notes?: readonly Label[];
}

function restrict(values: Float64Array, mask: Mask): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = mask[i] ? values[i] : NaN;
  return out;
}

function formatOf(r: ComparisonRow): NumberFormat {
  return r.share ? { decimals: 1, percent: true } : { decimals: r.decimals ?? 1 };
}

function nationalCell(r: ComparisonRow): Cell {
  if (r.national === null) return { value: null, na: { sv: 'uppgift saknas', en: 'not available' } };
  const format = formatOf(r);
  if (!r.marker) return { value: r.national, format };
  // The value with its footnote marker, printed as text in each language's number style.
  const text = { sv: formatNumber(r.national, 'sv', format) + r.marker, en: formatNumber(r.national, 'en', format) + r.marker };
  return { value: r.national, format, text };
}

export function populationComparisonTable(spec: ComparisonSpec): ReportTable {
  let persons = 0;
  for (let i = 0; i < spec.participants.length; i++) if (spec.participants[i]) persons++;
  const rows: Row[] = spec.rows.map((r) => {
    const s = summarize(restrict(r.values, spec.participants));
    const format = formatOf(r);
    return { key: r.key, label: r.label, cells: [valueCell(s.mean, { format, n: s.n, contributors: s.nNonZero }), nationalCell(r)] };
  });
  rows.push({ key: 'observations', label: { sv: 'Observationer', en: 'Observations' }, cells: [countCell(persons), { value: null }] });
  return {
    kind: 'table',
    id: spec.id,
    title: spec.title,
    columns: [
      { key: 'participants', label: spec.columns[0] },
      { key: 'national', label: spec.columns[1] },
    ],
    rows,
    notes: [...(spec.notes ?? [])],
  };
}
