/**
 * The group rule: one reading of the treatment start (the "group", first treated period)
 * for every reader and every entry point (did, loadStudy, the render):
 *
 * - 0, empty or NA: never treated. Empty cells become 0 and are counted in a warning, so
 *   the output says how many units were read that way (the study dictionaries say the same).
 * - After the last period of the file: kept, and counted in a warning; the estimators treat
 *   such units as never treated (as R's did does, which also says so).
 * - Before the first period, or not one of the file's periods (2005.5, or 2005 in a file
 *   with 2004 and 2006 only): an error naming file, column and line.
 *
 * Periods are only known in a unit-period file; in a unit file only the first rule applies.
 */
import { formatValue } from './convert';
import { CellProblem } from './csv';
import { PeriodKind } from './panel';
import type { RawTable } from './read-table';
import type { ReadWarning } from './warnings';

export interface GroupRule {
  column: string;
  /** How periods are written, for messages (month codes print as YYYY-MM). */
  kind: PeriodKind;
  /** What the column is, in messages ("the group", "the treatment start"). */
  role?: string;
}

/** Applies the rule to `raw` in place (empty -> 0) and returns its warnings; throws a CellProblem. */
export function applyGroupRule(raw: RawTable, rule: GroupRule): ReadWarning[] {
  const perUnit = rule.column in raw.slotCols;
  const values = perUnit ? raw.slotCols[rule.column] : raw.cols[rule.column];
  if (!values) return [];
  const recordOf = (i: number) => (perUnit ? raw.slotFirstRecord[i] : i);
  const unitOf = (i: number) => (perUnit ? i : raw.rowSlot[i]);
  const show = (v: number) => formatValue(rule.kind, v);
  const role = rule.role ?? 'the group (first treated period)';

  let periods: { has(t: number): boolean } | undefined;
  let first = Infinity;
  let last = -Infinity;
  if (raw.periodCodes && raw.periodCodes.length > 0) {
    const codes = new Set(raw.periodCodes);
    periods = codes;
    for (const t of codes) {
      if (t < first) first = t;
      if (t > last) last = t;
    }
  } else if (raw.rowTime && raw.rowTime.length > 0) {
    const rt = raw.rowTime;
    let lo = rt[0];
    let hi = rt[0];
    for (let i = 1; i < rt.length; i++) {
      const t = rt[i];
      if (t < lo) lo = t;
      else if (t > hi) hi = t;
    }
    first = lo;
    last = hi;
    if (hi - lo < 1 << 22) {
      // Dense codes (months, years): a mark per code, not a Set insertion per row.
      const seen = new Uint8Array(hi - lo + 1);
      for (let i = 0; i < rt.length; i++) seen[rt[i] - lo] = 1;
      periods = { has: (t) => t >= lo && t <= hi && t % 1 === 0 && seen[t - lo] === 1 };
    } else {
      periods = new Set(rt);
    }
  }

  // Units are counted once, even when the group is stored on every row.
  const emptyUnits = new Set<number>();
  const afterUnits = new Set<number>();
  let firstEmpty = -1;
  let firstAfter = -1;
  for (let i = 0; i < values.length; i++) {
    const g = values[i];
    if (g !== g) {
      values[i] = 0;
      if (!emptyUnits.has(unitOf(i))) {
        emptyUnits.add(unitOf(i));
        if (firstEmpty < 0 || recordOf(i) < firstEmpty) firstEmpty = recordOf(i);
      }
      continue;
    }
    if (g === 0 || !periods) continue;
    if (g > last) {
      if (!afterUnits.has(unitOf(i))) {
        afterUnits.add(unitOf(i));
        if (firstAfter < 0 || recordOf(i) < firstAfter) firstAfter = recordOf(i);
      }
      continue;
    }
    if (g < first) {
      throw new CellProblem(recordOf(i), rule.column, `${role} ${show(g)} is before the first period of the data (${show(first)}); write 0 or leave it empty for never treated`);
    }
    if (!periods.has(g)) {
      const what = g % 1 !== 0 ? 'is not a whole period' : 'is not one of the periods in the data';
      throw new CellProblem(recordOf(i), rule.column, `${role} ${show(g)} ${what} (${show(first)} to ${show(last)})`);
    }
  }
  const out: ReadWarning[] = [];
  if (emptyUnits.size > 0) {
    out.push({
      file: raw.file,
      column: rule.column,
      count: emptyUnits.size,
      what: 'units',
      reason: `${emptyUnits.size === 1 ? 'has' : 'have'} an empty (or NA) group: read as never treated`,
      changesSample: false,
      firstRecord: firstEmpty,
    });
  }
  if (afterUnits.size > 0) {
    out.push({
      file: raw.file,
      column: rule.column,
      count: afterUnits.size,
      what: 'units',
      reason: `${afterUnits.size === 1 ? 'starts' : 'start'} after the last period of the data (${show(last)}): never treated in the estimation`,
      changesSample: true,
      firstRecord: firstAfter,
    });
  }
  return out;
}
