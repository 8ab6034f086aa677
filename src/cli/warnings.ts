/**
 * Warnings on the command line: every warning a command's result carries (the reading rules',
 * the estimator's) goes to stderr, one line each with its count and reason, so stdout stays
 * pure JSON under --json. Under --strict a warning that changes the sample is an error
 * (exit 2, nothing on stdout) instead: production runs must not lose rows or units silently.
 */
import type { ReadWarning } from '../data/warnings';
import { formatReadWarning, warningChangesSample } from '../data/warnings';

/** One warning as the command reports it. */
export interface CliWarning {
  message: string;
  changesSample: boolean;
}

export function estimatorWarning(message: string): CliWarning {
  return { message, changesSample: warningChangesSample(message) };
}

export function dataWarning(w: ReadWarning): CliWarning {
  return { message: formatReadWarning(w), changesSample: w.changesSample };
}

export function dataWarnings(ws: readonly ReadWarning[] | undefined): CliWarning[] {
  return (ws ?? []).map(dataWarning);
}

/** Under --strict, the first sample-changing warning becomes an error (a UserError: exit 2). */
export function enforceStrict(warnings: readonly CliWarning[], strict: boolean | undefined): void {
  if (!strict) return;
  const bad = warnings.filter((w) => w.changesSample);
  if (bad.length === 0) return;
  const err = new Error(
    `--strict: the sample would change (${bad.length} warning${bad.length === 1 ? '' : 's'}): ${bad.map((w) => w.message).join('; ')}`,
  );
  err.name = 'UserError';
  throw err;
}

/** Writes each warning to stderr, one line each. */
export function writeWarnings(warnings: readonly CliWarning[]): void {
  for (const w of warnings) process.stderr.write(`finsam-eval: warning: ${w.message.replace(/\s*\n\s*/g, ' ')}\n`);
}
