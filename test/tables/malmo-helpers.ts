/**
 * A small Malmökraften-shaped panel (persons × months, or × years) with the per-person
 * columns the models and balance tables read, for unit tests.
 */
import { monthCode, type Panel } from '../../src/data/panel';
import { dateTag, START_GROUPS } from '../../src/data/schemas/malmokraften';
import { Rng } from '../../src/random/rng';
import { makePanel } from '../stats/helpers';

export interface MiniMalmo {
  panel: Panel;
  /** Start group index (0..4) per person, −1 for controls. */
  group: number[];
}

/**
 * `sizes[k]` participants in start group k and `controls` never-treated persons, months
 * `from`..`to` (month codes) or years when `yearly`. Outcome `y` = person level + calendar
 * trend + `effect` after the group's start; `y01` a 0/1 outcome.
 */
export function miniMalmo(opts: { seed: number; sizes: number[]; controls: number; from: number; to: number; yearly?: boolean; effect?: number }): MiniMalmo {
  const rng = new Rng(opts.seed);
  const rows: { unit: number; time: number; [c: string]: number }[] = [];
  const group: number[] = [];
  const uc: Record<string, number[]> = { start_month: [], list_group: [], woman: [], age: [], birth_region: [], education: [], disability: [], establishment: [], social_assistance_list: [], job450_list: [], treated: [], household: [], children_0_3: [], children_4_6: [], children_7_10: [] };
  for (const g of START_GROUPS) {
    const tag = dateTag(g.referenceDate);
    uc[`job_days_${tag}`] = [];
    uc[`af_days_${tag}`] = [];
    uc[`job450_${tag}`] = [];
  }
  for (let k = 1; k <= 5; k++) uc[`pool_g${k}`] = [];
  let id = 0;
  const persons = [...opts.sizes.flatMap((n, k) => Array.from({ length: n }, () => k)), ...Array.from({ length: opts.controls }, () => -1)];
  for (const k of persons) {
    id++;
    group.push(k);
    const start = k >= 0 ? START_GROUPS[k].start : 0;
    uc.start_month.push(start);
    uc.treated.push(k >= 0 ? 1 : 0);
    const list = k >= 0 ? k : rng.int(5);
    uc.list_group.push(list);
    uc.woman.push(rng.bernoulli(0.4));
    uc.age.push(25 + rng.int(35));
    uc.birth_region.push(rng.int(3));
    uc.education.push(rng.uniform() < 0.02 ? NaN : rng.int(4));
    uc.disability.push(rng.bernoulli(0.2));
    uc.establishment.push(rng.bernoulli(k >= 0 ? 0.3 : 0.2));
    uc.social_assistance_list.push(rng.bernoulli(k >= 0 ? 0.5 : 0.2));
    uc.job450_list.push(rng.bernoulli(0.2));
    uc.household.push(rng.int(2));
    for (const c of ['children_0_3', 'children_4_6', 'children_7_10']) uc[c].push(rng.bernoulli(0.15));
    START_GROUPS.forEach((g, j) => {
      const tag = dateTag(g.referenceDate);
      const jd = rng.int(700);
      uc[`job_days_${tag}`].push(jd);
      uc[`af_days_${tag}`].push(jd + rng.int(900));
      uc[`job450_${tag}`].push(jd >= 450 ? 1 : 0);
      uc[`pool_g${j + 1}`].push(k === j || rng.uniform() < 0.7 ? 1 : 0);
    });
    const level = rng.normal(0, 1);
    for (let t = opts.from; t <= opts.to; t++) {
      const startT = opts.yearly && start > 0 ? Math.floor(start / 12) : start;
      const post = start > 0 && t >= startT ? 1 : 0;
      const y = level + 0.01 * (t - opts.from) + (opts.effect ?? 0.5) * post + rng.normal(0, 0.5);
      rows.push({ unit: id, time: t, y, y01: y > 0.5 ? 1 : 0 });
    }
  }
  const panel = makePanel(rows, uc);
  return {
    panel: {
      ...panel,
      periodKind: opts.yearly ? 'year' : 'month',
      levels: {
        list_group: START_GROUPS.map((g) => g.code),
        birth_region: ['sweden', 'europe', 'outside_europe'],
        education: ['primary_lt9', 'primary_9', 'upper_secondary', 'post_secondary', 'unknown', 'none'],
        household: ['cohabiting', 'single'],
      },
    },
    group,
  };
}

export const MINI_MONTHS = { from: monthCode(2017, 1), to: monthCode(2020, 12) };
