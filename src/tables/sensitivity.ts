/**
 * Sensitivity items (sens-…, method-sens-…): the Rambachan-Roth robust confidence sets of one
 * effect as a table (rows: the original interval, then Mbar for relative magnitudes and M for
 * smoothness; columns: lower and upper bound) and the sentence that states the breakdown
 * values, in both languages. The numbers come from src/sensitivity (`SensitivityResult`).
 */
import type { MeasureUnit } from '../data/schema';
import { formatNumber, numberFormatFor } from '../format/number';
import type { Cell, Label, Lang, NumberFormat, ReportTable, ReportText, Row } from '../report/model';
import type { SensitivityResult } from '../sensitivity/index';

export interface SensitivitySpec {
  readonly id: string;
  readonly title: Label;
  readonly result: SensitivityResult;
  readonly unit: MeasureUnit;
  /** The outcome, lower case, e.g. "löneinkomsten" / "wage income". */
  readonly outcome: Label;
  /** The target in words, e.g. "genomsnittliga effekten under de första sex månaderna". */
  readonly target: Label;
  /** Unit of M, e.g. "kronor per månad i kvadrat" (M bounds the change of the slope per month). */
  readonly mUnit?: Label;
  readonly notes?: readonly Label[];
}

/** Number format of bounds: the unit's effect format, at the target's standard error. */
export function sensitivityFormat(unit: MeasureUnit, r: SensitivityResult): NumberFormat {
  return numberFormatFor(unit, 'effect', r.original.se);
}

/** Decimals that show M (a small number) with two significant digits. */
function mFormat(values: readonly number[]): NumberFormat {
  const pos = values.filter((v) => v > 0);
  if (pos.length === 0) return { decimals: 0 };
  // two significant digits of the smallest positive value
  return { decimals: Math.min(8, Math.max(0, 1 - Math.floor(Math.log10(Math.min(...pos))))) };
}

const EMPTY: Label = { sv: 'tom', en: 'empty' };

function bound(v: number | null, format: NumberFormat): Cell {
  return v === null ? { value: null, na: EMPTY } : { value: v, format };
}

export const SENSITIVITY_NOTE: Label = {
  sv:
    'Robusta 95-procentiga konfidensmängder enligt Rambachan och Roth (2023). Relativa storlekar: efter starten ändras avvikelsen från parallella trender från en månad till nästa med högst M̄ gånger den största månadsändringen före starten (villkorad minst gynnsam hybrid, C-LF). Jämnhet: avvikelsens lutning ändras med högst M per månad (konfidensintervall med fast längd, FLCI). M̄ = 0 och M = 0 motsvarar parallella trender efter starten respektive en rak förlängning av trenden före starten. Händelsestudien har universell basperiod (månaden före starten).',
  en:
    "Robust 95 % confidence sets following Rambachan and Roth (2023). Relative magnitudes: after the start, the deviation from parallel trends changes from one month to the next by at most M̄ times the largest month-to-month change before the start (conditional least-favourable hybrid, C-LF). Smoothness: the slope of the deviation changes by at most M per month (fixed-length confidence intervals, FLCI). M̄ = 0 and M = 0 mean parallel trends after the start and a straight continuation of the pre-start trend, respectively. The event study has a universal base period (the month before the start).",
};

export function sensitivityTable(spec: SensitivitySpec): ReportTable {
  const r = spec.result;
  const f = sensitivityFormat(spec.unit, r);
  const mf = mFormat(r.sd.map((x) => x.m));
  const num = (x: number, lang: Lang, fmt: NumberFormat) => formatNumber(x, lang, fmt);
  const rows: Row[] = [{ key: 'original', label: { sv: 'Ursprungligt intervall (parallella trender)', en: 'Original interval (parallel trends)' }, cells: [bound(r.original.lb, f), bound(r.original.ub, f)] }];
  if (r.rm.length) {
    rows.push({ key: 'rm', header: true, label: { sv: 'Relativa storlekar (C-LF)', en: 'Relative magnitudes (C-LF)' }, cells: [] });
    for (const x of r.rm) rows.push({ key: `rm_${x.mbar}`, label: { sv: `M̄ = ${num(x.mbar, 'sv', { decimals: 1 })}`, en: `M̄ = ${num(x.mbar, 'en', { decimals: 1 })}` }, cells: [bound(x.lb, f), bound(x.ub, f)] });
  }
  if (r.sd.length) {
    rows.push({ key: 'sd', header: true, label: { sv: 'Jämnhet (FLCI)', en: 'Smoothness (FLCI)' }, cells: [] });
    for (const x of r.sd) rows.push({ key: `sd_${x.m}`, label: { sv: `M = ${num(x.m, 'sv', mf)}`, en: `M = ${num(x.m, 'en', mf)}` }, cells: [bound(x.lb, f), bound(x.ub, f)] });
  }
  const notes: Label[] = [...(spec.notes ?? []), SENSITIVITY_NOTE];
  if (spec.mUnit) notes.push({ sv: `M anges i ${spec.mUnit.sv}.`, en: `M is in ${spec.mUnit.en}.` });
  if (r.rm.some((x) => x.lb === null) || r.sd.some((x) => x.lb === null)) notes.push({ sv: '”tom”: inget värde i sökrutnätet godtas.', en: '"empty": no value on the search grid is accepted.' });
  return {
    kind: 'table',
    id: spec.id,
    title: spec.title,
    stub: { sv: 'Antagande', en: 'Assumption' },
    columns: [
      { key: 'lb', label: { sv: 'Nedre gräns', en: 'Lower bound' } },
      { key: 'ub', label: { sv: 'Övre gräns', en: 'Upper bound' } },
    ],
    rows,
    notes,
  };
}

/** The sentence with the breakdown values, both languages. */
export function sensitivitySentence(spec: SensitivitySpec): ReportText {
  const r = spec.result;
  const f = sensitivityFormat(spec.unit, r);
  const mf = mFormat([...r.sd.map((x) => x.m), ...(r.breakdown.sd ? [r.breakdown.sd] : [])]);
  const text = (lang: Lang): string => {
    const n = (x: number, fmt: NumberFormat) => formatNumber(x, lang, fmt);
    const sv = lang === 'sv';
    const orig = `${n(r.original.lb!, f)} ${sv ? 'och' : 'and'} ${n(r.original.ub!, f)}`;
    const excludes = r.original.lb! > 0 || r.original.ub! < 0;
    const parts: string[] = [];
    parts.push(
      sv
        ? `Under parallella trender ligger ${spec.target.sv} för ${spec.outcome.sv} mellan ${orig} (95 procent).`
        : `Under parallel trends, ${spec.target.en} on ${spec.outcome.en} lies between ${orig} (95 %).`,
    );
    if (r.rm.length) {
      const b = r.breakdown.rm;
      if (b === null)
        parts.push(sv ? 'Redan med M̄ = 0 omfattar den robusta mängden noll, så det finns inget brytvärde för relativa storlekar.' : 'Already at M̄ = 0 the robust set includes zero, so there is no breakdown value for relative magnitudes.');
      else
        parts.push(
          sv
            ? `Slutsatsen att effekten skiljer sig från noll håller så länge avvikelsen efter starten ändras med högst ${r.breakdownCapped.rm ? 'minst ' : ''}${n(b, { decimals: 2 })} gånger den största månadsändringen före starten (brytvärdet M̄).`
            : `The conclusion that the effect differs from zero holds as long as the deviation after the start changes by at most ${r.breakdownCapped.rm ? 'at least ' : ''}${n(b, { decimals: 2 })} times the largest month-to-month change before the start (the breakdown value M̄).`,
        );
    }
    if (r.sd.length) {
      const b = r.breakdown.sd;
      const unit = spec.mUnit ? ` ${spec.mUnit[lang]}` : '';
      if (b === null)
        parts.push(sv ? 'Med jämnhetsvillkoret omfattar intervallet noll redan när trenden före starten förlängs rakt (M = 0).' : 'Under smoothness the interval includes zero already when the pre-start trend is continued in a straight line (M = 0).');
      else parts.push(sv ? `Med jämnhetsvillkoret är brytvärdet M = ${n(b, mf)}${unit}.` : `Under smoothness the breakdown value is M = ${n(b, mf)}${unit}.`);
    }
    if (!excludes) parts.push(sv ? 'Det ursprungliga intervallet omfattar redan noll.' : 'The original interval already includes zero.');
    return parts.join(' ');
  };
  return { kind: 'text', markdown: { sv: text('sv'), en: text('en') } };
}

export interface CoverageRow {
  readonly key: string;
  readonly label: Label;
  /** Share of replications whose set contained the truth. */
  readonly coverage: number;
  readonly reps: number;
  /** Mean length of the set (null when not computed). */
  readonly meanLength?: number | null;
}

/** Coverage over replications: share covering the truth, its Monte Carlo SE, mean length. */
export function sensitivityCoverageTable(spec: { id: string; title: Label; rows: readonly CoverageRow[]; lengthFormat: NumberFormat; notes?: readonly Label[] }): ReportTable {
  return {
    kind: 'table',
    id: spec.id,
    title: spec.title,
    stub: { sv: 'Konfidensmängd', en: 'Confidence set' },
    columns: [
      { key: 'coverage', label: { sv: 'Täckning', en: 'Coverage' } },
      { key: 'mc_se', label: { sv: 'Simuleringsfel', en: 'Monte Carlo SE' } },
      { key: 'length', label: { sv: 'Medellängd', en: 'Mean length' } },
    ],
    rows: spec.rows.map((r) => ({
      key: r.key,
      label: r.label,
      cells: [
        { value: r.coverage, format: { decimals: 1, percent: true } },
        { value: Math.sqrt((r.coverage * (1 - r.coverage)) / r.reps), format: { decimals: 1, percent: true } },
        r.meanLength === undefined || r.meanLength === null ? { value: null, na: { sv: '–', en: '–' } } : { value: r.meanLength, format: spec.lengthFormat },
      ],
    })),
    notes: [...(spec.notes ?? [])],
  };
}
