/**
 * The synthetic data's known effects (data-synthetic/out/team-rct/truth.json), for checks
 * of the estimates. Real register data has no truth file: `readTeamRctTruth` returns null.
 *
 * truth.json gives, per outcome and sample (all, women, men), the group-aggregated effect
 * ("overall", the estimand of the headline), the dynamic post average and the effect by
 * event time, all computed from both potential outcomes of every person-month.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type TruthSample = 'all' | 'women' | 'men';

export interface TruthOutcome {
  readonly overall: number;
  readonly simple: number;
  readonly dynamic_post_average: number;
  readonly by_group: Readonly<Record<string, number>>;
  readonly by_event_time: { readonly e: readonly number[]; readonly att: readonly number[] };
}

export interface TeamRctTruth {
  readonly study: string;
  readonly seed: number;
  readonly definition: Readonly<Record<string, string>>;
  readonly start_groups: readonly { readonly start: string; readonly size: number }[];
  readonly outcomes: Readonly<Record<string, Readonly<Record<TruthSample, TruthOutcome>>>>;
}

/** The truth file of a data directory, or null when there is none (real data). */
export function readTeamRctTruth(dir: string): TeamRctTruth | null {
  const file = path.join(dir, 'truth.json');
  if (!fs.existsSync(file)) return null;
  const t = JSON.parse(fs.readFileSync(file, 'utf8')) as TeamRctTruth;
  if (t.study !== 'team-rct' || !t.outcomes) throw new Error(`${file}: not a team-rct truth file`);
  return t;
}

/** The sample whose truth a team-rct model estimates (Models 1–3: everyone). */
export function truthSample(model: string): TruthSample {
  return model === 'men' ? 'men' : model === 'women' ? 'women' : 'all';
}

/** Mean of the true event-time effects over e in [from, to] (the estimand of "after"). */
export function truthEventMean(o: TruthOutcome, from: number, to: number): number {
  let s = 0;
  let n = 0;
  o.by_event_time.e.forEach((e, i) => {
    if (e >= from && e <= to) {
      s += o.by_event_time.att[i];
      n++;
    }
  });
  return n > 0 ? s / n : NaN;
}
