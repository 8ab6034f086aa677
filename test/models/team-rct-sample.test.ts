/**
 * The sample rules of R24's five models, pinned on a small constructed panel: which
 * persons and which months each model keeps under the default spec and under each
 * alternative setting, and that the engine estimates on exactly that sample (its n and
 * nObs equal the stated persons and person-months).
 */
import { describe, expect, it } from 'vitest';
import { monthCode, type Panel } from '../../src/data/panel';
import { startGroups } from '../../src/data/schemas/team-rct';
import { fitDid, fitGrid, gridFit } from '../../src/models/did-grid';
import { modelSample } from '../../src/models/sample';
import { codeStarts, measuredLabel, START_GROUP_COLUMN, TEAM_RCT_MODELS, TEAM_RCT_SETTINGS, TEAM_RCT_SPEC, teamRctModels, type TeamRctSpec } from '../../src/models/team-rct';
import { Rng } from '../../src/random/rng';
import { monthlyLayout } from '../helpers/monthly-panel';
import { teamRctColumnLabels, teamRctWindowNote } from '../../src/tables/team-rct-effects';
import { TEAM_RCT_EVENT_FIGURES, teamRctEventFigures } from '../../src/figures/team-rct-event-studies';
import type { DidGrid } from '../../src/models/did-grid';

const FIRST = monthCode(2018, 7);
const LAST = monthCode(2023, 6);
const N = 36;
/** Nine start groups of four persons; group j meets the team in months 2019-08 + 3j .. +2 (the last group 2021-08..2021-10). */
const meeting = Array.from({ length: N }, (_, i) => monthCode(2019, 8) + 3 * Math.floor(i / 4) + (i % 4 === 3 ? 2 : i % 4 === 2 ? 1 : 0));
const EDU = ['primary_9', 'upper_secondary', 'post_secondary', 'missing'];
/** Persons 5 and 22 have no recorded education; person 7 lacks wage data in 2018-09 (before Model 2's window). */
const eduOf = (i: number) => (i === 5 || i === 22 ? 3 : i % 3);

function constructed(spec: TeamRctSpec): Panel {
  const groups = codeStarts(startGroups(meeting), meeting, spec);
  const months = LAST - FIRST + 1;
  const nRows = N * months;
  const rng = new Rng(11);
  const wage = new Float64Array(nRows);
  const misWork = new Float64Array(nRows);
  for (let u = 0, r = 0; u < N; u++)
    for (let p = 0; p < months; p++, r++) {
      wage[r] = u === 7 && FIRST + p === monthCode(2018, 9) ? NaN : 1000 + 50 * u + rng.normal(0, 100) + (FIRST + p >= meeting[u] ? 300 : 0);
      misWork[r] = rng.uniform() < 0.3 ? 1 : 0;
    }
  const unit = (f: (u: number) => number) => Float64Array.from({ length: N }, (_, u) => f(u));
  return {
    ...monthlyLayout(unit((u) => 1001 + u), FIRST, months),
    cols: { wage_kr: wage, mis_work: misWork },
    unitCols: {
      [START_GROUP_COLUMN]: Float64Array.from(groups.unitStart),
      woman: unit((u) => (u % 2 === 0 ? 1 : 0)),
      education: unit(eduOf),
      age: unit((u) => 25 + u),
      foreign_background: unit((u) => u % 3 === 0 ? 1 : 0),
      small_children: unit((u) => (u % 5 === 0 ? 1 : 0)),
      marital_status: unit((u) => u % 2),
      federation: unit((u) => u % 3),
    },
    levels: { education: EDU, marital_status: ['unmarried', 'married'], federation: ['goteborg', 'insjoriket', 'stockholm'] },
  };
}

const all = Array.from({ length: N }, (_, u) => u);
const women = all.filter((u) => u % 2 === 0);
const men = all.filter((u) => u % 2 === 1);
const without = (xs: number[], ...drop: number[]) => xs.filter((u) => !drop.includes(u));
const sampleOf = (spec: TeamRctSpec, key: string, outcome = 'wage_kr') => {
  const panel = constructed(spec);
  const model = teamRctModels(spec, [outcome]).find((m) => m.key === key)!;
  return { panel, model, s: modelSample(panel, model, outcome, TEAM_RCT_SETTINGS) };
};

describe('R24 model samples on a constructed panel (default spec)', () => {
  const lastStart = monthCode(2021, 8); // the last group's first month
  it('Model 1: everyone observed in every month, from the panel\'s first month to the month before the last group starts', () => {
    const { s } = sampleOf(TEAM_RCT_SPEC, 'm1');
    expect(s.persons).toEqual(without(all, 7)); // person 7 misses 2018-09
    expect([s.from, s.to]).toEqual([FIRST, lastStart - 1]);
    expect(s.lastGroupStart).toBe(lastStart);
    expect(s.rows).toBe(35 * (lastStart - FIRST));
  });
  it('Model 2: from January 2019, so person 7 (missing only in 2018) is back: Model 2 can differ from Model 1 only through its persons', () => {
    const { s } = sampleOf(TEAM_RCT_SPEC, 'm2');
    expect(s.persons).toEqual(all);
    expect([s.from, s.to]).toEqual([monthCode(2019, 1), lastStart - 1]);
  });
  it('Model 3: Model 1 without the persons lacking a recorded education', () => {
    const { s } = sampleOf(TEAM_RCT_SPEC, 'm3');
    expect(s.persons).toEqual(without(all, 5, 7, 22));
    expect([s.from, s.to]).toEqual([FIRST, lastStart - 1]);
  });
  it('men and women: Model 1 on each sex, same months (the groups are the whole sample\'s)', () => {
    expect(sampleOf(TEAM_RCT_SPEC, 'men').s.persons).toEqual(without(men, 7));
    expect(sampleOf(TEAM_RCT_SPEC, 'women').s.persons).toEqual(women);
    expect(sampleOf(TEAM_RCT_SPEC, 'men').s.to).toBe(lastStart - 1);
  });
  it('the engine estimates on exactly the stated sample', () => {
    for (const key of ['m1', 'm2', 'men', 'women']) {
      const { panel, model, s } = sampleOf(TEAM_RCT_SPEC, key);
      const fit = fitDid(panel, model, 'wage_kr', TEAM_RCT_SETTINGS);
      expect([fit.n, fit.nObs], key).toEqual([s.persons.length, s.rows]);
      expect(fit.groupSizes.length, key).toBe(8); // the last group is comparison only
    }
  });
});

describe('R24 model samples under the alternative settings', () => {
  it('missingCovariates = category keeps Model 1\'s persons in Model 3', () => {
    const { s } = sampleOf({ ...TEAM_RCT_SPEC, missingCovariates: 'category' }, 'm3');
    expect(s.persons).toEqual(without(all, 7));
  });
  it('startCoding = middle / last moves every coded start, and with it the last comparison month', () => {
    expect(sampleOf({ ...TEAM_RCT_SPEC, startCoding: 'middle' }, 'm1').s.to).toBe(monthCode(2021, 8));
    expect(sampleOf({ ...TEAM_RCT_SPEC, startCoding: 'last' }, 'm1').s.to).toBe(monthCode(2021, 9));
    const panel = constructed({ ...TEAM_RCT_SPEC, startCoding: 'middle' });
    expect(panel.unitCols[START_GROUP_COLUMN][0]).toBe(monthCode(2019, 9));
  });
  it('lastGroupStart = last-month keeps the last group as comparison until its last month; the other groups keep their first month', () => {
    const spec: TeamRctSpec = { ...TEAM_RCT_SPEC, lastGroupStart: 'last-month' };
    const { panel, s } = sampleOf(spec, 'm1');
    expect(s.lastGroupStart).toBe(monthCode(2021, 10));
    expect(s.to).toBe(monthCode(2021, 9));
    expect(panel.unitCols[START_GROUP_COLUMN][0]).toBe(monthCode(2019, 8));
  });
  it('annualBefore2019 = from-2019 starts the main-income-source outcomes in January 2019 in every model; wages keep the model window', () => {
    const spec: TeamRctSpec = { ...TEAM_RCT_SPEC, annualBefore2019: 'from-2019' };
    expect(sampleOf(spec, 'm1', 'mis_work').s.from).toBe(monthCode(2019, 1));
    expect(sampleOf(spec, 'men', 'mis_work').s.from).toBe(monthCode(2019, 1));
    expect(sampleOf(spec, 'm1', 'wage_kr').s.from).toBe(FIRST);
    expect(sampleOf(TEAM_RCT_SPEC, 'm1', 'mis_work').s.from).toBe(FIRST);
    const { panel, model, s } = sampleOf(spec, 'm1', 'mis_work');
    const fit = fitDid(panel, model, 'mis_work', TEAM_RCT_SETTINGS);
    expect([fit.n, fit.nObs]).toEqual([s.persons.length, s.rows]);
  });
});

describe('coverage = observed: each person\'s recorded months (the engine\'s unbalanced panel)', () => {
  const spec: TeamRctSpec = { ...TEAM_RCT_SPEC, coverage: 'observed' };
  const lastStart = monthCode(2021, 8);
  const months = lastStart - FIRST;
  it('Model 1 keeps person 7 without his missing month: the count is no longer persons × months', () => {
    const { s } = sampleOf(spec, 'm1');
    expect(s.persons).toEqual(all);
    expect(s.rows).toBe(N * months - 1);
    expect(s.rows % months).not.toBe(0);
    // The balanced default drops person 7 altogether.
    expect(sampleOf(TEAM_RCT_SPEC, 'm1').s.rows).toBe((N - 1) * months);
  });
  it('Model 3 still leaves out the persons without a recorded education; men and women add up to all', () => {
    expect(sampleOf(spec, 'm3').s.persons).toEqual(without(all, 5, 22));
    expect(sampleOf(spec, 'men').s.rows + sampleOf(spec, 'women').s.rows).toBe(sampleOf(spec, 'm1').s.rows);
  });
  it('the engine estimates on exactly the stated sample', () => {
    for (const key of ['m1', 'm3', 'men']) {
      const { panel, model, s } = sampleOf(spec, key);
      expect(model.options?.unbalanced, key).toBe(true);
      const fit = fitDid(panel, model, 'wage_kr', TEAM_RCT_SETTINGS);
      expect([fit.n, fit.nObs], key).toEqual([s.persons.length, s.rows]);
      expect(fit.groupSizes.length, key).toBe(8);
    }
  });
  it('on a complete panel both readings agree (the synthetic registers have every month)', () => {
    const { s } = sampleOf(spec, 'm2'); // person 7's gap lies before 2019
    expect(s.rows).toBe(sampleOf(TEAM_RCT_SPEC, 'm2').s.rows);
  });
});

describe('notes state the months measured: the model window cut to the data', () => {
  // The constructed panel runs 2018-07..2023-06, inside Model 1's defined 2015-01..2024-04.
  const spec: TeamRctSpec = { ...TEAM_RCT_SPEC, annualBefore2019: 'from-2019' };
  const panel = constructed(spec);
  const grid = fitGrid(panel, teamRctModels(spec, ['wage_kr', 'mis_work']), ['wage_kr', 'mis_work'], TEAM_RCT_SETTINGS);
  it('each fit carries the data months inside its window', () => {
    expect([gridFit(grid, 'm1', 'wage_kr').from, gridFit(grid, 'm1', 'wage_kr').to]).toEqual([FIRST, LAST]);
    expect([gridFit(grid, 'm2', 'wage_kr').from, gridFit(grid, 'm2', 'wage_kr').to]).toEqual([monthCode(2019, 1), monthCode(2022, 12)]);
    expect(gridFit(grid, 'm1', 'mis_work').from).toBe(monthCode(2019, 1)); // from-2019
  });
  it('the table note names the months of the data, never the definition\'s April 2024', () => {
    const note = teamRctWindowNote(grid, ['wage_kr', 'mis_work']);
    expect(note.sv).toContain('modell 1, modell 3, modell 1 för män och modell 1 för kvinnor juli 2018–juni 2023');
    expect(note.sv).toContain('modell 2 januari 2019–december 2022');
    expect(note.en).toMatch(/\(.+: January 2019–June 2023\)/); // the outcome with its own start is named
    expect(note.sv + note.en).not.toMatch(/april 2024/i);
    // Tables without such an outcome have one period per column group and no parenthesis.
    expect(teamRctWindowNote(grid, ['wage_kr']).en).toBe(
      "Period measured (the model's window within the months in the data): Model 1, Model 3, Model 1 for men and Model 1 for women July 2018–June 2023; Model 2 January 2019–December 2022.",
    );
  });
  it('column labels keep R24\'s model names but state the months measured where the data do not cover the defined years', () => {
    const labels = teamRctColumnLabels(grid, ['wage_kr', 'mis_work']);
    // Model 1 is defined 2015-01..2024-04; the data hold 2018-07..2023-06.
    expect(labels.m1.sv).toBe('Modell 1: lång uppföljning juli 2018–juni 2023');
    expect(labels.m1.en).toBe('Model 1: long follow-up July 2018–June 2023');
    expect(labels.m3.sv).toBe('Modell 3: lång uppföljning juli 2018–juni 2023 justerad för möjlig selektion av deltagare');
    // Model 2 (2019-01..2022-12) lies inside the data: ISF's name as printed.
    expect(labels.m2.sv).toBe('Modell 2: kortare uppföljning 2019–2022');
    expect(labels.men.sv).toBe('Modell 1 för män'); // no period claimed
    for (const l of Object.values(labels)) expect(l.sv + l.en).not.toMatch(/2015–2024|2024/);
  });
});

describe('event-study notes name the model by the months measured', () => {
  // Every figure outcome carries Model 1's wage fit on the constructed panel (2018-07..2023-06): only the note's wording is under test.
  const panel = constructed(TEAM_RCT_SPEC);
  const real = fitGrid(panel, teamRctModels(TEAM_RCT_SPEC, ['wage_kr']).slice(0, 1), ['wage_kr'], TEAM_RCT_SETTINGS);
  const ys = TEAM_RCT_EVENT_FIGURES.flatMap((f) => f.panels.map((p) => p.y));
  const fit = gridFit(real, 'm1', 'wage_kr');
  const grid: DidGrid = { ...real, outcomes: ys, fits: { m1: Object.fromEntries(ys.map((y) => [y, fit])) } };
  it('no "2015–2024" on data that do not cover it, and the months are said once', () => {
    for (const f of teamRctEventFigures(grid)) {
      const note = f.notes.map((n) => n.sv).join(' ');
      expect(note, f.id).toContain('Modell 1: lång uppföljning juli 2018–juni 2023; från 40 månader före till 20 månader efter första mötet.');
      expect(note, f.id).not.toContain('2015–2024');
      expect(note, f.id).not.toContain('mätt');
      expect(f.notes.map((n) => n.en).join(' '), f.id).toContain('Model 1: long follow-up July 2018–June 2023; from 40 months');
    }
  });
});

describe('measuredLabel: ISF\'s model name on full data, the months measured on a shorter extract', () => {
  const m1 = TEAM_RCT_MODELS.find((m) => m.key === 'm1')!;
  it('data covering the defined window (or more): the label is R24\'s', () => {
    expect(measuredLabel(m1, monthCode(2015, 1), monthCode(2024, 4))).toEqual(m1.label);
  });
  it('data ending December 2023: no "2015–2024"', () => {
    const l = measuredLabel(m1, monthCode(2015, 1), monthCode(2023, 12));
    expect(l).toEqual({ sv: 'Modell 1: lång uppföljning januari 2015–december 2023', en: 'Model 1: long follow-up January 2015–December 2023' });
  });
  it('data starting late: the first month is stated too; no data months: the label as defined', () => {
    expect(measuredLabel(m1, monthCode(2016, 3), monthCode(2024, 4)).en).toBe('Model 1: long follow-up March 2016–April 2024');
    expect(measuredLabel(m1, NaN, NaN)).toEqual(m1.label);
  });
});
