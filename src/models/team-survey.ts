/**
 * The survey evaluation of R23 (chapter 4, appendix 1): equation (1),
 *
 *   y_it = b0 + b1·team_it + X_it·b + γ_year + δ_person + ε_it,
 *
 * fitted by two-way fixed effects (person and calendar year of the answer) with standard
 * errors clustered by person (src/stats/twfe.ts, as fixest::feols). One model per question
 * and sample; the samples are R23's: the main one (waves 1–2 answered within 30 days),
 * Table B4's A (within 14 days), B (the same with a 0/1 outcome: answer ≥ 7, for Q4 at
 * least one activity) and C (all three waves within 30 days).
 *
 * X_it: sex, foreign background and education are constant within a person and absorbed by
 * the person effects; age at the answer (answer year − birth year) is absorbed by the person
 * and year effects together. They are passed anyway, so the model is the equation as
 * written, and come back as NA 'collinear' (Stata and fixest drop them the same way).
 */
import type { Panel } from '../data/panel';
import { SURVEY_QUESTIONS } from '../data/schemas/team-survey';
import { na, ok, type Value } from '../stats/na';
import { twfe, type TwfeCoef, type TwfeResult } from '../stats/twfe';
import type { Label } from '../i18n/label';

export type SurveyQuestion = (typeof SURVEY_QUESTIONS)[number]['column'];

export interface SurveySample {
  key: string;
  label: Label;
  /** Survey waves included. */
  waves: readonly number[];
  /** Largest answer delay in days (from sending to answering) kept. */
  maxDelay: number;
  /** 0/1 outcome: answer ≥ 7 on the 0–10 scale, Q4 ≥ 1 activity (a linear probability model). */
  binary?: boolean;
}

export const SURVEY_SAMPLES = {
  main: {
    key: 'main',
    label: { sv: 'Enkät 1 och 2, svarat inom 30 dagar', en: 'Surveys 1 and 2, answered within 30 days' },
    waves: [1, 2],
    maxDelay: 30,
  },
  within14: {
    key: 'within14',
    label: { sv: 'Enkät 1 och 2, svarat inom 14 dagar', en: 'Surveys 1 and 2, answered within 14 days' },
    waves: [1, 2],
    maxDelay: 14,
  },
  binary14: {
    key: 'binary14',
    label: { sv: 'Enkät 1 och 2, svarat inom 14 dagar, binärt utfall', en: 'Surveys 1 and 2, answered within 14 days, binary outcome' },
    waves: [1, 2],
    maxDelay: 14,
    binary: true,
  },
  allWaves: {
    key: 'allWaves',
    label: { sv: 'Samtliga enkäter 1–3, svarat inom 30 dagar', en: 'All surveys 1–3, answered within 30 days' },
    waves: [1, 2, 3],
    maxDelay: 30,
  },
} as const satisfies Record<string, SurveySample>;

/** Background variables of X_it (see the top of this file for why they drop out). */
export const SURVEY_COVARIATES = ['woman', 'foreign_background', 'education', 'age'] as const;

/** Answer → 0/1 for Table B4 panel B: 1 if ≥ 7 on 0–10, for Q4 (0–4 activities) 1 if ≥ 1. */
export function binaryCut(question: string): number {
  const q = SURVEY_QUESTIONS.find((s) => s.column === question);
  if (!q) throw new RangeError(`binaryCut: unknown survey question "${question}"`);
  return q.range[1] === 4 ? 1 : 7;
}

/** Calendar year of each answer (answer_date is a day number since 1970-01-01). */
export function answerYear(answers: Panel): Float64Array {
  const d = column(answers, 'answer_date');
  const out = new Float64Array(answers.nRows);
  for (let r = 0; r < answers.nRows; r++) out[r] = Number.isFinite(d[r]) ? new Date(d[r] * 86_400_000).getUTCFullYear() : NaN;
  return out;
}

function column(p: Panel, name: string): Float64Array {
  const c = p.cols[name] ?? p.unitCols[name];
  if (!c) throw new RangeError(`team-survey: no column "${name}" in the answers panel`);
  return c;
}

/** Rows of `answers` in the sample (wave and delay), as a 0/1 mask per row. */
export function sampleRows(answers: Panel, sample: SurveySample): Uint8Array {
  const delay = column(answers, 'delay_days');
  const keep = new Uint8Array(answers.nRows);
  for (let r = 0; r < answers.nRows; r++) keep[r] = sample.waves.includes(answers.rowTime[r]) && delay[r] <= sample.maxDelay ? 1 : 0;
  return keep;
}

/** The outcome of one question in a sample: the answer (or its 0/1 cut), NaN outside the sample. */
export function sampleOutcome(answers: Panel, question: string, sample: SurveySample): Float64Array {
  const y = column(answers, question);
  const keep = sampleRows(answers, sample);
  const cut = sample.binary ? binaryCut(question) : NaN;
  const out = new Float64Array(answers.nRows);
  for (let r = 0; r < answers.nRows; r++) {
    const v = y[r];
    out[r] = !keep[r] || Number.isNaN(v) ? NaN : sample.binary ? (v >= cut ? 1 : 0) : v;
  }
  return out;
}

/** Unit-level column repeated per row; a category column as one 0/1 column per level but the first. */
function covariateColumns(answers: Panel, name: string): { names: string[]; values: Float64Array[] } {
  if (answers.cols[name]) return { names: [name], values: [answers.cols[name]] };
  const unit = column(answers, name);
  const rows = (f: (v: number) => number) => {
    const out = new Float64Array(answers.nRows);
    for (let r = 0; r < answers.nRows; r++) {
      const v = unit[answers.rowUnit[r]];
      out[r] = Number.isNaN(v) ? NaN : f(v);
    }
    return out;
  };
  const levels = answers.levels[name];
  if (!levels) return { names: [name], values: [rows((v) => v)] };
  const names: string[] = [];
  const values: Float64Array[] = [];
  for (let l = 1; l < levels.length; l++) {
    names.push(`${name}:${levels[l]}`);
    values.push(rows((v) => (v === l ? 1 : 0)));
  }
  return { names, values };
}

export interface SurveyModel {
  question: string;
  sample: SurveySample;
  fit: TwfeResult;
  /** b1, the coefficient of team. */
  effect: TwfeCoef;
  /** Mean of the outcome over the sample's wave-1 answers (R23's "Medelvärde"). */
  wave1Mean: Value;
  /** Answers used (N) and persons = clusters. */
  observations: number;
  persons: number;
}

/**
 * Equation (1) for one question and sample. As in any regression on X_it, answers of a
 * person whose education is not recorded drop out (the variable is then absorbed, but the
 * row has a missing regressor); pass `covariates: []` for the model without X_it.
 */
export function surveyTwfe(answers: Panel, question: string, sample: SurveySample, covariates: readonly string[] = SURVEY_COVARIATES): SurveyModel {
  const y = sampleOutcome(answers, question, sample);
  const x: Float64Array[] = [column(answers, 'team')];
  const names = ['team'];
  for (const c of covariates) {
    const cc = covariateColumns(answers, c);
    x.push(...cc.values);
    names.push(...cc.names);
  }
  const fit = twfe({ y, unit: answers.rowUnit, time: answerYear(answers), x, names });
  // Wave-1 mean over the answers the model uses (outcome and every regressor present).
  let sum = 0;
  let n = 0;
  for (let r = 0; r < answers.nRows; r++) {
    if (answers.rowTime[r] === 1 && Number.isFinite(y[r]) && x.every((c) => Number.isFinite(c[r]))) {
      sum += y[r];
      n++;
    }
  }
  return {
    question,
    sample,
    fit,
    effect: fit.coef[0],
    wave1Mean: n > 0 ? ok(sum / n) : na('empty-group'),
    observations: fit.n,
    persons: fit.clusters,
  };
}

/** Equation (1) for every question in one sample, in the order of `questions`. */
export function surveyModels(answers: Panel, sample: SurveySample, questions: readonly string[] = SURVEY_QUESTIONS.map((q) => q.column)): SurveyModel[] {
  return questions.map((q) => surveyTwfe(answers, q, sample));
}

/** Per person: the answer to `column` at `wave` within `maxDelay` days (NaN if none). */
export function waveAnswers(answers: Panel, column: string, wave: number, maxDelay = Infinity): Float64Array {
  const values = answers.cols[column];
  if (!values) throw new RangeError(`waveAnswers: no answer column "${column}"`);
  const delay = answers.cols.delay_days;
  const out = new Float64Array(answers.nUnits).fill(NaN);
  for (let r = 0; r < answers.nRows; r++) {
    if (answers.rowTime[r] === wave && delay[r] <= maxDelay) out[answers.rowUnit[r]] = values[r];
  }
  return out;
}

/** Per person: 1 if the person has at least one answer in the sample's waves and delay. */
export function sampleUnits(answers: Panel, sample: SurveySample): Uint8Array {
  const rows = sampleRows(answers, sample);
  const out = new Uint8Array(answers.nUnits);
  for (let r = 0; r < answers.nRows; r++) if (rows[r]) out[answers.rowUnit[r]] = 1;
  return out;
}
