import { describe, expect, it } from 'vitest';
import { formatCellInline } from '../../src/format/cell';
import { tableNumbers } from '../../src/report/numbers';
import { checkItem } from '../../src/report/validate';
import type { ReportTable } from '../../src/report/model';
import { baconDecomposition } from '../../src/stats/bacon';
import { summariseReplications } from '../../src/simulate/monte-carlo';
import { powerCurve } from '../../src/simulate/power';
import { baconTypesTable } from '../../src/tables/method-bacon';
import { mdeTable } from '../../src/tables/method-mde';
import { replicationTable } from '../../src/tables/method-replications';
import { twfeBiasTable } from '../../src/tables/method-twfe-bias';

/** Every row as "label | cell | cell" in one language. */
function lines(t: ReportTable, lang: 'sv' | 'en'): string[] {
  return t.rows.map((r) => [r.label[lang], ...r.cells.map((c) => formatCellInline(c, lang))].join(' | '));
}

/** Two cohorts (start 2 and 4 of periods 1..5) and never treated; y = unit + time + effect. */
function smallPanel() {
  const y: number[] = [];
  const unit: number[] = [];
  const time: number[] = [];
  const d: number[] = [];
  const starts = [2, 2, 4, 4, 4, Infinity, Infinity];
  starts.forEach((g, u) => {
    for (let t = 1; t <= 5; t++) {
      const on = t >= g ? 1 : 0;
      unit.push(u);
      time.push(t);
      d.push(on);
      y.push(u * 0.3 + t * 0.1 + ((u * 7 + t * 3) % 5) * 0.01 + on * (g === 2 ? 2 * (t - g + 1) : 1));
    }
  });
  return { y, unit, time, d };
}

describe('method-twfe-bias', () => {
  const t = twfeBiasTable({ truth: 2.5, twfe: { est: -0.4, se: 0.1 }, bacon: -0.4, cs: { est: 2.4, se: 0.12 }, csControl: 'never', format: { decimals: 2 } });

  it('lists truth, TWFE, the Bacon sum and CS with the difference from the truth and whether the interval covers it', () => {
    checkItem(t);
    expect(t.id).toBe('method-twfe-bias');
    expect(lines(t, 'en')).toEqual([
      'True average effect on the treated | 2.50 |  | ',
      'Two-way fixed effects (TWFE) coefficient | −0.40 (0.10) | −2.90 | no',
      'Weighted sum of the Goodman-Bacon 2×2 comparisons | −0.40 | −2.90 | ',
      'Callaway–Sant’Anna (DR), never-treated comparison | 2.40 (0.12) | −0.10 | yes',
    ]);
    expect(lines(t, 'sv')[1]).toBe('Tvåvägs fixa effekter (TWFE), koefficient | −0,40 (0,10) | −2,90 | nej');
    expect(tableNumbers(t).find((n) => n.row === 'cs' && n.column === 'difference')!.value).toBeCloseTo(-0.1, 12);
  });

  it('names the not-yet-treated comparison and prints a missing estimate as NA, not NaN', () => {
    const u = twfeBiasTable({ truth: 1, twfe: { est: null, se: null }, bacon: 1, cs: { est: 1, se: 0.1 }, csControl: 'notyet', format: { decimals: 1 } });
    checkItem(u);
    expect(u.rows[3].label.en).toContain('not-yet-treated');
    expect(lines(u, 'en')[1]).toBe('Two-way fixed effects (TWFE) coefficient | the estimation did not converge | the estimation did not converge | ');
  });
});

describe('method-bacon-types', () => {
  const p = smallPanel();
  const b = baconDecomposition(p);
  const t = baconTypesTable(b, { decimals: 3 });

  it('has one row per kind of comparison and a total row equal to the TWFE coefficient', () => {
    checkItem(t);
    expect(t.id).toBe('method-bacon-types');
    expect(t.rows.map((r) => r.key)).toEqual(['treated-vs-never', 'earlier-vs-later', 'later-vs-earlier', 'total']);
    const nums = tableNumbers(t);
    const get = (row: string, col: string) => nums.find((n) => n.row === row && n.column === col)!.value!;
    // numbers.json carries the printed precision (3 decimals here).
    expect(get('total', 'contribution')).toBeCloseTo(b.estimate, 3);
    expect(get('total', 'weight')).toBeCloseTo(1, 12);
    expect(get('treated-vs-never', 'count')).toBe(2);
    const sum = ['treated-vs-never', 'earlier-vs-later', 'later-vs-earlier'].reduce((s, k) => s + get(k, 'contribution'), 0);
    expect(sum).toBeCloseTo(b.estimate, 2);
    expect(lines(t, 'sv')[3]).toMatch(/^Summa = TWFE-koefficienten \| 4 \| 100,0\u00a0% \|  \| /);
  });

  it('refuses a decomposition without comparisons', () => {
    const none = baconDecomposition({ y: [1, 2, 3, 4], unit: [1, 1, 2, 2], time: [1, 2, 1, 2], d: [0, 0, 0, 0] });
    expect(() => baconTypesTable(none, { decimals: 2 })).toThrow(/no comparisons/);
  });
});

describe('replication tables (method-dr-bias, method-coverage)', () => {
  const good = summariseReplications({ estimate: [0.9, 1.1, 1.0, 1.2], se: [0.1, 0.1, 0.1, 0.1] }, 1);
  const failed = summariseReplications({ estimate: [NaN, NaN], se: [1, 1] }, 1);

  it('groups rows under header rows and prints bias and coverage with their Monte Carlo SEs', () => {
    const t = replicationTable({
      id: 'method-dr-bias',
      title: { sv: 'T', en: 'T' },
      groups: [
        { key: 'none', label: { sv: 'Båda rätt', en: 'Both right' }, rows: [{ key: 'dr', label: { sv: 'DR', en: 'DR' }, summary: good }] },
        { key: 'both', label: { sv: 'Båda fel', en: 'Both wrong' }, rows: [{ key: 'dr', label: { sv: 'DR', en: 'DR' }, summary: failed }] },
      ],
      columns: ['bias', 'sd', 'meanSe', 'seRatio', 'coverage', 'reps'],
      format: { decimals: 2 },
    });
    checkItem(t);
    expect(t.rows.map((r) => [r.key, !!r.header])).toEqual([
      ['none', true],
      ['none.dr', false],
      ['both', true],
      ['both.dr', false],
    ]);
    const [, row] = lines(t, 'en');
    // mean 1.05, bias 0.05 (MC SE 0.129/2), SD 0.129, SE 0.10, ratio 0.77, coverage 3 of 4 (1.2 ± 0.196 misses 1)
    expect(row).toBe('DR | 0.05 (0.06) | 0.13 | 0.10 | 0.77 | 75.0% (21.7%) | 4');
    expect(lines(t, 'en')[3]).toBe('DR | all values missing | all values missing | all values missing | all values missing | all values missing | 0');
    expect(t.notes.at(-1)!.en).toContain('Monte Carlo standard error of the bias and the coverage');
    expect(t.notes.at(-1)!.sv).toContain('biasen och täckningen');
  });

  it('leaves out header rows for a group without a label and the note when nothing has a Monte Carlo SE', () => {
    const t = replicationTable({ id: 'method-coverage', title: { sv: 'T', en: 'T' }, groups: [{ key: 'all', label: { sv: '', en: '' }, rows: [{ key: 'dr', label: { sv: 'DR', en: 'DR' }, summary: good }] }], columns: ['mean', 'sd'], format: { decimals: 3 } });
    checkItem(t);
    expect(t.rows.map((r) => r.key)).toEqual(['dr']);
    expect(t.notes).toEqual([]);
    expect(lines(t, 'sv')).toEqual(['DR | 1,050 | 0,129']);
  });
});

describe('method-mde', () => {
  it('gives one row per follow-up with SE, SD, MDEs and simulated size and power', () => {
    const est = [-1.5, -0.5, 0, 0.5, 1.5, 2.5, -2.5, 0.2];
    const se = new Array(est.length).fill(1);
    const c = powerCurve(est, se, { followUp: 6, windowShare: 0.5, effects: [0, 1, 2] });
    const t = mdeTable([c], { decimals: 2 });
    checkItem(t);
    expect(t.id).toBe('method-mde');
    expect(t.rows[0].label).toEqual({ sv: '6 månader', en: '6 months' });
    const nums = tableNumbers(t);
    const get = (col: string) => nums.find((n) => n.column === col)!.value!;
    expect(get('meanSe')).toBe(1);
    // numbers.json carries the printed precision (2 decimals here).
    expect(get('mde')).toBeCloseTo(2.8016, 2);
    expect(get('mdeSimulated')).toBe(Number(c.mdeSimulated.toFixed(2)));
    expect(get('mdeFull')).toBeCloseTo(2 * c.mdeSimulated, 2);
    expect(get('size')).toBe(2 / 8);
    // 80 % of the 8 replications (7) must reject: |est + d| > 1.96 for all but one.
    expect(c.mdeSimulated).toBeGreaterThan(0);
    const rate = (d: number) => est.filter((e) => Math.abs(e + d) > 1.959963984540054).length / est.length;
    expect(rate(c.mdeSimulated)).toBeGreaterThanOrEqual(0.8);
    expect(rate(c.mdeSimulated - 1 / 200)).toBeLessThan(0.8);
    const never = powerCurve([0, 0], [1, 1], { followUp: 3, windowShare: 1, effects: [0] });
    const noMde = mdeTable([{ ...never, mdeSimulated: NaN, mdeFull: NaN }], { decimals: 2 });
    expect(lines(noMde, 'en')[0]).toContain('not reached within 6 SEs | not reached within 6 SEs');
    expect(() => mdeTable([], { decimals: 0 })).toThrow(/no curves/);
  });
});
