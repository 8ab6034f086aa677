/**
 * The team RCT's effect models (R24 Tables 1–9 and B8–B16): five columns, each a data cut
 * of the monthly panel plus covariates, all estimated the same way:
 *
 *   doubly robust staggered DiD (Callaway & Sant'Anna 2021 with Sant'Anna & Zhao 2020
 *   cells), not-yet-treated comparison units, varying base period, analytic standard
 *   errors from the influence functions (clustered by person), no bootstrap.
 *
 * Treatment timing: the nine start groups of `startGroups` (src/data/schemas/team-rct.ts),
 * cut by month of first meeting into groups of nearly equal size without splitting a
 * month; a group's coded start is its first month by default (`TeamRctSpec`, which makes
 * every reading the report leaves open a setting). Nobody is never treated, so the engine
 * (like R did with control_group = "notyet") uses the last group only as comparison and
 * drops the months from its start on: eight groups get effects.
 */
import type { MeasureUnit } from '../data/schema';
import type { Study } from '../data/study';
import type { Panel } from '../data/panel';
import { monthYear, parseMonth } from '../data/panel';
import { deriveUnits } from '../data/verbs/derive-units';
import { startGroups, teamRct, TEAM_RCT_START_GROUPS, type StartGroups } from '../data/schemas/team-rct';
import type { AttgtOptions } from '../estimate/index';
import type { DidModel, DidSettings } from './did-grid';
import type { Label } from '../i18n/label';

/** Per-unit column holding the coded start (first month) of the unit's start group. */
export const START_GROUP_COLUMN = 'start_group';

/** The estimation every team-rct model shares. */
export const TEAM_RCT_OPTIONS: AttgtOptions = { method: 'dr', control: 'notyet', base: 'varying' };

/** Event window of the event studies and of the before/after averages (months). */
export const TEAM_RCT_EVENT = { minE: -40, maxE: 20 } as const;

export const TEAM_RCT_SETTINGS: DidSettings = { group: START_GROUP_COLUMN, event: TEAM_RCT_EVENT, options: TEAM_RCT_OPTIONS };

/**
 * Model 3's covariates (R24: sex, age, foreign background, small children, marital status,
 * education, coordination association), all measured before randomisation and constant
 * per person, so they enter every 2x2 cell unchanged.
 */
export const TEAM_RCT_COVARIATES = [
  'woman',
  'age',
  'foreign_background',
  'small_children',
  'factor(marital_status)',
  'factor(education)',
  'factor(federation)',
] as const;

const isMan = (u: number, p: Panel): boolean => p.unitCols.woman[u] === 0;
const isWoman = (u: number, p: Panel): boolean => p.unitCols.woman[u] === 1;

/**
 * Where R24 leaves a sample rule open, the reading is a setting of the models (not a code
 * edit). Each default is the reading the report's text supports best; the README's
 * fidelity section cites the sentences and says what each alternative changes.
 *
 * - `startCoding`: the month a start group counts as treated from. `first` (default): the
 *   group's first month, so nobody in the group has met the team in its base month g−1
 *   (R24 does not say; a clean base month keeps every comparison free of treated months);
 *   `middle`: the middle month of the group's span, as R23 does for Malmökraften ("månad 0
 *   ... baserad på den mittersta av månaderna"); `last`: the group's last month.
 * - `lastGroupStart`: when the last start group stops being a comparison. `coded` (default):
 *   at its coded start (startCoding), like every group; `last-month`: at its last month, the
 *   literal reading of "I modellen får denna sista grupp vara med i kontrollgruppen hela
 *   perioden fram tills de får träffa teamen" (gains the comparison months in which some of
 *   the group have met the team already).
 * - `missingCovariates`: Model 3's persons without a recorded education. `drop` (default):
 *   they leave Model 3, as in any regression on X (R24's Model 3 has fewer observations than
 *   Model 1: 34 156 < 35 221); `category`: "Utbildning saknas" is a category of its own
 *   (as in R24 Table B3), so Model 3 keeps Model 1's persons.
 * - `annualBefore2019`: outcomes the registers hold only yearly before 2019 (main income
 *   source and its shares). `model-window` (default): estimated over the model's window,
 *   as R24 Table 3's title "(januari 2015–april 2024)" says; `from-2019`: every model
 *   estimates them from January 2019 only (as R24's Figures 3 and 5 (iii) are measured).
 * - `coverage`: persons whose register months have gaps (e.g. arrivals in Sweden after
 *   January 2015). `balanced` (default): a person missing a month of the window leaves the
 *   model (did's panel mode; every count is persons × months); `observed`: each person's
 *   recorded months are kept (the engine's unbalanced-panel estimator, R did's
 *   allow_unbalanced_panel), the only rule here under which a count like R24's Model 1
 *   (35 221, a prime) can arise. R24 does not state its rule; with csdid the default is
 *   neither (it keeps the pairs of months observed for each comparison).
 */
export interface TeamRctSpec {
  readonly startCoding: 'first' | 'middle' | 'last';
  readonly lastGroupStart: 'coded' | 'last-month';
  readonly missingCovariates: 'drop' | 'category';
  readonly annualBefore2019: 'model-window' | 'from-2019';
  readonly coverage: 'balanced' | 'observed';
}

export const TEAM_RCT_SPEC: TeamRctSpec = { startCoding: 'first', lastGroupStart: 'coded', missingCovariates: 'drop', annualBefore2019: 'model-window', coverage: 'balanced' };

/** First month the registers hold each of these outcomes monthly (before: yearly values). */
export const TEAM_RCT_MONTHLY_FROM = '2019-01';

/** Monthly outcomes whose register has only yearly values before 2019 (SCB's main income source and its shares). */
export function annualBefore2019(column: string): boolean {
  return column.startsWith('mis_') || column.startsWith('share_');
}

/** A person has every Model 3 covariate (education recorded, no missing value). */
function hasCovariates(u: number, p: Panel): boolean {
  const edu = p.unitCols.education;
  if (edu !== undefined && p.levels.education?.[edu[u]] === 'missing') return false;
  for (const c of TEAM_RCT_COVARIATES) {
    const name = c.startsWith('factor(') ? c.slice(7, -1) : c;
    const v = p.unitCols[name];
    if (v !== undefined && Number.isNaN(v[u])) return false;
  }
  return true;
}

const M1_LABEL = { sv: 'Modell 1: lång uppföljning 2015–2024', en: 'Model 1: long follow-up 2015–2024' };

/**
 * The five columns of R24 Tables 1–9 under a spec: Model 1 Jan 2015–Apr 2024 ("januari
 * 2015–april 2024"), Model 2 Jan 2019–Dec 2022 ("januari 2019–december 2022"), Model 3 =
 * Model 1 with TEAM_RCT_COVARIATES, men and women = Model 1 on each sex. `outcomes` (the
 * columns to be estimated) decides which get the 2019 start under `from-2019`.
 */
export function teamRctModels(spec: TeamRctSpec = TEAM_RCT_SPEC, outcomes: readonly string[] = []): DidModel[] {
  const from2019 = spec.annualBefore2019 === 'from-2019' ? Object.fromEntries(outcomes.filter(annualBefore2019).map((y) => [y, TEAM_RCT_MONTHLY_FROM])) : undefined;
  const long = { from: '2015-01', to: '2024-04', ...(from2019 ? { outcomeFrom: from2019 } : {}) };
  const models: DidModel[] = [
    { key: 'm1', label: M1_LABEL, ...long },
    {
      key: 'm2',
      label: { sv: 'Modell 2: kortare uppföljning 2019–2022', en: 'Model 2: shorter follow-up 2019–2022' },
      from: '2019-01',
      to: '2022-12',
    },
    {
      key: 'm3',
      label: {
        sv: 'Modell 3: lång uppföljning 2015–2024 justerad för möjlig selektion av deltagare',
        en: 'Model 3: long follow-up 2015–2024, adjusted for possible selection of participants',
      },
      ...long,
      covariates: TEAM_RCT_COVARIATES,
      ...(spec.missingCovariates === 'drop' ? { units: hasCovariates } : {}),
    },
    { key: 'men', label: { sv: 'Modell 1 för män', en: 'Model 1, men' }, ...long, units: isMan },
    { key: 'women', label: { sv: 'Modell 1 för kvinnor', en: 'Model 1, women' }, ...long, units: isWoman },
  ];
  return spec.coverage === 'observed' ? models.map((m) => ({ ...m, options: { ...m.options, unbalanced: true } })) : models;
}

const MONTH_NAMES = {
  sv: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
} as const;
const monthName = (code: number, lang: 'sv' | 'en') => `${MONTH_NAMES[lang][code - 12 * monthYear(code)]} ${monthYear(code)}`;
const bound = (b: number | string | null | undefined, fallback: number): number => (b === undefined || b === null ? fallback : typeof b === 'number' ? b : parseMonth(b));

/**
 * A model's label that tells the truth about its period. R24's model names carry their
 * defined years ("Modell 1: lång uppföljning 2015–2024"); when the data inside the model's
 * window (`from`/`to`, the fits' DidFit.from/to) cover the whole definition, the label is
 * ISF's, so on full data the columns read as in R24. When they do not (an extract ending
 * December 2023), the years are replaced by the months measured ("Modell 1: lång
 * uppföljning januari 2015–december 2023"): the model's name still maps the column to R24's,
 * and no label claims months the data lack. Labels without a period (men, women) and fits
 * without data months are left as they are.
 */
export function measuredLabel(model: DidModel, from: number, to: number): Label {
  if (!Number.isFinite(from) || !Number.isFinite(to)) return model.label;
  const covers = from <= bound(model.from, -Infinity) && to >= bound(model.to, Infinity);
  if (covers) return model.label;
  const years = /\b\d{4}–\d{4}\b/;
  const put = (lang: 'sv' | 'en') => model.label[lang].replace(years, `${monthName(from, lang)}–${monthName(to, lang)}`);
  return { sv: put('sv'), en: put('en') };
}

/** The five columns of R24 Tables 1–9 under the default spec, labelled as the catalog's columns. */
export const TEAM_RCT_MODELS: readonly DidModel[] = teamRctModels(TEAM_RCT_SPEC);

/**
 * R24's figures measured from January 2019 on a window of −20..+20 months (Figures 3, 4,
 * 5 (iii) and 6: "från 20 månader före till 20 månader efter ... Mätt under perioden jan
 * 2019–april 2024"); the other figures (2, 5 (i–ii), 7) are Model 1, −40..+20 months.
 */
export const TEAM_RCT_FIGURES_2019 = {
  // The label names the definition's start only; the figure note states the months measured (the window cut to the data).
  model: { key: 'm1-2019', label: { sv: 'Modell 1 från januari 2019', en: 'Model 1 from January 2019' }, from: '2019-01', to: '2024-04' } as DidModel,
  outcomes: ['mis_work', 'subsidised_or_newstart', 'mis_economic_assistance', 'sickness_benefit_net_days'] as readonly string[],
  event: { minE: -20, maxE: 20 } as const,
};

/** The settings of the 2019 figures' fits (TEAM_RCT_SETTINGS with their event window). */
export const TEAM_RCT_SETTINGS_2019: DidSettings = { ...TEAM_RCT_SETTINGS, event: TEAM_RCT_FIGURES_2019.event };

export interface TeamRctPanel {
  /** The monthly panel with the start group and Model 3's derived covariates as unit columns. */
  readonly panel: Panel;
  readonly groups: StartGroups;
}

/**
 * The monthly panel ready for the models: the start-group column (coded start), age in the
 * year before consent, and a small-children indicator (a child aged 0–6 at home).
 */
export function teamRctPanel(study: Study, spec: TeamRctSpec = TEAM_RCT_SPEC): TeamRctPanel {
  const monthly = study.panels.monthly;
  if (!monthly) throw new Error(`teamRctPanel: the study ${study.name} has no monthly panel`);
  const u = monthly.unitCols;
  for (const c of ['first_meeting_month', 'consent_month', 'birth_year', 'children_0_3', 'children_4_6', 'woman']) {
    if (!u[c]) throw new Error(`teamRctPanel: the monthly panel lacks the per-person column "${c}"`);
  }
  const groups = codeStarts(startGroups(u.first_meeting_month, TEAM_RCT_START_GROUPS), u.first_meeting_month, spec);
  const panel = deriveUnits(monthly, {
    [START_GROUP_COLUMN]: Float64Array.from(groups.unitStart),
    age: (i) => monthYear(u.consent_month[i]) - 1 - u.birth_year[i],
    small_children: (i) => (u.children_0_3[i] > 0 || u.children_4_6[i] > 0 ? 1 : 0),
  });
  return { panel, groups };
}

/**
 * The start groups with each group's coded start per the spec: its first, middle or last
 * month (the span from its first to its last first-meeting month; the middle of an even
 * span is its earlier middle month), the last group per `lastGroupStart`.
 */
export function codeStarts(groups: StartGroups, firstMeeting: ArrayLike<number>, spec: TeamRctSpec): StartGroups {
  const k = groups.size.length;
  const lo = new Int32Array(k).fill(2 ** 30);
  const hi = new Int32Array(k).fill(-(2 ** 30));
  for (let i = 0; i < groups.group.length; i++) {
    const g = groups.group[i];
    lo[g] = Math.min(lo[g], firstMeeting[i]);
    hi[g] = Math.max(hi[g], firstMeeting[i]);
  }
  const groupStart = Int32Array.from({ length: k }, (_, g) => {
    const coding = g === k - 1 && spec.lastGroupStart === 'last-month' ? 'last' : spec.startCoding;
    return coding === 'first' ? lo[g] : coding === 'last' ? hi[g] : lo[g] + Math.floor((hi[g] - lo[g]) / 2);
  });
  const unitStart = Int32Array.from(groups.group, (g) => groupStart[g]);
  return { ...groups, groupStart, unitStart };
}

/** The measure unit of a monthly outcome, from the study's dictionary. */
export function outcomeUnit(column: string): MeasureUnit {
  const monthly = teamRct.files.find((f) => f.file === 'monthly.csv');
  const spec = monthly?.columns.find((c) => c.name === column);
  if (!spec) throw new Error(`team-rct: "${column}" is not a column of monthly.csv`);
  return spec.unit;
}

/** The dictionary's label of a monthly outcome. */
export function outcomeLabel(column: string): { sv: string; en: string } {
  const monthly = teamRct.files.find((f) => f.file === 'monthly.csv');
  const spec = monthly?.columns.find((c) => c.name === column);
  if (!spec) throw new Error(`team-rct: "${column}" is not a column of monthly.csv`);
  return spec.label;
}
