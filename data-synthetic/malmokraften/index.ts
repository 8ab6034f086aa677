/**
 * Synthetic Malmökraften data (R23 chapter 5 and appendix 2) with a known truth.
 *
 *   await generateMalmokraften('data-synthetic/out/malmokraften', 1);
 *
 * writes persons.csv, monthly.csv and yearly.csv in the dictionary of
 * src/data/schemas/malmokraften.ts, and truth.json with the exact effects. The same seed
 * gives byte-identical files. See README.md in this folder for what is generated and how
 * close it lands to the published figures.
 */
import * as path from 'node:path';
import { CsvColumnData, INT, MONTH, TEXT, fixed, writeCsvColumns, writeJsonAtomic } from '../csv-writer';
import { formatMonth } from '../../src/data/panel';
import {
  BIRTH_REGION_LEVELS,
  dateTag,
  JOB_CENTRE_LEVELS,
  malmokraften,
  MALMO_EDUCATION_LEVELS,
  MALMO_FIRST_MONTH,
  MALMO_FIRST_YEAR,
  MALMO_HOUSEHOLD_LEVELS,
  START_GROUPS,
} from '../../src/data/schemas/malmokraften';
import type { FileSpec, Level } from '../../src/data/schema';
import { drawPopulation, Population } from './population';
import { MONTHLY_TRUTH_OUTCOMES, MonthlyResult, N_MONTHS, simulateMonthly } from './monthly';
import { simulateYearly, YEARLY_TRUTH_OUTCOMES, YearlyResult } from './yearly';
import { didTruth, DidTruth } from '../truth';
import { deriveSeed } from '../sampling';

/** Independent streams for the three stages, so tuning one stage leaves the others' draws unchanged. */
export function seeds(seed: number) {
  return {
    population: deriveSeed(seed, 'malmokraften/population'),
    monthly: deriveSeed(seed, 'malmokraften/monthly'),
    yearly: deriveSeed(seed, 'malmokraften/yearly'),
  };
}

function spec(file: string): FileSpec {
  const f = malmokraften.files.find((s) => s.file === file);
  if (!f) throw new Error(`malmokraften dictionary has no ${file}`);
  return f;
}

/** Orders the generated columns as the dictionary lists them, failing on any missing or extra one. */
function inDictionaryOrder(file: string, cols: Record<string, Omit<CsvColumnData, 'name'>>): CsvColumnData[] {
  const names = spec(file).columns.map((c) => c.name);
  const extra = Object.keys(cols).filter((n) => !names.includes(n));
  if (extra.length) throw new Error(`${file}: generated columns not in the dictionary: ${extra.join(', ')}`);
  return names.map((name) => {
    const c = cols[name];
    if (!c) throw new Error(`${file}: dictionary column "${name}" is not generated`);
    return { name, ...c };
  });
}

const codes = (levels: readonly Level[], values: ArrayLike<number>) => Array.from(values, (v) => (v >= 0 ? levels[v].code : null));
const optionalInt = (values: ArrayLike<number>) => Float64Array.from(values, (v) => (v >= 0 ? v : NaN));

function personsColumns(p: Population): CsvColumnData[] {
  const groupCode = (g: number) => (g >= 0 ? START_GROUPS[g].code : null);
  const cols: Record<string, Omit<CsvColumnData, 'name'>> = {
    id: { format: INT, values: Int32Array.from({ length: p.n }, (_, i) => i + 1) },
    treated: { format: INT, values: p.treated },
    start_group: { format: TEXT, values: Array.from(p.group, groupCode) },
    first_meeting_month: { format: MONTH, values: p.firstMeeting },
    start_month: { format: TEXT, values: Array.from(p.group, (g) => (g >= 0 ? formatMonth(START_GROUPS[g].start) : '0')) },
    list_group: { format: TEXT, values: Array.from(p.listGroup, groupCode) },
    job_centre: { format: TEXT, values: codes(JOB_CENTRE_LEVELS, p.jobCentre) },
    woman: { format: INT, values: p.woman },
    establishment: { format: INT, values: p.establishment },
    disability: { format: INT, values: p.disability },
    social_assistance_list: { format: INT, values: p.saList },
    job450_list: { format: INT, values: p.job450List },
    age: { format: INT, values: p.age },
    birth_region: { format: TEXT, values: codes(BIRTH_REGION_LEVELS, p.region) },
    education: { format: TEXT, values: codes(MALMO_EDUCATION_LEVELS, p.education) },
    children_0_3: { format: INT, values: optionalInt(p.children03) },
    children_4_6: { format: INT, values: optionalInt(p.children46) },
    children_7_10: { format: INT, values: optionalInt(p.children710) },
    household: { format: TEXT, values: codes(MALMO_HOUSEHOLD_LEVELS, p.household) },
    household_size: { format: INT, values: p.householdSize },
  };
  START_GROUPS.forEach((g, k) => {
    const tag = dateTag(g.referenceDate);
    cols[`pool_${g.code.toLowerCase()}`] = { format: INT, values: p.pools[k] };
    cols[`af_days_${tag}`] = { format: INT, values: p.afDays[k] };
    cols[`job_days_${tag}`] = { format: INT, values: p.jobDays[k] };
    cols[`job450_${tag}`] = { format: INT, values: Uint8Array.from(p.jobDays[k], (d) => (d >= 450 ? 1 : 0)) };
  });
  return inDictionaryOrder('persons.csv', cols);
}

function monthlyColumns(m: MonthlyResult): CsvColumnData[] {
  const cols: Record<string, Omit<CsvColumnData, 'name'>> = {};
  for (const [name, values] of Object.entries(m.columns)) cols[name] = { format: name === 'month' ? MONTH : INT, values };
  return inDictionaryOrder('monthly.csv', cols);
}

function yearlyColumns(p: Population, y: YearlyResult): CsvColumnData[] {
  const rows = p.n * y.years;
  const cols: Record<string, Omit<CsvColumnData, 'name'>> = {
    id: { format: INT, values: Int32Array.from({ length: rows }, (_, r) => Math.floor(r / y.years) + 1) },
    year: { format: INT, values: Int32Array.from({ length: rows }, (_, r) => MALMO_FIRST_YEAR + (r % y.years)) },
  };
  for (const [name, values] of Object.entries(y.columns)) cols[name] = { format: name.startsWith('share_') ? fixed(4) : INT, values };
  return inDictionaryOrder('yearly.csv', cols);
}

export interface OutcomeTruth extends DidTruth {
  file: 'monthly.csv' | 'yearly.csv';
  /** `overall` over G1, G2, G4 and G5 only, for models that cannot estimate G3 (R23 "a"). */
  overall_without_g3: number;
  /** θ per start group G1…G5 (for monthly outcomes the same as by_group). */
  by_start_group: Record<string, number>;
}

export interface MalmokraftenTruth {
  study: 'malmokraften';
  definitions: Record<string, string>;
  groups: { code: string; start: string; first_meeting_months: string[]; n: number }[];
  outcomes: Record<string, OutcomeTruth>;
}

const DEFINITIONS = {
  effect:
    'ATT(g,t) = mean over the members of start group g of Y_t(1) − Y_t(0), from the two potential outcomes the generator draws for every participant with shared random numbers (a sample ATT, exact for these data).',
  start:
    "A start group's coded start g is its month 0, the group's middle month (start_month in persons.csv: G1 2018-04, G2 2018-10, G3 2018-12, G4 2019-03, G5 2019-05), as in R23. Effects begin the month after a person's own first meeting, so every cell before g (the base period g − 1 included) has a true effect of exactly 0.",
  overall:
    'overall = Σ_g n_g θ_g / Σ_g n_g with θ_g (by_group) = mean of ATT(g,t) over t = g … end of data (monthly: Jul 2022; yearly: 2020): R did aggte(type = "group") with never-treated controls, i.e. the "average effect, all" row of R23 Tables B12–B17 and its per-group rows.',
  overall_without_g3: 'overall_without_g3: the same over G1, G2, G4, G5 only.',
  simple: 'simple = Σ_{g, t ≥ g} n_g ATT(g,t) / Σ_{g, t ≥ g} n_g: aggte(type = "simple").',
  dynamic:
    'by_event_time: θ(e) = Σ_g n_g ATT(g, g+e) / Σ_g n_g over the groups observed at g+e (aggte type "dynamic", unbalanced in e; pre-period cells are 0); dynamic_post_average = mean of θ(e) over e ≥ 0.',
  yearly:
    "Yearly outcomes (yearly.csv, 2013–2020): periods are years and each group's coded start is its start year, so G1–G3 form the 2018 cohort and G4–G5 the 2019 cohort (by_group is keyed by cohort); by_start_group gives θ for each start group on its own against the never-treated (mean over its start year … 2020).",
};

const MONTH_GROUP = new Map(START_GROUPS.map((g) => [g.start, g.code]));

function unitStart(p: Population, yearly: boolean): Float64Array {
  return Float64Array.from(p.group, (g) => (g < 0 ? Infinity : yearly ? Math.floor(START_GROUPS[g].start / 12) : START_GROUPS[g].start));
}

function outcomeTruth(p: Population, file: OutcomeTruth['file'], periods: Int32Array, tau: Float64Array): OutcomeTruth {
  const yearly = file === 'yearly.csv';
  const input = { periods, unitStart: unitStart(p, yearly), minEventTime: -(periods.length - 1) };
  const label = (x: number) => (yearly ? String(x) : (MONTH_GROUP.get(x) ?? formatMonth(x)));
  const inGroups = (keep: (g: number) => boolean) => Uint8Array.from(p.group, (g) => (g < 0 || keep(g) ? 1 : 0));
  const all = didTruth(input, tau, label);
  const withoutG3 = didTruth({ ...input, mask: inGroups((g) => START_GROUPS[g].code !== 'G3') }, tau, label);
  const byStart = yearly
    ? Object.fromEntries(START_GROUPS.map((sg, k) => [sg.code, didTruth({ ...input, mask: inGroups((g) => g === k) }, tau, label).overall]))
    : all.by_group;
  return { file, ...all, overall_without_g3: withoutG3.overall, by_start_group: byStart };
}

export function buildTruth(p: Population, m: MonthlyResult, y: YearlyResult): MalmokraftenTruth {
  const months = Int32Array.from({ length: N_MONTHS }, (_, t) => MALMO_FIRST_MONTH + t);
  const years = Int32Array.from({ length: y.years }, (_, j) => MALMO_FIRST_YEAR + j);
  const outcomes: Record<string, OutcomeTruth> = {};
  for (const o of MONTHLY_TRUTH_OUTCOMES) outcomes[o] = outcomeTruth(p, 'monthly.csv', months, m.tau[o]);
  for (const o of YEARLY_TRUTH_OUTCOMES) outcomes[o] = outcomeTruth(p, 'yearly.csv', years, y.tau[o]);
  return {
    study: 'malmokraften',
    definitions: DEFINITIONS,
    groups: START_GROUPS.map((g, k) => ({
      code: g.code,
      start: formatMonth(g.start),
      first_meeting_months: Array.from({ length: g.lastMonth - g.firstMonth + 1 }, (_, j) => formatMonth(g.firstMonth + j)),
      n: p.group.reduce((a, x) => a + (x === k ? 1 : 0), 0),
    })),
    outcomes,
  };
}

/** Generates the study into `outDir` (created if needed); returns the files written. */
export async function generateMalmokraften(outDir: string, seed: number): Promise<{ files: string[] }> {
  const s = seeds(seed);
  const p = drawPopulation(s.population);
  const m = simulateMonthly(p, s.monthly);
  const y = simulateYearly(p, m.yearly, s.yearly);
  const files = [path.join(outDir, 'persons.csv'), path.join(outDir, 'monthly.csv'), path.join(outDir, 'yearly.csv'), path.join(outDir, 'truth.json')];
  writeCsvColumns(files[0], personsColumns(p));
  writeCsvColumns(files[1], monthlyColumns(m));
  writeCsvColumns(files[2], yearlyColumns(p, y));
  writeJsonAtomic(files[3], buildTruth(p, m, y));
  return { files };
}
