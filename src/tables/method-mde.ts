/**
 * method-mde: the minimum detectable effect of a staggered trial by follow-up length: the
 * standard error of the average effect over the follow-up (mean over simulated trials and
 * the SD of their estimates), the smallest average effect detected with 80 % power by the
 * normal approximation and by simulation, the simulated one as full effect (when the effect
 * builds up gradually) and the test's simulated size.
 */
import { valueCell } from '../format/cell';
import type { Cell, Label, NumberFormat, ReportTable, Row } from '../report/model';
import { finiteOr } from '../stats/na';
import type { PowerCurve } from '../simulate/power';

const WORDS = {
  title: { sv: 'Minsta upptäckbara effekt efter uppföljningstid', en: 'Minimum detectable effect by follow-up length' },
  stub: { sv: 'Uppföljning (månader efter start)', en: 'Follow-up (months from the start)' },
  meanSe: { sv: 'Genomsnittligt standardfel', en: 'Mean standard error' },
  sd: { sv: 'SD för skattningarna', en: 'SD of estimates' },
  mde: { sv: 'Minsta upptäckbara genomsnittseffekt, normalapproximation', en: 'Minimum detectable average effect, normal approximation' },
  mdeSimulated: { sv: 'Minsta upptäckbara genomsnittseffekt, simulerad', en: 'Minimum detectable average effect, simulated' },
  mdeFull: { sv: 'Minsta upptäckbara fulla effekt, simulerad', en: 'Minimum detectable full effect, simulated' },
  size: { sv: 'Andel förkastade utan effekt', en: 'Rejections without an effect' },
} satisfies Record<string, Label>;

const PERCENT = { decimals: 1, percent: true };
const NOT_REACHED: Label = { sv: 'nås inte inom 6 standardfel', en: 'not reached within 6 SEs' };

/** A simulated MDE, or why there is none: the target power was not reached on the searched grid. */
function simulatedCell(x: number, format: NumberFormat): Cell {
  return Number.isFinite(x) ? valueCell(finiteOr(x, 'too-few'), { format }) : { value: null, na: NOT_REACHED };
}

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
      simulatedCell(c.mdeSimulated, format),
      simulatedCell(c.mdeFull, format),
      valueCell(finiteOr(c.size, 'too-few'), { format: PERCENT }),
    ],
  }));
  return {
    kind: 'table',
    id: 'method-mde',
    title: WORDS.title,
    stub: WORDS.stub,
    columns: (['meanSe', 'sd', 'mde', 'mdeSimulated', 'mdeFull', 'size'] as const).map((k) => ({ key: k, label: WORDS[k] })),
    rows,
    notes: opts.notes ?? [],
  };
}
