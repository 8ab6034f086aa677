import { describe, expect, it } from 'vitest';
import { monthCode, type Panel } from '../../src/data/panel';
import { INCOME_SOURCE_AMOUNTS, INCOME_SOURCES, teamRct } from '../../src/data/schemas/team-rct';
import type { Study } from '../../src/data/study';
import type { UnitTable } from '../../src/data/unit-table';
import { plainText } from '../../src/report/plain-text';
import { tableNumbers } from '../../src/report/numbers';
import type { ReportTable } from '../../src/report/model';
import { finsamTable, inLevels, populationTable, referralTable, yearlyMainIncomeSource, type PublishedRow } from '../../src/tables/team-rct-sample';

const EDU = ['primary_lt9', 'primary_9', 'upper_secondary', 'post_secondary', 'missing'];
const MARITAL = ['unmarried', 'married', 'divorced_widowed'];
const REFERRAL = ['social_services', 'health_care', 'forsakringskassan', 'arbetsformedlingen', 'other'];
const AMOUNT_COLUMNS = Object.values(INCOME_SOURCE_AMOUNTS).flat();
const INDICATORS = ['public_support', 'sickness_related_benefit', 'social_assistance', 'unemployed_or_programme'];

interface Person {
  birth: number;
  woman: number;
  foreignBorn: number;
  education: number; // index into EDU, NaN = empty cell
  marital: number;
  referral: number;
  consent: number; // month code
  /** Monthly amounts per column over the months given (the same every month). */
  amounts: Record<string, number>;
  /** Monthly indicators in the consent month (0 elsewhere). */
  atConsent: Record<string, number>;
  months: [number, number];
}

/** A small study in the team-rct dictionary's shape, built in memory. */
function makeStudy(people: Person[]): Study {
  const n = people.length;
  const unitIds = Float64Array.from(people, (_, i) => i + 1);
  const unitCols: Record<string, Float64Array> = {
    birth_year: Float64Array.from(people, (p) => p.birth),
    woman: Float64Array.from(people, (p) => p.woman),
    foreign_born: Float64Array.from(people, (p) => p.foreignBorn),
    education: Float64Array.from(people, (p) => p.education),
    marital_status: Float64Array.from(people, (p) => p.marital),
    referral_source: Float64Array.from(people, (p) => p.referral),
    consent_month: Float64Array.from(people, (p) => p.consent),
  };
  const levels = { education: EDU, marital_status: MARITAL, referral_source: REFERRAL };
  const rowStart = new Int32Array(n + 1);
  const rowUnit: number[] = [];
  const rowTime: number[] = [];
  const cols: Record<string, number[]> = Object.fromEntries([...AMOUNT_COLUMNS, ...INDICATORS].map((c) => [c, [] as number[]]));
  people.forEach((p, u) => {
    for (let t = p.months[0]; t <= p.months[1]; t++) {
      rowUnit.push(u);
      rowTime.push(t);
      for (const c of AMOUNT_COLUMNS) cols[c].push(p.amounts[c] ?? 0);
      for (const c of INDICATORS) cols[c].push(t === p.consent ? (p.atConsent[c] ?? 0) : 0);
    }
    rowStart[u + 1] = rowUnit.length;
  });
  const periods = Int32Array.from(new Set(rowTime)).sort();
  const monthly: Panel = {
    study: 'team-rct',
    idName: 'id',
    timeName: 'month',
    periodKind: 'month',
    nUnits: n,
    nRows: rowUnit.length,
    unitIds,
    rowStart,
    rowUnit: Int32Array.from(rowUnit),
    rowTime: Int32Array.from(rowTime),
    periods,
    rowPeriod: Int32Array.from(rowTime, (t) => periods.indexOf(t)),
    cols: Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, Float64Array.from(v)])),
    unitCols,
    levels,
  };
  const units: UnitTable = { idName: 'id', nUnits: n, unitIds, cols: unitCols, levels, source: 'persons.csv' };
  return { name: 'team-rct', schema: teamRct, dir: '/nowhere', units, tables: { persons: units }, panels: { monthly } };
}

const Y2020: [number, number] = [monthCode(2019, 12), monthCode(2020, 12)];
const base: Person = {
  birth: 1980, woman: 1, foreignBorn: 0, education: 2, marital: 0, referral: 0, consent: monthCode(2020, 3),
  amounts: {}, atConsent: {}, months: Y2020,
};
const person = (over: Partial<Person>): Person => ({ ...base, ...over });

describe('yearly main income source', () => {
  it('is the source above half of the year, else the largest; no income is its own category', () => {
    const study = makeStudy([
      person({ amounts: { wage_kr: 10000 } }),
      person({ amounts: { social_assistance_kr: 6000, wage_kr: 5000 } }),
      person({ amounts: {} }),
      person({ amounts: { sickness_benefit_kr: 4000, study_aid_kr: 3500, wage_kr: 2500 } }),
      person({ months: [monthCode(2019, 1), monthCode(2019, 12)], amounts: { wage_kr: 100 } }),
      person({ amounts: { unemployment_insurance_kr: 2000, programme_allowance_kr: 2000, wage_kr: 3000 } }),
    ]);
    const mis = yearlyMainIncomeSource(study.panels.monthly, 2020);
    const names = Array.from(mis, (m) => (Number.isNaN(m) ? 'NA' : INCOME_SOURCES[m]));
    // The last person: unemployment (insurance + allowance) 4000 of 7000 beats work's 3000.
    expect(names).toEqual(['work', 'economic_assistance', 'no_income', 'sickness', 'NA', 'unemployment']);
  });
});

describe('referral shares', () => {
  it('gives each referral source its share of all participants, one decimal', () => {
    // Five persons per unit of share, so that no source rests on fewer than 5 persons.
    const study = makeStudy([0, 0, 0, 1, 1, 2, 3, 4].flatMap((r) => Array.from({ length: 5 }, () => person({ referral: r }))));
    const t = referralTable(study);
    expect(t.id).toBe('r24-referrals');
    expect(tableNumbers(t).map((r) => [r.row, r.value])).toEqual([
      ['social_services', 3 / 8], ['health_care', 2 / 8], ['forsakringskassan', 1 / 8], ['arbetsformedlingen', 1 / 8], ['other', 1 / 8],
    ]);
    expect(plainText(t, 'sv')).toContain('37,5\u00a0%');
  });

  it('withholds a source that fewer than 5 participants came from', () => {
    const study = makeStudy([...Array.from({ length: 20 }, () => person({ referral: 0 })), person({ referral: 1 }), person({ referral: 1 })]);
    const t = referralTable(study);
    // The builder records the 2 persons; every output (numbers, text, HTML) withholds the cell.
    expect(t.rows.find((r) => r.key === 'health_care')!.cells[0]).toMatchObject({ n: 22, contributors: 2 });
    expect(tableNumbers(t).find((r) => r.row === 'health_care')?.value).toBeNull();
    expect(tableNumbers(t).find((r) => r.row === 'social_services')?.value).toBe(0.909); // 90,9 %, as printed
    expect(plainText(t, 'en')).toMatch(/\.\./);
  });
});

const cellOf = (t: ReportTable, row: string, col = 0) => t.rows.find((r) => r.key === row)!.cells[col];
const national: PublishedRow[] = [
  { key: 'woman', value: 49, unit: 'percent', year: 2020 },
  { key: 'age_mean', value: 41, unit: 'years', year: 2020 },
  { key: 'mis_work', value: 78, unit: 'percent', year: 2020 },
];

describe('R24 Table B1', () => {
  const people = [
    person({ birth: 1995, woman: 1, education: 0, amounts: { wage_kr: 9000 } }),
    person({ birth: 1980, woman: 0, education: 1, marital: 1, amounts: { social_assistance_kr: 5000 } }),
    person({ birth: 1970, woman: 1, education: NaN, marital: 2, amounts: { sickness_comp_kr: 8000 } }),
    person({ birth: 1962, woman: 1, education: 3, amounts: {} }),
    person({ birth: 1950, woman: 0, education: 2, amounts: { pension_kr: 12000 } }), // 70 in 2020: not 18–64
  ];
  const t = populationTable(makeStudy(people), national);

  it('compares participants aged 18–64 in 2020 with the published population figures', () => {
    expect(t.id).toBe('r24-tab-b1');
    expect(t.columns.map((c) => c.key)).toEqual(['participants', 'national']);
    expect(cellOf(t, 'woman')).toMatchObject({ value: 3 / 4, n: 4 });
    expect(cellOf(t, 'woman', 1)).toMatchObject({ value: 0.49 });
    expect(cellOf(t, 'age_mean')).toMatchObject({ value: (25 + 40 + 50 + 58) / 4, n: 4 });
    expect(cellOf(t, 'age_mean', 1)).toMatchObject({ value: 41 });
    expect(cellOf(t, 'age_lt30').value).toBe(1 / 4);
    expect(cellOf(t, 'age_60plus').value).toBe(0);
    // The two pre-upper-secondary levels together; an empty education cell counts as missing.
    expect(cellOf(t, 'edu_pre_upper_secondary').value).toBe(2 / 4);
    expect(cellOf(t, 'edu_missing').value).toBe(1 / 4);
    expect(cellOf(t, 'marital_divorced_widowed').value).toBe(1 / 4);
    expect(cellOf(t, 'mis_work').value).toBe(1 / 4);
    expect(cellOf(t, 'mis_longterm_illness').value).toBe(1 / 4);
    expect(cellOf(t, 'mis_no_income').value).toBe(1 / 4);
    expect(cellOf(t, 'mis_pension').value).toBe(0);
    expect(cellOf(t, 'foreign_born', 1)).toMatchObject({ value: null });
    expect(t.rows.filter((r) => r.header).map((r) => r.key)).toEqual(['age', 'education', 'marital', 'main_income_source']);
    expect(t.notes[0].en).toContain('the 4 persons');
  });

  it('withholds every participant cell when fewer than 5 persons are behind it', () => {
    expect(tableNumbers(t).filter((r) => r.column === 'participants').every((r) => r.suppressed === true)).toBe(true);
    expect(tableNumbers(t).find((r) => r.row === 'woman' && r.column === 'national')?.value).toBe(0.49);
  });
});

describe('R24 Table B2', () => {
  const finsam: PublishedRow[] = [2022, 2021, 2020].flatMap((year, k) => [
    { key: 'share_women', value: 55 - k, unit: 'percent' as const, year },
    { key: 'share_men', value: 45 + k, unit: 'percent' as const, year },
    { key: 'social_assistance', value: 36 + k, unit: 'percent' as const, year },
  ]);
  // Ten kinds of person, each twice, so that no share rests on fewer than 5 persons.
  const people = Array.from({ length: 20 }, (_, j) => j % 10).map((i) =>
    person({
      woman: i < 6 ? 1 : 0,
      birth: 1990 - i * 3,
      consent: monthCode(2020, 1 + i),
      atConsent: { social_assistance: i % 2, public_support: i < 8 ? 1 : 0 },
    }),
  );
  const t = finsamTable(makeStudy(people), finsam);

  it('sets published years beside the experiment, women and men in one cell', () => {
    expect(t.columns.map((c) => c.key)).toEqual(['finsam_2022', 'finsam_2021', 'finsam_2020', 'experiment']);
    const sex = t.rows[0];
    expect(sex.cells.map((c) => c.text?.sv)).toEqual(['55\u00a0%, 45\u00a0%', '54\u00a0%, 46\u00a0%', '53\u00a0%, 47\u00a0%', '60\u00a0%, 40\u00a0%']);
    expect(sex.cells[3].text?.en).toBe('60%, 40%');
    expect(tableNumbers(t).find((r) => r.row === 'share_women_men' && r.column === 'experiment')?.value).toBe(0.6);
  });

  it('measures public support in each person’s month of consent', () => {
    expect(cellOf(t, 'social_assistance', 3)).toMatchObject({ value: 0.5, n: 20 });
    expect(cellOf(t, 'public_support_total', 3)).toMatchObject({ value: 0.8, n: 20 });
    expect(cellOf(t, 'social_assistance', 0)).toMatchObject({ value: 0.36 });
    expect(cellOf(t, 'public_support_total', 0)).toMatchObject({ value: null });
    // Ages at consent (2020 − birth year): 30, 33, …, 57.
    expect(cellOf(t, 'age_lt30', 3).value).toBe(0);
    expect(cellOf(t, 'age_30_44', 3).value).toBe(0.5);
    expect(cellOf(t, 'age_45_59', 3).value).toBe(0.5);
  });
});

describe('inLevels', () => {
  it('marks chosen levels 1, others 0, missing NaN', () => {
    expect(Array.from(inLevels(Float64Array.from([0, 1, NaN, 2]), ['a', 'b', 'c'], ['b', 'c']))).toEqual([0, 1, NaN, 1]);
  });
});
