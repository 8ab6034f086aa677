/**
 * Before/after effect tables (R24 Tables B8–B16): for each outcome two rows, the average
 * event-time effect in the months before the start ("före") and from the start on
 * ("efter"), both from the dynamic aggregation over the grid's event window. The columns,
 * stars and observations row are those of `effectTableFromGrid`.
 */
import type { MeasureUnit } from '../data/schema';
import type { Label, ReportTable } from '../report/model';
import { effectTableFromGrid, PICK, type GridLayoutRow, type GridTableSpec } from './effect-table';

export type BeforeAfterLayoutRow =
  | { readonly header: true; readonly key: string; readonly label: Label }
  | {
      readonly header?: false;
      readonly outcome: string;
      readonly unit: MeasureUnit;
      /** Row keys are `<key>_before` and `<key>_after` (default key: the outcome). */
      readonly key?: string;
      /** The measure's name; the rows read "<label> (före)" / "<label> (efter)" unless spelt out. */
      readonly label: Label;
      readonly before?: Label;
      readonly after?: Label;
    };

export const BEFORE: Label = { sv: 'före', en: 'before' };
export const AFTER: Label = { sv: 'efter', en: 'after' };

function suffixed(label: Label, s: Label): Label {
  return { sv: `${label.sv} (${s.sv})`, en: `${label.en} (${s.en})` };
}

/** Each outcome row as its before and after rows. */
export function beforeAfterRows(rows: readonly BeforeAfterLayoutRow[]): GridLayoutRow[] {
  const out: GridLayoutRow[] = [];
  for (const r of rows) {
    // `'outcome' in r` narrows also without strictNullChecks (tslab's compiler settings).
    if (!('outcome' in r)) {
      out.push(r);
      continue;
    }
    const key = r.key ?? r.outcome;
    out.push({ key: `${key}_before`, label: r.before ?? suffixed(r.label, BEFORE), outcome: r.outcome, unit: r.unit, pick: PICK.before });
    out.push({ key: `${key}_after`, label: r.after ?? suffixed(r.label, AFTER), outcome: r.outcome, unit: r.unit, pick: PICK.after });
  }
  return out;
}

/** What "before" and "after" average, from the grid's event window. */
export function beforeAfterNote(minE: number, maxE: number): Label {
  return {
    sv:
      `(före) = genomsnittet av de månadsvisa effekterna ${Math.abs(minE)} till 1 månad före första mötet; ` +
      `(efter) = genomsnittet från mötesmånaden till ${maxE} månader efter (händelsestudiens skattningar, lika vikt per månad).`,
    en:
      `(before) = the mean of the monthly effects from ${Math.abs(minE)} months to 1 month before the first meeting; ` +
      `(after) = the mean from the month of the meeting to ${maxE} months after it (the event-study estimates, equal weight per month).`,
  };
}

export function beforeAfterTableFromGrid(spec: Omit<GridTableSpec, 'rows'> & { readonly rows: readonly BeforeAfterLayoutRow[] }): ReportTable {
  const { minE, maxE } = spec.grid.settings.event;
  return effectTableFromGrid({ ...spec, rows: beforeAfterRows(spec.rows), notes: [...(spec.notes ?? []), beforeAfterNote(minE, maxE)] });
}
