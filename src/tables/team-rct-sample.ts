/**
 * The team trial's sample, R24 section 2.5 and appendix tables B1 and B2: where the
 * participants were referred from, how they compare with the working-age population
 * (2020), and how they compare with everyone in the coordination associations' individual
 * measures (Försäkringskassan's yearly figures for 2020–2022).
 *
 * Participants' columns are computed from the study's files (persons.csv, monthly.csv);
 * the comparison columns are published figures (data-public/). Shares are printed in whole
 * per cent as R24 prints them; every computed cell carries its denominator for disclosure
 * control.
 *
 *   const study = await loadStudy('team-rct');
 *   show(referralTable(study));
 *   show(populationTable(study));   // published figures: readPublicTable('r24-b1-national')
 *   show(finsamTable(study));       // published figures: readPublicTable('r24-b2-finsam')
 */
import { readPublicTable } from '../../data-public/index';
import { monthCode, monthYear } from '../data/panel';
import type { Panel } from '../data/panel';
import { INCOME_SOURCE_AMOUNTS, INCOME_SOURCES, REFERRAL_LEVELS, type IncomeSource } from '../data/schemas/team-rct';
import type { Study } from '../data/study';
import type { UnitTable } from '../data/unit-table';
import type { Cell, Label, ReportTable, Row } from '../report/model';
import { unitColumn, unitWindow } from '../stats/window';
import { meanCell, pairCell, publishedCell, shareCell } from './cells';
import { sharesRelations, withRelations } from './relations';

/** A published comparison figure, as read by readPublicTable (data-public/). */
export interface PublishedRow {
  key: string;
  value: number;
  unit: 'percent' | 'years';
  year: number;
}

const L = (sv: string, en: string): Label => ({ sv, en });

function column(units: UnitTable, name: string): Float64Array {
  const col = units.cols[name];
  if (!col) throw new RangeError(`team-rct sample: no column "${name}" in ${units.source ?? 'the unit file'} (is this the team-rct study?)`);
  return col;
}

/** 1 where the category column is one of `codes`, 0 where it is another level, NaN where missing. */
export function inLevels(values: Float64Array, levels: readonly string[], codes: readonly string[]): Float64Array {
  const wanted = new Set(codes.map((c) => levels.indexOf(c)));
  return values.map((v) => (Number.isNaN(v) ? NaN : wanted.has(v) ? 1 : 0));
}

const AGE_BANDS: readonly { key: string; label: Label; lo: number; hi: number }[] = [
  { key: 'age_lt30', label: L('<30 år', 'Under 30'), lo: -Infinity, hi: 29 },
  { key: 'age_30_44', label: L('30–44 år', '30–44'), lo: 30, hi: 44 },
  { key: 'age_45_59', label: L('45–59 år', '45–59'), lo: 45, hi: 59 },
  { key: 'age_60plus', label: L('60 år och äldre', '60 and over'), lo: 60, hi: Infinity },
];

const band = (age: Float64Array, lo: number, hi: number) => age.map((a) => (Number.isNaN(a) ? NaN : a >= lo && a <= hi ? 1 : 0));

/** Education rows: the register's two pre-upper-secondary levels together; an empty cell counts as missing. */
function educationRows(education: Float64Array, levels: readonly string[]): { key: string; label: Label; values: Float64Array }[] {
  const missing = levels.indexOf('missing');
  if (missing < 0) throw new RangeError('team-rct sample: education has no level "missing"');
  const filled = education.map((v) => (Number.isNaN(v) ? missing : v));
  return [
    { key: 'edu_pre_upper_secondary', label: L('Förgymnasial utbildning', 'Pre-upper-secondary education'), values: inLevels(filled, levels, ['primary_lt9', 'primary_9']) },
    { key: 'edu_upper_secondary', label: L('Gymnasial utbildning', 'Upper-secondary education'), values: inLevels(filled, levels, ['upper_secondary']) },
    { key: 'edu_post_secondary', label: L('Eftergymnasial utbildning', 'Post-secondary education'), values: inLevels(filled, levels, ['post_secondary']) },
    { key: 'edu_missing', label: L('Utbildning saknas', 'Education missing'), values: inLevels(filled, levels, ['missing']) },
  ];
}

/** R24 section 2.5: the share of participants referred by each party. */
export function referralTable(study: Study, id = 'r24-referrals'): ReportTable {
  const units = study.units;
  const source = column(units, 'referral_source');
  const rows: Row[] = REFERRAL_LEVELS.map((level) => ({
    key: level.code,
    label: level.label,
    cells: [shareCell(inLevels(source, units.levels.referral_source, [level.code]), null, { decimals: 1, percent: true })],
  }));
  const table: ReportTable = {
    kind: 'table',
    id,
    title: L('Remittenter: vem som remitterade deltagarna till teamen', 'Referral sources: who referred the participants to the teams'),
    stub: L('Remittent', 'Referred by'),
    columns: [{ key: 'share', label: L('Andel av deltagarna (procent)', 'Share of participants (per cent)') }],
    rows,
    notes: [
      L(
        `Alla ${units.nUnits} deltagare i utvärderingen (persons.csv, kolumnen referral_source).`,
        `All ${units.nUnits} participants in the evaluation (persons.csv, column referral_source).`,
      ),
    ],
  };
  // The sources' shares add to 100 % (where every participant has one): a reader knows it.
  return withRelations(table, sharesRelations(table, rows.map((r) => r.key), ['share']));
}

/**
 * Each person's main income source over a calendar year: the category with more than half
 * of the year's summed income; when none has more than half, the largest (the monthly
 * measure always has a category above half, a year's sum need not); no income at all is
 * "no income". NaN for persons without a row in that year.
 */
export function yearlyMainIncomeSource(monthly: Panel, year: number): Float64Array {
  const window = { fromPeriod: monthCode(year, 1), toPeriod: monthCode(year, 12) };
  const cats = INCOME_SOURCES.filter((s): s is Exclude<IncomeSource, 'no_income'> => s !== 'no_income');
  const sums = cats.map((s) => {
    const total = new Float64Array(monthly.nUnits);
    for (const col of INCOME_SOURCE_AMOUNTS[s]) {
      const part = unitWindow(monthly, col, window, 'sum');
      for (let u = 0; u < total.length; u++) total[u] += part[u];
    }
    return total;
  });
  const out = new Float64Array(monthly.nUnits);
  for (let u = 0; u < out.length; u++) {
    let total = 0;
    let top = 0;
    for (let j = 0; j < cats.length; j++) {
      total += sums[j][u];
      if (sums[j][u] > sums[top][u]) top = j;
    }
    if (Number.isNaN(total)) out[u] = NaN;
    else out[u] = total > 0 ? INCOME_SOURCES.indexOf(cats[top]) : INCOME_SOURCES.indexOf('no_income');
  }
  return out;
}

const MAIN_INCOME_ROWS: readonly { source: IncomeSource; label: Label }[] = [
  { source: 'work', label: L('Arbete', 'Work') },
  { source: 'unemployment', label: L('Arbetslöshet', 'Unemployment') },
  { source: 'studies', label: L('Studier', 'Studies') },
  { source: 'longterm_illness', label: L('Långvarig sjukdom (sjuk- eller aktivitetsersättning)', 'Long-term illness (sickness or activity compensation)') },
  { source: 'sickness', label: L('Sjukdom, sjukskriven', 'Illness, on sick leave') },
  { source: 'economic_assistance', label: L('Försörjningsstöd', 'Social assistance') },
  { source: 'parental', label: L('Föräldraledig/omvårdnad', 'Parental leave/care') },
  { source: 'pension', label: L('Pension', 'Pension') },
  { source: 'no_income', label: L('Saknar inkomst', 'No income') },
];

const header = (key: string, label: Label): Row => ({ key, label, header: true, cells: [] });

/** R24 Table B1: participants in 2020 (aged 18–64 that year) next to the population aged 18–64. */
export function populationTable(
  study: Study,
  national: readonly PublishedRow[] = readPublicTable('r24-b1-national'),
  year = 2020,
  id = 'r24-tab-b1',
): ReportTable {
  const monthly = study.panels.monthly;
  if (!monthly) throw new RangeError('team-rct sample: the study has no monthly panel');
  // Unit-level values over the monthly panel's units (persons' attributes are joined into unitCols).
  const birth = unitColumn(monthly, 'birth_year');
  const age = birth.map((b) => year - b);
  const inAgeRange = Uint8Array.from(age, (a) => (a >= 18 && a <= 64 ? 1 : 0));
  const pub = new Map(national.map((r) => [r.key, r]));
  const cmp = (key: string): Cell => publishedCell(pub.get(key)?.value, pub.get(key)?.unit ?? 'percent');
  const rowOf = (key: string, label: Label, participants: Cell): Row => ({ key, label, cells: [participants, cmp(key)] });
  const share = (values: Float64Array) => shareCell(values, inAgeRange);
  const mis = yearlyMainIncomeSource(monthly, year);
  const marital = unitColumn(monthly, 'marital_status');
  const ml = monthly.levels.marital_status;
  const rows: Row[] = [
    rowOf('woman', L('Kvinna', 'Woman'), share(unitColumn(monthly, 'woman'))),
    rowOf('foreign_born', L('Utrikes född*', 'Foreign born*'), share(unitColumn(monthly, 'foreign_born'))),
    header('age', L('Ålder', 'Age')),
    ...AGE_BANDS.map((b) => rowOf(b.key, b.label, share(band(age, b.lo, b.hi)))),
    rowOf('age_mean', L('Medelålder (år)', 'Mean age (years)'), meanCell(age, inAgeRange)),
    header('education', L('Utbildning', 'Education')),
    ...educationRows(unitColumn(monthly, 'education'), monthly.levels.education ?? []).map((r) => rowOf(r.key, r.label, share(r.values))),
    header('marital', L('Civilstånd', 'Marital status')),
    rowOf('marital_unmarried', L('Ogift', 'Unmarried'), share(inLevels(marital, ml, ['unmarried']))),
    rowOf('marital_married', L('Gift', 'Married'), share(inLevels(marital, ml, ['married']))),
    rowOf('marital_divorced_widowed', L('Skild/änka/änkling', 'Divorced/widowed'), share(inLevels(marital, ml, ['divorced_widowed']))),
    header('main_income_source', L(`Huvudsaklig inkomstkälla ${year}`, `Main income source ${year}`)),
    ...MAIN_INCOME_ROWS.map((r) => rowOf(`mis_${r.source}`, r.label, share(mis.map((m) => (Number.isNaN(m) ? NaN : INCOME_SOURCES[m] === r.source ? 1 : 0))))),
  ];
  const n = inAgeRange.reduce((s, x) => s + x, 0);
  const table: ReportTable = {
    kind: 'table',
    id,
    title: L(`Deltagarna i utvärderingen och den arbetsföra befolkningen 18–64 år, ${year}`, `Participants in the evaluation and the working-age population aged 18–64, ${year}`),
    stub: L('Variabel', 'Variable'),
    columns: [
      { key: 'participants', label: L('Deltagarna', 'Participants') },
      { key: 'national', label: L('Befolkningen 18–64 år', 'Population 18–64') },
    ],
    rows,
    notes: [
      L(
        `Deltagarna: de ${n} personer i utvärderingen som var 18–64 år ${year}. Ålder och huvudsaklig inkomstkälla avser ${year}; kön, födelseland, utbildning och civilstånd avser året före remissen. Huvudsaklig inkomstkälla: den inkomstkälla som står för mer än hälften av årets summerade inkomster (den största när ingen gör det). Befolkningen: publicerad statistik (SCB) enligt ISF 2024:12, tabell B1.`,
        `Participants: the ${n} persons in the evaluation aged 18–64 in ${year}. Age and main income source refer to ${year}; sex, country of birth, education and marital status to the year before referral. Main income source: the source providing more than half of the year's summed income (the largest when none does). Population: published statistics (Statistics Sweden) as given in ISF 2024:12, Table B1.`,
      ),
      L('* Utrikes födda i befolkningen avser 16–64 år.', '* Foreign born in the population refers to ages 16–64.'),
    ],
  };
  // Each classification's shares add to 100 % (declared where they do), for disclosure control.
  const group = (prefix: string) => rows.filter((r) => !r.header && r.key.startsWith(prefix) && r.key !== 'age_mean').map((r) => r.key);
  return withRelations(table, ...['age_', 'edu_', 'marital_', 'mis_'].map((p) => sharesRelations(table, group(p), ['participants'])));
}

/** R24 Table B2: the participants next to all participants of the associations' individual measures. */
export function finsamTable(
  study: Study,
  finsam: readonly PublishedRow[] = readPublicTable('r24-b2-finsam'),
  years: readonly number[] = [2022, 2021, 2020],
  id = 'r24-tab-b2',
): ReportTable {
  const monthly = study.panels.monthly;
  if (!monthly) throw new RangeError('team-rct sample: the study has no monthly panel');
  const units = study.units;
  const consent = column(units, 'consent_month');
  const age = column(units, 'birth_year').map((b, u) => monthYear(consent[u]) - b);
  const pub = new Map(finsam.map((r) => [`${r.key}@${r.year}`, r]));
  const published = (key: string): Cell[] => years.map((y) => publishedCell(pub.get(`${key}@${y}`)?.value, 'percent'));
  const rowOf = (key: string, label: Label, participants: Cell): Row => ({ key, label, cells: [...published(key), participants] });
  // Situation in the month of consent, when the person came to the evaluation.
  const atConsent = (col: string) => unitWindow(monthly, col, { ref: unitColumn(monthly, 'consent_month'), from: 0, to: 0 }, 'max');
  const woman = column(units, 'woman');
  const sexRow: Row = {
    key: 'share_women_men',
    label: L('Andel kvinnor och män', 'Share women and men'),
    cells: [
      ...years.map((y) => pairCell(published('share_women')[years.indexOf(y)], published('share_men')[years.indexOf(y)])),
      pairCell(shareCell(woman), shareCell(woman.map((w) => (Number.isNaN(w) ? NaN : 1 - w)))),
    ],
  };
  const rows: Row[] = [
    sexRow,
    header('age', L('Ålder', 'Age')),
    ...AGE_BANDS.map((b) => rowOf(b.key, b.label, shareCell(band(age, b.lo, b.hi)))),
    header('education', L('Utbildning', 'Education')),
    ...educationRows(column(units, 'education'), units.levels.education ?? []).map((r) => rowOf(r.key, r.label, shareCell(r.values))),
    header('public_support', L('Offentlig försörjning vid start', 'Public support at the start')),
    rowOf('public_support_total', L('Totalt', 'Total'), shareCell(atConsent('public_support'))),
    rowOf('sickness_benefit_sa', L('Sjukpenning, sjuk- eller aktivitetsersättning', 'Sickness benefit, sickness or activity compensation'), shareCell(atConsent('sickness_related_benefit'))),
    rowOf('social_assistance', L('Försörjningsstöd', 'Social assistance'), shareCell(atConsent('social_assistance'))),
    rowOf('activity_support_ui', L('Aktivitetsstöd, a-kassa†', 'Activity support, unemployment insurance†'), shareCell(atConsent('unemployed_or_programme'))),
  ];
  return {
    kind: 'table',
    id,
    title: L(
      'Deltagarna i utvärderingen och alla som fått individinriktade insatser hos samordningsförbunden',
      "Participants in the evaluation and everyone in the coordination associations' individual measures",
    ),
    stub: L('Variabel', 'Variable'),
    columns: [
      ...years.map((y) => ({ key: `finsam_${y}`, label: L(`Finsam ${y}`, `Finsam ${y}`) })),
      { key: 'experiment', label: L('Experimentet 2019–2021', 'The experiment 2019–2021') },
    ],
    rows,
    notes: [
      L(
        `Finsam: alla deltagare i förbundens individinriktade insatser enligt Försäkringskassans årliga återrapportering (ISF 2024:12, tabell B2); utbildningen är deltagarnas egna uppgifter. Experimentet: de ${units.nUnits} deltagarna; ålder när de samtyckte, utbildning året före remissen, offentlig försörjning under samtyckesmånaden. En person kan ha flera ersättningar samtidigt.`,
        `Finsam: all participants in the associations' individual measures according to Försäkringskassan's yearly reports (ISF 2024:12, Table B2); education is self-reported. The experiment: the ${units.nUnits} participants; age at consent, education in the year before referral, public support in the month of consent. A person may have several benefits at once.`,
      ),
      L(
        '† För deltagarna i experimentet: inskriven som öppet arbetslös eller i program hos Arbetsförmedlingen, vilket troligen överskattar andelen med aktivitetsstöd eller a-kassa.',
        '† For the experiment participants: registered as openly unemployed or in a programme at Arbetsförmedlingen, which probably overstates the share with activity support or unemployment insurance.',
      ),
    ],
  };
}

