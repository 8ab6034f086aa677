/**
 * method-bacon-types: the Goodman-Bacon decomposition of a TWFE coefficient summarised by
 * kind of 2×2 comparison: how many comparisons, their total weight, their weighted mean
 * estimate and their contribution (weight × mean) to the coefficient; the last row adds
 * the contributions up to the coefficient itself.
 */
import { valueCell } from '../format/cell';
import type { Label, NumberFormat, ReportTable, Row } from '../report/model';
import type { BaconResult, BaconType } from '../stats/bacon';
import { finiteOr } from '../stats/na';

export const BACON_TYPE_LABELS: Readonly<Record<BaconType, Label>> = {
  'treated-vs-never': { sv: 'Behandlade mot aldrig behandlade', en: 'Treated vs never treated' },
  'earlier-vs-later': { sv: 'Tidigare mot senare startgrupp (före dennas start)', en: 'Earlier vs later start group (before its start)' },
  'later-vs-earlier': { sv: 'Senare mot redan behandlad startgrupp', en: 'Later vs already treated start group' },
  'later-vs-always': { sv: 'Senare mot alltid behandlade', en: 'Later vs always treated' },
};

const WORDS = {
  title: {
    sv: 'Goodman-Bacon-uppdelning av TWFE-koefficienten efter typ av jämförelse',
    en: 'Goodman-Bacon decomposition of the TWFE coefficient by kind of comparison',
  },
  stub: { sv: 'Typ av 2×2-jämförelse', en: 'Kind of 2×2 comparison' },
  count: { sv: 'Antal jämförelser', en: 'Comparisons' },
  weight: { sv: 'Sammanlagd vikt', en: 'Total weight' },
  estimate: { sv: 'Viktat medelvärde av skattningarna', en: 'Weighted mean estimate' },
  contribution: { sv: 'Bidrag till TWFE (vikt × medelvärde)', en: 'Contribution to TWFE (weight × mean)' },
  total: { sv: 'Summa = TWFE-koefficienten', en: 'Total = the TWFE coefficient' },
  note: {
    sv:
      'TWFE-koefficienten är ett viktat medelvärde av alla 2×2-jämförelser mellan startgrupper (Goodman-Bacon 2021). ' +
      'Vikterna beror bara på gruppernas storlek och när de startar, inte på effekterna. ' +
      'Jämförelser där en redan behandlad grupp används som kontroll drar ifrån den gruppens effektförändring.',
    en:
      'The TWFE coefficient is a weighted average of all 2×2 comparisons between start groups (Goodman-Bacon 2021). ' +
      'The weights depend only on the groups’ sizes and start times, not on the effects. ' +
      'Comparisons that use an already treated group as control subtract that group’s change in effect.',
  },
} satisfies Record<string, Label>;

const SHARE = { decimals: 1, percent: true };
const COUNT = { decimals: 0 };

export function baconTypesTable(result: BaconResult, format: NumberFormat, notes: Label[] = []): ReportTable {
  if (result.na) throw new Error(`baconTypesTable: the decomposition has no comparisons (${result.na.reason.en})`);
  const rows: Row[] = result.byType.map((t) => {
    const count = result.comparisons.filter((c) => c.type === t.type).length;
    return {
      key: t.type,
      label: BACON_TYPE_LABELS[t.type],
      cells: [
        valueCell(finiteOr(count, 'empty-group'), { format: COUNT }),
        valueCell(finiteOr(t.weight, 'zero-weight'), { format: SHARE }),
        valueCell(finiteOr(t.estimate, 'zero-weight'), { format }),
        valueCell(finiteOr(t.weight * t.estimate, 'zero-weight'), { format }),
      ],
    };
  });
  const totalWeight = result.byType.reduce((s, t) => s + t.weight, 0);
  rows.push({
    key: 'total',
    label: WORDS.total,
    cells: [
      valueCell(finiteOr(result.comparisons.length, 'empty-group'), { format: COUNT }),
      valueCell(finiteOr(totalWeight, 'zero-weight'), { format: SHARE }),
      { value: null },
      valueCell(finiteOr(result.estimate, 'no-treatment-variation'), { format }),
    ],
  });
  return {
    kind: 'table',
    id: 'method-bacon-types',
    title: WORDS.title,
    stub: WORDS.stub,
    columns: [
      { key: 'count', label: WORDS.count },
      { key: 'weight', label: WORDS.weight },
      { key: 'estimate', label: WORDS.estimate },
      { key: 'contribution', label: WORDS.contribution },
    ],
    rows,
    notes: [...notes, WORDS.note],
  };
}
