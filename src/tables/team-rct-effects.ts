/**
 * Layouts of the team RCT's effect tables (R24 Tables 1–9), their before/after tables
 * (B8–B16): which outcome sits in which row, with the catalog's row labels. Numbers come
 * from a DidGrid of TEAM_RCT_MODELS (src/models/team-rct.ts); the builders are
 * effect-table.ts and before-after-table.ts.
 */
import type { DidGrid } from '../models/did-grid';
import { gridFit } from '../models/did-grid';
import { measuredLabel, outcomeLabel, outcomeUnit } from '../models/team-rct';
import { monthLabel } from '../report/values';
import { STARS_R24 } from '../format/stars';
import type { Label, ReportTable } from '../report/model';
import { beforeAfterTableFromGrid, type BeforeAfterLayoutRow } from './before-after-table';
import { effectTableFromGrid, type GridLayoutRow } from './effect-table';

const L = (sv: string, en: string): Label => ({ sv, en });

type Line = { h: Label } | { y: string; label: Label };
const H = (sv: string, en: string): Line => ({ h: L(sv, en) });
const Y = (y: string, sv: string, en: string): Line => ({ y, label: L(sv, en) });

/** Section headings shared by an effect table and its before/after table. */
const H_AF = H('Öppet arbetslös eller i program hos Arbetsförmedlingen', 'Openly unemployed or in a programme at Arbetsförmedlingen');
const H_MEASURE = H('I arbetsmarknadsinsats hos Arbetsförmedlingen eller kommunen', 'In a labour-market measure at Arbetsförmedlingen or the municipality');
const H_SA_MONTH = H('Försörjningsstöd per månad', 'Social assistance per month');
const H_SICKNESS_BENEFIT = H('Sjukpenning', 'Sickness benefit');
const H_REHAB = H('Rehabiliteringsersättning', 'Rehabilitation benefit');
const H_SE_AE = H('Sjukersättning (SE), aktivitetsersättning (AE), kombinerat (SA)', 'Sickness compensation (SE), activity compensation (AE), combined (SA)');
const H_INSURANCE = H('Sjukpenning och rehabiliteringsersättning sammantaget', 'Sickness benefit and rehabilitation benefit together');

interface EffectLayout {
  readonly id: string;
  readonly title: Label;
  readonly lines: readonly Line[];
}

/** R24 Tables 1–9: outcomes and row labels (the catalog's, in the project's wording). */
export const TEAM_RCT_EFFECT_TABLES: readonly EffectLayout[] = [
  {
    id: 'r24-tab-1',
    title: L('Effekten på inkomst från arbete och på arbete som huvudsaklig inkomstkälla', 'Effect on income from work and on work as the main income source'),
    lines: [
      H('Inkomst från arbete', 'Income from work'),
      Y('wage_kr', 'Kronor per månad', 'Kronor per month'),
      Y('wage', 'Indikator (har löneinkomst)', 'Indicator (has wage income)'),
      H('Förvärvsarbete som huvudsaklig inkomstkälla', 'Work as main income source'),
      Y('mis_work', 'Indikator', 'Indicator'),
      Y('mis_share_work', 'Andel av inkomsten', 'Share of income'),
    ],
  },
  {
    id: 'r24-tab-2',
    title: L('Effekten på subventionerad anställning eller nystartsjobb', 'Effect on subsidised employment or a new-start job'),
    lines: [Y('subsidised_or_newstart', 'Indikator (subventionerad anställning eller nystartsjobb)', 'Indicator (subsidised employment or new-start job)')],
  },
  {
    id: 'r24-tab-3',
    title: L('Effekten på studier som huvudsaklig inkomstkälla', 'Effect on studies as the main income source'),
    lines: [
      Y('mis_studies', 'Indikator (studier huvudsaklig inkomstkälla)', 'Indicator (studies as main income source)'),
      Y('mis_share_studies', 'Andel av inkomsten från studier', 'Share of income from studies'),
    ],
  },
  {
    id: 'r24-tab-4',
    title: L('Effekten på inskrivning på Arbetsförmedlingen och deltagande i arbetsmarknadsinsatser', 'Effect on registration at Arbetsförmedlingen and participation in labour-market measures'),
    lines: [
      H_AF,
      Y('unemployed_or_programme', 'Indikator', 'Indicator'),
      H_MEASURE,
      Y('labour_market_programme', 'Indikator', 'Indicator'),
    ],
  },
  {
    id: 'r24-tab-5',
    title: L('Effekten på försörjningsstöd', 'Effect on social assistance'),
    lines: [
      H_SA_MONTH,
      Y('social_assistance', 'Indikator', 'Indicator'),
      Y('social_assistance_kr', 'Kronor', 'Kronor'),
      H('Ekonomiskt stöd som huvudsaklig inkomstkälla', 'Economic assistance as main income source'),
      Y('mis_economic_assistance', 'Indikator', 'Indicator'),
      Y('mis_share_economic_assistance', 'Andel av inkomsten', 'Share of income'),
    ],
  },
  {
    id: 'r24-tab-6',
    title: L('Effekten på sjukpenning och rehabiliteringsersättning', 'Effect on sickness benefit and rehabilitation benefit'),
    lines: [
      H_SICKNESS_BENEFIT,
      Y('sickness_benefit_net_days', 'Nettodagar', 'Net days'),
      Y('sickness_benefit_gross_days', 'Bruttodagar', 'Gross days'),
      Y('sickness_benefit_extent', 'Omfattning', 'Extent (degree of sick leave)'),
      Y('sickness_benefit_kr', 'Kronor, brutto', 'Kronor, gross'),
      H_REHAB,
      Y('rehab_benefit_net_days', 'Nettodagar', 'Net days'),
      Y('rehab_benefit_gross_days', 'Bruttodagar', 'Gross days'),
    ],
  },
  {
    id: 'r24-tab-7',
    title: L('Effekten på långvarigt nedsatt arbetsförmåga', 'Effect on long-term reduced work capacity'),
    lines: [
      H_SE_AE,
      Y('sickness_comp_net_days', 'Dagar, SE (netto)', 'Days, SE (net)'),
      Y('activity_comp_net_days', 'Dagar, AE (netto)', 'Days, AE (net)'),
      Y('sa_extent', 'Omfattning, SA', 'Extent, SA'),
    ],
  },
  {
    id: 'r24-tab-8',
    title: L('Effekten på den samlade sjukförsäkringen', 'Effect on the sickness insurance as a whole'),
    lines: [
      H_INSURANCE,
      Y('sickness_insurance_net_days', 'Nettodagar', 'Net days'),
      Y('sickness_insurance_gross_days', 'Bruttodagar', 'Gross days'),
      H('Sjukdom som huvudsaklig inkomstkälla', 'Sickness as main income source'),
      Y('mis_sickness', 'Indikator', 'Indicator'),
    ],
  },
  {
    id: 'r24-tab-9',
    title: L('Effekten på offentlig försörjning', 'Effect on public support'),
    lines: [Y('public_support', 'Indikator (försörjningsstöd, inskriven som arbetslös/i program eller sjukrelaterad ersättning)', 'Indicator (social assistance, registered unemployed/in programme, or sickness-related benefit)')],
  },
];

/** R24 Tables B8–B16: the before/after rows (the catalog's subsets: no gross days in B13, B15). */
export const TEAM_RCT_BEFORE_AFTER_TABLES: readonly EffectLayout[] = [
  {
    id: 'r24-tab-b8',
    title: L('Effekten på inkomst från arbete före och efter första mötet', 'Effect on income from work before and after the first meeting'),
    lines: [
      H('Löneinkomst (kronor per månad)', 'Wage income (kronor per month)'),
      Y('wage_kr', 'Inkomst, kr', 'Income, kr'),
      Y('wage', 'Indikator', 'Indicator'),
      H('Förvärvsarbete som huvudsaklig inkomstkälla (SCB:s definition)', 'Work as main income source (Statistics Sweden definition)'),
      Y('mis_work', 'Indikator', 'Indicator'),
      Y('mis_share_work', 'Andel', 'Share'),
    ],
  },
  {
    id: 'r24-tab-b9',
    title: L('Effekten på subventionerad anställning eller nystartsjobb före och efter första mötet', 'Effect on subsidised employment or a new-start job before and after the first meeting'),
    lines: [Y('subsidised_or_newstart', 'Indikator', 'Indicator')],
  },
  {
    id: 'r24-tab-b10',
    title: L('Effekten på studier före och efter första mötet', 'Effect on studies before and after the first meeting'),
    lines: [
      H('Andel av inkomsten från studier', 'Share of income from studies'),
      Y('mis_share_studies', 'Andel', 'Share'),
      H('Studier som huvudsaklig inkomstkälla', 'Studies as main income source'),
      Y('mis_studies', 'Indikator', 'Indicator'),
    ],
  },
  {
    id: 'r24-tab-b11',
    title: L('Effekten på inskrivning på Arbetsförmedlingen och arbetsmarknadsinsatser före och efter första mötet', 'Effect on registration at Arbetsförmedlingen and labour-market measures before and after the first meeting'),
    lines: [
      H_AF,
      Y('unemployed_or_programme', 'Indikator', 'Indicator'),
      H_MEASURE,
      Y('labour_market_programme', 'Indikator', 'Indicator'),
    ],
  },
  {
    id: 'r24-tab-b12',
    title: L('Effekten på försörjningsstöd före och efter första mötet', 'Effect on social assistance before and after the first meeting'),
    lines: [
      H_SA_MONTH,
      Y('social_assistance_kr', 'Försörjningsstöd, kr', 'Social assistance, kr'),
      Y('social_assistance', 'Indikator', 'Indicator'),
      H('Ekonomiskt stöd som huvudsaklig inkomstkälla (SCB:s definition)', 'Economic assistance as main income source (Statistics Sweden definition)'),
      Y('mis_economic_assistance', 'Indikator', 'Indicator'),
      Y('mis_share_economic_assistance', 'Andel', 'Share'),
    ],
  },
  {
    id: 'r24-tab-b13',
    title: L('Effekten på sjukpenning och rehabiliteringsersättning före och efter första mötet', 'Effect on sickness benefit and rehabilitation benefit before and after the first meeting'),
    lines: [
      H_SICKNESS_BENEFIT,
      Y('sickness_benefit_net_days', 'Nettodagar', 'Net days'),
      Y('sickness_benefit_kr', 'Belopp', 'Amount'),
      Y('sickness_benefit_extent', 'Omfattning', 'Extent'),
      H_REHAB,
      Y('rehab_benefit_net_days', 'Nettodagar', 'Net days'),
    ],
  },
  {
    id: 'r24-tab-b14',
    title: L('Effekten på långvarigt nedsatt arbetsförmåga före och efter första mötet', 'Effect on long-term reduced work capacity before and after the first meeting'),
    lines: [
      H_SE_AE,
      Y('sickness_comp_net_days', 'Dagar, SE', 'Days, SE'),
      Y('activity_comp_net_days', 'Dagar, AE', 'Days, AE'),
      Y('sa_extent', 'Omfattning, SA', 'Extent, SA'),
    ],
  },
  {
    id: 'r24-tab-b15',
    title: L('Effekten på den samlade sjukförsäkringen före och efter första mötet', 'Effect on the sickness insurance as a whole before and after the first meeting'),
    lines: [
      H_INSURANCE,
      Y('sickness_insurance_net_days', 'Nettodagar', 'Net days'),
      H('Sjukdom som huvudsaklig inkomstkälla (SCB:s definition)', 'Sickness as main income source (Statistics Sweden definition)'),
      Y('mis_sickness', 'Indikator', 'Indicator'),
    ],
  },
  {
    id: 'r24-tab-b16',
    title: L('Effekten på offentlig försörjning före och efter första mötet', 'Effect on public support before and after the first meeting'),
    lines: [Y('public_support', 'Indikator (offentlig försörjning)', 'Indicator (public support)')],
  },
];

/** Every outcome the tables need, in table order. */
export const TEAM_RCT_OUTCOMES: readonly string[] = Array.from(
  new Set(TEAM_RCT_EFFECT_TABLES.flatMap((t) => t.lines.flatMap((l) => ('y' in l ? [l.y] : [])))),
);

function headerKey(label: Label, i: number): string {
  return `h${i}_${label.en.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 40)}`;
}

function effectRows(lines: readonly Line[]): GridLayoutRow[] {
  return lines.map((l, i) => ('h' in l ? { header: true, key: headerKey(l.h, i), label: l.h } : { label: l.label, outcome: l.y, unit: outcomeUnit(l.y) }));
}

function beforeAfterLines(lines: readonly Line[]): BeforeAfterLayoutRow[] {
  return lines.map((l, i) => ('h' in l ? { header: true, key: headerKey(l.h, i), label: l.h } : { label: l.label, outcome: l.y, unit: outcomeUnit(l.y) }));
}

/** The estimator and comparison group (every effect table). */
export const TEAM_RCT_METHOD_NOTE: Label = L(
  'Dubbelt robust difference-in-differences med förskjuten start (Callaway och Sant’Anna 2021; Sant’Anna och Zhao 2020). Jämförelsegruppen är deltagare som ännu inte träffat teamet. Indikatorer: effekten är en förändring i sannolikhet (0,01 = en procentenhet). Observationer = personmånader i skattningen.',
  'Doubly robust difference-in-differences with staggered start (Callaway and Sant’Anna 2021; Sant’Anna and Zhao 2020). The comparison group is participants who have not yet met the team. Indicators: the effect is a change in probability (0.01 = one percentage point). Observations = person-months in the estimation.',
);

/** What the headline of Tables 1–9 averages. */
export const TEAM_RCT_HEADLINE_NOTE: Label = L(
  'Effekten är ett med startgruppernas storlek viktat genomsnitt av startgruppernas genomsnittliga effekter efter första mötet.',
  'The effect is an average of the start groups’ mean effects after the first meeting, weighted by group size.',
);

/** Short names of the five columns in notes. */
const MODEL_NAMES: Record<string, Label> = {
  m1: L('modell 1', 'Model 1'),
  m2: L('modell 2', 'Model 2'),
  m3: L('modell 3', 'Model 3'),
  men: L('modell 1 för män', 'Model 1 for men'),
  women: L('modell 1 för kvinnor', 'Model 1 for women'),
};

function joinAnd(items: readonly string[], lang: 'sv' | 'en'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'sv' ? 'och' : 'and'} ${items[items.length - 1]}`;
}

/**
 * The months each column measured: its model's window cut to the months the data hold
 * (the fits' from/to), so that on an extract ending December 2023 the note does not claim
 * R24's "januari 2015–april 2024". Columns with the same months share a phrase; an outcome
 * with a window of its own (`outcomeFrom`, e.g. the main income source from 2019) is named.
 */
export function teamRctWindowNote(grid: DidGrid, outcomes: readonly string[], models: readonly string[] = grid.models.map((m) => m.key)): Label {
  const span = (from: number, to: number, lang: 'sv' | 'en') =>
    Number.isFinite(from) && Number.isFinite(to) ? `${monthLabel(from)[lang]}–${monthLabel(to)[lang]}` : lang === 'sv' ? 'inga månader' : 'no months';
  const phrase = (m: string, lang: 'sv' | 'en'): string => {
    const byWindow = new Map<string, { from: number; to: number; ys: string[] }>();
    for (const y of outcomes) {
      const f = gridFit(grid, m, y);
      const k = `${f.from}|${f.to}`;
      const e = byWindow.get(k) ?? { from: f.from, to: f.to, ys: [] };
      e.ys.push(y);
      byWindow.set(k, e);
    }
    const ws = [...byWindow.values()].sort((a, b) => b.ys.length - a.ys.length);
    const main = span(ws[0].from, ws[0].to, lang);
    const rest = ws.slice(1).map((w) => `${joinAnd(w.ys.map((y) => outcomeLabel(y)[lang].toLowerCase()), lang)}: ${span(w.from, w.to, lang)}`);
    return rest.length === 0 ? main : `${main} (${rest.join('; ')})`;
  };
  const text = (lang: 'sv' | 'en'): string => {
    const groups = new Map<string, string[]>();
    for (const m of models) {
      const p = phrase(m, lang);
      const name = MODEL_NAMES[m]?.[lang] ?? grid.models.find((x) => x.key === m)?.label[lang] ?? m;
      groups.set(p, [...(groups.get(p) ?? []), name]);
    }
    const parts = [...groups.entries()].map(([p, names]) => `${joinAnd(names, lang)} ${p}`);
    const body = parts.join('; ');
    return lang === 'sv' ? `Mätperiod (modellens fönster inom de månader som finns i data): ${body}.` : `Period measured (the model's window within the months in the data): ${body}.`;
  };
  return { sv: text('sv'), en: text('en') };
}

/**
 * The columns' labels for a table's outcomes: each model's label with the months its fits
 * cover (the earliest from and latest to over the outcomes; `measuredLabel`), so that ISF's
 * "2015–2024" stays on full data and gives way to the months measured on a shorter extract.
 */
export function teamRctColumnLabels(grid: DidGrid, outcomes: readonly string[]): Record<string, Label> {
  const out: Record<string, Label> = {};
  for (const m of grid.models) {
    const fits = outcomes.map((y) => gridFit(grid, m.key, y));
    const from = Math.min(...fits.map((f) => (Number.isFinite(f.from) ? f.from : Infinity)));
    const to = Math.max(...fits.map((f) => (Number.isFinite(f.to) ? f.to : -Infinity)));
    out[m.key] = Number.isFinite(from) && Number.isFinite(to) ? measuredLabel(m, from, to) : m.label;
  }
  return out;
}

/** The outcomes of a layout's lines. */
const linesOutcomes = (lines: readonly Line[]): string[] => lines.flatMap((l) => ('y' in l ? [l.y] : []));

/** R24 Tables 1–9 from a grid of the five models. */
export function teamRctEffectTables(grid: DidGrid): ReportTable[] {
  return TEAM_RCT_EFFECT_TABLES.map((t) =>
    effectTableFromGrid({
      id: t.id,
      title: t.title,
      grid,
      rows: effectRows(t.lines),
      stars: STARS_R24,
      columnLabels: teamRctColumnLabels(grid, linesOutcomes(t.lines)),
      notes: [TEAM_RCT_METHOD_NOTE, TEAM_RCT_HEADLINE_NOTE, teamRctWindowNote(grid, linesOutcomes(t.lines))],
    }),
  );
}

/** R24 Tables B8–B16 from the same grid. */
export function teamRctBeforeAfterTables(grid: DidGrid): ReportTable[] {
  return TEAM_RCT_BEFORE_AFTER_TABLES.map((t) =>
    beforeAfterTableFromGrid({
      id: t.id,
      title: t.title,
      grid,
      rows: beforeAfterLines(t.lines),
      stars: STARS_R24,
      columnLabels: teamRctColumnLabels(grid, linesOutcomes(t.lines)),
      notes: [TEAM_RCT_METHOD_NOTE, teamRctWindowNote(grid, linesOutcomes(t.lines))],
    }),
  );
}
