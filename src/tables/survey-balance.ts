/**
 * R23 Table B3: the survey sample's background by randomised arm. Columns: mean of all,
 * of the treatment and of the control group (standard deviation in parentheses below),
 * the difference control − treatment and its t statistic (Welch). A variable without
 * spread ("Other" household type when nobody has it) gets an NA with its reason, R23's "a".
 *
 *   surveyBalanceTable({ id: 'r23-tab-b3', title, variables, treated, control })
 */
import { COUNT_FORMAT, countCell, valueCell } from '../format/index';
import type { Cell, Label, NumberFormat, ReportTable, Row } from '../report/model';
import { balanceRow } from '../stats/balance';
import type { Mask } from '../stats/mask';
import { maskCount } from '../stats/mask';
import type { Summary } from '../stats/summary';
import { controlMinusTreatedCells } from './control-difference';
import { differenceRelations, splitRelations, withRelations } from './relations';

/** One row: unit-level values (NaN = missing) and how to print them. */
export interface UnitVariable {
  key: string;
  label: Label;
  values: Float64Array;
  /** Default: 3 decimals for 0/1 variables, 2 otherwise. */
  format?: NumberFormat;
}

export interface SurveyBalanceSpec {
  id: string;
  title: Label;
  variables: readonly UnitVariable[];
  treated: Mask;
  control: Mask;
  notes?: readonly Label[];
}

function meanCell(s: Summary, format: NumberFormat): Cell {
  return valueCell(s.mean, { format, se: s.sd, n: s.n, contributors: s.nNonZero });
}

export function surveyBalanceTable(spec: SurveyBalanceSpec): ReportTable {
  const rows: Row[] = spec.variables.map((v) => {
    const b = balanceRow(v.values, spec.treated, spec.control);
    const format = v.format ?? { decimals: b.binary ? 3 : 2 };
    const nMin = Math.min(b.treated.n, b.control.n);
    return {
      key: v.key,
      label: v.label,
      cells: [
        meanCell(b.all, format),
        meanCell(b.treated, format),
        meanCell(b.control, format),
        ...controlMinusTreatedCells(b.test, format, nMin, undefined, [b.treated.nNonZero, b.control.nNonZero]),
      ],
    };
  });
  const nT = maskCount(spec.treated, spec.treated.length);
  const nC = maskCount(spec.control, spec.control.length);
  rows.push({
    key: 'observations',
    label: { sv: 'Observationer', en: 'Observations' },
    cells: [countCell(nT + nC, COUNT_FORMAT), countCell(nT, COUNT_FORMAT), countCell(nC, COUNT_FORMAT), { value: null }, { value: null }],
  });
  const table: ReportTable = {
    kind: 'table',
    id: spec.id,
    title: spec.title,
    columns: [
      { key: 'all', label: { sv: 'Medelvärde: Alla', en: 'Mean: all' } },
      { key: 'treated', label: { sv: 'Medelvärde: Behandlingsgrupp', en: 'Mean: treatment group' } },
      { key: 'control', label: { sv: 'Medelvärde: Kontrollgrupp', en: 'Mean: control group' } },
      { key: 'diff', label: { sv: 'Skillnad (kontroll − behandling)', en: 'Difference (control − treatment)' } },
      { key: 't', label: { sv: 'T-stat', en: 't-statistic' } },
    ],
    rows,
    notes: [
      {
        sv: 'Medelvärden med standardavvikelse inom parentes; för 0/1-variabler är medelvärdet en andel. Skillnaden är kontrollgruppens medelvärde minus behandlingsgruppens.',
        en: 'Means with the standard deviation in parentheses; for 0/1 variables the mean is a share. The difference is the control mean minus the treatment mean.',
      },
      {
        sv: 'T-statistikan kommer från Welchs t-test för två oberoende stickprov (olika varianser tillåts). Saknas ett värde anges skälet (t.ex. ingen variation).',
        en: "The t statistic is from Welch's two-sample t-test (unequal variances allowed). Where there is no value, the reason is given (e.g. no variation).",
      },
      ...(spec.notes ?? []),
    ],
  };
  // What a reader knows (for disclosure control): all = the arms weighted by persons, the
  // observations add up, the difference is control − treatment beside its parts.
  const vars = spec.variables.map((v) => v.key);
  return withRelations(
    table,
    splitRelations(table, 'all', ['treated', 'control'], { rows: vars }),
    splitRelations(table, 'all', ['treated', 'control'], { rows: ['observations'], weights: 'unit' }),
    differenceRelations(table, 'diff', 'control', 'treated', vars),
  );
}
