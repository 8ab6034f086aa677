/**
 * Calibration report: the published figures the synthetic team data aim at, next to the
 * values measured on the generated data (same definitions as far as the reports give them).
 *
 *   node -r tsx/cjs data-synthetic/calibration.ts [--seed N]    prints a Markdown table
 *
 * Definitions used here: "year before referral" = the 12 months before the consent month
 * (yearly LISA variables: the calendar year before the consent year); "2015 to the first
 * meeting" = Jan 2015 up to the month before the first meeting; "at start" = consent month.
 */
import { monthCode } from '../src/data/panel';
import { DEFAULT_SEED } from './main';
import { simulateTeamRct, type TeamRctData } from './team-rct';
import { YEARS_FIRST } from './team-rct/derive';
import { KEEP_FIRST } from './team-rct/simulate';

export interface CalibrationRow {
  source: string;
  figure: string;
  published: number;
  achieved: number;
  /** Tolerance used by the calibration test (absolute). */
  tolerance: number;
}

/**
 * R24's Model 1 (Tables 1-9: long follow-up, all / men / women), the targets for the true
 * effects in truth.json and for the standard errors of the doubly robust staggered DiD on
 * the synthetic data (data-synthetic/check-recovery.ts). Calibration targets only: src/ and
 * the notebooks never use them.
 */
export const R24_MODEL1: Record<string, { label: string; att: number; se: number; women: number; men: number }> = {
  wage_kr: { label: 'wage income, kr/month', att: 1014.2, se: 267.5, women: 1361.1, men: 763.3 },
  wage: { label: 'has wage income', att: 0.0259, se: 0.0153, women: 0.0458, men: 0.0102 },
  mis_work: { label: 'work main income source', att: 0.0348, se: 0.0133, women: 0.0518, men: 0.018 },
  subsidised_or_newstart: { label: 'subsidised or new-start job', att: 0.0172, se: 0.00623, women: 0.021, men: 0.025 },
  mis_studies: { label: 'studies main income source', att: 0.0203, se: 0.00686, women: 0.022, men: 0.029 },
  social_assistance_kr: { label: 'social assistance, kr/month', att: -456.5, se: 127.4, women: -166, men: -702 },
  social_assistance: { label: 'social assistance indicator', att: -0.0456, se: 0.0168, women: -0.007, men: -0.094 },
  sickness_benefit_net_days: { label: 'sickness benefit, net days', att: -0.788, se: 0.331, women: -0.95, men: -0.65 },
  public_support: { label: 'public support', att: -0.0523, se: 0.0159, women: -0.044, men: -0.081 },
};

export function measureTeamRct(d: TeamRctData): CalibrationRow[] {
  const P = d.persons;
  const n = P.length;
  const k = (y: number, m: number) => monthCode(y, m) - KEEP_FIRST;
  const col = (i: number, c: string) => d.monthly[i][c];
  const meanPM = (c: string, from: number, to: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) for (let t = from; t <= to; t++) s += col(i, c)[t];
    return s / (n * (to - from + 1));
  };
  /** Per person: sum (or any > 0) over a window relative to the person. */
  const perPerson = (c: string, window: (i: number) => [number, number], how: 'sum' | 'any') =>
    P.map((_, i) => {
      const [a, b] = window(i);
      let s = 0;
      for (let t = a; t <= b; t++) s += col(i, c)[t];
      return how === 'any' ? (s > 0 ? 1 : 0) : s;
    });
  const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
  const yb = (i: number): [number, number] => [P[i].consentMonth - KEEP_FIRST - 12, P[i].consentMonth - KEEP_FIRST - 1];
  const hist = (i: number): [number, number] => [k(2015, 1), P[i].firstMeetingMonth - KEEP_FIRST - 1];
  const ybSum = (c: string) => mean(perPerson(c, yb, 'sum'));
  const ybAny = (c: string) => 100 * mean(perPerson(c, yb, 'any'));
  const ybYear = (key: 'earned_income_kr' | 'social_income_kr' | 'disposable_income_kr' | 'disposable_income_cu_kr') =>
    mean(P.map((p, i) => d.yearly[i][key][Math.floor(p.consentMonth / 12) - 1 - YEARS_FIRST]));
  const histRows = (c: string, label: string, pub: [number, number, number]): CalibrationRow[] => {
    const v = perPerson(c, hist, 'sum');
    const ever = v.filter((x) => x > 0);
    return [
      { source: 'R24 B4', figure: `${label}, all`, published: pub[0], achieved: mean(v), tolerance: pub[0] * 0.4 },
      { source: 'R24 B4', figure: `${label}, among those ever`, published: pub[1], achieved: ever.length ? mean(ever) : 0, tolerance: pub[1] * 0.4 },
      { source: 'R24 B4', figure: `${label}, share ever (%)`, published: pub[2], achieved: (100 * ever.length) / n, tolerance: 15 },
    ];
  };
  const share = (f: (p: (typeof P)[number]) => boolean) => (100 * P.filter(f).length) / n;
  const age2020 = P.map((p) => 2020 - p.birthYear);
  const y2020: [number, number] = [k(2020, 1), k(2020, 12)];
  const atStart = (c: string) => (100 * P.filter((p, i) => col(i, c)[p.consentMonth - KEEP_FIRST] > 0).length) / n;
  const rows: CalibrationRow[] = [
    { source: 'R24 3.3.1', figure: 'Wage income, kr/month, Aug 2018 – Jul 2019', published: 1990, achieved: meanPM('wage_kr', k(2018, 8), k(2019, 7)), tolerance: 600 },
    { source: 'R24 3.3.1', figure: 'Has wage income (%), Aug 2018 – Jul 2019', published: 12, achieved: 100 * meanPM('wage', k(2018, 8), k(2019, 7)), tolerance: 4 },
    { source: 'R24 3.3.1', figure: 'Has wage income (%), 2023', published: 24, achieved: 100 * meanPM('wage', k(2023, 1), k(2023, 12)), tolerance: 8 },
    { source: 'R24 3.4', figure: 'Studies main income source (%), Aug 2018 – Jul 2019', published: 6, achieved: 100 * meanPM('mis_studies', k(2018, 8), k(2019, 7)), tolerance: 4 },
    { source: 'R24 B1', figure: 'Woman (%)', published: 59, achieved: share((p) => p.woman), tolerance: 1 },
    { source: 'R24 B1', figure: 'Foreign born (%)', published: 38, achieved: share((p) => p.foreignBorn), tolerance: 6 },
    { source: 'R24 B1', figure: 'Age under 30 in 2020 (%)', published: 26, achieved: (100 * age2020.filter((a) => a < 30).length) / n, tolerance: 6 },
    { source: 'R24 B1', figure: 'Age 45–59 in 2020 (%)', published: 37, achieved: (100 * age2020.filter((a) => a >= 45 && a < 60).length) / n, tolerance: 6 },
    { source: 'R24 B1', figure: 'Mean age 2020', published: 40, achieved: mean(age2020), tolerance: 2 },
    { source: 'R24 B1', figure: 'Pre-upper-secondary education (%)', published: 36, achieved: share((p) => p.education.startsWith('primary')), tolerance: 6 },
    { source: 'R24 B1', figure: 'Married (%)', published: 13, achieved: share((p) => p.marital === 'married'), tolerance: 5 },
  ];
  const mis: [string, string, number][] = [
    ['work', 'work', 6],
    ['unemployment', 'unemployment', 6],
    ['studies', 'studies', 3],
    ['longterm_illness', 'long-term illness', 7],
    ['sickness', 'sickness', 21],
    ['economic_assistance', 'social assistance', 52],
    ['no_income', 'no income', 3],
  ];
  for (const [c, label, pub] of mis)
    rows.push({ source: 'R24 B1', figure: `Main income source ${label} (%), person-months 2020`, published: pub, achieved: 100 * meanPM(`mis_${c}`, ...y2020), tolerance: Math.max(5, pub * 0.3) });
  rows.push(
    { source: 'R24 B3', figure: 'Foreign background (%)', published: 52, achieved: share((p) => p.foreignBackground), tolerance: 7 },
    { source: 'R24 B3', figure: 'Married/cohabiting (%)', published: 24, achieved: share((p) => p.household === 'cohabiting'), tolerance: 6 },
    { source: 'R24 B3', figure: 'Children at home under 18 (%)', published: 25, achieved: share((p) => p.childrenLt18), tolerance: 6 },
    { source: 'R24 B3', figure: 'Studies in the year before referral (%)', published: 14, achieved: ybAny('studies'), tolerance: 7 },
    { source: 'R24 B3', figure: 'Earned income, kr/year (year before)', published: 32206, achieved: ybYear('earned_income_kr'), tolerance: 15000 },
    { source: 'R24 B3', figure: 'Social income, kr/year (year before)', published: 58596, achieved: ybYear('social_income_kr'), tolerance: 20000 },
    { source: 'R24 B3', figure: 'Disposable income, kr/year (year before)', published: 130768, achieved: ybYear('disposable_income_kr'), tolerance: 30000 },
    { source: 'R24 B3', figure: 'Disposable income per consumption unit (year before)', published: 158245, achieved: ybYear('disposable_income_cu_kr'), tolerance: 40000 },
    { source: 'R24 B3', figure: 'Sickness benefit, kr (year before)', published: 36163, achieved: ybSum('sickness_benefit_kr'), tolerance: 15000 },
    { source: 'R24 B3', figure: 'Sickness benefit, gross days (year before)', published: 72, achieved: ybSum('sickness_benefit_gross_days'), tolerance: 30 },
    { source: 'R24 B3', figure: 'Sickness benefit, net days (year before)', published: 69, achieved: ybSum('sickness_benefit_net_days'), tolerance: 30 },
    { source: 'R24 B5', figure: 'Activity compensation, kr (year before)', published: 6161, achieved: ybSum('activity_comp_kr'), tolerance: 3500 },
    { source: 'R24 B5', figure: 'Activity compensation, gross days (year before)', published: 23, achieved: ybSum('activity_comp_gross_days'), tolerance: 12 },
    { source: 'R24 B5', figure: 'Sickness compensation, kr (year before)', published: 910, achieved: ybSum('sickness_comp_kr'), tolerance: 1500 },
    { source: 'R24 B5', figure: 'Sickness compensation, gross days (year before)', published: 3, achieved: ybSum('sickness_comp_gross_days'), tolerance: 5 },
    { source: 'R24 B3', figure: 'Social assistance, kr (year before)', published: 43858, achieved: ybSum('social_assistance_kr'), tolerance: 15000 },
    { source: 'R24 B3', figure: 'Social assistance in the year before (%)', published: 60, achieved: ybAny('social_assistance'), tolerance: 20 },
    { source: 'R24 B3', figure: 'Parental benefit, kr (year before)', published: 165, achieved: ybSum('parental_benefit_kr'), tolerance: 300 },
    { source: 'R24 B3', figure: 'Days openly unemployed (year before)', published: 59, achieved: ybSum('unemployed_days'), tolerance: 25 },
    { source: 'R24 B3', figure: 'Days in programme (year before)', published: 31, achieved: ybSum('programme_days'), tolerance: 15 },
    { source: 'R24 B3', figure: 'Days in subsidised employment (year before)', published: 11, achieved: ybSum('subsidised_days'), tolerance: 8 },
    { source: 'R24 B3', figure: 'Days in new-start job (year before)', published: 1.6, achieved: ybSum('newstart_days'), tolerance: 4 },
    { source: 'R24 B3', figure: 'Unemployment insurance, kr (year before)', published: 1626, achieved: ybSum('unemployment_insurance_kr'), tolerance: 2500 },
    { source: 'R24 B3', figure: 'Programme allowances, kr (year before)', published: 6209, achieved: ybSum('programme_allowance_kr'), tolerance: 4000 },
    { source: 'R24 B3', figure: 'Days at Arbetsförmedlingen 1992 – Jan 2015', published: 1459.6, achieved: mean(P.map((p) => p.afDays1992to2014)), tolerance: 500 },
    {
      source: 'R24 B3',
      figure: 'Days at Arbetsförmedlingen 1992 – first meeting',
      published: 2232.4,
      achieved: mean(P.map((p, i) => p.afDays1992to2014 + perPerson('af_registered_days', hist, 'sum')[i])),
      tolerance: 600,
    },
    ...histRows('af_registered_days', 'Days registered at Arbetsförmedlingen 2015 – first meeting', [775, 977, 79]),
    // Sjukfall: days of Försäkringskassan's spells (sickness and rehabilitation benefit in a row), as sickness_spells.csv records them.
    ...histRows('sickness_insurance_gross_days', 'Days in sickness spells 2015 – first meeting', [344, 916, 38]),
  );
  // SA days: sickness plus activity compensation.
  const saDays = P.map((_, i) => {
    const [a, b] = hist(i);
    let s = 0;
    for (let t = a; t <= b; t++) s += col(i, 'sickness_comp_gross_days')[t] + col(i, 'activity_comp_gross_days')[t];
    return s;
  });
  const saEver = saDays.filter((x) => x > 0);
  rows.push(
    { source: 'R24 B4', figure: 'Days with SA 2015 – first meeting, all', published: 132, achieved: mean(saDays), tolerance: 60 },
    { source: 'R24 B4', figure: 'Days with SA 2015 – first meeting, among those ever', published: 1167, achieved: mean(saEver), tolerance: 500 },
    { source: 'R24 B4', figure: 'Days with SA 2015 – first meeting, share ever (%)', published: 11, achieved: (100 * saEver.length) / n, tolerance: 6 },
  );
  const saMonths = P.map((_, i) => countPositive(col(i, 'social_assistance_kr'), hist(i)));
  const saMonthsEver = saMonths.filter((x) => x > 0);
  rows.push(
    { source: 'R24 B4', figure: 'Months with social assistance 2015 – first meeting, all', published: 30, achieved: mean(saMonths), tolerance: 10 },
    { source: 'R24 B4', figure: 'Months with social assistance, among those ever', published: 44, achieved: mean(saMonthsEver), tolerance: 15 },
    { source: 'R24 B4', figure: 'Months with social assistance, share ever (%)', published: 68, achieved: (100 * saMonthsEver.length) / n, tolerance: 30 },
    { source: 'R24 B2', figure: 'Public support at start (%)', published: 83, achieved: atStart('public_support'), tolerance: 12 },
    { source: 'R24 B2', figure: 'Sickness benefit or SA at start (%)', published: 22, achieved: atStart('sickness_related_benefit'), tolerance: 10 },
    { source: 'R24 B2', figure: 'Social assistance at start (%)', published: 58, achieved: atStart('social_assistance'), tolerance: 12 },
    { source: 'R24 B2', figure: 'Openly unemployed or in programme at start (%)', published: 18, achieved: atStart('unemployed_or_programme'), tolerance: 10 },
  );
  rows.push(...bySexRows(d));
  return rows.map((r) => ({ ...r, achieved: Number(r.achieved.toPrecision(4)) }));
}

/**
 * R24 Tables B6 (women, n = 320) and B7 (men, n = 221): the shares of the "all" column,
 * year before consent. Tolerance: the background is drawn with exact counts per sex
 * (team-rct/background.ts), so 0.5 percentage points (R24 rounds to whole per cent); the
 * register prevalences the simulation produces (studies, sickness benefit, activity and
 * sickness compensation, social assistance, unemployed or in a programme) are random at a
 * given seed, so two binomial standard errors of the published share at the sex's n (the
 * generator is tuned so that their mean over seeds 1–6 lies within one). Both keep the
 * counts behind the small cells, and with them what disclosure control withholds, near
 * what the real data hold.
 * Social assistance by sex is R24 B5's (57 % / 65 %): B6 and B7 print identical
 * assistance rows (47 %, 40 915 kr, p 0,24989 in both), a copy that disagrees with B5.
 */
export const R24_B6_B7: readonly { key: string; label: string; women: number; men: number; kind: 'background' | 'register'; source?: string }[] = [
  { key: 'foreign_born', label: 'Foreign born', women: 41, men: 33, kind: 'background' },
  { key: 'foreign_background', label: 'Foreign background', women: 53, men: 51, kind: 'background' },
  { key: 'edu_pre', label: 'Pre-upper-secondary education', women: 35, men: 38, kind: 'background' },
  { key: 'edu_upper', label: 'Upper-secondary education', women: 39, men: 43, kind: 'background' },
  { key: 'edu_post', label: 'Post-secondary education', women: 23, men: 18, kind: 'background' },
  { key: 'edu_missing', label: 'Education missing', women: 3, men: 0.7, kind: 'background' },
  { key: 'married', label: 'Married', women: 18, men: 7, kind: 'background' },
  { key: 'unmarried', label: 'Unmarried', women: 53, men: 78, kind: 'background' },
  { key: 'divorced', label: 'Divorced/widowed', women: 28, men: 15, kind: 'background' },
  { key: 'cohabiting', label: 'Married/cohabiting', women: 27, men: 20, kind: 'background' },
  { key: 'children_0_3', label: 'Children at home 0–3', women: 4, men: 1.8, kind: 'background' },
  { key: 'children_4_6', label: 'Children at home 4–6', women: 4, men: 3, kind: 'background' },
  { key: 'children_lt18', label: 'Children at home <18', women: 32, men: 14, kind: 'background' },
  { key: 'studies', label: 'Studies, indicator', women: 16, men: 10, kind: 'register' },
  { key: 'sb_any', label: 'Sickness benefit during the year', women: 27, men: 23, kind: 'register' },
  { key: 'ae_any', label: 'Activity compensation', women: 7, men: 6, kind: 'register' },
  { key: 'se_any', label: 'Sickness compensation', women: 0.9, men: 1, kind: 'register' },
  { key: 'fs_any', label: 'Social assistance, indicator', women: 57, men: 65, kind: 'register', source: 'R24 B5' },
  { key: 'uop_any', label: 'Openly unemployed or in a programme', women: 41, men: 48, kind: 'register' },
];

function bySexRows(d: TeamRctData): CalibrationRow[] {
  const P = d.persons;
  const yb = (i: number): [number, number] => [P[i].consentMonth - KEEP_FIRST - 12, P[i].consentMonth - KEEP_FIRST - 1];
  const any = (i: number, ...cols: string[]) => {
    const [a, b] = yb(i);
    for (const c of cols) for (let t = a; t <= b; t++) if (d.monthly[i][c][t] > 0) return true;
    return false;
  };
  const has: Record<string, (i: number) => boolean> = {
    foreign_born: (i) => P[i].foreignBorn,
    foreign_background: (i) => P[i].foreignBackground,
    edu_pre: (i) => P[i].education.startsWith('primary'),
    edu_upper: (i) => P[i].education === 'upper_secondary',
    edu_post: (i) => P[i].education === 'post_secondary',
    edu_missing: (i) => P[i].education === 'missing',
    married: (i) => P[i].marital === 'married',
    unmarried: (i) => P[i].marital === 'unmarried',
    divorced: (i) => P[i].marital === 'divorced_widowed',
    cohabiting: (i) => P[i].household === 'cohabiting',
    children_0_3: (i) => P[i].children03,
    children_4_6: (i) => P[i].children46,
    children_lt18: (i) => P[i].childrenLt18,
    studies: (i) => any(i, 'studies'),
    sb_any: (i) => any(i, 'sickness_benefit_gross_days'),
    ae_any: (i) => any(i, 'activity_comp_kr'),
    se_any: (i) => any(i, 'sickness_comp_kr'),
    fs_any: (i) => any(i, 'social_assistance'),
    uop_any: (i) => any(i, 'unemployed_or_programme'),
  };
  const rows: CalibrationRow[] = [];
  for (const sex of ['women', 'men'] as const) {
    const idx = P.map((p, i) => (p.woman === (sex === 'women') ? i : -1)).filter((i) => i >= 0);
    for (const r of R24_B6_B7) {
      const pub = r[sex];
      const se = 100 * Math.sqrt((pub / 100) * (1 - pub / 100) / idx.length);
      rows.push({
        source: r.source ?? (sex === 'women' ? 'R24 B6' : 'R24 B7'),
        figure: `${r.label} (%), ${sex}, year before consent`,
        published: pub,
        achieved: (100 * idx.filter((i) => has[r.key](i)).length) / idx.length,
        tolerance: r.kind === 'background' ? 0.5 : Number((2 * se).toFixed(2)),
      });
    }
  }
  return rows;
}

function countPositive(a: Float64Array, [from, to]: [number, number]): number {
  let c = 0;
  for (let t = from; t <= to; t++) if (a[t] > 0) c++;
  return c;
}

export function markdownTable(rows: readonly CalibrationRow[], mean?: { label: string; values: readonly number[] }): string {
  const lines = [`| source | figure | published | synthetic |${mean ? ` ${mean.label} |` : ''}`, `|---|---|---:|---:|${mean ? '---:|' : ''}`];
  rows.forEach((r, i) => lines.push(`| ${r.source} | ${r.figure} | ${r.published} | ${r.achieved} |${mean ? ` ${Number(mean.values[i].toPrecision(4))} |` : ''}`));
  return lines.join('\n');
}

if (require.main === module) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const seed = Number(arg('--seed') ?? DEFAULT_SEED);
  const rows = measureTeamRct(simulateTeamRct(seed));
  // --mean 1,2,3,4,5 adds the mean over those seeds.
  const meanSeeds = arg('--mean')?.split(',').map(Number);
  let mean: { label: string; values: number[] } | undefined;
  if (meanSeeds) {
    const runs = meanSeeds.map((s) => measureTeamRct(simulateTeamRct(s)).map((r) => r.achieved));
    mean = { label: `mean, seeds ${meanSeeds.join(', ')}`, values: rows.map((_, i) => runs.reduce((a, r) => a + r[i], 0) / runs.length) };
  }
  console.log(markdownTable(rows, mean));
}
