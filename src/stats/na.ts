/**
 * Explicit "not available" results.
 *
 * Every statistic in src/stats returns a `Value`: either a finite number or `null` with a
 * reason, so that degenerate input (an empty group, a constant variable, all values
 * missing) reaches the table as a worded NA instead of NaN or a crash.
 */
import type { Label } from '../i18n/label';

export type NaCode =
  | 'empty-group'
  | 'all-missing'
  | 'too-few'
  | 'constant'
  | 'zero-variance'
  | 'zero-weight'
  | 'not-binary'
  | 'collinear'
  | 'no-treatment-variation'
  | 'separation'
  | 'not-converged';

export interface Na {
  code: NaCode;
  /** Short bilingual reason, suitable for a cell (`Cell.na`) or a note. */
  reason: Label;
}

export type Value = { value: number; na?: undefined } | { value: null; na: Na };

export const NA_REASONS: Readonly<Record<NaCode, Label>> = {
  'empty-group': { sv: 'ingen i gruppen', en: 'empty group' },
  'all-missing': { sv: 'alla värden saknas', en: 'all values missing' },
  'too-few': { sv: 'för få observationer', en: 'too few observations' },
  constant: { sv: 'ingen variation', en: 'no variation' },
  'zero-variance': { sv: 'ingen variation inom en grupp', en: 'no variation within a group' },
  'zero-weight': { sv: 'vikterna summerar till noll', en: 'weights sum to zero' },
  'not-binary': { sv: 'inte en 0/1-variabel', en: 'not a 0/1 variable' },
  collinear: { sv: 'kolinjär (ingen variation efter fixa effekter)', en: 'collinear (no variation net of fixed effects)' },
  'no-treatment-variation': { sv: 'ingen variation i behandlingen', en: 'no variation in treatment' },
  separation: { sv: 'perfekt separation i logitmodellen', en: 'perfect separation in the logit model' },
  'not-converged': { sv: 'skattningen konvergerade inte', en: 'the estimation did not converge' },
};

/** The reason object for `code`. */
export function naOf(code: NaCode): Na {
  return { code, reason: NA_REASONS[code] };
}

/** An NA value with the reason for `code`. */
export function na(code: NaCode): Value {
  return { value: null, na: naOf(code) };
}

export function ok(x: number): Value {
  return { value: x };
}

/** `ok(x)` when x is finite, otherwise the NA `code` (the guard against NaN leaking out). */
export function finiteOr(x: number, code: NaCode): Value {
  return Number.isFinite(x) ? { value: x } : na(code);
}

/** The number, or NaN for an NA: for arithmetic inside src/stats only, never for tables. */
export function num(v: Value): number {
  return v.value === null ? NaN : v.value;
}
