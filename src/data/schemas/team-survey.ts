/**
 * Data dictionary of the team survey (R23 chapter 4 and appendix 1): the same persons as
 * the team RCT answering a self-rating survey of eight questions at up to three waves.
 *
 * Files:
 * - persons.csv  one row per participant found in the registers (the survey's base): design,
 *                dates, the 2018 LISA background R23 uses, and the team representative's
 *                own rating of the person on Q1–Q3 at wave 1;
 * - answers.csv  one row per answered survey (person × wave): dates, delay, team status and
 *                the answers. A wave a person did not answer has no row.
 *
 * Waves: 1 at consent (both arms, before the team), 2 six months later (treatment arm
 * after meeting the team, control arm just before), 3 another six months later (control arm
 * only, after meeting the team). `team` is the design's status at the wave (R23 eq. (1)).
 * Ids are those of team-rct, so both studies can be linked.
 */
import type { FileSpec, StudySchema } from '../schema';
import { col, label, levels } from './build';
import { ARM_COLUMN, EDUCATION_LEVELS, FEDERATION_COLUMN, WOMAN_COLUMN } from './team-rct';

export const HOUSEHOLD_2018_LEVELS = levels(
  ['single', 'Ensamstående hushåll', 'Single-person household'],
  ['cohabiting', 'Samboende eller gifta', 'Cohabiting or married'],
  ['other', 'Övriga', 'Other'],
);

/** The eight survey questions: column, short label (R23 Table 2) and full wording (Table 1). */
export const SURVEY_QUESTIONS = [
  {
    column: 'q1',
    short: label('Jobbmöjlighet', 'Job prospects'),
    text: label('Jag har goda möjligheter att få ett jobb inom det närmaste året', 'I have good chances of getting a job within the next year'),
    range: [0, 10] as const,
  },
  {
    column: 'q2',
    short: label('Redo att jobba', 'Ready to work'),
    text: label('Jag känner mig redo att kunna arbeta eller studera', 'I feel ready to work or study'),
    range: [0, 10] as const,
  },
  {
    column: 'q3',
    short: label('Ekonomisk framtid', 'Financial future'),
    text: label('Jag har goda möjligheter att klara mig ekonomiskt i framtiden', 'I have good chances of managing financially in the future'),
    range: [0, 10] as const,
  },
  {
    column: 'q4',
    short: label('Aktivitet', 'Activities'),
    text: label('Hur många aktiviteter har du denna vecka?', 'How many activities do you have this week?'),
    range: [0, 4] as const,
  },
  {
    column: 'q5',
    short: label('Familjen', 'Family'),
    text: label('Jag behöver ofta ta hand om andra i min familj/omgivning', 'I often need to take care of others in my family/surroundings'),
    range: [0, 10] as const,
  },
  {
    column: 'q6',
    short: label('Livet', 'Life in general'),
    text: label('Jag tycker att livet i allmänhet känns…', 'I feel that life in general is…'),
    range: [0, 10] as const,
  },
  {
    column: 'q7',
    short: label('Bra hjälp myndigheter', 'Good help from authorities'),
    text: label('Jag får bra hjälp av de myndigheter jag träffar', 'I get good help from the authorities I meet'),
    range: [0, 10] as const,
  },
  {
    column: 'q8',
    short: label('Skickad mellan myndigheter', 'Sent between authorities'),
    text: label('Har du upplevt att du blivit skickad mellan olika myndigheter', 'Have you felt you were sent between different authorities?'),
    range: [0, 10] as const,
  },
] as const;

const id = col.id('id', ['Löpnummer', 'Person id'], ['Samma löpnummer som i team-rct', 'The same id as in team-rct']);

const persons: FileSpec = {
  file: 'persons.csv',
  level: 'unit',
  description: label(
    'En rad per deltagare som återfanns i registren: design, datum, bakgrund 2018 (LISA) och teamrepresentantens bedömning vid enkät 1.',
    "One row per participant found in the registers: design, dates, 2018 background (LISA) and the team representative's rating at wave 1.",
  ),
  columns: [
    id,
    ARM_COLUMN,
    WOMAN_COLUMN,
    col.year('birth_year', ['Födelseår', 'Year of birth'], ['Födelseår', 'Year of birth'], { range: [1950, 2010] }),
    col.binary(
      'foreign_background',
      ['Utländsk bakgrund', 'Foreign background'],
      ['Utrikes född eller inrikes född med två utrikes födda föräldrar (SCB)', 'Foreign born, or born in Sweden with two foreign-born parents (Statistics Sweden)'],
    ),
    col.category(
      'education',
      ['Utbildningsnivå', 'Education'],
      ['Högsta utbildning 2018; tom om uppgift saknas', 'Highest education in 2018; empty if not recorded'],
      EDUCATION_LEVELS,
      { required: false },
    ),
    FEDERATION_COLUMN,
    col.date('consent_date', ['Samtyckesdatum', 'Date of consent'], ['Dag då personen tackade ja; enkät 1 skickas samma dag', 'Day the person consented; survey 1 is sent the same day']),
    col.date('first_meeting_date', ['Första möte med teamet', 'First meeting with the team'], ['Dag för första mötet med teamet', 'Day of the first meeting with the team']),
    col.binary(
      'in_lisa_2018',
      ['I LISA 2018', 'In LISA 2018'],
      ['1 om personen fanns i LISA 2018 (0 för de som var för unga); 2018-variablerna är tomma annars', '1 if the person was in LISA 2018 (0 for those too young); the 2018 variables are empty otherwise'],
    ),
    col.category('household_2018', ['Hushållstyp 2018', 'Household type 2018'], ['Hushållstyp 2018', 'Household type in 2018'], HOUSEHOLD_2018_LEVELS, {
      required: false,
    }),
    col.binary('studies_2018', ['Studier 2018', 'Studies 2018'], ['1 om studiestöd någon gång 2018', '1 if study aid at some point in 2018'], { required: false }),
    col.binary(
      'social_assistance_2018',
      ['Ekonomiskt bistånd 2018', 'Social assistance 2018'],
      ['1 om hushållet fick ekonomiskt bistånd 2018', 'Household received economic assistance in 2018'],
      { required: false },
    ),
    col.binary(
      'af_registered_nov_2018',
      ['Inskriven på Arbetsförmedlingen nov 2018', 'Registered at Arbetsförmedlingen Nov 2018'],
      ['1 om inskriven på Arbetsförmedlingen i november 2018', '1 if registered at Arbetsförmedlingen in November 2018'],
      { required: false },
    ),
    col.krYear('earned_income_2018_kr', ['Förvärvsinkomst 2018', 'Earned income 2018'], ['Förvärvsinkomst 2018, kronor', 'Earned income in 2018, kronor'], { required: false }),
    col.krYear('disposable_income_2018_kr', ['Disponibel inkomst 2018', 'Disposable income 2018'], ['Disponibel inkomst 2018, kronor', 'Disposable income in 2018, kronor'], {
      required: false,
      range: [-1_000_000, 10_000_000],
    }),
    col.date(
      'rep_answer_date',
      ['Teamrepresentantens svarsdatum', "Team representative's answer date"],
      ['Dag då teamets representant besvarade enkäten om personen (tom om inget svar)', 'Day the team representative rated the person (empty if no answer)'],
      { required: false },
    ),
    ...SURVEY_QUESTIONS.slice(0, 3).map((q, i) =>
      col.score(
        `rep_${q.column}`,
        [`Teamrepresentant: fråga ${i + 1}`, `Team representative: question ${i + 1}`],
        [`Representantens svar om personen: ${q.text.sv} (0–10)`, `The representative's rating of the person: ${q.text.en} (0–10)`],
        q.range,
        { required: false },
      ),
    ),
  ],
};

const answers: FileSpec = {
  file: 'answers.csv',
  level: 'unit-period',
  time: { column: 'wave', kind: 'integer' },
  description: label('En rad per besvarad enkät (person × enkättillfälle).', 'One row per answered survey (person × wave).'),
  columns: [
    id,
    col.integer('wave', 'code', ['Enkät', 'Wave'], ['Enkättillfälle 1–3 (3 endast kontrollgruppen)', 'Survey wave 1–3 (3 only the control arm)'], { range: [1, 3] }),
    col.date('sent_date', ['Utskicksdatum', 'Date sent'], ['Dag då enkäten skickades', 'Day the survey was sent']),
    col.date('answer_date', ['Svarsdatum', 'Answer date'], ['Dag då enkäten besvarades', 'Day the survey was answered']),
    col.days('delay_days', ['Svarsfördröjning', 'Answer delay'], ['Dagar från utskick till svar', 'Days from sending to answer'], { range: [0, 730] }),
    col.binary(
      'team',
      ['Har träffat teamet', 'Has met the team'],
      ['Designens behandlingsstatus vid enkäten: 1 för behandlingsgruppen vid enkät 2 och kontrollgruppen vid enkät 3', "The design's treatment status at the wave: 1 for the treatment arm at wave 2 and the control arm at wave 3"],
    ),
    col.integer('age', 'years', ['Ålder', 'Age'], ['Ålder vid svaret (svarsår − födelseår)', 'Age at the answer (answer year − birth year)'], { range: [15, 70] }),
    ...SURVEY_QUESTIONS.map((q, i) =>
      col.score(
        q.column,
        [`Fråga ${i + 1}: ${q.short.sv}`, `Question ${i + 1}: ${q.short.en}`],
        [`${q.text.sv} (${q.range[0]}–${q.range[1]}; tom om obesvarad)`, `${q.text.en} (${q.range[0]}–${q.range[1]}; empty if unanswered)`],
        q.range,
        { required: false },
      ),
    ),
  ],
};

export const teamSurvey: StudySchema = {
  name: 'team-survey',
  label: label('Teamexperimentet (enkäten)', 'The team experiment (survey)'),
  description: label(
    'Självskattningsenkät med åtta frågor vid samtycket, efter 6 och (kontrollgruppen) 12 månader; deltagarna i teamexperimentet (ISF 2023:2, kapitel 4).',
    'Self-rating survey of eight questions at consent, after 6 and (control arm) 12 months; the participants of the team experiment (ISF 2023:2, chapter 4).',
  ),
  id: 'id',
  arm: { column: 'arm', treated: 'T' },
  files: [persons, answers],
};
