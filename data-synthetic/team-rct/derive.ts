/**
 * From a simulated path to the register variables of monthly.csv and yearly.csv, with the
 * consistency rules the data dictionary promises:
 * - every indicator is 1 exactly when its amount or days are positive;
 * - the nine income-source shares sum to 1, the main income source is the category above
 *   50 % (amounts of the other categories are scaled down in the rare months where no
 *   category reaches half, as Statistics Sweden's classification presumes one does);
 * - net days = gross days × extent ≤ gross days ≤ days in month;
 * - wage income 2014–2018 is the yearly sum spread evenly over the months with wage
 *   income (R24: monthly wages exist only from 2019);
 * - main income source and its shares 2014–2018 are the year's values in every month of the
 *   year (the registers hold them yearly before 2019): shares of the year's summed amounts,
 *   the main source the category above half of the year's income, or the largest where none
 *   reaches half; income_total_kr is then the year's total / 12 (the shares' base).
 */
import { INCOME_SOURCES, INCOME_SOURCE_AMOUNTS } from '../../src/data/schemas/team-rct';
import { daysInMonth } from '../sampling';
import type { Person } from './background';
import { KEEP_FIRST, MONTH_LAST, N_SIM, SIM_FIRST, type RawPath } from './simulate';

export const N_KEEP = MONTH_LAST - KEEP_FIRST + 1;

/** Monthly columns (schema names) over KEEP_FIRST..MONTH_LAST; main_income_source as index. */
export type MonthlyColumns = Record<string, Float64Array>;

const AMOUNT_OF: Record<string, keyof RawPath> = {
  wage_kr: 'wage',
  unemployment_insurance_kr: 'ui',
  programme_allowance_kr: 'programmeAllowance',
  study_aid_kr: 'studyAid',
  pension_kr: 'pension',
  sickness_benefit_kr: 'sickKr',
  rehab_benefit_kr: 'rehabKr',
  parental_benefit_kr: 'parentalKr',
  social_assistance_kr: 'socialAssistance',
};

function keep(a: Float64Array): Float64Array {
  const off = KEEP_FIRST - SIM_FIRST;
  return a.slice(off, off + N_KEEP);
}

const CATEGORIES = INCOME_SOURCES.filter((s) => s !== 'no_income') as Exclude<(typeof INCOME_SOURCES)[number], 'no_income'>[];

export function deriveMonthly(p: Person, raw: RawPath): MonthlyColumns {
  if (raw.wage.length !== N_SIM) throw new Error('deriveMonthly: path has the wrong length');
  const n = N_KEEP;
  const c: MonthlyColumns = {};
  for (const [name, key] of Object.entries(AMOUNT_OF)) c[name] = keep(raw[key]);
  // Sickness and activity compensation come from one long-term benefit spell.
  const ltKr = keep(raw.ltKr);
  const ltGross = keep(raw.ltGross);
  const ltDeg = keep(raw.ltDegree);
  const isAe = keep(raw.ltIsActivity);
  c.sickness_comp_kr = ltKr.map((x, i) => (isAe[i] ? 0 : x));
  c.activity_comp_kr = ltKr.map((x, i) => (isAe[i] ? x : 0));

  // Wage 2014–2018: the year's wage spread over its months with wage (R24 Databearbetningar).
  const wage = c.wage_kr;
  for (let y = 0; y < 5; y++) {
    let sum = 0;
    let months = 0;
    for (let m = 0; m < 12; m++) {
      const x = wage[y * 12 + m];
      if (x > 0) {
        sum += x;
        months++;
      }
    }
    if (months > 0) for (let m = 0; m < 12; m++) if (wage[y * 12 + m] > 0) wage[y * 12 + m] = Math.round(sum / months);
  }

  // Main income source: enforce one category above half of the month's income.
  const total = new Float64Array(n);
  const main = new Float64Array(n);
  const shares: Record<string, Float64Array> = {};
  for (const s of INCOME_SOURCES) shares[s] = new Float64Array(n);
  const catAmount = (s: (typeof CATEGORIES)[number], i: number) => INCOME_SOURCE_AMOUNTS[s].reduce((a, col) => a + c[col][i], 0);
  for (let i = 0; i < n; i++) {
    // 2014–2018 wages are yearly averages already (above) and are left as they are.
    const wageFixed = i < 5 * 12;
    for (let attempt = 0; attempt < 6; attempt++) {
      const amounts = CATEGORIES.map((s) => catAmount(s, i));
      const tot = amounts.reduce((a, b) => a + b, 0);
      if (tot === 0) break;
      let top = 0;
      for (let j = 1; j < amounts.length; j++) if (amounts[j] > amounts[top]) top = j;
      if (amounts[top] / tot > 0.5 + 1e-5) break;
      // Scale the other categories so that the top one is 55 % of the total; a fixed wage
      // (smaller than the top, else it would be the top) stays, the rest shrinks. A fixed
      // wage too close to the top for that becomes the main source itself.
      const workIdx = CATEGORIES.indexOf('work');
      if (wageFixed && top !== workIdx && c.wage_kr[i] >= amounts[top] * (1 / 0.55 - 1)) top = workIdx;
      const fixedWage = wageFixed && top !== workIdx ? c.wage_kr[i] : 0;
      const scalable = tot - amounts[top] - fixedWage;
      const factor = Math.max(0, amounts[top] * (1 / 0.55 - 1) - fixedWage) / scalable;
      CATEGORIES.forEach((s, j) => {
        if (j === top || (s === 'work' && fixedWage > 0)) return;
        for (const col of INCOME_SOURCE_AMOUNTS[s]) {
          const x = c[col][i];
          if (x > 0) c[col][i] = Math.max(1, Math.round(x * factor));
        }
      });
    }
    const amounts = CATEGORIES.map((s) => catAmount(s, i));
    const tot = amounts.reduce((a, b) => a + b, 0);
    total[i] = tot;
    if (tot === 0) {
      main[i] = INCOME_SOURCES.indexOf('no_income');
      shares.no_income[i] = 1;
      continue;
    }
    let top = 0;
    for (let j = 1; j < amounts.length; j++) if (amounts[j] > amounts[top]) top = j;
    if (!(amounts[top] / tot > 0.5)) throw new Error(`deriveMonthly: person ${p.id} month ${i}: no category above half`);
    main[i] = INCOME_SOURCES.indexOf(CATEGORIES[top]);
    CATEGORIES.forEach((s, j) => (shares[s][i] = amounts[j] / tot));
  }
  // 2014–2018: yearly main income source and shares, the same in each month of the year.
  for (let y = 0; y < 5; y++) {
    const yearAmounts = CATEGORIES.map((s) => {
      let a = 0;
      for (let m = 0; m < 12; m++) a += catAmount(s, y * 12 + m);
      return a;
    });
    const yearTotal = yearAmounts.reduce((a, b) => a + b, 0);
    let top = 0;
    for (let j = 1; j < yearAmounts.length; j++) if (yearAmounts[j] > yearAmounts[top]) top = j;
    for (let m = 0; m < 12; m++) {
      const i = y * 12 + m;
      // The base of the year's shares, per month.
      total[i] = yearTotal / 12;
      for (const s of INCOME_SOURCES) shares[s][i] = 0;
      if (yearTotal === 0) {
        main[i] = INCOME_SOURCES.indexOf('no_income');
        shares.no_income[i] = 1;
      } else {
        main[i] = INCOME_SOURCES.indexOf(CATEGORIES[top]);
        CATEGORIES.forEach((s, j) => (shares[s][i] = yearAmounts[j] / yearTotal));
      }
    }
  }
  // The scaled amounts changed the category totals; the long-term split follows its parts.
  c.income_total_kr = total;
  c.main_income_source = main;
  for (const s of INCOME_SOURCES) {
    c[`mis_${s}`] = main.map((m) => (INCOME_SOURCES[m] === s ? 1 : 0));
    c[`mis_share_${s}`] = shares[s];
  }

  const ind = (a: Float64Array) => a.map((x) => (x > 0 ? 1 : 0));
  c.wage = ind(c.wage_kr);
  c.subsidised_days = keep(raw.subsidisedDays);
  c.newstart_days = keep(raw.newstartDays);
  c.subsidised_or_newstart = c.subsidised_days.map((x, i) => (x + c.newstart_days[i] > 0 ? 1 : 0));
  c.unemployed_days = keep(raw.unemployedDays);
  c.programme_days = keep(raw.programmeDays);
  const other = keep(raw.otherRegisteredDays);
  c.af_registered_days = c.unemployed_days.map((x, i) => x + c.programme_days[i] + c.subsidised_days[i] + c.newstart_days[i] + other[i]);
  c.unemployed_or_programme = c.unemployed_days.map((x, i) => (x + c.programme_days[i] > 0 ? 1 : 0));
  c.municipal_programme = keep(raw.municipal);
  c.labour_market_programme = c.programme_days.map((x, i) => (x > 0 || c.municipal_programme[i] > 0 ? 1 : 0));
  c.studies = ind(c.study_aid_kr);

  const sickGross = keep(raw.sickGross);
  const sickDeg = keep(raw.sickDegree);
  c.sickness_benefit_gross_days = sickGross;
  c.sickness_benefit_net_days = sickGross.map((g, i) => g * sickDeg[i]);
  c.sickness_benefit_extent = sickGross.map((g, i) => (g > 0 ? sickDeg[i] : 0));
  c.rehab_benefit_gross_days = keep(raw.rehabGross);
  c.rehab_benefit_net_days = c.rehab_benefit_gross_days.slice();
  c.sickness_comp_gross_days = ltGross.map((g, i) => (isAe[i] ? 0 : g));
  c.sickness_comp_net_days = ltGross.map((g, i) => (isAe[i] ? 0 : g * ltDeg[i]));
  c.activity_comp_gross_days = ltGross.map((g, i) => (isAe[i] ? g : 0));
  c.activity_comp_net_days = ltGross.map((g, i) => (isAe[i] ? g * ltDeg[i] : 0));
  c.sa_extent = ltGross.map((g, i) => (g > 0 ? ltDeg[i] : 0));
  c.sickness_insurance_net_days = c.sickness_benefit_net_days.map((x, i) => x + c.rehab_benefit_net_days[i]);
  c.sickness_insurance_gross_days = sickGross.map((x, i) => x + c.rehab_benefit_gross_days[i]);
  c.parental_benefit_net_days = keep(raw.parentalDays);
  c.fk_total_kr = c.sickness_benefit_kr.map(
    (x, i) => x + c.rehab_benefit_kr[i] + c.sickness_comp_kr[i] + c.activity_comp_kr[i] + c.parental_benefit_kr[i],
  );
  c.social_assistance = ind(c.social_assistance_kr);
  c.sickness_related_benefit = sickGross.map((x, i) => (x + c.rehab_benefit_gross_days[i] + ltGross[i] > 0 ? 1 : 0));
  c.public_support = c.social_assistance.map((x, i) => (x || c.unemployed_or_programme[i] || c.sickness_related_benefit[i] ? 1 : 0));
  // Indicators of amounts that the scaling could have changed stay consistent (min 1 kr).
  return c;
}

export const YEARS_FIRST = 2014;
export const YEARS_LAST = 2023;

export interface YearlyColumns {
  earned_income_kr: Float64Array;
  social_income_kr: Float64Array;
  disposable_income_kr: Float64Array;
  disposable_income_cu_kr: Float64Array;
}

/** Yearly LISA-type incomes from the months of each year (2014–2023). */
export function deriveYearly(p: Person, m: MonthlyColumns): YearlyColumns {
  const ny = YEARS_LAST - YEARS_FIRST + 1;
  const out: YearlyColumns = {
    earned_income_kr: new Float64Array(ny),
    social_income_kr: new Float64Array(ny),
    disposable_income_kr: new Float64Array(ny),
    disposable_income_cu_kr: new Float64Array(ny),
  };
  const kids = p.childrenLt18 ? 1 + (p.children03 || p.children46 ? 1 : 0) : 0;
  const cu = (p.household === 'cohabiting' ? 1.51 : 1) + 0.55 * kids;
  for (let y = 0; y < ny; y++) {
    const sum = (col: string) => {
      let s = 0;
      for (let k = 0; k < 12; k++) s += m[col][y * 12 + k];
      return s;
    };
    const earned = sum('wage_kr') + p.businessIncome;
    const social =
      sum('sickness_benefit_kr') +
      sum('rehab_benefit_kr') +
      sum('sickness_comp_kr') +
      sum('activity_comp_kr') +
      sum('parental_benefit_kr') +
      sum('unemployment_insurance_kr') +
      sum('programme_allowance_kr') +
      sum('pension_kr');
    const housing = p.household === 'single' && earned + social < 150000 ? 20000 : 0;
    const childAllowance = 15000 * kids;
    const disposable = 0.8 * (earned + social) + sum('social_assistance_kr') + 0.35 * sum('study_aid_kr') + housing + childAllowance;
    out.earned_income_kr[y] = Math.round(earned);
    out.social_income_kr[y] = Math.round(social);
    out.disposable_income_kr[y] = Math.round(disposable);
    out.disposable_income_cu_kr[y] = Math.round((disposable + p.partnerIncome) / cu);
  }
  return out;
}

/** Days in each kept month (for consistency checks). */
export function keptDaysInMonth(): Int32Array {
  const d = new Int32Array(N_KEEP);
  for (let i = 0; i < N_KEEP; i++) d[i] = daysInMonth(KEEP_FIRST + i);
  return d;
}
