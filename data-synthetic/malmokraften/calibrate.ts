/**
 * Calibration report: generated levels and effects next to the published R23 figures.
 *
 *   node -r tsx/cjs data-synthetic/malmokraften/calibrate.ts [seed]
 *
 * Prints markdown tables (pasted into README.md): pre-period means for participants (T)
 * and controls (C), true effects per group against column (1), and two quick estimates,
 * unadjusted and quota-cell reweighted DiD, to show the bias the selection builds in.
 */
import { MALMO_FIRST_MONTH, START_GROUPS } from '../../src/data/schemas/malmokraften';
import { drawPopulation, Population } from './population';
import { MonthlyColumns, N_MONTHS, simulateMonthly } from './monthly';
import { PUBLISHED, T_JAN2018, T_OCT2017 } from './params';
import { cellDid, quotaCell } from './diagnostics';
import { buildTruth, seeds } from './index';
import { simulateYearly } from './yearly';

function meanBy(p: Population, treated: number, f: (i: number) => number): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < p.n; i++) {
    if (p.treated[i] !== treated) continue;
    const v = f(i);
    if (v === v) {
      s += v;
      c++;
    }
  }
  return s / c;
}

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(3));

function row(name: string, published: { C: number; T: number }, p: Population, f: (i: number) => number): string {
  return `| ${name} | ${fmt(published.C)} | ${fmt(meanBy(p, 0, f))} | ${fmt(published.T)} | ${fmt(meanBy(p, 1, f))} |`;
}

export function calibrationReport(seed: number): string {
  const s = seeds(seed);
  const p = drawPopulation(s.population);
  const m = simulateMonthly(p, s.monthly);
  const y = simulateYearly(p, m.yearly, s.yearly);
  const truth = buildTruth(p, m, y);
  const c = m.columns as MonthlyColumns & Record<string, ArrayLike<number>>;
  const at = (col: ArrayLike<number>, t: number) => (i: number) => col[i * N_MONTHS + t];
  const pub = PUBLISHED;
  const out: string[] = [];
  out.push('| variable | published C | generated C | published T | generated T |', '|---|---|---|---|---|');
  out.push(row('woman', pub.woman, p, (i) => p.woman[i]));
  out.push(row('age', pub.age, p, (i) => p.age[i]));
  out.push(row('born in Sweden', pub.bornSweden, p, (i) => +(p.region[i] === 0)));
  out.push(row('born outside Europe', pub.bornOutsideEurope, p, (i) => +(p.region[i] === 2)));
  out.push(row('compulsory < 9 years', pub.eduLt9, p, (i) => (p.education[i] < 0 ? NaN : +(p.education[i] === 0))));
  out.push(row('upper secondary', pub.eduUpperSecondary, p, (i) => (p.education[i] < 0 ? NaN : +(p.education[i] === 2))));
  out.push(row('post-secondary', pub.eduPostSecondary, p, (i) => (p.education[i] < 0 ? NaN : +(p.education[i] === 3))));
  out.push(row('children 0–3', pub.children03, p, (i) => (p.children03[i] < 0 ? NaN : p.children03[i])));
  out.push(row('children 7–10', pub.children710, p, (i) => (p.children710[i] < 0 ? NaN : p.children710[i])));
  out.push(row('married/cohabiting', pub.cohabiting, p, (i) => (p.household[i] < 0 ? NaN : +(p.household[i] === 0))));
  out.push(row('establishment programme', pub.establishment, p, (i) => p.establishment[i]));
  out.push(row('disability code', pub.disability, p, (i) => p.disability[i]));
  out.push(row('in JOB 15 Apr 2018', pub.inJob20180415, p, (i) => +(p.jobDays[0][i] > 0)));
  out.push(row('days in JOB 15 Apr 2018', pub.jobDays20180415, p, (i) => p.jobDays[0][i]));
  out.push(row('450+ days in JOB 15 Apr 2018', pub.job450_20180415, p, (i) => +(p.jobDays[0][i] >= 450)));
  out.push(row('days at AF to 15 Apr 2018', pub.afDays20180415, p, (i) => p.afDays[0][i]));
  out.push(row('social assistance, Oct 2017', pub.socialAssistanceShare, p, at(c.social_assistance, T_OCT2017)));
  out.push(row('wage kr, Oct 2017', pub.wageOct2017, p, at(c.wage_kr, T_OCT2017)));
  out.push(
    row('wage kr if > 0, Oct 2017', pub.wageIfPositive, p, (i) => {
      const v = c.wage_kr[i * N_MONTHS + T_OCT2017];
      return v > 0 ? v : NaN;
    }),
  );
  out.push(
    row('SA family kr if > 0, Oct 2017', pub.saFamilyIfPositive, p, (i) => {
      const v = c.social_assistance_family_kr[i * N_MONTHS + T_OCT2017];
      return v > 0 ? v : NaN;
    }),
  );
  out.push(
    row('SA individual kr if > 0, Oct 2017', pub.saIndividualIfPositive, p, (i) => {
      const v = c.social_assistance_kr[i * N_MONTHS + T_OCT2017];
      return v > 0 ? v : NaN;
    }),
  );
  out.push(row('N06A, Oct 2017', pub.n06aOct2017, p, (i) => +(c.n06a_ddd_days[i * N_MONTHS + T_OCT2017] > 0)));
  out.push(row('N05B, Oct 2017', pub.n05bOct2017, p, (i) => +(c.n05b_ddd_days[i * N_MONTHS + T_OCT2017] > 0)));
  out.push(row('N05C, Oct 2017', pub.n05cOct2017, p, (i) => +(c.n05c_ddd_days[i * N_MONTHS + T_OCT2017] > 0)));
  out.push(row('outpatient visit, Oct 2017', pub.outpatientOct2017, p, (i) => +(c.outpatient_visits[i * N_MONTHS + T_OCT2017] > 0)));
  out.push(row('sickness spell, Oct 2017', pub.sicknessSpellOct2017, p, (i) => +(c.sickness_spell_days[i * N_MONTHS + T_OCT2017] > 0)));
  const y2017 = 2017 - 2013;
  const ys = (name: string) => (i: number) => y.columns[name as keyof typeof y.columns][i * y.years + y2017];
  out.push(row('disposable income / 12, 2017', pub.disposableIncomeMonth, p, (i) => ys('disposable_income_kr')(i) / 12));
  out.push(row('share programme, 2017', pub.shareProgramme2017, p, ys('share_programme')));
  out.push(row('share social assistance, 2017', pub.shareSocialAssistance2017, p, ys('share_social_assistance')));
  out.push(row('share earned, 2017', pub.shareEarned2017, p, ys('share_earned')));
  out.push(row('share unemployment, 2017', pub.shareUnemployment2017, p, ys('share_unemployment')));
  out.push('', '| outcome (Jan 2018; yearly: 2018) | published C | generated C | published T | generated T |', '|---|---|---|---|---|');
  for (const [name, v] of Object.entries(pub.jan2018)) {
    const monthlyCol = c[name as keyof MonthlyColumns] as ArrayLike<number> | undefined;
    const f = monthlyCol ? at(monthlyCol, T_JAN2018) : (i: number) => y.columns[name as keyof typeof y.columns][i * y.years + 2018 - 2013];
    out.push(row(name, v, p, f));
  }
  // Effects: truth vs published, and the quick estimates.
  out.push(
    '',
    '| outcome | published (1) | truth | unadjusted DiD | quota-cell DiD | published (2) | truth by group G1…G5 | published G1…G5 |',
    '|---|---|---|---|---|---|---|---|',
  );
  const cell = Int32Array.from({ length: p.n }, (_, i) => quotaCell(p.woman[i], p.establishment[i], p.disability[i], p.saList[i], p.job450List[i]));
  const periods = Int32Array.from({ length: N_MONTHS }, (_, t) => MALMO_FIRST_MONTH + t);
  for (const [name, eff] of Object.entries(pub.effects)) {
    const tr = truth.outcomes[name];
    if (!tr) continue;
    let est = '';
    if (tr.file === 'monthly.csv') {
      const yv = c[name as keyof MonthlyColumns] as ArrayLike<number>;
      const base = { nUnits: p.n, nPeriods: N_MONTHS, periods, y: yv, group: p.group, groupStart: START_GROUPS.map((g) => g.start) };
      const un = cellDid({ ...base, cell: null });
      const adj = cellDid({ ...base, cell });
      est = `${fmt(un.overall)} | ${fmt(adj.overall)}`;
    } else est = ' | ';
    const unadj = (pub.unadjusted as Record<string, number>)[name];
    out.push(
      `| ${name} | ${fmt(eff.overall)} | ${fmt(tr.overall)} | ${est} | ${unadj === undefined ? '' : fmt(unadj)} | ${Object.values(tr.by_start_group).map(fmt).join(' ')} | ${eff.groups.map(fmt).join(' ')} |`,
    );
  }
  return out.join('\n');
}

if (require.main === module) {
  const seed = Number(process.argv[2] ?? 20230202);
  console.log(calibrationReport(seed));
}
