/**
 * The team RCT's balance tables (R24 Tables B3–B7): background and outcomes in the year
 * before randomisation, compared between treatment and control (B3), women and men (B5),
 * and treatment and control among women (B6) and men (B7); and the history from January
 * 2015 to the first meeting (B4).
 *
 * Timing: "the year before" is the 12 calendar months before the month of consent, when
 * the person was randomised (`consent_month`), so that no month after randomisation enters
 * a balance check (the control group meets the team at least six months later). Yearly
 * incomes (LISA) are those of the calendar year before the consent year; age is age in
 * that year. The history of B4 runs from January 2015 to the month before the first
 * meeting, as in R24.
 */
import type { MeasureUnit } from '../data/schema';
import { monthCode, monthYear, type Panel } from '../data/panel';
import { findUnit } from '../data/unit-table';
import type { Study } from '../data/study';
import type { Label, ReportTable } from '../report/model';
import { maskAnd, maskEquals, type Mask } from '../stats/mask';
import { unitWindow, type UnitWindow, type WindowAggregate } from '../stats/window';
import { withSpellDays } from '../models/sickness-spells';
import { balanceTable, type BalanceLayoutRow } from './balance-table';
import { crossSplitRelations, sameRelations, withRelations } from './relations';

/** Per-person variables (aligned with the monthly panel's units) and the comparison groups. */
export interface TeamRctBalanceData {
  readonly ids: Float64Array;
  readonly vars: Readonly<Record<string, Float64Array>>;
  readonly history: Readonly<Record<'af' | 'sick' | 'sa' | 'fs', Float64Array>>;
  readonly treated: Mask;
  readonly control: Mask;
  readonly women: Mask;
  readonly men: Mask;
}

function levelIndex(p: Panel, column: string, code: string): number {
  const i = (p.levels[column] ?? []).indexOf(code);
  if (i < 0) throw new Error(`team-rct balance: column "${column}" has no level "${code}"`);
  return i;
}

function indicator(values: Float64Array, test: (x: number) => boolean): Float64Array {
  return Float64Array.from(values, (x) => (Number.isNaN(x) ? NaN : test(x) ? 1 : 0));
}

function add(a: Float64Array, b: Float64Array): Float64Array {
  return Float64Array.from(a, (x, i) => x + b[i]);
}

/** A per-unit array of another panel, reordered to `ids` (NaN where a unit is absent). */
function alignTo(ids: Float64Array, fromIds: Float64Array, values: Float64Array): Float64Array {
  return Float64Array.from(ids, (id) => {
    const j = findUnit(fromIds, id);
    return j < 0 ? NaN : values[j];
  });
}

export function teamRctBalanceData(study: Study): TeamRctBalanceData {
  const m = study.panels.monthly;
  const y = study.panels.yearly;
  if (!m || !y) throw new Error(`team-rct balance: the study ${study.name} needs the monthly and yearly panels`);
  const u = m.unitCols;
  const consent = u.consent_month;
  const yearBefore: UnitWindow = { ref: consent, from: -12, to: -1 };
  const w = (col: string, how: WindowAggregate): Float64Array => unitWindow(m, col, yearBefore, how);
  const history: UnitWindow = { ref: u.first_meeting_month, to: -1, fromPeriod: monthCode(2015, 1) };
  const h = (col: string, how: WindowAggregate): Float64Array => unitWindow(m, col, history, how);
  // B4's "Sjukfall, dagar": days of Försäkringskassan's sickness spells (first to last day).
  const spells = study.panels.sickness_spells;
  if (!spells) throw new Error(`team-rct balance: the study ${study.name} needs sickness_spells.csv (R24 B4's sickness spells)`);
  const spellDays = unitWindow(withSpellDays(m, spells), 'sickness_spell_days', history, 'sum');

  const consentYear = Float64Array.from(y.unitCols.consent_month, (c) => monthYear(c));
  const yearly = (col: string): Float64Array => alignTo(m.unitIds, y.unitIds, unitWindow(y, col, { ref: consentYear, from: -1, to: -1 }, 'sum'));

  const edu = u.education;
  const isEdu = (...codes: string[]): Float64Array => {
    const idx = codes.map((c) => levelIndex(m, 'education', c));
    // An education absent from the register (empty cell) counts as "education missing".
    const emptyCounts = codes.includes('missing') ? 1 : 0;
    return Float64Array.from(edu, (x) => (Number.isNaN(x) ? emptyCounts : idx.includes(x) ? 1 : 0));
  };
  const level = (col: string, code: string): Float64Array => {
    const i = levelIndex(m, col, code);
    return Float64Array.from(u[col], (x) => (Number.isNaN(x) ? NaN : x === i ? 1 : 0));
  };

  const seAny = indicator(w('sickness_comp_kr', 'sum'), (x) => x > 0);
  const aeAny = indicator(w('activity_comp_kr', 'sum'), (x) => x > 0);
  const vars: Record<string, Float64Array> = {
    age: Float64Array.from(consent, (c, i) => monthYear(c) - 1 - u.birth_year[i]),
    woman: u.woman,
    foreign_born: u.foreign_born,
    foreign_background: u.foreign_background,
    edu_pre: isEdu('primary_lt9', 'primary_9'),
    edu_upper: isEdu('upper_secondary'),
    edu_post: isEdu('post_secondary'),
    edu_missing: isEdu('missing'),
    married: level('marital_status', 'married'),
    unmarried: level('marital_status', 'unmarried'),
    divorced: level('marital_status', 'divorced_widowed'),
    cohabiting: level('household', 'cohabiting'),
    single: level('household', 'single'),
    children_0_3: u.children_0_3,
    children_4_6: u.children_4_6,
    children_lt18: u.children_lt18,
    studies: w('studies', 'any'),
    earned_income: yearly('earned_income_kr'),
    social_income: yearly('social_income_kr'),
    disposable_income: yearly('disposable_income_kr'),
    disposable_income_cu: yearly('disposable_income_cu_kr'),
    sb_kr: w('sickness_benefit_kr', 'sum'),
    sb_gross: w('sickness_benefit_gross_days', 'sum'),
    sb_net: w('sickness_benefit_net_days', 'sum'),
    sb_any: w('sickness_benefit_gross_days', 'any'),
    ae_kr: w('activity_comp_kr', 'sum'),
    ae_gross: w('activity_comp_gross_days', 'sum'),
    ae_net: w('activity_comp_net_days', 'sum'),
    ae_any: aeAny,
    se_kr: w('sickness_comp_kr', 'sum'),
    se_gross: w('sickness_comp_gross_days', 'sum'),
    se_net: w('sickness_comp_net_days', 'sum'),
    se_any: seAny,
    sa_any: Float64Array.from(seAny, (x, i) => Math.max(x, aeAny[i])),
    fs_kr: w('social_assistance_kr', 'sum'),
    fs_any: w('social_assistance', 'any'),
    parental_kr: w('parental_benefit_kr', 'sum'),
    parental_days: w('parental_benefit_net_days', 'sum'),
    af_days_2015: u.af_days_1992_2014,
    af_days_meeting: add(u.af_days_1992_2014, h('af_registered_days', 'sum')),
    unemployed_days: w('unemployed_days', 'sum'),
    programme_days: w('programme_days', 'sum'),
    subsidised_days: w('subsidised_days', 'sum'),
    newstart_days: w('newstart_days', 'sum'),
    ui_kr: w('unemployment_insurance_kr', 'sum'),
    programme_allowance_kr: w('programme_allowance_kr', 'sum'),
    uop_any: w('unemployed_or_programme', 'any'),
  };
  const arm = u.arm;
  const treated = maskEquals(arm, levelIndex(m, 'arm', 'T'));
  const control = maskEquals(arm, levelIndex(m, 'arm', 'C'));
  return {
    ids: m.unitIds,
    vars,
    history: {
      af: h('af_registered_days', 'sum'),
      sick: spellDays,
      sa: add(h('sickness_comp_gross_days', 'sum'), h('activity_comp_gross_days', 'sum')),
      fs: h('social_assistance_kr', 'countPositive'),
    },
    treated,
    control,
    women: maskEquals(u.woman, 1),
    men: maskEquals(u.woman, 0),
  };
}

// ---------------------------------------------------------------------------------------
// Variables: label and unit, by key

type VarDef = readonly [Label, MeasureUnit];
const L = (sv: string, en: string): Label => ({ sv, en });

const YB = L('året före samtycket', 'in the year before consent');
const VARS: Record<string, VarDef> = {
  age: [L('Ålder', 'Age'), 'years'],
  woman: [L('Kvinnor (andel)', 'Women (share)'), 'share'],
  foreign_born: [L('Utrikes född', 'Foreign born'), 'share'],
  foreign_background: [L('Utländsk bakgrund (minst en utrikes född förälder)', 'Foreign background (at least one foreign-born parent)'), 'share'],
  edu_pre: [L('Förgymnasial utbildning', 'Pre-upper-secondary education'), 'share'],
  edu_upper: [L('Gymnasial utbildning', 'Upper-secondary education'), 'share'],
  edu_post: [L('Eftergymnasial utbildning', 'Post-secondary education'), 'share'],
  edu_missing: [L('Utbildning saknas', 'Education missing'), 'share'],
  married: [L('Gift', 'Married'), 'share'],
  unmarried: [L('Ogift', 'Unmarried'), 'share'],
  divorced: [L('Skild, änka eller änkling', 'Divorced or widowed'), 'share'],
  cohabiting: [L('Gift/samboende', 'Married/cohabiting'), 'share'],
  single: [L('Ensamstående', 'Single'), 'share'],
  children_0_3: [L('Hemmavarande barn 0–3 år', 'Children at home aged 0–3'), 'share'],
  children_4_6: [L('Hemmavarande barn 4–6 år', 'Children at home aged 4–6'), 'share'],
  children_lt18: [L('Hemmavarande barn under 18 år', 'Children at home under 18'), 'share'],
  studies: [L('Studier (studiestöd någon månad)', 'Studies (study aid in some month)'), 'share'],
  earned_income: [L('Förvärvsinkomst', 'Earned income'), 'kr'],
  social_income: [L('Social inkomst', 'Social (transfer) income'), 'kr'],
  disposable_income: [L('Disponibel inkomst', 'Disposable income'), 'kr'],
  disposable_income_cu: [L('Disponibel inkomst per konsumtionsenhet', 'Disposable income per consumption unit'), 'kr'],
  sb_kr: [L('Sjukpenning, kronor', 'Sickness benefit, kronor'), 'kr'],
  sb_gross: [L('Sjukpenning, bruttodagar', 'Sickness benefit, gross days'), 'days'],
  sb_net: [L('Sjukpenning, nettodagar', 'Sickness benefit, net days'), 'days'],
  sb_any: [L('Andel med sjukpenning under året', 'Share with sickness benefit during the year'), 'share'],
  ae_kr: [L('Aktivitetsersättning, kronor', 'Activity compensation, kronor'), 'kr'],
  ae_gross: [L('Aktivitetsersättning, bruttodagar', 'Activity compensation, gross days'), 'days'],
  ae_net: [L('Aktivitetsersättning, nettodagar', 'Activity compensation, net days'), 'days'],
  ae_any: [L('Andel med aktivitetsersättning', 'Share with activity compensation'), 'share'],
  se_kr: [L('Sjukersättning, kronor', 'Sickness compensation, kronor'), 'kr'],
  se_gross: [L('Sjukersättning, bruttodagar', 'Sickness compensation, gross days'), 'days'],
  se_net: [L('Sjukersättning, nettodagar', 'Sickness compensation, net days'), 'days'],
  se_any: [L('Andel med sjukersättning', 'Share with sickness compensation'), 'share'],
  sa_any: [L('Andel med sjuk- eller aktivitetsersättning', 'Share with sickness or activity compensation'), 'share'],
  fs_kr: [L('Försörjningsstöd (per hushållsmedlem), kronor', 'Social assistance (per household member), kronor'), 'kr'],
  fs_any: [L('Försörjningsstöd någon månad', 'Social assistance in some month'), 'share'],
  parental_kr: [L('Föräldrapenning, kronor', 'Parental benefit, kronor'), 'kr'],
  parental_days: [L('Föräldrapenning, nettodagar', 'Parental benefit, net days'), 'days'],
  af_days_2015: [L('Dagar inskriven på Arbetsförmedlingen 1992 – januari 2015', 'Days registered at Arbetsförmedlingen 1992 – January 2015'), 'days'],
  af_days_meeting: [L('Dagar inskriven på Arbetsförmedlingen 1992 – första mötet med teamet', 'Days registered at Arbetsförmedlingen 1992 – first meeting with the team'), 'days'],
  unemployed_days: [L(`Dagar som öppet arbetslös ${YB.sv}`, `Days openly unemployed ${YB.en}`), 'days'],
  programme_days: [L(`Dagar i program ${YB.sv}`, `Days in programmes ${YB.en}`), 'days'],
  subsidised_days: [L(`Dagar i subventionerad anställning ${YB.sv}`, `Days in subsidised employment ${YB.en}`), 'days'],
  newstart_days: [L(`Dagar i nystartsjobb ${YB.sv}`, `Days in new-start jobs ${YB.en}`), 'days'],
  ui_kr: [L('Arbetslöshetsersättning (a-kassa), kronor', 'Unemployment insurance benefit, kronor'), 'kr'],
  programme_allowance_kr: [L('Aktivitetsstöd, utvecklingsersättning m.m., kronor', 'Activity support, development allowance etc., kronor'), 'kr'],
  uop_any: [L('Öppet arbetslös eller i program någon månad', 'Openly unemployed or in a programme in some month'), 'share'],
};

const HEAD: Record<string, Label> = {
  education: L('Utbildning', 'Education'),
  marital: L('Civilstånd', 'Marital status'),
  household: L('Familjeställning', 'Household status'),
  children: L('Hemmavarande barn', 'Children living at home'),
  income: L('Inkomst föregående år (kronor per år)', 'Income in the previous year (kronor per year)'),
  sickness: L(`Sjukdom, ${YB.sv}`, `Sickness, ${YB.en}`),
  transfers: L(`Övriga transfereringar, ${YB.sv}`, `Other transfers, ${YB.en}`),
  unemployment: L('Arbetslöshet', 'Unemployment'),
};

/** A layout: variable keys, "#name" for a heading, "=" for the observations row. */
function layout(data: TeamRctBalanceData, keys: readonly string[]): BalanceLayoutRow[] {
  return keys.map((k): BalanceLayoutRow => {
    if (k === '=') return { kind: 'count', key: 'observations', label: L('Observationer (personer)', 'Observations (persons)') };
    if (k.startsWith('#')) return { kind: 'header', key: `h_${k.slice(1)}`, label: HEAD[k.slice(1)] };
    const def = VARS[k];
    const values = data.vars[k];
    if (!def || !values) throw new Error(`team-rct balance: unknown variable "${k}"`);
    return { kind: 'variable', key: k, label: def[0], values, unit: def[1] };
  });
}

const BACKGROUND = ['age', 'foreign_born', 'foreign_background', '#education', 'edu_pre', 'edu_upper', 'edu_post', 'edu_missing', '#marital', 'married', 'unmarried', 'divorced', '#household', 'cohabiting', 'single', '#children', 'children_0_3', 'children_4_6', 'children_lt18', 'studies'];

const B3 = [
  ...BACKGROUND.slice(0, 1),
  'woman',
  ...BACKGROUND.slice(1),
  '#income', 'earned_income', 'social_income', 'disposable_income', 'disposable_income_cu',
  '#sickness', 'sb_kr', 'sb_gross', 'sb_net', 'ae_kr', 'ae_gross', 'ae_net', 'se_kr', 'se_gross', 'se_net', 'sa_any',
  '#transfers', 'fs_kr', 'fs_any', 'parental_kr', 'parental_days',
  '#unemployment', 'af_days_2015', 'af_days_meeting', 'unemployed_days', 'programme_days', 'subsidised_days', 'newstart_days', 'ui_kr', 'programme_allowance_kr',
  '=',
];

const B5 = [
  ...BACKGROUND,
  '#income', 'earned_income', 'social_income', 'disposable_income_cu',
  '#sickness', 'sb_kr', 'sb_gross', 'sb_net', 'ae_kr', 'ae_gross', 'ae_net', 'se_kr', 'se_gross', 'se_net', 'sa_any',
  '#transfers', 'fs_kr', 'fs_any',
  '#unemployment', 'unemployed_days', 'programme_days', 'subsidised_days', 'ui_kr', 'programme_allowance_kr',
  '=',
];

const B6_B7 = [
  ...BACKGROUND,
  '#income', 'earned_income', 'social_income', 'disposable_income_cu',
  '#sickness', 'sb_kr', 'sb_gross', 'sb_net', 'sb_any', 'ae_kr', 'ae_gross', 'ae_net', 'ae_any', 'se_kr', 'se_gross', 'se_net', 'se_any',
  '#transfers', 'fs_kr', 'fs_any',
  '#unemployment', 'unemployed_days', 'programme_days', 'subsidised_days', 'newstart_days', 'ui_kr', 'programme_allowance_kr', 'uop_any',
];

const STUB = L('Variabel', 'Variable');
// Non-breaking hyphen: the narrow column never splits the header as "p-/värde".
const P = L('p\u2011värde', 'p\u2011value');
const TIMING: Label = L(
  'Medelvärden och andelar (procent). Bakgrund och utfall avser de 12 månaderna före samtycket och lottningen (årsinkomster: kalenderåret före samtyckesåret; ålder det året); inskrivningstiden på Arbetsförmedlingen räknas från 1992.',
  'Means and shares (per cent). Background and outcomes refer to the 12 months before consent and randomisation (yearly incomes: the calendar year before the year of consent; age in that year); days registered at Arbetsförmedlingen are counted from 1992.',
);

/** Categories whose shares add to 100 % (declared only where they do, see balanceTable). */
const SHARE_GROUPS = [
  ['edu_pre', 'edu_upper', 'edu_post', 'edu_missing'],
  ['married', 'unmarried', 'divorced'],
  ['cohabiting', 'single'],
];

/**
 * R24 Tables B3, B5, B6 and B7, with the relations between them a reader knows: B5's
 * women and men are B6's and B7's all columns, B3's treatment (control) group is B6's plus
 * B7's weighted by persons, B3's and B5's all columns are the same persons.
 */
export function teamRctBalanceTables(data: TeamRctBalanceData): Record<'b3' | 'b5' | 'b6' | 'b7', ReportTable> {
  const t = teamRctBalanceTablesAlone(data);
  return {
    b3: withRelations(
      t.b3,
      sameRelations(t.b3, 'all', t.b5, 'all'),
      crossSplitRelations(t.b3, 'a', [{ table: t.b6, column: 'a' }, { table: t.b7, column: 'a' }]),
      crossSplitRelations(t.b3, 'b', [{ table: t.b6, column: 'b' }, { table: t.b7, column: 'b' }]),
    ),
    b5: withRelations(t.b5, sameRelations(t.b5, 'a', t.b6, 'all'), sameRelations(t.b5, 'b', t.b7, 'all')),
    b6: t.b6,
    b7: t.b7,
  };
}

function teamRctBalanceTablesAlone(data: TeamRctBalanceData): Record<'b3' | 'b5' | 'b6' | 'b7', ReportTable> {
  const { treated, control, women, men } = data;
  return {
    b3: balanceTable({
      id: 'r24-tab-b3',
      title: L('Behandlings- och kontrollgrupp året före samtycket', 'Treatment and control group in the year before consent'),
      stub: STUB,
      columns: [L('Alla', 'All'), L('Behandlingsgrupp', 'Treatment group'), L('Kontrollgrupp', 'Control group'), P],
      a: treated,
      b: control,
      rows: layout(data, B3),
      shareGroups: SHARE_GROUPS,
      notes: [TIMING],
    }),
    b5: balanceTable({
      id: 'r24-tab-b5',
      title: L('Kvinnor och män året före samtycket', 'Women and men in the year before consent'),
      stub: STUB,
      columns: [L('Alla', 'All'), L('Kvinnor', 'Women'), L('Män', 'Men'), P],
      a: women,
      b: men,
      rows: layout(data, B5),
      shareGroups: SHARE_GROUPS,
      notes: [TIMING],
    }),
    b6: balanceTable({
      id: 'r24-tab-b6',
      title: L('Kvinnor i behandlings- och kontrollgrupp året före samtycket', 'Women in the treatment and control group in the year before consent'),
      stub: STUB,
      columns: [L('Alla kvinnor', 'All women'), L('Kvinnor, behandling', 'Women, treatment'), L('Kvinnor, kontroll', 'Women, control'), P],
      a: maskAnd(women, treated),
      b: maskAnd(women, control),
      rows: layout(data, B6_B7),
      shareGroups: SHARE_GROUPS,
      notes: [TIMING],
    }),
    b7: balanceTable({
      id: 'r24-tab-b7',
      title: L('Män i behandlings- och kontrollgrupp året före samtycket', 'Men in the treatment and control group in the year before consent'),
      stub: STUB,
      columns: [L('Alla män', 'All men'), L('Män, behandling', 'Men, treatment'), L('Män, kontroll', 'Men, control'), P],
      a: maskAnd(men, treated),
      b: maskAnd(men, control),
      rows: layout(data, B6_B7),
      shareGroups: SHARE_GROUPS,
      notes: [TIMING],
    }),
  };
}

/** R24 Table B4: January 2015 to the first meeting. */
export function teamRctHistoryTable(data: TeamRctBalanceData): ReportTable {
  const ever = (key: 'af' | 'sick' | 'sa' | 'fs', label: Label, unit: MeasureUnit, everLabel: Label, share: Label): BalanceLayoutRow => ({
    kind: 'ever',
    key,
    label,
    values: data.history[key],
    unit,
    rowLabels: { all: L('Alla deltagare', 'All participants'), ever: everLabel, share },
  });
  return balanceTable({
    id: 'r24-tab-b4',
    title: L(
      'Inskrivning på Arbetsförmedlingen, sjukfall, sjuk- och aktivitetsersättning och försörjningsstöd från januari 2015 till första mötet',
      'Registration at Arbetsförmedlingen, sickness spells, sickness and activity compensation and social assistance from January 2015 to the first meeting',
    ),
    stub: STUB,
    columns: [L('Samtliga', 'All'), L('Behandlingsgrupp', 'Treatment group'), L('Kontrollgrupp', 'Control group'), P],
    a: data.treated,
    b: data.control,
    rows: [
      ever('af', L('Inskriven på Arbetsförmedlingen, dagar', 'Registered at Arbetsförmedlingen, days'), 'days', L('Deltagare som varit inskrivna', 'Participants ever registered'), L('Andel som varit inskrivna', 'Share ever registered')),
      ever('sick', L('Sjukfall, dagar', 'Sickness spells, days'), 'days', L('Deltagare som är/varit sjukskrivna', 'Participants ever on sick leave'), L('Andel sjukskrivna', 'Share ever on sick leave')),
      ever('sa', L('Sjuk- och aktivitetsersättning (SA), dagar', 'Sickness and activity compensation (SA), days'), 'days', L('Deltagare som haft SA', 'Participants who have had SA'), L('Andel som haft SA', 'Share who have had SA')),
      ever('fs', L('Försörjningsstöd, månader', 'Social assistance, months'), 'months', L('Deltagare som haft försörjningsstöd', 'Participants who have had social assistance'), L('Andel som haft försörjningsstöd', 'Share who have had social assistance')),
    ],
    notes: [
      L(
        'Dagar och månader från januari 2015 till månaden före första mötet med teamet. Sjukfall: kalenderdagar i Försäkringskassans sjukfall, från sjukfallets första till sista dag (sjukpenning och rehabiliteringsersättning i följd); SA: bruttodagar (kalenderdagar med ersättning). "Deltagare som …" är medelvärdet bland dem som någon gång varit i tillståndet; p-värdet jämför då behandlade och kontroller inom den gruppen.',
        'Days and months from January 2015 to the month before the first meeting with the team. Sickness spells: calendar days in Försäkringskassan\'s sickness spells, from a spell\'s first to its last day (sickness and rehabilitation benefit in a row); SA: gross days (calendar days with a benefit). "Participants ever …" is the mean among those who were ever in the state; its p-value compares treated and controls within that group.',
      ),
    ],
  });
}
