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
 * month; a group's coded start is its first month. Nobody is never treated, so the engine
 * (like R did with control_group = "notyet") uses the last group only as comparison and
 * drops the months from its start on: eight groups get effects.
 */
import type { MeasureUnit } from '../data/schema';
import type { Study } from '../data/study';
import type { Panel } from '../data/panel';
import { monthYear } from '../data/panel';
import { deriveUnits } from '../data/verbs/derive-units';
import { startGroups, teamRct, TEAM_RCT_START_GROUPS, type StartGroups } from '../data/schemas/team-rct';
import type { AttgtOptions } from '../estimate/index';
import type { DidModel, DidSettings } from './did-grid';

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

/** The five columns of R24 Tables 1–9, labelled as the catalog's columns. */
export const TEAM_RCT_MODELS: readonly DidModel[] = [
  {
    key: 'm1',
    label: { sv: 'Modell 1: lång uppföljning 2015–2024', en: 'Model 1: long follow-up 2015–2024' },
    from: '2015-01',
    to: '2024-04',
  },
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
    from: '2015-01',
    to: '2024-04',
    covariates: TEAM_RCT_COVARIATES,
  },
  { key: 'men', label: { sv: 'Modell 1 för män', en: 'Model 1, men' }, from: '2015-01', to: '2024-04', units: isMan },
  { key: 'women', label: { sv: 'Modell 1 för kvinnor', en: 'Model 1, women' }, from: '2015-01', to: '2024-04', units: isWoman },
];

export interface TeamRctPanel {
  /** The monthly panel with the start group and Model 3's derived covariates as unit columns. */
  readonly panel: Panel;
  readonly groups: StartGroups;
}

/**
 * The monthly panel ready for the models: the start-group column (coded start), age in the
 * year before consent, and a small-children indicator (a child aged 0–6 at home).
 */
export function teamRctPanel(study: Study): TeamRctPanel {
  const monthly = study.panels.monthly;
  if (!monthly) throw new Error(`teamRctPanel: the study ${study.name} has no monthly panel`);
  const u = monthly.unitCols;
  for (const c of ['first_meeting_month', 'consent_month', 'birth_year', 'children_0_3', 'children_4_6', 'woman']) {
    if (!u[c]) throw new Error(`teamRctPanel: the monthly panel lacks the per-person column "${c}"`);
  }
  const groups = startGroups(u.first_meeting_month, TEAM_RCT_START_GROUPS);
  const panel = deriveUnits(monthly, {
    [START_GROUP_COLUMN]: Float64Array.from(groups.unitStart),
    age: (i) => monthYear(u.consent_month[i]) - 1 - u.birth_year[i],
    small_children: (i) => (u.children_0_3[i] > 0 || u.children_4_6[i] > 0 ? 1 : 0),
  });
  return { panel, groups };
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
