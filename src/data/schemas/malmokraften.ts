/**
 * Data dictionary of Malmökraften (R23 chapter 5 and appendix 2): long-term unemployed in
 * the Job and Development Guarantee (JOB) at three Malmö job centres, of whom 2,667 were
 * drawn from lists to meet a coordination team between March 2018 and June 2019 and 9,373
 * never were (the control group).
 *
 * Files, as a register extract would deliver them:
 * - persons.csv  one row per person: design (treated, start group, first meeting, the
 *                group's month 0), the list the person stood on with the five quota
 *                variables measured at that list's date, background in October 2017 (LISA),
 *                and the Arbetsförmedlingen spell measures at the five reference dates of
 *                R23 Tables B7 and B11;
 * - monthly.csv  one row per person and month, January 2013 – July 2022 (every person every
 *                month): the monthly outcomes of R23 Tables B12–B17 and the monthly
 *                amounts, days and counts behind Tables B6–B10;
 * - yearly.csv   one row per person and year 2013–2020: disposable income and the income
 *                shares by source (SCB's RAKS) of Table B6 and Table B17 (2)–(4).
 *
 * Conventions: amounts are kronor per month (per year in yearly.csv); social assistance per
 * person is the household amount divided by the household's members; the start group's
 * month 0 is its middle month (R23 appendix 2), which is the coded treatment start.
 */
import type { FileSpec, StudySchema } from '../schema';
import { monthCode } from '../panel';
import { col, label, levels } from './build';

/** One Malmökraften start group (R23 appendix 2, fact box). */
export interface StartGroupSpec {
  code: 'G1' | 'G2' | 'G3' | 'G4' | 'G5';
  label: { sv: string; en: string };
  /** Months in which the group's participants first met a team. */
  firstMonth: number;
  lastMonth: number;
  /** Month 0 of the group: its middle month (the coded treatment start). */
  start: number;
  /** The reference date of R23 Tables B7/B11 for this group (ISO date). */
  referenceDate: string;
  /** The control window: in JOB at some time in [from, to] (ISO dates, inclusive). */
  controlWindow: readonly [string, string];
}

export const START_GROUPS: readonly StartGroupSpec[] = [
  {
    code: 'G1',
    label: label('G1: mars–maj 2018', 'G1: Mar–May 2018'),
    firstMonth: monthCode(2018, 3),
    lastMonth: monthCode(2018, 5),
    start: monthCode(2018, 4),
    referenceDate: '2018-04-15',
    controlWindow: ['2018-02-15', '2018-03-15'],
  },
  {
    code: 'G2',
    label: label('G2: okt 2018', 'G2: Oct 2018'),
    firstMonth: monthCode(2018, 10),
    lastMonth: monthCode(2018, 10),
    start: monthCode(2018, 10),
    referenceDate: '2018-10-01',
    controlWindow: ['2018-09-15', '2018-10-15'],
  },
  {
    code: 'G3',
    label: label('G3: nov 2018–jan 2019', 'G3: Nov 2018–Jan 2019'),
    firstMonth: monthCode(2018, 11),
    lastMonth: monthCode(2019, 1),
    start: monthCode(2018, 12),
    referenceDate: '2018-12-01',
    controlWindow: ['2018-10-16', '2019-01-15'],
  },
  {
    code: 'G4',
    label: label('G4: feb–apr 2019', 'G4: Feb–Apr 2019'),
    firstMonth: monthCode(2019, 2),
    lastMonth: monthCode(2019, 4),
    start: monthCode(2019, 3),
    referenceDate: '2019-03-01',
    controlWindow: ['2019-01-16', '2019-04-15'],
  },
  {
    code: 'G5',
    label: label('G5: maj–juni 2019', 'G5: May–Jun 2019'),
    firstMonth: monthCode(2019, 5),
    lastMonth: monthCode(2019, 6),
    start: monthCode(2019, 5),
    referenceDate: '2019-05-15',
    controlWindow: ['2019-04-16', '2019-06-15'],
  },
];

/** Compact date tag used in column names, e.g. "20180415". */
export function dateTag(isoDate: string): string {
  return isoDate.replace(/-/g, '');
}

/** First and last month of monthly.csv. */
export const MALMO_FIRST_MONTH = monthCode(2013, 1);
export const MALMO_LAST_MONTH = monthCode(2022, 7);
/** First and last year of yearly.csv. */
export const MALMO_FIRST_YEAR = 2013;
export const MALMO_LAST_YEAR = 2020;

/** Days from 1 January 2013 to an ISO date (the upper bound of the day counts). */
export function daysSince2013(isoDate: string): number {
  return Math.round((Date.parse(`${isoDate}T00:00:00Z`) - Date.UTC(2013, 0, 1)) / 86_400_000);
}

export const START_GROUP_LEVELS = levels(...START_GROUPS.map((g) => [g.code, g.label.sv, g.label.en] as const));

export const BIRTH_REGION_LEVELS = levels(
  ['sweden', 'Född i Sverige', 'Born in Sweden'],
  ['europe', 'Född i Europa utom Sverige', 'Born in Europe outside Sweden'],
  ['outside_europe', 'Född utanför Europa', 'Born outside Europe'],
);

/** Highest completed education (SUN) in October 2017, as R23 Table B5 groups it. */
export const MALMO_EDUCATION_LEVELS = levels(
  ['primary_lt9', 'Förgymnasial utbildning kortare än 9 år', 'Compulsory school, less than 9 years'],
  ['primary_9', 'Förgymnasial utbildning 9 (10) år', 'Compulsory school, 9 (10) years'],
  ['upper_secondary', 'Gymnasial utbildning', 'Upper-secondary education'],
  ['post_secondary', 'Eftergymnasial utbildning', 'Post-secondary education'],
  ['unknown', 'Utbildningsnivå okänd', 'Education level unknown'],
  ['none', 'Utbildning saknas', 'No education'],
);

export const MALMO_HOUSEHOLD_LEVELS = levels(
  ['cohabiting', 'Gift/sambo', 'Married/cohabiting'],
  ['single', 'Ensamstående', 'Single'],
);

export const JOB_CENTRE_LEVELS = levels(
  ['centre_1', 'Arbetsförmedlingen Malmö, kontor 1', 'Arbetsförmedlingen Malmö, office 1'],
  ['centre_2', 'Arbetsförmedlingen Malmö, kontor 2', 'Arbetsförmedlingen Malmö, office 2'],
  ['centre_3', 'Arbetsförmedlingen Malmö, kontor 3', 'Arbetsförmedlingen Malmö, office 3'],
);

/** The five list quotas (R23 appendix 2); the selection-adjustment covariates of columns (1), (3), (4). */
export const QUOTA_COLUMNS = ['woman', 'establishment', 'disability', 'social_assistance_list', 'job450_list'] as const;

/** Income sources of SCB's RAKS as R23 Table B6 groups them (yearly.csv `share_*`). */
export const INCOME_SHARE_SOURCES = [
  ['programme', 'Arbetsmarknadspolitiska åtgärder (aktivitetsstöd)', 'Labour-market programmes (activity support)'],
  ['social_assistance', 'Ekonomiskt bistånd', 'Social assistance'],
  ['earned', 'Förvärvsinkomst', 'Earned income'],
  ['unemployment', 'Arbetslöshet (a-kassa)', 'Unemployment (unemployment insurance)'],
  ['sickness', 'Sjukrelaterad ersättning', 'Sickness-related benefits'],
  ['care', 'Vårdinkomst', 'Care-related income'],
  ['studies', 'Studieinkomst', 'Study income'],
  ['other', 'Övrigt (förtidspension, ålderspension)', 'Other (disability pension, old-age pension)'],
] as const;
export type IncomeShareSource = (typeof INCOME_SHARE_SOURCES)[number][0];

const id = col.id('id', ['Löpnummer', 'Person id'], ['Pseudonymiserat personlöpnummer', 'Pseudonymised person number']);

const windowText = (g: StartGroupSpec): readonly [string, string] => [
  `${g.controlWindow[0]} – ${g.controlWindow[1]}`,
  `${g.controlWindow[0]} to ${g.controlWindow[1]}`,
];

/** AF spell measures at the five reference dates (R23 Tables B7 and B11). */
function spellColumns() {
  const out = [];
  for (const g of START_GROUPS) {
    const tag = dateTag(g.referenceDate);
    const d = g.referenceDate;
    out.push(
      col.days(
        `af_days_${tag}`,
        [`Dagar inskriven på Arbetsförmedlingen t.o.m. ${d}`, `Days registered at Arbetsförmedlingen up to ${d}`],
        [
          `Dagar som arbetssökande inskriven på Arbetsförmedlingen från 1 januari 2013 till ${d}`,
          `Days registered as a job seeker at Arbetsförmedlingen from 1 January 2013 up to ${d}`,
        ],
        { range: [0, daysSince2013(d)] },
      ),
      col.days(
        `job_days_${tag}`,
        [`Dagar i JOB t.o.m. ${d}`, `Days in JOB up to ${d}`],
        [
          `Dagar i den pågående perioden i jobb- och utvecklingsgarantin den ${d}; 0 om personen inte var i JOB då (högst antalet dagar inskriven)`,
          `Days of the ongoing spell in the Job and Development Guarantee on ${d}; 0 if not in JOB then (at most the days registered)`,
        ],
        { range: [0, daysSince2013(d)] },
      ),
      col.binary(
        `job450_${tag}`,
        [`Minst 450 dagar i JOB den ${d}`, `At least 450 days in JOB on ${d}`],
        [`1 om job_days_${tag} ≥ 450`, `1 if job_days_${tag} ≥ 450`],
      ),
    );
  }
  return out;
}

const persons: FileSpec = {
  file: 'persons.csv',
  level: 'unit',
  description: label(
    'En rad per person: design, listans kvotvariabler, bakgrund i oktober 2017 och inskrivningstider vid fem referensdatum.',
    'One row per person: design, the list quota variables, background in October 2017 and registration spells at five reference dates.',
  ),
  columns: [
    id,
    col.binary(
      'treated',
      ['Deltagare i Malmökraften', 'Malmökraften participant'],
      ['1 om personen drogs från en lista och träffade ett team mars 2018 – juni 2019, 0 för kontrollgruppen', '1 if drawn from a list and met a team Mar 2018 – Jun 2019, 0 for the control group'],
    ),
    col.category(
      'start_group',
      ['Startgrupp', 'Start group'],
      ['Gruppen efter månaden för första teammötet (R23 bilaga 2); tom för kontrollgruppen', 'Group by month of the first team meeting (R23 appendix 2); empty for the control group'],
      START_GROUP_LEVELS,
      { required: false },
    ),
    col.month(
      'first_meeting_month',
      ['Första teammöte', 'First team meeting'],
      ['Månaden då deltagaren först träffade teamet; tom för kontrollgruppen', 'Month the participant first met the team; empty for the control group'],
      { required: false, range: [monthCode(2018, 3), monthCode(2019, 6)] },
    ),
    col.month(
      'start_month',
      ['Startgruppens månad 0', "Start group's month 0"],
      [
        'Behandlingsstart i analysen: startgruppens mittersta månad (G1 apr 2018, G2 okt 2018, G3 dec 2018, G4 mar 2019, G5 maj 2019); 0 (eller tom) för kontrollgruppen, som aldrig behandlas',
        "Treatment start in the analysis: the start group's middle month (G1 Apr 2018, G2 Oct 2018, G3 Dec 2018, G4 Mar 2019, G5 May 2019); 0 (or empty) for the control group, never treated",
      ],
      { required: false, range: [monthCode(2018, 4), monthCode(2019, 5)] },
    ),
    col.category(
      'list_group',
      ['Lista', 'List'],
      [
        'Listan personen stod på: deltagarens egen startgrupp, för kontrollgruppen den första lista personen var valbar till; kvotvariablerna mäts vid listans referensdatum',
        "The list the person stood on: the participant's own start group, for controls the first list they were eligible for; the quota variables are measured at the list's reference date",
      ],
      START_GROUP_LEVELS,
    ),
    col.category('job_centre', ['Arbetsförmedlingskontor', 'Job centre'], ['Kontoret där personen var inskriven i JOB', 'The office where the person was registered in JOB'], JOB_CENTRE_LEVELS),
    // The five quota variables (measured at the list's reference date).
    col.binary('woman', ['Kvinna', 'Woman'], ['1 = kvinna, 0 = man (kvot: 60 % män)', '1 = woman, 0 = man (quota: 60 % men)']),
    col.binary(
      'establishment',
      ['Från etableringsprogrammet', 'From the establishment programme'],
      ['1 om personen tidigare varit i etableringsprogrammet för nyanlända (kvot: 20 %)', '1 if previously in the establishment programme for new arrivals (quota: 20 %)'],
    ),
    col.binary(
      'disability',
      ['Funktionshinderkod', 'Disability code'],
      ['1 om funktionshinderkod i Arbetsförmedlingens register vid listans datum (kvot: 20 %)', "1 if a disability code in Arbetsförmedlingen's register at the list date (quota: 20 %)"],
    ),
    col.binary(
      'social_assistance_list',
      ['Försörjningsstöd vid listan', 'Social assistance at the list'],
      ['1 om hushållet hade försörjningsstöd vid listans datum (kvot: minst 50 %)', '1 if the household received social assistance at the list date (quota: at least 50 %)'],
    ),
    col.binary(
      'job450_list',
      ['Minst 450 dagar i JOB vid listan', 'At least 450 days in JOB at the list'],
      ['1 om minst 450 dagar i JOB vid listans datum (kvot: 20 %)', '1 if at least 450 days in JOB at the list date (quota: 20 %)'],
    ),
    // Background, October 2017.
    col.integer('age', 'years', ['Ålder', 'Age'], ['Ålder i oktober 2017', 'Age in October 2017'], { range: [16, 67] }),
    col.category('birth_region', ['Födelseregion', 'Region of birth'], ['Födelselandsgrupp', 'Country-of-birth group'], BIRTH_REGION_LEVELS),
    col.category(
      'education',
      ['Utbildningsnivå', 'Education'],
      ['Högsta utbildning i oktober 2017; tom om personen saknas i LISA', 'Highest education in October 2017; empty if the person is absent from LISA'],
      MALMO_EDUCATION_LEVELS,
      { required: false },
    ),
    col.binary('children_0_3', ['Har barn 0–3 år', 'Has children aged 0–3'], ['Hemmavarande barn 0–3 år, oktober 2017; tom om personen saknas i LISA', 'Child aged 0–3 at home, October 2017; empty if absent from LISA'], {
      required: false,
    }),
    col.binary('children_4_6', ['Har barn 4–6 år', 'Has children aged 4–6'], ['Hemmavarande barn 4–6 år, oktober 2017; tom om personen saknas i LISA', 'Child aged 4–6 at home, October 2017; empty if absent from LISA'], {
      required: false,
    }),
    col.binary('children_7_10', ['Har barn 7–10 år', 'Has children aged 7–10'], ['Hemmavarande barn 7–10 år, oktober 2017; tom om personen saknas i LISA', 'Child aged 7–10 at home, October 2017; empty if absent from LISA'], {
      required: false,
    }),
    col.category(
      'household',
      ['Familjeställning', 'Household status'],
      ['Gift/sambo eller ensamstående, oktober 2017; tom om uppgift saknas', 'Married/cohabiting or single, October 2017; empty if unknown'],
      MALMO_HOUSEHOLD_LEVELS,
      { required: false },
    ),
    col.integer(
      'household_size',
      'count',
      ['Hushållets storlek', 'Household size'],
      ['Antal personer i hushållet, oktober 2017 (delar försörjningsstödet per person)', 'Persons in the household, October 2017 (divides social assistance per person)'],
      { range: [1, 15] },
    ),
    // Eligibility for the five lists (control groups of R23 column 4).
    ...START_GROUPS.map((g) =>
      col.binary(
        `pool_${g.code.toLowerCase()}`,
        [`Valbar till lista ${g.code}`, `Eligible for list ${g.code}`],
        [
          `1 om inskriven i JOB någon gång ${windowText(g)[0]} (kontrollgrupp för ${g.code} i separata modeller)`,
          `1 if in JOB at some time ${windowText(g)[1]} (control group of ${g.code} in the separate models)`,
        ],
      ),
    ),
    ...spellColumns(),
  ],
};

const dm = col.daysMonth;
const count = (name: string, lab: readonly [string, string], desc: readonly [string, string], max: number) =>
  col.integer(name, 'count', lab, desc, { range: [0, max] });

const monthly: FileSpec = {
  file: 'monthly.csv',
  level: 'unit-period',
  time: { column: 'month', kind: 'month' },
  // Every participant has register months; one without rows is a broken extract.
  complete: true,
  checks: [{ kind: 'indicator', indicator: 'social_assistance', amount: 'social_assistance_kr' }],
  description: label(
    'En rad per person och månad, januari 2013 – juli 2022 (Arbetsförmedlingen, SCB, Socialstyrelsen, Försäkringskassan).',
    'One row per person and month, January 2013 – July 2022 (Arbetsförmedlingen, Statistics Sweden, National Board of Health and Welfare, Försäkringskassan).',
  ),
  columns: [
    id,
    col.month('month', ['Månad', 'Month'], ['Kalendermånad (ÅÅÅÅ-MM), jan 2013 – jul 2022', 'Calendar month (YYYY-MM), Jan 2013 – Jul 2022'], {
      range: [MALMO_FIRST_MONTH, MALMO_LAST_MONTH],
    }),
    // Arbetsförmedlingen: one job-seeker category per month, so at most one of these is 1.
    col.binary(
      'subsidised_employment',
      ['Subventionerad anställning', 'Subsidised employment'],
      ['1 om sökandekategori 30, 32, 38–40, 42–45, 47–51, 56, 58 eller 78 (ej nystartsjobb)', '1 if job-seeker category 30, 32, 38–40, 42–45, 47–51, 56, 58 or 78 (not new-start jobs)'],
    ),
    col.binary('new_start_job', ['Nystartsjobb', 'New-start job'], ['1 om sökandekategori 33 eller 36', '1 if job-seeker category 33 or 36']),
    col.binary(
      'unemployed_or_programme',
      ['Öppet arbetslös eller i program', 'Openly unemployed or in programme'],
      [
        'R23:s utfall "inskriven på Arbetsförmedlingen": 1 om öppet arbetssökande (sökandekategori 11); utesluter subventionerad anställning och nystartsjobb',
        'R23\'s outcome "registered at Arbetsförmedlingen": 1 if an open job seeker (category 11); excludes subsidised employment and new-start jobs',
      ],
    ),
    // Income.
    col.krMonth(
      'wage_kr',
      ['Löneinkomst', 'Wage income'],
      ['Inkomst från arbetsgivare, kronor per månad; positiv i månader med subventionerad anställning eller nystartsjobb', 'Income from employers, kronor per month; positive in months with subsidised employment or a new-start job'],
    ),
    col.binary('social_assistance', ['Försörjningsstöd', 'Social assistance'], ['1 om hushållet fick ekonomiskt bistånd under månaden', '1 if the household received economic assistance in the month']),
    col.krMonth(
      'social_assistance_family_kr',
      ['Ekonomiskt bistånd (familj)', 'Social assistance (family)'],
      ['Hushållets ekonomiska bistånd, kronor per månad; positivt exakt när social_assistance = 1', "The household's economic assistance, kronor per month; positive exactly when social_assistance = 1"],
    ),
    col.krMonth(
      'social_assistance_kr',
      ['Ekonomiskt bistånd (individ)', 'Social assistance (individual)'],
      ['Hushållets bistånd delat med hushållets storlek, kronor per månad', "The household's assistance divided by the household size, kronor per month"],
    ),
    // Prescribed psychiatric medication (days covered by a defined daily dose).
    col.binary(
      'psych_medication',
      ['Förskriven psykofarmaka', 'Prescribed psychiatric medication'],
      ['1 om något läkemedel inom N06A, N05B eller N05C (någon av de tre dygnsdoskolumnerna > 0)', '1 if any drug in N06A, N05B or N05C (any of the three daily-dose columns > 0)'],
    ),
    dm('n06a_ddd_days', ['Antidepressiva (N06A), dygnsdoser', 'Antidepressants (N06A), daily doses'], ['Dagar i månaden täckta av en definierad dygnsdos', 'Days of the month covered by a defined daily dose']),
    dm('n05b_ddd_days', ['Lugnande (N05B), dygnsdoser', 'Anxiolytics (N05B), daily doses'], ['Dagar i månaden täckta av en definierad dygnsdos', 'Days of the month covered by a defined daily dose']),
    dm('n05c_ddd_days', ['Sömnmedel (N05C), dygnsdoser', 'Hypnotics and sedatives (N05C), daily doses'], ['Dagar i månaden täckta av en definierad dygnsdos', 'Days of the month covered by a defined daily dose']),
    // Health care with a psychiatric diagnosis.
    count('outpatient_visits', ['Besök i öppenvården', 'Outpatient visits'], ['Läkarbesök i specialiserad öppenvård med psykiatrisk diagnos', 'Physician visits in specialised outpatient care with a psychiatric diagnosis'], 31),
    count('inpatient_stays', ['Vårdtillfällen i slutenvården', 'Inpatient stays'], ['Avslutade vårdtillfällen med psykiatrisk diagnos (inkl. tvångsvård)', 'Completed inpatient stays with a psychiatric diagnosis (incl. compulsory care)'], 10),
    dm('inpatient_days', ['Vårddagar i slutenvården', 'Inpatient days'], ['Vårddagar under månaden; positiva bara i månader med vårdtillfälle', 'Days in inpatient care in the month; positive only in months with a stay']),
    // Försäkringskassan.
    dm('sickness_spell_days', ['Dagar i sjukfall', 'Days in a sickness spell'], ['Kalenderdagar i ett registrerat sjukfall', 'Calendar days in a registered sickness spell']),
    dm(
      'sickness_benefit_days',
      ['Sjukpenningdagar (brutto)', 'Sickness-benefit days (gross)'],
      ['Kalenderdagar med sjukpenning; högst dagarna i sjukfall', 'Calendar days with sickness benefit; at most the days in a sickness spell'],
    ),
    dm('sickness_comp_days', ['Dagar med sjukersättning', 'Days with sickness compensation'], ['Kalenderdagar med sjukersättning', 'Calendar days with sickness compensation']),
    dm(
      'activity_comp_days',
      ['Dagar med aktivitetsersättning', 'Days with activity compensation'],
      ['Kalenderdagar med aktivitetsersättning (endast under 30 år)', 'Calendar days with activity compensation (only under age 30)'],
    ),
  ],
};

const yearly: FileSpec = {
  file: 'yearly.csv',
  level: 'unit-period',
  time: { column: 'year', kind: 'year' },
  complete: true,
  description: label(
    'En rad per person och år 2013–2020: disponibel inkomst och inkomstens fördelning på källor (SCB, RAKS).',
    'One row per person and year 2013–2020: disposable income and the split of income by source (Statistics Sweden, RAKS).',
  ),
  columns: [
    id,
    col.year('year', ['År', 'Year'], ['Kalenderår', 'Calendar year'], { range: [MALMO_FIRST_YEAR, MALMO_LAST_YEAR] }),
    col.krYear('disposable_income_kr', ['Disponibel inkomst', 'Disposable income'], ['Individens disponibla inkomst, kronor per år', "The individual's disposable income, kronor per year"], {
      range: [-1_000_000, 10_000_000],
    }),
    col.krYear(
      'income_total_kr',
      ['Total inkomst', 'Total income'],
      ['Summan av inkomstkällornas belopp, kronor per år (grunden för andelarna)', 'Sum of the income sources, kronor per year (the base of the shares)'],
    ),
    ...INCOME_SHARE_SOURCES.map(([s, sv, en]) =>
      col.share(
        `share_${s}`,
        [`Andel av inkomsten: ${sv.toLowerCase()}`, `Share of income: ${en.toLowerCase()}`],
        ['Källans andel av årets totala inkomst; andelarna summerar till 1', "The source's share of the year's total income; the shares sum to 1"],
      ),
    ),
  ],
};

export const malmokraften: StudySchema = {
  name: 'malmokraften',
  label: label('Malmökraften', 'Malmökraften'),
  description: label(
    'Teamverksamhet för långtidsarbetslösa i JOB i Malmö: 2 667 deltagare dragna från listor med kvoter i fem startgrupper mars 2018 – juni 2019, 9 373 i kontrollgruppen; månadsdata jan 2013 – jul 2022 (ISF 2023:2).',
    'Team support for long-term unemployed in JOB in Malmö: 2,667 participants drawn from lists under quotas in five start groups Mar 2018 – Jun 2019, 9,373 controls; monthly data Jan 2013 – Jul 2022 (ISF 2023:2).',
  ),
  id: 'id',
  treatmentStart: 'start_month',
  files: [persons, monthly, yearly],
};
