/**
 * The survey participants' 2018 background (LISA) as per-person variables, and the row
 * layouts of R23 Table B2 (participants vs national averages) and Table B3 (treatment vs
 * control): which variable each row shows and its label.
 *
 * Everything is computed from the unit columns of the answers panel (persons.csv joined
 * onto each respondent), so the rows hold one value per respondent.
 */
import { readPublicTable } from '../../data-public/index';
import type { Panel } from '../data/panel';
import type { Label } from '../i18n/label';

function unitCol(p: Panel, name: string): Float64Array {
  const c = p.unitCols[name];
  if (!c) throw new RangeError(`team-survey background: no per-person column "${name}"`);
  return c;
}

/** 1 where the category column equals `level`, 0 for other levels, NaN where missing. */
export function levelIndicator(p: Panel, column: string, level: string): Float64Array {
  const levels = p.levels[column];
  const idx = levels ? levels.indexOf(level) : -1;
  if (idx < 0) throw new RangeError(`team-survey background: "${column}" has no level "${level}" (levels: ${(levels ?? []).join(', ')})`);
  const v = unitCol(p, column);
  return v.map((x) => (Number.isNaN(x) ? NaN : x === idx ? 1 : 0));
}

function map(v: Float64Array, f: (x: number) => number): Float64Array {
  return v.map((x) => (Number.isNaN(x) ? NaN : f(x)));
}

/** Per-person 2018 variables, keyed as the rows of Tables B2 and B3. */
export function surveyBackground(p: Panel): Record<string, Float64Array> {
  return {
    age: map(unitCol(p, 'birth_year'), (b) => 2018 - b),
    woman: unitCol(p, 'woman'),
    foreign_background: unitCol(p, 'foreign_background'),
    edu_pre_upper_secondary_lt9: levelIndicator(p, 'education', 'primary_lt9'),
    edu_pre_upper_secondary_9: levelIndicator(p, 'education', 'primary_9'),
    edu_upper_secondary: levelIndicator(p, 'education', 'upper_secondary'),
    edu_post_secondary: levelIndicator(p, 'education', 'post_secondary'),
    edu_missing: levelIndicator(p, 'education', 'missing'),
    household_single: levelIndicator(p, 'household_2018', 'single'),
    household_cohabiting: levelIndicator(p, 'household_2018', 'cohabiting'),
    household_other: levelIndicator(p, 'household_2018', 'other'),
    studies: unitCol(p, 'studies_2018'),
    disposable_income_tkr: map(unitCol(p, 'disposable_income_2018_kr'), (x) => x / 1000),
    earned_income_tkr: map(unitCol(p, 'earned_income_2018_kr'), (x) => x / 1000),
    earned_income_share: map(unitCol(p, 'earned_income_2018_kr'), (x) => (x > 0 ? 1 : 0)),
    social_assistance: unitCol(p, 'social_assistance_2018'),
    registered_af: unitCol(p, 'af_registered_nov_2018'),
  };
}

export interface BackgroundRow {
  key: string;
  label: Label;
}

/** R23 Table B3's rows (the catalog's order), keys into `surveyBackground`. */
export const SURVEY_BALANCE_ROWS: readonly BackgroundRow[] = [
  { key: 'age', label: { sv: 'Ålder', en: 'Age' } },
  { key: 'woman', label: { sv: 'Kvinna', en: 'Woman' } },
  { key: 'foreign_background', label: { sv: 'Utländsk bakgrund', en: 'Foreign background' } },
  { key: 'edu_pre_upper_secondary_lt9', label: { sv: 'Förgymnasial utb. < 9 år', en: 'Pre-upper-secondary education < 9 years' } },
  { key: 'edu_pre_upper_secondary_9', label: { sv: 'Förgymnasial utb. 9 år', en: 'Pre-upper-secondary education 9 years' } },
  { key: 'edu_upper_secondary', label: { sv: 'Gymnasial utb.', en: 'Upper-secondary education' } },
  { key: 'edu_post_secondary', label: { sv: 'Eftergymnasial utb.', en: 'Post-secondary education' } },
  { key: 'edu_missing', label: { sv: 'Utbildning saknas', en: 'Education missing' } },
  { key: 'household_single', label: { sv: 'Ensamstående', en: 'Single' } },
  { key: 'household_cohabiting', label: { sv: 'Samboende eller gifta', en: 'Cohabiting or married' } },
  { key: 'household_other', label: { sv: 'Övriga', en: 'Other' } },
  { key: 'studies', label: { sv: 'Studier (indikator)', en: 'Studies (indicator)' } },
  { key: 'disposable_income_tkr', label: { sv: 'Disponibel inkomst (tusental kr)', en: 'Disposable income (thousand kr)' } },
  { key: 'earned_income_tkr', label: { sv: 'Förvärvsinkomst (tusental kr)', en: 'Earned income (thousand kr)' } },
  { key: 'social_assistance', label: { sv: 'Indikator, ekonomiskt bistånd', en: 'Indicator, social assistance' } },
  { key: 'registered_af', label: { sv: 'Indikator, inskriven på Arbetsförmedlingen', en: 'Indicator, registered at Arbetsförmedlingen' } },
];

/** R23 Table B2's rows: the participants' variable (key) and whether it is a 0/1 share. */
export const SURVEY_NATIONAL_ROWS: readonly (BackgroundRow & { share: boolean })[] = [
  { key: 'age', label: { sv: 'Ålder', en: 'Age' }, share: false },
  { key: 'woman', label: { sv: 'Kvinna', en: 'Woman' }, share: true },
  { key: 'foreign_background', label: { sv: 'Utländsk bakgrund', en: 'Foreign background' }, share: true },
  { key: 'edu_pre_upper_secondary_lt9', label: { sv: 'Förgymnasial utbildning (< 9 år)', en: 'Pre-upper-secondary education (< 9 years)' }, share: true },
  { key: 'edu_pre_upper_secondary_9', label: { sv: 'Förgymnasial utbildning (9 år)', en: 'Pre-upper-secondary education (9 years)' }, share: true },
  { key: 'edu_upper_secondary', label: { sv: 'Gymnasial utbildning', en: 'Upper-secondary education' }, share: true },
  { key: 'edu_post_secondary', label: { sv: 'Eftergymnasial utbildning', en: 'Post-secondary education' }, share: true },
  { key: 'edu_missing', label: { sv: 'Utbildning saknas', en: 'Education missing' }, share: true },
  { key: 'household_single', label: { sv: 'Ensamstående hushåll', en: 'Single-person household' }, share: true },
  { key: 'household_cohabiting', label: { sv: 'Samboende hushåll', en: 'Cohabiting household' }, share: true },
  { key: 'studies', label: { sv: 'Studier (indikator)', en: 'Studies (indicator)' }, share: true },
  { key: 'social_assistance', label: { sv: 'Indikator, ekonomiskt bistånd', en: 'Indicator, social assistance' }, share: true },
  { key: 'registered_af', label: { sv: 'Indikator, inskriven på Arbetsförmedlingen', en: 'Indicator, registered at Arbetsförmedlingen' }, share: true },
  { key: 'earned_income_share', label: { sv: 'Andel med förvärvsinkomst', en: 'Share with earned income' }, share: true },
];

/** A national value on the participants' scale (shares 0–1) with its footnote marker. */
export interface NationalValue {
  value: number;
  marker?: string;
}

/**
 * R23 Table B2's national column from the published rows (data-public/r23-b2-national.csv):
 * per cent → share; "*" on a value from another year than `year`; "**" on the share with
 * earned income, which the source gives as the employment rate.
 */
export function nationalValues(rows: readonly { key: string; value: number; unit: string; year: number }[], year = 2018): Record<string, NationalValue> {
  const out: Record<string, NationalValue> = {};
  for (const r of rows) {
    const v: NationalValue = { value: r.unit === 'percent' ? r.value / 100 : r.value };
    if (r.key === 'earned_income_share') v.marker = '**';
    else if (r.year !== year) v.marker = '*';
    out[r.key] = v;
  }
  return out;
}

/** The national column of Table B2 as published (data-public/r23-b2-national.csv). */
export function publishedNationalValues(): Record<string, NationalValue> {
  return nationalValues(readPublicTable('r23-b2-national'));
}

export const NATIONAL_MARKER_NOTES: readonly Label[] = [
  { sv: '* Värde för 2020.', en: '* Value for 2020.' },
  { sv: '** Avser sysselsättningsgraden i befolkningen.', en: '** Refers to the employment rate of the population.' },
];
