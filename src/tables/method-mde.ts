/**
 * method-mde: the minimum detectable effect of a staggered trial by follow-up length: the
 * standard error of the average effect over the follow-up (mean over simulated trials and
 * the SD of their estimates), the smallest average effect detected with 80 % power, the
 * same as full effect when the effect builds up gradually, the test's simulated size and
 * the simulated power at the MDE.
 */
import { valueCell } from '../format/cell';
import type { Label, NumberFormat, ReportTable, Row } from '../report/model';
import { finiteOr } from '../stats/na';
import type { PowerCurve } from '../simulate/power';

const WORDS = {
  title: { sv: 'Minsta upptäckbara effekt efter uppföljningstid', en: 'Minimum detectable effect by follow-up length' },
  stub: { sv: 'Uppföljning (månader efter start)', en: 'Follow-up (months from the start)' },
  meanSe: { sv: 'Genomsnittligt medelfel', en: 'Mean standard error' },
  sd: { sv: 'SD för skattningarna', en: 'SD of estimates' },
  mde: { sv: 'Minsta upptäckbara genomsnittseffekt', en: 'Minimum detectable average effect' },
  mdeFull: { sv: 'Minsta upptäckbara fulla effekt', en: 'Minimum detectable full effect' },
  size: { sv: 'Andel förkastade utan effekt', en: 'Rejections without an effect' },
  powerAtMde: { sv: 'Simulerad styrka vid minsta upptäckbara effekt', en: 'Simulated power at the MDE' },
} satisfies Record<string, Label>;

const PERCENT = { decimals: 1, percent: true };

export function mdeTable(curves: readonly PowerCurve[], format: NumberFormat, opts: { periods?: Label; notes?: Label[] } = {}): ReportTable {
  if (curves.length === 0) throw new Error('mdeTable: no curves');
  const periods = opts.periods ?? { sv: 'månader', en: 'months' };
  const rows: Row[] = curves.map((c) => ({
    key: `f${c.followUp}`,
    label: { sv: `${c.followUp} ${periods.sv}`, en: `${c.followUp} ${periods.en}` },
    cells: [
      valueCell(finiteOr(c.meanSe, 'too-few'), { format }),
      valueCell(finiteOr(c.sd, 'too-few'), { format }),
      valueCell(finiteOr(c.mde, 'too-few'), { format }),
      valueCell(finiteOr(c.mdeFull, 'too-few'), { format }),
      valueCell(finiteOr(c.size, 'too-few'), { format: PERCENT }),
      valueCell(finiteOr(c.powerAtMde, 'too-few'), { format: PERCENT }),
    ],
  }));
  return {
    kind: 'table',
    id: 'method-mde',
    title: WORDS.title,
    stub: WORDS.stub,
    columns: (['meanSe', 'sd', 'mde', 'mdeFull', 'size', 'powerAtMde'] as const).map((k) => ({ key: k, label: WORDS[k] })),
    rows,
    notes: opts.notes ?? [],
  };
}
