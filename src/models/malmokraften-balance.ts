/**
 * Malmökraften's background before the start (R23 Tables B5–B11): per-person variables
 * measured in October 2017 (or over 2013–2017, or at the five list reference dates) and the
 * row layouts of each table, labelled as the catalog's rows.
 *
 * Conditional rows ("if > 0", "among those with a spell") hold NaN for persons outside the
 * condition, so their mean and N are over the persons inside it.
 */
import type { Panel } from '../data/panel';
import { monthCode } from '../data/panel';
import { START_GROUPS, dateTag, INCOME_SHARE_SOURCES } from '../data/schemas/malmokraften';
import type { Label } from '../i18n/label';
import { unitWindow } from '../stats/window';
import { MALMO_COVARIATES, MALMO_GROUP } from './malmokraften';

export type BalanceLayoutRow =
  | { kind: 'header'; key: string; label: Label }
  | { kind: 'variable'; key: string; label: Label; values: Float64Array; decimals?: number };

const OCT_2017 = monthCode(2017, 10);
const FIRST = monthCode(2013, 1);
const DEC_2017 = monthCode(2017, 12);
const JAN_2017 = monthCode(2017, 1);

function unitCol(p: Panel, name: string): Float64Array {
  const c = p.unitCols[name];
  if (!c) throw new RangeError(`malmokraften balance: no per-person column "${name}"`);
  return c;
}

/** 1 where the category column equals `level`, 0 for other levels, NaN where missing. */
function level(p: Panel, column: string, name: string): Float64Array {
  const idx = (p.levels[column] ?? []).indexOf(name);
  if (idx < 0) throw new RangeError(`malmokraften balance: "${column}" has no level "${name}"`);
  return unitCol(p, column).map((x) => (Number.isNaN(x) ? NaN : x === idx ? 1 : 0));
}

const positive = (v: Float64Array) => v.map((x) => (Number.isNaN(x) ? NaN : x > 0 ? 1 : 0));
/** v where cond > 0, NaN elsewhere (the "among those with …" rows). */
const where = (v: Float64Array, cond: Float64Array) => v.map((x, i) => (cond[i] > 0 ? x : NaN));

/** Participants (any start group) and never-treated, as unit masks. */
export function malmoGroups(p: Panel): { treated: Uint8Array; control: Uint8Array } {
  const g = unitCol(p, MALMO_GROUP);
  return { treated: Uint8Array.from(g, (x) => (x > 0 ? 1 : 0)), control: Uint8Array.from(g, (x) => (x === 0 ? 1 : 0)) };
}

const L = (sv: string, en: string): Label => ({ sv, en });
const header = (key: string, sv: string, en: string): BalanceLayoutRow => ({ kind: 'header', key, label: L(sv, en) });
const row = (key: string, sv: string, en: string, values: Float64Array, decimals?: number): BalanceLayoutRow => ({ kind: 'variable', key, label: L(sv, en), values, decimals });

const DATE_LABELS = START_GROUPS.map((g) => {
  const [y, m, d] = g.referenceDate.split('-').map(Number);
  const en = new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return { tag: dateTag(g.referenceDate), label: L(`${d}/${m} ${y}`, en) };
});

/** Rows "at each of the five reference dates" of one per-person column family. */
function byDate(p: Panel, prefix: string, decimals?: number): BalanceLayoutRow[] {
  return DATE_LABELS.map((d): BalanceLayoutRow => ({ kind: 'variable', key: `${prefix}_${d.tag}`, label: d.label, values: unitCol(p, `${prefix}_${d.tag}`), decimals }));
}

/** R23 Table B5: demographics, October 2017. */
export function demographicsRows(p: Panel): BalanceLayoutRow[] {
  return [
    row('woman', 'Kvinna', 'Woman', unitCol(p, 'woman')),
    row('age', 'Ålder', 'Age', unitCol(p, 'age'), 1),
    row('born_sweden', 'Född Sverige', 'Born in Sweden', level(p, 'birth_region', 'sweden')),
    row('born_europe', 'Född Europa', 'Born in Europe', level(p, 'birth_region', 'europe')),
    row('born_outside_europe', 'Född utom Europa', 'Born outside Europe', level(p, 'birth_region', 'outside_europe')),
    row('edu_lt9', 'Grundskola < 9 år', 'Compulsory school < 9 years', level(p, 'education', 'primary_lt9')),
    row('edu_9', 'Grundskola 9 år', 'Compulsory school 9 years', level(p, 'education', 'primary_9')),
    row('edu_upper', 'Gymnasium', 'Upper-secondary school', level(p, 'education', 'upper_secondary')),
    row('edu_university', 'Universitet', 'University', level(p, 'education', 'post_secondary')),
    row('edu_unknown', 'Utbildning okänd', 'Education unknown', level(p, 'education', 'unknown')),
    row('edu_none', 'Utbildning saknas', 'Education missing', level(p, 'education', 'none')),
    row('children_0_3', 'Har barn 0–3', 'Has children aged 0–3', unitCol(p, 'children_0_3')),
    row('children_4_6', 'Har barn 4–6', 'Has children aged 4–6', unitCol(p, 'children_4_6')),
    row('children_7_10', 'Har barn 7–10', 'Has children aged 7–10', unitCol(p, 'children_7_10')),
    row('cohabiting', 'Gift/sambo', 'Married/cohabiting', level(p, 'household', 'cohabiting')),
    row('single', 'Ensamstående', 'Single', level(p, 'household', 'single')),
  ];
}

const atOct = (p: Panel, col: string) => unitWindow(p, col, { fromPeriod: OCT_2017, toPeriod: OCT_2017 }, 'sum');
const over = (p: Panel, col: string, from: number, to: number, how: 'sum' | 'any' = 'sum') => unitWindow(p, col, { fromPeriod: from, toPeriod: to }, how);

/** R23 Table B6: monthly incomes in October 2017 and the 2017 income shares. */
export function incomeRows(monthly: Panel, yearly: Panel): BalanceLayoutRow[] {
  sameUnits(monthly, yearly);
  const disposable = over(yearly, 'disposable_income_kr', 2017, 2017).map((x) => x / 12);
  const saFamily = atOct(monthly, 'social_assistance_family_kr');
  const saPerson = atOct(monthly, 'social_assistance_kr');
  const wage = atOct(monthly, 'wage_kr');
  return [
    row('disposable_income', 'Disponibel inkomst i kr', 'Disposable income, kr', disposable, 1),
    row('sa_share', 'Andelen med ekonomiskt bistånd', 'Share with social assistance', atOct(monthly, 'social_assistance')),
    row('sa_family_kr', 'Ekonomiskt bistånd (familj) i kr', 'Social assistance (family), kr', saFamily, 1),
    row('sa_person_kr', 'Ekonomiskt bistånd (individ) i kr', 'Social assistance (individual), kr', saPerson, 1),
    row('sa_family_kr_pos', 'Ekonomiskt bistånd (familj) i kr om >0', 'Social assistance (family), kr, if >0', where(saFamily, saFamily), 1),
    row('sa_person_kr_pos', 'Ekonomiskt bistånd (individ) i kr om >0', 'Social assistance (individual), kr, if >0', where(saPerson, saPerson), 1),
    row('wage_kr', 'Arbetsinkomst i kr', 'Earnings, kr', wage, 1),
    row('wage_kr_pos', 'Arbetsinkomst i kr om >0', 'Earnings, kr, if >0', where(wage, wage), 1),
    header('income_shares', 'Individens andel av totala inkomsten som kommer från:', "Share of the individual's total income coming from:"),
    ...INCOME_SHARE_SOURCES.map(([s, sv, en]) => row(`share_${s}`, sv, en, over(yearly, `share_${s}`, 2017, 2017), 3)),
  ];
}

/** R23 Table B7: time registered at Arbetsförmedlingen and in JOB at the reference dates. */
export function registrationRows(p: Panel): BalanceLayoutRow[] {
  const first = DATE_LABELS[0];
  return [
    header('af_days', 'Antal dagar som arbetssökande och inskriven på Arbetsförmedlingen sedan den 1 januari 2013 fram till:', 'Days as jobseeker registered at Arbetsförmedlingen since 1 January 2013 up to:'),
    ...byDate(p, 'af_days', 0),
    header('job_days', 'Antal dagar som inskriven i JOB fram till:', 'Days registered in the Job and Development Guarantee (JOB) up to:'),
    ...byDate(p, 'job_days', 0),
    header('job450', 'Andelen som varit inskriven i JOB i minst 450 dagar fram till:', 'Share registered in JOB for at least 450 days up to:'),
    ...byDate(p, 'job450'),
    header('in_job', 'Andelen som varit inskriven i JOB den:', 'Share registered in JOB on:'),
    { kind: 'variable', key: `in_job_${first.tag}`, label: first.label, values: positive(unitCol(p, `job_days_${first.tag}`)) },
    header('previously', 'Andelen som varit inskriven i JOB den 15/4 2018 och tidigare varit i:', 'Share registered in JOB on 15 Apr 2018 who had previously been in:'),
    row('establishment', 'Etableringsprogram', 'Establishment programme (for new arrivals)', unitCol(p, 'establishment')),
    header('had', 'Andelen som varit inskriven i JOB den 15/4 2018 och hade en:', 'Share registered in JOB on 15 Apr 2018 who had a:'),
    row('disability', 'Funktionshinderkod', 'Disability code', unitCol(p, 'disability')),
  ];
}

/** Days over a period, the share with any, and the days among those with any (B8, B10). */
function daysRows(p: Panel, col: string): { sum1317: Float64Array; sum17: Float64Array; oct: Float64Array; any1317: Float64Array; any17: Float64Array; anyOct: Float64Array } {
  const sum1317 = over(p, col, FIRST, DEC_2017);
  const sum17 = over(p, col, JAN_2017, DEC_2017);
  const oct = atOct(p, col);
  return { sum1317, sum17, oct, any1317: positive(sum1317), any17: positive(sum17), anyOct: positive(oct) };
}

/** R23 Table B8: sickness spells, sickness benefit, sickness and activity compensation. */
export function sicknessRows(p: Panel): BalanceLayoutRow[] {
  const spell = daysRows(p, 'sickness_spell_days');
  const benefit = daysRows(p, 'sickness_benefit_days');
  const comp = daysRows(p, 'sickness_comp_days');
  const act = daysRows(p, 'activity_comp_days');
  return [
    header('spell', 'Dagar i sjukfall', 'Days in sickness spells'),
    row('spell_share_2017', 'Andel med sjukfall, 2017', 'Share with a sickness spell, 2017', spell.any17),
    row('spell_share_oct2017', 'Andel med sjukfall, oktober 2017', 'Share with a sickness spell, October 2017', spell.anyOct),
    row('spell_days_1317', 'Sjukfallsdagar, 2013–2017', 'Sickness-spell days, 2013–2017', spell.sum1317, 1),
    row('spell_days_2017', 'Sjukfallsdagar, 2017', 'Sickness-spell days, 2017', spell.sum17, 2),
    row('spell_days_oct2017', 'Sjukfallsdagar, oktober 2017', 'Sickness-spell days, October 2017', spell.oct, 2),
    row('spell_days_1317_any', 'Sjukfallsdagar 2013–2017 för individer som haft ett sjukfall under perioden', 'Sickness-spell days 2013–2017 among those with a spell in the period', where(spell.sum1317, spell.any1317), 1),
    header('benefit', 'Sjukpenningdagar (brutto)', 'Sickness-benefit days (gross)'),
    row('benefit_days_1317', 'Sjukpenningdagar, 2013–2017', 'Sickness-benefit days, 2013–2017', benefit.sum1317, 1),
    row('benefit_days_2017', 'Sjukpenningdagar, 2017', 'Sickness-benefit days, 2017', benefit.sum17, 2),
    row('benefit_days_1317_any', 'Sjukpenningdagar, 2013–2017 för individer som haft sjukpenning under perioden', 'Sickness-benefit days 2013–2017 among those with sickness benefit in the period', where(benefit.sum1317, benefit.any1317), 1),
    header('comp', 'Dagar med sjukersättning', 'Days with sickness compensation'),
    row('comp_share_2017', 'Andel med sjukersättning, 2017', 'Share with sickness compensation, 2017', comp.any17),
    row('comp_days_1317', 'Sjukersättning, 2013–2017', 'Sickness compensation days, 2013–2017', comp.sum1317, 1),
    row('comp_days_1317_any', 'Sjukersättningsdagar 2013–2017 för individer som haft sjukersättning under perioden', 'Sickness-compensation days 2013–2017 among those with sickness compensation in the period', where(comp.sum1317, comp.any1317), 1),
    header('activity', 'Dagar med aktivitetsersättning', 'Days with activity compensation'),
    row('act_share_2017', 'Andel med aktivitetsersättning 2017', 'Share with activity compensation, 2017', act.any17, 4),
    row('act_days_1317', 'Aktivitetsersättning, 2013–2017', 'Activity compensation days, 2013–2017', act.sum1317, 2),
    row('act_days_1317_any', 'Aktivitetsersättning, 2013–2017 för individer som haft aktivitetsersättning under perioden', 'Activity compensation days 2013–2017 among those with activity compensation in the period', where(act.sum1317, act.any1317), 1),
  ];
}

/** R23 Table B9: prescribed medication in October 2017 (share, daily-dose days, among users). */
export function medicationRows(p: Panel): BalanceLayoutRow[] {
  const groups: [string, string, string, string][] = [
    ['n06a', 'n06a_ddd_days', 'Medicin förskriven inom N06A antidepressiva medel:', 'Medication prescribed in N06A antidepressants:'],
    ['n05b', 'n05b_ddd_days', 'Medicin förskriven inom N05B lugnande medel:', 'Medication prescribed in N05B anxiolytics:'],
    ['n05c', 'n05c_ddd_days', 'Medicin förskriven inom N05C sömnmedel:', 'Medication prescribed in N05C hypnotics and sedatives:'],
  ];
  return groups.flatMap(([k, col, sv, en]) => {
    const days = atOct(p, col);
    const any = positive(days);
    return [
      header(k, sv, en),
      row(`${k}_share`, 'Andel, oktober 2017', 'Share, October 2017', any),
      row(`${k}_days`, 'Antalet dagar per månad med en daglig dygnsdos, oktober 2017', 'Days per month covered by a defined daily dose, October 2017', days, 2),
      row(
        `${k}_days_users`,
        'Antalet dagar per månad med en daglig dygnsdos, oktober 2017 om individen har förskriven medicin',
        'Days per month covered by a defined daily dose, October 2017, among those with a prescription',
        where(days, any),
        2,
      ),
    ];
  });
}

/** R23 Table B10: psychiatric outpatient visits, inpatient stays and inpatient days. */
export function careRows(p: Panel): BalanceLayoutRow[] {
  const visits = (k: string, col: string, sv: string, en: string): BalanceLayoutRow[] => {
    const d = daysRows(p, col);
    return [
      header(k, sv, en),
      row(`${k}_share`, 'Andel, oktober 2017', 'Share, October 2017', d.anyOct),
      row(`${k}_oct`, 'Antal besök, oktober 2017', 'Number of visits, October 2017', d.oct, 3),
      row(`${k}_oct_any`, 'Antal besök, oktober 2017 för de individer som haft ett besök', 'Number of visits, October 2017, among those with a visit', where(d.oct, d.anyOct), 2),
      row(`${k}_1317`, 'Antalet besök 2013–2017', 'Number of visits 2013–2017', d.sum1317, 3),
      row(`${k}_1317_any`, 'Antalet besök 2013–2017 för de individer som haft ett besök', 'Number of visits 2013–2017, among those with a visit', where(d.sum1317, d.any1317), 2),
    ];
  };
  const days = daysRows(p, 'inpatient_days');
  const stays = over(p, 'inpatient_stays', FIRST, DEC_2017);
  return [
    ...visits('outpatient', 'outpatient_visits', 'Besök inom öppenvården:', 'Outpatient visits (psychiatric diagnosis):'),
    ...visits('inpatient', 'inpatient_stays', 'Besök inom slutenvården:', 'Inpatient visits (psychiatric diagnosis):'),
    header('inpatient_days', 'Dagar inom slutenvården:', 'Inpatient days:'),
    row('inpatient_days_oct', 'Antalet dagar, oktober 2017', 'Number of days, October 2017', days.oct, 3),
    row('inpatient_days_1317', 'Antalet dagar, 2013–2017', 'Number of days, 2013–2017', days.sum1317, 2),
    row('inpatient_days_1317_any', 'Antalet dagar, 2013–2017, för de individer som haft ett besök', 'Number of days, 2013–2017, among those with a visit', where(days.sum1317, positive(stays)), 2),
  ];
}

/** R23 Table B11's rows: the variables the weighting should balance. */
export function weightingRows(p: Panel): BalanceLayoutRow[] {
  const demo = demographicsRows(p).filter((r) => r.kind === 'variable' && ['woman', 'age', 'born_sweden', 'born_europe', 'born_outside_europe', 'edu_lt9', 'edu_9', 'edu_upper', 'edu_university'].includes(r.key));
  return [
    ...demo,
    row('sa_share', 'Andel med ekonomiskt bistånd', 'Share with social assistance', atOct(p, 'social_assistance')),
    row('disability', 'Andel med funktionshinderkod', 'Share with disability code', unitCol(p, 'disability')),
    row('establishment', 'Andel i etableringsprogram', 'Share in establishment programme', unitCol(p, 'establishment')),
    header('job450', 'Andelen som varit inskriven i JOB i minst 450 dagar fram till:', 'Share registered in JOB for at least 450 days up to:'),
    ...byDate(p, 'job450'),
    header('af_days', 'Antal dagar som arbetssökande och inskriven på Arbetsförmedlingen sedan den 1 januari 2013 fram till:', 'Days as jobseeker registered at Arbetsförmedlingen since 1 January 2013 up to:'),
    ...byDate(p, 'af_days'),
    header('job_days', 'Antal dagar som inskriven i JOB fram till:', 'Days registered in the Job and Development Guarantee (JOB) up to:'),
    ...byDate(p, 'job_days'),
  ];
}

function sameUnits(a: Panel, b: Panel): void {
  if (a.nUnits !== b.nUnits || a.unitIds.some((id, i) => id !== b.unitIds[i])) {
    throw new RangeError('malmokraften balance: the monthly and yearly panels hold different persons');
  }
}

/**
 * Propensity-score covariates of Table B11's weighted columns, as numeric per-person columns
 * (categories as 0/1 dummies without the first level): the main model's covariates.
 */
export function weightingCovariates(p: Panel): Float64Array[] {
  return MALMO_COVARIATES.flatMap((spec) => {
    const m = /^factor\((.+)\)$/.exec(spec);
    if (!m) return [unitCol(p, spec)];
    const levels = p.levels[m[1]] ?? [];
    return levels.slice(1).map((l) => level(p, m[1], l));
  });
}
