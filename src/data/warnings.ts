/**
 * Warnings of the reading layer: what a reading rule did to the data that the caller must
 * be told (a unit recoded as never treated, rows left out). One warning = one rule, with
 * the count of rows or units it touched and the first one affected, so a message can name
 * file, column and line. The estimators' own warnings (src/estimate, src/stats/twfe) stay
 * strings; `changesSample` marks the ones a production run (`--strict`) refuses.
 *
 * Every entry point reports warnings the same way: the command line writes one line each
 * to stderr (src/cli/report-warnings.ts); loadStudy hands them to `reportReadWarnings`,
 * which the render uses to show each notebook's warnings and to fail under --strict.
 */
import * as fs from 'node:fs';

export interface ReadWarning {
  file: string;
  column?: string;
  /** How many rows or units the rule touched. */
  count: number;
  what: 'rows' | 'units';
  /** Why, completing "N units …" / "N rows …" (e.g. "have an empty group: read as never treated"). */
  reason: string;
  /** True when the rule changes the sample or the coding the estimation sees. */
  changesSample: boolean;
  /** 0-based data record of the first row affected (for the line in messages), -1 if none. */
  firstRecord: number;
  /** 1-based line of that record, filled in by the reader once known. */
  line?: number;
}

/** "file, column "c": 3 units have … (first on line 12)". */
export function formatReadWarning(w: ReadWarning): string {
  const where = `${w.file}${w.column !== undefined ? `, column "${w.column}"` : ''}`;
  const one = w.what === 'rows' ? 'row' : 'unit';
  const noun = w.count === 1 ? one : w.what;
  const first = w.line !== undefined ? ` (first on line ${w.line})` : '';
  return `${where}: ${w.count} ${noun} ${w.reason}${first}`;
}

/** Whether production mode is on: FINSAM_STRICT=1 (set by `npm run report -- --strict`). */
export function strictFromEnv(): boolean {
  const v = process.env.FINSAM_STRICT;
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/**
 * Records warnings for the render: when FINSAM_WARNINGS_FILE is set (the render sets it per
 * notebook), each warning is appended to it as one JSON line. Outside the render it does
 * nothing; callers get the warnings in their results anyway.
 */
export function reportReadWarnings(warnings: readonly ReadWarning[]): void {
  const file = process.env.FINSAM_WARNINGS_FILE;
  if (!file || warnings.length === 0) return;
  const lines = warnings.map((w) => JSON.stringify({ source: 'data', message: formatReadWarning(w), changesSample: w.changesSample }) + '\n');
  fs.appendFileSync(file, lines.join(''));
}

/**
 * Estimator warnings (src/estimate, src/stats/twfe) that drop rows or units or recode the
 * comparison group. Their wording is R's, kept for parity with the reference outputs, so
 * they are recognised by it.
 */
const SAMPLE_CHANGING = /\b(dropped|dropping|left out|coerced|filtered out|missing in some periods|converting to balanced)\b/i;

export function warningChangesSample(message: string): boolean {
  return SAMPLE_CHANGING.test(message);
}

/** Same channel for warnings that are already sentences (an estimator's), e.g. source "attgt". */
export function reportWarningTexts(source: string, messages: readonly string[]): void {
  const file = process.env.FINSAM_WARNINGS_FILE;
  if (!file || messages.length === 0) return;
  fs.appendFileSync(file, messages.map((message) => JSON.stringify({ source, message, changesSample: warningChangesSample(message) }) + '\n').join(''));
}
