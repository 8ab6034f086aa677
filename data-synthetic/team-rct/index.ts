/**
 * Generates the synthetic team-rct study into a directory: persons.csv, monthly.csv,
 * yearly.csv, recruitment.csv (the files of src/data/schemas/team-rct.ts, columns in its
 * order) and truth.json (the exact DiD estimands, data-synthetic/truth.ts).
 */
import * as path from 'node:path';
import { formatMonth } from '../../src/data/panel';
import type { ColumnSpec, FileSpec } from '../../src/data/schema';
import { INCOME_SOURCES, startGroups, TEAM_RCT_START_GROUPS, teamRct } from '../../src/data/schemas/team-rct';
import { type CsvColumnData, DATE, fixed, INT, MONTH, TEXT, writeCsvColumns, writeJsonAtomic } from '../csv-writer';
import { streamRng } from '../sampling';
import { didTruth, type DidTruth } from '../truth';
import { drawBackground, type Person } from './background';
import { drawDesign, FEDERATION_CODES, REFERRAL_CODES, type Asked } from './design';
import { deriveMonthly, deriveYearly, N_KEEP, YEARS_FIRST, YEARS_LAST, type MonthlyColumns, type YearlyColumns } from './derive';
import { EFFECTS } from './effects';
import { drawUniforms, KEEP_FIRST, MONTH_FIRST, MONTH_LAST, simulatePath } from './simulate';
import { sicknessSpells } from './spells';

export const N_MONTHS = MONTH_LAST - MONTH_FIRST + 1;

/** Everything the survey generator and the tests need besides the files. */
export interface TeamRctData {
  persons: Person[];
  asked: Asked[];
  /** Observed monthly columns, months KEEP_FIRST..MONTH_LAST, per person (same order). */
  monthly: MonthlyColumns[];
  yearly: YearlyColumns[];
  truth: TeamRctTruth;
}

export interface TeamRctTruth {
  study: 'team-rct';
  seed: number;
  definition: Record<string, string>;
  start_groups: { start: string; size: number }[];
  effect_parameters: typeof EFFECTS;
  outcomes: Record<string, { all: DidTruth; women: DidTruth; men: DidTruth }>;
}

function fileSpec(name: string): FileSpec {
  const f = teamRct.files.find((x) => x.file === name);
  if (!f) throw new Error(`team-rct schema has no ${name}`);
  return f;
}

/** Number of decimals written for a column (amounts in whole kronor). */
function decimalsOf(c: ColumnSpec): number {
  if (c.unit === 'share') return 6;
  if (c.unit === 'extent') return 2;
  if (c.unit === 'days') return 2;
  return 0;
}

function formatOf(c: ColumnSpec) {
  if (c.type === 'month') return MONTH;
  if (c.type === 'date') return DATE;
  if (c.type === 'category') return TEXT;
  return c.type === 'number' ? fixed(decimalsOf(c)) : INT;
}

/** Monthly outcome columns (all numeric monthly columns but the keys and the category). */
export function monthlyOutcomeNames(): string[] {
  return fileSpec('monthly.csv')
    .columns.filter((c) => c.name !== 'id' && c.name !== 'month' && c.type !== 'category')
    .map((c) => c.name);
}

export function simulateTeamRct(seed: number): TeamRctData {
  const { asked, participants } = drawDesign(streamRng(seed, 'team-rct/design'));
  const persons = drawBackground(streamRng(seed, 'team-rct/background'), streamRng(seed, 'team-rct/traits'), participants);
  const outcomes = monthlyOutcomeNames();
  const n = persons.length;
  const tau: Record<string, Float64Array> = {};
  for (const o of outcomes) tau[o] = new Float64Array(n * N_MONTHS);
  const monthly: MonthlyColumns[] = [];
  const yearly: YearlyColumns[] = [];
  const off = MONTH_FIRST - KEEP_FIRST;
  persons.forEach((p, i) => {
    const draws = drawUniforms(streamRng(seed, `team-rct/person/${p.id}`));
    const y0 = deriveMonthly(p, simulatePath(p, draws, Infinity));
    const y1 = deriveMonthly(p, simulatePath(p, draws, p.firstMeetingMonth));
    for (const o of outcomes) {
      const t = tau[o];
      const a = y1[o];
      const b = y0[o];
      for (let k = 0; k < N_MONTHS; k++) t[i * N_MONTHS + k] = a[off + k] - b[off + k];
    }
    monthly.push(y1);
    yearly.push(deriveYearly(p, y1));
  });
  const truth = computeTruth(seed, persons, tau, outcomes);
  return { persons, asked, monthly, yearly, truth };
}

function computeTruth(seed: number, persons: Person[], tau: Record<string, Float64Array>, outcomes: string[]): TeamRctTruth {
  const groups = startGroups(
    persons.map((p) => p.firstMeetingMonth),
    TEAM_RCT_START_GROUPS,
  );
  const periods = Int32Array.from({ length: N_MONTHS }, (_, k) => MONTH_FIRST + k);
  const women = persons.map((p) => (p.woman ? 1 : 0));
  const men = persons.map((p) => (p.woman ? 0 : 1));
  const result: TeamRctTruth['outcomes'] = {};
  for (const o of outcomes) {
    const base = { periods, unitStart: groups.unitStart };
    result[o] = {
      all: didTruth(base, tau[o], formatMonth),
      women: didTruth({ ...base, mask: women }, tau[o], formatMonth),
      men: didTruth({ ...base, mask: men }, tau[o], formatMonth),
    };
  }
  return {
    study: 'team-rct',
    seed,
    definition: {
      effect: 'tau_it = Y_it(1) - Y_it(0): the same person-month with and without the team from the first-meeting month, both paths sharing every random draw (exactly 0 before the first meeting).',
      start_groups: `startGroups(first_meeting_month, ${TEAM_RCT_START_GROUPS}) of src/data/schemas/team-rct.ts on all 541 persons: nearly equal groups by first-meeting month; a group's coded start g is its earliest month; the last group only serves as not-yet-treated control. Subsamples (women, men) keep these groups.`,
      cells: 'ATT(g,t) = mean of tau over the units of group g at month t; post cells are t >= g with t before the last group start (some unit still untreated), months Jan 2015 - Apr 2024.',
      overall: 'Group aggregation (did::aggte type "group"; the R24 headline of Tables 1-9): theta(g) = mean of ATT(g,t) over the post cells of g; overall = sum_g n_g theta(g) / sum_g n_g.',
      simple: 'did::aggte type "simple": post cells weighted by group size.',
      by_event_time: 'did::aggte type "dynamic": theta(e) = sum_g n_g ATT(g,g+e) / sum_g n_g over groups with that cell; e < 0 are exactly 0; listed from e = -40.',
      dynamic_post_average: 'Mean of theta(e) over e >= 0 (the "after" rows of R24 Tables B8-B16; "before" is exactly 0).',
      models: 'Model 2 (Jan 2019 - Dec 2022) and Model 3 (covariates) target the same estimands: all post cells end before the last group starts (early 2022).',
      by_group_keys: 'coded start month of the group (YYYY-MM)',
    },
    start_groups: Array.from(groups.groupStart).map((g, j) => ({ start: formatMonth(g), size: groups.size[j] })),
    effect_parameters: EFFECTS,
    outcomes: result,
  };
}

function columnData(f: FileSpec, values: Record<string, CsvColumnData['values']>): CsvColumnData[] {
  const names = Object.keys(values);
  const expected = f.columns.map((c) => c.name);
  const missing = expected.filter((c) => !names.includes(c));
  const extra = names.filter((c) => !expected.includes(c));
  if (missing.length || extra.length) throw new Error(`${f.file}: missing ${missing.join(', ') || '-'}; not in schema ${extra.join(', ') || '-'}`);
  return f.columns.map((c) => ({ name: c.name, format: formatOf(c), values: values[c.name] }));
}

export function writeTeamRct(data: TeamRctData, outDir: string): { file: string; rows: number; bytes: number }[] {
  const { persons, asked, monthly, yearly } = data;
  const written: { file: string; rows: number; bytes: number }[] = [];
  const put = (name: string, values: Record<string, CsvColumnData['values']>) => {
    const file = path.join(outDir, name);
    written.push({ file, ...writeCsvColumns(file, columnData(fileSpec(name), values)) });
  };
  const pick = <T>(f: (p: Person) => T) => persons.map(f);
  put('persons.csv', {
    id: pick((p) => p.id),
    arm: pick((p) => p.arm),
    woman: pick((p) => (p.woman ? 1 : 0)),
    birth_year: pick((p) => p.birthYear),
    foreign_born: pick((p) => (p.foreignBorn ? 1 : 0)),
    foreign_background: pick((p) => (p.foreignBackground ? 1 : 0)),
    foreign_background_scb: pick((p) => (p.foreignBackgroundScb ? 1 : 0)),
    education: pick((p) => p.education),
    marital_status: pick((p) => p.marital),
    household: pick((p) => p.household),
    children_0_3: pick((p) => (p.children03 ? 1 : 0)),
    children_4_6: pick((p) => (p.children46 ? 1 : 0)),
    children_lt18: pick((p) => (p.childrenLt18 ? 1 : 0)),
    federation: pick((p) => FEDERATION_CODES[p.federation]),
    referral_source: pick((p) => REFERRAL_CODES[p.referral]),
    consent_month: pick((p) => p.consentMonth),
    first_meeting_month: pick((p) => p.firstMeetingMonth),
    af_days_1992_2014: pick((p) => p.afDays1992to2014),
  });

  const n = persons.length;
  const off = MONTH_FIRST - KEEP_FIRST;
  const mcols: Record<string, CsvColumnData['values']> = {};
  const ids = new Int32Array(n * N_MONTHS);
  const months = new Int32Array(n * N_MONTHS);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < N_MONTHS; k++) {
      ids[i * N_MONTHS + k] = persons[i].id;
      months[i * N_MONTHS + k] = MONTH_FIRST + k;
    }
  mcols.id = ids;
  mcols.month = months;
  for (const o of monthlyOutcomeNames()) {
    const a = new Float64Array(n * N_MONTHS);
    for (let i = 0; i < n; i++) a.set(monthly[i][o].subarray(off, off + N_MONTHS), i * N_MONTHS);
    mcols[o] = a;
  }
  const mis: string[] = new Array(n * N_MONTHS);
  for (let i = 0; i < n; i++) for (let k = 0; k < N_MONTHS; k++) mis[i * N_MONTHS + k] = INCOME_SOURCES[monthly[i].main_income_source[off + k]];
  mcols.main_income_source = mis;
  put('monthly.csv', mcols);

  const ny = YEARS_LAST - YEARS_FIRST + 1;
  const ycols: Record<string, CsvColumnData['values']> = {
    id: Int32Array.from({ length: n * ny }, (_, r) => persons[Math.floor(r / ny)].id),
    year: Int32Array.from({ length: n * ny }, (_, r) => YEARS_FIRST + (r % ny)),
  };
  for (const key of ['earned_income_kr', 'social_income_kr', 'disposable_income_kr', 'disposable_income_cu_kr'] as const) {
    const a = new Float64Array(n * ny);
    for (let i = 0; i < n; i++) a.set(yearly[i][key], i * ny);
    ycols[key] = a;
  }
  put('yearly.csv', ycols);

  // Försäkringskassan's sickness spells, one row per spell (first and last day).
  const spellIds: number[] = [];
  const spellNo: number[] = [];
  const spellStart: number[] = [];
  const spellEnd: number[] = [];
  persons.forEach((p, i) =>
    sicknessSpells(monthly[i]).forEach((sp, k) => {
      spellIds.push(p.id);
      spellNo.push(k + 1);
      spellStart.push(sp.start);
      spellEnd.push(sp.end);
    }),
  );
  put('sickness_spells.csv', { id: spellIds, spell: spellNo, spell_start: Float64Array.from(spellStart), spell_end: Float64Array.from(spellEnd) });

  const log = asked.slice().sort((a, b) => a.askedMonth - b.askedMonth || a.id - b.id);
  put('recruitment.csv', {
    id: log.map((a) => a.id),
    asked_month: log.map((a) => a.askedMonth),
    federation: log.map((a) => FEDERATION_CODES[a.federation]),
    referral_source: log.map((a) => REFERRAL_CODES[a.referral]),
    woman: log.map((a) => (a.woman ? 1 : 0)),
    birth_year: log.map((a) => a.birthYear),
    consented: log.map((a) => (a.consented ? 1 : 0)),
    in_registers: log.map((a) => (a.inRegisters ? 1 : 0)),
  });

  const truthFile = path.join(outDir, 'truth.json');
  writeJsonAtomic(truthFile, data.truth);
  written.push({ file: truthFile, rows: 0, bytes: 0 });
  return written;
}

export function generateTeamRct(outDir: string, seed: number): TeamRctData {
  const data = simulateTeamRct(seed);
  writeTeamRct(data, outDir);
  return data;
}

export { N_KEEP };
