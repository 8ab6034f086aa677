/**
 * Malmökraften's effect models (R23 chapter 5, appendix 2, Tables B12–B17): staggered
 * difference-in-differences with doubly robust cells (Callaway & Sant'Anna 2021, Sant'Anna
 * & Zhao 2020), varying base period, analytic standard errors clustered by person, in the
 * four columns of R23:
 *
 *   (1) m1  main model: propensity score and outcome regression on the list-quota variables
 *           and the characteristics the quotas over-represent (MALMO_COVARIATES),
 *           never-treated comparison units;
 *   (2) m2  the same without covariates (no adjustment for the selection into the lists);
 *   (3) m3  as (1) with a broader comparison group: never treated and not yet treated;
 *   (4) s:G one model per start group G: its participants against the never-treated who were
 *           in JOB in the group's list window (`pool_g*`), covariates as (1), from the month
 *           before the group's start on (all its post-start average needs).
 *
 * Start groups: the group's month 0 (its middle month, `start_month`) is the coded start.
 * Every start group is in the pooled models (1)–(3), the small G3 too: R23 prints "a" for a
 * group only where its effect could not be estimated "till följd av för få observationer i
 * gruppen" (B12, B13, B15, B16), and estimates G3 in B14, B17 and Figure 11, so "a" is the
 * engine's own verdict on a cell (src/tables/malmo-effects.ts), never a size rule.
 *
 * The "naive static ATT" row is did's simple aggregation: one average over every
 * post-start group-month, each weighted by its group's size, so the groups followed longest
 * weigh most and differences between groups and over time are ignored (Stata csdid's
 * "simple" ATT, which R23's model reports).
 *
 * Table B17 (`MalmoB17Spec`): R23's observation counts (1,268,542 and 1,280,286, of the
 * order of B12's person-months) show a monthly panel also for the income shares, which
 * SCB's register holds only yearly ("Dessa uppgifter har vi endast som årsuppgifter och
 * endast till och med 2020"): each month carries its year's share (`withYearlyColumns`),
 * the start groups keep their months, and the group rows are the main model's, as in
 * B12–B16. Medication runs 2013–2021 as R23's title says. The alternative reading,
 * `panel: 'yearly'`, estimates the shares on person-years with start years (G1–G3 one
 * 2018 cohort) and each group's row from a model of that group against the never-treated.
 */
import type { MeasureUnit } from '../data/schema';
import type { Panel } from '../data/panel';
import { monthCode, monthYear } from '../data/panel';
import { findUnit } from '../data/unit-table';
import { derive } from '../data/verbs/derive';
import { deriveUnits } from '../data/verbs/derive-units';
import { dateTag, QUOTA_COLUMNS, START_GROUPS, type StartGroupSpec } from '../data/schemas/malmokraften';
import type { AttgtOptions } from '../estimate/index';
import type { Label } from '../i18n/label';
import type { DidModel, DidSettings } from './did-grid';

/** Per-unit column with the coded start month (0 = never treated). */
export const MALMO_GROUP = 'g';
/** Per-unit column with the start year (0 = never treated), for yearly outcomes. */
export const MALMO_GROUP_YEAR = 'g_year';

/**
 * Selection covariates of columns (1), (3), (4) (R23 appendix 2): the five quota variables
 * at the list date, age, days in JOB and at Arbetsförmedlingen at the list date, region of
 * birth and education. Persons without a recorded education drop out of these models.
 */
export const MALMO_COVARIATES = [...QUOTA_COLUMNS, 'age', 'job_days_list', 'af_days_list', 'factor(birth_region)', 'factor(education)'] as const;

export const MALMO_OPTIONS: AttgtOptions = { method: 'dr', control: 'never', base: 'varying' };

/** Event window of the event-study figures (months relative to month 0). */
export const MALMO_EVENT = { minE: -36, maxE: 48 } as const;

/**
 * The model behind the event-study figures (R23 Figures 8, 10, 12, 14, 16): column (3),
 * never-treated and not-yet-treated comparisons, as R23's appendix describes them ("I
 * dessa figurer är kontrollgruppen de som ännu inte fått behandling men som fick det
 * senare. De som aldrig fått del av Malmökraften finns även med i regressionsanalysen").
 * The figures' titles ("kontrollgruppen (de som inte fått träffa ett team)") and the tables'
 * notes point to the never-treated instead; 'm1' is that reading.
 */
export const MALMO_EVENT_MODEL: 'm1' | 'm3' = 'm3';

export const MALMO_SETTINGS: DidSettings = { group: MALMO_GROUP, event: MALMO_EVENT, options: MALMO_OPTIONS };
export const MALMO_YEARLY_SETTINGS: DidSettings = { group: MALMO_GROUP_YEAR, event: { minE: -5, maxE: 2 }, options: MALMO_OPTIONS };

export interface MalmoStartGroup {
  code: StartGroupSpec['code'];
  label: Label;
  /** Coded start (month 0) and its year. */
  start: number;
  startYear: number;
  /** Participants in the data. */
  n: number;
  /** Pool column of the group's list window (`pool_g1` …). */
  pool: string;
}

function unitCol(p: Panel, name: string): Float64Array {
  const c = p.unitCols[name];
  if (!c) throw new RangeError(`malmokraften: no per-person column "${name}"`);
  return c;
}

/**
 * The panel (monthly or yearly) with the columns the models need: the coded start
 * (0 = never treated; an empty start is never treated too), the start year, and the days in
 * JOB and at Arbetsförmedlingen at the person's own list date.
 */
export function malmoPanel(panel: Panel): Panel {
  const start = unitCol(panel, 'start_month');
  const list = unitCol(panel, 'list_group');
  const listLevels = panel.levels.list_group ?? [];
  const tagOf = listLevels.map((code) => {
    const g = START_GROUPS.find((s) => s.code === code);
    if (!g) throw new RangeError(`malmokraften: unknown list "${code}"`);
    return dateTag(g.referenceDate);
  });
  const atList = (prefix: string) => (u: number) => {
    const l = list[u];
    return Number.isNaN(l) ? NaN : unitCol(panel, `${prefix}_${tagOf[l]}`)[u];
  };
  return deriveUnits(panel, {
    [MALMO_GROUP]: (u) => (start[u] > 0 ? start[u] : 0),
    [MALMO_GROUP_YEAR]: (u) => (start[u] > 0 ? monthYear(start[u]) : 0),
    job_days_list: atList('job_days'),
    af_days_list: atList('af_days'),
  });
}

/** The start groups found in the data, with their sizes. */
export function malmoStartGroups(panel: Panel): MalmoStartGroup[] {
  const g = unitCol(panel, MALMO_GROUP);
  return START_GROUPS.map((s, k) => {
    let n = 0;
    for (let u = 0; u < panel.nUnits; u++) if (g[u] === s.start) n++;
    return { code: s.code, label: s.label, start: s.start, startYear: monthYear(s.start), n, pool: `pool_g${k + 1}` };
  });
}

/** Never-treated persons, plus (if given) only those with `pool` = 1. */
function separateUnits(panel: Panel, group: MalmoStartGroup, pool: boolean): Uint8Array {
  const g = unitCol(panel, MALMO_GROUP);
  const inPool = pool ? unitCol(panel, group.pool) : null;
  const out = new Uint8Array(panel.nUnits);
  for (let u = 0; u < panel.nUnits; u++) out[u] = g[u] === group.start || (g[u] === 0 && (!inPool || inPool[u] === 1)) ? 1 : 0;
  return out;
}

export const MALMO_COLUMN_LABELS = {
  m1: { sv: '(1) Staggered DiD: med hänsyn till selektion i urvalet', en: '(1) Staggered DiD: adjusting for selection into the sample' },
  m2: { sv: '(2) Staggered DiD: utan hänsyn till selektion i urvalet', en: '(2) Staggered DiD: not adjusting for selection into the sample' },
  m3: { sv: '(3) Staggered DiD: bredare kontrollgrupp', en: '(3) Staggered DiD: broader control group' },
  m4: { sv: '(4) Staggered DiD: separata modeller för grupperna', en: '(4) Staggered DiD: separate model per start group' },
} as const;

/** Key of column (4)'s model for a start group. */
export const separateKey = (code: string) => `s:${code}`;

/** Columns (1)–(3) on the monthly panel: every person, every start group. */
export function pooledModels(_panel: Panel, _groups: readonly MalmoStartGroup[]): DidModel[] {
  return [
    { key: 'm1', label: MALMO_COLUMN_LABELS.m1, covariates: MALMO_COVARIATES },
    { key: 'm2', label: MALMO_COLUMN_LABELS.m2 },
    { key: 'm3', label: MALMO_COLUMN_LABELS.m3, covariates: MALMO_COVARIATES, options: { control: 'notyet' } },
  ];
}

/**
 * Column (4): one model per start group against its list window's never-treated. Only the
 * group's average after the start is reported, which uses the month before the start (the
 * base period) and the months after it, so each model is estimated from that month on: the
 * same estimate as on the whole window, at about two thirds of the cost.
 */
export function separateModels(panel: Panel, groups: readonly MalmoStartGroup[]): DidModel[] {
  return groups.map((g) => ({ key: separateKey(g.code), label: g.label, units: separateUnits(panel, g, true), covariates: MALMO_COVARIATES, from: g.start - 1 }));
}

/** The main model on the yearly panel, and per start group against all never-treated (B17). */
export function yearlyModels(panel: Panel, groups: readonly MalmoStartGroup[]): DidModel[] {
  return [
    { key: 'm1', label: MALMO_COLUMN_LABELS.m1, covariates: MALMO_COVARIATES },
    ...groups.map((g) => ({ key: separateKey(g.code), label: g.label, units: separateUnits(panel, g, false), covariates: MALMO_COVARIATES })),
  ];
}

/**
 * Readings of R23 Table B17 the text leaves open. `panel`: `monthly` (default; R23's counts)
 * or `yearly` (person-years, start years). `medicationTo` / `sharesTo`: last month of the
 * medication and income-share windows (R23's title: "(2013–2021)" and "(2013–2020)"); both
 * start in January 2013.
 */
export interface MalmoB17Spec {
  readonly panel: 'monthly' | 'yearly';
  readonly from: string;
  readonly medicationTo: string;
  readonly sharesTo: string;
}

export const MALMO_B17_SPEC: MalmoB17Spec = { panel: 'monthly', from: '2013-01', medicationTo: '2021-12', sharesTo: '2020-12' };

/** B17 column 1: the main model on the monthly panel, January 2013 to `medicationTo`. */
export function b17MedicationModel(spec: MalmoB17Spec = MALMO_B17_SPEC): DidModel {
  return { key: 'm1', label: MALMO_COLUMN_LABELS.m1, covariates: MALMO_COVARIATES, from: spec.from, to: spec.medicationTo };
}

/**
 * B17 columns 2–4 under `spec.panel = 'monthly'`: the main model on the monthly panel with
 * the yearly shares in every month (withYearlyColumns), January 2013 to `sharesTo`.
 */
export function b17ShareModel(spec: MalmoB17Spec = MALMO_B17_SPEC): DidModel {
  return { key: 'm1', label: MALMO_COLUMN_LABELS.m1, covariates: MALMO_COVARIATES, from: spec.from, to: spec.sharesTo };
}

/**
 * The monthly panel with yearly columns added: each person-month carries the value of its
 * person and calendar year (NaN where the yearly panel has none, e.g. after 2020), as a
 * register held yearly reads on a monthly panel.
 */
export function withYearlyColumns(monthly: Panel, yearly: Panel, columns: readonly string[]): Panel {
  if (monthly.periodKind !== 'month') throw new RangeError('withYearlyColumns: the first panel must be monthly');
  const out: Record<string, Float64Array> = {};
  for (const c of columns) {
    const y = yearly.cols[c];
    if (!y) throw new RangeError(`withYearlyColumns: the yearly panel has no column "${c}"`);
    const v = new Float64Array(monthly.nRows).fill(NaN);
    for (let u = 0; u < monthly.nUnits; u++) {
      const j = findUnit(yearly.unitIds, monthly.unitIds[u]);
      if (j < 0) continue;
      let k = yearly.rowStart[j];
      const kEnd = yearly.rowStart[j + 1];
      for (let r = monthly.rowStart[u]; r < monthly.rowStart[u + 1]; r++) {
        const year = monthYear(monthly.rowTime[r]);
        while (k < kEnd && yearly.rowTime[k] < year) k++;
        if (k < kEnd && yearly.rowTime[k] === year) v[r] = y[k];
      }
    }
    out[c] = v;
  }
  return derive(monthly, out);
}

/** January 2018, the month R23's "Medelvärde MK / K: 1 jan 2018" rows refer to. */
export const MALMO_MEANS_MONTH = monthCode(2018, 1);

export interface MalmoOutcome {
  column: string;
  unit: MeasureUnit;
  /** Catalog ids: the effect table, the per-group figure, the event study, the raw trends. */
  table?: string;
  groupFigure?: string;
  eventFigure?: string;
  trendFigure?: string;
  /** What the outcome is, for titles ("the probability of …"). */
  label: Label;
  /** y-axis label of its figures. */
  axis: Label;
}

/** The outcomes of Tables B12–B16 with their figures (R23 Figures 7–16, B5–B9). */
export const MALMO_EFFECT_OUTCOMES: readonly MalmoOutcome[] = [
  {
    column: 'subsidised_employment',
    unit: 'indicator',
    table: 'r23-tab-b12',
    groupFigure: 'r23-fig-7',
    eventFigure: 'r23-fig-8',
    trendFigure: 'r23-fig-b5',
    label: { sv: 'subventionerad anställning (ej nystartsjobb)', en: 'subsidised employment (not new-start jobs)' },
    axis: { sv: 'Sannolikhet', en: 'Probability' },
  },
  {
    column: 'new_start_job',
    unit: 'indicator',
    table: 'r23-tab-b13',
    groupFigure: 'r23-fig-9',
    eventFigure: 'r23-fig-10',
    trendFigure: 'r23-fig-b6',
    label: { sv: 'nystartsjobb', en: 'new-start jobs' },
    axis: { sv: 'Sannolikhet', en: 'Probability' },
  },
  {
    column: 'unemployed_or_programme',
    unit: 'indicator',
    table: 'r23-tab-b14',
    groupFigure: 'r23-fig-11',
    eventFigure: 'r23-fig-12',
    trendFigure: 'r23-fig-b7',
    label: { sv: 'att vara öppet arbetslös eller i program', en: 'being openly unemployed or in a programme' },
    axis: { sv: 'Sannolikhet', en: 'Probability' },
  },
  {
    column: 'wage_kr',
    unit: 'kr',
    table: 'r23-tab-b15',
    groupFigure: 'r23-fig-13',
    eventFigure: 'r23-fig-14',
    trendFigure: 'r23-fig-b8',
    label: { sv: 'löneinkomst från arbetsgivare', en: 'wage income from employers' },
    axis: { sv: 'Kronor per månad', en: 'Kronor per month' },
  },
  {
    column: 'social_assistance',
    unit: 'indicator',
    table: 'r23-tab-b16',
    groupFigure: 'r23-fig-15',
    eventFigure: 'r23-fig-16',
    trendFigure: 'r23-fig-b9',
    label: { sv: 'försörjningsstöd', en: 'social assistance' },
    axis: { sv: 'Sannolikhet', en: 'Probability' },
  },
];

/** Table B17's four outcomes: medication (monthly) and three yearly income shares; `heading` = the column label. */
export const MALMO_B17_OUTCOMES: readonly (MalmoOutcome & { yearly: boolean; heading: Label })[] = [
  {
    column: 'psych_medication',
    unit: 'indicator',
    yearly: false,
    heading: { sv: '(1) Att få någon medicin förskriven', en: '(1) Any psychiatric medication prescribed' },
    trendFigure: 'r23-fig-b10',
    label: { sv: 'förskriven medicin för psykisk ohälsa', en: 'prescribed psychiatric medication' },
    axis: { sv: 'Andel', en: 'Share' },
  },
  { column: 'share_programme', unit: 'share', yearly: true, heading: { sv: '(2) Andelen av inkomsten från AM-pol åtgärder', en: '(2) Share of income from labour-market programmes' }, label: { sv: 'andel av inkomsten från arbetsmarknadspolitiska åtgärder', en: 'share of income from labour-market programmes' }, axis: { sv: 'Andel', en: 'Share' } },
  { column: 'share_unemployment', unit: 'share', yearly: true, heading: { sv: '(3) Andelen av inkomsten från arbetslöshet', en: '(3) Share of income from unemployment benefits' }, label: { sv: 'andel av inkomsten från arbetslöshet', en: 'share of income from unemployment benefits' }, axis: { sv: 'Andel', en: 'Share' } },
  { column: 'share_studies', unit: 'share', yearly: true, heading: { sv: '(4) Andelen av inkomsten från studier', en: '(4) Share of income from studies' }, label: { sv: 'andel av inkomsten från studier', en: 'share of income from studies' }, axis: { sv: 'Andel', en: 'Share' } },
];

/** Means of an outcome in one period, participants (any start group) and never-treated. */
export interface PreStartMeans {
  treated: number;
  control: number;
  nTreated: number;
  nControl: number;
}

/**
 * The "Medelvärde MK / K: 1 jan 2018" rows: the outcome's mean in `period` (January 2018 for
 * monthly outcomes; for yearly ones the year before, 2017) among all participants and all
 * never-treated persons.
 */
export function preStartMeans(panel: Panel, column: string, period: number): PreStartMeans {
  const y = panel.cols[column];
  if (!y) throw new RangeError(`malmokraften: no outcome column "${column}"`);
  const g = unitCol(panel, MALMO_GROUP);
  let st = 0;
  let nt = 0;
  let sc = 0;
  let nc = 0;
  for (let r = 0; r < panel.nRows; r++) {
    if (panel.rowTime[r] !== period || Number.isNaN(y[r])) continue;
    if (g[panel.rowUnit[r]] > 0) (st += y[r]), nt++;
    else (sc += y[r]), nc++;
  }
  return { treated: nt ? st / nt : NaN, control: nc ? sc / nc : NaN, nTreated: nt, nControl: nc };
}
