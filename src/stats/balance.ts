/**
 * One row of a balance table: a variable's mean (or share) in all, treated and control,
 * the difference with its t-test, the standardised mean difference and variance ratio,
 * and, given propensity-score weights, the same after weighting.
 *
 * Groups are masks over units; "all" is treated ∪ control. Table builders decide which
 * columns to print (R24 B3: all/T/C/p; R23 B5–B10: C mean, C n, T mean, T n, diff, t;
 * R23 B11: SMD and variance ratio, unweighted and weighted).
 */
import type { Label } from '../i18n/label';
import { maskOr, type Mask } from './mask';
import type { Value } from './na';
import { groupMoments, standardisedMeanDifference, varianceRatio } from './smd';
import { isBinary, summarize, type Summary } from './summary';
import { tTestFromSummaries, tTestNote, type TTest, type TTestOptions } from './ttest';

export interface WeightedBalance {
  treatedMean: Value;
  controlMean: Value;
  /** Weighted treated mean − weighted control mean. */
  diff: Value;
  smd: Value;
  varianceRatio: Value;
}

export interface BalanceRow {
  /** Whether the variable was treated as 0/1 (shares, p(1 − p) variances). */
  binary: boolean;
  all: Summary;
  treated: Summary;
  control: Summary;
  /** Unweighted t-test of treated − control (Welch unless `equalVariance`). */
  test: TTest;
  smd: Value;
  varianceRatio: Value;
  /** Present when weights were given. */
  weighted?: WeightedBalance;
}

export interface BalanceOptions extends TTestOptions {
  /** Weights for the weighted columns, e.g. `attWeights` from propensity.ts; one per unit. */
  weights?: Float64Array | null;
  /** Force binary or continuous treatment; default: binary when every value is 0 or 1. */
  binary?: boolean;
}

export function balanceRow(values: Float64Array, treated: Mask, control: Mask, opts: BalanceOptions = {}): BalanceRow {
  const all = maskOr(treated, control);
  const binary = opts.binary ?? isBinary(values, all);
  const t = summarize(values, treated);
  const c = summarize(values, control);
  const row: BalanceRow = {
    binary,
    all: summarize(values, all),
    treated: t,
    control: c,
    test: tTestFromSummaries(t, c, opts),
    smd: standardisedMeanDifference(values, treated, control, { binary }),
    varianceRatio: varianceRatio(values, treated, control, { binary }),
  };
  if (opts.weights) {
    const w = opts.weights;
    const wt = groupMoments(values, treated, w, binary).mean;
    const wc = groupMoments(values, control, w, binary).mean;
    row.weighted = {
      treatedMean: wt,
      controlMean: wc,
      diff: wt.value === null ? wt : wc.value === null ? wc : { value: wt.value - wc.value },
      smd: standardisedMeanDifference(values, treated, control, { binary, weights: w }),
      varianceRatio: varianceRatio(values, treated, control, { binary, weights: w }),
    };
  }
  return row;
}

/** The note a balance table carries: the test used and, if shown, the SMD/VR conventions. */
export function balanceNote(opts: TTestOptions & { smd?: boolean; weighted?: boolean } = {}): Label[] {
  const notes: Label[] = [tTestNote(opts)];
  if (opts.smd) {
    notes.push({
      sv:
        'Standardiserad skillnad = (medelvärde behandlade − medelvärde kontroller) / √((varians behandlade + varians kontroller)/2), ' +
        'med ovägda varianser i båda grupperna (för 0/1-variabler p(1 − p)); varianskvot = varians behandlade / varians kontroller.',
      en:
        'Standardised difference = (treated mean − control mean) / √((treated variance + control variance)/2), ' +
        'with unweighted variances in both groups (p(1 − p) for 0/1 variables); variance ratio = treated variance / control variance.',
    });
  }
  if (opts.weighted) {
    notes.push({
      sv:
        'Viktade kolumner: kontrollerna vägs med p/(1 − p), där p är den skattade sannolikheten (logit) att tillhöra behandlingsgruppen; behandlade har vikt 1.',
      en:
        'Weighted columns: controls are weighted by p/(1 − p), with p the estimated (logit) probability of being treated; treated units have weight 1.',
    });
  }
  return notes;
}
