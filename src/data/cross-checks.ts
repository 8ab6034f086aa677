/**
 * Cross-column rules of a data dictionary (FileSpec.checks), checked on a file's columns
 * whatever the reader. Each rule catches an extract whose columns contradict each other,
 * which no single-column check sees:
 *
 * - `requires`: where `when.column` is `when.equals`, `column` must have a value (a person
 *   other than 0 (0 and empty both mean "none" for a treatment start); a person
 *   in the treated arm without a treatment start would otherwise be read as never treated,
 *   turning a treated person into a control);
 * - `indicator`: a 0/1 column and the amount behind it agree (indicator 1 exactly when the
 *   amount is above 0; `wage = 1` with `wage_kr = 0` is an error). Empty cells are skipped.
 */
import { CellProblem } from './csv';
import type { RawTable } from './read-table';

export type CrossCheck =
  | { kind: 'requires'; when: { column: string; equals: string }; column: string; why?: string }
  | { kind: 'indicator'; indicator: string; amount: string };

function column(raw: RawTable, name: string): { values: Float64Array; perUnit: boolean } | undefined {
  if (raw.cols[name]) return { values: raw.cols[name], perUnit: false };
  if (raw.slotCols[name]) return { values: raw.slotCols[name], perUnit: true };
  return undefined;
}

/** Throws a CellProblem at the first row breaking a rule. Columns the file lacks are the reader's concern. */
export function checkCrossColumns(raw: RawTable, checks: readonly CrossCheck[]): void {
  for (const c of checks) {
    if (c.kind === 'requires') {
      const cond = column(raw, c.when.column);
      const target = column(raw, c.column);
      if (!cond || !target) continue;
      const levels = raw.levels[c.when.column];
      const code = levels ? levels.indexOf(c.when.equals) : Number(c.when.equals);
      for (let i = 0; i < target.values.length; i++) {
        const ci = cond.perUnit === target.perUnit ? i : target.perUnit ? -1 : raw.rowSlot[i];
        if (ci < 0) continue;
        const t = target.values[i];
        if (cond.values[ci] === code && (t !== t || t === 0)) {
          const record = target.perUnit ? raw.slotFirstRecord[i] : i;
          const why = c.why ? `: ${c.why}` : '';
          throw new CellProblem(record, c.column, `the cell is empty (or 0), but ${c.when.column} is ${c.when.equals}, which requires a value${why}`);
        }
      }
    } else {
      const ind = column(raw, c.indicator);
      const amt = column(raw, c.amount);
      if (!ind || !amt || ind.perUnit !== amt.perUnit) continue;
      for (let i = 0; i < ind.values.length; i++) {
        const a = ind.values[i];
        const b = amt.values[i];
        if (a !== a || b !== b) continue;
        if ((a === 1 && !(b > 0)) || (a === 0 && b > 0)) {
          const record = ind.perUnit ? raw.slotFirstRecord[i] : i;
          throw new CellProblem(
            record,
            c.indicator,
            `${c.indicator} is ${a} but ${c.amount} is ${b}: the indicator and the amount contradict each other (${c.indicator} is 1 exactly when ${c.amount} is above 0)`,
          );
        }
      }
    }
  }
}
