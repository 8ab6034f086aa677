/**
 * What the sensitivity analysis receives from an event study (Rambachan & Roth 2023, as R
 * HonestDiD's honest_did.AGGTEobj builds it from a did::aggte dynamic result): the event-time
 * estimates with the reference period dropped, and their covariance from the influence
 * functions, sigma = IF'IF / n^2 (influence sums per cluster when clustered).
 */
import { dynamicDetail, type AggteResult } from '../estimate/index';
import { mat, type Mat } from './matrix';

export class SensitivityInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export interface HonestInputs {
  /** Event times of betahat (reference period dropped), ascending. */
  readonly eventTimes: readonly number[];
  readonly betahat: Float64Array;
  /** Covariance of betahat (row-major). */
  readonly sigma: Mat;
  /** Event times before the reference period, and from the start on. */
  readonly numPre: number;
  readonly numPost: number;
  /** The dropped reference period (e = -1 - anticipation). */
  readonly reference: number;
}

/**
 * Inputs from a dynamic aggregation of a universal-base attgt result. Refuses a varying base
 * period (its pre-period estimates are short differences, not deviations from one reference
 * period, so the restrictions on delta would not mean what they say), NA event times, and a
 * window without a pre-period besides the reference or without a post period.
 */
export function honestInputs(dyn: AggteResult): HonestInputs {
  if (dyn.type !== 'dynamic') throw new SensitivityInputError(`the sensitivity analysis needs a dynamic (event-study) aggregation, got ${dyn.type}`);
  const d = dynamicDetail(dyn);
  if (!d) throw new SensitivityInputError('the dynamic aggregation carries no influence functions (it was not made by aggte)');
  if (d.base !== 'universal') {
    throw new SensitivityInputError(
      'the sensitivity analysis needs a universal base period (base: universal): with a varying base period the pre-period estimates are month-to-month changes, not deviations from one reference period',
    );
  }
  const reference = -1 - d.anticipation;
  const keep: number[] = [];
  dyn.by.forEach((row, q) => {
    if (row.e === reference) return;
    if (row.att === null) throw new SensitivityInputError(`event time ${row.e} has no estimate (NA); narrow the window (minE/maxE) so every event time is estimated`);
    keep.push(q);
  });
  const refRow = dyn.by.find((r) => r.e === reference);
  if (!refRow) throw new SensitivityInputError(`the event study has no reference period e = ${reference}`);
  if (refRow.att !== 0) throw new SensitivityInputError(`the reference period e = ${reference} is not normalised to 0 (att ${refRow.att})`);
  const eventTimes = keep.map((q) => dyn.by[q].e);
  const numPre = eventTimes.filter((e) => e < reference).length;
  const numPost = eventTimes.length - numPre;
  if (eventTimes.some((e) => e > reference && e < reference + 1)) throw new SensitivityInputError('unexpected event times between the reference and the start');
  if (numPost < 1) throw new SensitivityInputError('the event study has no period from the start on (e >= 0)');
  const inf = d.influence;
  const n = inf[0]?.length ?? 0;
  const k = keep.length;
  // Per-cluster sums of the influence functions when clustered (as the aggte SEs).
  const cols = keep.map((q) => {
    if (!d.clusterCode) return inf[q];
    const s = new Float64Array(d.nClusters);
    const v = inf[q];
    for (let i = 0; i < n; i++) s[d.clusterCode[i]] += v[i];
    return s;
  });
  const sigma = mat(k, k);
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      const x = cols[a];
      const y = cols[b];
      let s = 0;
      for (let i = 0; i < x.length; i++) s += x[i] * y[i];
      const v = s / (n * n);
      sigma.v[a * k + b] = v;
      sigma.v[b * k + a] = v;
    }
  }
  return { eventTimes, betahat: Float64Array.from(keep.map((q) => dyn.by[q].att!)), sigma, numPre, numPost, reference };
}

/** Inputs from numbers (e.g. a published event study): betahat with the reference dropped. */
export function inputsFromArrays(eventTimes: readonly number[], betahat: ArrayLike<number>, sigma: ArrayLike<number>, reference = -1): HonestInputs {
  const k = eventTimes.length;
  if (betahat.length !== k || sigma.length !== k * k) throw new SensitivityInputError(`betahat needs ${k} values and sigma ${k}x${k}`);
  const numPre = eventTimes.filter((e) => e < reference).length;
  return { eventTimes: [...eventTimes], betahat: Float64Array.from(betahat), sigma: mat(k, k, sigma), numPre, numPost: k - numPre, reference };
}

/**
 * The target's weights l over the post periods: one event time (HonestDiD's event_time),
 * or the plain average over all post periods.
 */
export function targetWeights(inputs: HonestInputs, target: { e: number } | 'average'): Float64Array {
  const post = inputs.eventTimes.slice(inputs.numPre);
  const l = new Float64Array(inputs.numPost);
  if (target === 'average') return l.fill(1 / inputs.numPost);
  const j = post.indexOf(target.e);
  if (j < 0) throw new SensitivityInputError(`event time ${target.e} is not a post period of the event study (available: ${post.join(', ')})`);
  l[j] = 1;
  return l;
}
