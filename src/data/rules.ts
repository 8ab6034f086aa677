/**
 * The reading rules after parsing: ONE step, independent of the reader, that every file goes
 * through between "columns parsed" and "panel built". A CSV and a Parquet file therefore give
 * the same errors and the same warnings.
 *
 *   const raw: RawTable = await myReader(file, plan);        // cells already converted (convert.ts)
 *   const warnings = applyReadingRules(raw, { strict });     // throws CellProblem (record, column)
 *
 * In order: completeness (data lines, non-empty columns), cross-column rules of the
 * dictionary, then the group rule (empty = never treated, counted; a start after the last
 * period counted). Under `strict` (production runs, `--strict`, FINSAM_STRICT=1) a warning
 * that changes the sample is an error instead. Cell-level rules (missing tokens, decimal
 * numbers, decimal commas, identifiers) are in cell-text.ts and convert.ts; the table of all
 * rules is in src/data/README.md.
 */
import { checkCompleteness } from './completeness';
import { checkCrossColumns } from './cross-checks';
import { CellProblem } from './csv';
import { applyGroupRule } from './group-rule';
import type { RawTable } from './read-table';
import { strictFromEnv, type ReadWarning } from './warnings';

export interface RuleOptions {
  /** Sample-changing warnings become errors. Default: FINSAM_STRICT. */
  strict?: boolean;
}

/** Applies the plan's rules to a freshly read table (in place) and returns its warnings. */
export function applyReadingRules(raw: RawTable, opts: RuleOptions = {}): ReadWarning[] {
  const plan = raw.plan;
  checkCompleteness(raw, plan.nonEmpty ?? []);
  if (plan.checks) checkCrossColumns(raw, plan.checks);
  const warnings = plan.group ? applyGroupRule(raw, plan.group) : [];
  if (opts.strict ?? strictFromEnv()) {
    const w = warnings.find((x) => x.changesSample);
    if (w) throw new CellProblem(w.firstRecord, w.column, `--strict: ${w.count} ${w.what} ${w.reason}`);
  }
  return warnings;
}
