/**
 * Yearly income by source 2013–2020 (SCB's RAKS as R23 Table B6 groups it), as potential
 * outcomes: earned income and social assistance are the year's sums of the monthly
 * amounts; activity support follows the months in programme, unemployment insurance the
 * months openly unemployed, sickness-related income the Försäkringskassan days, so the
 * shares move with the monthly states (and with the effects on them). Treated
 * participants also spend fewer months in programmes and studies (a direct effect,
 * growing with their exposure in the year). Shares are rounded to 1/10,000 so that the
 * eight of a person-year sum to exactly 1.
 */
import { Rng } from '../../src/random/rng';
import { INCOME_SHARE_SOURCES, MALMO_FIRST_YEAR, MALMO_LAST_YEAR } from '../../src/data/schemas/malmokraften';
import { EDU, Population, REGION } from './population';
import { YearlyInputs } from './monthly';
import { lognormalFactor } from './noise';

export const YEARS = MALMO_LAST_YEAR - MALMO_FIRST_YEAR + 1;
const SOURCES = INCOME_SHARE_SOURCES.map((s) => s[0]);
type Source = (typeof SOURCES)[number];

/** Share of the months outside work and open unemployment spent in a paid programme, by year. */
const PROGRAMME_SHARE = [0.35, 0.4, 0.45, 0.55, 0.7, 0.85, 0.8, 0.75];
/** Share of openly unemployed months paid by unemployment insurance, by year. */
const INSURED_SHARE = [0.7, 0.65, 0.6, 0.55, 0.55, 0.45, 0.45, 0.55];
/** Direct effect on programme months and on study months at full exposure. */
const PROGRAMME_EFFECT = 0.03;
const STUDY_EFFECT = 0.3;
const STUDY_MONTH_KR = 9500;

export const YEARLY_TRUTH_OUTCOMES = [...SOURCES.map((s) => `share_${s}`), 'disposable_income_kr', 'income_total_kr'] as const;

export interface YearlyResult {
  years: number;
  /** Column values, row i * years + y. */
  columns: Record<string, Float64Array>;
  /** Each row's exact effect Y(1) − Y(0) (0 for controls), rows as in `columns`. */
  tau: Record<string, Float64Array>;
}

/** Rounds shares to 1/10,000 so they sum to exactly 10,000 (largest remainder). */
function roundShares(amounts: Float64Array, out: Float64Array): void {
  let total = 0;
  for (let s = 0; s < amounts.length; s++) total += amounts[s];
  const units = new Int32Array(amounts.length);
  const rem = new Float64Array(amounts.length);
  let used = 0;
  for (let s = 0; s < amounts.length; s++) {
    const exact = (amounts[s] / total) * 10000;
    units[s] = Math.floor(exact);
    rem[s] = exact - units[s];
    used += units[s];
  }
  for (let left = 10000 - used; left > 0; left--) {
    let best = 0;
    for (let s = 1; s < amounts.length; s++) if (rem[s] > rem[best]) best = s;
    units[best]++;
    rem[best] = -1;
  }
  for (let s = 0; s < amounts.length; s++) out[s] = units[s] / 10000;
}

export function simulateYearly(p: Population, inp: YearlyInputs, seed: number): YearlyResult {
  const rng = new Rng(seed);
  const Y = YEARS;
  const rows = p.n * Y;
  const columns: Record<string, Float64Array> = { disposable_income_kr: new Float64Array(rows), income_total_kr: new Float64Array(rows) };
  for (const s of SOURCES) columns[`share_${s}`] = new Float64Array(rows);
  const tau: Record<string, Float64Array> = {};
  for (const o of YEARLY_TRUTH_OUTCOMES) tau[o] = new Float64Array(rows);
  const amounts = [new Float64Array(SOURCES.length), new Float64Array(SOURCES.length)];
  const shares = [new Float64Array(SOURCES.length), new Float64Array(SOURCES.length)];
  const idx = (s: Source) => SOURCES.indexOf(s);
  const iProg = idx('programme');
  const iSa = idx('social_assistance');
  const iEarn = idx('earned');
  const iUi = idx('unemployment');
  const iSick = idx('sickness');
  const iCare = idx('care');
  const iStud = idx('studies');
  const iOther = idx('other');
  const disp = new Float64Array(2);
  const total = new Float64Array(2);

  for (let i = 0; i < p.n; i++) {
    const estab = p.establishment[i];
    const sweden = p.region[i] === REGION.sweden ? 1 : 0;
    const insured = rng.uniform() < Math.min(0.95, 0.6 * (p.saList[i] ? 0.35 : 1) * (estab ? 0.3 : 1) * (p.education[i] === EDU.post ? 1.25 : 1) * (sweden ? 1.25 : 1) * (p.disability[i] ? 0.8 : 1));
    const programmeRate = (insured ? 12500 : 4200) * lognormalFactor(rng, 0.15);
    const uiRate = insured ? 13000 * lognormalFactor(rng, 0.2) : 0;
    const kids = Math.max(0, p.children03[i]) + Math.max(0, p.children46[i]) + Math.max(0, p.children710[i]);
    const careLevel = (p.children03[i] > 0 ? 22000 : p.children46[i] > 0 ? 6000 : p.children710[i] > 0 ? 1500 : 300) * (p.woman[i] ? 1.6 : 0.6);
    const age = p.age[i];
    const studyProb = Math.min(0.5, 0.011 * (age < 35 ? 2.5 : age < 45 ? 1 : 0.4) * (sweden ? 1.2 : 1) * lognormalFactor(rng, 0.6));
    const partner = p.household[i] === 0 ? 52000 * lognormalFactor(rng, 0.5) : 0;
    const g = p.group[i];
    for (let y = 0; y < Y; y++) {
      const yi = i * inp.years + y;
      const r = i * Y + y;
      const expo = inp.exposure[yi];
      const ageY = age + (y + MALMO_FIRST_YEAR - 2017);
      const care = careLevel * lognormalFactor(rng, 0.5);
      const pension = ageY >= 61 && rng.uniform() < 0.5 ? 60000 * lognormalFactor(rng, 0.3) : p.disability[i] && rng.uniform() < 0.04 ? 30000 : 0;
      let study0 = 0;
      let study1 = 0;
      for (let mo = 0; mo < 12; mo++) {
        const u = rng.uniform();
        if (u < studyProb) study0++;
        if (u < studyProb * (1 - STUDY_EFFECT * expo)) study1++;
      }
      const progShare = PROGRAMME_SHARE[y] * lognormalFactor(rng, 0.1);
      for (let po = 0; po < 2; po++) {
        const a = amounts[po];
        const other = po ? inp.other1[yi] * (1 - PROGRAMME_EFFECT * expo) : inp.other0[yi];
        const unemployed = po ? inp.unemployed1[yi] : inp.unemployed0[yi];
        a[iProg] = programmeRate * Math.min(12, other * progShare);
        a[iSa] = po ? inp.sa1[yi] : inp.sa0[yi];
        a[iEarn] = po ? inp.earned1[yi] : inp.earned0[yi];
        a[iUi] = uiRate * unemployed * INSURED_SHARE[y];
        a[iSick] = inp.sickness[yi];
        a[iCare] = care;
        a[iStud] = STUDY_MONTH_KR * (po ? study1 : study0);
        a[iOther] = pension;
        let tot = 0;
        for (let s = 0; s < SOURCES.length; s++) tot += a[s] = Math.round(a[s]);
        // Everyone has some income in a year (R23's shares cover every person); a year with
        // none of these sources gets the basic "other" support.
        if (tot <= 0) tot += a[iOther] = 12000;
        total[po] = tot;
        roundShares(a, shares[po]);
        disp[po] = Math.round(
          0.7 * a[iEarn] + 0.8 * (a[iProg] + a[iUi] + a[iSick] + a[iCare] + a[iOther]) + 0.35 * a[iStud] + a[iSa] + 0.6 * partner + 14000 * kids + (p.household[i] === 1 ? 9000 : 0) + 45000,
        );
      }
      const po = g >= 0 ? 1 : 0;
      columns.disposable_income_kr[r] = disp[po];
      columns.income_total_kr[r] = total[po];
      for (let s = 0; s < SOURCES.length; s++) columns[`share_${SOURCES[s]}`][r] = shares[po][s];
      if (g >= 0) {
        for (let s = 0; s < SOURCES.length; s++) tau[`share_${SOURCES[s]}`][r] = shares[1][s] - shares[0][s];
        tau.disposable_income_kr[r] = disp[1] - disp[0];
        tau.income_total_kr[r] = total[1] - total[0];
      }
    }
  }
  return { years: Y, columns, tau };
}
