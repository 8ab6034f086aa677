/**
 * method-twfe-bias: the staggered example of the method appendix in one table. The true
 * average effect on the treated next to the two-way fixed effects coefficient, the sum of
 * its Goodman-Bacon comparisons (the same number, computed another way) and the
 * Callaway–Sant'Anna estimate, each with its standard error, its distance from the truth
 * and whether its 95 % interval contains the truth.
 */
import { valueCell } from '../format/cell';
import type { Cell, Label, NumberFormat, ReportTable, Row } from '../report/model';
import { finiteOr } from '../stats/na';

export interface EstimateWithSe {
  est: number | null;
  se: number | null;
}

export interface TwfeBiasInput {
  /** The true average effect on the treated over the treated unit-periods. */
  truth: number;
  twfe: EstimateWithSe;
  /** Σ weight × 2×2 estimate of the Goodman-Bacon decomposition. */
  bacon: number;
  /** Callaway–Sant'Anna, aggregated over all post-treatment cells (did::aggte "simple"). */
  cs: EstimateWithSe;
  format: NumberFormat;
  /** How the CS comparison group was chosen, for the row label. */
  csControl: 'never' | 'notyet';
  /** Further estimators as rows after CS (e.g. Sun–Abraham, imputation, TWFE event study). */
  others?: readonly { key: string; label: Label; estimate: EstimateWithSe }[];
  notes?: Label[];
}

const CRITICAL = 1.959963984540054;

const WORDS = {
  title: {
    sv: 'Tvåvägs fixa effekter, Callaway–Sant’Anna och de moderna skattarna mot den sanna effekten i det simulerade exemplet',
    en: 'Two-way fixed effects, Callaway–Sant’Anna and the modern estimators against the true effect in the simulated example',
  },
  stub: { sv: 'Skattning', en: 'Estimate' },
  estimate: { sv: 'Skattning (standardfel)', en: 'Estimate (standard error)' },
  difference: { sv: 'Skillnad mot sann effekt', en: 'Difference from the true effect' },
  covers: { sv: '95 %-intervallet innehåller sann effekt', en: '95% interval contains the true effect' },
  truth: { sv: 'Sann genomsnittlig effekt för de behandlade', en: 'True average effect on the treated' },
  twfe: { sv: 'Tvåvägs fixa effekter (TWFE), koefficient', en: 'Two-way fixed effects (TWFE) coefficient' },
  bacon: { sv: 'Viktad summa av Goodman-Bacons 2×2-jämförelser', en: 'Weighted sum of the Goodman-Bacon 2×2 comparisons' },
  csNever: { sv: 'Callaway–Sant’Anna (DR), aldrig behandlade som jämförelse', en: 'Callaway–Sant’Anna (DR), never-treated comparison' },
  csNotyet: { sv: 'Callaway–Sant’Anna (DR), ännu ej behandlade som jämförelse', en: 'Callaway–Sant’Anna (DR), not-yet-treated comparison' },
  yes: { sv: 'ja', en: 'yes' },
  no: { sv: 'nej', en: 'no' },
  note: {
    sv:
      'Sann effekt: medelvärdet av de simulerade individuella effekterna (gruppens effekt plus personens egen avvikelse) över de behandlade person-perioder som skattningen kan identifiera. ' +
      'TWFE: regression av utfallet på behandlingsindikatorn med person- och periodfixa effekter, standardfel klustrade på person. ' +
      'Callaway–Sant’Anna: gruppvisa effekter ATT(g,t) viktade med gruppstorlek över alla perioder efter start.',
    en:
      'True effect: the mean of the simulated individual effects (the group’s effect plus the person’s own deviation) over the treated person-periods the estimator can identify. ' +
      'TWFE: regression of the outcome on the treatment indicator with person and period fixed effects, standard errors clustered by person. ' +
      'Callaway–Sant’Anna: group-time effects ATT(g,t) weighted by group size over all periods from the start.',
  },
} satisfies Record<string, Label>;

function row(key: string, label: Label, e: EstimateWithSe | null, truth: number, format: NumberFormat): Row {
  if (e === null) {
    return { key, label, cells: [valueCell(finiteOr(truth, 'all-missing'), { format }), { value: null }, { value: null }] };
  }
  const est = finiteOr(e.est ?? NaN, 'not-converged');
  const estimate = valueCell(est, { format, se: e.se === null ? undefined : finiteOr(e.se, 'too-few') });
  const diff = valueCell(finiteOr(est.value === null ? NaN : est.value - truth, 'not-converged'), { format });
  let covers: Cell = { value: null };
  if (est.value !== null && e.se !== null && Number.isFinite(e.se)) {
    const inside = Math.abs(est.value - truth) <= CRITICAL * e.se;
    covers = { value: null, text: inside ? WORDS.yes : WORDS.no };
  }
  return { key, label, cells: [estimate, diff, covers] };
}

export function twfeBiasTable(input: TwfeBiasInput): ReportTable {
  const { truth, format } = input;
  return {
    kind: 'table',
    id: 'method-twfe-bias',
    title: WORDS.title,
    stub: WORDS.stub,
    columns: [
      { key: 'estimate', label: WORDS.estimate },
      { key: 'difference', label: WORDS.difference },
      { key: 'covers', label: WORDS.covers },
    ],
    rows: [
      row('truth', WORDS.truth, null, truth, format),
      row('twfe', WORDS.twfe, input.twfe, truth, format),
      row('bacon', WORDS.bacon, { est: input.bacon, se: null }, truth, format),
      row('cs', input.csControl === 'never' ? WORDS.csNever : WORDS.csNotyet, input.cs, truth, format),
      ...(input.others ?? []).map((o) => row(o.key, o.label, o.estimate, truth, format)),
    ],
    notes: [...(input.notes ?? []), WORDS.note],
  };
}
