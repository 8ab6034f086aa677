/**
 * Data dictionary of the team RCT (R24; R23 chapter 4): 541 persons referred to
 * coordination teams in three federations, randomised 60/40 at consent, the control arm
 * meeting the team at least six months later.
 *
 * Files, as a register extract would deliver them:
 * - persons.csv    one row per person: design (arm, consent and first-meeting month),
 *                  background in the year before referral, referral source;
 * - monthly.csv    one row per person and month, Jan 2015 – Apr 2024: every monthly outcome
 *                  of R24 (Databearbetningar) and the monthly amounts and days behind the
 *                  balance tables B3–B7 (yearly sums are derived from these);
 * - yearly.csv     one row per person and year 2014–2023: the yearly income concepts of
 *                  LISA that have no monthly source (earned, social and disposable income);
 * - sickness_spells.csv one row per sickness spell of Försäkringskassan's register running
 *                  on any day from 2015: first and last day (R24 B4 "Sjukfall, dagar"; the
 *                  days per month are derived, src/models/sickness-spells.ts);
 * - recruitment.csv the recruitment log (auxiliary): everyone asked Aug 2019 – Jun 2021,
 *                  also those who declined (R24 Figure 1, section 2.5).
 *
 * Conventions: amounts are kronor per month (per year in yearly.csv), never hundreds of
 * kronor; social assistance is the household amount divided by the household's members;
 * "gross days" count calendar days with a benefit, "net days" are gross days times the
 * extent (a quarter-time sick leave of 20 days is 5 net days), so net ≤ gross; extent is
 * the degree (0.25, 0.5, 0.75 or 1; 0 without benefit).
 */
import type { FileSpec, StudySchema } from '../schema';
import { col, label, levels } from './build';

export const SEX_NOTE = 'woman: 1 = woman, 0 = man';

export const ARM_LEVELS = levels(
  ['T', 'Behandlingsgrupp', 'Treatment group'],
  ['C', 'Kontrollgrupp', 'Control group'],
);

/** Highest completed education (SUN), in the year before referral. */
export const EDUCATION_LEVELS = levels(
  ['primary_lt9', 'Förgymnasial utbildning kortare än 9 år', 'Pre-upper-secondary education, less than 9 years'],
  ['primary_9', 'Förgymnasial utbildning 9 (10) år', 'Pre-upper-secondary education, 9 (10) years'],
  ['upper_secondary', 'Gymnasial utbildning', 'Upper-secondary education'],
  ['post_secondary', 'Eftergymnasial utbildning', 'Post-secondary education'],
  ['missing', 'Utbildning saknas', 'Education missing'],
);

export const MARITAL_LEVELS = levels(
  ['unmarried', 'Ogift', 'Unmarried'],
  ['married', 'Gift', 'Married'],
  ['divorced_widowed', 'Skild/änka/änkling', 'Divorced/widowed'],
);

export const HOUSEHOLD_LEVELS = levels(
  ['cohabiting', 'Gift/samboende', 'Married/cohabiting'],
  ['single', 'Ensamstående', 'Single'],
);

export const FEDERATION_LEVELS = levels(
  ['goteborg', 'Samordningsförbundet FINSAM Göteborg', 'FINSAM Göteborg coordination association'],
  ['insjoriket', 'Samordningsförbundet Insjöriket', 'Insjöriket coordination association'],
  ['stockholm', 'Samordningsförbundet Stockholm stad', 'Stockholm City coordination association'],
);

export const REFERRAL_LEVELS = levels(
  ['social_services', 'Socialtjänsten (kommunerna)', 'Social services (municipalities)'],
  ['health_care', 'Hälso- och sjukvården (regionen)', 'Health care (regions)'],
  ['forsakringskassan', 'Försäkringskassan', 'Swedish Social Insurance Agency (Försäkringskassan)'],
  ['arbetsformedlingen', 'Arbetsförmedlingen', 'Public Employment Service (Arbetsförmedlingen)'],
  [
    'other',
    'Personen själv/anhöriga eller andra insatser finansierade av förbunden',
    'Self-referred (person or relatives) or other measures funded by the associations',
  ],
);

/** The nine income-source categories of Statistics Sweden's "main income source" (HI). */
export const INCOME_SOURCES = [
  'work',
  'unemployment',
  'studies',
  'pension',
  'longterm_illness',
  'sickness',
  'parental',
  'economic_assistance',
  'no_income',
] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];

const INCOME_SOURCE_TEXT: Record<IncomeSource, readonly [string, string]> = {
  work: ['Arbete', 'Work'],
  unemployment: ['Arbetslöshet', 'Unemployment'],
  studies: ['Studier', 'Studies'],
  pension: ['Pension', 'Pension'],
  longterm_illness: ['Långvarigt nedsatt arbetsförmåga', 'Long-term reduced work capacity'],
  sickness: ['Sjukdom', 'Sickness'],
  parental: ['Föräldraledighet/närståendeomvårdnad', 'Parental leave/care of relatives'],
  economic_assistance: ['Ekonomiskt stöd', 'Economic assistance'],
  no_income: ['Saknar inkomst', 'No income'],
};

export const INCOME_SOURCE_LEVELS = levels(
  ...INCOME_SOURCES.map((s) => [s, INCOME_SOURCE_TEXT[s][0], INCOME_SOURCE_TEXT[s][1]] as const),
);

/** Monthly amount columns that make up each income-source category (no_income has none). */
export const INCOME_SOURCE_AMOUNTS: Record<Exclude<IncomeSource, 'no_income'>, readonly string[]> = {
  work: ['wage_kr'],
  unemployment: ['unemployment_insurance_kr', 'programme_allowance_kr'],
  studies: ['study_aid_kr'],
  pension: ['pension_kr'],
  longterm_illness: ['sickness_comp_kr', 'activity_comp_kr'],
  sickness: ['sickness_benefit_kr', 'rehab_benefit_kr'],
  parental: ['parental_benefit_kr'],
  economic_assistance: ['social_assistance_kr'],
};

const id = col.id('id', ['Löpnummer', 'Person id'], ['Pseudonymiserat personlöpnummer', 'Pseudonymised person number']);

/** Columns shared with the survey's and the recruitment log's dictionaries. */
export const ARM_COLUMN = col.category('arm', ['Lottad grupp', 'Randomised arm'], ['Utfall av lottningen vid samtycket', 'Result of the randomisation at consent'], ARM_LEVELS);
export const WOMAN_COLUMN = col.binary('woman', ['Kvinna', 'Woman'], ['1 = kvinna, 0 = man', '1 = woman, 0 = man']);
export const FEDERATION_COLUMN = col.category(
  'federation',
  ['Samordningsförbund', 'Coordination association'],
  ['Förbundet vars team personen remitterades till', 'The association whose team the person was referred to'],
  FEDERATION_LEVELS,
);

const persons: FileSpec = {
  file: 'persons.csv',
  level: 'unit',
  // An empty start means never treated (the group rule): for a person randomised to the team
  // that would silently make a treated person a control.
  checks: [
    {
      kind: 'requires',
      when: { column: 'arm', equals: 'T' },
      column: 'first_meeting_month',
      why: 'a person in the team arm met the team (an empty start would read as never treated)',
    },
  ],
  description: label(
    'En rad per deltagare: design, bakgrund året före remissen, remittent.',
    'One row per participant: design, background in the year before referral, referral source.',
  ),
  columns: [
    id,
    ARM_COLUMN,
    WOMAN_COLUMN,
    col.year('birth_year', ['Födelseår', 'Year of birth'], ['Födelseår; ålder ett år = år − födelseår', 'Year of birth; age in a year = year − birth year'], {
      range: [1950, 2010],
    }),
    col.binary('foreign_born', ['Utrikes född', 'Foreign born'], ['Född utanför Sverige', 'Born outside Sweden']),
    col.binary(
      'foreign_background',
      ['Utländsk bakgrund', 'Foreign background'],
      ['Minst en utrikes född förälder (R24:s definition)', 'At least one foreign-born parent (R24 definition)'],
    ),
    col.binary(
      'foreign_background_scb',
      ['Utländsk bakgrund (SCB)', 'Foreign background (Statistics Sweden)'],
      ['Utrikes född eller båda föräldrarna utrikes födda (R23:s definition)', 'Foreign born or both parents foreign born (R23 definition)'],
    ),
    col.category(
      'education',
      ['Utbildningsnivå', 'Education'],
      ['Högsta utbildning året före remissen; tom om uppgift saknas i registret', 'Highest education in the year before referral; empty if absent from the register'],
      EDUCATION_LEVELS,
      { required: false },
    ),
    col.category('marital_status', ['Civilstånd', 'Marital status'], ['Civilstånd året före remissen', 'Marital status in the year before referral'], MARITAL_LEVELS),
    col.category('household', ['Familjeställning', 'Household status'], ['Familjeställning året före remissen', 'Household status in the year before referral'], HOUSEHOLD_LEVELS),
    col.binary('children_0_3', ['Hemmavarande barn 0–3 år', 'Children at home aged 0–3'], ['Minst ett hemmavarande barn 0–3 år, året före remissen', 'At least one child aged 0–3 at home, year before referral']),
    col.binary('children_4_6', ['Hemmavarande barn 4–6 år', 'Children at home aged 4–6'], ['Minst ett hemmavarande barn 4–6 år, året före remissen', 'At least one child aged 4–6 at home, year before referral']),
    col.binary('children_lt18', ['Hemmavarande barn <18 år', 'Children at home under 18'], ['Minst ett hemmavarande barn under 18 år, året före remissen', 'At least one child under 18 at home, year before referral']),
    FEDERATION_COLUMN,
    col.category('referral_source', ['Remittent', 'Referral source'], ['Vem som remitterade personen till teamet', 'Who referred the person to the team'], REFERRAL_LEVELS),
    col.month('consent_month', ['Samtyckesmånad', 'Month of consent'], ['Månad då personen tackade ja och lottades (aug 2019 – jun 2021)', 'Month the person consented and was randomised (Aug 2019 – Jun 2021)'], {
      range: [2019 * 12 + 7, 2021 * 12 + 5],
    }),
    col.month(
      'first_meeting_month',
      ['Första möte med teamet', 'First meeting with the team'],
      [
        'Månad för första mötet med teamet = behandlingsstart; kontrollgruppen träffar teamet minst 6 månader efter samtycket',
        'Month of the first meeting with the team = treatment start; the control arm meets the team at least 6 months after consent',
      ],
      { range: [2019 * 12 + 7, 2022 * 12 + 1] },
    ),
    col.days(
      'af_days_1992_2014',
      ['Inskrivningsdagar på Arbetsförmedlingen 1992–2014', 'Days registered at Arbetsförmedlingen 1992–2014'],
      ['Dagar som inskriven (alla sökandekategorier) från 1992 till januari 2015', 'Days registered (any job-seeker category) from 1992 up to January 2015'],
      { range: [0, 8500] },
    ),
  ],
};

const krm = col.krMonth;
const dm = col.daysMonth;

/** Monthly outcome columns, in file order. */
const monthlyColumns = [
  id,
  col.month('month', ['Månad', 'Month'], ['Kalendermånad (ÅÅÅÅ-MM), jan 2015 – apr 2024', 'Calendar month (YYYY-MM), Jan 2015 – Apr 2024'], {
    range: [2015 * 12, 2024 * 12 + 3],
  }),
  // Work
  krm('wage_kr', ['Löneinkomst', 'Wage income'], [
    'Inkomst från arbete (underlag för arbetsgivaravgift), kronor per månad. Månadsuppgifter finns från 2019 (SCB:s AGI, 2023–2024 preliminära); 2015–2018 är årets bruttolön enligt SCB:s JOBB fördelad lika på de månader registret anger lön (ISF 2024:12: "ungefärliga genomsnittliga månadsinkomster")',
    'Income from work (basis for employer contributions), kronor per month. Monthly from 2019 (Statistics Sweden\'s AGI, 2023–2024 preliminary); 2015–2018 the year\'s gross wage in Statistics Sweden\'s JOBB spread evenly over the months the register shows a wage (ISF 2024:12: "approximate average monthly incomes")',
  ]),
  col.binary('wage', ['Löneinkomst, indikator', 'Has wage income'], ['1 om löneinkomsten är positiv (2015–2018: en månad då JOBB anger lön)', '1 if wage income is positive (2015–2018: a month in which JOBB shows a wage)']),
  dm('subsidised_days', ['Dagar i subventionerad anställning', 'Days in subsidised employment'], ['Dagar med anställningsstöd under månaden', 'Days with a wage subsidy during the month']),
  dm('newstart_days', ['Dagar i nystartsjobb', 'Days in new-start job'], ['Dagar i nystartsjobb under månaden', 'Days in a new-start job during the month']),
  col.binary(
    'subsidised_or_newstart',
    ['Subventionerad anställning eller nystartsjobb', 'Subsidised employment or new-start job'],
    ['1 om subventionerad anställning eller nystartsjobb någon dag i månaden', '1 if in subsidised employment or a new-start job on any day of the month'],
  ),
  // Arbetsförmedlingen
  dm('unemployed_days', ['Dagar som öppet arbetslös', 'Days openly unemployed'], ['Dagar inskriven som öppet arbetslös', 'Days registered as openly unemployed']),
  dm('programme_days', ['Dagar i program', 'Days in programme'], ['Dagar i arbetsmarknadspolitiskt program hos Arbetsförmedlingen', 'Days in a labour-market programme at Arbetsförmedlingen']),
  dm(
    'af_registered_days',
    ['Dagar inskriven på Arbetsförmedlingen', 'Days registered at Arbetsförmedlingen'],
    [
      'Dagar inskriven i någon sökandekategori (minst summan av öppet arbetslös, program, subventionerad anställning och nystartsjobb)',
      'Days registered in any job-seeker category (at least the sum of openly unemployed, programme, subsidised and new-start days)',
    ],
  ),
  col.binary(
    'unemployed_or_programme',
    ['Öppet arbetslös eller i program', 'Openly unemployed or in programme'],
    ['1 om öppet arbetslös eller i program hos Arbetsförmedlingen någon dag', '1 if openly unemployed or in a programme at Arbetsförmedlingen on any day'],
  ),
  col.binary(
    'municipal_programme',
    ['Kommunal arbetsmarknadsinsats', 'Municipal labour-market measure'],
    ['1 om i arbetsmarknadsförberedande insats i kommunal regi', '1 if in a municipal labour-market measure'],
  ),
  col.binary(
    'labour_market_programme',
    ['I arbetsmarknadsinsats', 'In labour-market measure'],
    ['1 om i program hos Arbetsförmedlingen eller i kommunal insats', '1 if in a programme at Arbetsförmedlingen or a municipal measure'],
  ),
  krm('unemployment_insurance_kr', ['Arbetslöshetsersättning', 'Unemployment insurance'], ['A-kassa, kronor per månad', 'Unemployment insurance benefit, kronor per month']),
  krm(
    'programme_allowance_kr',
    ['Aktivitetsstöd m.m.', 'Programme allowances'],
    ['Aktivitetsstöd, utvecklingsersättning, etableringsersättning, utbildningsbidrag', 'Activity support, development allowance, establishment allowance, training grant'],
  ),
  // Studies and pension
  krm('study_aid_kr', ['Studiestöd', 'Study aid'], ['Studiemedel (bidrag och lån), kronor per månad', 'Student aid (grants and loans), kronor per month']),
  col.binary('studies', ['Studier, indikator', 'Studies'], ['1 om studiestöd under månaden', '1 if receiving study aid during the month']),
  krm('pension_kr', ['Pension', 'Pension'], ['Ålders- och tjänstepension, kronor per månad', 'Old-age and occupational pension, kronor per month']),
  // Sickness benefit (sjukpenning)
  krm('sickness_benefit_kr', ['Sjukpenning, kronor brutto', 'Sickness benefit, gross kronor'], ['Utbetald sjukpenning, kronor per månad', 'Sickness benefit paid, kronor per month']),
  dm('sickness_benefit_gross_days', ['Sjukpenning, bruttodagar', 'Sickness benefit, gross days'], ['Kalenderdagar med sjukpenning', 'Calendar days with sickness benefit']),
  dm('sickness_benefit_net_days', ['Sjukpenning, nettodagar', 'Sickness benefit, net days'], ['Bruttodagar × omfattning', 'Gross days × extent']),
  col.extent('sickness_benefit_extent', ['Sjukpenning, omfattning', 'Sickness benefit, extent'], ['Sjukskrivningsgrad (0,25–1), 0 utan sjukpenning', 'Degree of sick leave (0.25–1), 0 without sickness benefit']),
  // Rehabilitation benefit
  krm('rehab_benefit_kr', ['Rehabiliteringsersättning, kronor', 'Rehabilitation benefit, kronor'], ['Rehabiliteringspenning, kronor per månad', 'Rehabilitation allowance, kronor per month']),
  dm('rehab_benefit_gross_days', ['Rehabiliteringsersättning, bruttodagar', 'Rehabilitation benefit, gross days'], ['Kalenderdagar med rehabiliteringsersättning', 'Calendar days with rehabilitation benefit']),
  dm('rehab_benefit_net_days', ['Rehabiliteringsersättning, nettodagar', 'Rehabilitation benefit, net days'], ['Bruttodagar × omfattning', 'Gross days × extent']),
  // Sickness and activity compensation (SA = SE + AE)
  krm('sickness_comp_kr', ['Sjukersättning, kronor', 'Sickness compensation, kronor'], ['Sjukersättning (SE), kronor per månad', 'Sickness compensation (SE), kronor per month']),
  dm('sickness_comp_gross_days', ['Sjukersättning, bruttodagar', 'Sickness compensation, gross days'], ['Kalenderdagar med sjukersättning', 'Calendar days with sickness compensation']),
  dm('sickness_comp_net_days', ['Sjukersättning, nettodagar', 'Sickness compensation, net days'], ['Bruttodagar × omfattning', 'Gross days × extent']),
  krm('activity_comp_kr', ['Aktivitetsersättning, kronor', 'Activity compensation, kronor'], ['Aktivitetsersättning (AE, endast under 30 år), kronor per månad', 'Activity compensation (AE, only under 30), kronor per month']),
  dm('activity_comp_gross_days', ['Aktivitetsersättning, bruttodagar', 'Activity compensation, gross days'], ['Kalenderdagar med aktivitetsersättning', 'Calendar days with activity compensation']),
  dm('activity_comp_net_days', ['Aktivitetsersättning, nettodagar', 'Activity compensation, net days'], ['Bruttodagar × omfattning', 'Gross days × extent']),
  col.extent('sa_extent', ['SA, omfattning', 'SA extent'], ['Omfattning av sjuk- eller aktivitetsersättning (0,25–1), 0 utan', 'Extent of sickness or activity compensation (0.25–1), 0 without']),
  // Totals from the sickness insurance
  dm(
    'sickness_insurance_net_days',
    ['Sjukförsäkringen totalt, nettodagar', 'Sickness insurance total, net days'],
    ['Nettodagar med sjukpenning plus rehabiliteringsersättning', 'Net days of sickness benefit plus rehabilitation benefit'],
    { range: [0, 62] },
  ),
  dm(
    'sickness_insurance_gross_days',
    ['Sjukförsäkringen totalt, bruttodagar', 'Sickness insurance total, gross days'],
    ['Bruttodagar med sjukpenning plus rehabiliteringsersättning', 'Gross days of sickness benefit plus rehabilitation benefit'],
    { range: [0, 62] },
  ),
  // Parental benefit
  krm('parental_benefit_kr', ['Föräldrapenning, kronor', 'Parental benefit, kronor'], ['Föräldrapenning och närståendepenning, kronor per månad', 'Parental benefit and care-of-relatives allowance, kronor per month']),
  dm('parental_benefit_net_days', ['Föräldrapenning, nettodagar', 'Parental benefit, net days'], ['Nettodagar med föräldrapenning', 'Net days with parental benefit']),
  krm(
    'fk_total_kr',
    ['Ersättning från Försäkringskassan totalt', 'Total from Försäkringskassan'],
    ['Sjukpenning + rehabiliteringsersättning + sjuk- och aktivitetsersättning + föräldrapenning', 'Sickness benefit + rehabilitation benefit + sickness and activity compensation + parental benefit'],
  ),
  // Social assistance
  krm(
    'social_assistance_kr',
    ['Försörjningsstöd, kronor', 'Social assistance, kronor'],
    ['Ekonomiskt bistånd till hushållet delat med antalet hushållsmedlemmar, kronor per månad', "Household's economic assistance divided by its members, kronor per month"],
  ),
  col.binary('social_assistance', ['Försörjningsstöd, indikator', 'Social assistance'], ['1 om försörjningsstödet är positivt', '1 if social assistance is positive']),
  // Main income source (SCB)
  krm('income_total_kr', ['Total inkomst', 'Total income'], ['Summan av inkomstkällornas belopp (grunden för andelarna); 2014–2018 årets summa delad med 12, eftersom andelarna då är årsvärden', 'Sum of the income-source amounts (the base of the shares); 2014–2018 the year\'s sum divided by 12, as the shares are yearly values then'], {
    range: [0, 10 * 1_000_000],
  }),
  col.category(
    'main_income_source',
    ['Huvudsaklig inkomstkälla', 'Main income source'],
    ['Den kategori som står för mer än hälften av månadens inkomst (SCB); "saknar inkomst" utan inkomst. Före 2019 finns den bara per år: årets värde i varje månad (den största kategorin om ingen når hälften)', "The category providing more than half of the month's income (Statistics Sweden); 'no income' without income. Before 2019 the registers hold it yearly only: the year's value in every month (the largest category where none reaches half)"],
    INCOME_SOURCE_LEVELS,
  ),
  ...INCOME_SOURCES.map((s) =>
    col.binary(
      `mis_${s}`,
      [`HI: ${INCOME_SOURCE_TEXT[s][0]}`, `Main income source: ${INCOME_SOURCE_TEXT[s][1].toLowerCase()}`],
      [`1 om ${INCOME_SOURCE_TEXT[s][0].toLowerCase()} är huvudsaklig inkomstkälla`, `1 if ${INCOME_SOURCE_TEXT[s][1].toLowerCase()} is the main income source`],
    ),
  ),
  ...INCOME_SOURCES.map((s) =>
    col.share(
      `mis_share_${s}`,
      [`Andel av inkomsten: ${INCOME_SOURCE_TEXT[s][0].toLowerCase()}`, `Share of income: ${INCOME_SOURCE_TEXT[s][1].toLowerCase()}`],
      [
        s === 'no_income' ? '1 om månaden saknar inkomst, annars 0' : `Kategorins andel av månadens totala inkomst`,
        s === 'no_income' ? '1 if the month has no income, else 0' : `The category's share of the month's total income`,
      ],
    ),
  ),
  // Public support
  col.binary(
    'sickness_related_benefit',
    ['Sjukrelaterad ersättning', 'Sickness-related benefit'],
    ['1 om sjukpenning, rehabiliteringsersättning, sjuk- eller aktivitetsersättning', '1 if sickness benefit, rehabilitation benefit, sickness or activity compensation'],
  ),
  col.binary(
    'public_support',
    ['Offentlig försörjning', 'Public support'],
    [
      '1 om försörjningsstöd, öppet arbetslös/i program eller sjukrelaterad ersättning från Försäkringskassan',
      '1 if social assistance, openly unemployed/in programme, or sickness-related benefit from Försäkringskassan',
    ],
  ),
];

const monthly: FileSpec = {
  file: 'monthly.csv',
  level: 'unit-period',
  time: { column: 'month', kind: 'month' },
  description: label(
    'En rad per person och månad, januari 2015 – april 2024 (SCB, Försäkringskassan, Arbetsförmedlingen, Socialstyrelsen).',
    'One row per person and month, January 2015 – April 2024 (Statistics Sweden, Försäkringskassan, Arbetsförmedlingen, National Board of Health and Welfare).',
  ),
  columns: monthlyColumns,
  // Every participant is in the registers for the whole period; one without rows is a broken extract.
  complete: true,
  checks: [
    { kind: 'indicator', indicator: 'wage', amount: 'wage_kr' },
    { kind: 'indicator', indicator: 'social_assistance', amount: 'social_assistance_kr' },
  ],
};

const yearly: FileSpec = {
  file: 'yearly.csv',
  level: 'unit-period',
  time: { column: 'year', kind: 'year' },
  complete: true,
  description: label(
    'En rad per person och år 2014–2023: årsinkomster ur LISA som saknar månadskälla.',
    'One row per person and year 2014–2023: yearly LISA incomes that have no monthly source.',
  ),
  columns: [
    id,
    col.year('year', ['År', 'Year'], ['Kalenderår', 'Calendar year'], { range: [2014, 2023] }),
    col.krYear(
      'earned_income_kr',
      ['Förvärvsinkomst', 'Earned income'],
      ['Löneinkomst (årets månadslöner) plus inkomst av näringsverksamhet, kronor per år', "Wage income (the year's monthly wages) plus business income, kronor per year"],
    ),
    col.krYear(
      'social_income_kr',
      ['Social inkomst', 'Social (transfer) income'],
      [
        'Skattepliktiga sociala ersättningar (sjukpenning, rehabilitering, SA, föräldrapenning, a-kassa, aktivitetsstöd, pension), kronor per år',
        'Taxable social transfers (sickness, rehabilitation, SA, parental, unemployment, programme allowances, pension), kronor per year',
      ],
    ),
    col.krYear('disposable_income_kr', ['Disponibel inkomst', 'Disposable income'], ['Individens disponibla inkomst, kronor per år', "The individual's disposable income, kronor per year"], {
      range: [-1_000_000, 10_000_000],
    }),
    col.krYear(
      'disposable_income_cu_kr',
      ['Disponibel inkomst per konsumtionsenhet', 'Disposable income per consumption unit'],
      ['Hushållets disponibla inkomst delad med dess konsumtionsenheter, kronor per år', "The household's disposable income divided by its consumption units, kronor per year"],
      { range: [-1_000_000, 10_000_000] },
    ),
  ],
};

/**
 * Försäkringskassan's sickness spells (R24 Table B4 "Sjukfall, dagar"): one row per spell
 * with its first and last day, as the register records them; the monthly days in a spell
 * are derived from them (src/models/sickness-spells.ts).
 */
const sicknessSpells: FileSpec = {
  file: 'sickness_spells.csv',
  level: 'unit-period',
  time: { column: 'spell', kind: 'integer' },
  description: label(
    'En rad per sjukfall (Försäkringskassan) som pågår någon dag från januari 2015: sjukfallets första och sista dag. Ett sjukfall är en sammanhängande period med sjukpenning eller rehabiliteringsersättning (arbetsgivarens sjuklöneperiod ingår inte). Personer utan sjukfall har inga rader.',
    'One row per sickness spell (Försäkringskassan) running on any day from January 2015: its first and last day. A spell is an unbroken period with sickness or rehabilitation benefit (the employer\'s sick-pay period is not included). Persons without spells have no rows.',
  ),
  columns: [
    id,
    col.integer('spell', 'count', ['Sjukfall nr', 'Spell number'], ['Personens sjukfall i tidsordning, från 1', "The person's spells in order, from 1"], { range: [1, 200] }),
    col.date('spell_start', ['Sjukfallets första dag', 'First day of the spell'], ['Första dagen med ersättning (ÅÅÅÅ-MM-DD); kan ligga före 2015', 'First day with benefit (YYYY-MM-DD); may be before 2015']),
    col.date(
      'spell_end',
      ['Sjukfallets sista dag', 'Last day of the spell'],
      ['Sista dagen med ersättning (ÅÅÅÅ-MM-DD); tom om sjukfallet pågår när utdraget slutar', 'Last day with benefit (YYYY-MM-DD); empty if the spell is still running when the extract ends'],
      { required: false },
    ),
  ],
};

const recruitment: FileSpec = {
  file: 'recruitment.csv',
  level: 'unit',
  auxiliary: true,
  description: label(
    'Rekryteringsloggen: alla som tillfrågades aug 2019 – jun 2021, även de som tackade nej. Deltagare har samma löpnummer som i persons.csv.',
    'The recruitment log: everyone asked Aug 2019 – Jun 2021, including those who declined. Participants have the same id as in persons.csv.',
  ),
  columns: [
    col.id('id', ['Löpnummer', 'Log id'], ['Löpnummer i loggen; för deltagare samma som i persons.csv', 'Number in the log; for participants the same as in persons.csv']),
    col.month('asked_month', ['Tillfrågad månad', 'Month asked'], ['Månad då personen tillfrågades om att delta', 'Month the person was asked to take part'], {
      range: [2019 * 12 + 7, 2021 * 12 + 5],
    }),
    FEDERATION_COLUMN,
    col.category('referral_source', ['Remittent', 'Referral source'], ['Vem som remitterade personen', 'Who referred the person'], REFERRAL_LEVELS),
    WOMAN_COLUMN,
    col.year('birth_year', ['Födelseår', 'Year of birth'], ['Födelseår', 'Year of birth'], { range: [1950, 2010] }),
    col.binary('consented', ['Tackade ja', 'Consented'], ['1 om personen tackade ja till att delta', '1 if the person agreed to take part']),
    col.binary(
      'in_registers',
      ['Finns i registren', 'Found in registers'],
      ['1 om deltagaren återfanns i SCB:s register (0 för felaktigt personnummer och för de som tackade nej)', "1 if the participant was found in Statistics Sweden's registers (0 for wrong ID numbers and for those who declined)"],
    ),
  ],
};

export const teamRct: StudySchema = {
  name: 'team-rct',
  label: label('Teamexperimentet (registerutfall)', 'The team experiment (register outcomes)'),
  description: label(
    'Randomiserat experiment med förskjuten start: 541 personer remitterade till team i Göteborg, Insjöriket och Stockholm stad; månatliga registerutfall jan 2015 – apr 2024 (ISF 2024:12).',
    'Randomised experiment with staggered start: 541 persons referred to teams in Göteborg, Insjöriket and Stockholm City; monthly register outcomes Jan 2015 – Apr 2024 (ISF 2024:12).',
  ),
  id: 'id',
  treatmentStart: 'first_meeting_month',
  arm: { column: 'arm', treated: 'T' },
  files: [persons, monthly, yearly, recruitment, sicknessSpells],
};

/** Number of start groups of the R24 analysis (the last one serves only as control). */
export const TEAM_RCT_START_GROUPS = 9;

export interface StartGroups {
  /** Group index 0..k-1 of each unit, in the order given. */
  group: Int32Array;
  /** Coded treatment start of each group: the earliest first-meeting month in it. */
  groupStart: Int32Array;
  /** Coded treatment start of each unit (its group's start). */
  unitStart: Int32Array;
  /** Units per group. */
  size: Int32Array;
}

/**
 * The R24 start groups: units sorted by first-meeting month and cut into k groups of nearly
 * equal size, never splitting a month (all units meeting the team in the same month share a
 * group). Each cut is placed at the month boundary nearest to the ideal cumulative count
 * j·n/k. The group's coded treatment start is its earliest month, so a unit is never coded
 * as untreated after its own first meeting (no not-yet-treated control is already treated).
 * Groups are defined once on the whole sample; subsample analyses (men, women) keep them.
 */
export function startGroups(firstMeeting: ArrayLike<number>, k = TEAM_RCT_START_GROUPS): StartGroups {
  const n = firstMeeting.length;
  const months = Array.from(new Set(Array.from(firstMeeting))).sort((a, b) => a - b);
  if (months.length < k) throw new RangeError(`startGroups: ${months.length} distinct months cannot form ${k} groups`);
  const count = months.map((m) => {
    let c = 0;
    for (let i = 0; i < n; i++) if (firstMeeting[i] === m) c++;
    return c;
  });
  const cum: number[] = [];
  let s = 0;
  for (const c of count) cum.push((s += c));
  // cutAfter[j] = index of the last month in group j (j = 0..k-2); strictly increasing.
  const cutAfter: number[] = [];
  let prev = -1;
  for (let j = 1; j < k; j++) {
    const target = (j * n) / k;
    let best = -1;
    let bestDist = Infinity;
    const maxIdx = months.length - 1 - (k - j); // leave at least one month per later group
    for (let m = prev + 1; m <= maxIdx; m++) {
      const d = Math.abs(cum[m] - target);
      if (d < bestDist) {
        bestDist = d;
        best = m;
      }
    }
    cutAfter.push(best);
    prev = best;
  }
  const monthGroup = new Int32Array(months.length);
  let g = 0;
  for (let m = 0; m < months.length; m++) {
    monthGroup[m] = g;
    if (g < k - 1 && m === cutAfter[g]) g++;
  }
  const groupStart = new Int32Array(k).fill(0);
  const seen = new Uint8Array(k);
  for (let m = 0; m < months.length; m++) {
    const gg = monthGroup[m];
    if (!seen[gg]) {
      groupStart[gg] = months[m];
      seen[gg] = 1;
    }
  }
  const index = new Map(months.map((m, i) => [m, i] as const));
  const group = new Int32Array(n);
  const unitStart = new Int32Array(n);
  const size = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const gg = monthGroup[index.get(firstMeeting[i])!];
    group[i] = gg;
    unitStart[i] = groupStart[gg];
    size[gg]++;
  }
  return { group, groupStart, unitStart, size };
}
